"""A person named right after an unnamed voice's quote (actors/voices.py), and pronouns
past a quoted passage (actors/stage.py). Sentences written for these tests."""

from __future__ import annotations

from actor_helpers import actor

from communique import analyze


def test_a_person_named_after_a_spokesman_of_an_organisation_is_that_voice():
    a = analyze("On Monday, a Pentagon spokesman said the move would be unacceptable. "
                "“Any such action is of grave concern to us,” said Cmdr Anna Berg.",
                published="2018-12-12")
    p = actor(a, "Cmdr Anna Berg")
    assert p.country == "USA"
    q = next(q for q in a.quotes if q.speaker_mention and "Berg" in q.speaker_mention.text)
    assert q.speakers == [p.id]


def test_a_person_named_before_the_voice_keeps_no_country_from_it():
    a = analyze("Cmdr Anna Berg visited the base. On Monday, a Pentagon spokesman said the "
                "move would be unacceptable. “Any such action is of grave concern,” said "
                "Cmdr Anna Berg.", published="2018-12-12")
    assert actor(a, "Cmdr Anna Berg").country is None


def test_a_pronoun_reaches_its_antecedent_past_a_long_quoted_passage():
    text = ("Lena Fischer spent a month in the city. “We saw it all. The shelling never "
            "stopped. The hospitals were full. Nobody slept. The water ran out. Children "
            "cried at night. It was hell.” While she waited to leave, she said: “I will "
            "go back.”")
    a = analyze(text, published="2018-03-20")
    p = actor(a, "Lena Fischer")
    q = next(q for q in a.quotes if q.content.text.startswith("I will"))
    assert q.speakers == [p.id]
