"""Constructions of branch events5 (issue 13), on sentences written for these tests."""

from __future__ import annotations


def _types(evs: list[dict]) -> list[str]:
    return [e["type"] for e in evs]


def test_capturing_fighters_is_a_detention(events, one):
    e = one(events("Iraqi troops captured dozens of Taliban fighters near the border."),
            "COERCE")
    assert e["trigger"] == "captured"


def test_a_volunteer_travelling_is_no_visit(events):
    assert "CONSULT" not in _types(events("Many young volunteers travelled to Iraq in 2015."))


def test_ready_to_fall_is_no_offer(events):
    assert "AGREE" not in _types(events("The regime in Kabul is ready to fall, Iran said."))


def test_could_not_accept_is_a_refusal(events):
    assert "REJECT" in _types(events("Pakistan said it could not accept the Indian proposal."))


def test_a_threat_as_a_danger_is_not_coded(events):
    assert "THREATEN" not in _types(events(
        "Diplomats said the terrorist threat of al-Shabaab in Kenya remains."))


def test_any_request_names_no_event(events):
    assert "REQUEST" not in _types(events("Canada will listen to any US request on Haiti."))


def test_begging_is_a_request(events, one):
    e = one(events("Egypt begged Lebanon to reopen its border."),
            "REQUEST")
    assert e["recipients"] == ["Lebanon"]


def test_conjoined_passive_participle_has_no_actor(events):
    evs = events("Mexico said the two Spanish men would be put on trial and imprisoned.")
    assert not any(e["trigger"] == "imprisoned" and e["actors"] == ["two Spanish men"]
                   for e in evs)
