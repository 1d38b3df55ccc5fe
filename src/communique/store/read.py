"""The store's read layer: one filter dataclass per list (events, quotes, actors), the one
translation of each filter into SQL, and the list reads that return a :class:`Page`.

The command line (``events``, ``quotes``, ``actors top``) and the web app's lists build the
same filters, so the same filter selects the same rows in both (the web adds only its own
plans to find a page fast on a large store, over the same conditions).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from typing import Any

from .queries import QueryError, Row, actor_match, fts_query, rows, speaker_quotes
from .queries import _date as parse_day

Cond = tuple[str, list[Any]]


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a list read: its ``items``, how many rows match in all (``total``, or
    None when not counted), and the ``offset`` and ``limit`` (None: no limit) asked for."""

    items: list[Row]
    total: int | None
    offset: int = 0
    limit: int | None = None


def day(value: dt.date | str | None, name: str) -> str | None:
    """A filter's date as ``YYYY-MM-DD`` (a date, or text in any form ``parse_date``
    reads); a :class:`QueryError` naming ``name`` otherwise."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return parse_day(value, name)


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events a list shows.

    ``actor``: an actor of the event on either side (actor or recipient), named by an id
    (int or digits), an actor key (``kb:...``, ``wd:Q...``), a country code or a part of
    the canonical name; ``recipient``: the same, as the event's first recipient only;
    ``type``: a PLOVER type (case aside); ``quad``: quad class 0..4; ``mode``: the
    event's mode (``"none"`` for events without one); ``country``: the
    country of the first actor or the first recipient; ``actor_country`` /
    ``recipient_country``: that of the first actor / the first recipient alone;
    ``since``/``until``: publication
    dates, inclusive; ``per_story``: one row per distinct event of a story (wire copies
    once); ``counted``: negated events left out, as the store's counts do.
    """

    actor: int | str | None = None
    recipient: int | str | None = None
    type: str | None = None
    quad: int | None = None
    country: str | None = None
    since: dt.date | str | None = None
    until: dt.date | str | None = None
    per_story: bool = False
    counted: bool = False
    mode: str | None = None
    actor_country: str | None = None
    recipient_country: str | None = None


#: the ``mode`` filter's value for events without a mode (as the facets label them)
NO_MODE = "none"


@dataclass(frozen=True, slots=True)
class QuoteFilter:
    """Which quotes a list shows: ``speaker`` (part of a speaker's canonical name or key),
    ``speaker_id``, ``search`` (full text: plain words ANDed, FTS5 syntax kept),
    ``since``/``until`` (publication dates, inclusive) and ``kind`` (direct, mixed,
    indirect)."""

    speaker: str | None = None
    speaker_id: int | None = None
    search: str | None = None
    since: dt.date | str | None = None
    until: dt.date | str | None = None
    kind: str | None = None


@dataclass(frozen=True, slots=True)
class ActorFilter:
    """Which actors a list shows: ``name`` (part of the canonical name), ``country``
    (code) and ``kind`` ('' for actors without one; None for any)."""

    name: str | None = None
    country: str | None = None
    kind: str | None = None


def _actor_ids(value: int | str) -> Cond:
    """``= ?`` an actor id (an int), or ``IN (...)`` the ids of the actors a filter value
    names (:func:`queries.actor_match`: digits name one actor id)."""
    if isinstance(value, int):
        return "= ?", [value]
    sql, params = actor_match(value)
    return f"IN ({sql})", params


def period(f: EventFilter | QuoteFilter, alias: str = "a") -> list[Cond]:
    """The date conditions of a filter, over ``articles`` as ``alias``."""
    out = []
    since, until = day(f.since, "--since"), day(f.until, "--until")
    if since:
        out.append((f"{alias}.published >= ?", [since]))
    if until:
        out.append((f"{alias}.published <= ?", [until]))
    return out


def event_id_filters(f: EventFilter) -> list[Cond]:
    """The actor and recipient filters as ``e.id IN (...)`` subqueries (so a plan can
    tell how common each is)."""
    out = []
    if f.actor is not None and f.actor != "":
        sql, params = _actor_ids(f.actor)
        out.append((f"SELECT event_id FROM event_actors WHERE actor_id {sql}", params))
    if f.recipient is not None and f.recipient != "":
        sql, params = _actor_ids(f.recipient)
        out.append(("SELECT event_id FROM event_actors WHERE role = 'recipient' AND "
                    f"position = 0 AND actor_id {sql}", params))
    return out


