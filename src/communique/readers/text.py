"""Plain-text files: the whole file is one article."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from .base import Item, ReadOptions, decode, make_article
from .files import read_bytes


def read_text(path: Path, where: str, options: ReadOptions) -> Iterator[Item]:
    try:
        text, warnings = decode(read_bytes(path, where, options.max_file_bytes), where)
        article = make_article(where, options, text, warnings=warnings)
    except InputError as exc:
        yield Item(where, None, reason=exc.problem)
        return
    yield Item(where, None, article, warnings=tuple(warnings))
