"""The web app answers the network, pair rankings, actor pages and edge lists from its
in-memory arrays (``web/aggregates.py``); these SQL versions are the reference they are
held to, and run only here."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest

from communique.store.read import QuoteFilter
from communique.web import actor_queries as QA
from communique.web import queries as Q
from communique.web.aggregates import EventArrays

Row = dict[str, Any]


def pair_scores(db: sqlite3.Connection, since: str | None, until: str | None, *,
                etype: str | None = None, country: str | None = None,
                limit: int = 1000) -> list[Row]:
    """Actor pairs with summed PLOVER scores, as :func:`Q.named_pairs` defines them."""
    where, params = Q._period("a", since, until)
    conds = [where[6:]] if where else []
    conds.append("e.negated = 0")
    if etype:
        conds.append("e.type = ?")
        params.append(etype)
    having, hparams = "", []
    if country:
        having = "WHERE xa.country = ? OR xb.country = ?"
        hparams = [country, country]
    sql = f"""
    WITH ev AS MATERIALIZED (
        SELECT e.id, coalesce(e.score, 0) AS score FROM articles a
        CROSS JOIN events e ON e.article_id = a.id WHERE {' AND '.join(conds)}),
    pairs AS (
        SELECT min(s.actor_id, r.actor_id) AS a, max(s.actor_id, r.actor_id) AS b,
               sum(ev.score) AS score, sum(max(ev.score, 0)) AS coop,
               sum(min(ev.score, 0)) AS conflict, count(DISTINCT ev.id) AS events
        FROM ev CROSS JOIN event_actors s ON s.event_id = ev.id AND s.role = 'actor'
        CROSS JOIN event_actors r ON r.event_id = ev.id AND r.role = 'recipient'
        WHERE s.actor_id != r.actor_id GROUP BY 1, 2)
    SELECT p.a, xa.name AS a_name, xa.country AS a_country, xa.kind AS a_kind,
           p.b, xb.name AS b_name, xb.country AS b_country, xb.kind AS b_kind,
           round(p.score, 2) AS score, round(p.coop, 2) AS coop,
           round(p.conflict, 2) AS conflict, p.events
    FROM pairs p JOIN actors xa ON xa.id = p.a JOIN actors xb ON xb.id = p.b {having}
    ORDER BY abs(p.score) DESC, p.events DESC, p.a, p.b LIMIT ?"""
    return Q.rows(db, sql, [*params, *hparams, limit])


def actor_summary(db: sqlite3.Connection, actor_id: int, limit: int = 10) -> Row:
    """The numbers of :func:`Q.actor_summary`, in SQL."""
    out: Row = {}
    out["roles"] = Q.rows(db, """
        SELECT aa.role, min(a.published) AS first, max(a.published) AS last,
               count(*) AS articles
        FROM article_actors aa CROSS JOIN articles a ON a.id = aa.article_id
        WHERE aa.actor_id = ? AND aa.role IS NOT NULL GROUP BY aa.role
        ORDER BY first, aa.role LIMIT 50""", [actor_id])
    out["counts"] = Q.rows(db, """
        SELECT (SELECT count(*) FROM article_actors WHERE actor_id = ?) AS articles,
               (SELECT count(*) FROM quote_speakers WHERE actor_id = ?) AS quotes,
               (SELECT count(*) FROM event_actors WHERE actor_id = ? AND role = 'actor')
                   AS events_as_actor,
               (SELECT count(*) FROM event_actors WHERE actor_id = ? AND role = 'recipient')
                   AS events_as_recipient""", [actor_id] * 4)[0]
    out["timeline"] = Q.rows(db, """
        SELECT substr(a.published, 1, 7) AS month,
               round(sum(max(coalesce(e.score, 0), 0)), 2) AS coop,
               round(sum(min(coalesce(e.score, 0), 0)), 2) AS conflict, count(*) AS events
        FROM events e CROSS JOIN articles a ON a.id = e.article_id
        WHERE e.negated = 0 AND a.published IS NOT NULL
          AND e.id IN (SELECT event_id FROM event_actors WHERE actor_id = ?)
        GROUP BY month ORDER BY month DESC LIMIT 120""", [actor_id])[::-1]
    counterparts = Q.rows(db, """
        SELECT c.id, x.name, x.country, round(c.score, 2) AS score, c.events FROM (
            SELECT o.actor_id AS id, sum(coalesce(e.score, 0)) AS score, count(*) AS events
            FROM event_actors me
            CROSS JOIN event_actors o ON o.event_id = me.event_id AND o.role != me.role
            CROSS JOIN events e ON e.id = me.event_id
            WHERE me.actor_id = ? AND o.actor_id != ? AND e.negated = 0
            GROUP BY o.actor_id) c
        JOIN actors x ON x.id = c.id""", [actor_id, actor_id])
    return {**out, **QA.ranked_counterparts(counterparts, limit)}


def actor_events(db: sqlite3.Connection, actor_id: int, role: str, page: Q.Page) -> Row:
    """A page of the actor's events as ``role``, in SQL (both plans of the events list)."""
    mine = "SELECT event_id FROM event_actors WHERE actor_id = ? AND role = ?"
    walk = Q.common(db, mine, [actor_id, role])
    return page.cut(Q._event_page(db, [f"{'+' if walk else ''}e.id IN ({mine})"],
                                  [actor_id, role], "a.published DESC, e.id DESC", page,
                                  walk=walk))


