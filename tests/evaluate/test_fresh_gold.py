"""The fresh test sets of 2026-12-02 (written blind, not used to write rules): actor gold
in tests/data/gold/actors-test, event gold in gold/events/guardian-test, and the v3 case
file. These checks keep the files well formed; the figures are reported, not pinned."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from communique.evaluate.actors import check_text, gold_files, load_gold
from communique.events.docgold import check, read_gold

ROOT = Path(__file__).resolve().parents[2]
ACTORS = ROOT / "tests/data/gold/actors-test"
EVENTS = ROOT / "gold/events/guardian-test"
DATA = ROOT / "src/communique/kb/data"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        return [r for r in csv.DictReader(f) if not r["text"].startswith("#")]


def _norm(text: str) -> str:
    text = re.sub(r"^(the|in|near|a|an)\s+", "", text.lower().strip())
    return re.sub(r"[^\w]+", " ", text).strip()


def test_fresh_gold_articles_are_new_and_exact(shared):
    text_dir = shared / "corpora/guardian-dev/text"
    old = {f.stem for f in gold_files(ROOT / "tests/data/gold/actors")}
    actor_ids = set()
    for f in gold_files(ACTORS):
        gold = load_gold(f)
        check_text(gold, (text_dir / f"{gold.article}.txt").read_text(encoding="utf-8"))
        actor_ids.add(gold.article)
    docs = read_gold(EVENTS)
    for d in docs:
        assert check(d, (text_dir / f"{d.article}.txt").read_text(encoding="utf-8")) == []
    assert len(actor_ids) == 8 and actor_ids == {d.article for d in docs}
    assert not actor_ids & old


def test_v3_cases_repeat_no_older_case():
    old = {_norm(r["text"]) for name in ("cases.csv", "cases_v2.csv")
           for r in _rows(DATA / name)}
    v3 = _rows(DATA / "cases_v3.csv")
    assert len(v3) >= 250
    assert not [r["text"] for r in v3 if _norm(r["text"]) in old]
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d", r["date"]) and r["category"] for r in v3)


def test_v4_cases_repeat_no_older_case():
    old = {_norm(r["text"]) for name in ("cases.csv", "cases_v2.csv", "cases_v3.csv")
           for r in _rows(DATA / name)}
    v4 = _rows(DATA / "cases_v4.csv")
    assert len(v4) >= 300
    assert not [r["text"] for r in v4 if _norm(r["text"]) in old]
    assert len({_norm(r["text"]) for r in v4}) == len(v4)
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d", r["date"]) and r["category"] for r in v4)


def test_v5_cases_repeat_no_older_case():
    old = {_norm(r["text"]) for name in ("cases.csv", "cases_v2.csv", "cases_v3.csv",
                                         "cases_v4.csv")
           for r in _rows(DATA / name)}
    v5 = _rows(DATA / "cases_v5.csv")
    assert len(v5) >= 250
    assert not [r["text"] for r in v5 if _norm(r["text"]) in old]
    assert len({_norm(r["text"]) for r in v5}) == len(v5)
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d", r["date"]) and r["category"] for r in v5)
