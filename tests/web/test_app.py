"""Every page and its JSON twin, parameter validation, pagination, CSV, headers."""

from __future__ import annotations

import csv
import io
import re

import pytest

from communique.web.app import CSP


def first(client, path: str, **params) -> dict:  # noqa: ANN001
    items = client.get(path, params=params).json()["items"]
    assert items, f"{path} returned nothing"
    return items[0]


@pytest.fixture(scope="session")
def ids(client, hostile_id: int) -> dict[str, int]:  # noqa: ANN001
    actor = first(client, "/api/actors")
    edge = client.get("/api/network", params={"since": "2023-01-01",
                                              "until": "2023-12-31"}).json()["edges"][0]
    return {"article": hostile_id, "actor": actor["id"], "a": edge["a"], "b": edge["b"]}


PAGES = [
    ("/", "/api/overview", {}),
    ("/articles", "/api/articles", {"q": "talks"}),
    ("/articles/{article}", "/api/articles/{article}", {}),
    ("/actors", "/api/actors", {"q": "a"}),
    ("/actors/{actor}", "/api/actors/{actor}", {"role": "recipient"}),
    ("/network", "/api/network", {"since": "2023-01-01", "until": "2023-12-31"}),
    ("/quotes", "/api/quotes", {"q": "talks"}),
    ("/events", "/api/events", {"sort": "score", "order": "asc"}),
    ("/sources", "/api/sources", {}),
]


@pytest.mark.parametrize(("html", "api", "params"), PAGES)
def test_page_and_json_twin(client, ids, html: str, api: str, params: dict) -> None:  # noqa: ANN001
    page = client.get(html.format(**ids), params=params)
    assert page.status_code == 200, page.text
    assert page.headers["content-type"].startswith("text/html")
    assert page.headers["content-security-policy"] == CSP
    assert "<main>" in page.text
    data = client.get(api.format(**ids), params=params)
    assert data.status_code == 200, data.text
    assert data.headers["content-type"] == "application/json"
    assert isinstance(data.json(), dict)


def test_every_api_route_is_documented(client) -> None:  # noqa: ANN001
    paths = client.get("/openapi.json").json()["paths"]
    for route in ("/api/overview", "/api/articles", "/api/articles/{article_id}",
                  "/api/articles/{article_id}/record", "/api/actors", "/api/actors/{actor_id}",
                  "/api/network", "/api/network/edge", "/api/quotes", "/api/events",
                  "/api/events.csv", "/api/events.jsonl", "/api/events/facets",
                  "/api/quotes.csv", "/api/quotes.jsonl", "/api/quotes/facets",
                  "/api/overview/timeline", "/api/sources", "/api/articles.csv",
                  "/api/articles.jsonl", "/api/actors.csv", "/api/actors.jsonl",
                  "/api/network/edge.csv", "/api/network/edge.jsonl"):
        assert route in paths, route
    assert not any(p.startswith(("/articles", "/actors", "/quotes")) for p in paths)
    assert client.get("/docs").status_code == 404  # its UI would load a CDN


def test_overview_counts(client) -> None:  # noqa: ANN001
    o = client.get("/api/overview", params={"since": "2023-01-01"}).json()
    assert o["counts"]["articles"] == 31
    assert o["latest_articles"] and o["active_actors"]
    assert o["cooperative_pairs"] or o["conflictual_pairs"]
    assert all(p["coop"] > 0 for p in o["cooperative_pairs"])


def test_article_highlights_quotes_mentions_and_events(client, ids) -> None:  # noqa: ANN001
    a = client.get(f"/api/articles/{ids['article']}").json()
    record = a["record"]
    assert record["schema"] == "communique.analysis/1"
    text = record["article"]["text"]
    for q in record["quotes"]:
        assert text[q["content"]["start"]:q["content"]["end"]] == q["content"]["text"]
    html = client.get(f"/articles/{ids['article']}").text
    assert 'class="quote spk-' in html
    assert 'class="mention" href="/actors/' in html
    # the key to the speaker colours: every colour a quote has is in the legend
    legend = html.split('class="speaker-legend"')[1].split("</ul>")[0]
    body = html.split('class="article"')[1]
    used = set(re.findall(r'class="quote (spk-[\w]+)"', body))
    assert used and used <= set(re.findall(r'class="sw (spk-[\w]+)"', legend))
    if record["events"]:
        assert 'class="event"' in html
    dl = client.get(f"/api/articles/{ids['article']}/record")
    assert "attachment" in dl.headers["content-disposition"]
    assert dl.json() == record


