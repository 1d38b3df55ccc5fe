"""Who acted on whom: the network page, its graph as JSON and the events behind an edge
(as JSON, CSV and JSON Lines)."""

import sqlite3
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from .. import queries as Q
from ..formats import FileFormat, download, respond
from ..params import (
    MAX_ID,
    Db,
    EdgeLimit,
    FilePage,
    Group,
    Named,
    NetworkFilters,
    PageNo,
    PerPage,
    Raw,
    arrays,
    network_filters,
)
from ..response_cache import cached_response

router = APIRouter()
Filters = Annotated[NetworkFilters, Depends(network_filters)]


@router.get("/api/network", tags=["network"], summary="Actor network")
def api_network(request: Request, db: Db, f: Filters, limit: EdgeLimit = 200,
                named: Named = False, group: Group = "actor") -> Response:
    """Actors as nodes; an edge per pair that acted on each other, weighted by the
    summed PLOVER scores of their events (``coop`` positive, ``conflict`` negative).
    The period defaults to the last month of the corpus."""
    return cached_response(request, db, lambda: respond(request, "json", Q.network(
        db, f.since, f.until, etype=f.type, country=f.country, limit=limit,
        arrays=arrays(request, db), named=named, by_country=group == "country")))


ActorA = Annotated[int, Query(ge=1, le=MAX_ID, description="One actor of the edge.")]
ActorB = Annotated[int, Query(ge=1, le=MAX_ID, description="The other actor.")]


def edge_data(request: Request, db: sqlite3.Connection, f: NetworkFilters, a: int, b: int,
              p: int, per_page: int) -> dict[str, Any]:
    return Q.edge_events(db, a, b, f.since, f.until, f.type, Q.Page(p, per_page),
                         arrays=arrays(request, db))


@router.get("/api/network/edge", tags=["network"], summary="Events behind an edge")
def api_edge(request: Request, db: Db, f: Filters, a: ActorA, b: ActorB,
             page: PageNo = 1, per_page: PerPage = 50) -> Response:
    """The events between actors ``a`` and ``b`` (either direction) in the period."""
    return cached_response(request, db, lambda: respond(
        request, "json", edge_data(request, db, f, a, b, page, per_page)))


def _file(request: Request, fmt: FileFormat, db: sqlite3.Connection, f: NetworkFilters,
          a: int, b: int, p: int, per_page: int, raw: bool = False) -> Response:
    return download(request, fmt, lambda: edge_data(request, db, f, a, b, p, per_page),
                    name=f"edge-{a}-{b}", raw=raw, empty=("event_id",), nested=())


@router.get("/api/network/edge.csv", tags=["network"], summary="An edge's events as CSV",
            response_class=Response)
def api_edge_csv(request: Request, db: Db, f: Filters, a: ActorA, b: ActorB,
                 page: PageNo = 1, per_page: FilePage = 1000, raw: Raw = False) -> Response:
    """The same rows as ``/api/network/edge`` as a CSV download, up to 10,000 per page;
    cells a spreadsheet would run as a formula get an apostrophe."""
    return _file(request, "csv", db, f, a, b, page, per_page, raw)


@router.get("/api/network/edge.jsonl", tags=["network"],
            summary="An edge's events as JSON Lines", response_class=Response)
def api_edge_jsonl(request: Request, db: Db, f: Filters, a: ActorA, b: ActorB,
                   page: PageNo = 1, per_page: FilePage = 1000) -> Response:
    """The same rows as ``/api/network/edge``, one JSON object a line, up to 10,000 per
    page."""
    return _file(request, "jsonl", db, f, a, b, page, per_page)


@router.get("/network", include_in_schema=False)
def network_page(request: Request, db: Db, f: Filters, limit: EdgeLimit = 200,
                 named: Named = False, group: Group = "actor") -> Response:
    if not request.url.query:  # the first visit: named actors only (the form says so)
        named = True
    since, until = Q.default_period(db, f.since, f.until, 31)
    api = "/api/network?" + urlencode({k: v for k, v in {
        "since": since, "until": until, "type": f.type, "country": f.country,
        "limit": limit, "named": "true" if named else None,
        "group": group if group != "actor" else None}.items() if v})
    return respond(request, "page", {}, template="network.html", extra={
        "f": f, "since": since, "until": until, "api": api, "types": Q.EVENT_TYPES,
        "named": named, "group": group})
