"""Readers: files, directories, globs and standard input to a stream of articles.

``read_paths`` yields :class:`Item` values in a stable order (arguments in order,
directory contents sorted), each an article with its origin or a one-line failure, so an
ingest can record exactly which file and line it could not use and go on.
"""

from __future__ import annotations

import errno
import glob
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .base import Fields, Item, ReadOptions
from .delimited import read_delimited
from .feeds import read_feed
from .files import not_regular
from .html import read_html
from .jsonl import read_json, read_jsonl, read_lines
from .text import read_text
from .warc import read_warc

__all__ = ["Fields", "Item", "ReadOptions", "read_paths", "reader_for", "shown", "SUFFIXES"]

#: failures of one file recorded one by one; the rest are counted in one summary row
MAX_FAILURES_PER_FILE = 100
#: a file is given up after this many failures in a row (a gzip bomb of ``{}`` lines)
MAX_CONSECUTIVE_FAILURES = 1000

Reader = Callable[[Path, str, ReadOptions], Iterator[Item]]

#: file name endings and their readers, longest first so ``.jsonl.gz`` beats ``.gz``
SUFFIXES: dict[str, Reader] = {
    ".warc.gz": read_warc, ".jsonl.gz": read_jsonl, ".ndjson.gz": read_jsonl,
    ".json.gz": read_json, ".csv.gz": read_delimited, ".tsv.gz": read_delimited,
    ".tab.gz": read_delimited, ".warc": read_warc, ".jsonl": read_jsonl, ".ndjson": read_jsonl,
    ".json": read_json, ".xhtml": read_html, ".html": read_html, ".htm": read_html,
    ".rss": read_feed, ".atom": read_feed, ".xml": read_feed, ".text": read_text,
    ".txt": read_text, ".csv": read_delimited, ".tsv": read_delimited, ".tab": read_delimited,
}


def reader_for(path: Path) -> Reader | None:
    name = path.name.lower()
    for suffix, reader in SUFFIXES.items():
        if name.endswith(suffix):
            return reader
    return None


def shown(name: str) -> str:
    """A file name fit for one line of a message and for the store: bytes that are not
    UTF-8 as ``\\xNN``, newlines and other control or invisible characters escaped."""
    try:
        text = os.fsencode(name).decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a lone surrogate that did not come from the file system
        text = name.encode("utf-8", "backslashreplace").decode("utf-8")
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii")
                   for c in text)


def _problem(p: Path) -> str | None:
    """Why ``p`` (which exists or is a link) cannot be read as a file, or None."""
    try:
        mode = os.stat(p).st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop (too many levels of symbolic links)"
        if p.is_symlink() and exc.errno == errno.ENOENT:
            return "broken symbolic link (its target does not exist)"
        return f"cannot read: {exc.strerror or exc}"
    kind = not_regular(mode)
    return f"{kind}, not a regular file: give article files" if kind else None


def expand_paths(arg: str) -> Iterator[tuple[Path | None, str, str | None]]:
    """``(path, shown name, problem)`` for each file an argument names; FIFOs, devices
    and sockets named on the command line are refused (directories skip them)."""
    p = Path(arg)
    try:
        is_dir, exists = p.is_dir(), p.exists() or p.is_symlink()
    except OSError as exc:  # e.g. a name too long, a directory without permission
        yield None, shown(arg), f"cannot read: {exc.strerror or exc}"
        return
    if is_dir:
        for f in sorted(p.rglob("*")):
            rel = f.relative_to(p).parts
            if f.is_file() and not any(part.startswith(".") for part in rel) \
                    and reader_for(f) is not None:
                yield f, shown(str(f)), None
        return
    if exists:
        problem = _problem(p)
        yield (None if problem else p), shown(arg), problem
        return
    if glob.has_magic(arg):
        matches = sorted(glob.glob(arg, recursive=True))
        if not matches:
            yield None, shown(arg), "pattern matched no files"
        for m in matches:
            yield from expand_paths(m)
        return
    yield None, shown(arg), "no such file or directory"


def capped(items: Iterator[Item]) -> Iterator[Item]:
    """The items of one file, with at most ``MAX_FAILURES_PER_FILE`` failures one by
    one (the others in one summary failure at the end), and the file given up after
    ``MAX_CONSECUTIVE_FAILURES`` failures in a row: a hostile file cannot write failure
    rows, or be read, without end."""
    failures = in_a_row = hidden = 0
    first: Item | None = None
    stopped = False
    for item in items:
        if item.article is not None:
            in_a_row = 0
            yield item
            continue
        failures += 1
        in_a_row += 1
        if failures <= MAX_FAILURES_PER_FILE:
            yield item
        else:
            hidden += 1
            first = first or item
        if in_a_row >= MAX_CONSECUTIVE_FAILURES:
            stopped = True
            break
    if hidden or stopped:
        where = first or item
        more = f"{hidden:,} more failures not listed one by one" if hidden else ""
        stop = (f"stopped reading after {MAX_CONSECUTIVE_FAILURES:,} failures in a row; the "
                "rest of the file is not read") if stopped else ""
        reason = "; ".join(x for x in (more, stop) if x)
        reason += f" (the first: {first.reason})" if first is not None \
            else f" (the last: {item.reason})"
        yield Item(where.file, where.position, reason=reason)


def read_paths(paths: Iterable[str], options: ReadOptions | None = None,
               stdin=None) -> Iterator[Item]:  # type: ignore[no-untyped-def]
    """Every article in ``paths`` (files, directories, globs; ``-`` is JSONL on stdin)."""
    options = options or ReadOptions()
    for arg in paths:
        if arg == "-":
            yield from capped(read_lines(stdin or sys.stdin.buffer, "<stdin>", options))
            continue
        for path, where, problem in expand_paths(arg):
            if path is None:
                yield Item(where, None, reason=problem)
                continue
            reader = reader_for(path) or (read_text if not path.suffix else None)
            if reader is None:
                known = ", ".join(sorted({s.split(".")[1] for s in SUFFIXES}))
                yield Item(where, None, reason=f"unsupported file type (expected {known})")
                continue
            yield from capped(reader(path, where, options))
