"""Whom aid or a sanction is for, from inside the trigger's own phrase (cameo13; sentences
written for these tests): a purpose clause, the place the aid goes to, a clause's object."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("text", "type_", "recipient"), [
    ("Norway gave 40 million kroner to rebuild schools in Mozambique.", "AID", "Mozambique"),
    ("Japan donated two million dollars to fund clinics that treat Rohingya refugees.",
     "AID", "Rohingya"),
    ("The World Bank has suspended funding for road projects in Malawi.", "SANCTION",
     "Malawi"),
])
def test_beneficiary_inside_the_phrase(events, text, type_, recipient):
    hits = [e for e in events(text) if e["type"] == type_]
    assert hits, events(text)
    assert any(recipient.lower() in r.lower() for e in hits for r in e["recipients"]), hits


def test_a_named_recipient_is_not_replaced(events, one):
    e = one(events("Sweden sent medical supplies to Ukraine to help hospitals in Kharkiv."),
            "AID")
    assert e["recipients"][0] == "Ukraine", e


def test_aid_without_anyone_to_receive_it_is_still_not_coded(events):
    assert not [e for e in events("Austria provided 3 million euros last year.")
                if e["type"] == "AID"]
