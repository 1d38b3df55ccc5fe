"""The event coder on sentences written for these tests, one construction each."""

from __future__ import annotations

# --- triggers -------------------------------------------------------------------------

def test_verb_trigger_actor_and_recipient(events, one):
    e = one(events("Canada condemned Iran over the arrests."), "ACCUSE")
    assert e["mode"] == "disapprove" and e["trigger"] == "condemned"
    assert e["actors"] == ["Canada"] and e["recipients"] == ["Iran"]
    assert e["score"] == -2.0


def test_nominal_trigger_with_support_verb(events, one):
    e = one(events("Britain imposed sanctions on Venezuela."), "SANCTION")
    assert e["actors"] == ["United Kingdom"] and e["recipients"] == ["Venezuela"]
    assert "economic" in e["contexts"]


def test_talks_make_all_participants_actors(events, one):
    e = one(events("Japan held talks with Vietnam on Tuesday."), "CONSULT")
    assert sorted(e["actors"]) == ["Japan", "Vietnam"] and e["recipients"] == []


def test_possessive_nominalisation_is_an_event_and_the_target_of_criticism(events, one):
    evs = events("Germany criticised Russia's invasion of Georgia.")
    accuse, assault = one(evs, "ACCUSE"), one(evs, "ASSAULT")
    assert accuse["actors"] == ["Germany"] and accuse["recipients"] == ["Russia"]
    assert assault["actors"] == ["Russia"] and assault["recipients"] == ["Georgia"]


def test_presence_of_troops(events, one):
    e = one(events("Poland condemned the presence of Belarusian troops near its border."),
            "MOBILIZE")
    # a country's troops are its armed forces (the actor stage's force organisation)
    assert e["mode"] == "troops" and e["actors"] == ["Belarusian armed forces"]


# --- arguments ------------------------------------------------------------------------

def test_passive_agent_is_the_actor(events, one):
    e = one(events("Ukraine was attacked by Russia."), "ASSAULT")
    assert e["actors"] == ["Russia"] and e["recipients"] == ["Ukraine"]


def test_coordinated_actors(events, one):
    e = one(events("France, Germany and Italy sent aid to Lebanon."), "AID")
    assert e["actors"] == ["France", "Germany", "Italy"] and e["recipients"] == ["Lebanon"]


def test_received_from_reverses_the_roles(events, one):
    e = one(events("The backing Serbia has received from Russia and China angered Kosovo."),
            "SUPPORT")
    assert e["actors"] == ["Russia", "China"] and e["recipients"] == ["Serbia"]


def test_object_control_gives_the_request_its_recipient(events, one):
    e = one(events("Pakistan urged India to release the fishermen."), "REQUEST")
    assert e["actors"] == ["Pakistan"] and e["recipients"] == ["India"]
    assert e["mode"] == "yield"  # what is asked for is a release


def test_visit_and_host(events, one):
    e = one(events("Kenya's president visited Uganda."), "CONSULT")
    assert e["mode"] == "visit" and e["recipients"] == ["Uganda"] and e["score"] == 4.0


def test_a_weapon_is_no_actor_but_its_user_is(events, one):
    e = one(events("Missiles fired by the Syrian army struck a market in Idlib."), "ASSAULT")
    assert e["trigger"] == "fired" or e["actors"][0] in ("Syrian army", "Syrian armed forces")


# --- quotes ---------------------------------------------------------------------------

def test_event_in_a_direct_quote_is_linked_and_we_is_the_speaker(events, one):
    e = one(events('"We will send troops to Mali," Macron said.'), "MOBILIZE")
    assert e["quote"] == "Q1" and e["actors"] == ["Emmanuel Macron"]
    assert e["future"] and e["recipients"] == ["Mali"]


def test_event_in_reported_speech_is_linked(events, one):
    e = one(events("Canada said that Iran had attacked a Canadian ship."), "ASSAULT")
    assert e["quote"] == "Q1" and e["actors"] == ["Iran"]


# --- modality -------------------------------------------------------------------------

def test_negated_event_is_kept_and_flagged(events, one):
    e = one(events("Russia did not attack Finland."), "ASSAULT")
    assert e["negated"] and e["actors"] == ["Russia"]


