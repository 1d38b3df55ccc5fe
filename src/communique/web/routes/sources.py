"""Sources followed by ``communique watch`` and their health."""

import sqlite3
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from ..formats import respond
from ..params import Db

router = APIRouter()


def sources_data(db: sqlite3.Connection) -> dict[str, Any]:
    from ...watch.state import item_failures, sources_health

    return {"items": sources_health(db), "failures": item_failures(db, 20)}


@router.get("/api/sources", tags=["sources"], summary="Watched sources and their health")
def api_sources(request: Request, db: Db) -> Response:
    """Each feed or sitemap followed by ``communique watch``: health (ok, failing,
    never polled), last poll and success, consecutive and total errors, the last
    error, and its items by status; ``failures``: the latest items that failed."""
    return respond(request, "json", sources_data(db))


@router.get("/sources", include_in_schema=False)
def sources_page(request: Request, db: Db) -> Response:
    return respond(request, "page", sources_data(db), template="sources.html")