def event_conditions(f: EventFilter, *, plus: str = "", joined: bool = False) -> list[Cond]:
    """Every condition of ``f`` over ``events e`` joined to ``articles a``: the one
    definition of each event filter. ``plus`` ("+") keeps SQLite from using an index on
    the event's own columns (when walking the date index); ``joined``: the query joins
    the first actor and recipient as ``x1``/``x2`` and PLOVER types as ``p``."""
    out = period(f)
    if f.counted:
        out.append(("e.negated = 0", []))
    if f.type:
        out.append((f"{plus}e.type = ?", [f.type.upper()]))
    if f.mode:
        out.append(("coalesce(e.mode, '') = ?", ["" if f.mode == NO_MODE else f.mode]))
    out += [(f"{plus}e.id IN ({sql})", params) for sql, params in event_id_filters(f)]
    if f.country:
        country = f.country.upper()
        out.append(("(x1.country = ? OR x2.country = ?)", [country, country]) if joined else (
            "e.id IN (SELECT ea.event_id FROM event_actors ea JOIN article_actors x "
            "ON x.article_id = e.article_id AND x.local_id = ea.local_id "
            "WHERE ea.event_id = e.id AND ea.position = 0 AND x.country = ?)", [country]))
    for value, role, alias in ((f.actor_country, "actor", "x1"),
                               (f.recipient_country, "recipient", "x2")):
        if value:
            out.append(side_country(value.upper(), role, alias if joined else None))
    if f.quad is not None:
        out.append(("coalesce(p.quad, 0) = ?", [f.quad]) if joined else (
            "coalesce((SELECT quad FROM plover_types p WHERE p.type = e.type), 0) = ?",
            [f.quad]))
    if f.per_story:
        out.append(("e.id IN (SELECT event_id FROM story_events)", []))
    return out


def side_country(country: str, role: str, alias: str | None = None) -> Cond:
    """The country of an event's first ``role`` (actor or recipient): over the joined
    first actor or recipient ``alias`` (x1 / x2), else a lookup by (event_id, role,
    position), the prefix of the covering index ``event_actors_cover``."""
    if alias:
        return f"{alias}.country = ?", [country]
    return ("e.id IN (SELECT ea.event_id FROM event_actors ea JOIN article_actors x "
            "ON x.article_id = e.article_id AND x.local_id = ea.local_id "
            f"WHERE ea.event_id = e.id AND ea.role = '{role}' AND ea.position = 0 "
            "AND x.country = ?)", [country])


def where(conds: list[Cond]) -> tuple[str, list[Any]]:
    """`` WHERE a AND b`` (or nothing) and the parameters, in order."""
    if not conds:
        return "", []
    return (" WHERE " + " AND ".join(c for c, _ in conds),
            [p for _, params in conds for p in params])


def _limit(offset: int, limit: int | None) -> str:
    if limit is None:
        return f" LIMIT -1 OFFSET {int(offset)}" if offset else ""
    return f" LIMIT {int(limit)} OFFSET {int(offset)}"


#: the columns of an events list row (the ``events_flat`` view's, as ``events`` prints)
EVENT_COLUMNS = ("date, actor1_name, actor1_country, actor1_sector, type, mode, "
                 "actor2_name, actor2_country, actor2_sector, score, quad_class, trigger, "
                 "negated, hypothetical, future, sentence, "
                 "source, article_id, story_id, event_id")


def events(db: sqlite3.Connection, f: EventFilter = EventFilter(), *, offset: int = 0,
           limit: int | None = 50, total: bool = True) -> Page:
    """Events matching ``f``, newest first (then article, event id), with their first
    actor and recipient and their ``negated``/``hypothetical``/``future`` flags."""
    sql, params = where(event_conditions(f))
    base = f"FROM events e JOIN articles a ON a.id = e.article_id{sql}"
    ids = (f"SELECT e.id, a.published AS d, a.id AS aid {base} "
           f"ORDER BY a.published DESC, a.id, e.id{_limit(offset, limit)}")
    found = rows(db, f"SELECT {EVENT_COLUMNS} FROM ({ids}) pg JOIN events_flat v "
                     "ON v.event_id = pg.id ORDER BY pg.d DESC, pg.aid, pg.id", params)
    n = db.execute(f"SELECT count(*) {base}", params).fetchone()[0] if total else None
    return Page([_flags(r) for r in found], n, offset, limit)


