"""Migrations from an empty database, reruns, and an older database brought up to date."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from communique.store import migrations
from communique.store.db import connect


def test_from_empty(tmp_path: Path) -> None:
    db = connect(tmp_path / "x.db")
    names = [r[0] for r in db.execute("SELECT name FROM _migrations ORDER BY rowid")]
    assert names == [m.__name__ for m in migrations.MIGRATIONS]
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master")}
    assert {"articles", "actors", "article_actors", "mentions", "quotes", "events",
            "failures", "articles_fts", "quotes_fts", "minhash", "lsh", "events_flat",
            "story_events", "stories", "runs"} <= tables
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert migrations.migrate(db) == []  # nothing left to do
    db.close()
    assert migrations.migrate(connect(tmp_path / "x.db")) == []


def test_older_database_is_upgraded(tmp_path: Path) -> None:
    raw = sqlite3.connect(tmp_path / "old.db", isolation_level=None)
    migrations.applied(raw)
    for m in migrations.MIGRATIONS[:2]:  # a store made by an earlier version
        raw.execute("BEGIN")
        migrations._run_in_transaction(raw, m)
        raw.execute("INSERT INTO _migrations VALUES (?, 'then')", (m.__name__,))
        raw.execute("COMMIT")
    raw.close()
    db = connect(tmp_path / "old.db")
    names = [r[0] for r in db.execute("SELECT name FROM _migrations ORDER BY rowid")]
    assert names == [m.__name__ for m in migrations.MIGRATIONS]


def test_failed_migration_leaves_previous_version(tmp_path: Path, monkeypatch) -> None:
    def broken(db) -> None:
        db.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("boom")

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, broken])
    try:
        connect(tmp_path / "x.db")
    except RuntimeError:
        pass
    raw = sqlite3.connect(tmp_path / "x.db")
    tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master")}
    assert "half_done" not in tables and "articles" in tables
    assert "broken" not in {r[0] for r in raw.execute("SELECT name FROM _migrations")}


def test_plover_types_migration_corrects_sanction_quad(tmp_path: Path, analyses) -> None:
    """A store made before m009 has SANCTION as quad 4; after it, SANCTION events of the
    flat view (and the per-quad filters and exports that read it) are verbal conflict."""
    from communique.events import plover
    from communique.store import dedup
    from communique.store.writer import Analysed, Writer

    make, text_n = analyses
    raw = sqlite3.connect(tmp_path / "old.db", isolation_level=None)
    migrations.applied(raw)
    old = [m for m in migrations.MIGRATIONS if m.__name__ < "m008"]
    for m in old:
        raw.execute("BEGIN")
        migrations._run_in_transaction(raw, m)
        raw.execute("INSERT INTO _migrations VALUES (?, 'then')", (m.__name__,))
        raw.execute("COMMIT")
    raw.execute("UPDATE plover_types SET quad = 4, quad_name = 'material conflict' "
                "WHERE type = 'SANCTION'")  # what m004 stored before the one type table
    raw.close()
    db = connect(tmp_path / "old.db")  # runs m009
    a = make(text_n(1))
    a.events[0].type = "SANCTION"
    text = a.article.text
    Writer(db).write([Analysed("f", 1, dedup.text_hash(text), a, dedup.signature(text))])
    row = db.execute("SELECT quad_class, quad_name FROM events_flat").fetchone()
    assert tuple(row) == (3, "verbal conflict")
    stored = {r[0]: (r[1], r[2]) for r in db.execute(
        "SELECT type, quad, score FROM plover_types")}
    assert stored == {t: (plover.QUAD[t], plover.BASE_SCORE[t]) for t in plover.TYPES}
    assert stored["SANCTION"][0] == 3


def _store_before(path: Path, migration) -> sqlite3.Connection:  # noqa: ANN001
    """A store with every migration before ``migration`` applied and one article in it."""
    raw = sqlite3.connect(path, isolation_level=None)
    migrations.applied(raw)
    for m in migrations.MIGRATIONS[:migrations.MIGRATIONS.index(migration)]:
        raw.execute("BEGIN")
        migrations._run_in_transaction(raw, m)
        raw.execute("INSERT INTO _migrations VALUES (?, 'then')", (m.__name__,))
        raw.execute("COMMIT")
    raw.execute("INSERT INTO articles (id, hash, text, story_id, record, ingested) "
                "VALUES (1, 'h', 'text', 1, '{}', 'then')")
    return raw


def test_m010_gives_canonical_keys_and_merges_one_actor(tmp_path: Path) -> None:
    raw = _store_before(tmp_path / "old.db", migrations.m010_actor_keys)
    rows = [(1, "name:donald trump|USA|person", "Donald Trump", "person", "USA"),
            (2, "name:donald trump||person", "Donald Trump", "person", None),
            (3, "name:foreign ministers||group", "foreign ministers", "group", None),
            (4, "name:layla odeh||person", "Layla Odeh", "person", None)]
    raw.executemany("INSERT INTO actors (id, key, name, kind, country) VALUES (?,?,?,?,?)",
                    rows)
    raw.executemany("INSERT INTO article_actors (article_id, local_id, actor_id, name) "
                    "VALUES (1, ?, ?, ?)", [("A1", 1, "x"), ("A2", 2, "y"), ("A3", 3, "z")])
    raw.executemany('INSERT INTO mentions (article_id, actor_id, local_id, start, "end", '
                    "text) VALUES (1, ?, ?, 0, 1, 't')", [(1, "A1"), (2, "A2")])
    raw.close()
    db = connect(tmp_path / "old.db")
    got = {r[0]: r[1:] for r in db.execute("SELECT id, key, named, country FROM actors")}
    assert got[1] == ("kb:person:donald trump", 1, "USA")
    assert 2 not in got  # the same person: merged into the first row
    assert got[3][1] == 0 and got[4][1] == 1
    assert {r[0] for r in db.execute("SELECT actor_id FROM mentions")} == {1}
    assert db.execute("SELECT count(*) FROM article_actors WHERE actor_id = 1").fetchone()[0] == 2


def test_m011_mention_names_are_read_from_the_index(tmp_path: Path) -> None:
    raw = _store_before(tmp_path / "old.db", migrations.m011_covering_indexes)
    raw.execute("INSERT INTO actors (id, key, name) VALUES (1, 'k', 'Anna')")
    raw.execute('INSERT INTO mentions (article_id, actor_id, local_id, start, "end", text) '
                "VALUES (1, 1, 'A1', 0, 4, 'Anna')")
    raw.close()
    db = connect(tmp_path / "old.db")  # brings it up to date
    names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert "mentions_actor_text" in names
    assert "mentions_actor" not in names  # a prefix of the new one

    def plan(sql: str) -> str:
        return " ".join(r[-1] for r in db.execute("EXPLAIN QUERY PLAN " + sql))

    assert "COVERING INDEX mentions_actor_text" in plan(
        "SELECT actor_id, text, count(*) FROM mentions GROUP BY actor_id, text")
    assert "COVERING INDEX mentions_actor_text" in plan(
        "SELECT count(*) FROM mentions WHERE actor_id = 1")
    assert [tuple(r) for r in db.execute("SELECT text FROM mentions WHERE actor_id = 1")] == [
        ("Anna",)]


def test_m012_event_actors_are_read_from_indexes(tmp_path: Path) -> None:
    raw = _store_before(tmp_path / "old.db", migrations.m012_event_actor_indexes)
    raw.executemany("INSERT INTO actors (id, key, name) VALUES (?, ?, ?)",
                    [(1, "k1", "Anna"), (2, "k2", "Bob")])
    raw.execute("INSERT INTO events (id, article_id, local_id, type, sentence_start, "
                "sentence_end) VALUES (7, 1, 'E1', 'ASSAULT', 0, 4)")
    raw.executemany("INSERT INTO event_actors (event_id, role, position, actor_id, local_id) "
                    "VALUES (7, ?, 0, ?, ?)", [("actor", 1, "A1"), ("recipient", 2, "A2")])
    raw.close()
    db = connect(tmp_path / "old.db")  # brings it up to date, keeping the rows
    names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"event_actors_cover", "event_actors_actor_event"} <= names
    assert "event_actors_actor" not in names  # a prefix of the new one

    def plan(sql: str) -> str:
        return " ".join(r[-1] for r in db.execute("EXPLAIN QUERY PLAN " + sql))

    assert "INDEX event_actors_cover" in plan(  # covering at scale (bench store)
        "SELECT ea.actor_id, ea.local_id FROM events e LEFT JOIN event_actors ea ON "
        "ea.event_id = e.id AND ea.role = 'actor' AND ea.position = 0")
    assert "COVERING INDEX event_actors_actor_event" in plan(
        "SELECT event_id FROM event_actors WHERE actor_id = 1 AND role = 'actor'")
    assert [tuple(r) for r in db.execute(
        "SELECT event_id, role, actor_id, local_id FROM event_actors ORDER BY role")] == [
        (7, "actor", 1, "A1"), (7, "recipient", 2, "A2")]
