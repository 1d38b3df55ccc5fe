"""The dev2 document gold of 2026-12-04 (ten guardian-dev articles annotated by hand before
communique was run on them; a check set, no rule is written from it): actor gold in
tests/data/gold/actors-dev2, event gold in gold/events/guardian-dev2. These checks keep
the files well formed and in step with their specs; the figures are reported by
scripts/doc_halves.py (column dev2), not pinned."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from communique.evaluate.actors import check_text, gold_files, load_gold
from communique.events.docgold import check, from_authoring, read_gold

ROOT = Path(__file__).resolve().parents[2]
ACTORS = ROOT / "tests/data/gold/actors-dev2"
EVENTS = ROOT / "gold/events/guardian-dev2"
IDS = {"36", "83", "84", "142", "199", "528", "575", "622", "684", "694"}
#: sector codes the older golds use (a typo in a spec would be a new one)
SECTORS = {"GOV", "MIL", "REB", "CVL", "IGO", "JRN", "EDU", "NGO", "ELI", "LEG", "PTY",
           "OPP", "BUS", "SPY", "MED", "JUD", "REF", "PRM", "COP", "REL", None}


def _text(shared: Path, article: str) -> str:
    return (shared / "corpora/guardian-dev/text" / f"{article}.txt").read_text(encoding="utf-8")


def _actor_gold_script(shared: Path):
    spec = importlib.util.spec_from_file_location("actor_gold", ROOT / "scripts/actor_gold.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    mod.CORPUS = shared / "corpora/guardian-dev"
    return mod


def test_dev2_ids_are_new_and_the_same_in_both_golds():
    actor_ids = {f.stem for f in gold_files(ACTORS)}
    event_ids = {d.article for d in read_gold(EVENTS)}
    older = {f.stem for d in ("actors", "actors-test")
             for f in gold_files(ROOT / "tests/data/gold" / d)}
    older |= {d.article for sub in ("guardian-dev", "guardian-test")
              for d in read_gold(ROOT / "gold/events" / sub)}
    assert actor_ids == event_ids == IDS
    assert not IDS & older


def test_dev2_actor_mentions_match_the_text(shared):
    for f in gold_files(ACTORS):
        gold = load_gold(f)
        text = _text(shared, gold.article)
        check_text(gold, text)  # raises on a mention that is not its text
        for c in gold.clusters:
            assert c.sector in SECTORS, (f.name, c.name, c.sector)
            assert c.kind != "place" or c.sector is None, (f.name, c.name)
            for m in c.mentions:
                assert m.text and text[m.start:m.end] == m.text


def test_dev2_event_triggers_match_the_text(shared):
    docs = read_gold(EVENTS)
    assert sum(len(d.events) for d in docs) >= 150
    for d in docs:
        text = _text(shared, d.article)
        assert check(d, text) == [], d.article
        for e in d.events:
            assert e.actors, (d.article, e.type, text[e.trigger[0]:e.trigger[1]])
            for a in e.actors + e.recipients:
                assert a.name and a.sector in SECTORS, (d.article, a)


@pytest.mark.parametrize("article", sorted(IDS, key=int))
def test_dev2_json_is_built_from_its_spec(shared, article):
    """The stored files are exactly what the specs give (no hand edit of the JSON)."""
    mod = _actor_gold_script(shared)
    built = mod.build(ACTORS / "specs" / f"{article}.txt")
    stored = json.loads((ACTORS / f"{article}.json").read_text(encoding="utf-8"))
    assert built == stored
    lines = (EVENTS / "specs" / f"{article}.txt").read_text(encoding="utf-8").splitlines()
    assert lines[0] == f"article {article}"
    stored_ev = json.loads((EVENTS / f"{article}.json").read_text(encoding="utf-8"))
    assert from_authoring(_text(shared, article), lines[1:]) == stored_ev["events"]
