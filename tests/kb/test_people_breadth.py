"""Breadth rows for people: US senators and UK ministers below the great offices."""

from __future__ import annotations


def test_a_us_senator_is_a_legislator_of_the_senate_on_the_date(kb):
    r = kb.resolve("Senator Tammy Baldwin", "2016-05-01")
    assert (r["kind"], r["country"], r["sector"], r["organization"]) == (
        "person", "USA", "LEG", "US Senate")


def test_a_senators_surname_alone_finds_no_senator(kb):
    r = kb.resolve("Baldwin", "2016-05-01")
    assert r.get("organization") != "US Senate"


def test_a_uk_minister_of_state_has_the_country_and_government_sector(kb):
    r = kb.resolve("Mark Lancaster", "2018-02-01")
    assert (r["kind"], r["country"], r["sector"]) == ("person", "GBR", "GOV")


def test_a_syrian_kurdish_party_official_belongs_to_the_party(kb):
    r = kb.resolve("Salih Muslim", "2016-02-01")
    assert (r["country"], r["organization"], r["sector"]) == ("SYR", "PYD", "PTY")


def test_a_national_security_adviser_is_a_government_official_on_the_date(kb):
    r = kb.resolve("H.R. McMaster", "2017-10-01")
    assert (r["country"], r["sector"]) == ("USA", "GOV")
    assert r["role"] == "United States National Security Advisor"


def test_a_un_spokesperson_is_of_the_un(kb):
    r = kb.resolve("Stephane Dujarric", "2019-03-01")
    assert (r["country"], r["organization"], r["sector"]) == ("IGO", "UN", "IGO")
