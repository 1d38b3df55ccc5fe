"""Issue 16, items 6-10 and 13-15: hostile inputs fail alone, each named on stderr in one
line as ``FILE[:LINE]: reason``, while the good inputs of the same run are stored and the
store stays intact. Every input is made here; ingest runs through the real CLI."""

from __future__ import annotations

import gzip
import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

GOOD = ["The foreign minister of Kenya met the Ethiopian envoy in Nairobi on Monday.",
        "Officials in Geneva said the talks on the border would resume next week.",
        "The president of Brazil visited Lisbon on Tuesday to sign a trade accord."]


def good_file(tmp_path: Path, n: int = 0) -> Path:
    path = tmp_path / f"good{n}.jsonl"
    path.write_text(json.dumps({"text": GOOD[n], "published": "2024-02-05"}) + "\n",
                    encoding="utf-8")
    return path


def ingest(run_cli, db: Path, *inputs: Path | str, extra: tuple[str, ...] = ()
           ) -> tuple[int, list[str]]:
    code, _, err = run_cli("ingest", *inputs, "--db", db, "--workers", "1", "-q",
                           "--strict", *extra)
    return code, err.splitlines()


def stored_texts(db: Path) -> list[str]:
    con = sqlite3.connect(db)
    rows = [t for (t,) in con.execute("SELECT text FROM articles ORDER BY id")]
    con.close()
    return rows


def failures(db: Path) -> list[tuple[str, int, str]]:
    con = sqlite3.connect(db)
    rows = con.execute("SELECT file, position, reason FROM failures ORDER BY id").fetchall()
    con.close()
    return rows


def test_deep_json_fails_alone(tmp_path: Path, run_cli, store_intact) -> None:
    """Item 6: a line nested 100,000 levels deep (JSONL and .json), also in analyze."""
    deep = tmp_path / "deep.jsonl"
    deep.write_text('{"text": "x", "meta": ' + "[" * 100_000 + "]" * 100_000 + "}\n"
                    + json.dumps({"text": GOOD[1]}) + "\n", encoding="utf-8")
    one = tmp_path / "deep.json"
    one.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    db = tmp_path / "s.db"
    code, lines = ingest(run_cli, db, deep, one, good_file(tmp_path))
    assert code == 1
    assert f"{deep}:1: unreadable JSON: nested too deeply" in lines
    assert f"{one}: unreadable JSON: nested too deeply" in lines
    assert stored_texts(db) == [GOOD[1], GOOD[0]]
    assert store_intact(db)["failures"] == 2
    code, out, err = run_cli("analyze", deep, "--format", "jsonl")
    assert code == 1 and err.splitlines() == [
        f"error: {deep}:1: unreadable JSON: nested too deeply"]
    assert json.loads(out)["article"]["text"] == GOOD[1]


def test_a_5000_digit_id_fails_alone(tmp_path: Path, run_cli, store_intact) -> None:
    """Item 7: Python's 4,300-digit integer limit is a reason, not a traceback."""
    bad = tmp_path / "ids.jsonl"
    bad.write_text('{"id": ' + "7" * 5000 + ', "text": "' + GOOD[2] + '"}\n'
                   + json.dumps({"id": 12, "text": GOOD[1]}) + "\n", encoding="utf-8")
    db = tmp_path / "s.db"
    code, lines = ingest(run_cli, db, bad)
    assert code == 1
    assert lines[1] == f"{bad}:1: unreadable JSON: a number of over 4,300 digits"
    assert stored_texts(db) == [GOOD[1]]
    assert store_intact(db)["failures"] == 1


def test_a_file_name_that_is_not_utf8(tmp_path: Path, run_cli, store_intact) -> None:
    """Item 8: the name is escaped (``\\xff``) in the message and the store; the batch
    commits, and what comes after it is stored."""
    src = tmp_path / "in"
    src.mkdir()
    base = os.fsencode(src)
    with open(base + b"/a-bad-\xff.txt", "wb"):
        pass  # empty: a failure to record under that name
    with open(base + b"/b-good-\xfe.txt", "wb") as f:
        f.write(GOOD[1].encode())
    db = tmp_path / "s.db"
    code, lines = ingest(run_cli, db, src, good_file(tmp_path),
                         os.fsdecode(base + b"/a-bad-\xff.txt"), extra=("--batch-size", "1"))
    assert code == 1
    shown = f"{src}/a-bad-\\xff.txt"
    assert lines.count(f"{shown}: empty input (no text to analyse)") == 2  # named twice
    assert stored_texts(db) == [GOOD[1], GOOD[0]]
    con = sqlite3.connect(db)
    assert con.execute("SELECT file FROM articles ORDER BY id").fetchone() == \
        (f"{src}/b-good-\\xfe.txt",)
    con.close()
    assert [f for f, _, _ in failures(db)] == [shown]
    assert store_intact(db)["articles"] == 2


