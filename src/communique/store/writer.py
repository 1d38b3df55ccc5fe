"""The one module that writes to the store.

Every change goes through :meth:`Writer.write`, one transaction per batch, with a
savepoint per article: an article is stored whole (text, actors, mentions, quotes,
events, search index, MinHash) or, if anything in it fails, not at all and recorded as a
failure, while the rest of the batch commits. A killed process loses only the batch in
flight; the articles' hashes make a rerun skip everything committed.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..model import Analysis
from . import dedup
from .rows import RecordRows, actor_key, record_rows

__all__ = ["Analysed", "BatchResult", "Failed", "Writer", "actor_key"]


@dataclass(slots=True)
class Analysed:
    """An analysed article on its way to the store, with where it was read."""

    file: str | None
    position: int | None
    hash: str
    analysis: Analysis | dict[str, Any]  # the record dataclass or its contract dict
    signature: bytes


@dataclass(slots=True)
class Failed:
    """An input that produced no article: unreadable, refused, or failed in analysis."""

    file: str
    position: int | None
    reason: str
    stage: str = "read"  # read | analyze | store


@dataclass(slots=True)
class BatchResult:
    stored: int = 0
    duplicates: int = 0  # same hash already stored (a copy within the run)
    linked: int = 0  # stored and joined to an earlier story (near-duplicate)
    failed: list[Failed] = field(default_factory=list)


def _safe(s: str | None) -> str | None:
    """Text SQLite can store: lone surrogates (a file name that is not UTF-8) escaped."""
    return s if s is None or s.isascii() else \
        s.encode("utf-8", "backslashreplace").decode("utf-8")


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class Writer:
    """Writes batches of results to one store connection (see module docstring)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self._actor_ids: dict[str, int] = {}

    # --- reading what is there ------------------------------------------------------------

    def is_stored(self, text_hash: str) -> bool:
        return self.db.execute("SELECT 1 FROM articles WHERE hash = ?",
                               (text_hash,)).fetchone() is not None

    # --- runs -----------------------------------------------------------------------------

    def start_run(self, paths: Sequence[str], workers: int) -> int:
        cur = self.db.execute("INSERT INTO runs (started, paths, workers) VALUES (?, ?, ?)",
                              (_now(), json.dumps(list(paths)), workers))
        return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, stored: int, skipped: int, failed: int) -> None:
        self.db.execute("UPDATE runs SET finished = ?, stored = ?, skipped = ?, failed = ? "
                        "WHERE id = ?", (_now(), stored, skipped, failed, run_id))

    # --- batches --------------------------------------------------------------------------

    def write(self, batch: Iterable[Analysed | Failed], skipped: Iterable[tuple[str, int | None]]
              = ()) -> BatchResult:
        """Store a batch in one transaction. ``skipped`` origins (already stored articles)
        have any old failure cleared, so the failures table tells what is still missing."""
        result = BatchResult()
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            for item in batch:
                if isinstance(item, Failed):
                    self._failure(item)
                    result.failed.append(item)
                    continue
                db.execute("SAVEPOINT article")
                try:
                    outcome = self._article(item)
                except (sqlite3.IntegrityError, KeyError, TypeError, ValueError) as exc:
                    db.execute("ROLLBACK TO article")
                    db.execute("RELEASE article")
                    self._actor_ids.clear()  # ids made inside the savepoint are gone
                    failure = Failed(item.file or "<input>", item.position,
                                     f"cannot store the record: {exc}", "store")
                    self._failure(failure)
                    result.failed.append(failure)
                    continue
                db.execute("RELEASE article")
                if outcome is None:
                    result.duplicates += 1
                else:
                    result.stored += 1
                    result.linked += outcome
                self._clear_failure(item.file, item.position)
            for file, position in skipped:
                self._clear_failure(file, position)
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            self._actor_ids.clear()
            raise
        return result

    def _failure(self, f: Failed) -> None:
        self.db.execute(
            "INSERT INTO failures (file, position, reason, stage, time) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (file, position) DO UPDATE SET reason = excluded.reason, "
            "stage = excluded.stage, time = excluded.time",
            (_safe(f.file), f.position or 0, _safe(f.reason), f.stage, _now()))

    def _clear_failure(self, file: str | None, position: int | None) -> None:
        if file is not None:
            self.db.execute("DELETE FROM failures WHERE file = ? AND position = ?",
                            (_safe(file), position or 0))

    # --- one article ----------------------------------------------------------------------

    def _article(self, item: Analysed) -> int | None:
        """Insert one article and all it contains; ``None`` if its hash is already stored,
        else 1 if it joined an earlier story, 0 if it starts one."""
        db = self.db
        r = record_rows(item.analysis)
        art = r.article
        story, linked = self._story(item.signature)
        cur = db.execute(
            "INSERT INTO articles (hash, record_id, text, title, url, source, published, "
            "language, story_id, file, position, record, ingested) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (hash) DO NOTHING",
            (item.hash, art["record_id"], art["text"], art["title"], art["url"],
             art["source"], art["published"], art["language"], story or 0,
             _safe(item.file), item.position, r.stored, _now()))
        if cur.rowcount == 0:
            return None
        aid = int(cur.lastrowid or 0)
        if story is None:
            db.execute("UPDATE articles SET story_id = ? WHERE id = ?", (aid, aid))
        db.execute("INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)",
                   (aid, art["title"] or "", art["text"]))
        db.execute("INSERT INTO minhash (article_id, signature) VALUES (?, ?)",
                   (aid, item.signature))
        db.executemany("INSERT INTO lsh (band, bucket, article_id) VALUES (?, ?, ?)",
                       [(b, k, aid) for b, k in dedup.buckets(item.signature)])
        ids = self._actors(aid, r)
        self._quotes(aid, r, ids)
        self._events(aid, r, ids)
        return 1 if linked else 0

    def _story(self, sig: bytes) -> tuple[int | None, bool]:
        """The story of the most similar stored article above the threshold, if any."""
        keys = dedup.buckets(sig)
        values = ",".join("(?, ?)" for _ in keys)
        rows = self.db.execute(
            f"WITH q(band, bucket) AS (VALUES {values}) "
            "SELECT DISTINCT m.article_id, m.signature, a.story_id FROM q "
            "JOIN lsh l ON l.band = q.band AND l.bucket = q.bucket "
            "JOIN minhash m ON m.article_id = l.article_id "
            "JOIN articles a ON a.id = l.article_id",
            [v for pair in keys for v in pair]).fetchall()
        scored = [(dedup.similarity(sig, other), -story, story) for _, other, story in rows]
        best = max(scored, default=None)
        if best is None or best[0] < dedup.THRESHOLD:
            return None, False
        return best[2], True

    def _actor_id(self, actor: dict[str, Any]) -> int:
        key = actor["key"]
        cached = self._actor_ids.get(key)
        if cached is not None:
            return cached
        row = self.db.execute(
            "INSERT INTO actors (key, name, kind, country, organization, sector, wikidata, "
            "named) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET "
            "country = coalesce(actors.country, excluded.country), "
            "organization = coalesce(actors.organization, excluded.organization), "
            "sector = coalesce(actors.sector, excluded.sector) RETURNING id",
            (key, actor["name"], actor["kind"], actor["country"], actor["organization"],
             actor["sector"], actor["wikidata"], int(actor["named"]))).fetchone()
        self._actor_ids[key] = int(row[0])
        return int(row[0])

    def _actors(self, aid: int, r: RecordRows) -> dict[str, int]:
        ids = {a["local_id"]: self._actor_id(a) for a in r.actors}
        self.db.executemany(
            "INSERT INTO article_actors (article_id, local_id, actor_id, name, kind, country, "
            "organization, sector, role) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(aid, a["local_id"], ids[a["local_id"]], a["name"], a["kind"], a["country"],
              a["organization"], a["sector"], a["role"]) for a in r.actors])
        self.db.executemany(
            'INSERT INTO mentions (article_id, actor_id, local_id, start, "end", text) '
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(aid, ids[m["local_id"]], m["local_id"], m["start"], m["end"], m["text"])
             for m in r.mentions])
        return ids

    def _quotes(self, aid: int, r: RecordRows, ids: dict[str, int]) -> None:
        db = self.db
        qids: dict[str, int] = {}
        for q in r.quotes:
            cur = db.execute(
                "INSERT INTO quotes (article_id, local_id, kind, content, content_start, "
                "content_end, cue, cue_start, cue_end, speaker_text, speaker_start, speaker_end)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (aid, q["local_id"], q["kind"], q["content"], q["content_start"],
                 q["content_end"], q["cue"], q["cue_start"], q["cue_end"], q["speaker"],
                 q["speaker_start"], q["speaker_end"]))
            qids[q["local_id"]] = qid = int(cur.lastrowid or 0)
            db.execute("INSERT INTO quotes_fts (rowid, content) VALUES (?, ?)",
                       (qid, q["content"]))
        db.executemany("INSERT INTO quote_speakers (quote_id, actor_id, local_id, position)"
                       " VALUES (?, ?, ?, ?)",
                       [(qids[q], ids[s], s, n) for q, s, n in r.quote_speakers])

    def _events(self, aid: int, r: RecordRows, ids: dict[str, int]) -> None:
        db = self.db
        eids: dict[str, int] = {}
        for e in r.events:
            cur = db.execute(
                "INSERT INTO events (article_id, local_id, type, mode, contexts, trigger, "
                "trigger_start, trigger_end, sentence_start, sentence_end, negated, "
                "hypothetical, future, quote_local_id, score, main) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (aid, e["local_id"], e["type"], e["mode"], e["contexts"], e["trigger"],
                 e["trigger_start"], e["trigger_end"], e["sentence_start"],
                 e["sentence_end"], e["negated"], e["hypothetical"], e["future"],
                 e["quote"], e["score"], e["main"]))
            eids[e["local_id"]] = int(cur.lastrowid or 0)
        db.executemany("INSERT INTO event_actors (event_id, role, position, actor_id, "
                       "local_id) VALUES (?, ?, ?, ?, ?)",
                       [(eids[ev], role, n, ids[a], a) for ev, role, n, a in r.event_actors])
