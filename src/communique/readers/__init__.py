"""Readers: files, directories, globs and standard input to a stream of articles.

``read_paths`` yields :class:`Item` values in a stable order (arguments in order,
directory contents sorted), each an article with its origin or a one-line failure, so an
ingest can record exactly which file and line it could not use and go on.
"""

from __future__ import annotations

import glob
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .base import Fields, Item, ReadOptions
from .feeds import read_feed
from .html import read_html
from .jsonl import read_json, read_jsonl, read_lines
from .text import read_text
from .warc import read_warc

__all__ = ["Fields", "Item", "ReadOptions", "read_paths", "reader_for", "SUFFIXES"]

Reader = Callable[[Path, str, ReadOptions], Iterator[Item]]

#: file name endings and their readers, longest first so ``.jsonl.gz`` beats ``.gz``
SUFFIXES: dict[str, Reader] = {
    ".warc.gz": read_warc, ".jsonl.gz": read_jsonl, ".ndjson.gz": read_jsonl,
    ".json.gz": read_json, ".warc": read_warc, ".jsonl": read_jsonl, ".ndjson": read_jsonl,
    ".json": read_json, ".xhtml": read_html, ".html": read_html, ".htm": read_html,
    ".rss": read_feed, ".atom": read_feed, ".xml": read_feed, ".text": read_text,
    ".txt": read_text,
}


def reader_for(path: Path) -> Reader | None:
    name = path.name.lower()
    for suffix, reader in SUFFIXES.items():
        if name.endswith(suffix):
            return reader
    return None


def expand_paths(arg: str) -> Iterator[tuple[Path | None, str, str | None]]:
    """``(path, shown name, problem)`` for each file an argument names."""
    p = Path(arg)
    if p.is_dir():
        for f in sorted(p.rglob("*")):
            rel = f.relative_to(p).parts
            if f.is_file() and not any(part.startswith(".") for part in rel) \
                    and reader_for(f) is not None:
                yield f, str(f), None
        return
    if p.exists():
        yield p, arg, None
        return
    if glob.has_magic(arg):
        matches = sorted(glob.glob(arg, recursive=True))
        if not matches:
            yield None, arg, "pattern matched no files"
        for m in matches:
            yield from expand_paths(m)
        return
    yield None, arg, "no such file or directory"


def read_paths(paths: Iterable[str], options: ReadOptions | None = None,
               stdin=None) -> Iterator[Item]:  # type: ignore[no-untyped-def]
    """Every article in ``paths`` (files, directories, globs; ``-`` is JSONL on stdin)."""
    options = options or ReadOptions()
    for arg in paths:
        if arg == "-":
            yield from read_lines(stdin or sys.stdin.buffer, "<stdin>", options)
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
            yield from reader(path, where, options)
