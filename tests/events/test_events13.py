"""Constructions of issue 13 (events13): the parties "between" whom a pact is agreed,
light verbs of lasting cooperation ("formed an alliance with"), and the state behind an
agentless passive arrest, deportation or conviction of people within it."""

from __future__ import annotations


def test_pact_agreed_between_parties_has_them_as_actors(events, one):
    e = one(events("A truce agreed between Peru and Ecuador in March has held."),
            "AGREE")
    assert sorted(e["actors"]) == ["Ecuador", "Peru"]


def test_participle_pact_between_three_parties(events, one):
    e = one(events("The ceasefire agreed in June between Russia, Jordan and the United "
                   "States broke down within days."), "AGREE")
    assert {"Russia", "Jordan"} <= set(e["actors"])
    assert not [a for a in e["actors"] if "ceasefire" in a.lower()]


def test_actor_who_agrees_a_pact_between_others_keeps_it(events, one):
    e = one(events("Norway brokered a truce between the two factions on Monday."), "AGREE")
    assert e["actors"] == ["Norway"]


def test_formed_an_alliance_with_is_cooperation(events, one):
    e = one(events("Brazil has formed an alliance with Argentina against the cartels."),
            "COOPERATE")
    assert "Brazil" in e["actors"] + e["recipients"]
    assert "Argentina" in e["actors"] + e["recipients"]


def test_built_close_ties_with_is_cooperation(events, one):
    e = one(events("The Kenyan army has built close ties with Ugandan officers."),
            "COOPERATE")
    assert e["actors"]


def test_ties_cut_are_no_cooperation(events):
    evs = events("Morocco cut its ties with Iran in May.")
    assert not [e for e in evs if e["type"] == "COOPERATE"]


def test_agentless_arrest_of_people_in_a_named_state(events, one):
    e = one(events("Since the failed coup in Turkey, tens of thousands of Turks have been "
                   "detained."), "COERCE")
    assert e["actors"] == ["Turkey"]


def test_agentless_arrest_placed_by_the_sentence(events, one):
    e = one(events("Hundreds of students have been arrested in Iran since the protests "
                   "began."), "COERCE")
    assert e["actors"] == ["Iran"]


def test_agentless_arrest_without_a_named_state_stays_uncoded(events):
    evs = events("Hundreds of students have been arrested since the protests began.")
    assert not [e for e in evs if e["type"] == "COERCE"]


def test_arrest_with_an_agent_keeps_it(events, one):
    e = one(events("Two reporters were detained by Kenyan police in Nairobi."), "COERCE")
    assert e["actors"] == ["Kenyan police"]


def test_agentless_arrest_in_two_countries_stays_uncoded(events):
    evs = events("Students have been arrested in Iran and Iraq this year.")
    assert not [e for e in evs if e["type"] == "COERCE"]
