"""Turning files and bytes into article text, refusing what is not text.

Every refusal is an :class:`InputError` whose message names the input and the problem in
one line; recoverable damage (invalid UTF-8) becomes a warning and replacement characters.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .errors import InputError
from .model import Article
from .options import DEFAULT_MAX_CHARS

#: share of control characters above which bytes are taken to be binary, not text
BINARY_CONTROL_SHARE = 0.05
_ALLOWED_CONTROLS = {9, 10, 12, 13}


def decode_bytes(data: bytes, where: str) -> tuple[str, list[str]]:
    """Decode article bytes as UTF-8 (BOM allowed), or UTF-16/32 when they start with its
    byte-order mark: ``(text, warnings)``.

    Empty and binary inputs raise :class:`InputError`; invalid UTF-8 is decoded with
    U+FFFD replacements and a warning naming the first bad byte offset.
    """
    if not data.strip():
        raise InputError(where, "empty input (no text to analyse)")
    bom = utf_bom(data)
    if bom is not None:
        text = data.decode(bom, errors="replace")
        if not text.strip():
            raise InputError(where, "empty input (only whitespace)")
        bad = text.count("\ufffd")
        return text, ([f"{where}: {bad} undecodable {bom.upper()} sequence(s) replaced with "
                       "U+FFFD"] if bad else [])
    sample = data[:65536]
    if b"\x00" in sample:
        raise InputError(where, "binary data (NUL bytes), not a text article")
    controls = sum(1 for b in sample if b < 32 and b not in _ALLOWED_CONTROLS)
    if controls > BINARY_CONTROL_SHARE * len(sample):
        raise InputError(where, "binary data (control bytes), not a text article")
    warnings: list[str] = []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd")
        warnings.append(f"{where}: invalid UTF-8 at byte {exc.start}; "
                        f"{bad} undecodable byte sequence(s) replaced with U+FFFD")
    if not text.strip():
        raise InputError(where, "empty input (only whitespace)")
    return text, warnings


def utf_bom(data: bytes) -> str | None:
    """``utf-32``/``utf-16`` when ``data`` starts with that byte-order mark."""
    import codecs

    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"  # tested first: its little-endian mark starts with UTF-16's
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return None


def read_article(path: str, *, published: str | None = None,
                 max_chars: int = DEFAULT_MAX_CHARS) -> tuple[Article, list[str]]:
    """Read one text article from a path, or from standard input when ``path`` is ``-``.

    Files larger than four bytes per allowed character are refused before reading, so an
    oversized input never costs memory.
    """
    where = "<stdin>" if path == "-" else path
    if path == "-":
        data = sys.stdin.buffer.read(max_chars * 4 + 1)
    else:
        p = Path(path)
        if not p.exists():
            raise InputError(where, "no such file")
        if p.is_dir():
            raise InputError(where, "is a directory (give article files)")
        from .readers.files import check_regular

        size = check_regular(p, where)
        if size > max_chars * 4:
            raise InputError(where, f"file is {size:,} bytes, too large for one article "
                                    f"(limit {max_chars:,} characters; see --max-chars)")
        try:
            with open(p, "rb") as f:
                data = f.read(max_chars * 4 + 1)
        except OSError as exc:
            raise InputError(where, f"cannot read: {exc.strerror or exc}") from None
    text, warnings = decode_bytes(data, where)
    if len(text) > max_chars:
        raise InputError(where, f"article is {len(text):,} characters, over the "
                                f"{max_chars:,} limit (split it, or raise --max-chars)")
    try:
        article = Article(text=text, published=published)
    except ValueError as exc:
        raise InputError(where, str(exc)) from None
    return article, warnings
