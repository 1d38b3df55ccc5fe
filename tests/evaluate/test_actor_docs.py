"""The document-level actor scorer on small records of our own, and its bad-input errors."""

from __future__ import annotations

import json

import pytest

from communique.errors import InputError
from communique.evaluate.actors import evaluate_docs, load_gold, score_record

TEXT = "Anna Berg met Omar Lind in Tromso. Berg said Norway would help. Lind agreed."
#       0         1         2         3         4         5         6         7


def _span(s: str, nth: int = 1) -> dict:
    start = -1
    for _ in range(nth):
        start = TEXT.index(s, start + 1)
    return {"start": start, "end": start + len(s), "text": s}


GOLD = {"article": "t1", "date": "2020-01-01", "clusters": [
    {"id": "C1", "name": "Anna Berg", "kind": "person", "country": "NOR", "sector": "GOV",
     "mentions": [_span("Anna Berg"), _span("Berg", 2)]},
    {"id": "C2", "name": "Omar Lind", "kind": "person", "country": "SWE", "sector": "CVL",
     "mentions": [_span("Omar Lind"), _span("Lind", 2)]},
    {"id": "C3", "name": "Norway", "kind": "state", "country": "NOR", "sector": "GOV",
     "mentions": [_span("Norway")]},
    {"id": "C4", "name": "Tromso", "kind": "place", "country": "NOR", "sector": None,
     "mentions": [_span("Tromso")]},
]}


def _write(tmp_path, gold=GOLD, text=TEXT):
    gdir = tmp_path / "gold"
    cdir = tmp_path / "text"
    gdir.mkdir()
    cdir.mkdir()
    (gdir / "t1.json").write_text(json.dumps(gold), encoding="utf-8")
    (cdir / "t1.txt").write_text(text, encoding="utf-8")
    return gdir, cdir


def _actor(aid, name, kind, country, sector, *spans):
    return {"id": aid, "name": name, "kind": kind, "country": country, "sector": sector,
            "mentions": [_span(*s) if isinstance(s, tuple) else _span(s) for s in spans]}


RECORD = {
    "article": {"text": TEXT},
    "actors": [
        _actor("A1", "Anna Berg", "person", "NOR", "GOV", "Anna Berg", ("Berg", 2)),
        # Lind split in two, the second with the wrong country
        _actor("A2", "Omar Lind", "person", "SWE", "CVL", "Omar Lind"),
        _actor("A3", "Lind", "person", None, None, ("Lind", 2)),
        _actor("A4", "Norway", "country", "NOR", None, "Norway"),
        # the town comes out as an organisation
        _actor("A5", "Tromso", "organization", "NOR", None, "Tromso"),
    ],
    "quotes": [
        {"id": "Q1", "speakers": ["A1"], "speaker_mention": _span("Berg", 2)},
        {"id": "Q2", "speakers": ["A3"], "speaker_mention": _span("Lind", 2)},
        {"id": "Q3", "speakers": [], "speaker_mention": None},
    ],
}


def test_score_record_counts(tmp_path):
    gdir, _ = _write(tmp_path)
    r = evaluate_docs(gdir, records={"t1": RECORD})
    assert r["named_found"] == 1.0
    assert r["mentions"]["place"] == {"gold": 1, "found": 1.0, "exact": 1.0}
    assert r["named_exact"] == 1.0
    # B-cubed: Berg 2/2 mentions together, Lind split 1/2 + 1/2, Norway 1
    b = r["b_cubed_actors"]
    assert b["precision"] == 1.0
    assert b["recall"] == pytest.approx((1 + 1 + 0.5 + 0.5 + 1) / 5, abs=1e-4)
    ident = r["identity_actors"]
    # Lind's best actor is A2 (first of a tie): right; Norway null sector is fine for a state
    assert (ident["clusters"], ident["country"], ident["sector"], ident["kind"]) == (
        3, 1.0, 1.0, 1.0)
    assert r["identity_places"]["kind"] == 0.0
    assert r["identity_places"]["country"] == 1.0
    s = r["speakers"]
    assert s["quotes"] == 2
    assert s["right_actor_and_country"] == 0.5  # Q2 is the split-off Lind, no country
    assert s["right_country"] == 0.5


def test_missed_mentions_lower_recall_and_identity(tmp_path):
    gdir, _ = _write(tmp_path)
    record = dict(RECORD, actors=RECORD["actors"][:1], quotes=[])
    r = evaluate_docs(gdir, records={"t1": record})
    assert r["named_found"] == pytest.approx(2 / 5, abs=1e-4)
    assert r["identity_actors"]["found"] == pytest.approx(1 / 3, abs=1e-4)
    assert r["identity_actors"]["country"] == pytest.approx(1 / 3, abs=1e-4)
    assert r["errors"]["t1"][0] == {"cluster": "C2", "name": "Omar Lind",
                                    "problem": "not found"}


