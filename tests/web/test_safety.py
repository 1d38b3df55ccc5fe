"""Stored text is shown as text, and no request can change the store."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from .conftest import XSS_SOURCE, XSS_TITLE


def test_script_in_an_article_shows_as_text(client, hostile_id: int) -> None:  # noqa: ANN001
    html = client.get(f"/articles/{hostile_id}").text
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in html  # the title
    assert "&lt;b&gt;Evil Wire&lt;/b&gt;" in html  # the source
    assert 'href="javascript:' not in html  # a stored javascript: URL is not a link
    # the only scripts on any page are files under /static
    for path in ("/", f"/articles/{hostile_id}", "/quotes?q=acceptable", "/events",
                 "/network", "/actors", "/articles", "/articles?q=acceptable"):
        page = client.get(path).text
        assert "<script>" not in page, path
        assert XSS_TITLE not in page and XSS_SOURCE not in page, path


def test_json_keeps_the_text_verbatim(client, hostile_id: int) -> None:  # noqa: ANN001
    record = client.get(f"/api/articles/{hostile_id}").json()["record"]
    assert "<script>alert(1)</script>" in record["article"]["text"]
    assert record["article"]["title"] == XSS_TITLE


def test_security_headers(client) -> None:  # noqa: ANN001
    h = client.get("/").headers
    csp = h["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "object-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert h["x-content-type-options"] == "nosniff"


def test_every_route_carries_the_csp(client, hostile_id: int) -> None:  # noqa: ANN001
    """``default-src 'self'`` (and no inline script or style) on every page, JSON route,
    download, static file and error, enumerated from the app so new routes are covered."""
    from starlette.routing import Mount, Route

    paths = []
    for route in client.app.routes:
        if isinstance(route, Route) and "GET" in (route.methods or ()):
            paths.append(route.path.replace("{article_id}", str(hostile_id))
                         .replace("{actor_id}", "2"))
        elif isinstance(route, Mount):
            paths.append(route.path + "/style.css")
    paths += ["/network/edge?a=1&b=2", "/no-such-page", "/api/events?since=bad",
              "/articles/999999", "/api/network/edge?a=1&b=2"]
    assert len(paths) > 20
    for path in paths:
        r = client.get(path)
        csp = [d.strip() for d in r.headers.get("content-security-policy", "").split(";")]
        assert "default-src 'self'" in csp, (path, r.status_code)
        assert "script-src 'self'" in csp and "style-src 'self'" in csp, path
        assert "unsafe-inline" not in r.headers["content-security-policy"], path


def _fingerprint(path: Path) -> tuple[str, dict[str, int]]:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        counts = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in (
            "articles", "actors", "article_actors", "mentions", "quotes", "quote_speakers",
            "events", "event_actors", "failures", "runs", "_migrations")}
    finally:
        db.close()
    return digest, counts


def test_no_request_changes_the_store(client, store_path: Path, hostile_id: int) -> None:  # noqa: ANN001
    before = _fingerprint(store_path)
    openapi = client.get("/openapi.json").json()
    paths = [p.replace("{article_id}", str(hostile_id)).replace("{actor_id}", "2")
             for p in openapi["paths"]]
    pages = ["/", "/articles", f"/articles/{hostile_id}", "/actors", "/actors/2", "/network",
             "/quotes", "/events"]
    hostile_params = {"q": "x'); DROP TABLE articles; --", "speaker": "'; DELETE FROM quotes",
                      "a": 1, "b": 2}
    for path in paths + pages:
        client.get(path)
        client.get(path, params=hostile_params)
        for method in ("POST", "PUT", "PATCH", "DELETE"):
            r = client.request(method, path, json={"text": "new"})
            assert r.status_code in (404, 405), (method, path, r.status_code)
    assert _fingerprint(store_path) == before


def test_the_connection_itself_refuses_writes(client) -> None:  # noqa: ANN001
    store = client.app.state.store
    db = store.connect()
    with pytest.raises(sqlite3.OperationalError):
        db.execute("DELETE FROM articles")
    assert "mode=ro" in store.uri


def test_a_rebound_dns_name_is_refused(store_path: Path) -> None:
    import warnings

    from communique.web import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    app = create_app(store_path, hosts=frozenset({"127.0.0.1", "localhost", "::1"}))
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        assert c.get("/api/overview").status_code == 200
        assert c.get("/", headers={"host": "localhost:8000"}).status_code == 200
        assert c.get("/", headers={"host": "[::1]:8000"}).status_code == 200
        bad = c.get("/api/overview", headers={"host": "attacker.example:8000"})
        assert bad.status_code == 400
        assert "content-security-policy" in bad.headers


def test_head_is_get_without_a_body(client) -> None:  # noqa: ANN001
    r = client.head("/api/overview")
    assert r.status_code == 200 and r.content == b""
    assert "content-security-policy" in r.headers


def test_csv_download_writes_nested_values_as_json_text():
    from communique.web.formats import as_csv

    rows = [{"id": 1, "speakers": [{"id": 2, "name": "Ona Vale"}], "note": "=SUM(A1)"},
            {"id": 2, "speakers": None, "note": "plain"}]
    body = as_csv(rows, "quotes").body.decode()
    lines = body.splitlines()
    assert lines[0] == "id,speakers,note"
    assert lines[1] == '1,"[{""id"": 2, ""name"": ""Ona Vale""}]",\'=SUM(A1)'
    assert lines[2] == "2,,plain"
