"""Finished responses kept per URL until the store grows (``web/response_cache.py``)."""

from __future__ import annotations

import random
import shutil
import warnings
from pathlib import Path

import pytest

from communique.web.response_cache import ResponseCache

CACHED = ["/api/network", "/api/events.csv?per_page=50", "/api/events.jsonl",
          "/api/quotes.csv", "/api/quotes.jsonl?per_page=5", "/api/network/edge?a=1&b=2"]


def _client(path: Path):  # noqa: ANN202
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    from communique.web import create_app

    return TestClient(create_app(path))


def test_a_repeated_request_is_answered_from_the_cache_byte_for_byte(client) -> None:  # noqa: ANN001
    actor = client.get("/api/actors", params={"per_page": 1}).json()["items"][0]["id"]
    cache: ResponseCache = client.app.state.responses
    for url in [*CACHED, f"/api/actors/{actor}", f"/api/actors/{actor}?role=recipient"]:
        first = client.get(url)
        assert first.status_code == 200, url
        kept = len(cache)
        second = client.get(url)
        assert len(cache) == kept  # a hit, not a second entry
        assert second.content == first.content, url
        for h in ("content-type", "content-disposition", "content-length",
                  "content-security-policy"):
            assert second.headers.get(h) == first.headers.get(h), (url, h)
    # the same parameters in another order are the same entry
    kept = len(cache)
    a = client.get("/api/events.csv?per_page=7&type=CONSULT")
    b = client.get("/api/events.csv?type=CONSULT&per_page=7")
    assert a.content == b.content and len(cache) == kept + 1


def test_errors_are_not_kept(client) -> None:  # noqa: ANN001
    cache: ResponseCache = client.app.state.responses
    kept = len(cache)
    assert client.get("/api/actors/999999999").status_code == 404
    assert client.get("/api/events.csv?per_page=20000").status_code == 400
    assert len(cache) == kept


def test_a_cached_download_is_not_served_once_the_store_grew(store_path: Path,
                                                              tmp_path: Path) -> None:
    from communique.model import Analysis
    from communique.store import dedup
    from communique.store.db import connect
    from communique.store.writer import Analysed, Writer
    from communique.web.bench import synthetic_records

    path = tmp_path / "growing.db"
    shutil.copy(store_path, path)
    with _client(path) as c:
        before = c.get("/api/events.jsonl", params={"per_page": 10000}).text
        assert c.get("/api/events.jsonl", params={"per_page": 10000}).text == before
        record = next(synthetic_records(1, seed=3))
        db = connect(path)
        Writer(db).write([Analysed(None, 1, dedup.text_hash(record["article"]["text"]),
                                   Analysis.from_dict(record),
                                   random.Random(0).randbytes(dedup.NUM_PERM * 4))])
        db.close()
        after = c.get("/api/events.jsonl", params={"per_page": 10000}).text
    added = len(record["events"])
    assert added and after.count("\n") == before.count("\n") + added


def test_the_cache_is_bounded_by_size_least_recently_used_out_first() -> None:
    cache = ResponseCache(max_total=100, max_body=60)
    gen = (1, 1)
    cache.put(("a",), (gen, b"x" * 40, 200, []))
    cache.put(("b",), (gen, b"x" * 40, 200, []))
    assert cache.get(("a",), gen) is not None  # a is now the most recent
    cache.put(("c",), (gen, b"x" * 40, 200, []))  # over 100 bytes: b goes
    assert cache.get(("b",), gen) is None
    assert cache.get(("a",), gen) is not None and cache.get(("c",), gen) is not None
    cache.put(("d",), (gen, b"x" * 61, 200, []))  # larger than a body may be
    assert cache.get(("d",), gen) is None
    assert cache.get(("a",), (2, 1)) is None  # another generation: dropped
    assert len(cache) == 1


@pytest.mark.parametrize("url", ["/api/events.csv", "/api/quotes.csv"])
def test_downloads_match_the_json_rows(client, url: str) -> None:  # noqa: ANN001
    import csv
    import io
    import json

    rows = list(csv.DictReader(io.StringIO(client.get(url, params={"per_page": 200}).text)))
    items = client.get(url.replace(".csv", ""), params={"per_page": 200}).json()["items"]
    assert rows and len(rows) == len(items)
    for row, item in zip(rows, items, strict=False):
        for k, v in item.items():
            cell = row[k]
            if isinstance(v, list | dict):
                assert json.loads(cell) == v
            elif v is None:
                assert cell == ""
            elif isinstance(v, str):
                assert cell in (v, "'" + v)
            else:
                assert cell == str(v)


def test_requests_of_one_url_arriving_together_compute_it_once(client) -> None:  # noqa: ANN001
    import threading
    import time
    from types import SimpleNamespace

    from fastapi.responses import Response

    from communique.web.response_cache import cached_response

    made = []

    def make() -> Response:
        made.append(1)
        time.sleep(0.2)
        return Response(b"body")

    request = SimpleNamespace(app=client.app, url=SimpleNamespace(path="/api/together"),
                              query_params=SimpleNamespace(multi_items=lambda: []))
    db = client.app.state.store.connect()
    out: list[bytes] = []

    def ask() -> None:
        out.append(bytes(cached_response(request, db, make).body))  # type: ignore[arg-type]

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert out == [b"body"] * 4 and len(made) == 1


def test_flat_jsonl_is_the_rows_encoded_one_by_one() -> None:
    from communique.web.formats import _JSONL, as_jsonl

    tricky = [{"a": 1, "t": 'z}, {"a": 3'}, {"a": 2, "t": "}, {"}, {"a": 4, "u": "}, {"},
              {"a": 5, "t": "é\n\"}, {\"a\": 6"}]
    for rows in (tricky, tricky[:1], [], [{}], [{"a": 1}, {"b": 2}]):
        assert as_jsonl(rows, "e", flat=True).body == "".join(
            [_JSONL.encode(r) + "\n" for r in rows]).encode()
