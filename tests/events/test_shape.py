"""The stage's shape: one PLOVER type table read everywhere, the per-type policy as data,
span code outside the production path, and ``trace`` running the pipeline's own stages."""

from __future__ import annotations

import csv
from importlib import resources


def test_one_type_table_for_lexicon_store_spark_and_web():
    from communique.events import lexicon, plover
    from communique.spark import rows
    from communique.store import migrations
    from communique.web import bench, queries

    assert plover.QUAD["SANCTION"] == 3  # the PLOVER manual's quad table
    assert lexicon.QUAD is plover.QUAD and migrations.PLOVER_QUADS is plover.QUAD
    assert rows.PLOVER_QUADS is plover.QUAD and rows.QUAD_NAMES is plover.QUAD_NAMES
    assert queries.EVENT_TYPES == plover.TYPES
    assert {t: s for t, (s, _) in bench.EVENT_VERBS.items()} == plover.BASE_SCORE
    assert set(plover.QUAD.values()) == {1, 2, 3, 4} and set(plover.QUAD_NAMES) == set(range(5))
    lex = lexicon.load()
    assert all(lex.score(t, None) == plover.BASE_SCORE[t] for t in plover.TYPES)


def test_user_scores_file_overrides_a_base_score():
    from communique.events.lexicon import build, load

    packaged = load()
    lex = build([("mine.csv", "type,mode,score\nAID,,7\n", True)])
    assert lex.score("AID", None) == 7.0 and packaged.score("AID", None) == 10.0


def test_type_policy_rows_cover_every_type_with_known_flags():
    from communique.events import plover, policy

    text = (resources.files("communique.events") / "data" / "type_policy.csv").read_text()
    rows = list(csv.DictReader(ln for ln in text.splitlines() if not ln.startswith("#")))
    assert [r["type"] for r in rows] == list(plover.TYPES)
    flags = {f for r in rows for f in r["flags"].split("|") if f}
    header = "\n".join(ln for ln in text.splitlines() if ln.startswith("#"))
    assert all(f"#   {f} " in header for f in flags)  # each flag is documented
    assert policy.VERB_RECIPIENT_PREPS["CONSULT"] == {"with"}
    assert "ASSAULT" in policy.PATIENT_TYPES and "AGREE" not in policy.PATIENT_TYPES


def test_spans_only_when_asked(events):
    from communique import nlp
    from communique.events.trace import trace

    doc = nlp.load()("Russian jets bombed the rebel headquarters in Idlib on Monday.")
    plain = trace(doc, complete_only=True, spans=False).events
    spanned = trace(doc, complete_only=True, spans=True).events
    assert plain and [e.type for e in plain] == [e.type for e in spanned]
    assert not any(e.actor_spans or e.recipient_spans for e in plain)
    assert any(e.actor_spans for e in spanned)


def test_trace_runs_the_pipelines_own_stages(monkeypatch):
    from communique import nlp, pipeline
    from communique.events.trace import trace

    calls = []
    real = pipeline.find_all

    def spy(*args, **kwargs):
        calls.append(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "find_all", spy)
    trace(nlp.load()("Germany condemned the attack."))
    assert calls and calls[0]["complete_only"] is False
