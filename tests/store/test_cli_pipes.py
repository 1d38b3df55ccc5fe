"""Every listing command in a pipe prints what its format claims (issue 14)."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys

import pytest

LISTINGS = [["quotes"], ["events"], ["actors", "top"]]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "communique", *args], capture_output=True,
                          text=True, timeout=120)


@pytest.mark.parametrize("cmd", LISTINGS, ids=" ".join)
def test_listing_parses_as_its_format_in_a_pipe(ingested, cmd):
    db = ["--db", str(ingested)]
    default = run(*cmd, *db)  # a pipe: JSON Lines
    assert default.returncode == 0, default.stderr
    rows = [json.loads(line) for line in default.stdout.splitlines()]
    assert rows and all(isinstance(r, dict) for r in rows)
    as_json = json.loads(run(*cmd, *db, "--format", "json").stdout)
    assert as_json == rows  # one JSON value: the array of the same rows
    table = list(csv.DictReader(io.StringIO(run(*cmd, *db, "--format", "csv").stdout)))
    assert len(table) == len(rows) and list(table[0]) == list(rows[0])


def test_events_carry_flags_and_counted_leaves_negated_out(ingested):
    db = ["--db", str(ingested), "--limit", "0"]
    rows = [json.loads(x) for x in run("events", *db).stdout.splitlines()]
    assert all({"negated", "hypothetical", "future"} <= set(r) for r in rows)
    counted = [json.loads(x) for x in run("events", *db, "--counted").stdout.splitlines()]
    assert counted == [r for r in rows if not r["negated"]]
    stats = json.loads(run("stats", "--db", str(ingested)).stdout)
    assert stats["events"] == len(counted)


def test_unknown_type_and_actor_are_errors_naming_what_is_accepted(ingested):
    r = run("events", "--db", str(ingested), "--type", "ATTACK")
    assert r.returncode == 1 and "ASSAULT" in r.stderr and not r.stdout
    r = run("events", "--db", str(ingested), "--actor", "Zzyzx Foobar")
    assert r.returncode == 1 and "Zzyzx Foobar" in r.stderr and "Traceback" not in r.stderr


def test_help_and_info_start_without_spacy(tmp_path):
    for args in (["--help"], ["info", "--db", str(tmp_path / "none.db")]):
        r = subprocess.run([sys.executable, "-X", "importtime", "-m", "communique", *args],
                           capture_output=True, text=True, timeout=120)
        assert r.returncode == 0, r.stderr[-500:]
        assert not re.search(r"\|\s+(spacy|fastapi)(\.|$)", r.stderr, re.M), args
    bare = run()
    assert bare.returncode == 0 and "Commands:" in bare.stdout
    info = json.loads(run("info", "--db", str(tmp_path / "none.db")).stdout)
    assert info["model"]["version"] and info["knowledge_base"]["office_holders.csv"]["rows"]
    assert info["store"]["exists"] is False


def test_ingest_of_only_unsupported_files_fails_and_synth_refuses_a_file_name(tmp_path):
    bad = tmp_path / "a.xyz"
    bad.write_text("not an article format")
    r = run("ingest", str(bad), "--db", str(tmp_path / "s.db"), "--workers", "1", "-q")
    assert r.returncode == 1, r.stderr
    r = run("synth", "3", "--out", str(tmp_path / "x.txt"))
    assert r.returncode == 2 and "--out" in r.stderr
    assert not (tmp_path / "x.txt").exists()


# --- every listing command, every format (in-process: CliRunner's stdout is no terminal) --

#: (arguments, takes --db): every command that lists records
ALL_LISTINGS = [(["quotes"], True), (["events"], True), (["events", "--per-story"], True),
                (["actors", "top"], True), (["actors", "list", "--country", "FRA"], False),
                (["actors", "resolve", "Emmanuel Macron"], False), (["stats"], True)]
#: commands whose one result is an object, not a list of rows
SINGLE = {"actors resolve", "stats"}


def invoke(*args: str):  # noqa: ANN201
    from click.testing import CliRunner

    from communique.cli import cli

    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def parsed(fmt: str, out: str):  # noqa: ANN201
    """The output read as the format it claims, failing the test when it is not."""
    if fmt == "json":
        return json.loads(out)  # one JSON value, nothing before or after it
    if fmt == "jsonl":
        lines = out.splitlines()
        assert all(line.strip() for line in lines), "a blank line in JSON Lines"
        return [json.loads(line) for line in lines]
    rows = list(csv.reader(io.StringIO(out)))
    assert rows and rows[0] and len(set(rows[0])) == len(rows[0]), "no header, or repeated"
    assert all(len(r) == len(rows[0]) for r in rows), "rows of another width than the header"
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


@pytest.mark.parametrize("cmd,takes_db", ALL_LISTINGS, ids=lambda v: " ".join(v)
                         if isinstance(v, list) else "")
def test_every_listing_in_every_format_parses_as_it_claims(ingested, cmd, takes_db):
    db = ["--db", str(ingested)] if takes_db else []
    name = " ".join(cmd[:2]) if cmd[0] == "actors" else cmd[0]
    out = {}
    for fmt in (None, "jsonl", "json", "csv"):
        r = invoke(*cmd, *db, *(["--format", fmt] if fmt else []))
        assert r.exit_code == 0, (fmt, r.stderr)
        out[fmt] = parsed(fmt or "jsonl", r.stdout)  # a pipe's default: JSON Lines
    assert out[None] == out["jsonl"] and out["jsonl"], cmd
    if name in SINGLE:
        assert len(out["jsonl"]) == 1 and isinstance(out["json"], dict)
        assert out["json"] == out["jsonl"][0]
    else:
        assert isinstance(out["json"], list) and out["json"] == out["jsonl"]
        assert [list(row) for row in out["csv"]] == [list(row) for row in out["jsonl"]]
    if name == "stats":  # CSV: one metric,value row per figure, nested keys dotted
        figures = {row["metric"]: row["value"] for row in out["csv"]}
        assert figures["articles"] == str(out["json"]["articles"]) == "24"
        assert "story_events" in figures and "events_per_story" not in figures
        assert any(k.startswith("events_by_type.") for k in figures)
    else:
        assert len(out["csv"]) == len(out["jsonl"])


def test_table_format_and_empty_results_in_a_pipe(ingested):
    db = ["--db", str(ingested)]
    r = invoke("quotes", *db, "--speaker", "nobody at all", "--format", "json")
    assert r.exit_code == 0 and json.loads(r.stdout) == []
    r = invoke("quotes", *db, "--speaker", "nobody at all", "--format", "csv")
    assert r.exit_code == 0 and r.stdout == ""
    r = invoke("stats", *db, "--format", "table")
    assert r.exit_code == 0 and "story events (wire copies once)" in r.stdout
    assert "events per story" not in r.stdout
    assert invoke("stats", *db, "--format", "yaml").exit_code == 2


# --- CSV input, --limit, warnings and summaries --------------------------------------------

TEXT = ("The foreign minister of Norway met her Swedish counterpart in Oslo on Monday to "
        "discuss fishing quotas, officials said.")


def test_ingest_csv_with_limit_goes_on_where_it_stopped(ingested, tmp_path):
    from communique.synth import write

    corpus = tmp_path / "news.csv"
    write(5, corpus, seed=11)
    db = str(tmp_path / "s.db")
    first = invoke("ingest", str(corpus), "--db", db, "--workers", "1", "--limit", "2")
    assert first.exit_code == 0, first.stderr
    assert "2 stored" in first.stderr and "--limit" in first.stderr
    assert json.loads(invoke("stats", "--db", db).stdout)["articles"] == 2
    second = invoke("ingest", str(corpus), "--db", db, "--workers", "1", "--limit", "2")
    assert "2 stored" in second.stderr and "2 already stored" in second.stderr
    rest = invoke("ingest", str(corpus), "--db", db, "--workers", "1")
    assert "1 stored" in rest.stderr and "4 already stored" in rest.stderr
    assert "--limit" not in rest.stderr
    assert json.loads(invoke("stats", "--db", db).stdout)["articles"] == 5


def test_ingest_csv_errors_warnings_and_a_summary_that_never_wraps(ingested, tmp_path):
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("headline,when\nA headline,today\n", encoding="utf-8")
    deep = tmp_path / ("a-directory-with-a-long-name-" * 4)
    deep.mkdir()
    db = str(deep / "store.db")
    r = invoke("ingest", str(wrong), "--db", db, "--workers", "1")
    assert r.exit_code == 1  # nothing readable: not a success
    (line,) = [x for x in r.stderr.splitlines() if x.startswith(str(wrong))]
    assert "'headline', 'when'" in line and "--text-field" in line
    assert "unsupported file type" not in r.stderr
    dated = tmp_path / "dated.tsv"
    dated.write_text(f"story\tday\n{TEXT}\tnext week\n", encoding="utf-8")
    r = invoke("ingest", str(dated), "--db", db, "--workers", "1", "--text-field", "story",
               "--date-field", "day")
    assert r.exit_code == 0, r.stderr
    assert f"warning: {dated}:2: published date 'next week' not understood" in r.stderr
    (done,) = [x for x in r.stderr.splitlines() if x.startswith("done:")]
    assert done.endswith(f"-> {db}") and len(done) > 80  # one line, however long


def test_analyze_reads_csv_rows(ingested, tmp_path):
    path = tmp_path / "two.csv"
    path.write_text(f"id,content\nfirst,{TEXT}\nsecond,\"{TEXT} Talks go on.\"\n",
                    encoding="utf-8")
    r = invoke("analyze", str(path))
    assert r.exit_code == 0, r.stderr
    assert [json.loads(x)["article"]["id"] for x in r.stdout.splitlines()] == \
        ["first", "second"]
    r = invoke("analyze", str(path), "--format", "json")
    assert [rec["article"]["id"] for rec in json.loads(r.stdout)] == ["first", "second"]
    bad = tmp_path / "bad.csv"
    bad.write_text("title\nno text here\n", encoding="utf-8")
    r = invoke("analyze", str(bad))
    assert r.exit_code == 1 and f"error: {bad}: no text column" in r.stderr
