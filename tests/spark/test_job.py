"""The Spark job against single-process ``analyze_many`` and the SQLite export."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

ARTICLES = [
    ("2024-03-01", "Germany and France agreed on Monday to expand their joint border patrols. "
     "\u201cWe will stand together,\u201d German Chancellor Olaf Scholz said in Berlin."),
    ("2024-03-01", "Russia accused Ukraine of attacking a fuel depot near Belgorod. "
     "Foreign Minister Sergei Lavrov said the strike would not go unanswered."),
    ("2024-03-02", "The United Nations called for an immediate ceasefire in Sudan. "
     "\u201cThe fighting must stop now,\u201d Secretary-General Antonio Guterres told "
     "reporters in New York."),
    ("2024-03-02", "China and Brazil signed a trade agreement covering soybeans and iron ore. "
     "Brazilian President Luiz Inacio Lula da Silva said the deal would create jobs."),
    ("2024-03-03", "The European Union imposed new sanctions on Iran over drone exports. "
     "\u201cThese measures are necessary,\u201d said Josep Borrell, the EU foreign policy "
     "chief."),
    ("2024-03-03", "Japan protested to China after coast guard ships entered disputed waters. "
     "Prime Minister Fumio Kishida said Tokyo had lodged a strong complaint."),
    (None, "India and Pakistan held talks on water sharing in Islamabad. Officials said the "
     "meeting was constructive but no agreement was reached."),
    ("2024-03-04", "The United States pledged new military aid to Taiwan. "
     "\u201cWe support Taiwan's self-defence,\u201d Secretary of State Antony Blinken said."),
    ("2024-03-04", "Turkey threatened to block Sweden's NATO membership. President Recep "
     "Tayyip Erdogan said Stockholm must act against militant groups."),
    ("2024-03-05", "Kenya sent police officers to Haiti to help restore order. "
     "\u201cWe answer the call of humanity,\u201d President William Ruto said in Nairobi."),
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The ten articles as JSONL with one malformed line and one exact duplicate."""
    path = tmp_path_factory.mktemp("spark-corpus") / "news.jsonl"
    lines = [json.dumps({"id": f"n{i}", "title": f"Story {i}", "source": "Test Wire",
                         "url": f"https://wire.example/{i}", "published": date, "text": text})
             for i, (date, text) in enumerate(ARTICLES)]
    lines.insert(4, '{"id": "broken", "text": "unterminated')
    lines.append(json.dumps({"id": "copy", "text": ARTICLES[0][1] + "  "}))  # same hash
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def output(spark, corpus, tmp_path_factory) -> Path:
    from communique.spark.job import run

    out = tmp_path_factory.mktemp("spark-out")
    result = run(str(corpus), str(out), spark=spark, partitions=4)
    assert result["articles"] == len(ARTICLES)
    return out


def _table(out: Path, what: str) -> list[dict[str, Any]]:
    import pyarrow.dataset as ds

    rows = ds.dataset(out / what, format="parquet", partitioning="hive").to_table().to_pylist()
    for r in rows:  # the date columns beside the export's
        r.pop("day", None)
        r.pop("month", None)
    return rows


def test_records_equal_analyze_many(output, corpus):
    from communique import analyze_many
    from communique.readers import read_paths

    articles = [it.article for it in read_paths([str(corpus)]) if it.article is not None]
    expected = [a.to_dict() for a in analyze_many(articles[:len(ARTICLES)])]
    rows = sorted(_table(output, "records"), key=lambda r: r["position"])
    got = [json.loads(r["record"]) for r in rows]
    assert len(got) == len(expected)
    for g, e in zip(got, expected, strict=True):
        assert g == e
    assert sum(len(r["quotes"]) for r in got) >= 5


def test_malformed_record_goes_to_failures(output, corpus):
    failures = _table(output, "failures")
    assert [(f["file"], f["position"], f["stage"]) for f in failures] == \
        [(str(corpus), 5, "read")]
    assert failures[0]["reason"].startswith("malformed JSON")


#: columns the store numbers on insert; the job derives its own
_IDS = {"article_id", "story_id", "event_id", "quote_id", "actor_id", "speaker_ids"}


