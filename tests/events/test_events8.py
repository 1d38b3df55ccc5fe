"""Constructions of issue 13 (events8): a relative object in trigger conditions, "the
pair" / "the two men" for two people named together, the "of" phrase of attack nouns."""

from __future__ import annotations


def test_relative_object_stands_for_its_noun(events):
    evs = events("Kenya will try the militants that its police captured near the border.")
    caps = [e for e in evs if e["trigger"] == "captured"]
    # people captured are arrested (COERCE), not a place taken (ASSAULT)
    assert caps and caps[0]["type"] == "COERCE"


def test_the_two_men_are_the_two_people_named_together(events):
    evs = events("Prosecutors named the suspects as John Harlow and Peter Quill. "
                 "The two men were arrested by French police in Lyon on Monday.")
    arrest = [e for e in evs if e["trigger"] == "arrested"][0]
    assert sorted(arrest["recipients"]) == ["John Harlow", "Peter Quill"]


def test_the_pair_without_a_named_pair_stays_a_group(events):
    evs = events("The pair were arrested by French police in Lyon on Monday.")
    arrest = [e for e in evs if e["trigger"] == "arrested"]
    # no two people named before: no persons made up ("Lyon", where, may stand in)
    assert not arrest or len(arrest[0]["recipients"]) <= 1


def test_attack_of_an_army_is_done_by_it(events, one):
    e = one(events("Villagers fled the attack of the Turkish army on Afrin."), "ASSAULT")
    assert e["actors"] == ["Turkish armed forces"]


def test_siege_of_a_city_is_done_to_it(events):
    evs = events("The siege of Aleppo by government forces lasted months.")
    siege = [e for e in evs if e["trigger"] == "siege"][0]
    assert siege["actors"] == ["government forces"] and siege["recipients"] == ["Aleppo"]
