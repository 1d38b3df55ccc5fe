"""Recipients on real-news shapes (sentences written for these tests): victims take the
article's country, a passive's patient is never its actor, and recipients the text cannot
place are dropped (events/precision.py)."""

from __future__ import annotations


def _country(text: str, name: str) -> str | None:
    from communique import analyze

    a = analyze(text)
    return next(x.country for x in a.actors if x.name == name)


def test_countryless_victims_take_the_article_country():
    text = ("Nigeria's army said 40 people were killed by Boko Haram in a village. "
            "Nigeria's president Bola Tinubu condemned the attack. "
            "Nigeria's police arrested two suspects, Nigeria's government said.")
    assert _country(text, "40 people") == "NGA"


def test_conjoined_passive_subject_is_no_actor(events):
    evs = events("Her cousin said she hoped the three guards would be put on trial and "
                 "jailed for years.")
    assert not any("three guards" in e["actors"] for e in evs), evs


def test_arrival_without_a_host_is_no_visit(events):
    assert not [e for e in events("Many refugees from Eritrea were arriving in Europe "
                                  "by boat.") if e["type"] == "CONSULT"]
    visit = events("The Kenyan president was arriving in Tanzania for talks.")
    assert [e["recipients"] for e in visit if e["type"] == "CONSULT"] == [["Tanzania"]]


def test_adjective_fragment_is_no_recipient(events, one):
    ev = one(events("Moldova launched a military offensive with the Fabulous codename "
                    "Operation Blue Sky."), "ASSAULT")
    assert ev["actors"] == ["Moldova"] and ev["recipients"] == []


def test_fiction_character_is_a_private_person(events):
    assert events("In the novel, the protagonist pleads with the sea gods to spare his "
                  "son.") == []


def test_passive_or_unresolved_demand_is_an_opinion(events):
    assert not [e for e in events("A Danish minister said they should be locked up for "
                                  "ever.") if e["type"] == "REQUEST"]
    assert not [e for e in events("A Danish minister said they must pay, in a speech on "
                                  "Monday.") if e["type"] == "REQUEST"]
    evs = events("The Polish envoy said Belarus should open its border.")
    assert [e["recipients"] for e in evs if e["type"] == "REQUEST"] == [["Belarus"]]
