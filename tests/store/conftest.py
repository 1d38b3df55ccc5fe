"""Store fixtures: hand-made records (no spaCy) and one small ingested corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from communique.model import Actor, Analysis, Article, Event, Quote, Span


def make_analysis(text: str, *, published: str | None = "2023-05-01",
                  title: str | None = None, bad: bool = False) -> Analysis:
    """A record over ``text`` naming France (wikidata) and Emmanuel Macron, with one quote
    and one event; ``bad`` repeats a quote id, which the store must refuse whole."""
    article = Article(text=text, title=title, published=published, source="Test Wire")

    def span(s: str) -> Span:
        i = text.index(s)
        return Span(i, i + len(s), s)

    macron = Actor("A1", "Emmanuel Macron", "person", "FRA", None, "GOV",
                   "President of France", "Q3052772", [span("Macron")])
    germany = Actor("A2", "Germany", "country", "DEU", None, "GOV", None, None,
                    [span("Germany")])
    quote = Quote("Q1", "direct", span("We will act"), span("said"), ["A1"], span("Macron"))
    quotes = [quote, quote] if bad else [quote]
    sentence = (0, text.index(".") + 1)
    event = Event("E1", "ACCUSE", span("criticised"), sentence, mode="disapprove",
                  actors=["A1"], recipients=["A2"], score=-3.0)
    return Analysis(article, [macron, germany], quotes, [event])


def text_n(i: int) -> str:
    return (f"Macron criticised Germany over plan number {i} on trade and energy. "
            f"\u201cWe will act,\u201d Macron said at meeting {i}. "
            + " ".join(f"filler{i}x{k}" for k in range(40)))


@pytest.fixture
def analyses():
    return make_analysis, text_n


@pytest.fixture(scope="session")
def small_corpus(tmp_path_factory) -> Path:
    """24 synthetic articles (some wire copies) as JSONL."""
    from communique.synth import write

    path = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    write(24, path, seed=7)
    return path


@pytest.fixture(scope="session")
def ingested(small_corpus: Path, tmp_path_factory) -> Path:
    """The small corpus ingested once (in-process, one worker), shared read-only."""
    from communique.store.ingest import ingest

    db = tmp_path_factory.mktemp("db") / "corpus.db"
    stats = ingest([str(small_corpus)], db, workers=1, batch_size=8)
    assert stats.stored == 24 and stats.failed == 0
    return db
