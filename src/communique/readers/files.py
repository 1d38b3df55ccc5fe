"""Opening input files safely: size limits, gzip, and a first look for binary data."""

from __future__ import annotations

import gzip
import io
import os
import stat
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from ..inputs import utf_bom

_KINDS = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISDIR, "a directory"))


def not_regular(mode: int) -> str | None:
    """What a file of this ``st_mode`` is when it is not a regular file (which could
    block forever, like a FIFO, or never end, like ``/dev/zero``), else None."""
    if stat.S_ISREG(mode):
        return None
    for test, kind in _KINDS:
        if test(mode):
            return kind
    return "not a regular file"


def check_regular(path: Path, where: str) -> int:
    """The size of ``path`` if it is a regular file; anything else (a FIFO that would
    block, ``/dev/zero`` that never ends, a directory) raises InputError unopened."""
    try:
        st = os.stat(path)
    except OSError as exc:
        raise InputError(where, f"cannot read: {exc.strerror or exc}") from None
    kind = not_regular(st.st_mode)
    if kind is not None:
        raise InputError(where, f"{kind}, not a regular file: give article files")
    return st.st_size


class _Recoded(io.RawIOBase):
    """A UTF-16/32 stream read as UTF-8 lines (what the JSON Lines reader expects)."""

    def __init__(self, raw: BinaryIO, encoding: str) -> None:
        self._text = io.TextIOWrapper(raw, encoding=encoding, errors="replace")

    def readline(self, size: int | None = -1) -> bytes:  # type: ignore[override]
        return self._text.readline(-1 if size is None else size).encode("utf-8")

    def close(self) -> None:
        self._text.close()
        super().close()


def read_bytes(path: Path, where: str, max_bytes: int) -> bytes:
    """The whole of a single-article file: a regular file only, too large files refused
    before reading, and never more than ``max_bytes + 1`` bytes read whatever the size
    says (a file growing meanwhile, a device)."""
    size = check_regular(path, where)
    if size > max_bytes:
        raise InputError(where, f"file is {size:,} bytes, over the {max_bytes:,}-byte limit "
                                "for one article (raise it with --max-file-bytes)")
    try:
        with (gzip.open(path, "rb") if path.name.endswith(".gz") else open(path, "rb")) as f:
            data = f.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(where, _io_problem(exc)) from None
    if len(data) > max_bytes:
        raise InputError(where, f"{'unpacks to' if path.name.endswith('.gz') else 'is'} over "
                                f"the {max_bytes:,}-byte limit for one article (raise it "
                                "with --max-file-bytes)")
    return data


def open_stream(path: Path, where: str) -> BinaryIO:
    """A binary stream of a (possibly gzipped) regular file, checked not to be binary;
    UTF-16/32 text (with its byte-order mark) comes out as UTF-8."""
    check_regular(path, where)
    try:
        f: BinaryIO = gzip.open(path, "rb") if path.name.endswith(".gz") else open(path, "rb")
        head = f.peek(4096)[:4096] if hasattr(f, "peek") else b""
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(where, _io_problem(exc)) from None
    if not head.strip():
        f.close()
        raise InputError(where, "empty file")
    encoding = utf_bom(head)
    if encoding is not None:
        return _Recoded(f, encoding)  # type: ignore[return-value]
    if b"\x00" in head:
        f.close()
        raise InputError(where, "binary data (NUL bytes), not text")
    return f


def _io_problem(exc: BaseException) -> str:
    if isinstance(exc, gzip.BadGzipFile):
        return "not a valid gzip file"
    if isinstance(exc, (EOFError, zlib.error)):
        return "truncated or corrupt gzip data"
    if isinstance(exc, OSError):
        return f"cannot read: {exc.strerror or exc}"
    return str(exc)


def bounded_lines(stream: BinaryIO, limit: int) -> Iterator[bytes | None]:
    """The lines of a binary stream, each of at most ``limit`` bytes; ``None`` stands for
    a longer line, whose rest is skipped unread (a hostile line never sits in memory)."""
    while True:
        raw = stream.readline(limit + 1)
        if not raw:
            return
        if len(raw) > limit and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):
                raw = stream.readline(limit)
            yield None
        else:
            yield raw
