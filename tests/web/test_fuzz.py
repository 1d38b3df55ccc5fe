"""Hypothesis fuzzing of the web app (issue 16): every route (enumerated from the app,
so new ones are fuzzed too) with random path values and query parameters answers below
500, with the security headers. Bounded budget, derandomized so CI is stable."""

from __future__ import annotations

import re
import sys
import warnings
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from communique.store import dedup
from communique.store.db import connect
from communique.store.writer import Analysed, Writer

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))
from conftest import make_analysis, text_n  # noqa: E402  (the store tests' records)

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

HEADERS = ("content-security-policy", "x-content-type-options", "referrer-policy",
           "x-frame-options")
PARAMS = ["q", "speaker", "speaker_id", "since", "until", "kind", "type", "actor",
          "recipient", "country", "quad", "sort", "order", "page", "per_page", "story",
          "source", "role", "limit", "a", "b", "raw", "format"]


@pytest.fixture(scope="module")
def app_client(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    from communique.web import create_app

    db_path = tmp_path_factory.mktemp("fuzz") / "fuzz.db"
    db = connect(db_path)
    items = []
    for i in range(12):
        text = text_n(i)
        items.append(Analysed("f.jsonl", i + 1, dedup.text_hash(text),
                              make_analysis(text, published=f"2023-0{1 + i % 9}-1{i % 9}"),
                              dedup.signature(text)))
    Writer(db).write(items)
    db.close()
    app = create_app(db_path)
    routes = sorted({r.path for r in app.routes if getattr(r, "methods", None)
                     and "GET" in r.methods and not r.path.startswith(("/static", "/openapi"))})
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c, routes


#: small ids, ids around SQLite's 64-bit limit, any integer
ints = (st.integers(-3, 40) | st.integers(2**62, 2**70) | st.integers()).map(str)
values = (ints | st.text(max_size=30)
          | st.sampled_from(["2023-01-01", "2023-02-30", "0000-00-00", "9999-12-31",
                             "ACCUSE", "accuse", "FRA", "IGO", "direct", "asc", "date",
                             "true", "1e309", "NaN", "-0", "\"exact phrase\"", "a OR",
                             "NEAR(", "*", "'; DROP TABLE articles; --", "%00", "\x00"]))


@settings(max_examples=150, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.data())
def test_no_route_answers_500(app_client, data) -> None:  # noqa: ANN001
    client, routes = app_client
    route = data.draw(st.sampled_from(routes))
    path = re.sub(r"\{[^}]+\}", lambda _: quote(data.draw(
        ints | st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1,
                       max_size=12)), safe=""), route)
    params = data.draw(st.lists(st.tuples(st.sampled_from(PARAMS) | st.text(max_size=8),
                                          values), max_size=6))
    r = client.get(path, params=params)
    assert r.status_code < 500, (path, params, r.status_code, r.text[:300])
    assert all(h in r.headers for h in HEADERS), (path, params)
