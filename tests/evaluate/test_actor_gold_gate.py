"""Quality gates on the document-level actor gold (20 guardian-dev articles annotated by
hand): figures may only go up. Baselines and commands in docs/benchmarks.md."""

from __future__ import annotations

from pathlib import Path

import pytest

from communique.evaluate.actors import DEFAULT_CORPUS, gold_files, load_gold

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests/data/gold/actors"

FLOORS = {
    "named_found": 0.98,
    "b_cubed_f1": 0.925,
    "country": 0.90,
    "sector": 0.89,
    "kind": 0.96,
    "place_kind": 0.88,
    "place_country": 0.85,
    "speakers": 0.82,
}


@pytest.fixture(scope="module")
def corpus() -> Path:
    for root in (ROOT.parent / "shared", DEFAULT_CORPUS.parents[2]):
        text = root / "corpora/guardian-dev/text"
        if text.is_dir():
            return text
    pytest.skip("the guardian-dev corpus is not present")


@pytest.fixture(scope="module")
def figures(corpus):
    from communique.evaluate.actors import evaluate_docs

    return evaluate_docs(GOLD, corpus)


def test_gold_covers_twenty_articles_with_exact_offsets(corpus):
    from communique.evaluate.actors import check_text

    files = gold_files(GOLD)
    assert len(files) == 20
    for f in files:
        gold = load_gold(f)
        assert f.stem == gold.article and gold.date
        check_text(gold, (corpus / f"{gold.article}.txt").read_text(encoding="utf-8"))
        assert all(m.text for c in gold.clusters for m in c.mentions)


def test_named_mentions_found(figures):
    assert figures["named_found"] >= FLOORS["named_found"]


def test_clusters_b_cubed(figures):
    assert figures["b_cubed_actors"]["f1"] >= FLOORS["b_cubed_f1"]


def test_identity_country_and_sector(figures):
    ident = figures["identity_actors"]
    assert ident["country"] >= FLOORS["country"], figures["errors"]
    assert ident["sector"] >= FLOORS["sector"]
    assert ident["kind"] >= FLOORS["kind"]


def test_places_kind_and_country(figures):
    ident = figures["identity_places"]
    assert ident["kind"] >= FLOORS["place_kind"]
    assert ident["country"] >= FLOORS["place_country"]


def test_speakers_right_actor_and_country(figures):
    assert figures["speakers"]["right_actor_and_country"] >= FLOORS["speakers"]
