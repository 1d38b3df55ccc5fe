"""The article's country for unnamed groups and unknown people the text gives none
(actors/context.py): sentences written for these tests."""

from __future__ import annotations

from actor_helpers import actor

from communique import analyze


def test_an_unnamed_local_group_speaking_takes_the_articles_dominant_country():
    a = analyze("Fighting spread across Myanmar. Myanmar's junta has lost towns across "
                "Myanmar this year. \"We will not leave,\" displaced residents said.",
                published="2024-03-01")
    assert actor(a, "displaced residents").country == "MMR"
    q = a.quotes[0]
    assert next(x for x in a.actors if x.id == q.speakers[0]).country == "MMR"


def test_our_government_and_governments_are_not_the_articles_country():
    a = analyze("Myanmar's junta has lost towns across Myanmar, and Myanmar's army is "
                "stretched. Our government must act, and governments across Asia must "
                "speak, a reader wrote.", published="2024-03-01")
    assert actor(a, "Our government").country is None
    assert actor(a, "governments across Asia").country is None



def test_an_unknown_resident_quoted_by_name_takes_the_articles_country():
    a = analyze("Shelling hit Myanmar's north again. Myanmar's junta blamed the rebels, "
                "and Myanmar's army said it would hit back. \"We have no water,\" said "
                "Htet Lwin Oo, who lives near the market.", published="2024-03-01")
    assert actor(a, "Htet Lwin Oo").country == "MMR"


def test_a_journalist_the_text_gives_no_country_keeps_none():
    a = analyze("Shelling hit Myanmar's north again. Myanmar's junta blamed the rebels, "
                "and Myanmar's army said it would hit back. \"The junta is losing,\" "
                "said the journalist Perrin Tallis.", published="2024-03-01")
    assert actor(a, "Perrin Tallis").country is None


def test_no_country_without_a_dominant_one():
    a = analyze("Myanmar and Thailand met in Bangkok. Thailand's and Myanmar's officials "
                "talked. \"We agreed,\" said Htet Lwin Oo.", published="2024-03-01")
    assert actor(a, "Htet Lwin Oo").country is None


def test_forces_of_a_stateless_people_are_rebels_and_not_the_government_forces():
    a = analyze("Iraq's army and Iraq's police moved north, and Iraq said the border was "
                "shut. Government forces shelled a village held by Kurdish forces.",
                published="2018-06-01")
    gov, kurds = actor(a, "Government forces"), actor(a, "Kurdish forces")
    assert gov is not kurds
    assert kurds.sector == "REB" and gov.sector == "MIL"
