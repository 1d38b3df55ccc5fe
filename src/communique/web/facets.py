"""Facet counts for the events and quotes lists: how many rows of the current filters
fall under each type, quad class, mode, actor, country or speaker, so a page can show
them beside the list and link each value to the narrowed list.

Filters come in as plain dataclasses (the same ones the lists take); the SQL matches the
lists' semantics: ``actor`` and ``country`` hold on either side of an event, a speaker
facet counts quotes per speaker. Results are cached by the app until the store grows.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter
from typing import TYPE_CHECKING, Any, Protocol

from ..store.queries import rows, speaker_actors
from ..store.read import NO_MODE, event_conditions, quote_conditions
from ..store.read import where as read_where
from .actor_queries import ACTOR_LIST, actor_filter
from .queries import fts_query

if TYPE_CHECKING:
    from .aggregates import EventArrays

Row = dict[str, Any]

#: values listed per facet (the rest are summed into ``other``)
TOP = 12

QUADS = {0: "none", 1: "verbal cooperation", 2: "material cooperation",
         3: "verbal conflict", 4: "material conflict"}


class EventFilterLike(Protocol):
    since: dt.date | None
    until: dt.date | None
    type: str | None
    actor: int | None
    country: str | None
    quad: int | None
    mode: str | None
    actor_country: str | None
    recipient_country: str | None


class QuoteFilterLike(Protocol):
    search: str | None
    speaker: str | None
    speaker_id: int | None
    since: dt.date | None
    until: dt.date | None
    kind: str | None


def _event_where(f: EventFilterLike, walk: bool = False) -> tuple[str, list[Any]]:
    """The filters as SQL (:func:`communique.store.read.event_conditions`, the lists'
    definition); ``walk`` (events read per article): a "+" keeps SQLite from looking an
    article's events up by type instead (a scan of that type per article)."""
    return read_where(event_conditions(f, plus="+" if walk else ""))  # type: ignore[arg-type]


def _ranked(found: list[tuple[Any, ...]], top: int = TOP) -> list[Row]:
    """``(value, label, count)`` rows, most first, cut to ``top``."""
    found = sorted(found, key=lambda r: (-r[2], str(r[1])))
    return [{"value": v, "label": label, "count": n} for v, label, n in found[:top]]


def event_facets(db: sqlite3.Connection, f: EventFilterLike,
                 arrays: EventArrays | None = None) -> Row:
    """Counts of the events matching ``f`` by type, quad class, mode, actor (either side),
    country (of the first actor or first recipient, as the list's filter), actor country
    and recipient country (of the first actor, of the first recipient), plus the
    flags and the total; counted from the in-memory ``arrays`` when given (the web app),
    else in SQL (the reference the tests compare them with)."""
    if arrays is not None:
        return _array_facets(db, arrays, f)
    where, params = _event_where(f, walk=bool(f.since or f.until))
    # a period reads its articles by the date index, then their events (SQLite would
    # otherwise scan every event and look its article up)
    source = ("articles a INDEXED BY articles_published CROSS JOIN events e "
              "ON e.article_id = a.id" if f.since or f.until
              else "events e JOIN articles a ON a.id = e.article_id")
    ev = db.execute(
        "SELECT e.type, coalesce(e.mode, ''), e.negated, "
        f"e.hypothetical, e.future, coalesce(p.quad, 0) FROM {source} "
        f"LEFT JOIN plover_types p ON p.type = e.type{where}", params).fetchall()
    types: Counter[str] = Counter()
    modes: Counter[str] = Counter()
    quads: Counter[int] = Counter()
    flags = {"negated": 0, "hypothetical": 0, "future": 0}
    for etype, mode, neg, hyp, fut, quad in ev:
        types[etype] += 1
        modes[mode] += 1
        quads[quad] += 1
        flags["negated"] += neg
        flags["hypothetical"] += hyp
        flags["future"] += fut
    actors = db.execute(
        f"SELECT ea.actor_id, x.name, count(DISTINCT e.id) FROM {source} "
        f"CROSS JOIN event_actors ea ON ea.event_id = e.id JOIN actors x ON x.id = ea.actor_id"
        f"{where} GROUP BY ea.actor_id ORDER BY 3 DESC LIMIT ?", [*params, TOP]).fetchall()
    def countries(role: str = "") -> list[tuple[Any, ...]]:
        # the list's country filter is of the first actor or first recipient; with a
        # ``role``, of the first of that role alone (the covering index's prefix)
        side = f" AND ea.role = '{role}'" if role else ""
        return db.execute(
            f"SELECT x.country, x.country, count(DISTINCT e.id) FROM {source} "
            f"CROSS JOIN event_actors ea ON ea.event_id = e.id{side} AND ea.position = 0 "
            "CROSS JOIN article_actors x ON x.article_id = e.article_id "
            f"AND x.local_id = ea.local_id{where}{' AND' if where else ' WHERE'} "
            "x.country IS NOT NULL GROUP BY x.country ORDER BY 3 DESC LIMIT ?",
            [*params, TOP]).fetchall()
    return {
        "total": len(ev), "flags": flags,
        "type": _ranked([(t, t, n) for t, n in types.items()], 50),
        "quad": _ranked([(q, QUADS.get(q, str(q)), n) for q, n in quads.items()], 5),
        "mode": _ranked([(m or NO_MODE, m or NO_MODE, n) for m, n in modes.items()]),
        "actor": _ranked(actors),
        "country": _ranked(countries()),
        "actor_country": _ranked(countries("actor")),
        "recipient_country": _ranked(countries("recipient")),
    }


