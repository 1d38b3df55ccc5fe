"""The watch command, stats and the web UI over a watched store; a kill -9 mid-poll."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner

from communique.cli import cli
from communique.watch import poll

from .conftest import article_html, rss

RSS = "application/rss+xml"
SRC = str(Path(__file__).resolve().parents[2] / "src")


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    c = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        return c.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # not migrated yet
        return 0
    finally:
        c.close()


def test_serve_shows_new_articles_without_a_restart(site, fast, tmp_path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    from communique.web import create_app

    for i in range(3):
        site.add(f"/a/{i}.html", article_html(40 + i))
    feed = site.add("/feed.xml", rss(site.base, ["/a/0.html", "/a/1.html"]), type=RSS,
                    etag='"1"')
    site.add("/gone.xml", status=410, body=b"gone")
    db = tmp_path / "w.db"
    sources = [f"{site.base}/feed.xml", f"{site.base}/gone.xml"]
    assert poll(db, sources, fast).stored == 2
    with TestClient(create_app(db)) as client:
        before = client.get("/api/overview").json()
        assert len(client.get("/api/articles").json()["items"]) == 2
        data = client.get("/api/sources").json()
        health = {s["url"]: s["health"] for s in data["items"]}
        assert health == {sources[0]: "ok", sources[1]: "failing"}
        page = client.get("/sources")
        assert page.status_code == 200 and "HTTP 410" in page.text and "failing" in page.text
        assert '<a href="/sources">Sources</a>' in client.get("/").text

        feed.body, feed.etag = rss(site.base, ["/a/2.html", "/a/0.html", "/a/1.html"]), '"2"'
        assert poll(db, sources, fast).stored == 1
        listing = client.get("/api/articles").json()
        assert len(listing["items"]) == 3
        after = client.get("/api/overview").json()
        assert after != before  # the cached overview noticed the new article
        new_id = max(a["id"] for a in listing["items"])
        assert client.get(f"/articles/{new_id}").status_code == 200


def test_watch_command_stats_and_log_lines(site, tmp_path: Path) -> None:
    site.add("/a/1.html", article_html(51))
    site.add("/feed.xml", rss(site.base, ["/a/1.html", "/nope.html"]), type=RSS, etag='"x"')
    listing = tmp_path / "sources.txt"
    listing.write_text(f"# our feeds\n{site.base}/feed.xml\n\n", encoding="utf-8")
    db = tmp_path / "w.db"
    args = ["watch", str(listing), "--db", str(db), "--once", "--delay", "0", "--backoff",
            "0", "--timeout", "1", "--contact", "desk@example.org"]
    r = CliRunner().invoke(cli, args)
    assert r.exit_code == 0, r.output
    lines = r.output.strip().splitlines()
    assert f"{site.base}/feed.xml new=1 unchanged=0 failed=1 time=" in lines[0]
    assert "1 stored" in lines[-1]
    assert all("contact: desk@example.org" in (h.agent or "") for h in site.log)
    r = CliRunner().invoke(cli, args)
    assert "new=0 unchanged=0 failed=0" in r.output and "(304)" in r.output  # 404: not retried

    r = CliRunner().invoke(cli, ["stats", "--db", str(db), "--format", "json"])
    sources = json.loads(r.output)["sources"]
    assert sources[0]["url"] == f"{site.base}/feed.xml" and sources[0]["health"] == "ok"
    assert sources[0]["stored"] == 1 and sources[0]["failed"] == 1


def test_bad_sources_are_one_line_errors(tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=SRC)
    bad = tmp_path / "list.txt"
    bad.write_text("http://127.0.0.1:9/feed.xml\nftp://example.org/x\n", encoding="utf-8")
    for source, message in ((str(tmp_path / "none.txt"), "no such file"),
                            (str(bad), f"{bad}:2: 'ftp://example.org/x' is not an http(s) URL")):
        p = subprocess.run([sys.executable, "-m", "communique", "watch", source, "--db",
                            str(tmp_path / "w.db"), "--once"], capture_output=True,
                           text=True, env=env, timeout=120)
        assert p.returncode == 2 and message in p.stderr, p.stderr
        assert len(p.stderr.strip().splitlines()) == 1
    r = CliRunner().invoke(cli, ["watch", "http://127.0.0.1:9/x", "--every", "soon"])
    assert r.exit_code == 2 and "not a duration" in r.output


@pytest.mark.slow
def test_kill_9_mid_poll_then_rerun_stores_each_article_once(site, tmp_path: Path) -> None:
    n = 8
    for i in range(n):
        site.add(f"/k/{i}.html", article_html(60 + i), delay=0.4)
    site.add("/feed.xml", rss(site.base, [f"/k/{i}.html" for i in range(n)]), type=RSS,
             etag='"k"')
    db = tmp_path / "w.db"
    cmd = [sys.executable, "-m", "communique", "watch", f"{site.base}/feed.xml", "--db",
           str(db), "--once", "--delay", "0", "--concurrency", "1", "--batch-size", "1",
           "--timeout", "5"]
    env = dict(os.environ, PYTHONPATH=SRC)
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while _count(db) < 2 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    first = _count(db)
    assert 2 <= first < n, "the poll was not killed in the middle"
    fetched_before = {h.path for h in site.log if h.path.startswith("/k/")}

    p = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    c = sqlite3.connect(db)
    urls = [u for (u,) in c.execute("SELECT url FROM articles")]
    assert sorted(urls) == sorted(f"{site.base}/k/{i}.html" for i in range(n))  # once each
    statuses = {s for (s,) in c.execute("SELECT status FROM watch_items")}
    assert statuses == {"stored"}
    stored_first = {u.removeprefix(site.base) for (u,) in c.execute(
        "SELECT url FROM articles ORDER BY id LIMIT ?", (first,))}
    # what the killed run had stored was not fetched again
    for path in stored_first:
        assert len(site.hits(path)) == 1, path
    assert stored_first <= fetched_before
    assert site.hits("/feed.xml")[-1].status == 304  # the killed run kept its items


@pytest.mark.slow
def test_sigterm_stops_cleanly(site, tmp_path: Path) -> None:
    site.add("/t/0.html", article_html(80))
    site.add("/feed.xml", rss(site.base, ["/t/0.html"]), type=RSS)
    db = tmp_path / "w.db"
    env = dict(os.environ, PYTHONPATH=SRC)
    proc = subprocess.Popen([sys.executable, "-m", "communique", "watch",
                             f"{site.base}/feed.xml", "--db", str(db), "--every", "1h",
                             "--delay", "0"], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while _count(db) < 1 and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(0.3)  # now waiting for the next poll
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "poll 1 done: 1 stored" in out and "stopped" in err
    assert _count(db) == 1
