"""Web archives (``.warc``, ``.warc.gz``): HTML responses go through the HTML reader.

Other records (requests, metadata, images, redirects) are skipped without a failure: an
archive is mostly such records. ``position`` is the 1-based record number.
"""

from __future__ import annotations

import dataclasses
import zlib
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from .base import Item, ReadOptions, parse_date
from .files import check_regular
from .html import decode_html, extract

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _looks_like_warc(head: bytes) -> bool:
    """The first record starts with ``WARC/``, once gunzipped if the file is gzipped."""
    if head[:2] == b"\x1f\x8b":
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
        except zlib.error:
            return False
    return head.lstrip()[:5] == b"WARC/"


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ")
    return None


def read_warc(path: Path, where: str, options: ReadOptions) -> Iterator[Item]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    class Quiet(ArchiveIterator):  # type: ignore[misc]
        INC_RECORD = ""  # warcio's three-line stderr warning; counted in err_count instead

    try:  # gzip is handled by warcio itself, member by member
        check_regular(path, where)
        stream = open(path, "rb")
        head = stream.peek(4096)[:4096]
        if not head.strip():
            stream.close()
            raise InputError(where, "empty file")
        if not _looks_like_warc(head):
            stream.close()
            raise InputError(where, "not a WARC file (no WARC/1.x record header)")
    except OSError as exc:
        yield Item(where, None, reason=f"cannot read: {exc.strerror or exc}")
        return
    except InputError as exc:
        yield Item(where, None, reason=exc.problem)
        return
    position = 0
    held: Item | None = None  # yielded one record late, to carry a length warning

    def note(item: Item | None, warning: str) -> Item | None:
        if item is None:
            return None
        return dataclasses.replace(item, warnings=(*item.warnings, warning))

    with stream:
        records = Quiet(stream)
        errors = 0
        try:
            for record in records:
                if records.err_count > errors:  # the previous record's length was wrong
                    errors = records.err_count
                    held = note(held, f"{where}:{position}: WARC record not followed by a "
                                      "blank line (its Content-Length may be wrong)")
                position += 1
                item = _record(record, where, position, options)
                if item is not None:
                    if held is not None:
                        yield held
                    held = item
        except (ArchiveLoadFailed, ValueError, OSError, EOFError) as exc:
            problem = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            if held is not None:
                yield held
                held = None
            yield Item(where, position + 1 if position else None,
                       reason=f"not a readable WARC file: {problem}" if not position
                       else f"corrupt WARC record: {problem}")
        if held is not None:
            yield held


def _record(record, where: str, position: int,  # type: ignore[no-untyped-def]
            options: ReadOptions) -> Item | None:
    if record.rec_type not in ("response", "resource"):
        return None
    if record.rec_type == "response":
        if record.http_headers is None or record.http_headers.get_statuscode() != "200":
            return None
        content_type = record.http_headers.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    if content_type.split(";")[0].strip().lower() not in _HTML_TYPES:
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    item_where = f"{where}:{position}"
    warnings: list[str] = []
    try:
        data = record.content_stream().read(options.max_file_bytes + 1)
        if len(data) > options.max_file_bytes:
            raise InputError(item_where, f"HTML response over the "
                                         f"{options.max_file_bytes:,}-byte limit")
        missing = getattr(record.raw_stream, "limit", 0)
        html, warnings = decode_html(data, item_where, _charset(content_type))
        if missing:  # the file ended inside the record: its Content-Length was not met
            warnings.append(f"{item_where}: truncated WARC record ({missing:,} of its "
                            f"{record.length:,} bytes missing); stored what was there")
        article = extract(html, item_where, options, url=url,
                          published=parse_date(record.rec_headers.get_header("WARC-Date")),
                          warnings=warnings)
    except InputError as exc:
        return Item(where, position, reason=exc.problem)
    return Item(where, position, article, warnings=tuple(warnings))
