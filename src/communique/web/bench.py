"""``communique bench serve``: API latency on a large synthetic store, under load.

Parsing 100,000 articles with spaCy would take hours, so the store is filled with
synthetic *analysis records* (text, actors with mentions, quotes, events with exact
offsets) written through the store's own :class:`~communique.store.writer.Writer`, the
same path ingest uses. Their MinHash signatures are random bytes: every synthetic article
is its own story, and the LSH lookup stays an indexed miss as it is for distinct news.
The store is cached by path, so a second run measures at once.

The server runs as ``communique serve --workers N`` (its default number of worker
processes unless told), a child process, and
a bounded client (a fixed number of requests per route from a pool of threads, httpx over
loopback) records each request's latency.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from ..events.plover import BASE_SCORE
from ..synth import AGENCIES, CLAIMS, COUNTRIES, PEOPLE, TOPICS

Record = dict[str, Any]

#: bumped when the generator changes, so a cached store of the old kind is not reused
#: (2: base scores from the PLOVER type table)
VERSION = 2

#: PLOVER types with a verb phrase (the trigger); scores are the type table's base scores
EVENT_PHRASES = {
    "AGREE": "agreed with", "CONSULT": "met", "SUPPORT": "backed",
    "CONCEDE": "made concessions to", "COOPERATE": "signed a pact with",
    "AID": "sent aid to", "RETREAT": "withdrew troops from",
    "REQUEST": "urged", "ACCUSE": "accused", "REJECT": "rejected",
    "THREATEN": "threatened", "PROTEST": "protested against",
    "SANCTION": "imposed sanctions on", "MOBILIZE": "massed troops near",
    "COERCE": "expelled diplomats of", "ASSAULT": "shelled",
}
EVENT_VERBS = {t: (BASE_SCORE[t], phrase) for t, phrase in EVENT_PHRASES.items()}
FIRST = ("Anna", "Boris", "Chen", "Dara", "Elif", "Farid", "Grace", "Hugo", "Ines", "Jonas",
         "Kemal", "Lina", "Mateo", "Nadia", "Omar", "Priya", "Rafael", "Sara", "Tomas", "Yara")
LAST = ("Adeyemi", "Barros", "Costa", "Dimitrov", "Eriksen", "Fischer", "Garcia", "Haddad",
        "Ivanova", "Jensen", "Kovacs", "Lopez", "Moreau", "Novak", "Okafor", "Petrov",
        "Quispe", "Rossi", "Sato", "Tanaka")
OFFICES = ("Foreign Minister", "Defence Minister", "Trade Minister", "Ambassador",
           "Prime Minister", "Energy Minister")


def _actor_pool(rng: random.Random) -> list[Record]:
    """Countries, the generator's office holders and a few hundred invented officials."""
    pool: list[Record] = []
    for c in COUNTRIES:
        name = c.name.removeprefix("the ")
        pool.append({"name": name, "kind": "country", "country": name[:3].upper(),
                     "sector": "GOV", "role": None})
    for p in PEOPLE:
        pool.append({"name": p.name, "kind": "person", "country": p.country[:3].upper(),
                     "sector": "GOV", "role": p.role})
    for first in FIRST:
        for last in LAST:
            c = rng.choice(COUNTRIES)
            pool.append({"name": f"{first} {last}", "kind": "person",
                         "country": c.name.removeprefix("the ")[:3].upper(), "sector": "GOV",
                         "role": f"{c.adjective} {rng.choice(OFFICES)}"})
    return pool


