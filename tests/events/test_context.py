"""Article context for arguments a sentence leaves open (branch evctx2, events/context.py):
sentences written for these tests."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def coded():
    from communique import analyze
    from communique.nlp import load

    load()

    def run(text: str) -> list[tuple[str, list[tuple], list[tuple]]]:
        a = analyze(text)
        n = {x.id: (x.name, x.country) for x in a.actors}
        return [(e.type, [n[i] for i in e.actors], [n[i] for i in e.recipients])
                for e in a.events]
    return run


def test_a_threat_without_a_target_takes_the_same_actors_earlier_target(coded):
    evs = coded("Ethiopian troops shelled Eritrean army positions near Badme on Monday. "
                "On Tuesday the Ethiopian defence minister threatened to push deeper.")
    threat = [e for e in evs if e[0] == "THREATEN"]
    assert threat and [c for _n, c in threat[0][2]] == ["ERI"]


def test_no_recipient_is_inherited_from_another_actors_event(coded):
    evs = coded("Ethiopian troops shelled Eritrean army positions near Badme on Monday. "
                "On Tuesday the Kenyan defence minister threatened to send troops.")
    assert all(not r for t, _a, r in evs if t == "THREATEN")


def test_local_group_takes_the_articles_dominant_country(coded):
    evs = coded("Fighting went on in Myanmar. Myanmar's junta has lost ground across "
                "Myanmar since 2021, and the Burmese army now holds few towns in Myanmar. "
                "On Sunday the rebels attacked an army base near Lashio.")
    assault = [e for e in evs if e[0] == "ASSAULT"]
    assert assault and assault[0][1] == [("rebels", "MMR")]


def test_local_group_stays_countryless_without_a_dominant_country(coded):
    evs = coded("On Sunday the rebels attacked an army base near the border.")
    assert all(c is None for t, a, _r in evs if t == "ASSAULT" for _n, c in a)


def test_a_fight_that_goes_on_takes_the_sides_of_the_earlier_fight(coded):
    evs = coded("Ethiopian troops shelled Eritrean army positions near Badme on Monday. "
                "Heavy clashes continued on Tuesday, a spokesman said.")
    assert len([e for e in evs if e[0] == "ASSAULT"]) == 2
    assert [c for _n, c in evs[-1][1]] == ["ETH"] and [c for _n, c in evs[-1][2]] == ["ERI"]


def test_a_fight_merely_mentioned_is_not_given_sides(coded):
    evs = coded("Ethiopian troops shelled Eritrean army positions near Badme on Monday. "
                "The clashes were reported by a spokesman on Tuesday.")
    assert len([e for e in evs if e[0] == "ASSAULT"]) == 1


def test_will_not_allow_is_a_refusal(coded):
    evs = coded("Hungary said it will not allow Serbian police to cross the border.")
    assert [t for t, _a, _r in evs] == ["REJECT"]


def test_a_past_not_allowed_in_a_condition_is_no_event(coded):
    evs = coded("If Hungary did not allow Serbian police to cross, the plan would fail.")
    assert evs == []


def test_a_bounty_put_on_someone_is_a_sanction(coded):
    evs = coded("Last week the Colombian government put a bounty on the head of a senior "
                "ELN commander.")
    assert [(t, [c for _n, c in a]) for t, a, _r in evs] == [("SANCTION", ["COL"])]


def test_victims_of_conjoined_shelling_are_not_its_actors(coded):
    evs = coded("At least 40 villagers have been killed in airstrikes and shelling since "
                "Monday, Yemeni officials said.")
    assert not any("villagers" in n for _t, a, _r in evs for n, _c in a)


def test_warning_someone_not_to_act_is_a_threat(coded):
    evs = coded("The Kenyan president warned Somali militias not to cross the border.")
    assert [(t, [c for _n, c in r]) for t, _a, r in evs if t == "THREATEN"] == \
        [("THREATEN", ["SOM"])]


def test_a_threat_before_the_attack_takes_the_later_target(coded):
    evs = coded("On Tuesday the Ethiopian defence minister threatened to push deeper. "
                "Ethiopian troops shelled Eritrean army positions near Badme on Wednesday.")
    threat = [e for e in evs if e[0] == "THREATEN"]
    assert threat and [c for _n, c in threat[0][2]] == ["ERI"]