def test_fifo_and_devices_are_refused(tmp_path: Path, store_intact) -> None:
    """Item 9: a FIFO named as an input would block forever, /dev/zero would read until
    memory runs out: both are refused unread (a subprocess, so a hang cannot hang the
    suite), the good file is stored."""
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    db = tmp_path / "s.db"
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2] / "src"))
    r = subprocess.run([sys.executable, "-m", "communique", "ingest", str(fifo), "/dev/zero",
                        str(good_file(tmp_path)), "--db", str(db), "--workers", "1", "-q",
                        "--strict"], capture_output=True, text=True, timeout=300, env=env)
    lines = r.stderr.splitlines()
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert f"{fifo}: a FIFO (named pipe), not a regular file: give article files" in lines
    assert "/dev/zero: a character device, not a regular file: give article files" in lines
    assert stored_texts(db) == [GOOD[0]]
    assert store_intact(db)["failures"] == 2


def test_read_bytes_is_capped_whatever_the_size(tmp_path: Path) -> None:
    """Item 9: the byte cap holds even when the size seen first was small."""
    from communique.readers import ReadOptions, read_paths

    big = tmp_path / "grows.txt"
    big.write_text("word " * 100, encoding="utf-8")
    [item] = read_paths([str(big)], ReadOptions(max_file_bytes=100))
    assert item.reason == "file is 500 bytes, over the 100-byte limit for one article " \
                          "(raise it with --max-file-bytes)"


def test_a_gzip_bomb_of_failures_is_bounded(tmp_path: Path, run_cli, store_intact) -> None:
    """Item 10: 5 million ``{}`` lines (15 MB unpacked, a few KB packed): 100 failure
    rows, then one summary row, and the file is given up after 1,000 in a row."""
    bomb = tmp_path / "bomb.jsonl.gz"
    bomb.write_bytes(gzip.compress(b"{}\n" * 5_000_000))
    assert bomb.stat().st_size < 100_000
    db = tmp_path / "s.db"
    code, lines = ingest(run_cli, db, bomb, good_file(tmp_path))
    assert code == 1
    rows = failures(db)
    assert len(rows) == 101
    assert rows[-1] == (str(bomb), 101, "900 more failures not listed one by one; stopped "
                        "reading after 1,000 failures in a row; the rest of the file is not "
                        "read (the first: no 'text' field (set the text field with --field "
                        "text=NAME))")
    assert stored_texts(db) == [GOOD[0]]
    assert lines[1] == f"{bomb}:1: no 'text' field (set the text field with --field text=NAME)"
    assert lines[21].startswith("... and 81 more failure(s)")
    assert store_intact(db)["failures"] == 101


def test_failure_rows_are_capped_per_file(tmp_path: Path, run_cli, store_intact) -> None:
    """Item 10: a file mixing good and bad lines keeps 100 failure rows and a summary."""
    mixed = tmp_path / "mixed.jsonl"
    lines = []
    for i in range(3):
        lines += ["[]"] * 70 + [json.dumps({"text": f"{GOOD[i]} Part {i}."})]
    mixed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "s.db"
    code, _ = ingest(run_cli, db, mixed)
    assert code == 1
    rows = failures(db)
    assert len(rows) == 101 and rows[-1][1] == 102  # the first line not listed
    assert rows[-1][2] == "110 more failures not listed one by one (the first: expected a " \
                          "JSON object, found an array)"
    assert len(stored_texts(db)) == 3
    assert store_intact(db)["articles"] == 3


def _warc(path: Path, pages: list[bytes], *, cut: int = 0, short_by: int = 0) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=False)
    for i, html in enumerate(pages):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                   protocol="HTTP/1.1")
        w.write_record(w.create_warc_record(f"https://news.example/{i}", "response",
                                            payload=io.BytesIO(html), http_headers=headers))
    data = buf.getvalue()
    if short_by:  # the first record's Content-Length understates it
        head, _, rest = data.partition(b"Content-Length: ")
        n, _, rest = rest.partition(b"\r\n")
        data = head + b"Content-Length: " + str(int(n) - short_by).encode() + b"\r\n" + rest
    path.write_bytes(data[:len(data) - cut] if cut else data)


def page(text: str) -> bytes:
    return (f"<html><head><title>Talks</title></head><body><article><p>{text}</p>"
            f"<p>{text} It was the second day of talks.</p></article></body></html>").encode()