class _Text:
    """Builds an article text piece by piece, returning each piece's offsets."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def add(self, s: str) -> tuple[int, int]:
        start = self.length
        self.parts.append(s)
        self.length += len(s)
        return start, self.length

    def text(self) -> str:
        return "".join(self.parts)


def synthetic_records(n: int, *, seed: int = 0) -> Iterator[Record]:
    """``n`` analysis records (the JSON contract) over 2023, actors drawn Zipf-like
    (exponent 0.6) from a pool of about 470: the busiest is in about one article in six,
    as the United States is in international news."""
    rng = random.Random(seed)
    pool = _actor_pool(rng)
    weights = [1 / (rank + 1) ** 0.6 for rank in range(len(pool))]
    start = dt.date(2023, 1, 1)
    types = list(EVENT_VERBS)
    for i in range(n):
        date = start + dt.timedelta(days=rng.randrange(365))
        chosen: list[Record] = []
        while len(chosen) < rng.randint(3, 6):
            a = rng.choices(pool, weights)[0]
            if a not in chosen:
                chosen.append(a)
        actors = [{"id": f"A{k + 1}", "name": a["name"], "kind": a["kind"],
                   "country": a["country"], "organization": None, "sector": a["sector"],
                   "role": a["role"], "wikidata": None, "mentions": []}
                  for k, a in enumerate(chosen)]
        topic, detail = rng.choice(TOPICS)
        t = _Text()
        t.add(f"{rng.choice(COUNTRIES).capital.upper()} ({rng.choice(AGENCIES)}) - ")
        quotes, events = [], []

        def mention(k: int, t: _Text = t, actors: list[Record] = actors) -> None:
            s, e = t.add(actors[k]["name"])
            actors[k]["mentions"].append({"start": s, "end": e, "text": actors[k]["name"]})

        for _ in range(rng.randint(3, 5)):
            a, b = rng.sample(range(len(actors)), 2)
            etype = rng.choice(types)
            score, verb = EVENT_VERBS[etype]
            s0 = t.length
            mention(a)
            t.add(" ")
            ts, te = t.add(verb)
            t.add(" ")
            mention(b)
            t.add(f" over {topic} on {date:%A}.")
            events.append({"id": f"E{len(events) + 1}", "type": etype, "mode": None,
                           "contexts": [], "actors": [actors[a]["id"]],
                           "recipients": [actors[b]["id"]],
                           "trigger": {"start": ts, "end": te, "text": verb},
                           "sentence": {"start": s0, "end": t.length},
                           "negated": False, "hypothetical": False, "future": False,
                           "quote": None, "score": score})
            t.add(" ")
        for _ in range(rng.randint(2, 4)):
            k = rng.randrange(len(actors))
            claim = rng.choice(CLAIMS).format(topic=topic, detail=detail,
                                              country=rng.choice(COUNTRIES).name,
                                              org="the United Nations")
            content = claim[0].upper() + claim[1:]
            t.add('"')
            cs, ce = t.add(content)
            t.add('," ')
            ms = t.length
            mention(k)
            t.add(" ")
            us, ue = t.add("said")
            t.add(". ")
            quotes.append({"id": f"Q{len(quotes) + 1}", "kind": "direct",
                           "content": {"start": cs, "end": ce, "text": content},
                           "cue": {"start": us, "end": ue, "text": "said"},
                           "speakers": [actors[k]["id"]],
                           "speaker_mention": {"start": ms, "end": ms + len(actors[k]["name"]),
                                               "text": actors[k]["name"]}})
        text = t.text().rstrip()
        agency = rng.choice(AGENCIES)
        yield {"schema": "communique.analysis/1",
               "article": {"id": f"bench-{i}", "text": text,
                           "title": f"{chosen[0]['name']} and {chosen[1]['name']} on {topic}",
                           "url": f"https://{agency.lower().replace(' ', '')}.example/{i}",
                           "source": agency, "published": date.isoformat(), "language": "en"},
               "actors": actors, "quotes": quotes, "events": events}


def build_store(n: int, path: str | Path, *, seed: int = 0, batch: int = 500,
                progress: Callable[[str], None] | None = None) -> Path:
    """Write ``n`` synthetic records to a new store at ``path`` (kept if it already holds
    ``n`` articles); built under a temporary name, so a killed build is not reused."""
    from ..model import Analysis
    from ..store import dedup
    from ..store.db import analyze, connect
    from ..store.writer import Analysed, Writer

    path = Path(path)
    if path.exists():
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            if db.execute("SELECT count(*) FROM articles").fetchone()[0] == n:
                return path
        except sqlite3.DatabaseError:
            pass
        finally:
            db.close()
        path.unlink()
    tmp = path.with_name(path.name + ".building")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{tmp}{suffix}").unlink(missing_ok=True)
    db = connect(tmp)
    writer = Writer(db)
    rng = random.Random(seed + 1)
    t0 = time.perf_counter()
    items: list[Analysed] = []
    for i, record in enumerate(synthetic_records(n, seed=seed), 1):
        text = record["article"]["text"]
        items.append(Analysed(None, i, dedup.text_hash(text), Analysis.from_dict(record),
                              rng.randbytes(dedup.NUM_PERM * 4)))
        if len(items) >= batch or i == n:
            writer.write(items)
            items = []
            if progress and (i % 10_000 == 0 or i == n):
                progress(f"built {i:,}/{n:,} articles ({time.perf_counter() - t0:.0f} s)")
    analyze(db)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    os.replace(tmp, path)
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _workload(db_path: Path, rng: random.Random) -> dict[str, Callable[[], str]]:
    """Route name -> a function giving the next URL, with varied parameters."""
    db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        n_articles = db.execute("SELECT max(id) FROM articles").fetchone()[0]
        busy = [r[0] for r in db.execute(
            "SELECT actor_id FROM article_actors GROUP BY actor_id "
            "ORDER BY count(*) DESC LIMIT 50")]
        names = [r[0] for r in db.execute(
            f"SELECT name FROM actors WHERE id IN ({','.join('?' * len(busy[:20]))})",
            busy[:20])]
        kinds = [r[0] for r in db.execute("SELECT DISTINCT kind FROM actors "
                                          "WHERE kind IS NOT NULL ORDER BY kind")]
        countries = [r[0] for r in db.execute("SELECT DISTINCT country FROM actors "
                                              "WHERE country IS NOT NULL ORDER BY country")]
        pairs = db.execute(
            "SELECT s.actor_id, r.actor_id FROM event_actors s JOIN event_actors r "
            "ON r.event_id = s.event_id AND r.role = 'recipient' WHERE s.role = 'actor' "
            f"AND s.actor_id IN ({','.join('?' * len(busy[:10]))}) LIMIT 200",
            busy[:10]).fetchall()
    finally:
        db.close()
    words = ("sanctions", "talks", "ceasefire", "grain", "deal", "peace", "victims",
             "climate finance", "nuclear programme", "responsibility", "diplomacy",
             "interests", "weeks", "promises")
    types = list(EVENT_VERBS)

    def month() -> str:
        m = rng.randint(1, 12)
        end = (dt.date(2023, m, 28) + dt.timedelta(days=4)).replace(day=1) - \
            dt.timedelta(days=1)
        return f"since=2023-{m:02d}-01&until={end.isoformat()}"

    def window() -> str:
        first = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randint(0, 334))
        return f"since={first}&until={first + dt.timedelta(days=29)}"

    return {
        "overview": lambda: "/api/overview",
        "article": lambda: f"/api/articles/{rng.randint(1, n_articles)}",
        "actor": lambda: f"/api/actors/{rng.choice(busy)}",
        "actor (recipient, page 3)": lambda: f"/api/actors/{rng.choice(busy)}"
                                             "?role=recipient&page=3",
        "actors search": lambda: f"/api/actors?q={rng.choice(names)[:4]}",
        "network (one month)": lambda: f"/api/network?{month()}",
        "network edge (one month)": lambda: "/api/network/edge?a={}&b={}&{}".format(
            *rng.choice(pairs), month()),
        "articles (page)": lambda: f"/api/articles?page={rng.randint(1, 20)}",
        "article search": lambda: f"/api/articles?q={rng.choice(words)}",
        "quote search": lambda: f"/api/quotes?q={rng.choice(words)}",
        "quote search + speaker": lambda: f"/api/quotes?q={rng.choice(words)}"
                                          f"&speaker={rng.choice(names)}",
        "events (type, page)": lambda: f"/api/events?type={rng.choice(types)}"
                                       f"&page={rng.randint(1, 20)}",
        "events by score": lambda: "/api/events?sort=score&order=asc",
        "events CSV (1000 rows)": lambda: f"/api/events.csv?{month()}&per_page=1000",
        "events JSONL (1000 rows)": lambda: f"/api/events.jsonl?{month()}&per_page=1000",
        "quotes CSV (1000 rows)": lambda: f"/api/quotes.csv?{month()}&per_page=1000",
        "quotes JSONL (1000 rows)": lambda: f"/api/quotes.jsonl?{month()}&per_page=1000",
        # a random 30-day window: most requests miss the facet cache (a cold count)
        "event facets (30 days, uncached)": lambda: f"/api/events/facets?{window()}",
        "event facets (type, month)": lambda: f"/api/events/facets?type="
                                              f"{rng.choice(types)}&{month()}",
        "quote facets (30 days, uncached)": lambda: f"/api/quotes/facets?{window()}",
        "overview timeline (default period)": lambda: "/api/overview/timeline",
        "overview timeline (year, uncached)": lambda: "/api/overview/timeline?since="
            f"2023-01-{rng.randint(1, 28):02d}&until=2023-12-{rng.randint(1, 31):02d}",
        "actors (kind)": lambda: f"/api/actors?kind={rng.choice(kinds)}",
        "events (recipient country, month)": lambda: "/api/events?recipient_country="
                                                     f"{rng.choice(countries)}&{month()}",
        "event facets (actor country, month)": lambda: "/api/events/facets?actor_country="
                                                       f"{rng.choice(countries)}&{month()}",
        "articles CSV (1000 rows)": lambda: f"/api/articles.csv?{month()}&per_page=1000",
        "actors JSONL (kind, 1000 rows)": lambda: f"/api/actors.jsonl?kind="
                                                  f"{rng.choice(kinds)}&per_page=1000",
        "network edge CSV (one month)": lambda: "/api/network/edge.csv?a={}&b={}&{}".format(
            *rng.choice(pairs), month()),
    }


#: routes with a latency target (p95, milliseconds): issue 6's three, and every route
#: issue 17 added or changed (timeline, facets, downloads, the actor page and list)
TARGETS = {name: 300 for name in (
    "actor", "network (one month)", "quote search", "event facets (30 days, uncached)",
    "event facets (type, month)", "quote facets (30 days, uncached)",
    "overview timeline (default period)", "overview timeline (year, uncached)",
    "events CSV (1000 rows)", "events JSONL (1000 rows)", "quotes CSV (1000 rows)",
    "quotes JSONL (1000 rows)", "actors (kind)", "events (recipient country, month)",
    "event facets (actor country, month)", "articles CSV (1000 rows)",
    "actors JSONL (kind, 1000 rows)", "network edge CSV (one month)")}


def _p95(ms: list[float]) -> float:
    """The 95th percentile of sorted timings (nearest rank)."""
    return ms[max(0, int(round(0.95 * len(ms))) - 1)]


def bench_serve(articles: int = 100_000, *, db_path: str | Path | None = None,
                requests: int = 200, concurrency: int = 8, seed: int = 0,
                in_process: bool = False, workers: int | None = None,
                progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Build or reuse the store, start a server as ``communique serve --workers N`` runs
    (``workers`` None: its default), and time every route under load; ``in_process``:
    then also each route's same requests one at a time through the app in this process
    (no HTTP, no queue: what a request costs on a shared machine)."""
    import httpx

    from .workers import default_workers

    say = progress or (lambda _m: None)
    path = Path(db_path) if db_path else \
        Path(tempfile.gettempdir()) / f"communique-bench-serve-v{VERSION}-{articles}-{seed}.db"
    t0 = time.perf_counter()
    build_store(articles, path, seed=seed, progress=say)
    build_s = time.perf_counter() - t0
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        sizes = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                 for t in ("articles", "actors", "quotes", "events")}
    port = _free_port()
    workers = workers or default_workers()
    server = subprocess.Popen([sys.executable, "-m", "communique", "serve", "--db", str(path),
                               "--port", str(port), "--workers", str(workers)],
                              stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    routes_out: list[dict[str, Any]] = []
    asked: dict[str, list[str]] = {}
    load_before = os.getloadavg()
    try:
        with httpx.Client(base_url=base, timeout=60,
                          limits=httpx.Limits(max_connections=concurrency)) as client:
            deadline = time.monotonic() + 600  # the first request waits for the arrays
            while True:
                try:
                    client.get("/api/overview").raise_for_status()
                    break
                except httpx.TransportError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        raise RuntimeError("the server did not start") from None
                    time.sleep(0.2)
            rng = random.Random(seed)
            for name, next_url in _workload(path, rng).items():
                urls = asked[name] = [next_url() for _ in range(requests)]
                for u in urls[: min(5, requests)]:  # warm the page cache for this route
                    client.get(u)

                def timed(url: str) -> tuple[float, int]:
                    s = time.perf_counter()
                    r = client.get(url)
                    return (time.perf_counter() - s) * 1000, r.status_code

                s = time.perf_counter()
                with ThreadPoolExecutor(concurrency) as pool:
                    results = list(pool.map(timed, urls))
                wall = time.perf_counter() - s
                ms = sorted(r[0] for r in results)
                bad = [code for _, code in results if code != 200]
                row = {"route": name, "example": urls[0], "p50_ms": statistics.median(ms),
                       "p95_ms": _p95(ms),
                       "max_ms": ms[-1], "rps": len(ms) / wall, "errors": len(bad)}
                if name in TARGETS:
                    row["target_ms"] = TARGETS[name]
                    row["ok"] = row["p95_ms"] <= TARGETS[name] and not bad
                routes_out.append(row)
                say(f"{name}: p95 {row['p95_ms']:.1f} ms")
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:  # a request still running in a server thread
            server.kill()
            server.wait()
    load_after = os.getloadavg()
    if in_process:
        _in_process(path, asked, routes_out, say)
    return {**sizes, "db": str(path), "build_seconds": round(build_s, 1),
            "requests": requests, "concurrency": concurrency, "workers": workers,
            "routes": routes_out,
            "load_average": [round(x, 1) for x in (*load_before, *load_after)]}


def _in_process(path: Path, asked: dict[str, list[str]], routes_out: list[dict[str, Any]],
                say: Callable[[str], None]) -> None:
    """Each route's requests again, one at a time, through the app in this process
    (Starlette's TestClient), the first five untimed as over HTTP: ``inproc_p50_ms``,
    ``inproc_p95_ms`` on each row."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from .app import create_app

    app = create_app(path)
    with TestClient(app) as client:
        app.state.aggregates.get(app.state.store.connect())  # wait for the arrays
        for row in routes_out:
            urls = asked[row["route"]]
            for u in urls[: min(5, len(urls))]:
                client.get(u)
            ms = []
            for u in urls:
                s = time.perf_counter()
                client.get(u)
                ms.append((time.perf_counter() - s) * 1000)
            ms.sort()
            row["inproc_p50_ms"] = statistics.median(ms)
            row["inproc_p95_ms"] = _p95(ms)
            say(f"{row['route']} in process: p95 {row['inproc_p95_ms']:.1f} ms")
