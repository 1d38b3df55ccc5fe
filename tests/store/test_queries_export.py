"""Queries, exports and the corpus commands over the small ingested corpus."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from communique.cli.store import (
    actors_top_cmd,
    events_cmd,
    export_cmd,
    ingest_cmd,
    quotes_cmd,
    stats_cmd,
    synth_cmd,
)
from communique.model import Analysis
from communique.store import queries
from communique.store.db import StoreError, connect
from communique.store.export import export


def test_quotes_by_speaker_search_and_date(ingested: Path) -> None:
    db = connect(ingested, readonly=True)
    everything = queries.quotes(db, limit=None)
    assert everything and all(r["content"] for r in everything)
    named = [r for r in everything if r["speaker"]]
    speaker = named[0]["speaker"].split(" & ")[0]
    by_speaker = queries.quotes(db, speaker=speaker.split()[-1].lower(), limit=None)
    assert by_speaker and all(speaker in (r["speaker"] or "") for r in by_speaker)
    word = everything[0]["content"].split()[1].strip(",.")
    assert any(word in r["content"] for r in queries.quotes(db, search=word, limit=None))
    dates = sorted(r["date"] for r in everything)
    since = queries.quotes(db, since=dates[len(dates) // 2], limit=None)
    assert 0 < len(since) < len(everything)
    with pytest.raises(queries.QueryError, match="not a date"):
        queries.quotes(db, since="last week")
    assert queries.quotes(db, search="U.S.", limit=1) is not None  # punctuation is safe
    with pytest.raises(queries.QueryError, match="bad search expression"):
        queries.quotes(db, search='"unbalanced')


def test_events_flat_filters(tmp_path: Path, analyses) -> None:
    from communique.store import dedup
    from communique.store.writer import Analysed, Writer

    make, text_n = analyses

    def item(a, position):  # noqa: ANN001, ANN202
        t = a.article.text
        return Analysed("f", position, dedup.text_hash(t), a, dedup.signature(t))

    db = connect(tmp_path / "e.db")
    Writer(db).write([item(make(text_n(i)), position=i) for i in range(3)])
    rows = queries.events(db, actor="macron", recipient="DEU", type="accuse")
    assert len(rows) == 3 and rows[0]["quad_class"] == 3
    # --actor matches either side (Germany is the recipient), --recipient only the target
    assert len(queries.events(db, actor="Germany")) == 3
    assert queries.events(db, recipient="macron") == []
    assert len(queries.events(db, since="2023-05-01")) == 3
    top = queries.top_actors(db, by="quotes")
    assert top[0]["name"] == "Emmanuel Macron" and top[0]["quotes"] == 3


def test_stats(ingested: Path) -> None:
    s = queries.stats(connect(ingested, readonly=True))
    assert s["articles"] == 24 and s["stories"] < 24 and s["failures"] == 0
    assert s["schema"][0] == "m001_core" and s["runs"]


def test_export_records_round_trip(ingested: Path, small_corpus: Path) -> None:
    db = connect(ingested, readonly=True)
    out = io.StringIO()
    assert export(db, "articles", "jsonl", out) == 24
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    texts = [json.loads(line)["text"] for line in small_corpus.open()]
    assert [r["article"]["text"] for r in records] == texts
    for r in records:
        again = Analysis.from_dict(r)  # the JSON contract, readable back
        assert again.to_dict() == r
        for q in r["quotes"]:
            c = q["content"]
            assert r["article"]["text"][c["start"]:c["end"]] == c["text"]


@pytest.mark.parametrize("what", ["events", "quotes", "actors", "articles"])
def test_export_csv_and_parquet(ingested: Path, tmp_path: Path, what: str) -> None:
    import pyarrow.parquet as pq

    db = connect(ingested, readonly=True)
    buf = io.StringIO()
    n = export(db, what, "csv", buf)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert len(rows) == n
    path = tmp_path / f"{what}.parquet"
    assert export(db, what, "parquet", str(path)) == n
    assert pq.read_table(path).num_rows == n


def test_cli_commands(ingested: Path, small_corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    shutil.copy(ingested, db)
    run = CliRunner().invoke
    r = run(ingest_cmd, [str(small_corpus), "--db", str(db), "--workers", "1", "-q"])
    assert r.exit_code == 0, r.output
    assert "0 stored" in r.output and "24 already stored" in r.output
    r = run(quotes_cmd, ["--db", str(db), "--limit", "3", "--format", "jsonl"])
    assert r.exit_code == 0 and len(r.output.splitlines()) == 3
    assert json.loads(r.output.splitlines()[0])["content"]
    r = run(quotes_cmd, ["--db", str(db), "--limit", "2", "--format", "table"])
    assert r.exit_code == 0 and "Quotes (2)" in r.output
    r = run(events_cmd, ["--db", str(db), "--format", "csv"])
    assert r.exit_code == 0
    r = run(actors_top_cmd, ["--db", str(db), "--limit", "5", "--format", "json"])
    assert r.exit_code == 0 and len(json.loads(r.output)) == 5
    r = run(stats_cmd, ["--db", str(db), "--format", "json"])
    assert json.loads(r.output)["articles"] == 24
    r = run(export_cmd, ["--db", str(db), "--what", "quotes", "--format", "csv"])
    assert r.exit_code == 0 and r.output.startswith("quote_id,")
    r = run(export_cmd, ["--db", str(db), "--what", "events", "--format", "parquet"])
    assert r.exit_code != 0 and "needs --out" in str(r.exception)


def test_query_on_missing_db_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such database"):
        connect(tmp_path / "none.db", readonly=True)
    (tmp_path / "junk.db").write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="cannot open database|not a communique"):
        connect(tmp_path / "junk.db", readonly=True)
    with pytest.raises(StoreError):
        connect(tmp_path / "junk.db")


def test_synth_is_deterministic(tmp_path: Path) -> None:
    from communique.synth import generate

    a, b = list(generate(30, seed=5)), list(generate(30, seed=5))
    assert a == b and a != list(generate(30, seed=6))
    texts = " ".join(r["text"] for r in a)
    assert "\u201c" in texts and "According to" in texts and "joint statement" in texts
    assert len({r["story"] for r in a}) < 30  # some wire copies
    r = CliRunner().invoke(synth_cmd, ["12", "--out", str(tmp_path / "d")])
    assert r.exit_code == 0 and len(list((tmp_path / "d").glob("*.json"))) == 12
    r = CliRunner().invoke(synth_cmd, ["12", "--out", str(tmp_path / "c.jsonl")])
    assert len((tmp_path / "c.jsonl").read_text().splitlines()) == 12


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_export_to_an_unwritable_place_is_one_line(ingested: Path, tmp_path: Path,
                                                   fmt: str) -> None:
    out = tmp_path / "no-such-dir" / f"events.{fmt}"
    r = CliRunner().invoke(export_cmd, ["--db", str(ingested), "--what", "events",
                                        "--format", fmt, "--out", str(out)])
    assert r.exit_code == 1
    assert r.output.startswith(f"Error: {out}: cannot write (")
    assert len(r.output.strip().splitlines()) == 1
