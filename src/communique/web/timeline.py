"""The overview's corpus timeline and article headings.

``timeline``: events per day (a period up to 62 days) or per ISO week, split by quad
class, each bucket with the ``since``/``until`` of its period so the page links it to
that period's events. ``headings``: for articles without a title, their first
sentence, shortened, so no page, JSON twin or download shows "article 17" (or nothing)
where the text says more.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from .aggregates import EventArrays

Row = dict[str, Any]

#: a period up to this many days is shown per day, a longer one per week
DAILY_UP_TO = 62
#: a heading is cut at this many characters (at a word boundary, with an ellipsis)
HEADING_CHARS = 80

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[A-Z\"“‘(])")


def timeline(db: sqlite3.Connection, since: str | None, until: str | None,
             arrays: EventArrays | None = None) -> Row:
    """Events per bucket between ``since`` and ``until`` (ISO dates, inclusive) by
    quad class (0 none, 1-4 PLOVER's verbal/material cooperation/conflict); counted
    from the in-memory ``arrays`` when given (the web app: a few binary searches per
    bucket, so a year costs as little as a week), else in SQL (the tests' reference)."""
    if arrays is not None:
        span = arrays.facets.span(since, until)
        if span is None:
            return _empty()
        first, last = _bounds(since, until, dt.date.fromordinal(span[0]),
                              dt.date.fromordinal(span[1]))
        unit, starts = _frame(first, last)
        edges = np.array([max(k, first).toordinal() for k in starts]
                         + [last.toordinal() + 1], np.int64)
        counts = arrays.facets.quad_counts(edges).tolist()
        return _rows(unit, starts, counts, first, last)
    conds, params = ["a.published IS NOT NULL"], []
    if since:
        conds.append("a.published >= ?")
        params.append(since)
    if until:
        conds.append("a.published <= ?")
        params.append(until)
    found = db.execute(
        "SELECT substr(a.published, 1, 10) AS day, coalesce(p.quad, 0), count(*) "
        "FROM events e JOIN articles a ON a.id = e.article_id "
        "LEFT JOIN plover_types p ON p.type = e.type "
        f"WHERE {' AND '.join(conds)} GROUP BY day, 2", params).fetchall()
    days = []
    for day, quad, n in found:
        try:
            days.append((dt.date.fromisoformat(day), int(quad), n))
        except ValueError:  # a stored date the calendar lacks: left out
            continue
    return _buckets(days, since, until)


def _empty() -> Row:
    return {"unit": "day", "buckets": [], "max": 0}


def _bounds(since: str | None, until: str | None, lo: dt.date,
            hi: dt.date) -> tuple[dt.date, dt.date]:
    """The timeline's first and last day: the period's, else its events' (lo, hi)."""
    return (dt.date.fromisoformat(since) if since else lo,
            dt.date.fromisoformat(until) if until else hi)


def _frame(first: dt.date, last: dt.date) -> tuple[str, list[dt.date]]:
    """The unit (day, or week for a period of ``DAILY_UP_TO`` days or more) and the
    first day of every bucket from ``first`` to ``last``, empty ones too (a week
    starts on Monday, so the first may begin before ``first``)."""
    unit = "day" if (last - first).days < DAILY_UP_TO else "week"
    k = first if unit == "day" else first - dt.timedelta(days=first.weekday())
    step = dt.timedelta(days=1 if unit == "day" else 7)
    starts = []
    while k <= last:
        starts.append(k)
        k += step
    return unit, starts


def _rows(unit: str, starts: list[dt.date], counts: list[list[int]], first: dt.date,
          last: dt.date) -> Row:
    step = dt.timedelta(days=1 if unit == "day" else 7)
    out = []
    for k, quads in zip(starts, counts, strict=True):
        end = min(k + step - dt.timedelta(days=1), last)
        out.append({"start": k.isoformat(), "since": max(k, first).isoformat(),
                    "until": end.isoformat(), "quads": [int(n) for n in quads],
                    "events": int(sum(quads))})
    return {"unit": unit, "buckets": out, "max": max((b["events"] for b in out), default=0)}


def _buckets(days: list[tuple[dt.date, int, int]], since: str | None,
             until: str | None) -> Row:
    if not days:
        return _empty()
    first, last = _bounds(since, until, min(d for d, _, _ in days),
                          max(d for d, _, _ in days))
    unit, starts = _frame(first, last)
    at = {k: i for i, k in enumerate(starts)}
    counts = [[0, 0, 0, 0, 0] for _ in starts]
    for d, quad, n in days:
        if first <= d <= last:
            k = d if unit == "day" else d - dt.timedelta(days=d.weekday())
            counts[at[k]][min(max(quad, 0), 4)] += n
    return _rows(unit, starts, counts, first, last)


def shorten(text: str, limit: int = HEADING_CHARS) -> str:
    """The first sentence of ``text``, cut at a word boundary near ``limit``."""
    first = _SENTENCE_END.split(" ".join(text.split()), maxsplit=1)[0]
    if len(first) <= limit:
        return first
    cut = first[:limit].rsplit(" ", 1)[0].rstrip(",;:—-")
    return cut + "…"


def headings(db: sqlite3.Connection, ids: set[int]) -> dict[int, str]:
    """A heading for each untitled article of ``ids``: its first sentence, shortened."""
    ids = {i for i in ids if isinstance(i, int)}
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    return {i: shorten(t) for i, t in db.execute(
        f"SELECT id, substr(text, 1, 600) FROM articles WHERE id IN ({marks}) "
        "AND (title IS NULL OR title = '')", sorted(ids)) if t and t.strip()}


def fill_headings(db: sqlite3.Connection, data: Any, *, flat: bool = False) -> None:
    """Set ``heading`` on every row of ``data`` (nested dicts and lists) that has a
    ``title`` key and an article id (``article_id``, else ``id``): the title, or for an
    untitled article its first sentence, shortened (None if it has no text). An
    article's analysis record (``record``) is left as stored. ``flat``: ``data`` is a
    list of flat rows (a download's), only they are looked at."""
    rows: list[tuple[Row, Any]] = []

    def walk(x: Any, depth: int = 0) -> None:
        if depth > 4:
            return
        if isinstance(x, dict):
            if "title" in x and isinstance(aid := x.get("article_id", x.get("id")), int):
                rows.append((x, aid))
            for k, v in x.items():
                if isinstance(v, dict | list) and k != "record":  # the contract, as is
                    walk(v, depth + 1)
        elif isinstance(x, list):
            for v in x:
                walk(v, depth + 1)

    if flat:
        if not data or "title" not in data[0]:
            return
        rows = [(r, r.get("article_id", r.get("id"))) for r in data if "title" in r]
    else:
        walk(data)
    found = headings(db, {aid for row, aid in rows if not row["title"]})
    for row, aid in rows:
        row["heading"] = row["title"] or found.get(aid)


__all__ = ["fill_headings", "headings", "shorten", "timeline"]
