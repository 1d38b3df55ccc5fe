"""What a source lists: RSS/Atom entries, news sitemap URLs, or a sitemap index's sitemaps.

A source argument is an http(s) URL or a file naming such URLs one a line (``#`` starts
a comment). A fetched listing is recognised by its content: ``<urlset>`` is a sitemap,
``<sitemapindex>`` an index of sitemaps, anything else goes to feedparser. URLs are
made canonical (lower-case scheme and host, no default port, fragment or tracking
parameters) so one article listed under two spellings is fetched once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from ..errors import InputError
from ..readers.base import parse_date

#: query parameters that only track the reader, never select the page
TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid|at_\w+)$", re.I)


@dataclass(frozen=True, slots=True)
class Entry:
    """One listed article: its canonical URL and what the listing says of it."""

    url: str
    title: str | None = None
    published: str | None = None  # ISO date


@dataclass(slots=True)
class Listing:
    kind: str  # feed | sitemap | index
    entries: list[Entry] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)  # an index's child sitemaps
    title: str | None = None


class ListingError(Exception):
    """The body is not a feed or sitemap (one-line reason)."""


def canonical_url(url: str, base: str | None = None) -> str | None:
    """The URL without what does not change the page; None unless http(s)."""
    url = (url or "").strip()
    if base:
        url = urljoin(base, url)
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower()
    if ":" in host:
        host = f"[{host}]"
    if port and not (scheme == "http" and port == 80 or scheme == "https" and port == 443):
        host = f"{host}:{port}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if not TRACKING.match(k)])
    return urlunsplit((scheme, host, parts.path or "/", query, ""))


def expand(args: Iterable[str]) -> list[str]:
    """Source URLs from the command line: URLs as they are, files read one URL a line.
    Raises InputError naming the file and line of anything else."""
    out: list[str] = []
    for arg in args:
        if re.match(r"^[a-z][a-z0-9+.-]*://", arg, re.I):
            url = canonical_url(arg)
            if url is None:
                raise InputError(arg, "not an http(s) URL")
            out.append(url)
            continue
        path = Path(arg)
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            raise InputError(arg, "no such file (a source is a URL or a file of URLs)") \
                from None
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(arg, f"cannot read the list of sources ({exc})") from None
        for n, line in enumerate(lines, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            url = canonical_url(line)
            if url is None:
                raise InputError(f"{arg}:{n}", f"{line[:80]!r} is not an http(s) URL")
            out.append(url)
    return list(dict.fromkeys(out))


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _sitemap(body: bytes, base: str) -> Listing:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                             load_dtd=False)
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as exc:
        raise ListingError(f"malformed XML ({str(exc).splitlines()[0][:120]})") from None
    if _local(root.tag) == "sitemapindex":
        listing = Listing("index")
        for sm in root:
            loc = next((c.text for c in sm if _local(c.tag) == "loc" and c.text), None)
            url = canonical_url(loc, base) if loc else None
            if url:
                listing.sitemaps.append(url)
        return listing
    listing = Listing("sitemap")
    for node in root:
        if _local(node.tag) != "url":
            continue
        loc = title = date = None
        for child in node.iter():
            name = _local(child.tag)
            text = (child.text or "").strip()
            if name == "loc" and loc is None:
                loc = text
            elif name == "title" and text:
                title = text
            elif name == "publication_date" and text:
                date = text
            elif name == "lastmod" and text and date is None:
                date = text
        url = canonical_url(loc, base) if loc else None
        if url:
            listing.entries.append(Entry(url, title, parse_date(date) if date else None))
    return listing


def _entry_date(entry: object) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        t = entry.get(key)  # type: ignore[attr-defined]
        if t:
            return dt.date(t.tm_year, t.tm_mon, t.tm_mday).isoformat()
    return None


def parse(body: bytes, base: str) -> Listing:
    """The entries (or child sitemaps) of a fetched listing; raises ListingError."""
    head = body[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head:
        raise ListingError("empty response")
    if b"\x00" in head:
        raise ListingError("binary data, not a feed or sitemap")
    if re.search(rb"<(\w+:)?(urlset|sitemapindex)[\s>]", head):
        return _sitemap(body, base)
    import feedparser

    feed = feedparser.parse(body)
    if not feed.entries and (feed.get("bozo") or not feed.get("version")):
        problem = feed.get("bozo_exception")
        reason = str(problem).splitlines()[0][:120] if problem else "no entries"
        raise ListingError(f"not an RSS or Atom feed or a sitemap ({reason})")
    listing = Listing("feed", title=feed.feed.get("title") or None)
    for entry in feed.entries:
        link = entry.get("link")
        if not link:
            for alt in entry.get("links") or []:
                if alt.get("href"):
                    link = alt["href"]
                    break
        url = canonical_url(link, base) if link else None
        if url:
            listing.entries.append(Entry(url, entry.get("title") or None,
                                         _entry_date(entry)))
    return listing