def _flags(row: Row) -> Row:
    for k in ("negated", "hypothetical", "future"):
        if k in row and row[k] is not None:
            row[k] = bool(row[k])
    return row


def quote_id_filters(f: QuoteFilter) -> list[Cond]:
    """The search and speaker filters as ``q.id IN (...)`` subqueries."""
    out: list[Cond] = []
    if f.search:
        out.append(("SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?",
                    [fts_query(f.search)]))
    if f.speaker_id is not None:
        out.append(("SELECT quote_id FROM quote_speakers WHERE actor_id = ?", [f.speaker_id]))
    if f.speaker:
        out.append(speaker_quotes(f.speaker))
    return out


def quote_conditions(f: QuoteFilter, *, plus: str = "") -> list[Cond]:
    """Every condition of ``f`` over ``quotes q`` joined to ``articles a``."""
    out = period(f)
    out += [(f"{plus}q.id IN ({sql})", params) for sql, params in quote_id_filters(f)]
    if f.kind:
        out.append(("q.kind = ?", [f.kind]))
    return out


QUOTE_COLUMNS = (
    "a.published AS date, "
    "(SELECT group_concat(x.name, ' & ') FROM (SELECT x.name FROM quote_speakers qs "
    " JOIN actors x ON x.id = qs.actor_id WHERE qs.quote_id = q.id "
    " ORDER BY qs.position) x) AS speaker, "
    "q.kind, q.cue, q.content, a.source, a.title, a.url, a.id AS article_id, "
    "a.story_id, q.local_id AS quote_id")


def quotes(db: sqlite3.Connection, f: QuoteFilter = QuoteFilter(), *, offset: int = 0,
           limit: int | None = 50, total: bool = True, field: str = "--search") -> Page:
    """Quotes matching ``f``, newest first, with their speakers' canonical names."""
    sql, params = where(quote_conditions(f))
    base = f"FROM quotes q JOIN articles a ON a.id = q.article_id{sql}"
    found = rows(db, f"SELECT {QUOTE_COLUMNS} {base} ORDER BY a.published DESC, a.id, "
                     f"q.content_start{_limit(offset, limit)}", params, field=field)
    n = (rows(db, f"SELECT count(*) AS n {base}", params, field=field)[0]["n"]
         if total else None)
    return Page(found, n, offset, limit)


def actor_conditions(f: ActorFilter) -> list[Cond]:
    """Every condition of ``f`` over ``actors x``."""
    out: list[Cond] = []
    if f.name:
        out.append(("x.name LIKE ?", [f"%{f.name}%"]))
    if f.country:
        out.append(("x.country = ?", [f.country.upper()]))
    if f.kind is not None:
        out.append(("coalesce(x.kind, '') = ?", [f.kind]))
    return out


#: what ``actors top`` ranks by
ACTOR_RANKS = ("articles", "stories", "mentions", "quotes")


def top_actors(db: sqlite3.Connection, f: ActorFilter = ActorFilter(), *,
               by: str = "articles", offset: int = 0, limit: int | None = 20) -> Page:
    """The most present actors matching ``f``: in how many articles and stories,
    mentions, quotes."""
    if by not in ACTOR_RANKS:
        raise QueryError(f"--by: {by!r} is not one of {', '.join(ACTOR_RANKS)}")
    sql, params = where(actor_conditions(f))
    found = rows(db, f"""
    WITH aa AS (
        SELECT aa.actor_id, count(*) AS articles, count(DISTINCT a.story_id) AS stories
        FROM article_actors aa JOIN articles a ON a.id = aa.article_id GROUP BY aa.actor_id),
    m AS (SELECT actor_id, count(*) AS mentions FROM mentions GROUP BY actor_id),
    q AS (SELECT actor_id, count(*) AS quotes FROM quote_speakers GROUP BY actor_id)
    SELECT x.name, x.kind, x.country, x.sector, coalesce(aa.articles, 0) AS articles,
           coalesce(aa.stories, 0) AS stories, coalesce(m.mentions, 0) AS mentions,
           coalesce(q.quotes, 0) AS quotes, x.wikidata, x.id AS actor_id
    FROM actors x LEFT JOIN aa ON aa.actor_id = x.id LEFT JOIN m ON m.actor_id = x.id
    LEFT JOIN q ON q.actor_id = x.id{sql}
    ORDER BY {by} DESC, x.name{_limit(offset, limit)}""", params)
    n = db.execute(f"SELECT count(*) FROM actors x{sql}", params).fetchone()[0]
    return Page(found, n, offset, limit)
