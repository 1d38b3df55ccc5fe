"""Quotes: full-text search by speaker and date, its JSON twin and CSV / JSONL downloads."""

import sqlite3
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from .. import queries as Q
from ..facets import quote_facets
from ..formats import FileFormat, Format, as_json, download, respond
from ..params import (
    Db,
    FilePage,
    HtmlPage,
    PageNo,
    PerPage,
    QuoteFilters,
    Raw,
    arrays,
    cached,
    quote_filters,
)

router = APIRouter()
Filters = Annotated[QuoteFilters, Depends(quote_filters)]


def quotes_data(request: Request, db: sqlite3.Connection, f: QuoteFilters, p: int,
                per_page: int) -> dict[str, Any]:
    return Q.quotes(db, f, page=Q.Page(p, per_page), arrays=arrays(request, db))


def facets_data(request: Request, db: sqlite3.Connection, f: QuoteFilters) -> dict[str, Any]:
    """Speaker and kind counts of the filters, cached until the store grows."""
    key = ("quotes", f.search, f.speaker, f.speaker_id, f.since, f.until, f.kind)
    return cached(request, db, key, lambda: quote_facets(db, f, arrays(request, db)))


def _serve(request: Request, fmt: Format, db: sqlite3.Connection, f: QuoteFilters, p: int,
           per_page: int) -> Response:
    extra = {"facets": facets_data(request, db, f)} if fmt == "page" else {}
    return respond(request, fmt, quotes_data(request, db, f, p, per_page),
                   template="quotes.html", extra=extra)


def _file(request: Request, fmt: FileFormat, db: sqlite3.Connection, f: QuoteFilters, p: int,
          per_page: int, raw: bool = False) -> Response:
    return download(request, fmt, lambda: quotes_data(request, db, f, p, per_page),
                    name="quotes", raw=raw, empty=("quote_id",), nested=("speakers",))


@router.get("/api/quotes", tags=["quotes"], summary="Search quotes")
def api_quotes(request: Request, db: Db, f: Filters, page: PageNo = 1,
               per_page: PerPage = 50) -> Response:
    """Quotes matching a full-text query, speaker and dates, newest first."""
    return _serve(request, "json", db, f, page, per_page)


@router.get("/api/quotes.csv", tags=["quotes"], summary="Quotes as CSV",
            response_class=Response)
def api_quotes_csv(request: Request, db: Db, f: Filters, page: PageNo = 1,
                   per_page: FilePage = 1000, raw: Raw = False) -> Response:
    """The same rows as ``/api/quotes`` as a CSV download (lists as JSON text), up to
    10,000 per page; cells a spreadsheet would run as a formula get an apostrophe."""
    return _file(request, "csv", db, f, page, per_page, raw)


@router.get("/api/quotes.jsonl", tags=["quotes"], summary="Quotes as JSON Lines",
            response_class=Response)
def api_quotes_jsonl(request: Request, db: Db, f: Filters, page: PageNo = 1,
                     per_page: FilePage = 1000) -> Response:
    """The same rows as ``/api/quotes``, one JSON object a line, up to 10,000 per page."""
    return _file(request, "jsonl", db, f, page, per_page)


@router.get("/api/quotes/facets", tags=["quotes"], summary="Quote facet counts")
def api_quote_facets(request: Request, db: Db, f: Filters) -> Response:
    """How many quotes of the filters each speaker has (the busiest first) and how many
    are direct, mixed or indirect: the counts the quotes page shows beside the list."""
    return as_json(facets_data(request, db, f))


@router.get("/quotes", include_in_schema=False)
def quotes_page(request: Request, db: Db, f: Filters, page_no: HtmlPage = 1,
                per_page: PerPage = 50) -> Response:
    return _serve(request, "page", db, f, page_no, per_page)
