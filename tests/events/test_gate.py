"""Quality and cost gates of the event stage on the shared corpora (skipped without them).

Floors sit a little below the figures measured with ``communique eval events`` (see
docs/events.md); a real regression fails, harmless changes pass.
"""

from __future__ import annotations

import time

import pytest

FLOORS = {"accuracy": 0.86, "macro_f1": 0.86, "span_all_f1": 0.60, "span_source_f1": 0.74,
          "span_target_f1": 0.61, "record_main_accuracy": 0.82, "record_main_macro_f1": 0.825}


@pytest.fixture(scope="module")
def cameo(shared):
    from communique.events.evaluate import evaluate_cameo

    return evaluate_cameo(shared / "corpora/cameo-sentences/class_train.tsv")


@pytest.fixture(scope="module")
def spans(shared):
    from communique.events.evaluate import evaluate_spans

    return evaluate_spans(shared / "corpora/cameo-sentences/spans_train.txt")


@pytest.mark.slow
def test_cameo_accuracy_and_macro_f1_floors(cameo):
    assert cameo["accuracy"] >= FLOORS["accuracy"], cameo["accuracy"]
    assert cameo["macro_f1"] >= FLOORS["macro_f1"], cameo["macro_f1"]


@pytest.mark.slow
def test_span_f1_floors(spans):
    assert spans["all"]["f1"] >= FLOORS["span_all_f1"], spans["all"]
    assert spans["S"]["f1"] >= FLOORS["span_source_f1"], spans["S"]
    assert spans["T"]["f1"] >= FLOORS["span_target_f1"], spans["T"]


@pytest.mark.slow
def test_cameo_from_the_record_main_event_floor(shared):
    """The 5-class CAMEO figure read from the JSON record: the quad of the sentence's
    event marked ``main`` (class 0 when none), as an outside scorer would read it."""
    from communique import analyze_many
    from communique.events.evaluate import read_classes
    from communique.events.plover import QUAD

    rows = read_classes(shared / "corpora/cameo-sentences/class_train.tsv")
    pred = []
    for a in analyze_many([s for s, _ in rows], batch_size=64):
        main = [e for e in a.events if e.main]
        pred.append(QUAD[main[0].type] if main else 0)
    gold = [g for _, g in rows]
    acc = sum(p == g for p, g in zip(pred, gold, strict=True)) / len(rows)
    f1 = []
    for c in range(5):
        tp = sum(p == g == c for p, g in zip(pred, gold, strict=True))
        fp = sum(p == c != g for p, g in zip(pred, gold, strict=True))
        fn = sum(g == c != p for p, g in zip(pred, gold, strict=True))
        f1.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    assert acc >= FLOORS["record_main_accuracy"], acc
    assert sum(f1) / 5 >= FLOORS["record_main_macro_f1"], f1


def test_seed_article_events(shared):
    """The seed's required events are found, with few extra ones."""
    import json

    from communique import analyze

    gold = json.loads((shared / "seed/gold.json").read_text())
    a = analyze((shared / "seed/article.txt").read_text(), published=gold["published"])
    names = {x.id: x for x in a.actors}

    def keys(ids):
        out = set()
        for i in ids:
            x = names[i]
            out |= {k.casefold() for k in (x.name, x.country, x.organization) if k}
            out.add(x.name.split()[-1].casefold())
        return out

    for g in (e for e in gold["events"] if e["tier"] == "required"):
        want_a = {k.casefold() for k in g["actors"] + [n.split()[-1] for n in g["actors"]]}
        want_r = {k.casefold() for k in g["recipients"]}
        assert any(e.type in g["types"] and keys(e.actors) & want_a
                   and keys(e.recipients) & want_r for e in a.events), g["note"]
    assert len(a.events) <= 12


def test_event_stage_costs_little_next_to_the_parse(shared):
    """The whole event stage stays well under a fifth of the spaCy parse time."""
    from communique.events import find_events, load
    from communique.events.trace import trace
    from communique.nlp import load as nlp_load

    nlp = nlp_load()
    texts = [(shared / "seed/article.txt").read_text()] * 8
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts))
    parse = time.perf_counter() - t0
    lex = load()
    prepared = [trace(d) for d in docs]
    t0 = time.perf_counter()
    for t in prepared:
        find_events(t.doc, t.index, t.drafts, lex)
    stage = time.perf_counter() - t0
    assert stage < 0.2 * parse, (stage, parse)
