"""CSV and JSON Lines downloads of the articles, actors and network-edge lists (issue 17,
item 3): the same rows as the JSON twin under the same filters, linked from each page."""

from __future__ import annotations

import csv
import io
import json

import pytest

PERIOD = {"since": "2023-01-01", "until": "2023-12-31"}


def _edge(client) -> dict:  # noqa: ANN001
    edges = client.get("/api/network", params=PERIOD).json()["edges"]
    return max(edges, key=lambda e: e["events"])


def _cases(client) -> list[tuple[str, dict]]:  # noqa: ANN001
    e = _edge(client)
    actor = client.get("/api/actors").json()["items"][0]
    return [("/api/articles", {"q": "talks"}), ("/api/articles", {"since": "2023-03-01"}),
            ("/api/actors", {"q": "a"}),
            ("/api/actors", {"kind": actor["kind"] or "", "country": actor["country"] or None}),
            ("/api/network/edge", {**PERIOD, "a": e["a"], "b": e["b"]})]


def _csv(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_downloads_hold_the_json_twins_rows(client) -> None:  # noqa: ANN001
    for route, params in _cases(client):
        params = {k: v for k, v in params.items() if v is not None}
        items = client.get(route, params={**params, "per_page": 200}).json()["items"]
        assert items, (route, params)
        key = "event_id" if route.endswith("edge") else "id"
        lines = client.get(route + ".jsonl", params=params)
        assert lines.status_code == 200, lines.text
        assert lines.headers["content-type"].startswith("application/x-ndjson")
        assert ".jsonl" in lines.headers["content-disposition"]
        rows = [json.loads(x) for x in lines.text.splitlines()]
        assert [r[key] for r in rows] == [r[key] for r in items], (route, params)
        assert rows == items  # every column, headings included
        table = client.get(route + ".csv", params=params)
        assert table.headers["content-type"].startswith("text/csv")
        assert ".csv" in table.headers["content-disposition"]
        got = _csv(table.text)
        assert [int(r[key]) for r in got] == [r[key] for r in items]
        assert list(got[0]) == list(items[0])


def test_article_downloads_keep_the_search_and_its_hits(client) -> None:  # noqa: ANN001
    items = client.get("/api/articles", params={"q": "talks"}).json()["items"]
    got = _csv(client.get("/api/articles.csv", params={"q": "talks"}).text)
    assert [json.loads(r["snippet_hits"]) for r in got] == [a["snippet_hits"] for a in items]
    one = client.get("/api/articles.jsonl", params={"q": "talks", "per_page": 1,
                                                    "page": 2}).text.splitlines()
    assert [json.loads(x)["id"] for x in one] == [items[1]["id"]]


def test_edge_download_is_named_for_its_pair(client) -> None:  # noqa: ANN001
    e = _edge(client)
    r = client.get("/api/network/edge.csv", params={**PERIOD, "a": e["a"], "b": e["b"]})
    assert f'edge-{e["a"]}-{e["b"]}.csv' in r.headers["content-disposition"]
    assert len(_csv(r.text)) == e["events"]
    none = client.get("/api/network/edge.csv", params={"a": e["a"], "b": e["a"]})
    assert none.status_code == 200 and none.text.strip() == "event_id"
    assert client.get("/api/network/edge.jsonl", params={"a": 1}).status_code == 400


@pytest.mark.parametrize(("route", "bad"), [("/api/articles.csv", {"per_page": 10001}),
                                            ("/api/actors.jsonl", {"country": "FRANCE"}),
                                            ("/api/network/edge.csv", {"a": 0, "b": 1})])
def test_download_parameters_are_checked(client, route: str, bad: dict) -> None:  # noqa: ANN001
    assert client.get(route, params=bad).status_code == 400


def test_each_list_page_links_its_downloads(client) -> None:  # noqa: ANN001
    html = client.get("/articles", params={"q": "talks", "page": 1}).text
    assert 'href="/api/articles.csv?q=talks"' in html
    assert 'href="/api/articles.jsonl?q=talks"' in html
    html = client.get("/actors", params={"kind": "person"}).text
    assert 'href="/api/actors.csv?kind=person"' in html
    assert 'href="/api/actors.jsonl?kind=person"' in html
    html = client.get("/network").text
    assert 'id="edge-downloads"' in html  # filled by network.js for the clicked edge
    js = client.get("/static/network.js").text
    assert '"/api/network/edge." + a.dataset.format' in js
    paths = client.get("/openapi.json").json()["paths"]
    for route in ("/api/articles", "/api/actors", "/api/network/edge"):
        assert route + ".csv" in paths and route + ".jsonl" in paths
