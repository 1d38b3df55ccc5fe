"""Issue 16, items 4 and 12: another application's SQLite file is refused unless
--force, and a damaged store gives one line naming it (with the way to recover), never a
traceback."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

GOOD = "The foreign minister of Kenya met the Ethiopian envoy in Nairobi on Monday."


def good_jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "good.jsonl"
    path.write_text(json.dumps({"text": GOOD, "published": "2024-02-05"}) + "\n",
                    encoding="utf-8")
    return path


def other_app(path: Path, table: str = "notes") -> Path:
    con = sqlite3.connect(path)
    con.execute(f"CREATE TABLE {table} (id INTEGER PRIMARY KEY, body TEXT)")
    con.execute(f"INSERT INTO {table} (body) VALUES ('keep me')")
    con.commit()
    con.close()
    return path


def schema(path: Path) -> list[tuple[str, str]]:
    con = sqlite3.connect(path)
    rows = con.execute("SELECT type, name FROM sqlite_master ORDER BY name").fetchall()
    con.close()
    return rows


def test_another_applications_database_is_refused(tmp_path: Path, run_cli,
                                                  store_intact) -> None:
    """Item 4: tables but no migration record: ingest refuses in one line and adds
    nothing; --force adds communique's tables and stores the input."""
    db = other_app(tmp_path / "other-app.db")
    before = db.read_bytes()
    code, _, err = run_cli("ingest", good_jsonl(tmp_path), "--db", db, "--workers", "1",
                           "-q")
    assert code == 2
    assert err.strip() == (f"error: {db}: not a communique database (it has 1 table(s) but "
                           "no communique migration record); use --force to add "
                           "communique's tables to it")
    assert db.read_bytes() == before and schema(db) == [("table", "notes")]
    code, _, err = run_cli("ingest", good_jsonl(tmp_path), "--db", db, "--workers", "1",
                           "-q", "--force")
    assert code == 0, err
    assert store_intact(db)["articles"] == 1
    con = sqlite3.connect(db)
    assert con.execute("SELECT body FROM notes").fetchall() == [("keep me",)]
    con.close()
    # now it is a communique store too: no --force needed any more
    assert run_cli("ingest", good_jsonl(tmp_path), "--db", db, "--workers", "1", "-q")[0] == 0


def test_an_unrelated_articles_table_is_refused_everywhere(tmp_path: Path, run_cli) -> None:
    """Item 4: a foreign ``articles`` table gives one line from ingest, the queries,
    export and serve (it gave tracebacks and 500s)."""
    from communique.store.db import StoreError
    from communique.web import create_app

    db = other_app(tmp_path / "blog.db", "articles")
    refused = f"error: {db}: not a communique database"
    code, _, err = run_cli("ingest", good_jsonl(tmp_path), "--db", db, "--workers", "1", "-q")
    assert code == 2 and err.startswith(refused) and len(err.splitlines()) == 1
    for args in (["stats"], ["quotes"], ["events"], ["actors", "top"],
                 ["export", "--what", "events"]):
        code, out, err = run_cli(*args, "--db", db)
        assert (code, out) == (2, ""), (args, err)
        assert err.strip() == f"{refused} (no articles table or no migration record)", args
    with pytest.raises(StoreError, match="not a communique database"):
        create_app(db)
    # --force cannot make an unrelated articles table ours: still one line, still intact
    code, _, err = run_cli("ingest", good_jsonl(tmp_path), "--db", db, "--workers", "1",
                           "-q", "--force")
    assert code == 2 and len(err.splitlines()) == 1 and "table articles already exists" in err
    con = sqlite3.connect(db)
    assert con.execute("SELECT body FROM articles").fetchall() == [("keep me",)]
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    con.close()
