"""Articles: the searchable list (with CSV / JSONL downloads), one article's page, its
record download."""

import json
import sqlite3
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response

from .. import queries as Q
from ..formats import FileFormat, download, respond
from ..params import (
    ArticleFilters,
    Db,
    FilePage,
    HtmlPage,
    PageNo,
    PerPage,
    Raw,
    RowId,
    article_filters,
)
from ..render import article_blocks, speaker_legend

router = APIRouter()
Filters = Annotated[ArticleFilters, Depends(article_filters)]


def article_data(db: sqlite3.Connection, article_id: int) -> dict[str, Any]:
    found = Q.article(db, article_id)
    if found is None:
        raise HTTPException(404, f"no article {article_id}")
    return found


def articles_data(db: sqlite3.Connection, f: ArticleFilters, p: int,
                  per_page: int) -> dict[str, Any]:
    return Q.articles(db, q=f.q, source=f.source, story=f.story, since=f.since,
                      until=f.until, page=Q.Page(p, per_page))


@router.get("/api/articles", tags=["articles"], summary="List and search articles")
def api_articles(request: Request, db: Db, f: Filters, page: PageNo = 1,
                 per_page: PerPage = 50) -> Response:
    """Articles matching a full-text query, source, story and dates, newest first,
    with counts of actors, quotes and events; with ``q``, a ``snippet`` of the text
    and the ``snippet_hits`` ([start, end) offsets) of the matched words."""
    return respond(request, "json", articles_data(db, f, page, per_page))


def _file(request: Request, fmt: FileFormat, db: sqlite3.Connection, f: ArticleFilters,
          p: int, per_page: int, raw: bool = False) -> Response:
    return download(request, fmt, lambda: articles_data(db, f, p, per_page), name="articles",
                    raw=raw, nested=("snippet_hits",))


@router.get("/api/articles.csv", tags=["articles"], summary="Articles as CSV",
            response_class=Response)
def api_articles_csv(request: Request, db: Db, f: Filters, page: PageNo = 1,
                     per_page: FilePage = 1000, raw: Raw = False) -> Response:
    """The same rows as ``/api/articles`` as a CSV download (``snippet_hits`` as JSON
    text), up to 10,000 per page; cells a spreadsheet would run as a formula get an
    apostrophe."""
    return _file(request, "csv", db, f, page, per_page, raw)


@router.get("/api/articles.jsonl", tags=["articles"], summary="Articles as JSON Lines",
            response_class=Response)
def api_articles_jsonl(request: Request, db: Db, f: Filters, page: PageNo = 1,
                       per_page: FilePage = 1000) -> Response:
    """The same rows as ``/api/articles``, one JSON object a line, up to 10,000 per page."""
    return _file(request, "jsonl", db, f, page, per_page)


@router.get("/articles", include_in_schema=False)
def articles_page(request: Request, db: Db, f: Filters, page_no: HtmlPage = 1,
                  per_page: PerPage = 50) -> Response:
    return respond(request, "page", articles_data(db, f, page_no, per_page),
                   template="articles.html")


@router.get("/api/articles/{article_id}", tags=["articles"], summary="One article")
def api_article(request: Request, db: Db, article_id: RowId) -> Response:
    """Article metadata, canonical actor ids of its local actors (``A1`` -> id) and
    its analysis record (the JSON contract, text included)."""
    return respond(request, "json", article_data(db, article_id))


@router.get("/api/articles/{article_id}/record", tags=["articles"],
            summary="Download an analysis record")
def api_article_record(db: Db, article_id: RowId) -> Response:
    """The analysis record alone (``communique.analysis/1``), as a file download."""
    record = article_data(db, article_id)["record"]
    return Response(json.dumps(record, ensure_ascii=False, indent=1),
                    media_type="application/json", headers={
                        "content-disposition":
                            f'attachment; filename="article-{article_id}.json"'})


@router.get("/articles/{article_id}", include_in_schema=False)
def article_page(request: Request, db: Db, article_id: RowId) -> Response:
    a = article_data(db, article_id)
    return respond(request, "page", a, template="article.html", key="a",
                   extra={"blocks": article_blocks(a["record"], a["actor_ids"]),
                          "speakers": speaker_legend(a["record"], a["actor_ids"])})
