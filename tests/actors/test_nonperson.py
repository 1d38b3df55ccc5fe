"""Organisations, state forces and places in whole documents (sentences of our own)."""

from __future__ import annotations

from actor_helpers import actor

from communique import analyze


def test_a_countrys_troops_and_soldiers_are_one_force():
    a = analyze("Chilean troops crossed the river at dawn. Later Chilean soldiers set up a "
                "camp, and the Chilean military said the operation was over.",
                published="2021-05-04")
    t = actor(a, "Chilean troops")
    assert (t.kind, t.country, t.sector) == ("organization", "CHL", "MIL")
    assert actor(a, "Chilean soldiers") is t and actor(a, "Chilean military") is t


def test_a_countrys_police_is_an_organisation_but_civilians_stay_a_group():
    a = analyze("Peruvian police detained two men, while Peruvian civilians watched.",
                published="2021-05-04")
    p = actor(a, "Peruvian police")
    assert (p.kind, p.country, p.sector) == ("organization", "PER", "COP")
    c = actor(a, "Peruvian civilians")
    assert c.kind == "group" and c.sector == "CVL"


def test_a_capital_is_the_city_where_it_is_a_place_and_the_government_elsewhere():
    a = analyze("Lima has rejected the plan. The minister spoke to reporters in Lima on "
                "Friday, and envoys who flew to Lima were unconvinced.", published="2022-03-01")
    gov = actor(a, "Lima")  # the first mention: the government
    assert gov.sector == "GOV" and gov.country == "PER"
    places = [x for x in a.actors if x.kind == "location"]
    assert len(places) == 1 and places[0].country == "PER"
    assert len(places[0].mentions) == 2 and len(gov.mentions) == 1


def test_an_unknown_name_after_in_is_a_place_but_not_a_newspaper():
    a = analyze("Shelling resumed in Qarwabeh on Sunday, as reported in the Daily Courier.",
                published="2022-03-01")
    assert actor(a, "Qarwabeh").kind == "location"
    assert actor(a, "Daily Courier").kind != "location"


def test_a_country_led_coalition_keeps_its_leader():
    a = analyze("The French-led coalition said its jets struck a depot. A Nigerian-led "
                "coalition has fought the insurgents since 2015.", published="2019-01-01")
    f = actor(a, "French-led coalition")
    assert (f.country, f.sector) == ("FRA", "MIL")
    n = actor(a, "Nigerian-led coalition")
    assert n is not f and n.country == "NGA"


def test_the_hague_is_the_city_even_beside_a_man_named_hague():
    a = analyze("Judges in The Hague heard the case. William Hague, a former minister, watched."
                " Hague said nothing.", published="2019-01-01")
    city = actor(a, "Hague")
    assert city.kind == "location" and city.country == "NLD"
    assert actor(a, "William Hague").kind == "person"


def test_a_government_metonym_and_a_states_government_are_the_state():
    a = analyze("The Kremlin rejected the proposal on Monday. Russia had warned against it, "
                "and the Russian government said the talks were over.", published="2020-06-01")
    state = actor(a, "Kremlin")
    assert (state.kind, state.country, state.name) == ("country", "RUS", "Russia")
    assert actor(a, "Russia") is state and actor(a, "Russian government") is state


def test_a_nations_government_inside_a_state_stays_its_own_organisation():
    a = analyze("The Welsh government and the British government disagreed about the budget.",
                published="2020-06-01")
    wales = actor(a, "Welsh government")
    assert wales.kind == "organization" and wales.sector == "GOV"
    assert actor(a, "British government").kind == "country"


def test_an_unnamed_voice_speaks_for_the_organisation_named_in_its_phrase():
    a = analyze("The Coastal Relief Committee (CRC) closed its office. \u201cWe had no choice,"
                "\u201d a CRC spokeswoman said. A spokesman for the Coastal Relief Committee "
                "said the staff were safe.", published="2021-05-04")
    org = actor(a, "Coastal Relief Committee")
    assert a.quotes and all(q.speakers == [org.id] for q in a.quotes)


