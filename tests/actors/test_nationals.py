"""Groups of private people with a stated nationality (branch actors12): sentences
written for these tests."""

from __future__ import annotations

from actor_helpers import actor

from communique import analyze


def test_a_states_adjective_before_a_peoples_name_is_that_states_people():
    a = analyze("Iraqi Kurds protested in Erbil. British Kurds blocked a road in Leeds.",
                published="2019-03-01")
    x = actor(a, "Iraqi Kurds")
    assert (x.kind, x.country, x.sector) == ("group", "IRQ", "CVL")
    y = actor(a, "British Kurds")
    assert (y.kind, y.country, y.sector) == ("group", "GBR", "CVL")
    assert not any(m.text == "Kurds" for z in a.actors for m in z.mentions)


def test_a_plural_private_noun_with_a_nationality_is_a_group_of_it():
    a = analyze("Two French nationals were arrested at the border on Sunday.",
                published="2019-03-01")
    x = actor(a, "French nationals")
    assert (x.kind, x.country, x.sector) == ("group", "FRA", "CVL")


def test_a_nations_people_noun_is_private_people_and_no_other_group_of_it():
    a = analyze("Thousands of Turks were detained after the coup. Turkish civilians "
                "fled to Greece.", published="2019-03-01")
    x = actor(a, "Turks")
    assert (x.kind, x.country, x.sector) == ("group", "TUR", "CVL")
    assert actor(a, "Turkish civilians") is not x
