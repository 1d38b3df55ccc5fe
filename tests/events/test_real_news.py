"""Constructions of real conflict news (sentences written for these tests)."""

from __future__ import annotations


def _types(evs: list[dict]) -> list[str]:
    return [e["type"] for e in evs]


def test_passive_with_agent_gives_the_agent_as_actor(events, one):
    e = one(events("An Afghan police chief was killed by a Pakistani drone strike."), "ASSAULT")
    assert e["actors"] == ["Pakistan"] and e["recipients"]


def test_nominal_event_with_coordinated_adjectival_agents(events, one):
    e = one(events("Airstrikes by French and Belgian jets destroyed a depot near Mosul."),
            "ASSAULT")
    assert sorted(e["actors"]) == ["Belgium", "France"]


def test_coordinated_adjectival_actors_of_a_nominal_trigger(events):
    evs = events("Egypt condemned the Israeli and American airstrikes.")
    assault = [e for e in evs if e["type"] == "ASSAULT"]
    assert assault and sorted(assault[0]["actors"]) == ["Israel", "United States"]


def test_light_verb_strikes_are_attacks_not_strikes_of_workers(events, one):
    e = one(events("Jordanian jets carried out strikes on smuggling camps near the border."),
            "ASSAULT")
    assert e["actors"] and "PROTEST" not in _types(events(
        "Jordanian jets carried out strikes on smuggling camps near the border."))


def test_phone_talks_with_speak(events, one):
    e = one(events("The Greek prime minister spoke by phone with Erdogan on Sunday."),
            "CONSULT")
    assert e["mode"] == "phone" and len(e["actors"]) == 2
    assert "CONSULT" not in _types(events("The Greek prime minister spoke to students."))


def test_hyphenated_backer_supports_the_noun(events, one):
    evs = events("Saudi-backed troops retook the port on Tuesday.")
    s = one(evs, "SUPPORT")
    assert s["actors"] == ["Saudi Arabia"] and s["recipients"]
    assert not s["main"]  # a modifier is mentioned in passing


def test_fighting_alongside_an_ally_against_a_target(events, one):
    e = one(events("Iraqi militias fought alongside the Peshmerga against Islamic State."),
            "ASSAULT")
    assert "Islamic State" in " ".join(e["recipients"])
    assert any("Peshmerga" in a for a in e["actors"])
    assert not any("Peshmerga" in r for r in e["recipients"])


def test_fragment_after_a_slash_is_rejoined(events, one):
    e = one(events("Turkish drones struck a convoy of the YPG/J east of Kobani."), "ASSAULT")
    assert e["recipients"] and "J" not in e["recipients"]


def test_judicial_sanction_and_detention(events):
    evs = events("A Moscow court sentenced the Ukrainian sailor to six years in prison.")
    assert "SANCTION" in _types(evs)
    assert "COERCE" in _types(events("Iranian police detained a British-Iranian aid worker."))


def test_threat_received_is_given_to_its_sender_not_the_receiver(events, one):
    e = one(events("Jordan received threats from Syrian officials."), "THREATEN")
    assert e["actors"] != ["Jordan"] and "Jordan" in e["recipients"]


def test_threat_reported_by_a_ministry_is_the_agents(events, one):
    e = one(events("The Qatari ministry reported a threat against its embassy by a militia."),
            "THREATEN")
    assert e["actors"] and "Qatar" not in " ".join(e["actors"])