def _array_facets(db: sqlite3.Connection, arrays: EventArrays, f: EventFilterLike) -> Row:
    counts, actors = arrays.facets.counts(f, TOP)
    names: dict[int, str] = {}
    if actors:
        marks = ",".join("?" * len(actors))
        names = dict(db.execute(f"SELECT id, name FROM actors WHERE id IN ({marks})",
                                [a for a, _ in actors]))
    return {
        "total": counts["total"], "flags": counts["flags"],
        "type": _ranked([(t, t, n) for t, n in counts["type"]], 50),
        "quad": _ranked([(q, QUADS.get(q, str(q)), n) for q, n in counts["quad"]], 5),
        "mode": _ranked([(m or NO_MODE, m or NO_MODE, n) for m, n in counts["mode"]]),
        "actor": _ranked([(a, names.get(a), n) for a, n in actors if a in names]),
        **{k: _ranked([(c, c, n) for c, n in counts[k]])
           for k in ("country", "actor_country", "recipient_country")},
    }


def quote_facets(db: sqlite3.Connection, f: QuoteFilterLike,
                 arrays: EventArrays | None = None) -> Row:
    """Counts of the quotes matching ``f`` (full text aside: with ``q`` the counts are of
    the search's matches) by speaker and by kind; from the in-memory ``arrays`` when
    given (the web app), else in SQL (the tests' reference)."""
    if arrays is not None:
        return _array_quote_facets(db, arrays, f)
    where, params = read_where(quote_conditions(f))  # type: ignore[arg-type]
    match = f"SELECT q.id FROM quotes q JOIN articles a ON a.id = q.article_id{where}"
    kinds = db.execute(f"SELECT q.kind, q.kind, count(*) FROM quotes q JOIN articles a "
                       f"ON a.id = q.article_id{where} GROUP BY q.kind", params).fetchall()
    speakers = db.execute(
        "SELECT qs.actor_id, x.name, count(DISTINCT qs.quote_id) FROM quote_speakers qs "
        f"JOIN actors x ON x.id = qs.actor_id WHERE qs.quote_id IN ({match}) "
        "GROUP BY qs.actor_id ORDER BY 3 DESC LIMIT ?", [*params, TOP]).fetchall()
    return {"total": sum(n for _, _, n in kinds), "kind": _ranked(kinds, 3),
            "speaker": _ranked(speakers)}


def _array_quote_facets(db: sqlite3.Connection, arrays: EventArrays,
                        f: QuoteFilterLike) -> Row:
    speakers = quotes = None
    if f.speaker:
        speakers = [r[0] for r in db.execute(*speaker_actors(f.speaker))]
    if f.search:
        quotes = [r["rowid"] for r in rows(
            db, "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?", [fts_query(f.search)],
            field="q")]
    total, kinds, top = arrays.quote_facets.counts(f, TOP, speakers=speakers, quotes=quotes)
    names: dict[int, str] = {}
    if top:
        marks = ",".join("?" * len(top))
        names = dict(db.execute(f"SELECT id, name FROM actors WHERE id IN ({marks})",
                                [a for a, _ in top]))
    return {"total": total, "kind": _ranked([(k, k, n) for k, n in kinds], 3),
            "speaker": _ranked([(a, names.get(a), n) for a, n in top if a in names])}


def actor_kinds(db: sqlite3.Connection, q: str | None, country: str | None) -> list[Row]:
    """How many actors of each kind match the name part ``q`` and ``country``."""
    conds, params = actor_filter(q, country, None)
    return _ranked(db.execute(
        "SELECT coalesce(kind, ''), coalesce(kind, 'none'), count(*) FROM actors x"
        f"{conds} GROUP BY 1", params).fetchall(), 20)


def actors_of_kind(db: sqlite3.Connection, q: str | None, country: str | None, kind: str,
                   offset: int, limit: int, arrays: EventArrays | None = None) -> list[Row]:
    """The actors list (as the actors page orders it) narrowed to one ``kind`` ('' for
    actors without one); ``limit + 1`` rows read so the caller knows if more follow.
    With ``arrays`` (the web app) each actor's articles are counted from the arrays'
    article rows instead of an index range per actor in SQL (the tests' reference)."""
    conds, params = actor_filter(q, country, kind)
    if arrays is None:
        cur = db.execute(f"{ACTOR_LIST} FROM actors x{conds} ORDER BY articles DESC, x.name, "
                         "x.id LIMIT ? OFFSET ?", [*params, limit + 1, offset])
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
    found = rows(db, "SELECT x.id, x.name, x.kind, x.country, x.sector, x.organization "
                     f"FROM actors x{conds}", params)
    for r, n in zip(found, arrays.articles_of([r["id"] for r in found]), strict=True):
        r["articles"] = n
    found.sort(key=lambda r: (-r["articles"], r["name"], r["id"]))
    return found[offset:offset + limit + 1]


__all__ = ["actor_kinds", "actors_of_kind", "event_facets", "quote_facets"]
