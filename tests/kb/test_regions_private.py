"""Regions from pycountry, towns for phrases that mark a place, private persons and party
adjectives (strings of our own, none from a case file)."""

from __future__ import annotations

from communique.kb import gazetteer, resolve_actor


def test_a_first_level_region_has_its_country():
    assert gazetteer.lookup("Sindh")[1] == "PAK"
    assert gazetteer.lookup("Oromia")[1] == "ETH"
    assert gazetteer.lookup("Papua") is None or gazetteer.lookup("Papua")[1] == "IDN"


def test_a_region_name_two_countries_share_gives_none():
    assert gazetteer.lookup("Punjab") is None


def test_a_region_beats_a_smaller_city_elsewhere():
    assert gazetteer.lookup("Ontario")[1] == "CAN"


def test_an_acronym_is_no_place():
    assert gazetteer.lookup("OMON") is None


def test_arabic_article_and_quote_spellings_are_one_key():
    assert gazetteer.lookup("El-Hodeidah")[1] == "YEM"
    assert gazetteer.lookup("Tskhinvali")[1] == "GEO"


def test_a_small_town_only_where_the_phrase_marks_a_place():
    assert gazetteer.lookup("Tell Abyad") is None
    r = resolve_actor("the town of Tell Abyad", date="2019-10-01")
    assert (r["kind"], r["country"]) == ("location", "SYR")
    r = resolve_actor("in Tell Abyad", date="2019-10-01")
    assert r["country"] == "SYR"


def test_a_place_noun_after_a_locative():
    r = resolve_actor("in Sindh province", date="2022-01-01")
    assert (r["kind"], r["country"]) == ("location", "PAK")


def test_a_nationality_before_a_private_noun_is_a_civilian():
    r = resolve_actor("a Kenyan woman", date="2022-01-01")
    assert (r["kind"], r["country"], r["sector"]) == ("person", "KEN", "CVL")
    r = resolve_actor("a Peruvian national", date="2022-01-01")
    assert (r["country"], r["sector"]) == ("PER", "CVL")


def test_a_party_adjective_gives_a_legislators_country():
    r = resolve_actor("Republican lawmakers", date="2022-01-01")
    assert (r["country"], r["sector"]) == ("USA", "LEG")
    r = resolve_actor("a Labour MP", date="2022-01-01")
    assert (r["country"], r["sector"]) == ("GBR", "LEG")


def test_a_gunman_of_a_named_cartel_is_the_cartels():
    r = resolve_actor("Gulf Cartel gunmen", date="2022-01-01")
    assert r["sector"] == "CRM"
