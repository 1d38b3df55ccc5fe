"""The kbworld tables: role phrases, envoys by subject and names that start with a
leading word reach their rows (facts from public record; sentences invented)."""

from __future__ import annotations

from pathlib import Path

import pytest

from communique.kb import KnowledgeBase
from communique.kb.evaluate import evaluate_cases


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.from_files(warn=False)


@pytest.mark.parametrize(("text", "date", "name"), [
    ("the Mexican interior minister", "2022-06-01", "Adán Augusto López"),
    ("Kenya's foreign minister", "2024-06-01", "Musalia Mudavadi"),
    ("the Nigerian defence minister", "2021-01-01", "Bashir Magashi"),
    ("the Algerian foreign minister", "2024-01-01", "Ahmed Attaf"),
    ("the US special envoy for Yemen", "2022-01-01", "Tim Lenderking"),
    ("the UN envoy for Afghanistan", "2023-06-01", "Roza Otunbayeva"),
    ("the UN special representative for Iraq", "2022-01-01", "Jeanine Hennis-Plasschaert"),
    ("the US ambassador to Israel", "2022-06-01", "Tom Nides"),
    ("Russia's UN ambassador", "2020-01-01", "Vassily Nebenzia"),
])
def test_role_phrases_find_the_holder(kb: KnowledgeBase, text: str, date: str,
                                      name: str) -> None:
    assert kb.resolve(text, date)["name"] == name


@pytest.mark.parametrize(("text", "date", "country", "sector"), [
    ("Yaël Braun-Pivet", "2023-01-01", "FRA", "LEG"),
    ("Marine Le Pen", "2024-01-01", "FRA", "OPP"),
    ("Jim Jordan", "2023-06-01", "USA", "LEG"),
    ("Staffan de Mistura", "2023-01-01", "IGO", "IGO"),
    ("John Kerry", "2022-01-01", "USA", "GOV"),
    ("the All Progressives Congress", "2022-01-01", "NGA", "PTY"),
    ("400 Mawozo", "2022-01-01", "HTI", "CRM"),
    ("Los Tiguerones", "2024-01-01", "ECU", "CRM"),
    ("the Senegalese National Assembly", "2024-01-01", "SEN", "LEG"),
    ("the UN envoy for Libya", "2022-01-01", "IGO", "IGO"),
    ("an Israeli diplomat", "2022-01-01", "ISR", "GOV"),
])
def test_names_and_bodies_get_country_and_sector(kb: KnowledgeBase, text: str, date: str,
                                                 country: str, sector: str) -> None:
    got = kb.resolve(text, date)
    assert (got["country"], got["sector"]) == (country, sector)


def test_an_envoy_title_alone_names_no_one(kb: KnowledgeBase) -> None:
    got = kb.resolve("the UN special representative", "2022-01-01")
    assert got["name"] == "UN special representative"
    assert kb.resolve("the UN envoy", "2022-01-01")["sector"] == "IGO"


def test_a_leading_word_is_stripped_when_no_name_starts_with_it(kb: KnowledgeBase) -> None:
    assert kb.resolve("all refugees", "2022-01-01")["sector"] == "REF"
    assert kb.resolve("the Congress", "2022-01-01")["country"] == "USA"


def test_kbworld_check_cases_meet_floors(kb: KnowledgeBase) -> None:
    # written before the kbworld rows (measured 0.621 / 0.553 then, 0.990 / 0.990 after)
    path = Path(__file__).resolve().parent.parent / "data" / "kb" / "cases_kbworld.csv"
    r = evaluate_cases(path, kb=kb)
    assert r["cases"] >= 100
    assert r["country_accuracy"] >= 0.97, r["errors"][:10]
    assert r["sector_accuracy"] >= 0.97, r["errors"][:10]