def test_actor_page_has_timeline_and_counterparts(client) -> None:  # noqa: ANN001
    busiest = max(client.get("/api/network", params={"since": "2023-01-01"}).json()["nodes"],
                  key=lambda n: n["weight"])
    a = client.get(f"/api/actors/{busiest['id']}").json()
    assert a["timeline"] and (a["partners"] or a["adversaries"])
    assert {"articles", "quotes", "events_as_actor", "events_as_recipient"} <= set(a["counts"])
    html = client.get(f"/actors/{busiest['id']}").text
    assert '<svg class="timeline"' in html and 'class="bar-coop"' in html
    # its whole lists, with facets and CSV / JSONL downloads
    assert f'href="/events?actor={busiest["id"]}"' in html
    assert f'href="/quotes?speaker_id={busiest["id"]}"' in html
    assert 'href="/api/events.csv?actor=' in client.get(f"/events?actor={busiest['id']}").text


def test_actor_chart_draws_empty_months_as_zero(client) -> None:  # noqa: ANN001
    from communique.web.render import MAX_MONTHS, timeline_chart

    months = [{"month": "2023-01", "coop": 4.0, "conflict": -2.0, "events": 3},
              {"month": "2023-04", "coop": 1.0, "conflict": 0.0, "events": 1}]
    bars = timeline_chart(months)["bars"]
    assert [b["month"] for b in bars] == ["2023-01", "2023-02", "2023-03", "2023-04"]
    assert [(b["events"], b["coop_h"], b["conflict_h"]) for b in bars[1:3]] == [(0, 0, 0)] * 2
    assert bars[0]["coop_h"] > 0 and bars[0]["conflict_h"] > 0
    # across a year end, and a stray date far away keeps the chart to the known months
    assert len(timeline_chart([{**months[0], "month": "2022-11"}, months[1]])["bars"]) == 6
    far = [{**months[0], "month": "1900-01"}, months[1]]
    assert len(timeline_chart(far)["bars"]) == 2 and (2023 - 1900) * 12 > MAX_MONTHS
    # on an actor's page: one bar per month from its first to its last, empty ones too
    for n in client.get("/api/network", params={"since": "2023-01-01"}).json()["nodes"]:
        a = client.get(f"/api/actors/{n['id']}").json()
        known = [t["month"] for t in a["timeline"]]
        if len(known) < 2:
            continue
        html = client.get(f"/actors/{n['id']}").text
        y0, m0 = map(int, known[0].split("-"))
        y1, m1 = map(int, known[-1].split("-"))
        assert html.count('class="bar-coop"') == (y1 - y0) * 12 + m1 - m0 + 1
        break
    else:
        pytest.fail("no actor with events in two months")


def test_overview_ranks_actors_and_pairs_of_its_period(client) -> None:  # noqa: ANN001
    whole = client.get("/api/overview", params={"since": "2023-01-01",
                                                 "until": "2023-12-31"}).json()
    days = client.get("/api/overview/timeline", params={"since": "2023-01-01",
                                                         "until": "2023-12-31"}).json()
    busy = max(days["buckets"], key=lambda b: b["events"])
    one = client.get("/api/overview", params={"since": busy["since"],
                                               "until": busy["until"]}).json()
    assert one["period"] == {"since": busy["since"], "until": busy["until"]}
    count = {a["id"]: a["articles"] for a in whole["active_actors"]}
    assert all(a["articles"] <= count.get(a["id"], a["articles"])
               for a in one["active_actors"])
    empty = client.get("/api/overview", params={"since": "1990-01-01",
                                                 "until": "1990-01-31"}).json()
    assert not empty["active_actors"] and not empty["cooperative_pairs"]