def test_exact_needs_the_same_boundaries(tmp_path):
    gdir, _ = _write(tmp_path)
    # the system splits "Anna Berg" into "Anna" and "Berg": found, but not exact
    split = [_actor("A1", "Anna", "person", None, None, "Anna"),
             _actor("A9", "Berg", "person", "NOR", "GOV", ("Berg", 1), ("Berg", 2))]
    r = evaluate_docs(gdir, records={"t1": dict(RECORD, actors=split, quotes=[])})
    assert r["mentions"]["name"]["found"] == pytest.approx(2 / 5, abs=1e-4)
    assert r["named_exact"] == pytest.approx(1 / 5, abs=1e-4)


def test_over_merging_lowers_precision(tmp_path):
    gdir, _ = _write(tmp_path)
    merged = _actor("A1", "Anna Berg", "person", "NOR", "GOV", "Anna Berg", ("Berg", 2),
                    "Omar Lind", ("Lind", 2))
    r = evaluate_docs(gdir, records={"t1": dict(RECORD, actors=[merged], quotes=[])})
    # four mentions in a merged cluster of four (2/4 each), Norway missed: a singleton
    assert r["b_cubed_actors"]["precision"] == pytest.approx((0.5 * 4 + 1) / 5, abs=1e-4)


def test_runs_the_pipeline_on_the_corpus_text(tmp_path):
    gdir, cdir = _write(tmp_path)
    seen = []

    def fake(text, date):
        seen.append((text, date))
        return RECORD

    r = evaluate_docs(gdir, cdir, analyze=fake)
    assert seen == [(TEXT, "2020-01-01")] and r["articles"] == 1


def test_offsets_that_do_not_match_the_text_name_the_file(tmp_path):
    gdir, cdir = _write(tmp_path, text=TEXT.replace("Anna", "Anne"))
    with pytest.raises(InputError, match=r"t1\.json: mention 'Anna Berg'"):
        evaluate_docs(gdir, cdir, analyze=lambda t, d: RECORD)


@pytest.mark.parametrize("gold, problem", [
    ("not json", "not JSON"),
    ('{"article": "x"}', "a gold file is an object"),
    ('{"article": "x", "clusters": [{"kind": "nation", "mentions": []}]}', "kind 'nation'"),
    ('{"article": "x", "clusters": [{"kind": "person", "mentions": []}]}', "no mentions"),
    ('{"article": "x", "clusters": [{"kind": "person", "mentions": [{"start": 1}]}]}',
     "integer start and end"),
    ('{"article": "x", "clusters": [{"kind": "person", "mentions": '
     '[{"start": 0, "end": 5}, {"start": 3, "end": 8}]}]}', "overlap"),
])
def test_bad_gold_files(tmp_path, gold, problem):
    f = tmp_path / "bad.json"
    f.write_text(gold, encoding="utf-8")
    with pytest.raises(InputError, match=problem):
        load_gold(f)


def test_missing_text_and_empty_dir(tmp_path):
    gdir, cdir = _write(tmp_path)
    (cdir / "t1.txt").unlink()
    with pytest.raises(InputError, match="cannot read the article text"):
        evaluate_docs(gdir, cdir)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match="no \\*.json gold files"):
        evaluate_docs(empty)


def test_score_record_on_an_empty_record():
    gold = load_gold_from(GOLD)
    r = score_record(gold, {"actors": [], "quotes": []})
    assert r["counts"]["found_name"] == 0 and r["counts"]["mentions_name"] == 5


def load_gold_from(data):
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "g.json"
        p.write_text(json.dumps(data), encoding="utf-8")
        return load_gold(p)


def test_cli_docs_json_and_bad_gold(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from communique.cli.actors import eval_actors
    from communique.evaluate import actors as mod

    gdir, cdir = _write(tmp_path)
    real = mod.evaluate_docs
    monkeypatch.setattr(mod, "evaluate_docs",
                        lambda g, c: real(g, c, analyze=lambda t, d: RECORD))
    out = CliRunner().invoke(eval_actors, ["--docs", str(gdir), "--corpus", str(cdir),
                                           "--json"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)["named_found"] == 1.0
    out = CliRunner().invoke(eval_actors, ["--docs", str(gdir), "--corpus", str(cdir),
                                           "--min-country", "0.99", "--min-sector", "0.5"])
    assert out.exit_code == 0
    (gdir / "t1.json").write_text("{", encoding="utf-8")
    out = CliRunner().invoke(eval_actors, ["--docs", str(gdir), "--corpus", str(cdir)])
    assert out.exit_code == 1
    assert "t1.json: not JSON" in out.output and "Traceback" not in out.output
