"""Facets with counts, trigger highlighting, flags and CSV / JSONL downloads (issue 17,
item 3): every new route and its JSON twin, in process, over the shared ingested store."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter

from communique.web.render import trigger_parts


def _all_events(client, **params) -> list[dict]:  # noqa: ANN001
    got = client.get("/api/events", params={**params, "per_page": 200}).json()
    assert not got["has_next"], "the test store should fit one page of 200"
    return got["items"]


def test_event_facets_count_what_the_list_holds(client) -> None:  # noqa: ANN001
    items = _all_events(client)
    f = client.get("/api/events/facets").json()
    assert f["total"] == len(items) > 0
    assert {v["value"]: v["count"] for v in f["type"]} == Counter(e["type"] for e in items)
    assert {v["value"]: v["count"] for v in f["quad"]} == Counter(
        e["quad_class"] for e in items)
    assert f["flags"]["negated"] == sum(bool(e["negated"]) for e in items)
    assert f["flags"]["hypothetical"] == sum(bool(e["hypothetical"]) for e in items)
    assert f["flags"]["future"] == sum(bool(e["future"]) for e in items)
    # each facet value narrows the list to exactly its count
    for name, field in (("type", "type"), ("quad", "quad"), ("actor", "actor"),
                        ("country", "country"), ("mode", "mode"),
                        ("actor_country", "actor_country"),
                        ("recipient_country", "recipient_country")):
        for v in f[field][:3]:
            n = len(_all_events(client, **{name: v["value"]}))
            assert n == v["count"], (name, v)


def test_actor_and_recipient_country_facets(client) -> None:  # noqa: ANN001
    """Each side's country counted apart: the first actor's, the first recipient's, as
    the rows show them; each value narrows the list, the JSON twin and the downloads."""
    items = _all_events(client)
    f = client.get("/api/events/facets").json()
    for side in ("actor_country", "recipient_country"):
        held = Counter(e[side] for e in items if e[side])
        assert held, side
        assert [v["count"] for v in f[side]] == sorted(held.values(), reverse=True)[:12]
        assert all(held[v["value"]] == v["count"] for v in f[side]), side
    # the two sides differ from the either-side facet where an event's two countries do
    both = Counter()
    for e in items:
        both.update({e["actor_country"], e["recipient_country"]} - {None})
    assert {v["value"]: v["count"] for v in f["country"]}.items() <= dict(both).items()
    code = f["recipient_country"][0]["value"]
    rows = _all_events(client, recipient_country=code.lower())
    assert rows and {e["recipient_country"] for e in rows} == {code}
    narrowed = client.get("/api/events/facets", params={"recipient_country": code}).json()
    assert narrowed["total"] == len(rows)
    assert [v["value"] for v in narrowed["recipient_country"]] == [code]
    lines = client.get("/api/events.jsonl", params={"recipient_country": code}).text
    assert [json.loads(x)["event_id"] for x in lines.splitlines()] == [
        e["event_id"] for e in rows]
    table = list(csv.DictReader(io.StringIO(client.get(
        "/api/events.csv", params={"recipient_country": code}).text)))
    assert [int(r["event_id"]) for r in table] == [e["event_id"] for e in rows]
    actor = f["actor_country"][0]["value"]
    both_sides = _all_events(client, actor_country=actor, recipient_country=code)
    assert both_sides == [e for e in rows if e["actor_country"] == actor]
    html = client.get("/events", params={"recipient_country": code}).text
    assert 'data-facet="actor_country"' in html and 'data-facet="recipient_country"' in html
    assert f"/api/events.csv?recipient_country={code}" in html
    assert 'name="recipient_country"' in html  # kept by the filter form
    bad = client.get("/api/events", params={"actor_country": "FRANCE"})
    assert bad.status_code == 400


def test_event_facets_follow_the_filters(client) -> None:  # noqa: ANN001
    f = client.get("/api/events/facets", params={"type": "CONSULT"}).json()
    assert [v["value"] for v in f["type"]] == ["CONSULT"]
    assert f["total"] == len(_all_events(client, type="CONSULT"))
    bad = client.get("/api/events/facets", params={"type": "BOMB"})
    assert bad.status_code == 400 and "PLOVER" in bad.json()["error"]


def test_events_page_shows_facets_flags_and_the_trigger(client) -> None:  # noqa: ANN001
    html = client.get("/events").text
    assert 'id="event-facets"' in html and 'data-facet="type"' in html
    assert '<mark class="trigger">' in html
    assert "/api/events.csv" in html and "/api/events.jsonl" in html
    one = client.get("/api/events/facets").json()["type"][0]
    page = client.get("/events", params={"type": one["value"]}).text
    assert 'class="on"' in page and f">{one['count']}<" in page


def test_trigger_parts() -> None:
    assert trigger_parts("Russia condemned Germany.", "condemned") == [
        ("Russia ", False), ("condemned", True), (" Germany.", False)]
    assert trigger_parts("Talks went on.", "talks") == [("Talks", True), (" went on.", False)]
    assert trigger_parts("Nothing here.", "absent") == [("Nothing here.", False)]
    assert trigger_parts(None, None) == [("", False)]


def test_quote_facets_count_speakers_and_kinds(client) -> None:  # noqa: ANN001
    got: list[dict] = []
    for page in range(1, 10):
        r = client.get("/api/quotes", params={"per_page": 200, "page": page}).json()
        got += r["items"]
        if not r["has_next"]:
            break
    f = client.get("/api/quotes/facets").json()
    assert f["total"] == len(got) > 0
    assert {v["value"]: v["count"] for v in f["kind"]} == Counter(q["kind"] for q in got)
    counts = Counter(s["id"] for q in got for s in {x["id"]: x for x in q["speakers"]}.values())
    top = f["speaker"][0]
    assert top["count"] == counts[top["value"]] == max(counts.values())
    narrowed = client.get("/api/quotes", params={"speaker_id": top["value"],
                                                 "per_page": 200}).json()["items"]
    assert len(narrowed) == top["count"]
    html = client.get("/quotes").text
    assert 'id="quote-facets"' in html and "/api/quotes.jsonl" in html


def test_downloads_carry_the_filters(client) -> None:  # noqa: ANN001
    items = _all_events(client, type="CONSULT")
    lines = client.get("/api/events.jsonl", params={"type": "CONSULT"})
    assert lines.headers["content-type"].startswith("application/x-ndjson")
    assert "events.jsonl" in lines.headers["content-disposition"]
    rows = [json.loads(x) for x in lines.text.splitlines()]
    assert [r["event_id"] for r in rows] == [e["event_id"] for e in items]
    q = client.get("/api/quotes.csv", params={"kind": "direct"})
    assert q.headers["content-type"].startswith("text/csv")
    table = list(csv.DictReader(io.StringIO(q.text)))
    assert table and {r["kind"] for r in table} == {"direct"}
    assert json.loads(table[0]["speakers"]) is not None  # lists as JSON text
    ql = client.get("/api/quotes.jsonl", params={"kind": "direct"}).text.splitlines()
    assert len(ql) == len(table)


def test_quote_csv_cells_are_neutralised(client, hostile_id) -> None:  # noqa: ANN001
    from communique.web.formats import as_csv

    r = as_csv([{"content": "=HYPERLINK(1)", "n": 3}], "x")
    assert r.body.decode().splitlines()[1] == "'=HYPERLINK(1),3"
    raw = as_csv([{"content": "=HYPERLINK(1)", "n": 3}], "x", raw=True)
    assert raw.body.decode().splitlines()[1] == "=HYPERLINK(1),3"
    empty = client.get("/api/quotes.csv", params={"q": "zzzznothing"})
    assert empty.status_code == 200 and empty.text.strip() == "quote_id"


def test_timeline_counts_every_event_of_the_period(client) -> None:  # noqa: ANN001
    o = client.get("/api/overview").json()
    t = client.get("/api/overview/timeline").json()
    assert t["unit"] in ("day", "week") and t["buckets"]
    since, until = o["period"]["since"], o["period"]["until"]
    assert t["buckets"][0]["since"] == since and t["buckets"][-1]["until"] == until
    n = len(_all_events(client, since=since, until=until))
    assert sum(b["events"] for b in t["buckets"]) == n
    assert all(sum(b["quads"]) == b["events"] for b in t["buckets"])
    # a bucket's events are the events list of its period
    busy = max(t["buckets"], key=lambda b: b["events"])
    assert len(_all_events(client, since=busy["since"], until=busy["until"])) == busy["events"]
    day = client.get("/api/overview/timeline", params={"since": "2023-03-01",
                                                       "until": "2023-03-10"}).json()
    assert day["unit"] == "day" and len(day["buckets"]) == 10  # empty days too
    html = client.get("/").text
    assert 'id="timeline"' in html and f'/events?since={busy["since"]}&amp;until=' in html
    assert client.get("/api/overview/timeline", params={"since": "2023-05-01",
                                                        "until": "2023-01-01"}).status_code == 400


def test_headings_fall_back_to_the_first_sentence() -> None:
    from communique.web.timeline import shorten

    assert shorten("Talks resumed in Geneva. Later, more.") == "Talks resumed in Geneva."
    long = "word " * 40
    cut = shorten(long)
    assert cut.endswith("…") and len(cut) <= 81 and "  " not in cut


UNTITLED = ("French President Emmanuel Macron said on Monday that the sanctions were "
            "\"not acceptable\" and that France would act. Russia condemned Germany over "
            "the new sanctions. German Chancellor Olaf Scholz met Macron in Berlin on "
            "Tuesday.")


def test_untitled_articles_show_their_first_sentence(tmp_path) -> None:  # noqa: ANN001
    """Every page, JSON twin and download heads an untitled article by its first
    sentence (``heading``); ``title`` stays as stored."""
    import csv
    import io
    import warnings

    from communique.store.ingest import ingest

    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"published": "2023-04-02", "text": UNTITLED}) + "\n",
                      encoding="utf-8")
    db = tmp_path / "t.db"
    assert ingest([str(corpus)], db, workers=1).stored == 1
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    from communique.web import create_app

    first = "French President Emmanuel Macron said on Monday that the sanctions were \"not…"
    assert first.endswith("…") and len(first) <= 81
    with TestClient(create_app(db)) as c:
        events = c.get("/api/events").json()["items"]
        quotes = c.get("/api/quotes").json()["items"]
        assert events and quotes, "the article should give events and quotes"
        e = next(x for x in events if x["actor_id"] and x["recipient_id"])
        actor = e["actor_id"]
        pages = ["/", "/articles", "/articles/1", "/events", "/quotes", f"/actors/{actor}",
                 f"/actors/{e['recipient_id']}?role=recipient"]
        for path in pages:
            html = c.get(path).text
            assert first.replace('"', "&#34;") in html, path
            assert "article 1<" not in html.lower(), path
        for path in ("/api/articles/1", "/api/overview", "/api/events", "/api/quotes",
                     f"/api/actors/{actor}",
                     f"/api/network/edge?a={e['actor_id']}&b={e['recipient_id']}"
                     "&since=2023-04-01&until=2023-04-30"):
            body = c.get(path).json()
            found = []

            def walk(x, found=found) -> None:  # noqa: ANN001
                if isinstance(x, dict):
                    if "title" in x:
                        found.append((x["title"], x.get("heading")))
                    for k, v in x.items():
                        if k != "record":  # the analysis record, as stored
                            walk(v)
                elif isinstance(x, list):
                    for v in x:
                        walk(v)

            walk(body)
            assert found and set(found) == {(None, first)}, (path, found)
        assert "heading" not in c.get("/api/articles/1").json()["record"]["article"]
        for kind in ("events", "quotes"):
            rows = list(csv.DictReader(io.StringIO(c.get(f"/api/{kind}.csv").text)))
            assert rows and {(r["title"], r["heading"]) for r in rows} == {("", first)}
            lines = [json.loads(x) for x in c.get(f"/api/{kind}.jsonl").text.splitlines()]
            assert lines and {(r["title"], r["heading"]) for r in lines} == {(None, first)}


def test_quotes_are_marked_in_their_sentence(client, hostile_id: int) -> None:  # noqa: ANN001
    import html as htmllib

    from communique.web.quote_context import around

    assert around("One. Two said \"", "\", he added. Three.") == ('Two said "', '", he added.')
    assert around("", "")[0] == "" and around("x " * 300, "")[0].startswith("…")
    quotes = client.get("/api/quotes", params={"q": "acceptable"}).json()["items"]
    assert quotes and all("before" not in q for q in quotes)  # the JSON twin as before
    text = client.get(f"/api/articles/{hostile_id}").json()["record"]["article"]["text"]
    page = client.get("/quotes", params={"q": "acceptable"}).text
    found = re.findall(r'<blockquote><span class="context">(.*?)</span><mark class="quote">'
                       r'(.*?)</mark><span class="context">(.*?)</span></blockquote>', page)
    assert found
    flat = " ".join(text.split())
    for before, content, after in found:
        before, content, after = map(htmllib.unescape, (before, content, after))
        assert content in {q["content"] for q in quotes}
        assert " ".join((before + content + after).split()) in flat
    assert any(b.strip() for b, _, _ in found)  # "... said on Monday that"
    speaker = next(s for q in quotes for s in q["speakers"])
    assert '<mark class="quote">' in client.get(f"/actors/{speaker['id']}").text
    assert "before" not in json.dumps(client.get(f"/api/actors/{speaker['id']}").json())


def test_actors_kind_filter_and_counts(client) -> None:  # noqa: ANN001
    r = client.get("/api/actors", params={"per_page": 200}).json()
    kinds = {k["value"]: k["count"] for k in r["kinds"]}
    assert kinds and sum(kinds.values()) >= len(r["items"])
    kind, n = max(kinds.items(), key=lambda kv: kv[1])
    got = client.get("/api/actors", params={"kind": kind, "per_page": 200}).json()
    assert {x["kind"] or "" for x in got["items"]} == {kind}
    assert len(got["items"]) == min(n, 200)
    # the same order as the unfiltered list
    order = [x["id"] for x in r["items"] if (x["kind"] or "") == kind]
    assert [x["id"] for x in got["items"]][:len(order)] == order[:len(got["items"])]
    html = client.get("/actors", params={"kind": kind}).text
    assert 'id="actor-facets"' in html and 'class="on"' in html
    assert client.get("/api/actors", params={"kind": "Bad Kind"}).status_code == 400


def test_event_facets_from_arrays_match_sql(client) -> None:  # noqa: ANN001
    """The web app counts facets from its in-memory arrays; the SQL version is the
    reference, for every filter alone and some together."""
    import datetime as dt

    from communique.web.facets import event_facets
    from communique.web.params import EventFilters

    app = client.app
    db = app.state.store.connect()
    arrays = app.state.aggregates.get(db)
    base = event_facets(db, EventFilters())
    actor = base["actor"][0]["value"]
    country = base["country"][0]["value"]
    etype = base["type"][0]["value"]
    day = dt.date(2023, 3, 1)
    cases = [(None, None, None, None, None, None), (day, None, None, None, None, None),
             (None, day, None, None, None, None), (day, day + dt.timedelta(30), etype, None,
                                                   None, None),
             (None, None, None, actor, None, None), (None, None, None, None, country, None),
             (None, None, None, None, None, 4), (None, None, etype, actor, country, None),
             (None, None, "AID", None, "ZZ", None)]
    modes = [None, *(v["value"] for v in base["mode"]), "nosuchmode"]
    assert "none" in modes and len(modes) > 3  # events with and without a mode
    for (since, until, t, a, c, q), mode in [(k, None) for k in cases] + [
            ((None, None, None, None, None, None), m) for m in modes] + [
            ((day, None, etype, None, None, None), m) for m in modes]:
        f = EventFilters(since=since, until=until, type=t, actor=a, country=c, quad=q,
                         mode=mode)
        sql, mem = event_facets(db, f), event_facets(db, f, arrays)
        for key in ("total", "flags", "type", "quad", "mode"):
            assert sql[key] == mem[key], (f, key)
        # ties at the cut may differ (SQL's LIMIT keeps any of them): compare the counts
        for key in ("actor", "country", "actor_country", "recipient_country"):
            assert [v["count"] for v in sql[key]] == [v["count"] for v in mem[key]], (f, key)
        full = {v["value"]: v["count"] for v in event_facets(db, f)["country"]}
        assert all(full.get(v["value"], v["count"]) == v["count"] for v in mem["country"])
    # each side's country filter, alone and with the others
    a_c, r_c = base["actor_country"][0]["value"], base["recipient_country"][0]["value"]
    for kw in ({"actor_country": a_c}, {"recipient_country": r_c},
               {"actor_country": a_c, "recipient_country": r_c},
               {"recipient_country": r_c, "since": day, "type": etype},
               {"actor_country": "ZZZ"}):
        f = EventFilters(**kw)
        sql, mem = event_facets(db, f), event_facets(db, f, arrays)
        for key in ("total", "flags", "type", "quad", "mode"):
            assert sql[key] == mem[key], (kw, key)
        for key in ("actor", "country", "actor_country", "recipient_country"):
            assert [v["count"] for v in sql[key]] == [v["count"] for v in mem[key]], (kw, key)


def test_quote_facets_from_arrays_match_sql(client) -> None:  # noqa: ANN001
    import datetime as dt

    from communique.web.facets import quote_facets
    from communique.web.params import QuoteFilters

    db = client.app.state.store.connect()
    arrays = client.app.state.aggregates.get(db)
    base = quote_facets(db, QuoteFilters())
    sid, name = base["speaker"][0]["value"], base["speaker"][0]["label"]
    day = dt.date(2023, 3, 1)
    cases = [(None, None, None, None, None, None), (None, None, None, day, None, None),
             (None, None, None, None, day, "direct"), (None, None, sid, None, None, None),
             (None, name.split()[-1], None, None, None, None), ("talks", None, None, None,
                                                                 None, None),
             ("talks", None, sid, day, None, "direct"), (None, "Zzyzx", None, None, None,
                                                         None)]
    for case in cases:
        f = QuoteFilters(**dict(zip(("search", "speaker", "speaker_id", "since", "until",
                                     "kind"), case, strict=True)))
        sql, mem = quote_facets(db, f), quote_facets(db, f, arrays)
        assert sql["total"] == mem["total"] and sql["kind"] == mem["kind"], case
        assert [v["count"] for v in sql["speaker"]] == [v["count"] for v in mem["speaker"]]


def test_timeline_from_arrays_matches_sql(client) -> None:  # noqa: ANN001
    from communique.web.timeline import timeline

    db = client.app.state.store.connect()
    arrays = client.app.state.aggregates.get(db)
    for since, until in ((None, None), ("2023-03-01", None), (None, "2023-04-30"),
                         ("2023-02-01", "2023-02-20"), ("2023-01-04", "2023-06-30"),
                         ("2030-01-01", "2030-02-01"), ("2023-03-01", "2023-03-01")):
        sql = timeline(db, since, until)
        assert timeline(db, since, until, arrays) == sql, (since, until)
    assert timeline(db, None, None)["buckets"]


def test_actors_of_kind_from_arrays_match_sql(client) -> None:  # noqa: ANN001
    from communique.web.facets import actor_kinds, actors_of_kind

    db = client.app.state.store.connect()
    arrays = client.app.state.aggregates.get(db)
    kinds = [k["value"] for k in actor_kinds(db, None, None)]
    assert len(kinds) > 1
    for kind in [*kinds, "", "nosuchkind"]:
        for q, country, offset, limit in ((None, None, 0, 200), ("a", None, 0, 5),
                                           (None, "USA", 0, 50), (None, None, 2, 3)):
            sql = actors_of_kind(db, q, country, kind, offset, limit)
            assert actors_of_kind(db, q, country, kind, offset, limit, arrays) == sql, \
                (kind, q, country, offset)


def test_rare_country_lists_look_up_ids_and_match_the_walk(client) -> None:  # noqa: ANN001
    """A side-country filter takes its candidate ids from memory (a superset of the
    matches: the period widened by a day) instead of walking the date index; the rows
    and their order are those of the walk, for every side, period and page."""
    import datetime as dt

    from communique.web import queries as Q
    from communique.web.facets import event_facets
    from communique.web.params import EventFilters

    app = client.app
    db = app.state.store.connect()
    facets = app.state.aggregates.get(db).facets
    base = event_facets(db, EventFilters())
    day = dt.date(2023, 3, 1)
    tried = 0
    for side in ("country", "actor_country", "recipient_country"):
        for value in [v["value"] for v in base[side]] + ["ZZZ"]:
            for since, until in ((None, None), (day, None), (day, day + dt.timedelta(30))):
                f = EventFilters(since=since, until=until, **{side: value})
                ids = facets.side_ids(f, cap=10**6)
                assert ids is not None
                for page in (Q.Page(1, 3), Q.Page(2, 3), Q.Page(1, 200)):
                    walked = Q.events(db, f, page=page)
                    looked = Q.events(db, f, page=page, within=ids)
                    assert looked == walked, (side, value, since, until, page)
                tried += bool(ids)
    assert tried > 5
    assert facets.side_ids(EventFilters(), cap=10**6) is None  # no side filter
    common = base["country"][0]
    assert facets.side_ids(EventFilters(country=common["value"]),
                           cap=common["count"] - 1) is None  # past the cap: walk
