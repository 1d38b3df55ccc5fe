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
from typing import Any, Protocol

from .queries import fts_query

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


class QuoteFilterLike(Protocol):
    q: str | None
    speaker: str | None
    speaker_id: int | None
    since: dt.date | None
    until: dt.date | None
    kind: str | None


def _event_where(f: EventFilterLike) -> tuple[str, list[Any]]:
    conds: list[str] = []
    params: list[Any] = []
    if f.since:
        conds.append("a.published >= ?")
        params.append(f.since.isoformat())
    if f.until:
        conds.append("a.published <= ?")
        params.append(f.until.isoformat())
    if f.type:
        conds.append("e.type = ?")
        params.append(f.type)
    if f.actor is not None:
        conds.append("e.id IN (SELECT event_id FROM event_actors WHERE actor_id = ?)")
        params.append(f.actor)
    if f.country:
        conds.append("e.id IN (SELECT ea.event_id FROM event_actors ea JOIN article_actors x "
                     "ON x.article_id = e.article_id AND x.local_id = ea.local_id "
                     "WHERE ea.event_id = e.id AND ea.position = 0 AND x.country = ?)")
        params.append(f.country)
    if f.quad is not None:
        conds.append("coalesce((SELECT quad FROM plover_types p WHERE p.type = e.type), 0) = ?")
        params.append(f.quad)
    return (" WHERE " + " AND ".join(conds) if conds else ""), params


def _ranked(found: list[tuple[Any, ...]], top: int = TOP) -> list[Row]:
    """``(value, label, count)`` rows, most first, cut to ``top``."""
    found = sorted(found, key=lambda r: (-r[2], str(r[1])))
    return [{"value": v, "label": label, "count": n} for v, label, n in found[:top]]


def event_facets(db: sqlite3.Connection, f: EventFilterLike) -> Row:
    """Counts of the events matching ``f`` by type, quad class, mode, actor (either side)
    and country (of the first actor or first recipient, as the list's filter), plus the
    flags and the total. Two reads of the matches (the store is read-only: no temporary
    table), counted here."""
    where, params = _event_where(f)
    match = f"SELECT e.id FROM events e JOIN articles a ON a.id = e.article_id{where}"
    ev = db.execute(
        "SELECT e.type, coalesce(e.mode, ''), e.negated, e.hypothetical, e.future, "
        f"coalesce(p.quad, 0) FROM events e JOIN articles a ON a.id = e.article_id "
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
    actors: Counter[int] = Counter()
    countries: Counter[str] = Counter()
    names: dict[int, str] = {}
    last, seen = None, set()
    for event_id, actor_id, name, country, first in db.execute(
            "SELECT ea.event_id, ea.actor_id, x.name, x.country, ea.position = 0 "
            "FROM event_actors ea "
            "JOIN events e ON e.id = ea.event_id JOIN article_actors x "
            "ON x.article_id = e.article_id AND x.local_id = ea.local_id "
            f"WHERE ea.event_id IN ({match}) ORDER BY ea.event_id", params):
        if event_id != last:
            last, seen = event_id, set()
        if actor_id not in seen:  # an event counts once per actor and country
            seen.add(actor_id)
            actors[actor_id] += 1
            names.setdefault(actor_id, name)
        # the list's country filter is of the first actor or first recipient
        if first and country and ("c", country) not in seen:
            seen.add(("c", country))
            countries[country] += 1
    return {
        "total": len(ev), "flags": flags,
        "type": _ranked([(t, t, n) for t, n in types.items()], 50),
        "quad": _ranked([(q, QUADS.get(q, str(q)), n) for q, n in quads.items()], 5),
        "mode": _ranked([(m, m or "none", n) for m, n in modes.items()]),
        "actor": _ranked([(a, names[a], n) for a, n in actors.most_common(TOP)]),
        "country": _ranked([(c, c, n) for c, n in countries.most_common(TOP)]),
    }


def quote_facets(db: sqlite3.Connection, f: QuoteFilterLike) -> Row:
    """Counts of the quotes matching ``f`` (full text aside: with ``q`` the counts are of
    the search's matches) by speaker and by kind."""
    conds: list[str] = []
    params: list[Any] = []
    if f.since:
        conds.append("a.published >= ?")
        params.append(f.since.isoformat())
    if f.until:
        conds.append("a.published <= ?")
        params.append(f.until.isoformat())
    if f.kind:
        conds.append("q.kind = ?")
        params.append(f.kind)
    if f.speaker_id is not None:
        conds.append("q.id IN (SELECT quote_id FROM quote_speakers WHERE actor_id = ?)")
        params.append(f.speaker_id)
    if f.speaker:
        conds.append("q.id IN (SELECT quote_id FROM quote_speakers WHERE actor_id IN "
                     "(SELECT id FROM actors WHERE name LIKE ?))")
        params.append(f"%{f.speaker}%")
    if f.q:
        conds.append("q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
        params.append(fts_query(f.q))
    where = " WHERE " + " AND ".join(conds) if conds else ""
    match = f"SELECT q.id FROM quotes q JOIN articles a ON a.id = q.article_id{where}"
    kinds = db.execute(f"SELECT q.kind, q.kind, count(*) FROM quotes q JOIN articles a "
                       f"ON a.id = q.article_id{where} GROUP BY q.kind", params).fetchall()
    speakers = db.execute(
        "SELECT qs.actor_id, x.name, count(DISTINCT qs.quote_id) FROM quote_speakers qs "
        f"JOIN actors x ON x.id = qs.actor_id WHERE qs.quote_id IN ({match}) "
        "GROUP BY qs.actor_id ORDER BY 3 DESC LIMIT ?", [*params, TOP]).fetchall()
    return {"total": sum(n for _, _, n in kinds), "kind": _ranked(kinds, 3),
            "speaker": _ranked(speakers)}


__all__ = ["event_facets", "quote_facets"]
