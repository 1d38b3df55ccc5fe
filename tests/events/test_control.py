"""events12: an act whose phrase names only its target takes the active subject of the
clause above it, when the act is that clause's object or hangs on it by "of"/"in"."""

from __future__ import annotations


def test_gerund_of_the_object_takes_the_clause_subject(events, one):
    e = one(events("The Iraqi army has borne the brunt of fighting the militants near "
                   "Mosul."), "ASSAULT")
    assert e["actors"] == ["Iraqi Army"]
    assert e["recipients"] == ["militants"]


def test_noun_in_the_object_takes_the_clause_subject(events, one):
    e = one(events("Russia has taken the lead in the campaign against the rebels."),
            "ASSAULT")
    assert e["actors"] == ["Russia"]
    assert e["recipients"] == ["rebels"]


def test_an_event_verb_above_does_not_lend_its_subject(events):
    evs = events("Germany condemned the bombing of the Kurdish militia.")
    assert not [e for e in evs if e["type"] == "ASSAULT" and "Germany" in e["actors"]]


def test_an_adverbial_act_is_suffered_not_done(events):
    evs = events("The Kurdish villagers languish under the siege of the town.")
    assert not [e for e in evs if "villagers" in " ".join(e["actors"])]
