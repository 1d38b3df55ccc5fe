"""``ingest --limit N`` (issue 14): N new articles stored, then a rerun stores the next N;
an article whose analysis fails does not count. The analysis is stubbed (no spaCy)."""

from __future__ import annotations

import json
import os

import pytest

from communique.model import Analysis
from communique.store import dedup
from communique.store import ingest as ingest_mod


@pytest.fixture
def corpus(tmp_path, analyses):
    make_analysis, text_n = analyses
    path = tmp_path / "c.jsonl"
    rows = [{"id": f"a{i}", "text": text_n(i) + (" BREAKS" if i in (1, 2) else "")}
            for i in range(8)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture
def stub(monkeypatch, analyses):
    """analyze_chunk that fails every article whose text says BREAKS, and counts calls."""
    make_analysis = analyses[0]
    seen: list[str] = []

    def fake(articles, options):  # noqa: ANN001, ANN202
        results: list[Analysis | str] = []
        for a in articles:
            seen.append(a.id)
            if "BREAKS" in a.text:
                results.append("analysis failed: stub")
            else:
                r = make_analysis(a.text)
                r.article.id = a.id
                results.append(r)
        sigs = [dedup.signature(a.text) if isinstance(r, Analysis) else None
                for a, r in zip(articles, results, strict=True)]
        return results, sigs, os.getpid(), 0.0, 0.0

    monkeypatch.setattr(ingest_mod, "analyze_chunk", fake)
    return seen


def test_limit_counts_stored_articles_and_a_rerun_goes_on(corpus, tmp_path, stub):
    db = tmp_path / "s.db"
    first = ingest_mod.ingest([str(corpus)], db, batch_size=2, limit=3)
    # a1 and a2 fail their analysis: a0, a3, a4 are the three stored
    assert (first.stored, first.failed, first.limited) == (3, 2, True)
    assert stub == ["a0", "a1", "a2", "a3", "a4"]  # nothing past the third stored one
    second = ingest_mod.ingest([str(corpus)], db, batch_size=2, limit=3)
    # the stored ones are skipped; the two failed ones are retried and fail again
    assert (second.stored, second.limited) == (3, True)
    assert stub[5:] == ["a1", "a2", "a5", "a6", "a7"]
    last = ingest_mod.ingest([str(corpus)], db, batch_size=2, limit=3)
    assert (last.stored, last.skipped, last.limited) == (0, 6, False)


def test_no_limit_reads_everything(corpus, tmp_path, stub):
    stats = ingest_mod.ingest([str(corpus)], tmp_path / "s.db", batch_size=3)
    assert (stats.stored, stats.failed, stats.limited) == (6, 2, False)
