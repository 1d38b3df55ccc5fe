"""De-escalation and curtailment coded after the PLOVER manual (cameo11; sentences written
for these tests): lifting a blockade or siege is RETREAT (access now), easing legal or
administrative restrictions stays CONCEDE; ending a strike is a concession; cancelling a
planned visit or talks curtails relations (SANCTION); a decision to act codes the act;
"going on strike" is PROTEST; peacekeepers arriving are AID, not a visit."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text", [
    "Morocco lifted its blockade of the Algerian port on Tuesday.",
    "The Ethiopian army ended its siege of Mekelle.",
    "Azerbaijan eased the blockade of the Armenian enclave.",
])
def test_lifting_a_blockade_or_siege_is_retreat_access(events, one, text):
    e = one(events(text), "RETREAT")
    assert e["mode"] == "access"


@pytest.mark.parametrize("text", [
    "Canada lifted its sanctions on Belarus.",
    "Peru lifted the curfew in Lima.",
    "Kenya eased travel restrictions on Somali traders.",
])
def test_easing_legal_restrictions_stays_concede(events, text):
    types = {e["type"] for e in events(text)}
    assert "CONCEDE" in types and "RETREAT" not in types, types


def test_refusing_to_end_a_strike_is_a_rejection(events, one):
    one(events("Chilean miners said they will not end the strike until Codelco raises wages."),
        "REJECT")


def test_cancelling_a_planned_visit_is_sanction(events, one):
    e = one(events("The Polish president cancelled a planned visit to Hungary."), "SANCTION")
    assert e["mode"] == "discontinue" and e["recipients"]


def test_suspended_supplies_are_sanction(events, one):
    one(events("Georgia has suspended fuel supplies to Armenia."), "SANCTION")


def test_a_decision_to_act_codes_the_act_not_a_plan(events, one):
    e = one(events("Brazil decided to grant asylum to the Bolivian senator."), "AID")
    assert not e["future"] and e["main"]
    e = one(events("Chile has not decided to expel the Peruvian ambassador."), "SANCTION")
    assert e["negated"]


def test_going_on_strike_is_protest_with_its_actor(events, one):
    e = one(events("Kenyan nurses went on strike on Monday."), "PROTEST")
    assert e["mode"] == "strike" and e["actors"]
    assert one(events("Jailed Bahraini activists have gone on hunger strike."),
               "PROTEST")["mode"] == "hunger"


def test_peacekeepers_arriving_are_aid_not_a_visit(events, one):
    evs = events("Two hundred Fijian soldiers arrived in Lebanon to join the UN peacekeeping "
                 "force.")
    assert one(evs, "AID")["recipients"]
    assert "CONSULT" not in {e["type"] for e in evs}
    one(events("The Fijian foreign minister arrived in Beirut for talks."), "CONSULT")
