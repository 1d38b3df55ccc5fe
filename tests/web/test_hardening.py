"""Issue 16 in the web app: items 3 (CSV cells), 5 (strict Host), 11 (ids beyond 64 bits,
headers on every response, 500 included) and 12 (a damaged store answers 503 in one
line). Stores are written through the real writer from hand-made records (no spaCy)."""

from __future__ import annotations

import csv
import io
import sys
import warnings
from pathlib import Path

import pytest

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
FORMULA = "=HYPERLINK(\"http://evil.example\",\"x\") "


def build(path: Path, n: int, prefix: str = "") -> Path:
    db = connect(path)
    items = []
    for i in range(n):
        text = prefix + text_n(i)
        items.append(Analysed("f.jsonl", i + 1, dedup.text_hash(text), make_analysis(text),
                              dedup.signature(text)))
    assert Writer(db).write(items).stored == n
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


def client(path: Path, **kw) -> TestClient:  # noqa: ANN003
    from communique.web import create_app

    return TestClient(create_app(path, **kw), raise_server_exceptions=False)


def has_headers(response) -> bool:  # noqa: ANN001
    return all(h in response.headers for h in HEADERS)


def test_events_csv_neutralises_formulas(tmp_path: Path, store_intact) -> None:
    """Item 3: /api/events.csv goes through the export's one neutralising function."""
    db = build(tmp_path / "f.db", 3, FORMULA)
    before = store_intact(db)
    with client(db) as c:
        r = c.get("/api/events.csv")
        assert r.status_code == 200 and has_headers(r)
        rows = list(csv.DictReader(io.StringIO(r.text)))
        assert len(rows) == 3 and all(row["sentence"].startswith("'=HYPERLINK(") for row in rows)
        assert {row["score"] for row in rows} == {"-3.0"}
        raw = list(csv.DictReader(io.StringIO(c.get("/api/events.csv?raw=true").text)))
        assert all(row["sentence"].startswith("=HYPERLINK(") for row in raw)
    assert store_intact(db) == before


def test_every_list_download_neutralises_formulas(tmp_path: Path, store_intact) -> None:
    """Item 3 for the articles, actors and edge lists: the same neutralising function
    (headings and sentences begin with a formula here), ``raw`` as stored."""
    db = build(tmp_path / "g.db", 3, FORMULA)
    before = store_intact(db)
    with client(db) as c:
        heads = list(csv.DictReader(io.StringIO(c.get("/api/articles.csv").text)))
        assert len(heads) == 3 and all(r["heading"].startswith("'=HYPERLINK(") for r in heads)
        raw = list(csv.DictReader(io.StringIO(c.get("/api/articles.csv?raw=1").text)))
        assert all(r["heading"].startswith("=HYPERLINK(") for r in raw)
        edge = c.get("/api/network", params={"since": "2000-01-01"}).json()["edges"][0]
        url = f"/api/network/edge.csv?since=2000-01-01&a={edge['a']}&b={edge['b']}"
        rows = list(csv.DictReader(io.StringIO(c.get(url).text)))
        assert rows and all(r["sentence"].startswith("'=HYPERLINK(") for r in rows)
        actors = c.get("/api/actors.csv")
        assert actors.status_code == 200 and has_headers(actors)
    assert store_intact(db) == before


@pytest.mark.parametrize("host", ["localhost:8000@evil.example", "127.0.0.1:8000#evil",
                                  "localhost:8000/evil", "localhost evil", "evil.example",
                                  "localhost:80:80", "[::1]x", "localhost:123456", ""])
def test_host_header_is_parsed_strictly(tmp_path: Path, host: str) -> None:
    """Item 5: host and optional port only; anything else is a 400 (with the headers)."""
    db = build(tmp_path / "h.db", 1)
    with client(db, hosts=frozenset({"127.0.0.1", "localhost", "::1"})) as c:
        for good in ("localhost:8000", "LOCALHOST", "127.0.0.1", "[::1]:8000"):
            assert c.get("/api/overview", headers={"host": good}).status_code == 200, good
        bad = c.get("/api/overview", headers={"host": host})
        assert bad.status_code == 400 and has_headers(bad)
        assert bad.text == "invalid Host header for this server\n"


BIG = "99999999999999999999"


@pytest.mark.parametrize("url", [f"/api/articles/{BIG}", f"/articles/{BIG}",
                                 f"/api/articles/{BIG}/record", f"/api/actors/{BIG}",
                                 f"/actors/{BIG}", f"/api/articles?story={BIG}",
                                 f"/articles?story={BIG}", f"/api/events?actor={BIG}",
                                 f"/api/events.csv?actor={BIG}",
                                 f"/api/quotes?speaker_id={BIG}",
                                 f"/api/network/edge?a={BIG}&b=1",
                                 f"/api/network/edge?a=1&b={BIG}",
                                 f"/api/articles/{2**63}", f"/api/articles/{-2**63}"])
