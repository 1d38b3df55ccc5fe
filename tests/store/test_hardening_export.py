"""Issue 16, items 1-3: an export never overwrites the store or an existing file unasked,
and CSV cells a spreadsheet would run as formulas are neutralised (opt-out --raw-csv)."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest

from communique.store import dedup
from communique.store.db import connect
from communique.store.export import csv_cell, write_csv
from communique.store.writer import Analysed, Writer

HOSTILE = ['=HYPERLINK("http://evil.example","click")', "=cmd|' /C calc'!A0",
           "+SUM(1,2)", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"]


@pytest.fixture
def store(tmp_path: Path, analyses) -> Path:
    """Three articles whose titles are formula-like cells, and whose sentences start
    with one (events' ``sentence`` column)."""
    make, text_n = analyses
    db_path = tmp_path / "exp.db"
    db = connect(db_path)
    items = []
    for i, title in enumerate(HOSTILE[:3]):
        text = f"{HOSTILE[i]} " + text_n(i)
        a = make(text, title=title)
        items.append(Analysed("f.jsonl", i + 1, dedup.text_hash(text), a,
                              dedup.signature(text)))
    assert Writer(db).write(items).stored == 3
    db.close()
    return db_path


@pytest.mark.parametrize("fmt", ["csv", "parquet", "jsonl"])
@pytest.mark.parametrize("suffix", ["", "-wal", "-shm"])
def test_export_onto_the_store_is_refused(store: Path, run_cli, store_intact, fmt: str,
                                          suffix: str) -> None:
    """Item 1: the store and its -wal/-shm files, by name or through a hard link."""
    before = store_intact(store)
    with connect(store) as keep_open:  # a writer's connection keeps -wal and -shm present
        keep_open.execute("SELECT 1")
        target = Path(f"{store}{suffix}")
        assert target.exists()
        link = store.parent / f"link{suffix}.{fmt}"
        os.link(target, link)  # the same inode under another name
        size = store.stat().st_size
        for out in (target, link):
            code, _, err = run_cli("export", "--db", store, "--what", "events", "--format",
                                   fmt, "--out", out, "--force")
            assert code == 2, err
            assert err.strip() == f"error: {out}: is the store {store}{suffix} itself; " \
                                  "choose another output file"
        assert store.stat().st_size == size
    assert store_intact(store) == before
    assert not [p for p in store.parent.iterdir() if p.name.endswith(".tmp")]


def test_existing_output_needs_force(store: Path, tmp_path: Path, run_cli,
                                     store_intact) -> None:
    """Item 2: an existing --out is kept unless --force; the write goes through a
    temporary file renamed into place."""
    out = tmp_path / "existing.csv"
    out.write_text("precious\n", encoding="utf-8")
    code, _, err = run_cli("export", "--db", store, "--what", "events", "--format", "csv",
                           "--out", out)
    assert code == 2
    assert err.strip() == f"error: {out}: already exists; use --force to overwrite it"
    assert out.read_text(encoding="utf-8") == "precious\n"
    code, _, err = run_cli("export", "--db", store, "--what", "events", "--format", "csv",
                           "--out", out, "--force")
    assert code == 0, err
    assert " ".join(err.split()) == f"3 events -> {out}"
    assert out.read_text(encoding="utf-8").startswith("event_id,")
    new = tmp_path / "new.parquet"
    assert run_cli("export", "--db", store, "--what", "events", "--format", "parquet",
                   "--out", new)[0] == 0
    import pyarrow.parquet as pq

    assert pq.read_table(new).num_rows == 3
    assert oct(new.stat().st_mode & 0o777) != oct(0o600)  # not mkstemp's private mode
    assert store_intact(store)["articles"] == 3


def test_csv_cells_are_neutralised(store: Path, tmp_path: Path, run_cli) -> None:
    """Item 3: export CSV (and `events --format csv`) prefix formula-like cells with an
    apostrophe; --raw-csv writes them as stored; numbers are left alone."""
    code, out, err = run_cli("export", "--db", store, "--what", "articles", "--format",
                             "csv")
    assert code == 0, err
    titles = [r["title"] for r in csv.DictReader(io.StringIO(out))]
    assert titles == ["'" + t for t in HOSTILE[:3]]
    code, out, _ = run_cli("export", "--db", store, "--what", "articles", "--format", "csv",
                           "--raw-csv")
    assert [r["title"] for r in csv.DictReader(io.StringIO(out))] == HOSTILE[:3]
    code, out, _ = run_cli("events", "--db", store, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and {r["sentence"][:2] for r in rows} == {"'=", "'+"}
    assert {r["score"] for r in rows} == {"-3.0"}  # a number, not a formula


def test_csv_cell_rules() -> None:
    for value in HOSTILE:
        assert csv_cell(value) == "'" + value
    for value in ("Paris", "", " =x", "'=already", -3.0, 7, True, None):
        assert csv_cell(value) == value
    out = io.StringIO()
    assert write_csv(out, ["a", "b"], [{"a": "=1", "b": 2}, {"a": "ok"}]) == 2
    assert out.getvalue() == "a,b\n'=1,2\nok,\n"
