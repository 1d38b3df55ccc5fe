"""Constructions of issue 13 (events10): a hyphenated participle of an attack verb that
modifies a place names who holds it, a standing state, not an attack."""

from __future__ import annotations


def test_occupied_place_modifier_is_no_attack(events):
    evs = events("Refugees fled towards the Jordanian border and the Israeli-occupied "
                 "Golan Heights.")
    assert not [e for e in evs if e["type"] == "ASSAULT"]


def test_occupying_verb_is_still_an_attack(events, one):
    e = one(events("Israel occupied the Golan Heights in 1967."), "ASSAULT")
    assert e["actors"] == ["Israel"]


def test_backed_modifier_keeps_its_support(events):
    evs = events("US-backed Kurdish fighters captured the town on Sunday.")
    assert [e for e in evs if e["type"] == "SUPPORT"]
