"""Watch state in the store (tables of migration ``m008_watch``).

This module writes only the ``watch_*`` tables, each change in its own short
transaction; articles, failures and stories are written by the store's one writer.
An item is ``pending`` from the poll that lists it, ``fetched`` once its page is
extracted (the article kept here until it is analysed), then ``stored``, ``duplicate``
(same canonical URL or text as a stored article) or ``failed`` (retried on later polls
until ``attempts`` reaches the limit). The writer records an item's article and its
failures under the item URL, so a process killed between the two commits is put right
by :func:`reconcile` on the next start.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from ..model import Article
from .sources import Entry


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _tx(db: sqlite3.Connection, statements: Iterable[tuple[str, Sequence[Any]]]) -> None:
    db.execute("BEGIN IMMEDIATE")
    try:
        for sql, args in statements:
            db.execute(sql, args)
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise


def has_tables(db: sqlite3.Connection) -> bool:
    return db.execute("SELECT 1 FROM sqlite_master WHERE name = 'watch_sources'"
                      ).fetchone() is not None


def validators(db: sqlite3.Connection, url: str) -> tuple[str | None, str | None]:
    row = db.execute("SELECT etag, last_modified FROM watch_sources WHERE url = ?",
                     (url,)).fetchone()
    return (row[0], row[1]) if row else (None, None)


_UPSERT = ("INSERT INTO watch_sources (url, kind, parent, etag, last_modified, last_poll, "
           "last_success, last_status, errors, last_error) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, NULL) ON CONFLICT (url) DO UPDATE SET "
           "kind = coalesce(excluded.kind, kind), parent = coalesce(excluded.parent, parent), "
           "etag = coalesce(excluded.etag, etag), "
           "last_modified = coalesce(excluded.last_modified, last_modified), "
           "last_poll = excluded.last_poll, last_success = excluded.last_success, "
           "last_status = excluded.last_status, errors = 0, last_error = NULL")

_NEW_ITEM = ("INSERT INTO watch_items (url, source, first_seen, status, title, published) "
             "SELECT ?, ?, ?, CASE WHEN EXISTS (SELECT 1 FROM articles WHERE url = ?1) "
             "OR EXISTS (SELECT 1 FROM watch_items WHERE page_url = ?1 AND status = 'stored')"
             " THEN 'duplicate' ELSE 'pending' END, ?, ? "
             "WHERE NOT EXISTS (SELECT 1 FROM watch_items WHERE url = ?1)")


def record_listing(db: sqlite3.Connection, url: str, kind: str, parent: str | None,
                   status: int, etag: str | None, last_modified: str | None,
                   entries: Sequence[Entry]) -> tuple[int, int]:
    """The listing's validators and its new entries (as pending items), in one
    transaction: a killed poll never has validators whose entries it did not keep.
    Returns (new, already known) entry counts."""
    known = 0
    t = now()
    statements: list[tuple[str, Sequence[Any]]] = [
        (_UPSERT, (url, kind, parent, etag, last_modified, t, t, status))]
    seen: set[str] = set()
    for e in entries:
        if e.url in seen:
            continue
        seen.add(e.url)
        if db.execute("SELECT 1 FROM watch_items WHERE url = ?", (e.url,)).fetchone():
            known += 1
            continue
        statements.append((_NEW_ITEM, (e.url, url, t, e.title, e.published)))
    _tx(db, statements)
    return len(seen) - known, known


def record_unchanged(db: sqlite3.Connection, url: str, kind: str | None,
                     parent: str | None) -> None:
    t = now()
    _tx(db, [(_UPSERT, (url, kind, parent, None, None, t, t, 304))])


def record_error(db: sqlite3.Connection, url: str, parent: str | None, reason: str,
                 status: int | None) -> None:
    t = now()
    _tx(db, [("INSERT INTO watch_sources (url, parent, last_poll, last_status, errors, "
              "total_errors, last_error) VALUES (?, ?, ?, ?, 1, 1, ?) "
              "ON CONFLICT (url) DO UPDATE SET last_poll = excluded.last_poll, "
              "last_status = excluded.last_status, errors = errors + 1, "
              "total_errors = total_errors + 1, last_error = excluded.last_error",
              (url, parent, t, status, reason))])


def children(db: sqlite3.Connection, url: str) -> list[str]:
    """The sitemaps a sitemap index listed on earlier polls."""
    return [r[0] for r in db.execute("SELECT url FROM watch_sources WHERE parent = ? "
                                     "ORDER BY rowid", (url,))]


def reconcile(db: sqlite3.Connection) -> int:
    """Items whose article the writer committed before the process died: stored."""
    db.execute("BEGIN IMMEDIATE")
    try:
        cur = db.execute(
            "UPDATE watch_items SET status = 'stored', fetched = NULL, reason = NULL, "
            "article_id = (SELECT min(a.id) FROM articles a WHERE a.file = watch_items.url) "
            "WHERE status IN ('pending', 'fetched', 'failed') "
            "AND EXISTS (SELECT 1 FROM articles a WHERE a.file = watch_items.url)")
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
    return cur.rowcount


def due(db: sqlite3.Connection, sources: Sequence[str], max_attempts: int
        ) -> list[sqlite3.Row]:
    """Items of these sources still to do: pending, fetched, or failed and retryable."""
    if not sources:
        return []
    marks = ",".join("?" for _ in sources)
    return db.execute(
        "SELECT url, source, title, published, fetched, author, page_url FROM watch_items "
        f"WHERE source IN ({marks}) AND (status IN ('pending', 'fetched') "
        "OR (status = 'failed' AND attempts < ?)) ORDER BY first_seen, rowid",
        [*sources, max_attempts]).fetchall()


def mark_fetched(db: sqlite3.Connection, url: str, article: Article, author: str | None
                 ) -> None:
    _tx(db, [("UPDATE watch_items SET status = 'fetched', fetched = ?, author = ?, "
              "page_url = ?, last_attempt = ?, reason = NULL WHERE url = ?",
              (json.dumps(article.to_dict(), ensure_ascii=False), author, article.url,
               now(), url))])


def fetched_article(row: sqlite3.Row) -> Article | None:
    if not row["fetched"]:
        return None
    data = json.loads(row["fetched"])
    return Article(**{k: data.get(k) for k in ("text", "id", "title", "url", "source",
                                               "published")})


def mark_failed(db: sqlite3.Connection, url: str, reason: str, *, permanent: bool,
                max_attempts: int) -> None:
    _tx(db, [("UPDATE watch_items SET status = 'failed', reason = ?, last_attempt = ?, "
              "attempts = CASE WHEN ? THEN max(?, attempts + 1) ELSE attempts + 1 END "
              "WHERE url = ?", (reason, now(), permanent, max_attempts, url))])


def mark_done(db: sqlite3.Connection, outcomes: Sequence[tuple[str, str, int | None]]) -> None:
    """``(url, status, article id)`` for items the writer has just committed or skipped."""
    if outcomes:
        t = now()
        _tx(db, [("UPDATE watch_items SET status = ?, article_id = ?, fetched = NULL, "
                  "reason = NULL, last_attempt = coalesce(last_attempt, ?) WHERE url = ?",
                  (status, aid, t, url)) for url, status, aid in outcomes])


def sources_health(db: sqlite3.Connection, limit: int = 500) -> list[dict[str, Any]]:
    """Each source with its health (``ok``, ``failing``, ``never polled``), last poll and
    success, error counts and its items by status; [] for a store never watched."""
    if not has_tables(db):
        return []
    cur = db.execute(
        "SELECT s.url, s.kind, s.parent, s.last_poll, s.last_success, s.last_status, "
        "s.errors, s.total_errors, s.last_error, "
        "count(i.url) AS items, "
        "coalesce(sum(i.status = 'stored'), 0) AS stored, "
        "coalesce(sum(i.status = 'duplicate'), 0) AS duplicates, "
        "coalesce(sum(i.status IN ('pending', 'fetched')), 0) AS waiting, "
        "coalesce(sum(i.status = 'failed'), 0) AS failed "
        "FROM watch_sources s LEFT JOIN watch_items i ON i.source = s.url "
        "GROUP BY s.url ORDER BY coalesce(s.parent, s.url), s.parent IS NOT NULL, s.url "
        "LIMIT ?", (limit,))
    out = []
    for d in _dicts(cur):
        d["health"] = ("failing" if d["errors"] else "ok" if d["last_success"]
                       else "never polled")
        out.append(d)
    return out


def item_failures(db: sqlite3.Connection, limit: int = 50) -> list[dict[str, Any]]:
    """The most recent failed items with their reasons and attempts."""
    if not has_tables(db):
        return []
    return _dicts(db.execute("SELECT url, source, attempts, last_attempt, reason "
                             "FROM watch_items WHERE status = 'failed' "
                             "ORDER BY last_attempt DESC, rowid DESC LIMIT ?", (limit,)))


def _dicts(cur: sqlite3.Cursor) -> list[dict[str, Any]]:
    names = [c[0] for c in cur.description]
    return [dict(zip(names, tuple(r), strict=True)) for r in cur.fetchall()]
