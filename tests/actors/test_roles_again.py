"""A bare definite role noun ("the official", "the minister") speaks again for the unnamed
person the article introduced with that noun (sentences of our own)."""

from __future__ import annotations

from communique import analyze


def _speaker(a, i):
    q = a.quotes[i]
    return next(x for x in a.actors if x.id == q.speakers[0])


def test_the_official_is_the_senior_official_introduced_before():
    a = analyze("A senior Iraqi official told Reuters the militia had withdrawn. \"They left "
                "at dawn,\" the official said.", published="2019-03-02")
    first, again = _speaker(a, 0), _speaker(a, 1)
    assert again is first and again.country == "IRQ"


def test_the_minister_is_the_unnamed_minister_of_the_country_named():
    a = analyze("Chad's interior minister said the border would stay shut. \"Nobody will "
                "cross,\" the minister said.", published="2021-03-02")
    assert _speaker(a, 1) is _speaker(a, 0) and _speaker(a, 1).country == "TCD"


def test_the_last_person_introduced_with_the_noun_wins():
    a = analyze("A Kenyan official said the road was closed. A Somali official said it was "
                "open. \"Trucks are moving,\" the official added.", published="2019-03-02")
    assert _speaker(a, 2).country == "SOM"


def test_another_noun_does_not_bind():
    a = analyze("A senior Iraqi official told Reuters the militia had withdrawn. \"They left "
                "at dawn,\" the commander said.", published="2019-03-02")
    assert _speaker(a, 1) is not _speaker(a, 0)


def test_the_countrys_minister_is_the_holder_for_the_state_of_the_subject_before():
    a = analyze("Pakistani officials said on Tuesday that India had violated its airspace. "
                "\"This is an act of aggression,\" the country's foreign minister said.",
                published="2019-03-02")
    assert _speaker(a, 1).country == "PAK" and _speaker(a, 1).name == "Shah Mahmood Qureshi"


def test_the_countrys_president_with_no_subject_state_is_the_last_state_named():
    a = analyze("Protests spread across Nigeria. \"We hear you,\" the country's president "
                "told reporters.", published="2019-03-02")
    assert _speaker(a, 0).country == "NGA" and _speaker(a, 0).name == "Muhammadu Buhari"


def test_a_body_noun_in_a_role_phrase_is_the_body_named_before():
    a = analyze("Kenyan police said the gunmen had crossed from Somalia. \"We are hunting "
                "them,\" a police commander said.", published="2019-03-02")
    sp = _speaker(a, 1)
    assert sp.country == "KEN" and sp.sector == "COP"


def test_a_coalition_spokesman_speaks_for_the_coalition_named_before():
    a = analyze("The Saudi-led coalition said its jets had struck rebel positions. A "
                "coalition spokesman, Turki al-Maliki, said: \"We targeted military sites.\"",
                published="2019-03-02")
    assert _speaker(a, 1).country == "SAU"


def test_a_body_noun_with_no_such_body_before_gives_no_country():
    a = analyze("Flooding cut the main road on Monday. \"We are hunting them,\" a police "
                "commander said.", published="2019-03-02")
    assert _speaker(a, 0).country is None and _speaker(a, 0).sector == "COP"
