"""The web application: server-rendered pages over a store, each with a JSON twin.

The database is opened read-only (``mode=ro`` URI plus ``query_only``), so no request can
change it whatever the code below does; every query is bounded; stored strings reach the
page only through Jinja autoescaping; scripts come from ``/static`` only, which the
Content-Security-Policy enforces.
"""

import datetime as dt
import io
import json
import logging
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import quote, urlencode

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..store.db import RECORD_TABLE, StoreError, damaged
from ..store.export import write_csv
from ..store.queries import QueryError
from . import queries as Q
from .aggregates import Aggregates
from .hardening import CSP as CSP  # re-exported: the policy pages are served with
from .hardening import Hardening
from .render import article_blocks, snippet_parts, timeline_chart

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


# --- parameters --------------------------------------------------------------------------

#: the largest SQLite integer: a larger id in a URL is a 400, not an OverflowError
MAX_ID = 2**63 - 1
RowId = Annotated[int, PathParam(ge=1, le=MAX_ID, description="A row id.")]
Named = Annotated[bool, Query(description="Proper-name actors only (no common-noun phrases).")]
Group = Annotated[Literal["actor", "country"], Query(
    description="One node per actor, or actors grouped by their country.")]
PageNo = Annotated[int, Query(ge=1, le=10000, description="1-based page number.")]
PerPage = Annotated[int, Query(ge=1, le=200, description="Rows per page (at most 200).")]
Since = Annotated[dt.date | None, Query(description="First date, inclusive (YYYY-MM-DD).")]
Until = Annotated[dt.date | None, Query(description="Last date, inclusive (YYYY-MM-DD).")]
EventType = Annotated[str | None, Query(
    pattern="^[A-Za-z]+$", description="PLOVER event type, e.g. ACCUSE.")]
Country = Annotated[str | None, Query(
    pattern="^[A-Za-z]{3}$", description="ISO 3166-1 alpha-3 code, or IGO.")]


def _bad(message: str) -> HTTPException:
    return HTTPException(status_code=400, detail=message)


def _etype(value: str | None) -> str | None:
    if value is None:
        return None
    if value.upper() not in Q.EVENT_TYPES:
        raise _bad(f"type: {value!r} is not a PLOVER event type "
                   f"({', '.join(Q.EVENT_TYPES)})")
    return value.upper()


def _period_ok(since: dt.date | None, until: dt.date | None) -> None:
    if since and until and since > until:
        raise _bad(f"since ({since}) is after until ({until})")


@dataclass(frozen=True, slots=True)
class EventFilters:
    since: dt.date | None
    until: dt.date | None
    type: str | None
    actor: int | None
    country: str | None
    quad: int | None
    sort: str
    order: str


def event_filters(since: Since = None, until: Until = None, type: EventType = None,
                  actor: Annotated[int | None, Query(ge=1, le=MAX_ID, description=(
                      "Actor id (either side of the event)."))] = None,
                  country: Country = None,
                  quad: Annotated[int | None, Query(ge=0, le=4, description="Quad class: 1 "
                                                    "verbal coop .. 4 material conflict.")]
                  = None,
                  sort: Literal["date", "score", "type", "actor", "recipient"] = "date",
                  order: Literal["asc", "desc"] = "desc") -> EventFilters:
    _period_ok(since, until)
    return EventFilters(since, until, _etype(type), actor,
                        country.upper() if country else None, quad, sort, order)


@dataclass(frozen=True, slots=True)
class QuoteFilters:
    q: str | None
    speaker: str | None
    speaker_id: int | None
    since: dt.date | None
    until: dt.date | None
    kind: str | None


def quote_filters(q: Annotated[str | None, Query(max_length=200, description=(
                      "Full-text search: plain words are ANDed; FTS5 syntax such as "
                      "\"exact phrase\" or OR is passed through."))] = None,
                  speaker: Annotated[str | None, Query(max_length=100, description=(
                      "Part of a speaker's canonical name."))] = None,
                  speaker_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
                  since: Since = None, until: Until = None,
                  kind: Literal["direct", "mixed", "indirect"] | None = None) -> QuoteFilters:
    _period_ok(since, until)
    return QuoteFilters(q, speaker, speaker_id, since, until, kind)


