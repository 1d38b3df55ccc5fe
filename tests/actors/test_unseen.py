"""Speakers and identities on unseen news (branch actors6): sentences written for these
tests."""

from __future__ import annotations

from actor_helpers import actor

from communique import analyze


def _speaker(a, content_word: str):
    by_id = {x.id: x for x in a.actors}
    for q in a.quotes:
        if content_word in q.content.text:
            return by_id[q.speakers[0]]
    raise AssertionError(f"no quote holding {content_word!r}")


def test_a_definite_org_noun_with_modifiers_is_the_organisation_whose_alias_holds_it():
    a = analyze("UNHCR said 300 people had arrived. The refugee agency urged states to "
                "act, saying in a statement that \"more boats will sink\".",
                published="2019-03-01")
    assert actor(a, "The refugee agency").name == "UNHCR"


def test_the_named_example_of_a_speaker_phrase_is_the_speaker():
    a = analyze("Senior senators such as Lindsey Graham have said that the plan is "
                "\"a disaster for our allies\".", published="2019-03-01")
    assert _speaker(a, "disaster").name == "Lindsey Graham"


def test_one_armed_member_speaks_for_the_organisation_named_before_the_noun():
    a = analyze("One former Isis fighter told reporters: \"We were paid every month.\"",
                published="2019-03-01")
    assert _speaker(a, "paid").name == "Islamic State"


def test_a_military_rank_before_a_name_gives_the_military_sector():
    a = analyze("\"We would find any such actions unacceptable,\" said Cmdr Joe Hale.",
                published="2019-03-01")
    assert actor(a, "Cmdr Joe Hale").sector == "MIL"


def test_a_one_word_name_after_a_possessed_relative_is_a_person():
    a = analyze("Sergei Skripal and his daughter Yulia were found on a bench.",
                published="2019-03-01")
    assert actor(a, "Yulia").kind == "person"


def test_a_state_led_coalition_is_an_organisation_of_that_state():
    a = analyze("Fighters backed by a US-led international coalition took the town.",
                published="2019-03-01")
    c = actor(a, "US-led international coalition")
    assert (c.kind, c.country, c.sector) == ("organization", "USA", "MIL")
