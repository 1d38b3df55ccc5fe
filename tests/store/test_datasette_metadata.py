"""`communique export --datasette-metadata FILE` writes a Datasette metadata.json that
labels the store's tables and columns (issue 17 item 6)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from communique.store import dedup
from communique.store.db import connect
from communique.store.export import datasette_metadata
from communique.store.writer import Analysed, Writer


def _store(tmp_path: Path) -> Path:
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from conftest import make_analysis, text_n

    db_path = tmp_path / "s.db"
    db = connect(db_path)
    text = text_n(0)
    Writer(db).write([Analysed("f.jsonl", 1, dedup.text_hash(text), make_analysis(text),
                               dedup.signature(text))])
    db.close()
    return db_path


def test_metadata_labels_tables_and_columns_the_store_has(tmp_path: Path) -> None:
    db = connect(_store(tmp_path))
    meta = datasette_metadata(db, "s")
    tables = meta["databases"]["s"]["tables"]
    assert "PLOVER" in tables["events"]["columns"]["type"]
    assert tables["articles"]["description"] and tables["events_flat"]["description"]
    for table, entry in tables.items():  # only tables and columns that exist
        have = {r[1] for r in db.execute(f'PRAGMA table_info("{table}")')}
        assert have, table
        assert set(entry.get("columns", {})) <= have, table


def test_cli_writes_it_and_refuses_to_overwrite(tmp_path: Path) -> None:
    from communique.cli import cli as main

    db_path = _store(tmp_path)
    out = tmp_path / "metadata.json"
    runner = CliRunner()
    r = runner.invoke(main, ["export", "--db", str(db_path), "--datasette-metadata", str(out)])
    assert r.exit_code == 0, r.output
    assert json.loads(out.read_text())["databases"]["s"]["tables"]["quotes"]
    again = runner.invoke(main, ["export", "--db", str(db_path),
                                 "--datasette-metadata", str(out)])
    assert again.exit_code == 1 and "exists" in again.output
    none = runner.invoke(main, ["export", "--db", str(db_path)])
    assert none.exit_code == 2 and "--what" in none.output


def test_every_table_and_column_is_labelled(tmp_path: Path) -> None:
    """Each table and view a store has (FTS5's own shadow tables aside) is described and
    each of its columns labelled, so a migration adding one must add its labels."""
    import csv
    from importlib.resources import files

    db = connect(_store(tmp_path))
    tables = datasette_metadata(db, "s")["databases"]["s"]["tables"]
    shadow = ("_config", "_data", "_docsize", "_idx")
    missing = []
    for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type IN "
                               "('table', 'view') AND name NOT LIKE 'sqlite_%'"):
        if "_fts_" in table and table.endswith(shadow):
            continue
        entry = tables.get(table, {})
        if not entry.get("description"):
            missing.append(table)
        missing += [f"{table}.{r[1]}" for r in db.execute(f'PRAGMA table_info("{table}")')
                    if r[1] not in entry.get("columns", {})]
    assert not missing, missing
    text = files("communique.store").joinpath("data/datasette_labels.csv").read_text("utf-8")
    keys = [(r["table"], r["column"]) for r in csv.DictReader(text.splitlines())]
    assert len(keys) == len(set(keys))  # one label each