def test_misleading_reasons_are_now_exact(tmp_path: Path, run_cli, store_intact) -> None:
    """Item 13: UTF-16/32 with a BOM are read; a symlink loop, a null text, a newline
    in a name are named as what they are; ``"published": true`` keeps the article; a
    WARC with a wrong length gives one warning line of ours, none of warcio's."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "utf16.txt").write_bytes(GOOD[0].encode("utf-16"))
    (src / "utf16.jsonl").write_bytes((json.dumps({"text": GOOD[1]}) + "\n").encode("utf-16"))
    (src / "utf32.json").write_bytes(json.dumps({"text": GOOD[2]}).encode("utf-32"))
    loop = tmp_path / "loop.txt"
    os.symlink(loop, loop)
    nulls = tmp_path / "nulls.jsonl"
    nulls.write_text(json.dumps({"text": None}) + "\n" + json.dumps(
        {"text": GOOD[0] + " Again.", "published": True}) + "\n", encoding="utf-8")
    newline = tmp_path / "two\nlines.txt"
    newline.write_bytes(b"")
    warc = tmp_path / "bad.warc"
    _warc(warc, [page(GOOD[1] + " One."), page(GOOD[2] + " Two.")], short_by=12)
    db = tmp_path / "s.db"
    code, lines = ingest(run_cli, db, src, loop, nulls, newline, warc)
    assert code == 1
    assert f"{loop}: symbolic link loop (too many levels of symbolic links)" in lines
    assert f"{nulls}:1: 'text' is null, not the article text" in lines
    assert f"{tmp_path}/two\\nlines.txt: empty input (no text to analyse)" in lines
    assert f"warning: {nulls}:2: published date True not understood; left empty" in lines
    assert f"warning: {warc}:1: WARC record not followed by a blank line (its " \
           "Content-Length may be wrong)" in lines
    assert not [ln for ln in lines if "Offset:" in ln or "Remainder:" in ln or
                ln.strip().startswith("WARNING")]
    texts = stored_texts(db)
    assert GOOD[0] in texts and GOOD[1] in texts and GOOD[2] in texts
    assert GOOD[0] + " Again." in texts
    assert sum(1 for t in texts if "Two." in t) == 1
    counts = store_intact(db)
    assert counts["failures"] == 3 and counts["articles"] == len(texts) == 6


def test_ingest_names_each_failure(tmp_path: Path, run_cli, store_intact) -> None:
    """Item 14: FILE[:LINE]: reason for the first 20 failures, then a count."""
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join(["{oops"] * 25 + [json.dumps({"text": GOOD[0]})]) + "\n",
                   encoding="utf-8")
    db = tmp_path / "s.db"
    code, lines = ingest(run_cli, db, bad)
    assert code == 1
    assert lines[0].startswith("done: 1 stored")
    assert lines[1:21] == [f"{bad}:{i}: malformed JSON: Expecting property name enclosed in "
                           "double quotes (column 2)" for i in range(1, 21)]
    assert lines[21] == "... and 5 more failure(s): `communique stats` lists them (table " \
                        "failures)"
    assert stored_texts(db) == [GOOD[0]]
    assert store_intact(db)["failures"] == 25
    code, lines = ingest(run_cli, tmp_path / "ok.db", good_file(tmp_path))
    assert code == 0 and len(lines) == 1  # nothing failed: the summary alone


def test_truncated_warc_and_navigation_pages(tmp_path: Path, run_cli, store_intact) -> None:
    """Item 15: a WARC cut inside its last record is stored with a warning; a page of
    navigation only is refused under --min-chars (default 20), stored when lowered."""
    warc = tmp_path / "cut.warc"
    _warc(warc, [page(GOOD[0]), page(GOOD[1] + " " + "More words here. " * 30)], cut=300)
    nav = tmp_path / "nav.html"
    nav.write_text('<html><body><nav><a href="/">Home</a></nav></body></html>',
                   encoding="utf-8")
    db = tmp_path / "s.db"
    code, lines = ingest(run_cli, db, warc, nav)
    assert code == 1
    assert f"{nav}: article text is only 4 characters, under the 20-character minimum " \
           "(not an article? lower it with --min-chars)" in lines
    [warned] = [ln for ln in lines if "truncated WARC" in ln]
    assert warned.startswith(f"warning: {warc}:2: truncated WARC record (")
    assert warned.endswith("bytes missing); stored what was there")
    assert len(stored_texts(db)) == 2
    assert store_intact(db)["failures"] == 1
    code, lines = ingest(run_cli, db, nav, extra=("--min-chars", "4"))
    assert code == 0 and stored_texts(db)[-1] == "Home"


@pytest.mark.parametrize("name", ["a.txt", "a.html", "a.jsonl"])
def test_reader_refusals_are_one_line(tmp_path: Path, name: str) -> None:
    """Every reason a reader gives is one line, whatever the file name holds."""
    from communique.readers import read_paths

    path = tmp_path / f"x\r\ny\x1b[31m{name}"
    path.write_bytes(b"\x00\x01binary")
    [item] = read_paths([str(path)])
    assert "\n" not in item.where + item.reason and "\x1b" not in item.where
