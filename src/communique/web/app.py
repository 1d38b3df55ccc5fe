"""The web application: server-rendered pages over a store, each with a JSON twin.

The database is opened read-only (``mode=ro`` URI plus ``query_only``), so no request can
change it whatever the code below does; every query is bounded; stored strings reach the
page only through Jinja autoescaping; scripts come from ``/static`` only, which the
Content-Security-Policy enforces. The routes live in :mod:`communique.web.routes`, one
router per resource, all answering through the one format dispatch of
:mod:`communique.web.formats`.
"""

import logging
import sqlite3
import threading
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..store.db import RECORD_TABLE, StoreError, damaged
from ..store.queries import QueryError
from .aggregates import Aggregates
from .formats import page, templates
from .hardening import CSP as CSP  # re-exported: the policy pages are served with
from .hardening import Hardening
from .params import marker
from .response_cache import ResponseCache
from .routes import ROUTERS

HERE = Path(__file__).parent
log = logging.getLogger("communique.web")

# --- the store, read-only ------------------------------------------------------------------

class ReadOnlyStore:
    """One read-only connection per server thread (SQLite connections are not shared
    across threads; opening one per request would cost more than most queries)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path).resolve()
        if not self.path.is_file():
            raise StoreError(f"{path}: no such database (run `communique ingest` first)")
        self.uri = f"file:{quote(str(self.path))}?mode=ro"
        self._local = threading.local()
        db = self.connect()
        try:
            names = {r[0] for r in db.execute("SELECT name FROM sqlite_master")}
        except sqlite3.DatabaseError as exc:
            if "malformed" in str(exc):  # the schema itself is damaged
                raise StoreError(damaged(path, exc)) from None
            raise StoreError(f"{path}: cannot open database ({exc})") from None
        if "articles" not in names or RECORD_TABLE not in names:
            raise StoreError(f"{path}: not a communique database (no articles table or no "
                             "migration record)")
        #: False for a store written before migration m005: pages work, dates join slowly
        self.indexed = "articles_id_published" in names

    def connect(self) -> sqlite3.Connection:
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            try:
                db = sqlite3.connect(self.uri, uri=True, check_same_thread=False)
                db.execute("PRAGMA query_only = ON")
            except sqlite3.DatabaseError as exc:
                raise StoreError(f"{self.path}: cannot open database ({exc})") from None
            self._local.db = db
        return db

    def forget(self) -> None:
        """Close this thread's connection and drop every thread's (the parent of forked
        workers calls it before forking, each worker after: SQLite connections do not
        cross a fork)."""
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is not None:
            db.close()
        self._local = threading.local()


# --- the application ---------------------------------------------------------------------

def create_app(db_path: str | Path, *, hosts: frozenset[str] | None = None,
               warm: bool = True) -> FastAPI:
    """The ASGI app over the store at ``db_path`` (opened read-only, checked now);
    ``hosts``: the only Host header names accepted (``communique serve`` on loopback
    passes its own), or any when None; ``warm``: load the event arrays in a background
    thread now (False: the first request, or the caller, loads them)."""
    store = ReadOnlyStore(db_path)
    app = FastAPI(
        title="communique", version=__version__,
        description="Explore a communique store: articles, actors, quotes, PLOVER events "
                    "and who stands with whom. Every list is paginated; the store is "
                    "opened read-only.",
        docs_url=None, redoc_url=None)  # the docs UIs load scripts from a CDN
    app.state.store = store
    aggregates = Aggregates(store.connect, marker)
    app.state.aggregates = aggregates

    def arrays(db: sqlite3.Connection) -> Any:
        return aggregates.get(db)

    def preload() -> None:  # load the arrays now rather than in the first request
        try:
            arrays(store.connect())
        except (sqlite3.Error, StoreError) as exc:  # the first request will say it
            log.warning("cannot preload the store's aggregates: %s", exc)

    if warm:
        threading.Thread(target=preload, name="communique-warm", daemon=True).start()
    app.add_middleware(Hardening, hosts=hosts)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.state.templates = templates()
    app.state.overviews = {}  # cached overviews (whole-table scans) until the store grows
    app.state.summaries = {}  # cached actor summaries, likewise
    app.state.cache = {}  # other cached results (facets), likewise
    app.state.responses = ResponseCache()  # finished costly responses, likewise

    def is_api(request: Request) -> bool:
        return request.url.path.startswith("/api/")

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = []
        for err in exc.errors():
            where = ".".join(str(x) for x in err.get("loc", ())[1:]) or "request"
            problems.append(f"{where}: {err.get('msg')}")
        message = "; ".join(problems) or "invalid request"
        if is_api(request):
            return JSONResponse({"error": message}, status_code=400)
        return page(request, "error.html", {"status": 400, "message": message}, 400)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        headers = getattr(exc, "headers", None)
        if is_api(request) or request.url.path.startswith("/static/"):
            return JSONResponse({"error": exc.detail}, status_code=exc.status_code,
                                headers=headers)
        resp = page(request, "error.html", {"status": exc.status_code,
                                            "message": exc.detail}, exc.status_code)
        if headers:
            resp.headers.update(headers)
        return resp

    @app.exception_handler(sqlite3.DatabaseError)
    async def store_error(request: Request, exc: sqlite3.DatabaseError) -> Response:
        """A damaged store (or one SQLite cannot read now): 503 with the one-line reason."""
        message = damaged(store.path, exc)
        log.error("%s", message)
        if is_api(request):
            return JSONResponse({"error": message}, status_code=503)
        return page(request, "error.html", {"status": 503, "message": message}, 503)

    @app.exception_handler(QueryError)
    async def query_error(request: Request, exc: QueryError) -> Response:
        if is_api(request):
            return JSONResponse({"error": str(exc)}, status_code=400)
        return page(request, "error.html", {"status": 400, "message": str(exc)}, 400)

    for router in ROUTERS:  # the routes themselves, so ``app.routes`` lists every path
        app.router.routes.extend(router.routes)
    return app
