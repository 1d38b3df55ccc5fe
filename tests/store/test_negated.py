"""Negated events stay in the store, flagged, but never count as events in aggregates."""

from __future__ import annotations

from pathlib import Path

from communique.store import queries
from communique.store.db import connect
from communique.store.ingest import ingest


def test_negated_events_are_kept_but_not_counted(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text("Russian forces did not attack Kyiv on Monday. "
                   "Ukraine condemned Russia over the shelling of Kharkiv.")
    db_path = tmp_path / "n.db"
    ingest([str(src)], db_path, workers=1, batch_size=4)
    db = connect(db_path, readonly=True)
    flags = db.execute("SELECT type, negated FROM events ORDER BY id").fetchall()
    assert any(neg for _, neg in flags) and any(not neg for _, neg in flags)
    counted = sum(1 for _, neg in flags if not neg)
    s = queries.stats(db)
    assert s["events"] == counted and s["negated_events"] == len(flags) - counted
    assert sum(s["events_by_type"].values()) == counted
    per_story = db.execute("SELECT count(*) FROM story_events").fetchone()[0]
    assert per_story == counted