def test_network_edge_lists_its_events(client) -> None:  # noqa: ANN001
    period = {"since": "2023-01-01", "until": "2023-12-31"}
    net = client.get("/api/network", params=period).json()
    assert net["nodes"] and net["edges"]
    node_ids = {n["id"] for n in net["nodes"]}
    for e in net["edges"][:5]:
        assert {e["a"], e["b"]} <= node_ids
        listed = client.get("/api/network/edge",
                            params={**period, "a": e["a"], "b": e["b"]}).json()
        assert len(listed["items"]) == e["events"]
        assert round(sum(x["score"] or 0 for x in listed["items"]), 2) == pytest.approx(
            e["score"], abs=0.01)
    typed = client.get("/api/network", params={**period, "type": "agree"}).json()
    assert typed["type"] == "AGREE"


def test_quotes_search_and_filters(client) -> None:  # noqa: ANN001
    all_q = client.get("/api/quotes", params={"per_page": 200}).json()["items"]
    hit = client.get("/api/quotes", params={"q": "acceptable"}).json()["items"]
    assert hit and all("acceptable" in q["content"].lower() for q in hit)
    speaker = next(q["speakers"][0] for q in all_q if q["speakers"])
    by = client.get("/api/quotes", params={"speaker": speaker["name"]}).json()["items"]
    assert by and all(speaker["name"] in [s["name"] for s in q["speakers"]] for q in by)
    by_id = client.get("/api/quotes", params={"speaker_id": speaker["id"]}).json()["items"]
    assert by_id
    dated = client.get("/api/quotes", params={"since": "2023-06-01"}).json()["items"]
    assert all(q["date"] >= "2023-06-01" for q in dated)


def test_events_filter_sort_and_csv(client) -> None:  # noqa: ANN001
    asc = client.get("/api/events", params={"sort": "score", "order": "asc"}).json()["items"]
    scores = [e["score"] for e in asc if e["score"] is not None]
    assert scores == sorted(scores)
    typed = client.get("/api/events", params={"type": "CONSULT"}).json()["items"]
    assert typed and {e["type"] for e in typed} == {"CONSULT"}
    rus = client.get("/api/events", params={"country": "rus"}).json()["items"]
    assert all("RUS" in (e["actor_country"], e["recipient_country"]) for e in rus)
    r = client.get("/api/events.csv", params={"type": "CONSULT", "per_page": 5})
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert 0 < len(rows) <= 5 and {row["type"] for row in rows} == {"CONSULT"}
    html = client.get("/events", params={"type": "CONSULT"}).text
    assert "/api/events.csv?type=CONSULT" in html


def test_pagination(client) -> None:  # noqa: ANN001
    p1 = client.get("/api/events", params={"per_page": 3}).json()
    p2 = client.get("/api/events", params={"per_page": 3, "page": 2}).json()
    assert len(p1["items"]) == 3 and p1["has_next"] and not p1["has_prev"]
    assert p2["has_prev"]
    assert {e["event_id"] for e in p1["items"]}.isdisjoint(e["event_id"] for e in p2["items"])
    html = client.get("/quotes", params={"per_page": 2}).text
    assert 'rel="next"' in html


@pytest.mark.parametrize(("path", "params", "words"), [
    ("/api/events", {"since": "yesterday"}, "since"),
    ("/api/events", {"type": "BOMB"}, "PLOVER"),
    ("/api/events", {"sort": "text"}, "sort"),
    ("/api/events", {"per_page": 100000}, "per_page"),
    ("/api/events", {"page": 0}, "page"),
    ("/api/events", {"since": "2023-05-01", "until": "2023-01-01"}, "after"),
    ("/api/events", {"country": "France"}, "country"),
    ("/api/quotes", {"q": '"unclosed'}, "search"),
    ("/api/articles", {"q": '"unclosed'}, "search"),
    ("/api/articles", {"story": 0}, "story"),
    ("/api/quotes", {"kind": "shouted"}, "kind"),
    ("/api/network", {"limit": 0}, "limit"),
    ("/api/network/edge", {"a": 1}, "b"),
    ("/api/actors/abc", {}, "actor_id"),
    ("/api/actors/1", {"role": "bystander"}, "role"),
    ("/api/overview", {"until": "2023-13-40"}, "until"),
    ("/api/events.csv", {"per_page": 20000}, "per_page"),
])
def test_bad_parameters_are_clear_400s(client, path: str, params: dict, words: str) -> None:  # noqa: ANN001
    r = client.get(path, params=params)
    assert r.status_code == 400, r.text
    assert words in r.json()["error"]


