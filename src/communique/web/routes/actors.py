"""Actors: the list (with CSV / JSONL downloads) and one actor's page (roles, quotes,
events, timeline, partners)."""

import sqlite3
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response

from ...store.read import ActorFilter
from .. import actor_queries as QA
from .. import queries as Q
from ..facets import actor_kinds, actors_of_kind
from ..formats import FileFormat, download, respond
from ..params import (
    ActorQ,
    Country,
    Db,
    FilePage,
    HtmlPage,
    PageNo,
    PerPage,
    Raw,
    Role,
    RowId,
    arrays,
    marker,
)
from ..render import timeline_chart
from ..response_cache import cached_response

router = APIRouter()


Kind = Annotated[str | None, Query(max_length=40, pattern="^[a-z_]*$", description=(
    "Actor kind, e.g. person, state, organization (as the list's kind column)."))]


def actors_data(request: Request, db: sqlite3.Connection, q: str | None,
                country: str | None, p: int, per_page: int,
                kind: str | None = None) -> dict[str, Any]:
    country = country.upper() if country else None
    page = Q.Page(p, per_page)
    if kind is None:
        out = QA.actors(db, ActorFilter(name=q, country=country), page=page)
    else:
        out = page.cut(actors_of_kind(db, q, country, kind, page.offset, page.size,
                                      arrays(request, db)))
    out["kinds"] = actor_kinds(db, q, country)
    return out


@router.get("/api/actors", tags=["actors"], summary="Find actors")
def api_actors(request: Request, db: Db, q: ActorQ = None, country: Country = None,
               kind: Kind = None, page: PageNo = 1, per_page: PerPage = 50) -> Response:
    """Actors whose canonical name contains ``q``, most present first; ``kinds``: how
    many actors of each kind match ``q`` and ``country``."""
    return respond(request, "json", actors_data(request, db, q, country, page, per_page,
                                                kind))


def _file(request: Request, fmt: FileFormat, db: sqlite3.Connection, q: str | None,
          country: str | None, kind: str | None, p: int, per_page: int,
          raw: bool = False) -> Response:
    return download(request, fmt, lambda: actors_data(request, db, q, country, p, per_page,
                                                      kind), name="actors", raw=raw, nested=())


@router.get("/api/actors.csv", tags=["actors"], summary="Actors as CSV",
            response_class=Response)
def api_actors_csv(request: Request, db: Db, q: ActorQ = None, country: Country = None,
                   kind: Kind = None, page: PageNo = 1, per_page: FilePage = 1000,
                   raw: Raw = False) -> Response:
    """The same rows as ``/api/actors`` as a CSV download, up to 10,000 per page; cells
    a spreadsheet would run as a formula get an apostrophe."""
    return _file(request, "csv", db, q, country, kind, page, per_page, raw)


@router.get("/api/actors.jsonl", tags=["actors"], summary="Actors as JSON Lines",
            response_class=Response)
def api_actors_jsonl(request: Request, db: Db, q: ActorQ = None, country: Country = None,
                     kind: Kind = None, page: PageNo = 1,
                     per_page: FilePage = 1000) -> Response:
    """The same rows as ``/api/actors``, one JSON object a line, up to 10,000 per page."""
    return _file(request, "jsonl", db, q, country, kind, page, per_page)


@router.get("/actors", include_in_schema=False)
def actors_page(request: Request, db: Db, q: ActorQ = None, country: Country = None,
                kind: Kind = None, page_no: HtmlPage = 1, per_page: PerPage = 50) -> Response:
    return respond(request, "page",
                   actors_data(request, db, q, country, page_no, per_page, kind),
                   template="actors.html")


def actor_data(request: Request, db: sqlite3.Connection, actor_id: int, role: str, p: int,
               per_page: int) -> dict[str, Any]:
    """The summary (whole-history aggregates) is cached until the store grows."""
    summaries: dict[tuple[Any, ...], dict[str, Any] | None] = request.app.state.summaries
    key = (actor_id, *marker(db))
    if key not in summaries:
        if len(summaries) >= 512:
            summaries.pop(next(iter(summaries)), None)
        summaries[key] = QA.actor_summary(db, actor_id, arrays=arrays(request, db))
    found = QA.actor(db, actor_id, role=role, page=Q.Page(p, per_page),
                    summary=summaries[key], arrays=arrays(request, db)) \
        if summaries[key] else None
    if found is None:
        raise HTTPException(404, f"no actor {actor_id}")
    return found


@router.get("/api/actors/{actor_id}", tags=["actors"], summary="One actor")
def api_actor(request: Request, db: Db, actor_id: RowId, role: Role = "actor",
              page: PageNo = 1, per_page: PerPage = 50) -> Response:
    """Roles over time, latest quotes, events as actor or recipient (paginated),
    monthly cooperation and conflict (summed PLOVER scores), partners and
    adversaries."""
    return cached_response(request, db, lambda: respond(
        request, "json", actor_data(request, db, actor_id, role, page, per_page)))


@router.get("/actors/{actor_id}", include_in_schema=False)
def actor_page(request: Request, db: Db, actor_id: RowId, role: Role = "actor",
               page_no: HtmlPage = 1, per_page: PerPage = 50) -> Response:
    a = actor_data(request, db, actor_id, role, page_no, per_page)
    return respond(request, "page", a, template="actor.html", key="a",
                   extra={"chart": timeline_chart(a["timeline"])})
