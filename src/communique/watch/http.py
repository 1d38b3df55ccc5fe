"""A polite HTTP client for feeds and article pages, on httpx.

Every request has a timeout and a size cap; a listing is fetched with its stored
validators (``ETag``, ``Last-Modified``), so an unchanged feed costs one 304. Requests to
one host are spaced by ``delay`` seconds and at most ``concurrency`` run at once.
Timeouts, connection errors and 5xx answers are retried with exponential backoff; 4xx
answers are not. Article pages are checked against the host's ``robots.txt`` first.
Redirects are followed up to ``max_redirects``. Failures are :class:`FetchError` values
with a one-line reason, never tracebacks.
"""

from __future__ import annotations

import threading
import time
import urllib.robotparser
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx

from .. import __version__

DEFAULT_AGENT = f"communique/{__version__} (news analysis software)"


@dataclass(frozen=True, slots=True)
class HttpOptions:
    """Politeness and limits (see docs/watch.md)."""

    timeout: float = 20.0  # seconds, per request (connect, read, write, pool)
    retries: int = 3  # extra attempts after a timeout, connection error or 5xx
    backoff: float = 1.0  # seconds before the first retry, doubled for each next one
    delay: float = 1.0  # seconds between two requests to the same host
    concurrency: int = 4  # requests in flight at once, all hosts together
    max_bytes: int = 5 * 1024 * 1024  # a larger response is refused
    max_redirects: int = 5
    user_agent: str = DEFAULT_AGENT
    contact: str | None = None  # e-mail or URL appended to the User-Agent
    robots: bool = True  # honour robots.txt for article pages

    @property
    def agent(self) -> str:
        if not self.contact:
            return self.user_agent
        return f"{self.user_agent} contact: {self.contact}"


class FetchError(Exception):
    """A request that gave no usable answer; ``retry`` says if a later poll may succeed."""

    def __init__(self, url: str, reason: str, *, retry: bool = True,
                 status: int | None = None) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.retry = retry
        self.status = status


@dataclass(slots=True)
class Response:
    url: str  # after redirects
    status: int
    headers: dict[str, str]
    body: bytes = b""
    seconds: float = 0.0

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str | None:
        for part in self.headers.get("content-type", "").split(";")[1:]:
            key, _, value = part.partition("=")
            if key.strip().lower() == "charset" and value.strip():
                return value.strip().strip('"')
        return None


@dataclass(slots=True)
class _Host:
    lock: threading.Lock = field(default_factory=threading.Lock)
    robots_lock: threading.Lock = field(default_factory=threading.Lock)  # one fetch of it
    next_at: float = 0.0
    robots: urllib.robotparser.RobotFileParser | None = None
    robots_error: str | None = None
    robots_loaded: bool = False


