"""The store tells a sentence's main event from an event mentioned in passing."""

from __future__ import annotations

from pathlib import Path

from communique.store import dedup, queries
from communique.store.db import connect
from communique.store.writer import Analysed, Writer


def test_main_events_are_stored_flagged_and_counted(tmp_path: Path, analyses) -> None:
    from communique.model import Event

    make, text_n = analyses
    a = make(text_n(3))
    first = a.events[0]
    first.main = True
    a.events.append(Event("E2", "ASSAULT", first.trigger, first.sentence, actors=["A2"],
                          recipients=["A1"], score=-9.0))  # in passing: not main
    text = a.article.text
    db = connect(tmp_path / "m.db")
    Writer(db).write([Analysed("f", 1, dedup.text_hash(text), a, dedup.signature(text))])
    rows = db.execute("SELECT type, main FROM events_flat ORDER BY event_id").fetchall()
    assert [tuple(r) for r in rows] == [("ACCUSE", 1), ("ASSAULT", 0)]
    s = queries.stats(db)
    assert (s["events"], s["main_events"]) == (2, 1)
    assert (s["events_per_story"], s["main_events_per_story"]) == (2, 1)
    stored = db.execute("SELECT record FROM articles").fetchone()[0]
    assert '"main": true' in stored and '"main": false' in stored