def test_bad_parameters_on_pages_are_400_pages(client) -> None:  # noqa: ANN001
    r = client.get("/events", params={"since": "yesterday"})
    assert r.status_code == 400 and "since" in r.text and "<main>" in r.text


def test_empty_form_fields_mean_no_filter(client) -> None:  # noqa: ANN001
    r = client.get("/events?since=&until=&type=&country=&quad=")
    assert r.status_code == 200


def test_missing_things_are_404(client) -> None:  # noqa: ANN001
    assert client.get("/api/articles/999999").status_code == 404
    assert client.get("/api/actors/999999").status_code == 404
    assert client.get("/articles/999999").status_code == 404
    assert client.get("/nowhere").status_code == 404


def test_static_files_and_vendored_library(client) -> None:  # noqa: ANN001
    assert client.get("/static/network.js").status_code == 200
    assert client.get("/static/style.css").status_code == 200
    lib = client.get("/static/vendor/cytoscape-3.35.0/cytoscape.min.js")
    assert lib.status_code == 200 and len(lib.content) > 100_000
    assert client.get("/static/vendor/cytoscape-3.35.0/LICENSE").status_code == 200


def test_network_page_loads_the_label_module_before_the_view(client) -> None:  # noqa: ANN001
    """network.js reads window.communiqueLabels, so the label module comes first, local,
    with no inline script; the page has the all-labels toggle, off at first view."""
    import re

    html = client.get("/network").text
    srcs = re.findall(r'<script\b[^>]*src="([^"]*)"', html)
    assert srcs.index("/static/network-labels.js") < srcs.index("/static/network.js")
    assert not re.search(r"<script\b(?![^>]*\bsrc=)[^>]*>", html)
    toggle = re.search(r'<input[^>]*id="all-labels"[^>]*>', html)
    assert toggle and "checked" not in toggle.group(0)
    js = client.get("/static/network-labels.js")
    assert js.status_code == 200 and "communiqueLabels" in js.text


def test_api_docs_page_is_local(client) -> None:  # noqa: ANN001
    import re

    resp = client.get("/api/docs")
    assert resp.status_code == 200 and "text/html" in resp.headers["content-type"]
    assert resp.headers.get_list("content-security-policy") == [CSP]  # nothing relaxed
    html = resp.text
    scripts = re.findall(r"<script\b([^>]*)>", html)
    assert scripts and all("src=" in attrs for attrs in scripts)  # no inline script
    refs = re.findall(r'(?:src|href)="([^"]*)"', html)
    assert "/static/api-docs.js" in refs and 'data-openapi="/openapi.json"' in html
    assert all(r.startswith("/") and not r.startswith("//") for r in refs), refs
    for ref in refs:
        if ref.startswith("/static/"):
            assert client.get(ref).status_code == 200, ref
    assert client.get("/openapi.json").json()["info"]["title"] == "communique"
    assert 'href="/api/docs">API<' in client.get("/").text  # the menu links here
    # FastAPI's CDN-based UIs stay off
    assert client.get("/docs").status_code == 404 and client.get("/redoc").status_code == 404


def test_vendored_swagger_ui(client) -> None:  # noqa: ANN001
    base = "/static/vendor/swagger-ui-5.35.0/"
    js = client.get(base + "swagger-ui-bundle.js")
    assert js.status_code == 200 and len(js.content) > 1_000_000
    assert b"SwaggerUIBundle" in js.content
    css = client.get(base + "swagger-ui.css")
    assert css.status_code == 200 and b".swagger-ui" in css.content
    assert b"Apache License" in client.get(base + "LICENSE").content
    assert client.get(base + "NOTICE").status_code == 200
    assert client.get(base + "swagger-ui-bundle.js.LICENSE.txt").status_code == 200


def test_serve_binds_loopback_by_default() -> None:
    from communique.cli.serve import serve

    host = next(p for p in serve.params if p.name == "host")
    assert host.default == "127.0.0.1"


def test_missing_store_is_an_error(tmp_path) -> None:  # noqa: ANN001
    from communique.store.db import StoreError
    from communique.web import create_app

    with pytest.raises(StoreError):
        create_app(tmp_path / "absent.db")
    (tmp_path / "other.db").write_bytes(b"")
    with pytest.raises(StoreError):
        create_app(tmp_path / "other.db")
    (tmp_path / "garbage.db").write_bytes(b"not a database, not even close " * 200)
    with pytest.raises(StoreError, match="garbage.db: cannot open database"):
        create_app(tmp_path / "garbage.db")