def test_a_definite_spokesman_is_not_the_organisation():
    a = analyze("The Coastal Relief Committee closed its office. The spokesman of the "
                "committee said the staff were safe.", published="2021-05-04")
    org = actor(a, "Coastal Relief Committee")
    assert a.quotes and all(q.speakers != [org.id] for q in a.quotes)


def test_the_source_after_a_groups_source_is_that_groups_voice_again():
    a = analyze("According to a CRC source, the convoy was stopped. \u201cThey turned us "
                "back,\u201d the source told reporters.", published="2021-05-04")
    org = actor(a, "CRC")
    assert len(a.quotes) == 2 and all(q.speakers == [org.id] for q in a.quotes)


def test_one_official_of_a_state_speaks_for_the_state():
    a = analyze("One US official told reporters that the border would stay shut.",
                published="2021-05-04")
    us = actor(a, "US")
    assert us.kind == "country" and a.quotes[0].speakers == [us.id]

def test_a_town_no_gazetteer_knows_is_a_place_by_its_place_noun():
    a = analyze("Militias shelled the village of Kafr Durra on Monday. Residents of Kafr Durra "
                "fled to Tel Siwan camp, and later to Marjat, a town near Aleppo.",
                published="2019-03-01")
    for name in ("Kafr Durra", "Tel Siwan", "Marjat"):
        assert actor(a, name).kind == "location", name
    assert len(actor(a, "Kafr Durra").mentions) == 2


def test_an_unknown_town_takes_the_country_it_is_said_to_lie_in_or_the_articles():
    a = analyze("Syria said the talks had failed. Fighting spread to Marjat, a town near "
                "Aleppo, and the Syrian army shelled the village of Kafr Durra. Syria denied "
                "it, and Syria's allies were silent.", published="2019-03-01")
    assert actor(a, "Marjat").country == "SYR"
    assert actor(a, "Kafr Durra").country == "SYR"  # the country the article is about


def test_a_river_no_gazetteer_knows_gets_no_country():
    a = analyze("Syria said the talks had failed. Syria and Syria's allies met in the town "
                "of Marjat on the Kalbara River.", published="2019-03-01")
    assert actor(a, "Marjat").country == "SYR"
    river = [x for x in a.actors if "Kalbara" in x.name]
    assert all(x.country is None for x in river)


def test_an_unknown_organisation_takes_its_sector_from_the_words_of_its_name():
    a = analyze("The Arbor Valley Medical Society said clinics were full. The Centre for "
                "Coastal Policy and the Kessel Solidarity Campaign disagreed.",
                published="2019-03-01")
    assert actor(a, "Arbor Valley Medical Society").sector == "MED"
    assert actor(a, "Centre for Coastal Policy").sector == "EDU"
    assert actor(a, "Kessel Solidarity Campaign").sector == "NGO"


def test_a_nationality_american_organisation_is_american():
    a = analyze("The Chilean American Medical Society sent doctors to the border.",
                published="2019-03-01")
    assert actor(a, "Chilean American Medical Society").country == "USA"


def test_an_unnamed_force_is_the_force_of_the_country_the_article_is_about():
    a = analyze("Colombia said the ceasefire had collapsed. Colombia's neighbours and "
                "Colombia's allies urged calm. Rebel fighters attacked a base, and "
                "government forces responded.", published="2019-03-01")
    assert actor(a, "Rebel fighters").country == "COL"
    assert actor(a, "government forces").country == "COL"



def test_a_spokesman_of_a_department_named_with_its_country_speaks_for_it():
    a = analyze("A US Department of Energy spokesman said the plant would reopen.",
                published="2021-05-04")
    dept = actor(a, "US Department of Energy")
    assert dept.kind != "person" and a.quotes[0].speakers == [dept.id]


def test_the_home_secretary_is_the_office_holder_on_the_date():
    a = analyze("Britain changed its rules. The home secretary said the law was clear.",
                published="2019-02-22")
    p = next(x for x in a.actors if x.id == a.quotes[-1].speakers[0])
    assert (p.name, p.country, p.sector) == ("Sajid Javid", "GBR", "GOV")


def test_an_office_held_in_many_states_binds_to_no_one_without_a_state():
    a = analyze("The defence minister said the talks had failed.", published="2019-02-22")
    p = next(x for x in a.actors if x.id == a.quotes[0].speakers[0])
    assert p.country is None
