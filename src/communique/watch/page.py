"""An article page: fetched politely, checked to be HTML, extracted with trafilatura.

The page's own title and date win; the listing's fill in when the page lacks them.
The article's URL is the page's canonical link (``<link rel=canonical>``, ``og:url``)
when it gives one, else the URL reached after redirects.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..errors import InputError
from ..model import Article
from ..readers.base import ReadOptions, make_article, parse_date
from ..readers.html import decode_html, main_text
from .http import Client, FetchError
from .sources import canonical_url

HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(slots=True)
class Page:
    """What became of one item: an article (with its author) or a failure reason."""

    url: str  # the item URL (as listed, canonical)
    article: Article | None = None
    author: str | None = None
    reason: str | None = None
    permanent: bool = False  # no later poll can do better (robots, 4xx, too big, not HTML)
    seconds: float = 0.0
    from_state: bool = False  # extracted on an earlier run, not fetched now


def extract(html: str, where: str, page_url: str, options: ReadOptions, *,
            title: str | None, published: str | None) -> tuple[Article, str | None]:
    """The article of an HTML page and its author (raises InputError)."""
    doc, text = main_text(html, where, page_url)
    url = canonical_url(doc.url or "", page_url) or canonical_url(page_url) or page_url
    source = doc.sitename or urlsplit(url).hostname or None
    article = make_article(where, options, text, title=doc.title or title,
                           url=url, published=parse_date(doc.date) or published,
                           source=source)
    return article, (doc.author or None)


def fetch_page(client: Client, url: str, options: ReadOptions, *, title: str | None,
               published: str | None) -> Page:
    """Fetch and extract one item; every problem becomes ``Page.reason``."""
    t0 = time.perf_counter()
    page = Page(url)
    try:
        client.allowed(url)
        r = client.get(url)
        if r.content_type and r.content_type not in HTML_TYPES:
            raise FetchError(url, f"not an HTML page ({r.content_type})", retry=False)
        if not r.content_type and b"<html" not in r.body[:4096].lower():
            raise FetchError(url, "not an HTML page (no content type, no <html>)",
                             retry=False)
        html, _ = decode_html(r.body, url, r.charset)
        page.article, page.author = extract(html, url, r.url, options, title=title,
                                            published=published)
    except FetchError as exc:
        page.reason, page.permanent = exc.reason, not exc.retry
    except InputError as exc:
        page.reason, page.permanent = exc.problem, False
    except Exception as exc:  # an extractor bug on one odd page must not stop the poll
        first = (str(exc).splitlines() or [""])[0]
        page.reason = f"extraction failed: {type(exc).__name__}: {first}"[:300]
    page.seconds = time.perf_counter() - t0
    return page
