"""JSON and JSON Lines files (optionally gzipped), and JSON Lines on standard input.

Field names are configurable (:class:`Fields`), so a news API dump is read without
rewriting it. A malformed line fails alone, with its line number; the file goes on.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import InputError
from ..inputs import utf_bom
from ..model import Article
from .base import Fields, Item, ReadOptions, make_article
from .files import bounded_lines, open_stream, read_bytes

#: keys under which API dumps commonly wrap their list of articles
_WRAPPERS = ("articles", "results", "items", "data", "docs", "documents", "records")


def get_field(record: dict[str, Any], name: str) -> Any:
    """``record[name]``, following dots into nested objects (``meta.date``)."""
    if name in record:
        return record[name]
    value: Any = record
    for part in name.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def record_article(record: Any, where: str, options: ReadOptions,
                   warnings: list[str] | None = None) -> Article:
    """An Article from one JSON object, via the configured field names."""
    if not isinstance(record, dict):
        raise InputError(where, f"expected a JSON object, found {_kind(record)}")
    f: Fields = options.fields
    text = get_field(record, f.text)
    if text is None:
        if _present(record, f.text):
            raise InputError(where, f"{f.text!r} is null, not the article text")
        raise InputError(where, f"no {f.text!r} field (set the text field with "
                                "--field text=NAME)")
    return make_article(where, options, text, title=get_field(record, f.title),
                        url=get_field(record, f.url), published=get_field(record, f.published),
                        source=get_field(record, f.source), id=get_field(record, f.id),
                        warnings=warnings)


def _present(record: dict[str, Any], name: str) -> bool:
    """Whether ``record`` has the field ``name`` at all (null or not)."""
    if name in record:
        return True
    *parents, last = name.split(".")
    value: Any = record
    for part in parents:
        if not isinstance(value, dict) or part not in value:
            return False
        value = value[part]
    return isinstance(value, dict) and last in value


def parse_json(text: str | bytes) -> Any:
    """``json.loads``, with the limits of Python's parser as ValueError one-liners:
    nesting past the recursion limit, integers of over 4,300 digits."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise
    except RecursionError:
        raise ValueError("nested too deeply") from None
    except ValueError as exc:  # int_max_str_digits
        if "digits" in str(exc):
            raise ValueError(f"a number of over {sys.get_int_max_str_digits():,} "
                             "digits") from None
        raise ValueError(str(exc).splitlines()[0] if str(exc) else "invalid") from None


def _kind(value: Any) -> str:
    return {list: "an array", str: "a string", int: "a number", float: "a number",
            bool: "a boolean", type(None): "null"}.get(type(value), type(value).__name__)


def _one(record: Any, file: str, position: int | None, options: ReadOptions) -> Item:
    where = file if position is None else f"{file}:{position}"
    warnings: list[str] = []
    try:
        return Item(file, position, record_article(record, where, options, warnings),
                    warnings=tuple(warnings))
    except InputError as exc:
        return Item(file, position, reason=exc.problem)


def read_lines(stream: BinaryIO, file: str, options: ReadOptions) -> Iterator[Item]:
    """One article per non-blank line; ``position`` is the 1-based line number."""
    limit = options.max_file_bytes
    lines = bounded_lines(stream, limit)
    lineno = 0
    while True:
        try:
            raw = next(lines, b"")
        except (OSError, EOFError) as exc:
            yield Item(file, lineno + 1, reason=f"cannot read further: {exc}")
            return
        if raw == b"":
            return
        lineno += 1
        if raw is None:
            yield Item(file, lineno, reason=f"line is over the {limit:,}-byte limit")
            continue
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            yield Item(file, lineno, reason=f"invalid UTF-8 at byte {exc.start} of the line")
            continue
        try:
            record = parse_json(line)
        except json.JSONDecodeError as exc:
            yield Item(file, lineno, reason=f"malformed JSON: {exc.msg} (column {exc.colno})")
            continue
        except ValueError as exc:
            yield Item(file, lineno, reason=f"unreadable JSON: {exc}")
            continue
        yield _one(record, file, lineno, options)


def read_jsonl(path: Path, where: str, options: ReadOptions) -> Iterator[Item]:
    try:
        stream = open_stream(path, where)
    except InputError as exc:
        yield Item(where, None, reason=exc.problem)
        return
    with stream:
        yield from read_lines(stream, where, options)


def read_json(path: Path, where: str, options: ReadOptions) -> Iterator[Item]:
    """A JSON file: one article object, an array of them, or an object wrapping an array
    (``{"articles": [...]}``); ``position`` is the 1-based index in the array."""
    try:
        data = read_bytes(path, where, options.max_file_bytes)
        if not data.strip():
            raise InputError(where, "empty file")
        encoding = utf_bom(data) or "utf-8-sig"
        if encoding == "utf-8-sig" and b"\x00" in data[:4096]:
            raise InputError(where, "binary data (NUL bytes), not JSON")
        try:
            doc = parse_json(data.decode(encoding))
        except UnicodeDecodeError as exc:
            raise InputError(where, f"invalid {encoding.removesuffix('-sig').upper()} at "
                                    f"byte {exc.start}") from None
        except json.JSONDecodeError as exc:
            raise InputError(where, f"malformed JSON: {exc.msg} (line {exc.lineno}, "
                                    f"column {exc.colno})") from None
        except ValueError as exc:
            raise InputError(where, f"unreadable JSON: {exc}") from None
    except InputError as exc:
        yield Item(where, None, reason=exc.problem)
        return
    if isinstance(doc, dict) and get_field(doc, options.fields.text) is None:
        for key in _WRAPPERS:
            if isinstance(doc.get(key), list):
                doc = doc[key]
                break
    if isinstance(doc, list):
        for i, record in enumerate(doc, 1):
            yield _one(record, where, i, options)
    else:
        yield _one(doc, where, None, options)
