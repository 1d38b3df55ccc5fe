"""The overview's corpus timeline and article headings.

``timeline``: events per day (a period up to 62 days) or per ISO week, split by quad
class, each bucket with the ``since``/``until`` of its period so the page links it to
that period's events. ``headings``: for articles without a title, their first
sentence, shortened, so no page shows "article 17" where the text says more.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from typing import TYPE_CHECKING, Any

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
    from the in-memory ``arrays`` when given (the web app), else in SQL."""
    if arrays is not None:
        return _buckets([(dt.date.fromordinal(d), q, n)
                         for d, q, n in arrays.facets.day_quads(since, until)], since, until)
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


def _buckets(days: list[tuple[dt.date, int, int]], since: str | None,
             until: str | None) -> Row:
    if not days:
        return {"unit": "day", "buckets": [], "max": 0}
    first = dt.date.fromisoformat(since) if since else min(d for d, _, _ in days)
    last = dt.date.fromisoformat(until) if until else max(d for d, _, _ in days)
    unit = "day" if (last - first).days < DAILY_UP_TO else "week"

    def start(d: dt.date) -> dt.date:
        return d if unit == "day" else d - dt.timedelta(days=d.weekday())

    step = dt.timedelta(days=1 if unit == "day" else 7)
    buckets: dict[dt.date, list[int]] = {}
    k = start(first)
    while k <= last:  # every bucket, empty ones too
        buckets[k] = [0, 0, 0, 0, 0]
        k += step
    for d, quad, n in days:
        if first <= d <= last:
            buckets.setdefault(start(d), [0, 0, 0, 0, 0])[min(max(quad, 0), 4)] += n
    out = []
    for k, counts in sorted(buckets.items()):
        end = min(k + step - dt.timedelta(days=1), last)
        out.append({"start": k.isoformat(), "since": max(k, first).isoformat(),
                    "until": end.isoformat(), "quads": counts, "events": sum(counts)})
    return {"unit": unit, "buckets": out, "max": max(b["events"] for b in out)}


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


def fill_headings(db: sqlite3.Connection, data: Any) -> None:
    """Set ``heading`` on every row of ``data`` (nested dicts and lists) that has a
    ``title`` key without a title: the article is ``article_id``, else ``id``."""
    rows: list[tuple[Row, int]] = []

    def walk(x: Any, depth: int = 0) -> None:
        if depth > 4:
            return
        if isinstance(x, dict):
            if "title" in x and not x["title"]:
                aid = x.get("article_id", x.get("id"))
                if isinstance(aid, int):
                    rows.append((x, aid))
            for v in x.values():
                if isinstance(v, dict | list):
                    walk(v, depth + 1)
        elif isinstance(x, list):
            for v in x:
                walk(v, depth + 1)

    walk(data)
    found = headings(db, {aid for _, aid in rows})
    for row, aid in rows:
        if aid in found:
            row["heading"] = found[aid]


__all__ = ["fill_headings", "headings", "shorten", "timeline"]
