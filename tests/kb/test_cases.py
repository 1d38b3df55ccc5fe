"""CI floors on the shipped case file, and the evaluation function itself."""

from __future__ import annotations

import pytest

from communique.kb.evaluate import evaluate_cases

COUNTRY_FLOOR = 0.95
SECTOR_FLOOR = 0.85


def test_case_file_meets_floors(kb):
    r = evaluate_cases(kb=kb)
    assert r["cases"] >= 250
    assert r["country_accuracy"] >= COUNTRY_FLOOR, r["errors"][:10]
    assert r["sector_accuracy"] >= SECTOR_FLOOR, r["errors"][:10]
    cats = set(r["by_category"])
    for needed in ("dated_role", "demonym", "group", "metonym", "igo", "armed_group",
                   "role_phrase"):
        assert needed in cats


def test_evaluate_custom_file(kb, tmp_path):
    f = tmp_path / "cases.csv"
    f.write_text("text,date,country,sector\n"
                 "Mark Rutte,2020-01-01,NLD,GOV\n"
                 "Mark Rutte,2020-01-01,IGO,IGO\n", encoding="utf-8")
    r = evaluate_cases(f, kb=kb)
    assert (r["cases"], r["country_accuracy"], r["sector_accuracy"]) == (2, 0.5, 0.5)
    assert r["errors"][0]["line"] == 3


def test_evaluate_rejects_missing_columns(kb, tmp_path):
    f = tmp_path / "bad.csv"
    f.write_text("text,country\nX,FRA\n", encoding="utf-8")
    with pytest.raises(ValueError, match="missing column"):
        evaluate_cases(f, kb=kb)