def _comparable(rows: list[dict[str, Any]]) -> list[tuple]:
    return sorted((tuple((k, v) for k, v in sorted(r.items()) if k not in _IDS) for r in rows),
                  key=repr)


@pytest.fixture(scope="module")
def ingested(corpus, tmp_path_factory) -> Path:
    from communique.store.ingest import ingest

    db = tmp_path_factory.mktemp("spark-db") / "ingest.db"
    stats = ingest([str(corpus)], db)
    assert stats.stored == len(ARTICLES)
    return db


def _export(db_path: Path, what: str) -> list[dict[str, Any]]:
    from communique.store.db import connect
    from communique.store.export import rows

    db = connect(db_path, readonly=True)
    try:
        return [dict(r) for r in rows(db, what)]
    finally:
        db.close()


@pytest.mark.parametrize("what", ["articles", "actors", "quotes", "events"])
def test_tables_match_sqlite_export(output, ingested, what):
    from communique.spark.rows import COLUMNS

    got = _table(output, what)
    assert list(got[0]) == [c for c, _ in COLUMNS[what]]
    expected = _export(ingested, what)
    assert _comparable(got) == _comparable(expected)


def test_load_is_idempotent_and_matches_ingest(output, ingested, tmp_path):
    from communique.spark.load import load
    from communique.store.db import connect

    db = tmp_path / "loaded.db"
    first = load(output, db)
    assert (first.stored, first.skipped, first.failed) == (len(ARTICLES), 0, 1)
    second = load(output, db)
    assert (second.stored, second.skipped) == (0, len(ARTICLES))
    for what in ("articles", "actors", "quotes", "events"):
        assert _comparable(_export(db, what)) == _comparable(_export(ingested, what))
    con = connect(db, readonly=True)
    try:
        assert con.execute("SELECT count(*) FROM failures").fetchone()[0] == 1
    finally:
        con.close()


def test_load_command(output, tmp_path):
    from click.testing import CliRunner

    from communique.cli.spark import load_cmd
    from communique.store.db import connect

    db = tmp_path / "cli.db"
    for _ in range(2):
        # the command itself, not through the main group: click caches the help option a
        # command was first invoked with, which would change docs/cli.md's rendering
        result = CliRunner().invoke(load_cmd, [str(output), "--db", str(db)])
        assert result.exit_code == 0, result.output
    con = connect(db, readonly=True)
    try:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == len(ARTICLES)
    finally:
        con.close()


def _partition_dirs(out: Path, what: str) -> list[str]:
    return sorted(p.name for p in (out / what).iterdir() if p.is_dir())


def test_dated_tables_are_partitioned_by_month_with_the_day_kept(output):
    import pyarrow.parquet as pq

    for what in ("records", "articles", "quotes", "events"):
        assert _partition_dirs(output, what) == ["month=2024-03", "month=unknown"], what
    files = sorted((output / "events" / "month=2024-03").glob("*.parquet"))
    assert len(files) == 1  # one file per partition, not one per task
    days = pq.read_table(files[0], columns=["day"]).column("day").to_pylist()
    assert days == sorted(days) and set(days) <= {f"2024-03-0{d}" for d in range(1, 6)}
    assert _partition_dirs(output, "actors") == [] and _partition_dirs(output, "failures") == []


def test_day_partitions_load_into_the_same_store(spark, corpus, ingested, tmp_path):
    from communique.spark.job import run
    from communique.spark.load import load

    out = tmp_path / "by-day"
    run(str(corpus), str(out), spark=spark, partitions=3, partition_by="day")
    assert _partition_dirs(out, "records") == [
        "day=2024-03-01", "day=2024-03-02", "day=2024-03-03", "day=2024-03-04",
        "day=2024-03-05", "day=unknown"]
    db = tmp_path / "by-day.db"
    assert load(out, db).stored == len(ARTICLES)
    for what in ("articles", "actors", "quotes", "events"):
        assert _comparable(_export(db, what)) == _comparable(_export(ingested, what))


def test_unknown_partition_grain_is_refused(output):
    from communique.spark.job import write_tables

    with pytest.raises(ValueError, match="partition_by must be one of day, month, year"):
        write_tables({}, str(output), partition_by="week")