def edge_events(db: sqlite3.Connection, a: int, b: int, etype: str | None,
                page: Q.Page) -> Row:
    """The events behind one network edge (either direction) in the default period
    (the last month of the corpus), newest first, in SQL."""
    where, params = Q._period("a", *Q.default_period(db, None, None, 31))
    conds = [where[6:]] if where else []
    conds += ["e.negated = 0", """e.id IN (
        SELECT s.event_id FROM event_actors s JOIN event_actors r
        ON r.event_id = s.event_id AND r.role = 'recipient'
        WHERE s.role = 'actor' AND ((s.actor_id = ? AND r.actor_id = ?)
                                    OR (s.actor_id = ? AND r.actor_id = ?)))"""]
    params += [a, b, b, a]
    if etype:
        conds.append("e.type = ?")
        params.append(etype)
    return page.cut(Q._event_page(db, conds, params, "a.published DESC, e.id DESC", page))


def test_in_memory_aggregates_match_sql(client) -> None:  # noqa: ANN001
    """Network, pair rankings and actor timelines come from NumPy arrays; the SQL
    versions must give the same numbers."""
    db = client.app.state.store.connect()
    arrays = EventArrays.load(db, ())
    for since, until, etype, country in [("2023-01-01", "2023-12-31", None, None),
                                         ("2023-03-01", "2023-06-30", None, None),
                                         ("2023-01-01", "2023-12-31", "CONSULT", None),
                                         ("2023-01-01", "2023-12-31", None, "USA")]:
        sql = pair_scores(db, since, until, etype=etype, country=country)
        mem = Q.named_pairs(db, arrays, since, until, etype=etype, country=country)
        key = lambda p: (p["a"], p["b"])  # noqa: E731
        assert sorted(map(key, sql)) == sorted(map(key, mem))
        by = {key(p): p for p in sql}
        for p in mem:
            for col in ("score", "coop", "conflict"):
                assert p[col] == pytest.approx(by[key(p)][col], abs=0.011)
            assert p["events"] == by[key(p)]["events"]
    for actor_id in {p["a"] for p in pair_scores(db, None, None)}:
        sql = actor_summary(db, actor_id)
        mem = QA.actor_summary(db, actor_id, arrays=arrays)
        assert mem["timeline"] == sql["timeline"]
        assert mem["roles"] == sql["roles"]
        assert mem["counts"] == sql["counts"]
        assert {p["id"]: (p["score"], p["events"]) for p in mem["partners"]} == \
            {p["id"]: (p["score"], p["events"]) for p in sql["partners"]}
        assert {p["id"] for p in mem["adversaries"]} == {p["id"] for p in sql["adversaries"]}
    # the names each actor was seen under ("seen as"), read once at load
    for (actor_id,) in db.execute("SELECT id FROM actors"):
        assert arrays.names.get(actor_id, []) == QA.mention_names(db, actor_id), actor_id
    assert any(len(v) > 1 for v in arrays.names.values())  # more than one name, ordered


