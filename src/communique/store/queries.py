"""Read-only questions over a store: quotes, events, actors, stats.

Each function returns plain dict rows (column name -> value), so the CLI can print them
as a table for people or as JSON/CSV for pipes, and other code (the web UI) can reuse them.
The lists' filters and their SQL live in :mod:`communique.store.read`; ``quotes``,
``events`` and ``top_actors`` here are its keyword front ends.
"""

from __future__ import annotations

import re
import sqlite3
from typing import Any

from ..errors import CommuniqueError
from ..readers.base import parse_date

Row = dict[str, Any]


class QueryError(CommuniqueError):
    """A filter the store cannot apply (bad date, bad search expression)."""


def _date(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    d = parse_date(value)
    if d is None:
        raise QueryError(f"{name}: {value!r} is not a date (use YYYY-MM-DD)")
    return d


_FTS_SYNTAX = re.compile(r'["*()^:]|\b(AND|OR|NOT|NEAR)\b')


def fts_query(text: str) -> str:
    """Plain words become a phrase-safe AND query; text using FTS5 syntax is kept."""
    if _FTS_SYNTAX.search(text):
        return text
    words = re.findall(r"\w+", text)
    if not words:
        raise QueryError(f"search: {text!r} has no words to search for")
    return " ".join(f'"{w}"' for w in words)


def rows(db: sqlite3.Connection, sql: str, params: list[Any] | tuple[Any, ...] = (), *,
         field: str = "search") -> list[Row]:
    """Dict rows; the one place a malformed full-text expression (the only SQL a user
    writes) becomes a :class:`QueryError` naming the ``field`` it came in."""
    try:
        cur = db.execute(sql, list(params))
    except sqlite3.OperationalError as exc:
        if " MATCH " in sql:
            raise QueryError(f"{field}: bad search expression ({exc})") from None
        raise
    names = [c[0] for c in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur]


def speaker_actors(speaker: str) -> tuple[str, list[Any]]:
    """The one speaker filter (CLI ``quotes --speaker``, the web's quotes list and its
    facets): ids of the actors whose canonical name or key contains ``speaker`` (case
    aside), as SQL and its parameters."""
    return ("SELECT id FROM actors WHERE name LIKE ? OR key LIKE ?",
            [f"%{speaker}%", f"%{speaker.casefold()}%"])


def speaker_quotes(speaker: str) -> tuple[str, list[Any]]:
    """Ids of the quotes with a speaker :func:`speaker_actors` matches (SQL, parameters)."""
    sql, params = speaker_actors(speaker)
    return f"SELECT quote_id FROM quote_speakers WHERE actor_id IN ({sql})", params


def quotes(db: sqlite3.Connection, *, speaker: str | None = None, search: str | None = None,
           since: str | None = None, until: str | None = None, kind: str | None = None,
           limit: int | None = 50) -> list[Row]:
    """Quotes, newest first, with their speakers' canonical names (the items of
    :func:`communique.store.read.quotes`)."""
    from .read import QuoteFilter
    from .read import quotes as read_quotes

    f = QuoteFilter(speaker=speaker, search=search, since=since, until=until, kind=kind)
    return read_quotes(db, f, limit=limit or None, total=False).items


def events(db: sqlite3.Connection, *, actor: str | None = None, recipient: str | None = None,
           type: str | None = None, since: str | None = None, until: str | None = None,
           per_story: bool = False, counted: bool = False,
           limit: int | None = 50) -> list[Row]:
    """Events, newest first: the items of :func:`communique.store.read.events` for an
    :class:`~communique.store.read.EventFilter` of these values."""
    from .read import EventFilter
    from .read import events as read_events

    f = EventFilter(actor=actor, recipient=recipient, type=type, since=since, until=until,
                    per_story=per_story, counted=counted)
    return read_events(db, f, limit=limit or None, total=False).items


def actor_match(value: str) -> tuple[str, list[Any]]:
    """Ids of the actors an ``actor``/``recipient`` filter names: a part of the canonical
    name, a country code, an actor key (``kb:...``, ``wd:Q...``) or an actor id (digits
    name only that id)."""
    if value.strip().isdigit():
        return "SELECT id FROM actors WHERE id = ?", [int(value.strip())]
    return ("SELECT id FROM actors WHERE name LIKE ? OR country = ? OR key = ? "
            "OR CAST(id AS TEXT) = ?", [f"%{value}%", value.upper(), value, value.strip()])


def actor_exists(db: sqlite3.Connection, value: str) -> bool:
    """Whether an ``actor``/``recipient`` filter can match a stored actor."""
    sql, params = actor_match(value)
    return db.execute(f"{sql} LIMIT 1", params).fetchone() is not None


def event_types(db: sqlite3.Connection) -> tuple[str, ...]:
    """The event types a ``type`` filter accepts: PLOVER's and any the store holds."""
    from .migrations import PLOVER_QUADS

    held = {r[0] for r in db.execute("SELECT DISTINCT type FROM events")}
    return tuple(PLOVER_QUADS) + tuple(sorted(held - set(PLOVER_QUADS)))


def event_modes(db: sqlite3.Connection) -> tuple[str, ...]:
    """The modes the store's events have, ``none`` for those without one (as the web's
    mode facet labels them): what a ``mode`` filter can match."""
    from .read import NO_MODE

    return tuple(sorted({r[0] or NO_MODE for r in
                         db.execute("SELECT DISTINCT mode FROM events")}))


def top_actors(db: sqlite3.Connection, *, by: str = "articles", kind: str | None = None,
               limit: int = 20) -> list[Row]:
    """The most present actors (:func:`communique.store.read.top_actors`)."""
    from .read import ActorFilter
    from .read import top_actors as read_top

    return read_top(db, ActorFilter(kind=kind), by=by, limit=limit).items


#: the one definition of each corpus count (``stats``, the web overview): an event counts
#: unless negated (``events --counted`` lists those; without it the negated ones are
#: listed too, flagged, and counted apart as ``negated_events``); a quote or an actor is
#: every row ``quotes --limit 0`` / ``actors top`` lists
COUNTS = {
    "articles": "SELECT count(*) FROM articles",
    "actors": "SELECT count(*) FROM actors",
    "quotes": "SELECT count(*) FROM quotes",
    "events": "SELECT count(*) FROM events WHERE negated = 0",
    "negated_events": "SELECT count(*) FROM events WHERE negated = 1",
}


def counts(db: sqlite3.Connection) -> dict[str, int]:
    """Articles, actors, quotes, events (not negated) and negated events (:data:`COUNTS`)."""
    return {name: db.execute(sql).fetchone()[0] for name, sql in COUNTS.items()}


def stats(db: sqlite3.Connection) -> dict[str, Any]:
    """Sizes of the corpus, date range, failures by kind and the last runs."""
    one = lambda sql: db.execute(sql).fetchone()[0]  # noqa: E731
    n = counts(db)
    out: dict[str, Any] = {
        "articles": n["articles"],
        "stories": one("SELECT count(DISTINCT story_id) FROM articles"),
        "actors": n["actors"],
        "mentions": one("SELECT count(*) FROM mentions"),
        "quotes": n["quotes"],
        "events": n["events"],
        "negated_events": n["negated_events"],
        "main_events": one("SELECT count(*) FROM events WHERE negated = 0 AND main = 1"),
        "events_per_story": one("SELECT count(*) FROM story_events"),
        "main_events_per_story": one("SELECT count(*) FROM story_events WHERE main = 1"),
        "failures": one("SELECT count(*) FROM failures"),
        "first_date": one("SELECT min(published) FROM articles"),
        "last_date": one("SELECT max(published) FROM articles"),
        "schema": [r[0] for r in db.execute("SELECT name FROM _migrations ORDER BY rowid")],
    }
    out["failures_by_stage"] = dict(db.execute(
        "SELECT stage, count(*) FROM failures GROUP BY stage ORDER BY 2 DESC").fetchall())
    out["recent_failures"] = rows(db, "SELECT file, position, stage, reason, time "
                                       "FROM failures ORDER BY time DESC, id DESC LIMIT 10", [])
    out["events_by_type"] = dict(db.execute(
        "SELECT type, count(*) FROM events WHERE negated = 0 GROUP BY type ORDER BY 2 DESC"
    ).fetchall())
    out["runs"] = rows(db, "SELECT id, started, finished, workers, stored, skipped, failed "
                            "FROM runs ORDER BY id DESC LIMIT 5", [])
    return out