@pytest.mark.parametrize("search", ["quotes", "articles"])
def test_both_search_plans_agree(client, monkeypatch, search: str) -> None:  # noqa: ANN001
    """Common words walk the date index, rare ones sort their matches: same rows."""
    from communique.store.read import QuoteFilter
    from communique.web import queries as Q

    def find(db, q):  # noqa: ANN001, ANN202
        if search == "quotes":
            return Q.quotes(db, QuoteFilter(search=q), page=Q.Page(1, 20))
        return Q.articles(db, q=q, page=Q.Page(1, 20))

    db = client.app.state.store.connect()
    for q in ("talks", "the", None):
        sorted_plan = find(db, q)
        monkeypatch.setattr(Q, "COMMON_MATCHES", 1)
        walked = find(db, q)
        monkeypatch.setattr(Q, "COMMON_MATCHES", 10**9)
        assert walked == sorted_plan


def test_both_event_plans_agree(client, monkeypatch) -> None:  # noqa: ANN001
    from communique.store.read import EventFilter, QuoteFilter
    from communique.web import queries as Q

    db = client.app.state.store.connect()
    busiest = max(client.get("/api/network", params={"since": "2023-01-01"}).json()["nodes"],
                  key=lambda n: n["weight"])["id"]
    cases = [lambda: Q.events(db, EventFilter(actor=busiest), page=Q.Page(1, 10)),
             lambda: Q.events(db, EventFilter(actor=busiest), order="asc", page=Q.Page(2, 5)),
             lambda: Q.quotes(db, QuoteFilter(speaker_id=busiest), page=Q.Page(1, 10))]
    for case in cases:
        monkeypatch.setattr(Q, "COMMON_MATCHES", 10**9)
        sorted_plan = case()
        monkeypatch.setattr(Q, "COMMON_MATCHES", 1)
        assert case() == sorted_plan


def test_unique_rows_matches_numpy() -> None:
    import numpy as np

    from communique.web.aggregates import _unique_rows

    x = np.random.default_rng(0).integers(0, 40, (2000, 3))
    assert (np.unique(x, axis=0) == _unique_rows(x)).all()
    assert _unique_rows(np.zeros((0, 2), np.int64)).shape == (0, 2)


def test_an_empty_store_serves_every_page(tmp_path) -> None:  # noqa: ANN001
    import warnings

    from communique.store.db import connect
    from communique.web import create_app

    connect(tmp_path / "empty.db").close()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    with TestClient(create_app(tmp_path / "empty.db")) as c:
        for path in ("/", "/api/overview", "/articles", "/api/articles?q=talks",
                     "/actors", "/network", "/api/network",
                     "/quotes", "/api/quotes?q=talks", "/events", "/api/events.csv",
                     "/api/network/edge?a=1&b=2"):
            assert c.get(path).status_code == 200, path
        assert c.get("/api/actors/1").status_code == 404


def test_arrays_are_rebuilt_in_the_background_when_the_store_grows(client) -> None:  # noqa: ANN001
    from communique.web.aggregates import Aggregates

    store = client.app.state.store
    version = [1]
    agg = Aggregates(store.connect, lambda db: (version[0],), refresh=0)
    db = store.connect()
    first = agg.get(db)
    assert agg.get(db) is first  # unchanged store: no rebuild
    version[0] = 2  # an ingest added rows
    assert agg.get(db) is first  # served from the old arrays meanwhile
    agg.wait()
    second = agg.get(db)
    assert second is not first and second.marker == (2,)


def test_in_memory_speaker_quotes_match_sql(client) -> None:  # noqa: ANN001
    from communique.store.read import QuoteFilter
    from communique.web import queries as Q
    from communique.web.aggregates import EventArrays

    db = client.app.state.store.connect()
    arrays = EventArrays.load(db, ())
    speakers = {s["id"] for q in Q.quotes(db, page=Q.Page(1, 200))["items"]
                for s in q["speakers"]}
    assert len(speakers) > 3
    for sid in speakers:
        for page in (Q.Page(1, 10), Q.Page(2, 2)):
            f = QuoteFilter(speaker_id=sid)
            assert Q.quotes(db, f, page=page, arrays=arrays) == Q.quotes(db, f, page=page)


