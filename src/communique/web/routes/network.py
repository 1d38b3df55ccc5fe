"""Who acted on whom: the network page, its graph as JSON and the events behind an edge."""

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from .. import queries as Q
from ..formats import respond
from ..params import (
    MAX_ID,
    Db,
    EdgeLimit,
    Group,
    Named,
    NetworkFilters,
    PageNo,
    PerPage,
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


@router.get("/api/network/edge", tags=["network"], summary="Events behind an edge")
def api_edge(request: Request, db: Db, f: Filters,
             a: Annotated[int, Query(ge=1, le=MAX_ID)],
             b: Annotated[int, Query(ge=1, le=MAX_ID)],
             page: PageNo = 1, per_page: PerPage = 50) -> Response:
    """The events between actors ``a`` and ``b`` (either direction) in the period."""
    return cached_response(request, db, lambda: respond(request, "json", Q.edge_events(
        db, a, b, f.since, f.until, f.type, Q.Page(page, per_page),
        arrays=arrays(request, db))))


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
