"""The corpus overview (``/`` and ``/api/overview``)."""

import datetime as dt
import sqlite3
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from .. import queries as Q
from ..formats import Format, as_json, respond
from ..params import Db, Group, Named, Since, Until, arrays, cached, marker, period_ok
from ..timeline import timeline

router = APIRouter()


def overview_data(request: Request, db: sqlite3.Connection, since: dt.date | None,
                  until: dt.date | None, named: bool = False,
                  group: str = "actor") -> dict[str, Any]:
    """Cached until the store grows: its counts and rankings scan whole tables."""
    period_ok(since, until)
    cache: dict[tuple[Any, ...], tuple[Any, dict[str, Any]]] = request.app.state.overviews
    mark = marker(db)
    ck = (since, until, named, group)
    hit = cache.get(ck)
    if hit is not None and hit[0] == mark:
        return hit[1]
    data = Q.overview(db, since, until, arrays=arrays(request, db), named=named,
                      by_country=group == "country")
    data["named"], data["group"] = named, group
    if len(cache) >= 64:
        cache.pop(next(iter(cache)), None)
    cache[ck] = (mark, data)
    return data


def timeline_data(request: Request, db: sqlite3.Connection, since: dt.date | None,
                  until: dt.date | None) -> dict[str, Any]:
    """The timeline of the overview's period (default: its last 90 days), cached."""
    period_ok(since, until)
    p_since, p_until = Q.default_period(db, since, until, 90)
    return cached(request, db, ("timeline", p_since, p_until),
                  lambda: timeline(db, p_since, p_until, arrays(request, db)))


def _serve(fmt: Format, request: Request, db: sqlite3.Connection, since: dt.date | None,
           until: dt.date | None, named: bool, group: str) -> Any:
    extra = {"timeline": timeline_data(request, db, since, until)} if fmt == "page" else {}
    return respond(request, fmt, overview_data(request, db, since, until, named, group),
                   template="overview.html", key="o", extra=extra)


@router.get("/api/overview/timeline", tags=["overview"], summary="Corpus timeline")
def api_timeline(request: Request, db: Db, since: Since = None,
                 until: Until = None) -> Response:
    """Events per day (a period up to 62 days) or per week (Monday first) in the period
    (default: the last 90 days of the corpus), each bucket with its events by quad class
    (``quads[0]`` none, 1 verbal cooperation .. 4 material conflict) and the ``since`` /
    ``until`` of its period, for a link to those events."""
    return as_json(timeline_data(request, db, since, until))


@router.get("/api/overview", tags=["overview"], summary="Corpus overview")
def api_overview(request: Request, db: Db, since: Since = None, until: Until = None,
                 named: Named = False, group: Group = "actor") -> Response:
    """Corpus size and date range, latest articles, most active actors and the
    strongest cooperative and conflictual pairs in the period (default: the last
    90 days of the corpus); ``named`` keeps proper-name actors only, ``group=country``
    sums actors and pairs per country."""
    return _serve("json", request, db, since, until, named, group)


@router.get("/", include_in_schema=False)
def overview_page(request: Request, db: Db, since: Since = None, until: Until = None,
                  named: Named = False, group: Group = "actor") -> Response:
    return _serve("page", request, db, since, until, named, group)
