"""Recall constructions and lexicon classes of real news (branch evrecall): sentences
written for these tests, one per rule or lexicon class."""

from __future__ import annotations


def _types(evs: list[dict]) -> list[str]:
    return [e["type"] for e in evs]


def test_reduced_relative_takes_the_actor_from_the_event_noun(events, one):
    e = one(events("New Japanese sanctions imposed on North Korea in May hit its shipping."),
            "SANCTION")
    assert e["actors"] == ["Japan"] and e["recipients"] == ["North Korea"]


def test_with_the_backing_of_gives_the_backer_and_the_backed(events, one):
    evs = events("The port was retaken by the Yemeni army with the backing of Saudi jets.")
    s = one(evs, "SUPPORT")
    assert any("Saudi" in a for a in s["actors"]) and s["recipients"]
    a = one(evs, "ASSAULT")
    assert not any("Saudi" in r for r in a["recipients"])  # how it was done, not the target


def test_lock_up_is_an_arrest(events, one):
    e = one(events("Belarusian police lock up dozens of opposition activists every week."),
                   "COERCE")
    assert e["mode"] == "arrest"


def test_a_siege_is_coercion_not_an_assault(events, one):
    evs = events("The Ethiopian army imposed a siege on the town of Mekele in June.")
    assert one(evs, "COERCE")["mode"] == "restrict" and "ASSAULT" not in _types(evs)


def test_encircled_places(events, one):
    assert one(events("Russian troops encircled the town of Avdiivka last winter."),
               "COERCE")["mode"] == "restrict"


def test_revoking_citizenship_is_coercion_revoking_a_ban_a_concession(events, one):
    assert one(events("Bahrain revoked the citizenship of 100 opposition activists."),
               "COERCE")["mode"] == "restrict"
    assert "COERCE" not in _types(events("Bahrain revoked the ban on Qatari flights."))


def test_retaking_and_conquering_territory_are_assaults(events, one):
    assert one(events("Azerbaijani forces recaptured the town of Shusha from Armenia."),
               "ASSAULT")
    assert one(events("Ottoman armies conquered the city of Belgrade in 1521."), "ASSAULT")


def test_advancing_on_a_city(events, one):
    assert one(events("Rebel fighters advanced on the Libyan capital Tripoli."), "ASSAULT")


def test_infighting_between_militias(events, one):
    assert one(events("Infighting by Sudanese militias worsened the famine in Darfur."),
               "ASSAULT")


def test_a_military_campaign_against_an_enemy_but_not_a_campaign_for_votes(events, one):
    assert one(events("Nigerian troops waged a long campaign against Boko Haram."),
               "ASSAULT")
    assert "ASSAULT" not in _types(events("The Labour party ran a campaign against poverty."))


def test_protesters_occupying_a_square_is_a_protest(events, one):
    evs = events("Serbian students occupied the main square of Belgrade on Monday.")
    assert one(evs, "PROTEST")["mode"] == "obstruct" and "ASSAULT" not in _types(evs)


def test_touring_capitals_is_a_visit(events, one):
    e = one(events("The Ukrainian foreign minister toured Berlin, Paris and Rome."), "CONSULT")
    assert e["mode"] == "visit"


def test_burned_to_death_is_no_attack(events):
    assert "ASSAULT" not in _types(events(
        "The ministry named three Afghan miners who burned to death in the blaze."))


def test_intransitive_dispersed_is_no_coercion(events):
    assert "COERCE" not in _types(events("The Taliban fighters dispersed before dawn."))


def test_requested_anonymity_is_no_request(events):
    assert "REQUEST" not in _types(events(
        "A Kenyan police officer, who requested anonymity, said the talks failed."))



def test_announced_force_is_a_threat_not_an_attack(events, one):
    evs = events("The Turkish president said his army will launch an offensive against "
                 "Kurdish militias next week.")
    t = one(evs, "THREATEN")
    assert t["mode"] == "violence" and "ASSAULT" not in _types(evs)


def test_tightening_a_blockade(events, one):
    e = one(events("Egypt tightened the blockade of the Gaza Strip in March."), "COERCE")
    assert e["actors"] == ["Egypt"]


def test_revoked_citizenship_in_the_passive(events, one):
    assert one(events("His Danish citizenship was revoked by the Danish government."),
               "COERCE")


def test_a_deal_brokered_by_mediators(events, one):
    e = one(events("A truce brokered by Qatar and Egypt took effect on Friday."), "AGREE")
    assert sorted(e["actors"]) == ["Egypt", "Qatar"]


def test_using_poison_gas(events, one):
    assert one(events("Iraqi forces used mustard gas against Kurdish villages in 1988."),
               "ASSAULT")


def test_destroying_a_monastery(events, one):
    assert one(events("Jihadist militants destroyed an old monastery near Mosul."),
               "ASSAULT")["mode"] == "destroy"