def test_not_only_is_no_negation(events, one):
    e = one(events("Russia is not only threatening Europe."), "THREATEN")
    assert not e["negated"]


def test_modal_and_conditional_are_hypothetical(events, one):
    assert one(events("Chile could sanction Peru."), "SANCTION")["hypothetical"]
    assert one(events("If Turkey attacks Greece, NATO will respond."), "ASSAULT")["hypothetical"]


def test_discussing_an_act_is_hypothetical(events, one):
    e = one(events("Spain has discussed reducing aid to Morocco."), "SANCTION")
    assert e["hypothetical"] and e["recipients"] == ["Morocco"]


def test_future_meeting_is_agree(events, one):
    e = one(events("Modi will meet Putin in Moscow."), "AGREE")
    assert e["future"] and e["score"] == 2.5
    assert sorted(e["actors"]) == ["Narendra Modi", "Vladimir Putin"]


def test_headline_infinitive_is_future(events, one):
    e = one(events("Macron to visit China next month."), "AGREE")
    assert e["future"]


def test_announced_withdrawal_is_concede(events, one):
    e = one(events("Israel will withdraw its troops from Gaza."), "CONCEDE")
    assert e["future"] and e["actors"] == ["Israel"]


def test_refused_cooperation_is_reject(events, one):
    e = one(events("Hungary will not accept refugees from Syria."), "REJECT")
    assert not e["negated"] and e["actors"] == ["Hungary"]
    e = one(events("Poland refused to hold talks with Belarus."), "REJECT")
    assert e["mode"] == "meet" and e["recipients"] == ["Belarus"]


def test_promise_of_force_is_a_threat(events, one):
    e = one(events("Iran vowed to attack Israel."), "THREATEN")
    assert e["mode"] == "violence" and e["recipients"] == ["Israel"]


# --- noise ----------------------------------------------------------------------------

def test_a_plain_statement_is_no_event(events):
    assert events("The minister said the economy is growing.") == []


def test_no_identifiable_actor_no_event(events):
    assert events("Five soldiers were killed in the north.") == []


def test_denying_an_accusation_is_no_rejection(events):
    assert [e for e in events("Serbia rejected accusations of spying on Croatia.")
            if e["type"] == "REJECT"] == []


def test_declining_to_comment_is_no_event(events):
    assert events("The Government of Peru declined to comment on the dispute.") == []


# --- contexts and scores --------------------------------------------------------------

def test_contexts_from_sentence_keywords(events, one):
    e = one(events("North Korea threatened Japan with nuclear weapons."), "THREATEN")
    assert "cbrn" in e["contexts"] and e["recipients"] == ["Japan"]


def test_mode_from_weapon_keyword_refines_the_score(events, one):
    e = one(events("Israeli warplanes bombed Gaza."), "ASSAULT")
    assert e["mode"] == "aerial" and e["score"] == -9.5 and "military" in e["contexts"]


def test_exercise_of_several_forces_is_cooperation(events, one):
    e = one(events("The navies of Japan and India held joint military drills."),
            "COOPERATE")
    assert e["score"] == 9.5


def test_demand_in_reported_speech(events, one):
    e = one(events("Sweden said that Turkey must release the journalists."), "REQUEST")
    assert e["actors"] == ["Sweden"] and e["recipients"] == ["Turkey"]


def test_blamed_for_doing_the_object_acts(events, one):
    evs = events("Sweden criticised Turkey for shelling Kurdish villages.")
    assert one(evs, "ACCUSE")["recipients"] == ["Turkey"]
    assert one(evs, "ASSAULT")["actors"] == ["Turkey"]


def test_coordinated_passive_participle_keeps_the_agent(events, one):
    e = one(events("The reporter was beaten and detained by Iranian police."), "COERCE")
    assert e["actors"] == ["Iranian police"]


def test_the_leader_of_an_x_led_nominal_event_is_its_actor(events, one):
    e = one(events("Hundreds died in the Turkish-led assault on the Kurdish militants."),
            "ASSAULT")
    assert e["actors"] == ["Turkey"]


def test_the_agent_of_led_by_after_a_nominal_event_is_its_actor(events, one):
    e = one(events("The offensive against the rebels, led by Turkey, began on Monday."),
            "ASSAULT")
    assert e["actors"] == ["Turkey"]
