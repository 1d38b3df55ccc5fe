"""One read layer (issue 14): the counts agree everywhere, and a corrective migration
reaches the article page as well as the lists."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from communique.store import migrations, queries
from communique.store.db import connect


def run(*args: str) -> str:
    r = subprocess.run([sys.executable, "-m", "communique", *args], capture_output=True,
                       text=True, timeout=180)
    assert r.returncode == 0, r.stderr[-800:]
    return r.stdout


def cli(*args: str) -> list[dict]:
    """The JSON Lines a listing command prints in a pipe."""
    return [json.loads(line) for line in run(*args).splitlines()]


def test_stats_overview_and_listings_agree_on_every_count(client, store_path) -> None:  # noqa: ANN001
    db = ["--db", str(store_path)]
    stats = json.loads(run("stats", *db, "--format", "json"))
    overview = client.get("/api/overview").json()["counts"]
    events = cli("events", *db, "--limit", "0")
    counted = cli("events", *db, "--limit", "0", "--counted")
    quotes = cli("quotes", *db, "--limit", "0")
    actors = cli("actors", "top", *db, "--limit", "1000000")
    assert stats["events"] == overview["events"] == len(counted) > 0
    negated = sum(e["negated"] for e in events)
    assert stats["negated_events"] == overview["negated_events"] == negated
    assert len(events) == stats["events"] + stats["negated_events"]
    assert stats["quotes"] == overview["quotes"] == len(quotes) > 0
    assert stats["actors"] == overview["actors"] == len(actors) > 0
    assert stats["articles"] == overview["articles"] == 31
    # the web's events list holds the same events, negated ones flagged
    web = client.get("/api/events", params={"per_page": 200}).json()
    assert not web["has_next"] and len(web["items"]) == len(events)


def _fix(event_id: int, new_type: str):  # noqa: ANN202
    """A corrective migration of the kind a lexicon fix ships: one stored event retyped."""

    def m999_retype_event(db: sqlite3.Connection) -> None:
        db.execute("UPDATE events SET type = ?, mode = NULL WHERE id = ?", (new_type, event_id))

    return m999_retype_event


def test_a_corrective_migration_reaches_the_article_page_and_the_lists(
        store_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "fixed.db"
    shutil.copy(store_path, path)
    db = connect(path)
    eid, aid = db.execute("SELECT e.id, e.article_id FROM events e WHERE e.negated = 0 "
                          "ORDER BY e.id LIMIT 1").fetchone()
    held = {r[0] for r in db.execute("SELECT DISTINCT type FROM events")}
    new_type = next(t for t in queries.event_types(db) if t not in held)
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS,
                                                   _fix(eid, new_type)])
    assert migrations.migrate(db) == ["m999_retype_event"]
    db.close()

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    from communique.web import create_app

    with TestClient(create_app(path)) as c:
        record = c.get(f"/api/articles/{aid}").json()["record"]
        assert new_type in {e["type"] for e in record["events"]}
        page = c.get(f"/articles/{aid}").text
        assert new_type in page
        download = json.loads(c.get(f"/api/articles/{aid}/record").text)
        assert new_type in {e["type"] for e in download["events"]}
        listed = c.get("/api/events", params={"type": new_type}).json()["items"]
        assert [e["event_id"] for e in listed] == [eid]
    rows = cli("events", "--db", str(path), "--limit", "0", "--type", new_type)
    assert [r["event_id"] for r in rows] == [eid]
    exported = cli("export", "--db", str(path), "--what", "articles")
    assert sum(e["type"] == new_type for r in exported for e in r["events"]) == 1


def test_the_record_read_from_the_tables_is_the_record_stored(store_path: Path) -> None:
    """Before any migration, the record rebuilt from the tables is the one ingested."""
    from communique.store.record import records

    db = connect(store_path, readonly=True)
    for rec, (text, blob) in zip(records(db), db.execute(
            "SELECT text, record FROM articles ORDER BY id"), strict=True):
        stored = json.loads(blob)
        stored["article"] = {**stored["article"], "text": text}
        assert rec == stored
