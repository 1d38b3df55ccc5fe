"""A role phrase of an unnamed body or with a local qualifier is never the national (or
the named organisation's) holder (kb/resolver.py ``_local_office``). Phrases written for
these tests."""

from __future__ import annotations

import pytest

DAY = "2018-03-01"


@pytest.mark.parametrize("text", [
    "the head of the Red Crescent in Idlib",  # an unknown body, located in a town
    "the chief of the Idlib health directorate",  # an organisation head noun
    "the head of the Idlib council",
    "the head of Idlib",  # a place below the state, no country stated
    "the Kurdistan region president",  # a local word
    "the provincial governor",
])
def test_a_local_or_unnamed_bodys_role_is_no_national_holder(kb, text):
    out = kb.resolve(text, DAY)
    assert out["kind"] == "person"
    assert out["role"] is not None and "President" not in out["role"]
    assert "Prime Minister" not in (out["role"] or "")
    assert out["wikidata"] is None


def test_a_named_organisations_commander_in_a_town_is_a_local_commander(kb):
    out = kb.resolve("the SDF commander in Baghuz", DAY)
    assert (out["kind"], out["organization"], out["country"]) == ("person", "SDF", "SYR")
    assert out["name"] == "SDF commander in Baghuz"  # not the SDF's commander-in-chief


@pytest.mark.parametrize("text,country", [
    ("Turkey's foreign minister in Vancouver", "TUR"),  # where the minister is
    ("the Syrian president in Aleppo", "SYR"),
    ("the head of US Central Command", "USA"),
    ("the UN special envoy for Syria", "IGO"),
])
def test_a_stated_country_or_organisation_keeps_its_holder(kb, text, country):
    out = kb.resolve(text, DAY)
    assert out["kind"] == "person" and out["country"] == country
    assert out["name"] != text and out["name"][0].isupper()  # a holder's name


@pytest.mark.parametrize("text,org", [
    ("the head of the Red Crescent", "Red Crescent"),  # an unknown body's head
    ("a spokesman for the Kurdish militia", None),  # the spokesman is the head noun
])
def test_the_noun_before_of_or_for_heads_a_role_phrase(kb, text, org):
    out = kb.resolve(text, DAY)
    assert out["kind"] == "person" and out["organization"] == org


def test_no_lower_case_name_starts_with_a_preposition(kb):
    # the phrase is not a person named "of the province"
    assert kb.resolve("governor of the province", DAY)["name"] == "governor of the province"
    assert kb.resolve("one rebel official in a faction", DAY)["name"] == (
        "rebel official in a faction")


def test_the_head_of_a_body_named_by_its_nouns_is_no_states_leader(kb):
    out = kb.resolve("the US director of national intelligence", "2022-01-01")
    assert (out["kind"], out["country"], out["sector"]) == ("person", "USA", "SPY")
    assert out["wikidata"] is None  # not the president