def _all_articles(client, **params) -> list[dict]:  # noqa: ANN001
    out, page = [], 1
    while True:
        r = client.get("/api/articles", params={**params, "page": page, "per_page": 7}).json()
        out += r["items"]
        if not r["has_next"]:
            return out
        page += 1


def test_articles_list_newest_first_with_counts(client, store_path) -> None:  # noqa: ANN001
    import sqlite3

    items = _all_articles(client)
    con = sqlite3.connect(store_path)
    try:
        assert len(items) == con.execute("SELECT count(*) FROM articles").fetchone()[0]
        for a in items[:5]:
            assert a["quotes"] == con.execute("SELECT count(*) FROM quotes WHERE "
                                              "article_id = ?", [a["id"]]).fetchone()[0]
    finally:
        con.close()
    dated = [a["published"] for a in items if a["published"]]
    assert dated == sorted(dated, reverse=True)
    assert len({a["id"] for a in items}) == len(items)  # pages do not overlap


def test_articles_search_filters_and_snippets(client) -> None:  # noqa: ANN001
    found = _all_articles(client, q="talks")
    assert found and len(found) < len(_all_articles(client))
    for a in found:
        words = [a["snippet"][s:e].lower() for s, e in a["snippet_hits"]]
        assert words and all(w.startswith("talk") for w in words), a
    source = found[0]["source"]
    assert {a["source"] for a in _all_articles(client, source=source)} == {source}
    some = _all_articles(client, since="2023-06-01", until="2023-06-30")
    assert all("2023-06-01" <= a["published"] <= "2023-06-30" for a in some)
    story = found[0]["story_id"]
    assert all(a["story_id"] == story for a in _all_articles(client, story=story))
    html = client.get("/articles", params={"q": "talks"}).text
    assert "<mark>talks</mark>" in html.lower() or "<mark>talk" in html.lower()


def test_snippet_parts_mark_the_hits() -> None:
    from communique.web.render import snippet_parts

    assert snippet_parts("a talk on talks", [[2, 6], [10, 15]]) == [
        ("a ", False), ("talk", True), (" on ", False), ("talks", True)]
    assert snippet_parts("plain", []) == [("plain", False)]


def test_events_by_score_are_read_from_an_index(store_path) -> None:  # noqa: ANN001
    """Migration m007: the first page by score does not sort every event."""
    from communique.store.db import connect
    from communique.store.read import EventFilter
    from communique.web import queries as Q

    db = connect(store_path, readonly=True)
    try:
        seen: list[str] = []
        db.set_trace_callback(seen.append)
        for etype in (None, "ACCUSE"):
            Q.events(db, EventFilter(type=etype), sort="score", order="asc",
                     page=Q.Page(1, 5))
        db.set_trace_callback(None)
        for sql in seen:
            plan = " ".join(r[3] for r in db.execute("EXPLAIN QUERY PLAN " + sql))
            assert "TEMP B-TREE" not in plan.split("SCAN pg")[0], plan
            assert "events_score" in plan or "events_type_score" in plan, plan
    finally:
        db.close()


def test_events_by_score_skip_the_articles_on_a_large_store(store_path, tmp_path) -> None:  # noqa: ANN001
    """With the statistics ANALYZE leaves on a 100k-article store (few distinct scores,
    so the score index looks unselective), an events page by score that filters on no
    article column still reads the score index and stops at the page: joining the
    articles there made SQLite scan them all and sort every event (1 s at 100k)."""
    import shutil
    import sqlite3

    from communique.web import queries as Q

    copy = tmp_path / "large-stats.db"
    shutil.copy(store_path, copy)
    db = sqlite3.connect(copy)
    db.row_factory = sqlite3.Row
    try:
        db.execute("ANALYZE")
        db.execute("DELETE FROM sqlite_stat1 WHERE tbl IN ('articles', 'events')")
        db.executemany("INSERT INTO sqlite_stat1 VALUES (?, ?, ?)", [
            ("articles", "articles_published", "75250 251"),
            ("articles", "articles_story", "53098 1"),
            ("events", "events_score", "671580 1001"),
            ("events", "events_type_score", "626250 1001 1001"),
            ("events", "sqlite_autoindex_events_1", "508400 5 1")])
        db.commit()
        db.execute("ANALYZE sqlite_schema")
        seen: list[str] = []
        db.set_trace_callback(seen.append)
        got = Q.events(db, sort="score", order="asc", page=Q.Page(1, 5))["items"]
        db.set_trace_callback(None)
        plans = [" ".join(r[3] for r in db.execute("EXPLAIN QUERY PLAN " + sql))
                 for sql in seen]
        assert plans and all("TEMP B-TREE" not in p.split("SCAN pg")[0] for p in plans), plans
        want = [r[0] for r in db.execute("SELECT id FROM events ORDER BY score, id LIMIT 5")]
        assert [e["event_id"] for e in got] == want
    finally:
        db.close()


