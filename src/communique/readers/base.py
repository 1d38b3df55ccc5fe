"""What every reader yields: an article with its origin, or a failure in its place.

A corpus is read lazily, one item at a time, so a reader never holds more than one file
(or one JSONL line, feed, WARC record) in memory. Failures are values, not exceptions:
one bad file or line must not stop a long ingest, and it must say where it was.
"""

from __future__ import annotations

import datetime as _dt
import email.utils
from dataclasses import dataclass, field

from ..errors import InputError
from ..inputs import decode_bytes
from ..model import Article
from ..options import DEFAULT_MAX_CHARS

#: single-article files (txt, html, json) above this many bytes are refused unread.
DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024
#: article texts shorter than this many characters (stripped) are refused
DEFAULT_MIN_CHARS = 20


@dataclass(frozen=True, slots=True)
class Item:
    """One reader output: ``article`` or ``reason`` (a one-line failure), never both.

    ``position`` is the 1-based line (JSONL), entry (feeds) or record (WARC) number, or
    ``None`` for a file that holds one article.
    """

    file: str
    position: int | None
    article: Article | None = None
    reason: str | None = None
    warnings: tuple[str, ...] = ()

    @property
    def where(self) -> str:
        return self.file if self.position is None else f"{self.file}:{self.position}"


@dataclass(frozen=True, slots=True)
class Fields:
    """Names of the record fields that hold each article attribute (dots reach inside
    nested objects: ``meta.date``)."""

    text: str = "text"
    title: str = "title"
    url: str = "url"
    published: str = "published"
    source: str = "source"
    id: str = "id"

    @classmethod
    def parse(cls, specs: list[str] | tuple[str, ...]) -> Fields:
        """From ``attr=field`` strings (the CLI's ``--field text=body``)."""
        values: dict[str, str] = {}
        for spec in specs:
            attr, sep, name = spec.partition("=")
            attr = attr.strip()
            if not sep or attr not in cls.__dataclass_fields__ or not name.strip():
                raise InputError("--field", f"{spec!r} is not ATTR=FIELD with ATTR one of "
                                            f"{', '.join(cls.__dataclass_fields__)}")
            values[attr] = name.strip()
        return cls(**values)


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """Limits and field names shared by all readers."""

    fields: Fields = field(default_factory=Fields)
    max_chars: int = DEFAULT_MAX_CHARS
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    #: shorter texts are refused: a page of navigation links is not an article
    min_chars: int = DEFAULT_MIN_CHARS


def decode(data: bytes, where: str) -> tuple[str, list[str]]:
    """Bytes to text through the project's one decoder (raises InputError)."""
    return decode_bytes(data, where)


def make_article(where: str, options: ReadOptions, text: object, *,
                 title: object = None, url: object = None, published: object = None,
                 source: object = None, id: object = None,
                 warnings: list[str] | None = None) -> Article:
    """An Article from reader fields, refusing empty, oversized or ill-typed values.

    An unreadable date (of any type: ``true``, an object) is dropped with a warning
    (appended to ``warnings``) rather than losing the article over its metadata.
    """
    if not isinstance(text, str):
        if text is None:
            raise InputError(where, "no article text found")
        raise InputError(where, f"text is a {type(text).__name__}, not a string")
    if not text.strip():
        raise InputError(where, "empty article text")
    if len(text.strip()) < options.min_chars:
        raise InputError(where, f"article text is only {len(text.strip()):,} characters, "
                                f"under the {options.min_chars:,}-character minimum (not an "
                                "article? lower it with --min-chars)")
    if len(text) > options.max_chars:
        raise InputError(where, f"article is {len(text):,} characters, over the "
                                f"{options.max_chars:,} limit (raise it with --max-chars)")

    def opt(name: str, value: object) -> str | None:
        if value is None or value == "":
            return None
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return str(value).strip() or None
        raise InputError(where, f"{name} is a {type(value).__name__}, not a string")

    readable = isinstance(published, (str, int, float)) and not isinstance(published, bool)
    date = parse_date(opt("published", published if readable else None))
    if date is None and published not in (None, "") and warnings is not None:
        warnings.append(f"{where}: published date {published!r} not understood; left empty")
    try:
        return Article(text=text, id=opt("id", id), title=opt("title", title),
                       url=opt("url", url), source=opt("source", source), published=date)
    except (ValueError, TypeError) as exc:
        raise InputError(where, str(exc)) from None


def parse_date(value: str | None) -> str | None:
    """An ISO ``YYYY-MM-DD`` from ISO dates or timestamps, RFC 822 dates (feeds, HTTP) or
    Unix seconds; ``None`` when the value is not one of these."""
    if not value:
        return None
    value = value.strip()
    try:
        return _dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    if value.isdigit() and 9 <= len(value) <= 10:
        return _dt.datetime.fromtimestamp(int(value), _dt.UTC).date().isoformat()
    return None
