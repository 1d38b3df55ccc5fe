"""Events: the filterable table, its JSON twin and CSV / JSONL downloads."""

import sqlite3
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from .. import queries as Q
from ..facets import event_facets
from ..formats import FileFormat, Format, as_json, download, respond
from ..params import (
    Db,
    EventFilters,
    FilePage,
    HtmlPage,
    PageNo,
    PerPage,
    Raw,
    arrays,
    cached,
    event_filters,
    marker,
)

router = APIRouter()
Filters = Annotated[EventFilters, Depends(event_filters)]
#: at most this many events of a rare country are looked up by id; more, and the list
#: walks the date index (a common country fills a page within a few hundred events)
SIDE_IDS_CAP = 20_000


def events_data(request: Request, db: sqlite3.Connection, f: EventFilters, p: int,
                per_page: int) -> dict[str, Any]:
    """A page of events, the first actors and recipients from the arrays when they are
    those of the store as it is (not while a reload after an ingest is under way)."""
    held = arrays(request, db)
    current = held.marker == marker(db)
    within = (held.facets.side_ids(f, SIDE_IDS_CAP)
              if current and f.sort == "date" else None)
    return Q.events(db, f, sort=f.sort, order=f.order, page=Q.Page(p, per_page),
                    first=held.facets.first if current else None, within=within)


def facets_data(request: Request, db: sqlite3.Connection, f: EventFilters) -> dict[str, Any]:
    """Facet counts of the filters (the sort aside), cached until the store grows."""
    key = ("events", f.since, f.until, f.type, f.actor, f.country, f.quad, f.mode,
           f.actor_country, f.recipient_country)
    return cached(request, db, key, lambda: event_facets(db, f, arrays(request, db)))


def _serve(request: Request, fmt: Format, db: sqlite3.Connection, f: EventFilters, p: int,
           per_page: int) -> Response:
    extra = {"f": f, "types": Q.EVENT_TYPES}
    if fmt == "page":
        extra["facets"] = facets_data(request, db, f)
    return respond(request, fmt, events_data(request, db, f, p, per_page), template="events.html",
                   extra=extra)


def _file(request: Request, fmt: FileFormat, db: sqlite3.Connection, f: EventFilters, p: int,
          per_page: int, raw: bool = False) -> Response:
    return download(request, fmt, lambda: events_data(request, db, f, p, per_page),
                    name="events", raw=raw, empty=("event_id",), nested=())


@router.get("/api/events", tags=["events"], summary="Events table")
def api_events(request: Request, db: Db, f: Filters, page: PageNo = 1,
               per_page: PerPage = 50) -> Response:
    """Events with first actor and recipient, filtered, sorted, paginated."""
    return _serve(request, "json", db, f, page, per_page)


@router.get("/api/events.csv", tags=["events"], summary="Events as CSV",
            response_class=Response)
def api_events_csv(request: Request, db: Db, f: Filters, page: PageNo = 1,
                   per_page: FilePage = 1000, raw: Raw = False) -> Response:
    """The same rows as ``/api/events`` as a CSV download, up to 10,000 per page;
    text cells a spreadsheet would take for a formula get a leading apostrophe."""
    return _file(request, "csv", db, f, page, per_page, raw)


@router.get("/api/events.jsonl", tags=["events"], summary="Events as JSON Lines",
            response_class=Response)
def api_events_jsonl(request: Request, db: Db, f: Filters, page: PageNo = 1,
                     per_page: FilePage = 1000) -> Response:
    """The same rows as ``/api/events``, one JSON object a line, up to 10,000 per page."""
    return _file(request, "jsonl", db, f, page, per_page)


@router.get("/api/events/facets", tags=["events"], summary="Event facet counts")
def api_event_facets(request: Request, db: Db, f: Filters) -> Response:
    """How many events of the filters fall under each type, quad class, mode, actor
    (either side), country (first actor or recipient), actor country (first actor)
    and recipient country (first recipient), with the negated,
    hypothetical and future counts: the counts the events page shows beside the list."""
    return as_json(facets_data(request, db, f))


@router.get("/events", include_in_schema=False)
def events_page(request: Request, db: Db, f: Filters, page_no: HtmlPage = 1,
                per_page: PerPage = 50) -> Response:
    return _serve(request, "page", db, f, page_no, per_page)