def test_an_article_links_to_the_other_copies_of_its_story(client) -> None:  # noqa: ANN001
    copies = [a for a in _all_articles(client) if a["story_id"] != a["id"]]
    assert copies, "the synthetic corpus has wire copies"
    story = copies[0]["story_id"]
    html = client.get(f"/articles/{copies[0]['id']}").text
    assert f'href="/articles?story={story}"' in html
    listed = {a["id"] for a in _all_articles(client, story=story)}
    assert {story, copies[0]["id"]} <= listed


def test_overview_named_only_and_by_country(client) -> None:  # noqa: ANN001
    from communique.actors.keys import is_named

    o = client.get("/api/overview", params={"since": "2023-01-01", "named": "true"}).json()
    assert o["active_actors"] and all(is_named(a["name"]) or a["kind"] == "country"
                                      for a in o["active_actors"])
    g = client.get("/api/overview", params={"since": "2023-01-01", "group": "country"}).json()
    names = [a["name"] for a in g["active_actors"]]
    assert names and len(names) == len(set(names))  # one row per country
    assert all(p["a"] != p["b"] for p in g["cooperative_pairs"] + g["conflictual_pairs"])
    assert client.get("/", params={"group": "country", "named": "true"}).status_code == 200


def test_network_by_country_and_named(client) -> None:  # noqa: ANN001
    period = {"since": "2023-01-01", "until": "2023-12-31"}
    net = client.get("/api/network", params={**period, "group": "country"}).json()
    assert net["edges"] and all(len(n["id"]) == 3 for n in net["nodes"])
    named = client.get("/api/network", params={**period, "named": "true"}).json()
    full = client.get("/api/network", params=period).json()
    assert len(named["edges"]) <= len(full["edges"])


def test_actor_page_lists_the_names_it_was_seen_under(client, ids) -> None:  # noqa: ANN001
    a = client.get(f"/api/actors/{ids['actor']}").json()
    assert a["names"]
    assert "Seen as:" in client.get(f"/actors/{ids['actor']}").text


def test_speaker_legend_follows_reading_order() -> None:
    from communique.web.render import speaker_legend

    def quote(start: int, *speakers: str) -> dict:
        return {"id": f"Q{start}", "kind": "direct", "speakers": list(speakers),
                "content": {"start": start, "end": start + 5, "text": "words"}}

    record = {"actors": [{"id": "A1", "name": "Ona Vale"}, {"id": "A2", "name": "Bexley"}],
              "quotes": [quote(40, "A1"), quote(10, "A2"), quote(70, "A1"), quote(90)]}
    legend = speaker_legend(record, {"A1": 7})
    assert [(x["name"], x["colour"], x["quotes"]) for x in legend] == [
        ("Bexley", 0, 1), ("Ona Vale", 1, 2), ("unattributed", "none", 1)]
    assert legend[1]["actor_id"] == 7 and legend[0]["actor_id"] is None


def test_date_bounds_are_two_index_seeks(client) -> None:  # noqa: ANN001
    from communique.web import queries as Q

    db = client.app.state.store.connect()
    ran: list[str] = []
    db.set_trace_callback(ran.append)
    try:
        first, last = Q.date_bounds(db)
    finally:
        db.set_trace_callback(None)
    assert (first, last) == db.execute(
        "SELECT min(published), max(published) FROM articles").fetchone()
    assert len(ran) == 1
    plan = " ".join(r[3] for r in db.execute("EXPLAIN QUERY PLAN " + ran[0]))
    assert "SCAN articles" not in plan and plan.count("SEARCH articles") == 2, plan
