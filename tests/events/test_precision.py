"""Precision on new text: the sentence's main event is marked, idioms and non-political
senses are no events, and an event needs a political actor on one side (sentences written
for these tests)."""

from __future__ import annotations

import pytest


def test_main_event_is_marked_once_per_sentence(events):
    evs = events("Egypt condemned the Israeli airstrikes on Gaza that killed nine people.")
    main = [e for e in evs if e["main"]]
    assert [e["type"] for e in main] == ["ACCUSE"]
    assert any(e["type"] == "ASSAULT" and not e["main"] for e in evs)


def test_negated_event_is_not_the_main_one(events):
    evs = events("Poland did not expel the Belarusian ambassador.")
    assert evs and not any(e["main"] for e in evs)


def test_main_survives_the_json_round_trip():
    from communique import Analysis, analyze

    a = analyze("Chile signed a trade accord with Peru.")
    assert any(e.main for e in a.events)
    assert Analysis.from_dict(a.to_dict()).to_dict() == a.to_dict()
    old = a.to_dict()
    for e in old["events"]:
        del e["main"]  # a record written before the field existed
    assert not any(e.main for e in Analysis.from_dict(old).events)


@pytest.mark.parametrize("text", [
    "The pension reform met with scorn from Portuguese unions.",  # a reaction received
    "Norway comfortably met its climate target last year.",  # meeting a goal
    "The Spanish prime minister must be regarded as the winner, a Madrid paper said.",
    "Argentina's finance ministry is fighting against inflation.",  # a struggle, no enemy
    "Oil prices hit a record high on Monday as Saudi Arabia cut output.",  # a level
    "Flooding killed 40 people across Bangladesh.",  # a death no one caused
    "A Nigerian director shot a documentary in Lagos.",  # filming
    "The Belgian king suffered a heart attack in Brussels.",  # an illness
])
def test_idioms_and_non_political_senses_are_no_events(events, text):
    types = {e["type"] for e in events(text)}
    assert not types & {"CONSULT", "ASSAULT", "REQUEST"}, (text, types)


def test_private_persons_on_both_sides_are_no_event(events):
    assert events("The goalkeeper's brother let his girlfriend go.") == []
    assert events("Her uncle attacked the neighbour with a spade.") == []


def test_a_private_person_against_a_state_is_an_event(events):
    evs = events("A Kenyan teacher sued the government of Kenya over the strike ban.")
    assert all(e["actors"] for e in evs)
    assert events("Iran let the two French sailors go on Friday.")[0]["type"] == "RETREAT"