class Client:
    """One client per watch run; thread-safe (fetch threads share it)."""

    def __init__(self, options: HttpOptions | None = None,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.options = o = options or HttpOptions()
        self._http = httpx.Client(
            headers={"user-agent": o.agent, "accept-encoding": "gzip, deflate"},
            timeout=httpx.Timeout(o.timeout), follow_redirects=True,
            max_redirects=o.max_redirects, transport=transport,
            limits=httpx.Limits(max_connections=o.concurrency,
                                max_keepalive_connections=o.concurrency))
        self._slots = threading.BoundedSemaphore(max(1, o.concurrency))
        self._hosts: dict[str, _Host] = {}
        self._hosts_lock = threading.Lock()
        self.requests = 0  # HTTP requests sent, retries included

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- politeness -----------------------------------------------------------------------

    def _host(self, url: str) -> _Host:
        key = urlsplit(url).netloc.lower()
        with self._hosts_lock:
            return self._hosts.setdefault(key, _Host())

    def _wait_turn(self, url: str) -> None:
        """Sleep until this host may be asked again, and book the next turn."""
        host = self._host(url)
        with host.lock:
            now = time.monotonic()
            wait = host.next_at - now
            host.next_at = max(now, host.next_at) + self.options.delay
        if wait > 0:
            time.sleep(wait)

    def allowed(self, url: str) -> None:
        """Raise FetchError when the host's robots.txt disallows ``url`` for us."""
        if not self.options.robots:
            return
        host = self._host(url)
        with host.robots_lock:
            if not host.robots_loaded:
                host.robots, host.robots_error = self._robots(url)
                host.robots_loaded = True
        if host.robots_error:
            raise FetchError(url, host.robots_error, retry=True)
        if host.robots is not None and not host.robots.can_fetch(self.options.user_agent
                                                                 .split("/")[0], url):
            raise FetchError(url, "disallowed by robots.txt", retry=False)

    def _robots(self, url: str) -> tuple[urllib.robotparser.RobotFileParser | None,
                                          str | None]:
        parts = urlsplit(url)
        robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
        try:
            r = self.get(robots_url, retries=1)
        except FetchError as exc:
            if exc.status is not None and 400 <= exc.status < 500:
                return None, None  # no robots.txt: everything is allowed
            # unreachable robots.txt: assume a full disallow for now (RFC 9309)
            return None, f"robots.txt unreachable ({exc.reason})"
        parser = urllib.robotparser.RobotFileParser(robots_url)
        parser.parse(r.body.decode("utf-8", "replace").splitlines())
        return parser, None

    # --- requests -------------------------------------------------------------------------

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
            retries: int | None = None) -> Response:
        """GET with validators, retries and the size cap; a 304 is a Response, any other
        non-2xx answer a FetchError."""
        headers = {}
        if etag:
            headers["if-none-match"] = etag
        if last_modified:
            headers["if-modified-since"] = last_modified
        attempts = 1 + (self.options.retries if retries is None else retries)
        last: FetchError | None = None
        for attempt in range(attempts):
            if attempt:
                time.sleep(self.options.backoff * 2 ** (attempt - 1))
            try:
                return self._once(url, headers)
            except FetchError as exc:
                last = exc
                if not exc.retry:
                    raise
        assert last is not None
        if attempts > 1:
            raise FetchError(url, f"{last.reason} (after {attempts} attempts)",
                             retry=True, status=last.status)
        raise last

    def _once(self, url: str, headers: dict[str, str]) -> Response:
        o = self.options
        with self._slots:
            self._wait_turn(url)
            t0 = time.perf_counter()
            self.requests += 1
            try:
                with self._http.stream("GET", url, headers=headers) as r:
                    status = r.status_code
                    if status >= 500:
                        raise FetchError(url, f"HTTP {status}", retry=True, status=status)
                    if status >= 400:
                        raise FetchError(url, f"HTTP {status}", retry=False, status=status)
                    length = r.headers.get("content-length")
                    if length and length.isdigit() and int(length) > o.max_bytes:
                        raise FetchError(url, f"response of {int(length):,} bytes, over the "
                                              f"{o.max_bytes:,} byte limit", retry=False)
                    body = bytearray()
                    if status != 304:
                        for part in r.iter_bytes():
                            body += part
                            if len(body) > o.max_bytes:
                                raise FetchError(url, f"response over the {o.max_bytes:,} "
                                                      "byte limit", retry=False)
                    return Response(str(r.url), status, {k.lower(): v for k, v in
                                                         r.headers.items()},
                                    bytes(body), time.perf_counter() - t0)
            except httpx.TooManyRedirects:
                raise FetchError(url, f"more than {o.max_redirects} redirects",
                                 retry=False) from None
            except httpx.TimeoutException:
                raise FetchError(url, f"timed out after {o.timeout:g} s") from None
            except httpx.InvalidURL as exc:
                raise FetchError(url, f"invalid URL ({exc})", retry=False) from None
            except httpx.UnsupportedProtocol:
                raise FetchError(url, "not an http(s) URL", retry=False) from None
            except httpx.HTTPError as exc:  # connection refused, reset, DNS, bad gzip
                first = (str(exc).splitlines() or [type(exc).__name__])[0]
                raise FetchError(url, f"{type(exc).__name__}: {first}"[:300]) from None
