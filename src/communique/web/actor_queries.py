"""Read queries behind the actor pages: the actors list, one actor's summary (roles,
counts, quotes, timeline, partners and adversaries) and its events, paginated."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Any

from ..store.read import ActorFilter, QuoteFilter, actor_conditions
from ..store.read import where as read_where
from .queries import Page, Row, _actor_names, _events_by_id, quotes, rows

if TYPE_CHECKING:
    from .aggregates import EventArrays


def actors(db: sqlite3.Connection, f: ActorFilter, *, page: Page) -> Row:
    """Actors matching ``f`` (name part, country, kind), most present first."""
    conds, params = read_where(actor_conditions(f))
    sql = f"{ACTOR_LIST} FROM actors x{conds} ORDER BY articles DESC, x.name, x.id{page.sql()}"
    return page.cut(rows(db, sql, params))


#: the actors list's columns, as the actors page and its kind facet read them
ACTOR_LIST = ("SELECT x.id, x.name, x.kind, x.country, x.sector, x.organization, "
              "(SELECT count(*) FROM article_actors aa WHERE aa.actor_id = x.id) AS articles")


def actor_filter(q: str | None, country: str | None,
                 kind: str | None) -> tuple[str, list[Any]]:
    """The WHERE clause (over ``actors x``) and its parameters for a name part, a country
    and a kind ('' for actors without one; None for any):
    :func:`communique.store.read.actor_conditions`."""
    return read_where(actor_conditions(ActorFilter(name=q, country=country, kind=kind)))


def actor_summary(db: sqlite3.Connection, actor_id: int, limit: int = 10, *,
                  arrays: EventArrays) -> Row | None:
    """One actor without its events list: roles over time, counts, latest quotes, monthly
    cooperation and conflict, main partners and adversaries (the costly, cacheable part)."""
    found = rows(db, "SELECT id, key, name, kind, country, organization, sector, wikidata "
                     "FROM actors WHERE id = ?", [actor_id])
    if not found:
        return None
    out = found[0]
    out["roles"] = arrays.roles(actor_id)
    out["counts"] = {**arrays.counts(actor_id), "quotes": arrays.quote_count(actor_id)}
    out["names"] = arrays.names.get(actor_id, [])
    out["quotes"] = quotes(db, QuoteFilter(speaker_id=actor_id), page=Page(1, limit),
                           arrays=arrays)["items"]
    out["timeline"] = arrays.timeline(actor_id)
    counterparts = arrays.counterparts(actor_id)
    names = _actor_names(db, {c["id"] for c in counterparts})
    counterparts = [{"id": c["id"], "name": names[c["id"]]["name"],
                     "country": names[c["id"]]["country"], "score": c["score"],
                     "events": c["events"]} for c in counterparts if c["id"] in names]
    return {**out, **ranked_counterparts(counterparts, limit)}


def mention_names(db: sqlite3.Connection, actor_id: int, limit: int = 20) -> list[str]:
    """The names the actor was seen under (its mentions' texts, most frequent first), in
    SQL: the reference of the arrays' ``names``, which the actor page reads."""
    return [r["text"] for r in rows(db, """
        SELECT text, count(*) AS n FROM mentions WHERE actor_id = ?
        GROUP BY text ORDER BY n DESC, text LIMIT ?""", [actor_id, limit])]


def ranked_counterparts(counterparts: list[Row], limit: int) -> Row:
    """The main ``partners`` (summed score above 0) and ``adversaries`` (below)."""
    return {"partners": sorted((c for c in counterparts if c["score"] > 0),
                               key=lambda c: (-c["score"], c["name"]))[:limit],
            "adversaries": sorted((c for c in counterparts if c["score"] < 0),
                                  key=lambda c: (c["score"], c["name"]))[:limit]}


def actor(db: sqlite3.Connection, actor_id: int, *, role: str = "actor",
          page: Page | None = None, limit: int = 10, summary: Row | None = None,
          arrays: EventArrays) -> Row | None:
    """:func:`actor_summary` (or the ``summary`` given) plus a page of the actor's events
    as ``role`` (actor or recipient)."""
    summary = summary if summary is not None else actor_summary(db, actor_id, limit,
                                                                arrays=arrays)
    if summary is None:
        return None
    page = page if page is not None else Page()
    return {**summary, "events_role": role, "events": page.cut(_events_by_id(
        db, arrays.actor_events(actor_id, role, page.offset, page.size + 1)))}