@dataclass(frozen=True, slots=True)
class ArticleFilters:
    q: str | None
    source: str | None
    story: int | None
    since: dt.date | None
    until: dt.date | None


def article_filters(q: Annotated[str | None, Query(max_length=200, description=(
                        "Full-text search of titles and text, as for quotes."))] = None,
                    source: Annotated[str | None, Query(max_length=200, description=(
                        "Exact source name, e.g. a wire."))] = None,
                    story: Annotated[int | None, Query(ge=1, le=MAX_ID, description=(
                        "Story id: the copies of one wire story."))] = None,
                    since: Since = None, until: Until = None) -> ArticleFilters:
    _period_ok(since, until)
    return ArticleFilters(q, source, story, since, until)


@dataclass(frozen=True, slots=True)
class NetworkFilters:
    since: dt.date | None
    until: dt.date | None
    type: str | None
    country: str | None


def network_filters(since: Since = None, until: Until = None, type: EventType = None,
                    country: Country = None) -> NetworkFilters:
    _period_ok(since, until)
    return NetworkFilters(since, until, _etype(type), country.upper() if country else None)


def web_url(url: str | None) -> str | None:
    """A stored URL fit for a link: http(s) only (escaping does not stop ``javascript:``)."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def _json(data: dict[str, Any]) -> JSONResponse:
    """Serialised with ``json`` directly: FastAPI's generic encoder walks every value in
    Python and costs more than the query on large pages."""
    return JSONResponse(data)


def marker(db: sqlite3.Connection) -> tuple[Any, ...]:
    """Changes whenever an ingest adds to the store: the key that invalidates caches."""
    return tuple(db.execute("SELECT max(id), (SELECT max(id) FROM events) "
                            "FROM articles").fetchone())


def get_db(request: Request) -> sqlite3.Connection:
    """This thread's read-only connection to the app's store."""
    return request.app.state.store.connect()


Db = Annotated[sqlite3.Connection, Depends(get_db)]
ActorQ = Annotated[str | None, Query(max_length=100, description="Part of the name.")]
Role = Annotated[Literal["actor", "recipient"], Query(
    description="List the events where the actor acts, or is acted upon.")]
EdgeLimit = Annotated[int, Query(ge=1, le=1000, description="Strongest edges kept.")]
HtmlPage = Annotated[int, Query(alias="page", ge=1, le=10000)]


# --- the application ---------------------------------------------------------------------

def create_app(db_path: str | Path, *, hosts: frozenset[str] | None = None) -> FastAPI:
    """The ASGI app over the store at ``db_path`` (opened read-only, checked now);
    ``hosts``: the only Host header names accepted (``communique serve`` on loopback
    passes its own), or any when None."""
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

    def warm() -> None:  # load the arrays now rather than in the first request
        try:
            arrays(store.connect())
        except (sqlite3.Error, StoreError) as exc:  # the first request will say it
            log.warning("cannot preload the store's aggregates: %s", exc)

    threading.Thread(target=warm, name="communique-warm", daemon=True).start()
    app.add_middleware(Hardening, hosts=hosts)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    env = Environment(loader=PackageLoader("communique.web", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    env.globals["version"] = __version__
    env.filters["web_url"] = web_url
    env.globals["snippet_parts"] = snippet_parts

    def page(request: Request, template: str, data: dict[str, Any],
             status: int = 200) -> HTMLResponse:
        def link(**changes: Any) -> str:
            params = dict(request.query_params)
            for k, v in changes.items():
                if v is None:
                    params.pop(k, None)
                else:
                    params[k] = str(v)
            return request.url.path + ("?" + urlencode(params) if params else "")

        html = env.get_template(template).render(
            request=request, params=request.query_params, link=link, **data)
        return HTMLResponse(html, status_code=status)

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

    # --- overview --------------------------------------------------------------------

    overview_cache: dict[tuple[Any, ...], tuple[Any, dict[str, Any]]] = {}

    def overview_data(db: sqlite3.Connection, since: dt.date | None,
                      until: dt.date | None, named: bool = False,
                      group: str = "actor") -> dict[str, Any]:
        """Cached until the store grows: its counts and rankings scan whole tables."""
        _period_ok(since, until)
        mark = marker(db)
        ck = (since, until, named, group)
        hit = overview_cache.get(ck)
        if hit is not None and hit[0] == mark:
            return hit[1]
        data = Q.overview(db, since, until, arrays=arrays(db), named=named,
                          by_country=group == "country")
        data["named"], data["group"] = named, group
        if len(overview_cache) >= 64:
            overview_cache.pop(next(iter(overview_cache)), None)
        overview_cache[ck] = (mark, data)
        return data

    @app.get("/api/overview", tags=["overview"], summary="Corpus overview")
    def api_overview(db: Db, since: Since = None, until: Until = None, named: Named = False,
                     group: Group = "actor") -> JSONResponse:
        """Corpus size and date range, latest articles, most active actors and the
        strongest cooperative and conflictual pairs in the period (default: the last
        90 days of the corpus); ``named`` keeps proper-name actors only, ``group=country``
        sums actors and pairs per country."""
        return _json(overview_data(db, since, until, named, group))

    @app.get("/", include_in_schema=False)
    def overview_page(request: Request, db: Db, since: Since = None,
                      until: Until = None, named: Named = False,
                      group: Group = "actor") -> HTMLResponse:
        return page(request, "overview.html",
                    {"o": overview_data(db, since, until, named, group)})

    # --- articles --------------------------------------------------------------------

    def article_data(db: sqlite3.Connection, article_id: int) -> dict[str, Any]:
        found = Q.article(db, article_id)
        if found is None:
            raise HTTPException(404, f"no article {article_id}")
        return found

    def articles_data(db: sqlite3.Connection, f: ArticleFilters, p: int,
                      per_page: int) -> dict[str, Any]:
        return Q.articles(db, q=f.q, source=f.source, story=f.story, since=f.since,
                          until=f.until, page=Q.Page(p, per_page))

    @app.get("/api/articles", tags=["articles"], summary="List and search articles")
    def api_articles(db: Db, f: Annotated[ArticleFilters, Depends(article_filters)],
                     page: PageNo = 1, per_page: PerPage = 50) -> JSONResponse:
        """Articles matching a full-text query, source, story and dates, newest first,
        with counts of actors, quotes and events; with ``q``, a ``snippet`` of the text
        and the ``snippet_hits`` ([start, end) offsets) of the matched words."""
        return _json(articles_data(db, f, page, per_page))

    @app.get("/articles", include_in_schema=False)
    def articles_page(request: Request, db: Db,
                      f: Annotated[ArticleFilters, Depends(article_filters)],
                      page_no: HtmlPage = 1, per_page: PerPage = 50) -> HTMLResponse:
        return page(request, "articles.html", {"r": articles_data(db, f, page_no, per_page)})

    @app.get("/api/articles/{article_id}", tags=["articles"], summary="One article")
    def api_article(db: Db, article_id: RowId) -> JSONResponse:
        """Article metadata, canonical actor ids of its local actors (``A1`` -> id) and
        its analysis record (the JSON contract, text included)."""
        return _json(article_data(db, article_id))

    @app.get("/api/articles/{article_id}/record", tags=["articles"],
             summary="Download an analysis record")
    def api_article_record(db: Db, article_id: RowId) -> Response:
        """The analysis record alone (``communique.analysis/1``), as a file download."""
        record = article_data(db, article_id)["record"]
        return Response(json.dumps(record, ensure_ascii=False, indent=1),
                        media_type="application/json", headers={
                            "content-disposition":
                                f'attachment; filename="article-{article_id}.json"'})

    @app.get("/articles/{article_id}", include_in_schema=False)
    def article_page(request: Request, db: Db, article_id: RowId) -> HTMLResponse:
        a = article_data(db, article_id)
        return page(request, "article.html", {
            "a": a, "blocks": article_blocks(a["record"], a["actor_ids"])})

    # --- actors ----------------------------------------------------------------------

    def actors_data(db: sqlite3.Connection, q: str | None, country: str | None,
                    p: int, per_page: int) -> dict[str, Any]:
        return Q.actors(db, q=q, country=country.upper() if country else None,
                        page=Q.Page(p, per_page))

    @app.get("/api/actors", tags=["actors"], summary="Find actors")
    def api_actors(db: Db, q: ActorQ = None, country: Country = None, page: PageNo = 1,
                   per_page: PerPage = 50) -> JSONResponse:
        """Actors whose canonical name contains ``q``, most present first."""
        return _json(actors_data(db, q, country, page, per_page))

    @app.get("/actors", include_in_schema=False)
    def actors_page(request: Request, db: Db, q: ActorQ = None, country: Country = None,
                    page_no: HtmlPage = 1,
                    per_page: PerPage = 50) -> HTMLResponse:
        return page(request, "actors.html",
                    {"r": actors_data(db, q, country, page_no, per_page)})

    summaries: dict[tuple[Any, ...], dict[str, Any] | None] = {}

    def actor_data(db: sqlite3.Connection, actor_id: int, role: str, p: int,
                   per_page: int) -> dict[str, Any]:
        """The summary (whole-history aggregates) is cached until the store grows."""
        key = (actor_id, *marker(db))
        if key not in summaries:
            if len(summaries) >= 512:
                summaries.pop(next(iter(summaries)), None)
            summaries[key] = Q.actor_summary(db, actor_id, arrays=arrays(db))
        found = Q.actor(db, actor_id, role=role, page=Q.Page(p, per_page),
                        summary=summaries[key], arrays=arrays(db)) if summaries[key] else None
        if found is None:
            raise HTTPException(404, f"no actor {actor_id}")
        return found

    @app.get("/api/actors/{actor_id}", tags=["actors"], summary="One actor")
    def api_actor(db: Db, actor_id: RowId, role: Role = "actor", page: PageNo = 1,
                  per_page: PerPage = 50) -> JSONResponse:
        """Roles over time, latest quotes, events as actor or recipient (paginated),
        monthly cooperation and conflict (summed PLOVER scores), partners and
        adversaries."""
        return _json(actor_data(db, actor_id, role, page, per_page))

    @app.get("/actors/{actor_id}", include_in_schema=False)
    def actor_page(request: Request, db: Db, actor_id: RowId, role: Role = "actor",
                   page_no: HtmlPage = 1,
                   per_page: PerPage = 50) -> HTMLResponse:
        a = actor_data(db, actor_id, role, page_no, per_page)
        return page(request, "actor.html", {"a": a, "chart": timeline_chart(a["timeline"])})

    # --- network ---------------------------------------------------------------------

    @app.get("/api/network", tags=["network"], summary="Actor network")
    def api_network(db: Db, f: Annotated[NetworkFilters, Depends(network_filters)],
                    limit: EdgeLimit = 200, named: Named = False,
                    group: Group = "actor") -> JSONResponse:
        """Actors as nodes; an edge per pair that acted on each other, weighted by the
        summed PLOVER scores of their events (``coop`` positive, ``conflict`` negative).
        The period defaults to the last month of the corpus."""
        return _json(Q.network(db, f.since, f.until, etype=f.type, country=f.country,
                               limit=limit, arrays=arrays(db), named=named,
                               by_country=group == "country"))

    @app.get("/api/network/edge", tags=["network"], summary="Events behind an edge")
    def api_edge(db: Db, f: Annotated[NetworkFilters, Depends(network_filters)],
                 a: Annotated[int, Query(ge=1, le=MAX_ID)],
                 b: Annotated[int, Query(ge=1, le=MAX_ID)],
                 page: PageNo = 1, per_page: PerPage = 50) -> JSONResponse:
        """The events between actors ``a`` and ``b`` (either direction) in the period."""
        return _json(Q.edge_events(db, a, b, f.since, f.until, f.type,
                                   Q.Page(page, per_page), arrays=arrays(db)))

    @app.get("/network", include_in_schema=False)
    def network_page(request: Request, db: Db,
                     f: Annotated[NetworkFilters, Depends(network_filters)],
                     limit: EdgeLimit = 200, named: Named = False,
                     group: Group = "actor") -> HTMLResponse:
        since, until = Q.default_period(db, f.since, f.until, 31)
        api = "/api/network?" + urlencode({k: v for k, v in {
            "since": since, "until": until, "type": f.type, "country": f.country,
            "limit": limit, "named": "true" if named else None,
            "group": group if group != "actor" else None}.items() if v})
        return page(request, "network.html", {"f": f, "since": since, "until": until,
                                              "api": api, "types": Q.EVENT_TYPES,
                                              "named": named, "group": group})

    # --- quotes ----------------------------------------------------------------------

    def quotes_data(db: sqlite3.Connection, f: QuoteFilters, p: int,
                    per_page: int) -> dict[str, Any]:
        return Q.quotes(db, q=f.q, speaker=f.speaker, speaker_id=f.speaker_id, since=f.since,
                        until=f.until, kind=f.kind, page=Q.Page(p, per_page),
                        arrays=arrays(db))

    @app.get("/api/quotes", tags=["quotes"], summary="Search quotes")
    def api_quotes(db: Db, f: Annotated[QuoteFilters, Depends(quote_filters)],
                   page: PageNo = 1, per_page: PerPage = 50) -> JSONResponse:
        """Quotes matching a full-text query, speaker and dates, newest first."""
        return _json(quotes_data(db, f, page, per_page))

    @app.get("/quotes", include_in_schema=False)
    def quotes_page(request: Request, db: Db,
                    f: Annotated[QuoteFilters, Depends(quote_filters)],
                    page_no: HtmlPage = 1,
                    per_page: PerPage = 50) -> HTMLResponse:
        return page(request, "quotes.html", {"r": quotes_data(db, f, page_no, per_page)})

    # --- events ----------------------------------------------------------------------

    def events_data(db: sqlite3.Connection, f: EventFilters, p: int,
                    per_page: int) -> dict[str, Any]:
        return Q.events(db, since=f.since, until=f.until, etype=f.type, actor=f.actor,
                        country=f.country, quad=f.quad, sort=f.sort, order=f.order,
                        page=Q.Page(p, per_page))

    @app.get("/api/events", tags=["events"], summary="Events table")
    def api_events(db: Db, f: Annotated[EventFilters, Depends(event_filters)],
                   page: PageNo = 1, per_page: PerPage = 50) -> JSONResponse:
        """Events with first actor and recipient, filtered, sorted, paginated."""
        return _json(events_data(db, f, page, per_page))

    @app.get("/api/events.csv", tags=["events"], summary="Events as CSV",
             response_class=Response)
    def api_events_csv(db: Db, f: Annotated[EventFilters, Depends(event_filters)],
                       page: PageNo = 1,
                       per_page: Annotated[int, Query(ge=1, le=10000, description=(
                           "Rows per file (at most 10,000; use page for more)."))] = 1000,
                       raw: Annotated[bool, Query(description=(
                           "Cells as stored: no apostrophe before a leading = + - @ tab "
                           "or CR (which spreadsheets would run as a formula)."))] = False
                       ) -> Response:
        """The same rows as ``/api/events`` as a CSV download, up to 10,000 per page;
        text cells a spreadsheet would take for a formula get a leading apostrophe."""
        items = events_data(db, f, page, per_page)["items"]
        out = io.StringIO()
        write_csv(out, list(items[0]) if items else ["event_id"], items, raw=raw)
        return Response(out.getvalue(), media_type="text/csv; charset=utf-8", headers={
            "content-disposition": 'attachment; filename="events.csv"'})

    @app.get("/events", include_in_schema=False)
    def events_page(request: Request, db: Db,
                    f: Annotated[EventFilters, Depends(event_filters)],
                    page_no: HtmlPage = 1,
                    per_page: PerPage = 50) -> HTMLResponse:
        return page(request, "events.html", {"r": events_data(db, f, page_no, per_page),
                                             "f": f, "types": Q.EVENT_TYPES})

    # --- watched sources (communique watch) ------------------------------------------

    def sources_data(db: sqlite3.Connection) -> dict[str, Any]:
        from ..watch.state import item_failures, sources_health

        return {"items": sources_health(db), "failures": item_failures(db, 20)}

    @app.get("/api/sources", tags=["sources"], summary="Watched sources and their health")
    def api_sources(db: Db) -> JSONResponse:
        """Each feed or sitemap followed by ``communique watch``: health (ok, failing,
        never polled), last poll and success, consecutive and total errors, the last
        error, and its items by status; ``failures``: the latest items that failed."""
        return _json(sources_data(db))

    @app.get("/sources", include_in_schema=False)
    def sources_page(request: Request, db: Db) -> HTMLResponse:
        return page(request, "sources.html", {"r": sources_data(db)})

    return app