def test_in_memory_event_lists_match_sql(client, monkeypatch) -> None:  # noqa: ANN001
    db = client.app.state.store.connect()
    arrays = EventArrays.load(db, ())
    pairs = pair_scores(db, None, None)
    assert pairs
    for p in pairs[:15]:
        for page in (Q.Page(1, 50), Q.Page(1, 1), Q.Page(2, 1)):
            for role in ("actor", "recipient"):
                mem = QA.actor(db, p["a"], role=role, page=page, summary={}, arrays=arrays)
                for common in (1, 10**9):  # both SQL plans
                    monkeypatch.setattr(Q, "COMMON_MATCHES", common)
                    assert mem["events"] == actor_events(db, p["a"], role, page)
            for etype in (None, "CONSULT"):
                f = QuoteFilter(speaker_id=p["a"])
                assert Q.quotes(db, f, page=page, arrays=arrays) == Q.quotes(db, f, page=page)
                mem = Q.edge_events(db, p["a"], p["b"], None, None, etype, page,
                                    arrays=arrays)
                sql = edge_events(db, p["a"], p["b"], etype, page)
                assert {k: mem[k] for k in sql} == sql


def test_quote_counts_and_newest_first_slices_match_sql(client) -> None:  # noqa: ANN001
    db = client.app.state.store.connect()
    arrays = client.app.state.aggregates.get(db)
    for (actor,) in db.execute("SELECT id FROM actors").fetchall():
        assert arrays.quote_count(actor) == db.execute(
            "SELECT count(*) FROM quote_speakers WHERE actor_id = ?", (actor,)).fetchone()[0]
        quotes = [r[0] for r in db.execute(
            "SELECT DISTINCT q.id, a.published FROM quote_speakers qs "
            "JOIN quotes q ON q.id = qs.quote_id JOIN articles a ON a.id = q.article_id "
            "WHERE qs.actor_id = ? ORDER BY a.published DESC, q.id DESC", (actor,))]
        assert arrays.speaker_quotes(actor, 0, 1000) == quotes
        assert arrays.speaker_quotes(actor, 1, 2) == quotes[1:3]
        for role in ("actor", "recipient"):
            events = [r[0] for r in db.execute(
                "SELECT DISTINCT e.id, a.published FROM event_actors ea "
                "JOIN events e ON e.id = ea.event_id JOIN articles a ON a.id = e.article_id "
                "WHERE ea.actor_id = ? AND ea.role = ? "
                "ORDER BY a.published DESC, e.id DESC", (actor, role))]
            assert arrays.actor_events(actor, role, 0, 1000) == events
            assert arrays.actor_events(actor, role, 2, 3) == events[2:5]


def test_events_with_first_actors_from_memory_match_sql(client, monkeypatch) -> None:  # noqa: ANN001
    from communique.web.params import EventFilters

    db = client.app.state.store.connect()
    first = EventArrays.load(db, ()).facets.first
    actor = db.execute("SELECT actor_id FROM event_actors LIMIT 1").fetchone()[0]
    filters = [EventFilters(), EventFilters(type="ACCUSE"), EventFilters(country="RUS"),
               EventFilters(actor=actor), EventFilters(sort="actor"),
               EventFilters(sort="score", order="asc"), EventFilters(quad=4)]
    for f in filters:
        for page in (Q.Page(1, 1000), Q.Page(2, 7)):
            for common in (1, 10**9):  # both SQL plans
                monkeypatch.setattr(Q, "COMMON_MATCHES", common)
                kw: dict[str, Any] = {"sort": f.sort, "order": f.order, "page": page}
                sql, mem = Q.events(db, f, **kw), Q.events(db, f, first=first, **kw)
                assert sql == mem and [list(r) for r in sql["items"]] == [
                    list(r) for r in mem["items"]]
    assert any(r["recipient_name"] for r in Q.events(db, first=first)["items"])
    assert first.lookup([r[0] for r in db.execute("SELECT id FROM events")]) is not None
    assert first.lookup([10**9]) is None  # an event stored after the load: SQL
