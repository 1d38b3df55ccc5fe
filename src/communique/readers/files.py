"""Opening input files safely: size limits, gzip, and a first look for binary data."""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError


def read_bytes(path: Path, where: str, max_bytes: int) -> bytes:
    """The whole of a single-article file; too large files are refused before reading."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(where, f"cannot read: {exc.strerror or exc}") from None
    if size > max_bytes:
        raise InputError(where, f"file is {size:,} bytes, over the {max_bytes:,}-byte limit "
                                "for one article (raise it with --max-file-bytes)")
    try:
        if path.name.endswith(".gz"):
            with gzip.open(path, "rb") as f:
                data = f.read(max_bytes + 1)
            if len(data) > max_bytes:
                raise InputError(where, f"unpacks to over {max_bytes:,} bytes")
            return data
        return path.read_bytes()
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(where, _io_problem(exc)) from None


def open_stream(path: Path, where: str) -> BinaryIO:
    """A binary stream of a (possibly gzipped) container file, checked not to be binary."""
    try:
        f: BinaryIO = gzip.open(path, "rb") if path.name.endswith(".gz") else open(path, "rb")
        head = f.peek(4096)[:4096] if hasattr(f, "peek") else b""
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(where, _io_problem(exc)) from None
    if not head.strip():
        f.close()
        raise InputError(where, "empty file")
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
