"""Common-noun phrases bound to the named armed group of the article (sentences of our own)."""

from __future__ import annotations

from actor_helpers import actor

from communique import analyze


def test_the_terror_group_is_the_armed_group_named_before():
    a = analyze("Al-Shabaab claimed the bombing of a hotel in the capital. Officials said "
                "the terror group had planned the attack for weeks.", published="2020-02-03")
    g = actor(a, "the terror group")
    assert g is actor(a, "Al-Shabaab") and g.sector == "REB"


def test_the_group_skips_a_newspaper_named_in_between():
    a = analyze("Boko Haram abducted forty pupils, the Lagos Herald and the Washington Post "
                "reported. Parents begged the group to free them.", published="2020-02-03")
    assert actor(a, "the group") is actor(a, "Boko Haram")


def test_an_ethnonym_force_binds_to_the_group_it_describes():
    a = analyze("Turkish jets struck positions of the YPG near the border on Monday. By "
                "evening Kurdish fighters had retreated south.", published="2019-10-10")
    assert actor(a, "Kurdish fighters") is actor(a, "YPG")


def test_a_country_adjective_must_match_the_group():
    # the PKK is a Turkish group: "Syrian Kurdish fighters" are not its fighters
    a = analyze("The PKK attacked a checkpoint in the mountains. Syrian Kurdish fighters "
                "were not involved, officials said.", published="2019-10-10")
    assert actor(a, "Syrian Kurdish fighters") is not actor(a, "PKK")


def test_a_group_of_people_and_an_unmodified_group_stay_apart():
    a = analyze("Hezbollah fired rockets at dawn. A group of farmers fled the village, and "
                "a new group of lawyers met the mayor.", published="2020-02-03")
    hez = actor(a, "Hezbollah")
    assert all(m.text == "Hezbollah" for m in hez.mentions)


def test_org_key_is_the_kb_org_id_else_the_lower_case_name():
    from communique.actors.groups import org_key
    from communique.actors.index import Cluster
    assert org_key(Cluster(name="Free Syrian Army", kind="organization", ref="org:FSA")) == "fsa"
    assert org_key(Cluster(name="The Village Council", kind="organization")) == \
        "the village council"
