"""One format dispatch for every resource: the same data as an HTML page, as JSON, or as a
CSV / JSONL download of its rows (CSV cells neutralised as ``communique export`` does)."""

import io
import json
from collections.abc import Callable, Sequence
from typing import Any, Literal
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape

from .. import __version__
from ..store.export import write_csv
from .params import web_url
from .quote_context import quote_contexts
from .render import snippet_parts, trigger_parts
from .response_cache import cached_response
from .timeline import fill_headings

Format = Literal["page", "json", "csv", "jsonl"]
FileFormat = Literal["csv", "jsonl"]


def templates() -> Environment:
    """The page templates, autoescaped, with the helpers they share."""
    env = Environment(loader=PackageLoader("communique.web", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    env.globals["version"] = __version__
    env.filters["web_url"] = web_url
    env.globals["snippet_parts"] = snippet_parts
    env.globals["trigger_parts"] = trigger_parts
    return env


def page(request: Request, template: str, data: dict[str, Any],
         status: int = 200) -> HTMLResponse:
    """``template`` rendered with ``data``, ``params`` (the query), ``link(**changes)``
    (this URL with some parameters changed or, given None, removed) and
    ``query(**changes)`` (the same, its ``?...`` part alone)."""
    def query(**changes: Any) -> str:
        params = dict(request.query_params)
        for k, v in changes.items():
            if v is None:
                params.pop(k, None)
            else:
                params[k] = str(v)
        return "?" + urlencode(params) if params else ""

    def link(**changes: Any) -> str:
        return request.url.path + query(**changes)

    env: Environment = request.app.state.templates
    html = env.get_template(template).render(
        request=request, params=request.query_params, link=link, query=query, **data)
    return HTMLResponse(html, status_code=status)


def as_json(data: dict[str, Any]) -> JSONResponse:
    """Serialised with ``json`` directly: FastAPI's generic encoder walks every value in
    Python and costs more than the query on large pages."""
    return JSONResponse(data)


#: one encoder for every JSON Lines row (``json.dumps`` with options builds one a call)
_JSONL = json.JSONEncoder(ensure_ascii=False)


def as_csv(rows: Sequence[dict[str, Any]], name: str, *, raw: bool = False,
           empty: Sequence[str] = ("id",), nested: Sequence[str] | None = None) -> Response:
    """``rows`` as a CSV download; nested values (of the ``nested`` columns when the
    caller knows them, else of any column holding one) as JSON text; unless ``raw``, a
    cell a spreadsheet would run as a formula gets a leading apostrophe."""
    columns = list(rows[0]) if rows else list(empty)
    if nested is None:  # one pass over the cells
        found = {c for r in rows for c, v in r.items() if isinstance(v, dict | list)}
        nested = [c for c in columns if c in found]
    if nested:
        rows = [{**r, **{c: _JSONL.encode(r[c]) for c in nested
                         if isinstance(r.get(c), dict | list)}} for r in rows]
    out = io.StringIO()
    write_csv(out, columns, rows, raw=raw)
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8", headers={
        "content-disposition": f'attachment; filename="{name}.csv"'})


def as_jsonl(rows: Sequence[dict[str, Any]], name: str, *, flat: bool = False) -> Response:
    """``rows`` as JSON Lines, one object a line. ``flat`` (no row holds a list or an
    object): the rows are encoded as one list, in one C call, and cut where an item
    ends and the next begins with the first key (``}, {"event_id": ``): outside
    strings only items meet so, and inside one a quote is escaped, or closes it and
    is followed by ``,`` ``:`` or ``}``, never by a key's letter. The same bytes."""
    first = next(iter(rows[0]), "") if rows else ""
    if flat and first.isidentifier() and all(next(iter(r), "") == first for r in rows):
        key = _JSONL.encode(first)
        body = _JSONL.encode(list(rows))[1:-1].replace(
            f"}}, {{{key}: ", f"}}\n{{{key}: ") + "\n"
    else:
        body = "".join([_JSONL.encode(r) + "\n" for r in rows])
    return Response(body, media_type="application/x-ndjson; charset=utf-8", headers={
        "content-disposition": f'attachment; filename="{name}.jsonl"'})


def respond(request: Request, fmt: Format, data: dict[str, Any], *, template: str = "",
            key: str = "r", extra: dict[str, Any] | None = None, name: str = "rows",
            raw: bool = False, empty: Sequence[str] = ("id",),
            nested: Sequence[str] | None = None) -> Response:
    """The one dispatch: ``page`` renders ``template`` with ``data`` under ``key`` (plus
    ``extra``), ``json`` returns ``data``, ``csv`` and ``jsonl`` its ``items``
    (``nested``: the columns that may hold lists or objects, if known). Every row with
    a ``title`` gets a ``heading`` (:func:`~.timeline.fill_headings`), in every format."""
    db = request.app.state.store.connect()
    if fmt in ("csv", "jsonl"):
        fill_headings(db, data["items"], flat=True)
        if fmt == "csv":
            return as_csv(data["items"], name, raw=raw, empty=empty, nested=nested)
        return as_jsonl(data["items"], name, flat=nested is not None and not nested)
    fill_headings(db, data)
    if fmt == "json":
        return as_json(data)
    return page(request, template, {key: data, "quote_contexts": quote_contexts(db, data),
                                    **(extra or {})})


def download(request: Request, fmt: FileFormat, rows: Callable[[], dict[str, Any]], *,
             name: str, raw: bool = False, empty: Sequence[str] = ("id",),
             nested: Sequence[str] | None = None) -> Response:
    """A list's CSV or JSONL download (every list's: events, quotes, articles, actors,
    an edge's events): the ``items`` of ``rows()`` through :func:`respond`, kept per URL
    until the store grows."""
    db = request.app.state.store.connect()
    return cached_response(request, db, lambda: respond(
        request, fmt, rows(), name=name, raw=raw, empty=empty, nested=nested))
