"""RSS and Atom feed files: one article per entry, through feedparser.

Entries carry HTML fragments (full content or a summary); their text is taken paragraph
by paragraph. ``position`` is the 1-based entry number.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..inputs import utf_bom
from .base import Item, ReadOptions, make_article
from .files import read_bytes
from .html import fragment_text


def _entry_text(entry: Any) -> str | None:
    for content in entry.get("content") or []:
        if content.get("value"):
            return fragment_text(content["value"])
    summary = entry.get("summary")
    return fragment_text(summary) if summary else None


def _entry_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        t = entry.get(key)
        if t:
            return dt.date(t.tm_year, t.tm_mon, t.tm_mday).isoformat()
    return None


def read_feed(path: Path, where: str, options: ReadOptions) -> Iterator[Item]:
    import feedparser

    try:
        data = read_bytes(path, where, options.max_file_bytes)
        if not data.strip():
            raise InputError(where, "empty file")
        if b"\x00" in data[:4096] and utf_bom(data) is None:  # feedparser reads UTF-16/32
            raise InputError(where, "binary data (NUL bytes), not a feed")
        feed = feedparser.parse(data)
        if not feed.entries and (feed.get("bozo") or not feed.get("version")):
            problem = feed.get("bozo_exception")
            reason = str(problem).splitlines()[0] if problem else "no entries"
            raise InputError(where, f"not an RSS or Atom feed ({reason})")
    except InputError as exc:
        yield Item(where, None, reason=exc.problem)
        return
    source = feed.feed.get("title") or None
    for i, entry in enumerate(feed.entries, 1):
        position_where = f"{where}:{i}"
        warnings: list[str] = []
        try:
            article = make_article(position_where, options, _entry_text(entry),
                                   title=entry.get("title"), url=entry.get("link"),
                                   published=_entry_date(entry), source=source,
                                   warnings=warnings)
        except InputError as exc:
            yield Item(where, i, reason=exc.problem)
            continue
        yield Item(where, i, article, warnings=tuple(warnings))
