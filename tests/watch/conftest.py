"""A local news site for the watch tests: http.server on 127.0.0.1 in a thread.

Routes are set per test; every request is logged with its conditional headers, so a
test can tell what the client asked and what it got. The articles are invented here.
"""

from __future__ import annotations

import email.utils
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from communique.watch import HttpOptions, WatchOptions

PEOPLE = ["Ilse Varnholt", "Tomas Reyvik", "Amara Okonjo", "Luis Betancor", "Mei Lindqvist",
          "Farid Sultanov", "Nadia Corvell", "Pieter Ansbach", "Yusuf Demirel", "Hana Kojima",
          "Odile Marchetti", "Rafael Quintero"]
PLACES = ["Tallinn", "Accra", "Montevideo", "Hanoi", "Tbilisi", "Windhoek", "Reykjavik",
          "Quito", "Lusaka", "Bishkek", "Valletta", "Nouakchott"]
TOPICS = ["fishing quotas", "a rail corridor", "grain exports", "border crossings",
          "a water treaty", "power lines", "satellite data", "port fees", "vaccine stocks",
          "customs rules", "river dredging", "airspace rights"]
VERBS = ["proposed", "rejected", "welcomed", "questioned", "postponed", "endorsed"]


def article_text(n: int) -> list[str]:
    """Four paragraphs of an invented report, different enough for each ``n``."""
    a, b = PEOPLE[n % 12], PEOPLE[(n * 5 + 3) % 12]
    place, topic, verb = PLACES[(n * 7) % 12], TOPICS[(n * 11 + 1) % 12], VERBS[n % 6]
    return [
        f"Delegations met in {place} on day {n} to discuss {topic}, with officials from "
        f"both sides describing the session number {n} as long and at times tense.",
        f"{a} {verb} the draft presented by {b}, saying the text on {topic} still left "
        f"questions {n * 3} and {n * 3 + 1} of the annex unanswered.",
        f"\u201cWe are not going to sign something we have not read in full,\u201d {a} told "
        f"reporters outside the hall in {place}, adding that talks would resume.",
        f"Observers counted {n + 14} proposals tabled since spring; the next round on "
        f"{topic} is expected in {PLACES[(n + 5) % 12]} before the end of the season.",
    ]


def article_html(n: int, *, title: str | None = None, date: str | None = "2024-03-0{d}",
                 canonical: str | None = None, paragraphs: list[str] | None = None) -> bytes:
    title = title if title is not None else f"Talks on item {n} stall in {PLACES[n % 12]}"
    meta = f'<meta property="article:published_time" content="{date}">' if date else ""
    if date and "{d}" in date:
        meta = meta.format(d=n % 9 + 1)
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    body = "".join(f"<p>{p}</p>" for p in (paragraphs or article_text(n)))
    h1 = f"<h1>{title}</h1>" if title else ""
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title>"
            f"{meta}{link}</head><body><nav><a href='/'>Home</a> <a href='/world'>World</a>"
            f"</nav><article>{h1}{body}</article><footer>Example Courier, all rights "
            "reserved</footer></body></html>").encode()


def rss(base: str, paths: list[str], *, title: str = "Example Courier") -> bytes:
    items = "".join(
        f"<item><title>Item {p}</title><link>{base}{p}</link>"
        f"<pubDate>Mon, 04 Mar 2024 10:00:00 GMT</pubDate></item>" for p in paths)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>'
            f"<link>{base}/</link>{items}</channel></rss>").encode()


def news_sitemap(base: str, paths: list[str]) -> bytes:
    urls = "".join(
        f"<url><loc>{base}{p}</loc><news:news><news:publication_date>2024-03-05"
        f"</news:publication_date><news:title>Sitemap item {p}</news:title></news:news></url>"
        for p in paths)
    return ('<?xml version="1.0" encoding="UTF-8"?><urlset '
            'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
            f"{urls}</urlset>").encode()


Handler = Callable[[int], tuple[int, dict[str, str], bytes]]


@dataclass
class Route:
    body: bytes = b""
    type: str = "text/html; charset=utf-8"
    status: int = 200
    etag: str | None = None
    modified: float | None = None  # epoch seconds for Last-Modified
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)
    handler: Handler | None = None  # called with the request count: (status, headers, body)


@dataclass
class Hit:
    path: str
    status: int
    if_none_match: str | None
    if_modified_since: str | None
    agent: str | None


class Site:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.log: list[Hit] = []
        self.counts: dict[str, int] = {}
        self.lock = threading.Lock()
        site = self

        class H(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                site.serve(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def add(self, path: str, body: bytes = b"", **kw: object) -> Route:
        self.routes[path] = route = Route(body, **kw)  # type: ignore[arg-type]
        return route

    def hits(self, path: str) -> list[Hit]:
        return [h for h in self.log if h.path == path]

    def serve(self, req: BaseHTTPRequestHandler) -> None:
        path = req.path
        with self.lock:
            self.counts[path] = n = self.counts.get(path, 0) + 1
        route = self.routes.get(path)
        inm, ims = req.headers.get("If-None-Match"), req.headers.get("If-Modified-Since")
        headers: dict[str, str] = {}
        if route is None:
            status, body = 404, b"not found"
            headers["Content-Type"] = "text/plain"
        else:
            if route.delay:
                time.sleep(route.delay)
            if route.handler:
                status, headers, body = route.handler(n)
            else:
                status, body = route.status, route.body
                headers = {"Content-Type": route.type, **route.headers}
                if route.etag:
                    headers["ETag"] = route.etag
                if route.modified is not None:
                    headers["Last-Modified"] = email.utils.formatdate(route.modified,
                                                                      usegmt=True)
                if route.etag and inm == route.etag or \
                        route.modified is not None and ims == headers["Last-Modified"]:
                    status, body = 304, b""
        with self.lock:
            self.log.append(Hit(path, status, inm, ims, req.headers.get("User-Agent")))
        try:
            req.send_response(status)
            omit = headers.pop("X-Omit-Length", None)  # body until the connection closes
            for k, v in headers.items():
                req.send_header(k, v)
            if status != 304 and not omit:
                req.send_header("Content-Length", str(len(body)))
            req.end_headers()
            if status != 304:
                req.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site():  # noqa: ANN201
    s = Site()
    yield s
    s.close()


@pytest.fixture
def fast() -> WatchOptions:
    """No politeness delay, short timeouts and backoff: the tests stay fast."""
    return WatchOptions(http=HttpOptions(timeout=1.0, retries=2, backoff=0.01, delay=0.0,
                                         concurrency=4, max_bytes=200_000))