def test_article_failing_analysis_is_a_failure_row(spark):
    """A DataFrame the reader did not vet: the analysis refuses the long article (its
    own --max-chars), records why, and analyses the rest."""
    from communique.options import Options
    from communique.readers import ReadOptions
    from communique.spark.job import analyze_dataframe

    texts = [ARTICLES[0][1], "Long. " * 200, ARTICLES[1][1]]
    df = spark.createDataFrame([(t, f"d{i}") for i, t in enumerate(texts)],
                               "text string, id string")
    tables = analyze_dataframe(df, Options(max_chars=500),
                               read_options=ReadOptions(max_chars=10_000))
    try:
        failures = [r.asDict() for r in tables["failures"].collect()]
        ids = sorted(r["record_id"] for r in tables["articles"].collect())
    finally:
        tables["_analysed"].unpersist()
    # rows of a DataFrame are numbered by Spark's increasing ids, not 1, 2, 3
    assert [(f["file"], f["stage"]) for f in failures] == [("<dataframe>", "analyze")]
    assert "500" in failures[0]["reason"]
    assert ids == ["d0", "d2"]


def test_spark_analyze_command(spark, corpus, tmp_path):
    from click.testing import CliRunner

    from communique.cli.spark import analyze_cmd

    out = tmp_path / "cli-out"
    result = CliRunner().invoke(analyze_cmd, [str(corpus), "--out", str(out),
                                              "--master", "local[2]", "--partition-by", "year"])
    assert result.exit_code == 0, result.output
    assert "10 articles analysed, 1 failures" in result.output
    assert _partition_dirs(out, "events") == ["year=2024", "year=unknown"]


@pytest.mark.slow
def test_spark_submit_entry_point(corpus, tmp_path):
    """The documented cluster route: spark-submit runs submit.py, the master comes from
    spark-submit (here local[1]), and the tables land as with the command."""
    import os
    import shutil
    import subprocess
    import sys

    import pyspark

    if shutil.which("java") is None:
        pytest.skip("Java 17 is not installed (.ci/run installs it)")
    import communique.spark.submit as submit

    spark_submit = Path(pyspark.__file__).parent / "bin" / "spark-submit"
    out = tmp_path / "submitted"
    env = {**os.environ, "PYSPARK_PYTHON": sys.executable,
           "PYSPARK_DRIVER_PYTHON": sys.executable}
    proc = subprocess.run(
        [str(spark_submit), "--master", "local[1]", "--conf", "spark.ui.enabled=false",
         submit.__file__, str(corpus), "--out", str(out)],
        capture_output=True, text=True, env=env, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    # spark-submit hands the Python driver's stderr to its own stdout
    assert "10 articles analysed, 1 failures" in proc.stdout + proc.stderr
    assert _partition_dirs(out, "quotes") == ["month=2024-03", "month=unknown"]


def test_a_corrupt_output_file_is_one_line_and_keeps_what_was_loaded(output, tmp_path):
    import shutil

    from click.testing import CliRunner

    from communique.cli.spark import load_cmd
    from communique.spark.load import LoadError, load
    from communique.store.db import connect

    out = tmp_path / "damaged"
    shutil.copytree(output, out)
    bad = out / "records" / "month=2099-01" / "part-00000.parquet"  # loaded last
    bad.parent.mkdir()
    bad.write_bytes(b"not parquet at all")
    db = tmp_path / "damaged.db"
    with pytest.raises(LoadError, match=r"month=2099-01/part-00000.parquet: not a readable"):
        load(out, db)
    con = connect(db, readonly=True)
    try:  # the partitions before the damaged one are stored, whole
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 9
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        con.close()
    result = CliRunner().invoke(load_cmd, [str(out), "--db", str(db)])
    assert result.exit_code != 0 and "Traceback" not in result.output
    bad.unlink()
    assert load(out, db).stored == 1  # the undated one, after the fix


def test_spark_analyze_refuses_a_missing_input_before_starting(tmp_path):
    from click.testing import CliRunner

    from communique.cli.spark import analyze_cmd

    result = CliRunner().invoke(analyze_cmd, [str(tmp_path / "absent.jsonl"),
                                              "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert f"{tmp_path / 'absent.jsonl'}: no such file or directory" in result.output
