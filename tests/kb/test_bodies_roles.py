"""Head nouns of bodies and people as data (sectors_bodies_people.csv), a body named by
its kind that another state's body bears, the reach of "non-", and the central-bank and
economy/energy tables (facts from public record; strings written for these tests)."""

from __future__ import annotations

from pathlib import Path

import pytest

from communique.kb import KnowledgeBase

KB_DIR = Path(__file__).resolve().parents[2] / "src/communique/kb"


@pytest.mark.parametrize(("text", "country", "sector"), [
    # a union federation named "congress" is labour, not a legislature
    ("the Malawi Congress of Trade Unions", "MWI", "LAB"),
    ("Sierra Leone Labour Congress", "SLE", "LAB"),
    ("the Ugandan teachers' union", "UGA", "LAB"),
    # consuls and attachés are diplomats, not generals
    ("the Pakistani consul general in Dubai", "PAK", "GOV"),
    ("a Cuban chargé d'affaires", "CUB", "GOV"),
    ("the Egyptian defence attaché", "EGY", "MIL"),
    # people and bodies named by their nouns
    ("Indian nationals", "IND", "CVL"),
    ("an Italian deputy", "ITA", "LEG"),
    ("the Zambian electoral commission", "ZMB", "GOV"),
    ("Ecuador's ombudsman", "ECU", "GOV"),
    ("the Tanzanian customs service", "TZA", "COP"),
    ("Latvia's state security service", "LVA", "SPY"),
    ("the Kenyan chief of defence staff", "KEN", "MIL"),
    ("Senegal's Constitutional Council", "SEN", "JUD"),
    ("the Ghana Revenue Authority", "GHA", "GOV"),
])
def test_head_nouns_give_the_sector(kb: KnowledgeBase, text: str, country: str,
                                    sector: str) -> None:
    got = kb.resolve(text, "2023-03-01")
    assert (got["country"], got["sector"]) == (country, sector), got


def test_a_generic_body_name_with_another_state_is_that_states_body(kb: KnowledgeBase
                                                                      ) -> None:
    # Myanmar's People's Defence Force is REB; Tanzania's army bears the same name
    got = kb.resolve("the Tanzanian People's Defence Force", "2022-01-01")
    assert (got["country"], got["sector"]) == ("TZA", "MIL")
    assert kb.resolve("the People's Defence Force", "2022-01-01")["country"] == "MMR"


def test_non_applies_to_the_word_it_joins_only(kb: KnowledgeBase) -> None:
    got = kb.resolve("non-Baloch residents", "2022-01-01")
    assert (got["country"], got["sector"]) == (None, "CVL")
    got = kb.resolve("anti-government demonstrators", "2022-01-01")
    assert got["sector"] == "CVL"
    assert kb.resolve("non-Syrians", "2019-01-01")["country"] is None


def test_korean_and_diet(kb: KnowledgeBase) -> None:
    got = kb.resolve("Korean riot police", "2023-01-01")
    assert (got["country"], got["sector"]) == ("KOR", "COP")
    got = kb.resolve("the Diet", "2023-01-01")
    assert (got["country"], got["sector"]) == ("JPN", "LEG")


@pytest.mark.parametrize(("text", "date", "name", "country", "sector"), [
    ("the Japanese central bank governor", "2015-06-01", "Haruhiko Kuroda", "JPN", "GOV"),
    ("the Turkish central bank governor", "2021-06-01", "Şahap Kavcıoğlu", "TUR", "GOV"),
    ("the Fed chairman", "2010-01-01", "Ben Bernanke", "USA", "GOV"),
    ("Germany's economy minister", "2019-01-01", "Peter Altmaier", "DEU", "GOV"),
    ("the Iranian oil minister", "2018-01-01", "Bijan Zangeneh", "IRN", "GOV"),
    ("the Russian energy minister", "2016-01-01", "Alexander Novak", "RUS", "GOV"),
])
def test_economy_tables_give_the_holder(kb: KnowledgeBase, text: str, date: str, name: str,
                                        country: str, sector: str) -> None:
    got = kb.resolve(text, date)
    assert (got["name"], got["country"], got["sector"]) == (name, country, sector), got


@pytest.mark.parametrize(("text", "country", "sector"), [
    ("the Bank of Korea", "KOR", "GOV"),
    ("Banxico", "MEX", "GOV"),
    ("the AFL-CIO", "USA", "LAB"),
    ("Pertamina", "IDN", "BUS"),
    ("Nahdlatul Ulama", "IDN", "REL"),
    ("Kyodo", "JPN", "JRN"),
])
def test_bodies_tables(kb: KnowledgeBase, text: str, country: str, sector: str) -> None:
    got = kb.resolve(text, "2023-01-01")
    assert (got["country"], got["sector"]) == (country, sector), got


def test_resolver_modules_stay_small() -> None:
    for name in ("resolver.py", "mention.py", "interpret.py"):
        assert len((KB_DIR / name).read_text(encoding="utf-8").splitlines()) < 600, name


def test_a_city_in_an_unknown_persons_role_gives_the_country(kb: KnowledgeBase) -> None:
    got = kb.resolve("Tamale police chief Kofi Mensah-Appiah", "2023-01-01")
    assert (got["country"], got["sector"]) == ("GHA", "COP"), got
    assert got["role"] == "Tamale police chief"


def test_a_deputy_minister_is_not_the_minister(kb: KnowledgeBase) -> None:
    assert kb.resolve("the Russian foreign minister", "2021-03-01")["name"] == "Sergei Lavrov"
    got = kb.resolve("Russia's deputy foreign minister", "2021-03-01")
    assert (got["name"], got["country"], got["sector"]) == (
        "Russia's deputy foreign minister", "RUS", "GOV")
    got = kb.resolve("the Chinese vice foreign minister", "2021-03-01")
    assert got["name"] != "Wang Yi" and got["country"] == "CHN"
    # "Secretary of National Defense" is Mexico's defence minister
    got = kb.resolve("the Mexican Secretary of National Defense", "2021-03-01")
    assert got["name"] == "Luis Cresencio Sandoval"
