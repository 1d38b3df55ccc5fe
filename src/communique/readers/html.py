"""HTML pages: the main text, title, date and URL, through trafilatura.

Navigation, comments and boilerplate are left out, so quotes and events come from the
article only. Paragraphs are separated by blank lines so no heading or caption runs into
a sentence of the body.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..errors import InputError
from ..model import Article
from .base import Item, ReadOptions, decode, make_article, parse_date
from .files import read_bytes

_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_\-]+)""", re.I)
_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr",
           "section", "article", "pre", "ul", "ol", "table", "figure", "figcaption"}


def decode_html(data: bytes, where: str, declared: str | None = None) -> tuple[str, list[str]]:
    """Decode by the declared charset (HTTP header or ``<meta>``) when it is not UTF-8,
    else through the project's UTF-8 decoder, which refuses binary and empty input."""
    text, warnings = decode(data, where)
    charset = declared
    if charset is None:
        m = _CHARSET.search(data[:4096])
        charset = m.group(1).decode("ascii") if m else None
    if warnings and charset and charset.lower().replace("_", "-") not in ("utf-8", "utf8"):
        try:
            return data.decode(charset, errors="replace"), []
        except LookupError:
            pass
    return text, warnings


def extract(html: str, where: str, options: ReadOptions, *, url: str | None = None,
            published: str | None = None, warnings: list[str] | None = None) -> Article:
    """One article from an HTML page (raises InputError when it has no main text)."""
    doc, text = main_text(html, where, url)
    source = doc.sitename or (urlsplit(doc.url or url or "").hostname or None)
    return make_article(where, options, text, title=doc.title,
                        url=doc.url or url, published=parse_date(doc.date) or published,
                        source=source, warnings=warnings)


def main_text(html: str, where: str, url: str | None) -> tuple[Any, str]:
    """trafilatura's extraction of a page (with its metadata) and the main text, one
    paragraph a line pair, without a first line that repeats the title (raises
    InputError when the page has no main text)."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True,
                                      include_comments=False, include_tables=False,
                                      include_images=False)
    if doc is None or not (doc.text or "").strip():
        raise InputError(where, "no article text found in the HTML page")
    lines = [ln.strip() for ln in doc.text.split("\n") if ln.strip()]
    if lines and doc.title and lines[0] == doc.title.strip():
        lines = lines[1:] or lines
    return doc, "\n\n".join(lines)


def fragment_text(fragment: str) -> str:
    """Text of an HTML fragment (feed summaries), one paragraph per block element."""
    import lxml.html

    if "<" not in fragment:
        return fragment.strip()
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml raises several types on broken markup; fall back to tag removal
        return re.sub(r"<[^>]+>", " ", fragment).strip()
    parts: list[str] = []

    def walk(el) -> None:  # type: ignore[no-untyped-def]
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in ("script", "style"):
            if el.tail:
                parts.append(el.tail)
            return
        if tag in _BLOCKS:
            parts.append("\n\n")
        if el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
        if tag in _BLOCKS:
            parts.append("\n\n")
        if el.tail:
            parts.append(el.tail)

    walk(root)
    paragraphs = [" ".join(p.split()) for p in "".join(parts).split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p)


def read_html(path: Path, where: str, options: ReadOptions) -> Iterator[Item]:
    warnings: list[str] = []
    try:
        html, warnings = decode_html(read_bytes(path, where, options.max_file_bytes), where)
        article = extract(html, where, options, warnings=warnings)
    except InputError as exc:
        yield Item(where, None, reason=exc.problem)
        return
    yield Item(where, None, article, warnings=tuple(warnings))
