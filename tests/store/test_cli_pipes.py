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
