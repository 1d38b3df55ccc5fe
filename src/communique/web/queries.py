"""Read queries behind the web pages, each bounded (a ``LIMIT``) and paginated.

The store's own query helpers (``communique.store.queries``) answer the CLI's questions
without offsets; the pages need pages, per-actor and per-pair views, so those live here.
Everything takes a read-only connection and returns plain dicts (JSON-ready).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..events import plover
from ..store.queries import counts as store_counts
from ..store.queries import fts_query
from ..store.queries import rows as store_rows
from ..store.read import (
    EventFilter,
    QuoteFilter,
    event_conditions,
    event_id_filters,
    quote_conditions,
    quote_id_filters,
)
from ..store.record import article_record
from .first_actors import COLUMNS as FIRST_COLUMNS
from .first_actors import FirstActors

if TYPE_CHECKING:
    from .aggregates import EventArrays

Row = dict[str, Any]

#: PLOVER event types, for validating the ``type`` filter
EVENT_TYPES = plover.TYPES
#: columns the events table can be sorted by (name -> SQL expression)
EVENT_SORTS = {"date": "a.published", "score": "e.score", "type": "e.type",
               "actor": "x1.name", "recipient": "x2.name"}


@dataclass(frozen=True, slots=True)
class Page:
    """A page of results: 1-based ``number`` of ``size`` rows."""

    number: int = 1
    size: int = 50

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.size

    def sql(self) -> str:
        """One more row than the page holds, to tell whether a next page exists."""
        return f" LIMIT {int(self.size) + 1} OFFSET {int(self.offset)}"

    def cut(self, rows: list[Row]) -> dict[str, Any]:
        return {"page": self.number, "per_page": self.size, "has_prev": self.number > 1,
                "has_next": len(rows) > self.size, "items": rows[: self.size]}


def rows(db: sqlite3.Connection, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> list[Row]:
    """Dict rows (:func:`communique.store.queries.rows`; a bad search is about ``q``)."""
    return store_rows(db, sql, params, field="q")


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def date_bounds(db: sqlite3.Connection) -> tuple[str | None, str | None]:
    """The first and last publication dates: two index seeks (SQLite reads one end of
    the date index for a lone ``min()`` or ``max()``, but scans all of it for both in
    one SELECT: 18 ms of CPU at 100,000 articles, on every overview, timeline and
    network request)."""
    row = db.execute("SELECT (SELECT min(published) FROM articles), "
                     "(SELECT max(published) FROM articles)").fetchone()
    return row[0], row[1]


def default_period(db: sqlite3.Connection, since: dt.date | None, until: dt.date | None,
                   days: int) -> tuple[str | None, str | None]:
    """The chosen period, or the last ``days`` of the corpus: aggregations over a whole
    large corpus are slow and rarely what a reader wants first."""
    if since or until:
        return _iso(since), _iso(until)
    _, last = date_bounds(db)
    if not last:
        return None, None
    try:
        end = dt.date.fromisoformat(last[:10])
    except ValueError:
        return None, None
    return (end - dt.timedelta(days=days - 1)).isoformat(), end.isoformat()


# --- overview ------------------------------------------------------------------------------

def overview(db: sqlite3.Connection, since: dt.date | None, until: dt.date | None,
             limit: int = 10, *, arrays: EventArrays, named: bool = False,
             by_country: bool = False) -> Row:
    """Corpus size and dates, latest articles, most active actors and strongest pairs;
    ``named``: proper-name actors only; ``by_country``: actors and pairs grouped by
    their country."""
    first, last = date_bounds(db)
    p_since, p_until = default_period(db, since, until, 90)
    counts = store_counts(db)
    latest = rows(db, "SELECT id, title, published, source FROM articles "
                      "ORDER BY published DESC, id DESC LIMIT ?", [limit])
    where, params = _period("a", p_since, p_until)
    if named or by_country:
        cond = ("x.named = 1" if named else "1") + (" AND x.country IS NOT NULL"
                                                    if by_country else "")
        where_x = (where + " AND " if where else "WHERE ") + cond
        group = "x.country" if by_country else "x.id"
        active = rows(db, f"""
            SELECT {"NULL AS id, x.country AS name, 'country' AS kind" if by_country
                    else "x.id, x.name, x.kind"}, x.country,
                   count(DISTINCT aa.article_id) AS articles
            FROM article_actors aa JOIN articles a ON a.id = aa.article_id
            JOIN actors x ON x.id = aa.actor_id {where_x}
            GROUP BY {group} ORDER BY articles DESC, {group} LIMIT ?""", [*params, limit])
    else:
        active = rows(db, f"""
            SELECT x.id, x.name, x.kind, x.country, n.articles FROM (
                SELECT aa.actor_id, count(*) AS articles FROM article_actors aa
                JOIN articles a ON a.id = aa.article_id {where}
                GROUP BY aa.actor_id ORDER BY articles DESC LIMIT ?) n
            JOIN actors x ON x.id = n.actor_id ORDER BY n.articles DESC, x.name""",
                      [*params, limit])
    edges = regroup(db, named_pairs(db, arrays, p_since, p_until), named=named,
                    by_country=by_country)
    coop = sorted((e for e in edges if e["coop"] > 0), key=lambda e: -e["coop"])[:limit]
    conflict = sorted((e for e in edges if e["conflict"] < 0), key=lambda e: e["conflict"])
    return {"counts": counts, "first_date": first, "last_date": last,
            "period": {"since": p_since, "until": p_until}, "latest_articles": latest,
            "active_actors": active, "cooperative_pairs": coop,
            "conflictual_pairs": conflict[:limit]}


def _period(alias: str, since: str | None, until: str | None) -> tuple[str, list[Any]]:
    where, params = [], []
    if since:
        where.append(f"{alias}.published >= ?")
        params.append(since)
    if until:
        where.append(f"{alias}.published <= ?")
        params.append(until)
    return ("WHERE " + " AND ".join(where) if where else ""), params


# --- pairs and the network ---------------------------------------------------------------

def _actor_names(db: sqlite3.Connection, ids: set[int]) -> dict[int, Row]:
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    return {r["id"]: r for r in rows(db, f"SELECT id, name, country, kind FROM actors "
                                         f"WHERE id IN ({marks})", sorted(ids))}


def named_pairs(db: sqlite3.Connection, arrays: EventArrays, since: str | None,
                until: str | None, *, etype: str | None = None, country: str | None = None,
                limit: int = 1000) -> list[Row]:
    """Actor pairs (unordered: who stands with whom) with summed PLOVER scores, from the
    in-memory arrays: every actor of an event paired with every recipient, negated
    events left out (a denial is not an act); ``coop`` sums positive scores,
    ``conflict`` negative ones, ``score`` both; the ``limit`` strongest pairs by
    absolute score are kept (the SQL reference in the tests gives the same)."""
    found = arrays.pairs(since, until, etype=etype, country=country, limit=limit)
    names = _actor_names(db, {p["a"] for p in found} | {p["b"] for p in found})
    out = []
    for p in found:
        xa, xb = names.get(p["a"], {}), names.get(p["b"], {})
        out.append({"a": p["a"], "a_name": xa.get("name"), "a_country": xa.get("country"),
                    "a_kind": xa.get("kind"), "b": p["b"], "b_name": xb.get("name"),
                    "b_country": xb.get("country"), "b_kind": xb.get("kind"),
                    **{k: p[k] for k in ("score", "coop", "conflict", "events")}})
    return out


def regroup(db: sqlite3.Connection, edges: list[Row], *, named: bool = False,
            by_country: bool = False) -> list[Row]:
    """Pairs of proper-name actors only (``named``), or pairs summed per pair of
    countries (``by_country``, an actor without a country left out)."""
    if not (named or by_country):
        return edges
    ids = {e[s] for e in edges for s in ("a", "b")}
    flag = {r["id"]: r["named"] for r in rows(
        db, f"SELECT id, named FROM actors WHERE id IN ({','.join('?' * len(ids))})",
        sorted(ids))} if ids else {}
    if named:
        edges = [e for e in edges if flag.get(e["a"]) and flag.get(e["b"])]
    if not by_country:
        return edges
    out: dict[tuple[str, str], Row] = {}
    for e in edges:
        a, b = e["a_country"], e["b_country"]
        if not a or not b or a == b:
            continue
        a, b = sorted((a, b))
        g = out.setdefault((a, b), {"a": a, "b": b, "a_name": a, "b_name": b,
                                    "a_country": a, "b_country": b, "a_kind": "country",
                                    "b_kind": "country", "score": 0.0, "coop": 0.0,
                                    "conflict": 0.0, "events": 0})
        for k in ("score", "coop", "conflict", "events"):
            g[k] += e[k]
    return sorted(out.values(), key=lambda e: -abs(e["score"]))


def network(db: sqlite3.Connection, since: dt.date | None, until: dt.date | None, *,
            etype: str | None, country: str | None, limit: int,
            arrays: EventArrays, named: bool = False,
            by_country: bool = False) -> Row:
    """Nodes and edges of the strongest ``limit`` pairs in the period (default: the last
    month of the corpus); ``named`` and ``by_country`` as in :func:`regroup`."""
    p_since, p_until = default_period(db, since, until, 31)
    fetch = limit * 4 if (named or by_country) else limit
    edges = named_pairs(db, arrays, p_since, p_until, etype=etype, country=country,
                        limit=fetch)
    edges = regroup(db, edges, named=named, by_country=by_country)[:limit]
    nodes: dict[int, Row] = {}
    for e in edges:
        for side in ("a", "b"):
            node = nodes.setdefault(e[side], {"id": e[side], "name": e[f"{side}_name"],
                                              "country": e[f"{side}_country"],
                                              "kind": e[f"{side}_kind"], "weight": 0.0})
            node["weight"] += abs(e["score"])
    return {"period": {"since": p_since, "until": p_until}, "type": etype,
            "country": country, "limit": limit, "nodes": list(nodes.values()),
            "edges": [{k: e[k] for k in ("a", "b", "score", "coop", "conflict", "events")}
                      for e in edges]}


_EVENT_COLUMNS = """
    e.id AS event_id, a.published AS date, e.type, e.mode, e.score,
    coalesce(p.quad, 0) AS quad_class, e.trigger, e.negated, e.hypothetical, e.future,
    ea1.actor_id AS actor_id, x1.name AS actor_name, x1.country AS actor_country,
    ea2.actor_id AS recipient_id, x2.name AS recipient_name, x2.country AS recipient_country,
    substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence,
    a.id AS article_id, a.title, a.source"""

_EVENT_JOINS = """
    JOIN articles a ON a.id = e.article_id
    LEFT JOIN event_actors ea1 ON ea1.event_id = e.id AND ea1.role = 'actor'
                              AND ea1.position = 0
    LEFT JOIN article_actors x1 ON x1.article_id = e.article_id AND x1.local_id = ea1.local_id
    LEFT JOIN event_actors ea2 ON ea2.event_id = e.id AND ea2.role = 'recipient'
                              AND ea2.position = 0
    LEFT JOIN article_actors x2 ON x2.article_id = e.article_id AND x2.local_id = ea2.local_id
    LEFT JOIN plover_types p ON p.type = e.type"""


_ARTICLE_JOIN = "JOIN articles a ON a.id = e.article_id"
_NAME_JOINS = _EVENT_JOINS.split("LEFT JOIN plover_types")[0].replace(_ARTICLE_JOIN, "")
#: a SQL fragment that reads the article's columns
_READS_ARTICLE = re.compile(r"\ba\.")
#: the walk: articles newest (or oldest) first by the date index, their events in turn
_WALK = "articles a INDEXED BY articles_published CROSS JOIN events e ON e.article_id = a.id"


#: the event columns with the first actor's and recipient's left NULL, and their joins
_BARE_COLUMNS = _EVENT_COLUMNS
for _c in FIRST_COLUMNS:
    _BARE_COLUMNS = re.sub(rf"\S+ AS {_c}\b", f"NULL AS {_c}", _BARE_COLUMNS)
_BARE_JOINS = _ARTICLE_JOIN + " LEFT JOIN plover_types p ON p.type = e.type"


def _with_first(db: sqlite3.Connection, first: FirstActors, sql: str,
                params: list[Any]) -> list[Row] | None:
    """The rows of ``sql`` (:data:`_BARE_COLUMNS`) with their first actors and
    recipients filled from ``first``, or None if one of the events is not held."""
    cur = db.execute(sql, params)
    names = [c[0] for c in cur.description]
    got = cur.fetchall()
    sides = first.lookup([r[0] for r in got])
    if sides is None:
        return None
    at = names.index(FIRST_COLUMNS[0])
    end = at + len(FIRST_COLUMNS)
    return [dict(zip(names, (*r[:at], *s, *r[end:]), strict=True))
            for r, *s in zip(got, *sides, strict=True)]


#: a filter matching at least this many rows walks the date index instead of sorting
COMMON_MATCHES = 2000


def common(db: sqlite3.Connection, sql: str, params: list[Any]) -> bool:
    """Whether a filter's id subquery yields at least ``COMMON_MATCHES`` rows: then a
    page is found faster by walking the date index than by sorting every match."""
    return rows(db, f"SELECT count(*) AS n FROM ({sql} LIMIT ?)",
                [*params, COMMON_MATCHES])[0]["n"] >= COMMON_MATCHES


def _event_page(db: sqlite3.Connection, conds: list[str], params: list[Any], order: str,
                page: Page, *, names: bool = False, quad: bool = False,
                walk: bool = False, first: FirstActors | None = None) -> list[Row]:
    """Two steps: pick the page's event ids with only the joins the filters and sort
    need, then fetch names and sentences for those rows alone (SQLite would otherwise
    compute every column of every match before sorting). ``walk`` (for a date order and
    common filters) reads events in date order and stops when the page is full.
    ``first``: the first actors and recipients from memory instead of four lookups a
    row (the rows as from SQL, unless an event is not held there)."""
    if walk:
        joins = f"FROM {_WALK}"
    elif any(_READS_ARTICLE.search(c) for c in (*conds, order)):
        joins = f"FROM events e {_ARTICLE_JOIN}"
    else:
        # every event has its article: unjoined, a score or type order is read off its
        # index and stops when the page is full (joined, SQLite sorted every event)
        joins = "FROM events e"
    if names:
        joins += _NAME_JOINS
    if quad:
        joins += " LEFT JOIN plover_types p ON p.type = e.type"
    where = " WHERE " + " AND ".join(conds) if conds else ""
    ids = f"SELECT e.id {joins}{where} ORDER BY {order}{page.sql()}"
    if first is not None and "x1." not in order and "x2." not in order:
        found = _with_first(db, first, f"SELECT {_BARE_COLUMNS} FROM ({ids}) pg JOIN events "
                            f"e ON e.id = pg.id {_BARE_JOINS} ORDER BY {order}", params)
        if found is not None:
            return found
    return rows(db, f"SELECT {_EVENT_COLUMNS} FROM ({ids}) pg JOIN events e ON e.id = pg.id "
                    f"{_EVENT_JOINS} ORDER BY {order}", params)


def _events_by_id(db: sqlite3.Connection, ids: list[int]) -> list[Row]:
    """Full event rows for ids already in page order (date, id descending)."""
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    return rows(db, f"SELECT {_EVENT_COLUMNS} FROM events e {_EVENT_JOINS} "
                    f"WHERE e.id IN ({marks}) ORDER BY a.published DESC, e.id DESC", ids)


def edge_events(db: sqlite3.Connection, a: int, b: int, since: dt.date | None,
                until: dt.date | None, etype: str | None, page: Page, *,
                arrays: EventArrays) -> Row:
    """The non-negated events behind one network edge (either direction), newest first."""
    p_since, p_until = default_period(db, since, until, 31)
    found = _events_by_id(db, arrays.edge_events(a, b, p_since, p_until, etype,
                                                 page.offset, page.size + 1))
    names = {r["id"]: r["name"] for r in rows(
        db, "SELECT id, name FROM actors WHERE id IN (?, ?)", [a, b])}
    return {"a": a, "b": b, "a_name": names.get(a), "b_name": names.get(b),
            "period": {"since": p_since, "until": p_until}, **page.cut(found)}


# --- events table ------------------------------------------------------------------------

def events(db: sqlite3.Connection, f: EventFilter | None = None, *, sort: str = "date",
           order: str = "desc", page: Page = Page(), first: FirstActors | None = None,
           within: list[int] | None = None) -> Row:
    """Events matching ``f`` (:func:`communique.store.read.event_conditions`, the CLI's
    filter; None: every event) with their first actor and recipient (from ``first``
    when given), sorted and paginated. ``within``: ids known to hold every match (from
    memory, for a rare country), looked up instead of walking the date index."""
    f = f or EventFilter()
    by_actor = event_id_filters(f)
    sides = bool(f.country or f.actor_country or f.recipient_country)
    others = f.type or sides or f.quad is not None or f.counted or f.per_story
    # walk unless an actor filter is rare, or is combined with others (an intersection
    # of common filters can be rare, and a walk would then read most of the table)
    walk = within is None and sort == "date" and (not by_actor or (
        len(by_actor) == 1 and not others and common(db, *by_actor[0])))
    # walking, the events of each article are found by article id; a "+" keeps SQLite
    # from looking them up by type or id list instead (once per article: a full scan)
    conds = event_conditions(f, plus="+" if walk else "", joined=True)
    if within is not None:
        conds.append(("e.id IN (SELECT value FROM json_each(?))", [json.dumps(within)]))
    direction = "ASC" if order == "asc" else "DESC"
    return page.cut(_event_page(
        db, [c for c, _ in conds], [p for _, ps in conds for p in ps],
        f"{EVENT_SORTS[sort]} {direction}, e.id {direction}", page,
        names=sides or sort in ("actor", "recipient"), quad=f.quad is not None,
        walk=walk, first=first))


# --- quotes ------------------------------------------------------------------------------

_QUOTE_COLUMNS = """
    q.id AS quote_id, q.local_id, q.kind, q.content, q.cue, a.published AS date,
    a.id AS article_id, a.title, a.source"""


def _speakers(db: sqlite3.Connection, found: list[Row]) -> list[Row]:
    """Each quote's ``speakers`` (``[{"id", "name"}]`` in speaker order), read for the
    whole page in one query (a JSON array built per quote in SQL and parsed per row in
    Python cost more than the quotes themselves on a 1000-row download)."""
    if not found:
        return found
    by_quote: dict[int, list[Row]] = {r["quote_id"]: [] for r in found}
    for qid, aid, name in db.execute(
            "SELECT qs.quote_id, x.id, x.name FROM quote_speakers qs "
            "JOIN actors x ON x.id = qs.actor_id "
            "WHERE qs.quote_id IN (SELECT value FROM json_each(?)) "
            "ORDER BY qs.quote_id, qs.position", (json.dumps(list(by_quote)),)):
        by_quote[qid].append({"id": aid, "name": name})
    for r in found:
        r["speakers"] = by_quote[r["quote_id"]]
    return found


def quotes_by_id(db: sqlite3.Connection, ids: list[int]) -> list[Row]:
    """Quote rows for ids already in page order (date, id descending)."""
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    return _speakers(db, rows(db, f"SELECT {_QUOTE_COLUMNS} FROM quotes q JOIN articles a "
                              f"ON a.id = q.article_id WHERE q.id IN ({marks}) "
                              "ORDER BY a.published DESC, q.id DESC", ids))


def quotes(db: sqlite3.Connection, f: QuoteFilter | None = None, *, page: Page = Page(),
           arrays: EventArrays | None = None) -> Row:
    """Quotes matching ``f`` (:func:`communique.store.read.quote_conditions`, the CLI's
    filter), newest first.

    Two plans: few matches (a rare word, one speaker) are sorted by date outright; many
    (a common word, no search) are found by walking the date index from the newest
    article and stop when the page is full, instead of sorting every match.
    """
    f = f or QuoteFilter()
    if arrays is not None and f.speaker_id is not None and not (
            f.search or f.speaker or f.since or f.until or f.kind):
        return page.cut(quotes_by_id(db, arrays.speaker_quotes(f.speaker_id, page.offset,
                                                               page.size + 1)))
    # walk for no filter or one common filter; several filters together can match
    # few rows even when each matches many, so they are intersected and sorted
    filters = quote_id_filters(f)
    walk = not filters or (len(filters) == 1
                           and common(db, filters[0][0], filters[0][1]))
    where = quote_conditions(f, plus="+" if walk else "")
    conds = [c for c, _ in where]
    params = [p for _, ps in where for p in ps]
    order = " ORDER BY a.published DESC, q.id DESC"
    source = ("articles a INDEXED BY articles_published CROSS JOIN quotes q "
              "ON q.article_id = a.id" if walk
              else "quotes q JOIN articles a ON a.id = q.article_id")
    ids = (f"SELECT q.id FROM {source}"
           + (" WHERE " + " AND ".join(conds) if conds else "") + order + page.sql())
    sql = (f"SELECT {_QUOTE_COLUMNS} FROM ({ids}) pg JOIN quotes q ON q.id = pg.id "
           "JOIN articles a ON a.id = q.article_id" + order)
    found = rows(db, sql, params)
    return page.cut(_speakers(db, found))


# --- articles ----------------------------------------------------------------------------

#: marks around the matched words of a search snippet (control characters, which the
#: page escapes around and turns into <mark>; never in stored text after normalisation)
HIT_START, HIT_END = "\x02", "\x03"


def articles(db: sqlite3.Connection, *, q: str | None = None, source: str | None = None,
             story: int | None = None, since: dt.date | None = None,
             until: dt.date | None = None, page: Page = Page()) -> Row:
    """Articles matching a full-text query (title and text) and filters, newest first,
    with their counts of actors, quotes and events and, for a search, a snippet around
    the matched words. The same two plans as :func:`quotes`: a common word or no search
    walks the date index, a rare one sorts its matches."""
    where, params = _period("a", _iso(since), _iso(until))
    conds = [where[6:]] if where else []
    search = "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?"
    match = fts_query(q) if q else None
    walk = match is None or common(db, search, [match])
    if match is not None:
        conds.append(f"{'+' if walk else ''}a.id IN ({search})")
        params.append(match)
    if source:
        conds.append("a.source = ?")
        params.append(source)
    if story is not None:
        conds.append("a.story_id = ?")
        params.append(story)
    order = " ORDER BY a.published DESC, a.id DESC"
    table = "articles a INDEXED BY articles_published" if walk and story is None \
        else "articles a"
    ids = (f"SELECT a.id FROM {table}"
           + (" WHERE " + " AND ".join(conds) if conds else "") + order + page.sql())
    found = rows(db, "SELECT a.id, a.title, a.published, a.source, a.url, a.story_id, "
                     "(SELECT count(*) FROM article_actors aa WHERE aa.article_id = a.id)"
                     " AS actors, "
                     "(SELECT count(*) FROM quotes x WHERE x.article_id = a.id) AS quotes, "
                     "(SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events "
                     f"FROM ({ids}) pg JOIN articles a ON a.id = pg.id" + order, params)
    if match is not None and found:
        marks = ",".join("?" * len(found))
        snippets = {r["rowid"]: r["s"] for r in rows(
            db, "SELECT rowid, snippet(articles_fts, -1, ?, ?, ' … ', 24) AS s "
            f"FROM articles_fts WHERE articles_fts MATCH ? AND rowid IN ({marks})",
            [HIT_START, HIT_END, match, *(r["id"] for r in found)])}
        for r in found:
            snippet = (snippets.get(r["id"]) or "").replace("\n", " ")
            r["snippet"], r["snippet_hits"] = _hits(snippet)
    return page.cut(found)


def _hits(marked: str) -> tuple[str, list[list[int]]]:
    """A snippet without its marks, and the [start, end) offsets the marks enclosed."""
    text, hits, start = [], [], None
    pos = 0
    for ch in marked:
        if ch == HIT_START:
            start = pos
        elif ch == HIT_END and start is not None:
            hits.append([start, pos])
            start = None
        else:
            text.append(ch)
            pos += 1
    return "".join(text), hits


# --- one article -------------------------------------------------------------------------

def article(db: sqlite3.Connection, article_id: int) -> Row | None:
    """An article's metadata and record, with canonical actor ids for its local ones."""
    record = article_record(db, article_id)
    if record is None:
        return None
    meta = rows(db, "SELECT id, title, url, source, published, story_id FROM articles "
                    "WHERE id = ?", [article_id])[0]
    local = {r["local_id"]: r["actor_id"] for r in rows(
        db, "SELECT local_id, actor_id FROM article_actors WHERE article_id = ?",
        [article_id])}
    copies = db.execute("SELECT count(*) FROM articles WHERE story_id = ?",
                        (meta["story_id"],)).fetchone()[0]
    return {**meta, "story_copies": copies, "actor_ids": local, "record": record}
