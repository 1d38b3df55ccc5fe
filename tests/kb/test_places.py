"""Places the knowledge base reads from a name and a place noun (strings of our own)."""

from __future__ import annotations

from communique.kb import resolve_actor


def test_a_city_and_a_place_noun_is_a_place_in_the_citys_country():
    r = resolve_actor("Aleppo governorate", date="2016-01-01")
    assert (r["kind"], r["country"]) == ("location", "SYR")
    r = resolve_actor("the Zarqa district", date="2016-01-01")
    assert (r["kind"], r["country"]) == ("location", "JOR")


def test_an_unknown_name_with_a_place_noun_is_a_place_without_country():
    r = resolve_actor("Qarwabeh camp", date="2016-01-01")
    assert (r["kind"], r["country"]) == ("location", None)


def test_a_known_organisation_with_a_place_word_stays_the_organisation():
    r = resolve_actor("Kurdistan Regional Government", date="2016-01-01")
    assert r["kind"] == "organization" and r["country"] == "IRQ"


def test_gazetteer_main_names_win_over_another_citys_former_name():
    from communique.kb import gazetteer
    assert gazetteer.lookup("Salisbury")[1] == "GBR"  # not Harare's colonial name


def test_gazetteer_spellings_of_smaller_towns_and_without_the_arabic_article():
    from communique.kb import gazetteer
    assert gazetteer.lookup("Jarablus")[1] == "SYR"  # a one-word spelling, ~25,000 people
    assert gazetteer.lookup("Shaykh Zuwayd")[1] == "EGY"  # "Ash Shaykh Zuwayd" without "Ash"


def test_a_name_ending_in_an_organisation_noun_is_an_organisation_not_a_person():
    r = resolve_actor("the Andean Policy Institute", date="2020-01-01")
    assert r["kind"] == "organization" and r["name"] == "Andean Policy Institute"
    r = resolve_actor("Chilean Reconstruction Fund", date="2020-01-01")
    assert (r["kind"], r["country"]) == ("organization", "CHL")
    r = resolve_actor("Pacific Press Association", date="2020-01-01")
    assert (r["kind"], r["sector"]) == ("organization", "JRN")


def test_news_organisations_think_tanks_and_companies_have_country_and_sector():
    for text, want in (("the Washington Post", ("USA", "JRN")), ("Chatham House", ("GBR", "EDU")),
                       ("Rheinmetall", ("DEU", "BUS")), ("Oxford University", ("GBR", "EDU"))):
        r = resolve_actor(text, date="2020-01-01")
        assert (r["kind"], r["country"], r["sector"]) == ("organization", *want), text
    assert resolve_actor("Oxford", date="2020-01-01")["kind"] != "organization"


def test_rivers_have_no_country_and_regions_their_country():
    r = resolve_actor("the Tigris", date="2020-01-01")
    assert (r["kind"], r["country"]) == ("location", None)
    r = resolve_actor("in North Kivu", date="2020-01-01")
    assert (r["kind"], r["country"]) == ("location", "COD")


def test_a_town_before_a_sector_noun_gives_the_country():
    r = resolve_actor("the Rosario gang", date="2020-01-01")
    assert (r["country"], r["sector"]) == ("ARG", "CRM")
    r = resolve_actor("Basra police", date="2020-01-01")
    assert (r["country"], r["sector"]) == ("IRQ", "COP")
    r = resolve_actor("pro-Basra militias", date="2020-01-01")
    assert r["country"] is None


def test_forces_known_by_a_name_without_a_country_word():
    for text, want in (("the Luftwaffe", ("DEU", "MIL")), ("Mossos d'Esquadra", ("ESP", "COP")),
                       ("the LAPD", ("USA", "COP"))):
        r = resolve_actor(text, date="2022-01-01")
        assert (r["country"], r["sector"]) == want, text


def test_a_rebel_group_that_became_a_party_changes_sector_with_the_date():
    assert resolve_actor("RENAMO", date="1985-01-01")["sector"] == "REB"
    assert resolve_actor("RENAMO", date="2010-01-01")["sector"] == "PTY"
    assert resolve_actor("Liberation", date="2010-01-01")["kind"] != "organization"


def test_government_forces_are_the_force_not_the_government():
    assert resolve_actor("regime soldiers", date="2020-01-01")["sector"] == "MIL"
    assert resolve_actor("Bolivian government troops", date="2020-01-01")["sector"] == "MIL"
    assert resolve_actor("a government spokeswoman", date="2020-01-01")["sector"] == "GOV"
