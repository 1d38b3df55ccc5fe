"""CSV and TSV files (optionally gzipped): a header row, then one article per row.

The delimiter comes from the name (``.csv`` comma, ``.tsv``/``.tab`` tab). Columns are
found by the configured field names (:class:`Fields`); while a name is left at its
default, the usual alternatives are tried too (``text``, ``body``, ``content`` for the
text; ``published``, ``date`` for the date), first exactly, then ignoring case and
surrounding spaces. A file without the text column is one failure naming the columns it
has; a row without text, or a row that cannot be parsed, fails alone with its line
number; a row with more or fewer cells than the header is kept with a warning when its
text is there.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from .base import Fields, Item, ReadOptions, make_article
from .files import bounded_lines, open_stream

#: columns tried, in order, for an attribute whose field name is left at its default
ALTERNATIVES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content"),
    "published": ("published", "date"),
}
#: header names shown in the "no text column" failure before "..."
SHOWN_COLUMNS = 30


def delimiter_for(name: str) -> str:
    return "\t" if name.lower().removesuffix(".gz").endswith((".tsv", ".tab")) else ","


def candidates(fields: Fields, attr: str) -> tuple[str, ...]:
    """The column names tried for ``attr``: the configured one, or the alternatives
    while it is the default."""
    name = getattr(fields, attr)
    default = Fields.__dataclass_fields__[attr].default
    return ALTERNATIVES.get(attr, (name,)) if name == default else (name,)


def find_column(header: list[str], names: tuple[str, ...]) -> int | None:
    """The index of the first of ``names`` in ``header``: exact, then ignoring case and
    surrounding spaces."""
    for name in names:
        if name in header:
            return header.index(name)
    loose = [h.strip().casefold() for h in header]
    for name in names:
        if name.strip().casefold() in loose:
            return loose.index(name.strip().casefold())
    return None


def _lines(stream: BinaryIO, limit: int, bad: list[int], long: list[int]) -> Iterator[str]:
    """Text lines of ``stream``, invalid UTF-8 replaced (its line numbers appended to
    ``bad``); a line over ``limit`` bytes is skipped unread (its number appended to
    ``long``) and its row then fails."""
    for lineno, raw in enumerate(bounded_lines(stream, limit), 1):
        if raw is None:
            long.append(lineno)
            raw = b"\n"
        try:
            yield raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
        except UnicodeDecodeError:
            bad.append(lineno)
            yield raw.decode("utf-8", errors="replace")


def read_delimited(path: Path, where: str, options: ReadOptions) -> Iterator[Item]:
    """Every row of a CSV/TSV file as an article; ``position`` is the line the row
    starts on (the header is line 1)."""
    try:
        stream = open_stream(path, where)
    except InputError as exc:
        yield Item(where, None, reason=exc.problem)
        return
    with stream:
        yield from read_rows(stream, where, options, delimiter_for(path.name))


def read_rows(stream: BinaryIO, where: str, options: ReadOptions,
              delimiter: str = ",") -> Iterator[Item]:
    if csv.field_size_limit() < options.max_chars + 1:  # an article fits in one cell
        csv.field_size_limit(options.max_chars + 1)
    bad: list[int] = []
    long: list[int] = []
    rows = csv.reader(_lines(stream, options.max_file_bytes, bad, long), delimiter=delimiter,
                      strict=True)
    try:
        header = next(rows, None)
    except (csv.Error, OSError, EOFError) as exc:
        yield Item(where, 1, reason=f"unreadable header row: {_problem(exc, options)}")
        return
    while header is not None and not any(h.strip() for h in header):
        header = next(rows, None)  # blank lines before the header
    if header is None:
        yield Item(where, None, reason="empty file (no header row)")
        return
    f = options.fields
    columns = {attr: find_column(header, candidates(f, attr))
               for attr in Fields.__dataclass_fields__}
    if columns["text"] is None:
        tried = candidates(f, "text")
        has = ", ".join(repr(h) for h in header[:SHOWN_COLUMNS]) + \
            (", ..." if len(header) > SHOWN_COLUMNS else "")
        yield Item(where, None, reason=f"no text column ({' or '.join(map(repr, tried))}); "
                                       f"its columns are {has} (choose one with --text-field)")
        return
    start = rows.line_num + 1
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except (csv.Error, OSError, EOFError) as exc:
            yield Item(where, start, reason=f"unreadable row: {_problem(exc, options)}")
            start = rows.line_num + 1
            continue
        position, start = start, rows.line_num + 1
        cut = [n for n in long if position <= n < start]
        if cut:
            yield Item(where, position, reason=f"line {cut[0]} is over the "
                                               f"{options.max_file_bytes:,}-byte limit")
            continue
        if not row or (len(row) == 1 and not row[0].strip()):
            continue  # a blank line
        yield _row(row, header, columns, where, position, options,
                   [n for n in bad if position <= n < start])
        bad[:] = [n for n in bad if n >= start]
        long[:] = [n for n in long if n >= start]


def _row(row: list[str], header: list[str], columns: dict[str, int | None], file: str,
         position: int, options: ReadOptions, bad_lines: list[int]) -> Item:
    here = f"{file}:{position}"
    warnings = [f"{here}: invalid UTF-8 replaced with U+FFFD"] if bad_lines else []
    if len(row) != len(header):
        warnings.append(f"{here}: {_cells(len(row))} where the header has "
                        f"{len(header)} columns")

    def cell(attr: str) -> str | None:  # a blank cell is no value
        i = columns[attr]
        return row[i] if i is not None and i < len(row) and row[i].strip() else None

    text = cell("text")
    if text is None or not text.strip():
        i = columns["text"]
        name = header[i] if i is not None else "text"
        short = f" (the row has {_cells(len(row))}, the header {len(header)})" \
            if len(row) != len(header) else ""
        return Item(file, position, reason=f"no article text in column {name!r}{short}")
    try:
        article = make_article(here, options, text, title=cell("title"), url=cell("url"),
                               published=cell("published"), source=cell("source"),
                               id=cell("id"), warnings=warnings)
    except InputError as exc:
        return Item(file, position, reason=exc.problem)
    return Item(file, position, article, warnings=tuple(warnings))


def _cells(n: int) -> str:
    return f"{n} cell" if n == 1 else f"{n} cells"


def _problem(exc: BaseException, options: ReadOptions) -> str:
    msg = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if "unexpected end of data" in msg:
        return "an unclosed quote runs to the end of the file"
    if "field larger than field limit" in msg:
        return (f"a cell is over the {options.max_chars:,}-character limit (an unclosed "
                "quote?)")
    return msg