def test_ids_beyond_64_bits_are_a_400(tmp_path: Path, url: str, store_intact) -> None:
    """Item 11: validated as integers a store can hold, not an OverflowError 500."""
    db = build(tmp_path / "o.db", 2)
    before = store_intact(db)
    with client(db) as c:
        r = c.get(url)
        assert r.status_code in (400, 422) or r.status_code == 404, (url, r.status_code)
        assert r.status_code != 500 and has_headers(r)
        assert c.get(f"/api/articles/{2**63 - 1}").status_code == 404  # the largest id
    assert store_intact(db) == before


def test_a_500_carries_the_security_headers(tmp_path: Path, monkeypatch) -> None:
    """Item 11: an unexpected error is a plain 500 that still has every header."""
    from communique.web import queries

    db = build(tmp_path / "e.db", 1)

    def broken(*args, **kwargs):  # noqa: ANN002, ANN003
        raise RuntimeError("a bug")

    monkeypatch.setattr(queries, "article", broken)
    with client(db) as c:
        for url in ("/api/articles/1", "/articles/1"):
            r = c.get(url)
            assert r.status_code == 500 and has_headers(r), url
            assert r.text == "internal server error\n"


def corrupt(path: Path, first_page: int = 55) -> None:
    """Overwrite the data pages from ``first_page`` on (the schema pages stay)."""
    size = path.stat().st_size
    with open(path, "r+b") as f:
        f.seek(first_page * 4096)
        f.write(b"\xab" * (size - first_page * 4096 - 4 * 4096))


@pytest.fixture
def damaged(tmp_path: Path) -> Path:
    db = build(tmp_path / "bad.db", 60)
    assert db.stat().st_size > 100 * 4096
    corrupt(db)
    return db


def test_a_damaged_store_is_one_line_on_the_cli(damaged: Path, run_cli) -> None:
    """Item 12: stats, quotes, events, actors top and export name the file and the way
    to recover, exit 2, no traceback; ingest into it says the same."""
    expected = (f"error: {damaged}: the store is damaged (database disk image is malformed);"
                f" recover what is readable with `sqlite3 {damaged} \".recover\" | sqlite3 "
                "recovered.db`")
    for args in (["stats", "--format", "json"], ["quotes"], ["events"], ["actors", "top"],
                 ["export", "--what", "events"],
                 ["export", "--what", "articles", "--out", damaged.parent / "x.jsonl"]):
        code, _, err = run_cli(*args, "--db", damaged)
        assert code == 2 and err.strip() == expected, (args, err)
    assert not (damaged.parent / "x.jsonl").exists()  # no partial export left behind
    good = damaged.parent / "good.txt"
    good.write_text("The Kenyan foreign minister met the envoy in Nairobi on Monday.",
                    encoding="utf-8")
    code, _, err = run_cli("ingest", good, "--db", damaged, "--workers", "1", "-q")
    assert code == 2 and err.strip().endswith("sqlite3 recovered.db`"), err
    assert len(err.strip().splitlines()) == 1


def test_a_damaged_store_is_a_503_on_the_web(damaged: Path) -> None:
    """Item 12: the server starts, and answers 503 with the message on every route that
    meets the damage (HTML and JSON), with the security headers."""
    before = damaged.read_bytes()
    with client(damaged) as c:
        seen = 0
        for url in ("/", "/api/overview", "/articles", "/api/articles", "/api/articles/30",
                    "/actors", "/api/actors", "/api/events", "/events", "/api/quotes",
                    "/quotes", "/api/network", "/api/events.csv", "/api/quotes?q=act"):
            r = c.get(url)
            assert r.status_code in (200, 404, 503), (url, r.status_code)
            assert has_headers(r), url
            if r.status_code == 503:
                seen += 1
                assert "the store is damaged (database disk image is malformed)" in r.text
                assert ".recover" in r.text
        assert seen >= 8
    assert damaged.read_bytes() == before


def test_a_damaged_schema_is_one_line_at_start(tmp_path: Path) -> None:
    """Item 12: damage in the schema pages stops `serve` before it starts, in one line."""
    from communique.store.db import StoreError
    from communique.web import create_app

    db = build(tmp_path / "schema.db", 60)
    corrupt(db, first_page=1)
    with pytest.raises(StoreError) as info:
        create_app(db)
    assert str(info.value).startswith(f"{db}: ") and "\n" not in str(info.value)
