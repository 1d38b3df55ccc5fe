"""The Python API: analyze, analyze_many, the record contract."""

from __future__ import annotations

import json
import tracemalloc

import pytest

import communique
from communique import Analysis, Article, Failure, InputError, Options, analyze, analyze_many

TEXT = ('Anna Berg arrived in Riga on Monday. "We will not give up," she said. '
        'Tomas Varga said the talks would resume in March.')


def test_public_api_is_small_and_listed():
    for name in ("analyze", "analyze_many", "Analysis", "Article", "Options"):
        assert name in communique.__all__
        assert hasattr(communique, name)


def test_analyze_returns_the_contract():
    a = analyze(TEXT, published="2024-11-13")
    d = a.to_dict()
    assert d["schema"] == "communique.analysis/1"
    assert d["article"]["published"] == "2024-11-13"
    assert d["article"]["text"] == TEXT
    assert len(d["article"]["id"]) == 64
    assert {"actors", "quotes", "events"} <= d.keys()
    for q in d["quotes"]:
        assert set(q) >= {"id", "kind", "content", "cue", "speakers", "speaker_mention"}
        for s in q["speakers"]:
            assert s in {x["id"] for x in d["actors"]}
    # the record survives a JSON round trip unchanged
    assert Analysis.from_dict(json.loads(json.dumps(d))).to_dict() == d


def test_ids_are_stable_for_the_same_input():
    assert analyze(TEXT).to_dict() == analyze(TEXT).to_dict()


def test_bad_published_date_is_a_clear_error():
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        analyze(TEXT, published="13/11/2024")


def test_analyze_many_streams_in_input_order():
    texts = [f'"Item number {i} is ready," Anna Berg said.' for i in range(12)]
    results = list(analyze_many(texts, batch_size=4))
    assert [r.article.text for r in results] == texts
    assert all(r.quotes for r in results)


def test_analyze_many_accepts_articles_with_metadata():
    arts = [Article(text=TEXT, id="a-1", title="One", published="2020-01-02")]
    (r,) = analyze_many(arts)
    assert r.article.id == "a-1" and r.article.title == "One"


def test_analyze_many_yields_failures_in_place():
    opts = Options(max_chars=100)
    items = ["short one.", "x " * 200, "another short one."]
    out = list(analyze_many(items, options=opts, on_error="yield"))
    assert isinstance(out[0], Analysis) and isinstance(out[2], Analysis)
    assert isinstance(out[1], Failure) and out[1].position == 1
    assert "over the 100 limit" in out[1].reason
    with pytest.raises(InputError, match="over the 100 limit"):
        list(analyze_many(items, options=opts))


def test_analyze_many_memory_stays_bounded():
    """Peak Python memory for 200 articles is close to that for 20: results stream."""
    def peak(n: int) -> int:
        tracemalloc.start()
        for _ in analyze_many((TEXT for _ in range(n)), batch_size=8):
            pass
        _, p = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return p

    small, large = peak(20), peak(200)
    assert large < small * 2


def test_empty_text_gives_an_empty_record():
    a = analyze("")
    assert a.quotes == [] and a.actors == [] and a.events == []


def test_options_can_switch_off_indirect_quotes():
    text = "Anna Berg said that the border would reopen next week."
    assert analyze(text).quotes
    assert analyze(text, options=Options(indirect=False)).quotes == []
