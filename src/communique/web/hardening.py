"""ASGI middleware: security headers on every response (errors included), a strict Host
check, empty query parameters dropped, HEAD answered as GET without a body."""

import logging
import re
from urllib.parse import parse_qsl, urlencode

from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("communique.web")

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'none'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


class Hardening:
    """Security headers on every response, and empty query parameters dropped (an empty
    form field means "no filter", not an invalid value). With ``hosts``, a request whose
    Host header names another host is refused: a page elsewhere cannot reach the local
    server through a DNS name rebound to 127.0.0.1."""

    def __init__(self, app: ASGIApp, hosts: frozenset[str] | None = None) -> None:
        self.app = app
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.hosts is not None and host_name(scope) not in self.hosts:
            await _plain(send, 400, "invalid Host header for this server")
            return
        qs = scope.get("query_string", b"")
        if qs:
            pairs = parse_qsl(qs.decode("latin-1"), keep_blank_values=True)
            scope = dict(scope, query_string=urlencode(
                [(k, v) for k, v in pairs if v.strip()]).encode("latin-1"))

        head = scope.get("method") == "HEAD"
        if head:  # answered as GET without the body (routes are GET only)
            scope = dict(scope, method="GET")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + SECURITY_HEADERS
            elif head and message["type"] == "http.response.body":
                message = dict(message, body=b"")
            await send(message)

        started = False

        async def send_tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send_with_headers(message)

        try:
            await self.app(scope, receive, send_tracked)
        except Exception:  # a bug: logged, and a 500 that still carries the headers
            log.exception("error in %s %s", scope.get("method"), scope.get("path"))
            if not started:
                await _plain(send, 500, "internal server error")


#: a Host header: a DNS name or IPv4 address, or an [IPv6] literal, then an optional port
_HOST = re.compile(r"(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9.-]+))(?::[0-9]{1,5})?")


def host_name(scope: Scope) -> str | None:
    """The host named by the request's Host header, lower case, or None when the header
    is missing or is anything but ``host[:port]`` (``localhost:80@evil``, ``a#b``)."""
    values = [v for k, v in scope.get("headers") or [] if k == b"host"]
    if len(values) != 1:
        return None
    m = _HOST.fullmatch(values[0].decode("latin-1"))
    if m is None:
        return None
    return (m.group(1) or m.group(2)).lower()


async def _plain(send: Send, status: int, message: str) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            *SECURITY_HEADERS]})
    await send({"type": "http.response.body", "body": message.encode() + b"\n"})
