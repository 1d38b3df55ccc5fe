"""Finished responses of the costly read-only routes, kept until the store grows.

A store is only ever added to, and the web process opens it read-only, so a response is
a function of its URL and the store's generation (:func:`communique.web.params.marker`:
the last article and event ids, which every ingest moves). The network of a month, an
actor's page and a 1000-row download cost 5-30 ms of CPU each, most of it Python under
the one interpreter lock: eight readers asking for them at once queue behind each other.
Kept as the bytes sent, a repeated request costs a dictionary lookup, and fresh ones no
longer wait behind repeats. Bounded by total size (least recently used out first); a
body larger than :data:`MAX_BODY` is not kept. Requests of one URL arriving together
(the readers of a page after an ingest) compute it once: the others wait for it.

With several worker processes (``communique serve --workers``), each keeps its own
entries and, given a ``shared`` directory (one per server, made by the parent), also
writes each body there under a hash of its URL and generation, and reads the others'
before computing one: a download made by one worker is a file read for the rest. Each
worker removes its own oldest files past :data:`MAX_SHARED` bytes over all workers.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import Response

from .params import marker

#: bytes of bodies kept in all
MAX_TOTAL = 64 * 2**20
#: the largest body kept (a 10,000-row download is several MB: not worth a slot)
MAX_BODY = 4 * 2**20
#: bytes of bodies kept on disk by all the workers of one server
MAX_SHARED = 256 * 2**20

Entry = tuple[tuple[Any, ...], bytes, int, list[tuple[bytes, bytes]]]


class ResponseCache:
    """URL -> (store generation, body, status, headers), least recently used first."""

    def __init__(self, max_total: int = MAX_TOTAL, max_body: int = MAX_BODY) -> None:
        self.max_total = max_total
        self.max_body = max_body
        self._entries: OrderedDict[tuple[Any, ...], Entry] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()
        self._busy: dict[tuple[Any, ...], threading.Lock] = {}
        self.shared: Path | None = None
        self._shared_max = 0
        self._written: OrderedDict[Path, int] = OrderedDict()  # this worker's files
        self._written_size = 0

    def share(self, directory: Path | None, workers: int = 1) -> None:
        """Also keep bodies as files in ``directory`` (None: stop), this process's share
        of :data:`MAX_SHARED` being ``1/workers``; forgets this process's file list (a
        forked worker starts with none of its own)."""
        self.shared = directory
        self._shared_max = MAX_SHARED // max(1, workers)
        self._written = OrderedDict()
        self._written_size = 0

    def get(self, key: tuple[Any, ...], generation: tuple[Any, ...]) -> Entry | None:
        with self._lock:
            hit = self._entries.get(key)
            if hit is not None:
                if hit[0] == generation:
                    self._entries.move_to_end(key)
                    return hit
                self._drop(key)  # the store grew: drop it
        if self.shared is None:
            return None
        entry = self._read(key, generation)
        if entry is not None:
            self._keep(key, entry)
        return entry

    def put(self, key: tuple[Any, ...], entry: Entry) -> None:
        if len(entry[1]) > self.max_body:
            return
        self._keep(key, entry)
        if self.shared is not None:
            self._write(key, entry)

    def _file(self, key: tuple[Any, ...], generation: tuple[Any, ...]) -> Path:
        assert self.shared is not None
        name = hashlib.sha256(repr((key, generation)).encode()).hexdigest()
        return self.shared / name

    def _read(self, key: tuple[Any, ...], generation: tuple[Any, ...]) -> Entry | None:
        try:
            data = self._file(key, generation).read_bytes()
            cut = data.index(b"\n")
            status, headers = json.loads(data[:cut])
        except (OSError, ValueError):  # not there (or removed meanwhile)
            return None
        return (generation, data[cut + 1:], status,
                [(k.encode("latin-1"), v.encode("latin-1")) for k, v in headers])

    def _write(self, key: tuple[Any, ...], entry: Entry) -> None:
        generation, body, status, headers = entry
        path = self._file(key, generation)
        head = json.dumps([status, [(k.decode("latin-1"), v.decode("latin-1"))
                                    for k, v in headers]]).encode()
        tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}")
        try:
            tmp.write_bytes(head + b"\n" + body)
            os.replace(tmp, path)  # readers see a whole file or none
        except OSError:  # the directory is gone (the server is stopping) or full
            tmp.unlink(missing_ok=True)
            return
        with self._lock:
            size = len(body) + len(head) + 1
            self._written_size += size - self._written.pop(path, 0)
            self._written[path] = size
            while self._written_size > self._shared_max and self._written:
                old, n = self._written.popitem(last=False)
                self._written_size -= n
                old.unlink(missing_ok=True)

    def _keep(self, key: tuple[Any, ...], entry: Entry) -> None:
        size = len(entry[1])
        if size > self.max_body:
            return
        with self._lock:
            if key in self._entries:
                self._drop(key)
            self._entries[key] = entry
            self._size += size
            while self._size > self.max_total and self._entries:
                self._drop(next(iter(self._entries)))

    def computing(self, key: tuple[Any, ...]) -> threading.Lock:
        """The lock held while ``key``'s response is being made."""
        with self._lock:
            return self._busy.setdefault(key, threading.Lock())

    def done(self, key: tuple[Any, ...]) -> None:
        with self._lock:
            self._busy.pop(key, None)

    def _drop(self, key: tuple[Any, ...]) -> None:
        self._size -= len(self._entries.pop(key)[1])

    def __len__(self) -> int:
        return len(self._entries)


def cached_response(request: Request, db: sqlite3.Connection,
                    make: Callable[[], Response]) -> Response:
    """``make()``'s response for this URL, or the one kept from an earlier request of the
    same URL on the same store generation (only 200 responses are kept)."""
    cache: ResponseCache = request.app.state.responses
    key = (request.url.path, tuple(sorted(request.query_params.multi_items())))
    generation = marker(db)
    hit = cache.get(key, generation)
    if hit is None:
        with cache.computing(key):  # one computation of a URL at a time
            hit = cache.get(key, generation)  # made while this request waited
            if hit is None:
                try:
                    response = make()
                    if response.status_code == 200 and isinstance(response.body, bytes):
                        cache.put(key, (generation, bytes(response.body),
                                        response.status_code, list(response.raw_headers)))
                finally:
                    cache.done(key)
                return response
    _, body, status, headers = hit
    response = Response(body, status_code=status)
    response.raw_headers = list(headers)
    return response
