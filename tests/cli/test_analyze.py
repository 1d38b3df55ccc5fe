"""The command line: real processes, as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

SAMPLE = '"We will not give up," Anna Berg said. Tomas Varga said the talks would resume.'


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "communique", *args], input=stdin,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture()
def article(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(SAMPLE)
    return p


def test_json_output_is_the_record(article):
    r = run("analyze", str(article), "--date", "2024-11-13", "--format", "json")
    assert r.returncode == 0, r.stderr
    rec = json.loads(r.stdout)
    assert rec["schema"] == "communique.analysis/1"
    assert rec["article"]["published"] == "2024-11-13"
    assert any(q["kind"] == "direct" for q in rec["quotes"])


def test_several_inputs_give_one_json_line_each_in_order(tmp_path):
    paths = []
    for i in range(3):
        p = tmp_path / f"{i}.txt"
        p.write_text(f'"Number {i} is ready," Anna Berg said.')
        paths.append(str(p))
    r = run("analyze", *paths)  # a pipe: jsonl by default
    assert r.returncode == 0, r.stderr
    lines = r.stdout.strip().splitlines()
    assert len(lines) == 3
    assert [f"Number {i}" in json.loads(x)["article"]["text"] for i, x in enumerate(lines)] \
        == [True] * 3
    # json is one JSON value: an array of the records, in input order
    r = run("analyze", *paths, "--format", "json")
    assert r.returncode == 0, r.stderr
    records = json.loads(r.stdout)
    assert [f"Number {i}" in rec["article"]["text"] for i, rec in enumerate(records)] \
        == [True] * 3


def test_stdin(article):
    r = run("analyze", "-", "--format", "jsonl", stdin=SAMPLE)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["article"]["text"] == SAMPLE


def test_table_output_shows_quotes_and_actors(article):
    r = run("analyze", str(article), "--format", "table")
    assert r.returncode == 0, r.stderr
    assert "Quotes" in r.stdout and "Actors" in r.stdout and "Anna Berg" in r.stdout


def test_bad_inputs_give_one_line_each_and_the_good_ones_still_run(tmp_path, article):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    r = run("analyze", str(empty), str(article), str(binary), "--format", "jsonl")
    assert r.returncode == 1
    assert "Traceback" not in r.stderr
    errors = r.stderr.strip().splitlines()
    assert len(errors) == 2
    assert "empty.txt: empty input" in errors[0] and "bin.txt: binary data" in errors[1]
    assert len(r.stdout.strip().splitlines()) == 1


def test_invalid_utf8_warns_and_goes_on(tmp_path):
    p = tmp_path / "latin.txt"
    p.write_bytes('"Nous continuerons," a déclaré Anna Berg.'.encode("latin-1"))
    r = run("analyze", str(p), "--format", "json")
    assert r.returncode == 0
    assert "warning:" in r.stderr and "invalid UTF-8" in r.stderr


def test_bad_date_is_a_usage_error(article):
    r = run("analyze", str(article), "--date", "yesterday")
    assert r.returncode == 2
    assert "Traceback" not in r.stderr and "--date" in r.stderr


def test_html_article(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Border talks resume</title></head><body>"
        "<nav>Home | World | Sport</nav><article><h1>Border talks resume</h1>"
        "<p>Foreign ministers met in Geneva on Tuesday for a new round of talks on the "
        "disputed border, with Swiss officials acting as hosts for the meeting.</p>"
        "<p>\"We have agreed on a timetable for the next meetings,\" Anna Berg told "
        "reporters after the session, adding that both delegations had been constructive."
        "</p></article><footer>Copyright</footer></body></html>")
    r = run("analyze", str(page), "--format", "json")
    assert r.returncode == 0, r.stderr
    rec = json.loads(r.stdout)
    assert "Home | World" not in rec["article"]["text"]
    assert rec["article"]["title"] == "Border talks resume"
    names = {a["id"]: a["name"] for a in rec["actors"]}
    direct = [q for q in rec["quotes"] if q["kind"] == "direct"]
    assert direct and [names[s] for s in direct[0]["speakers"]] == ["Anna Berg"]
