"""Polls against a local server: new items, 304s, retries, failures, dedupe, stories."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest

from communique.watch import poll, sources_health

from .conftest import article_html, article_text, news_sitemap, rss

RSS = "application/rss+xml"


def rows(db_path: Path, sql: str, *args: object) -> list[tuple]:
    db = sqlite3.connect(db_path)
    try:
        return db.execute(sql, args).fetchall()
    finally:
        db.close()


def item(db_path: Path, url: str) -> dict:
    db = sqlite3.connect(db_path)
    db.row_factory = sqlite3.Row
    try:
        r = db.execute("SELECT * FROM watch_items WHERE url = ?", (url,)).fetchone()
        return dict(r) if r else {}
    finally:
        db.close()


def test_new_items_then_304_then_an_added_item(site, fast, tmp_path: Path) -> None:
    for i in range(5):
        site.add(f"/a/{i}.html", article_html(i))
    feed = site.add("/feed.xml", rss(site.base, ["/a/0.html", "/a/1.html", "/a/2.html"]),
                    type=RSS, etag='"v1"')
    site.add("/news-sitemap.xml", news_sitemap(site.base, ["/a/2.html", "/a/3.html"]),
             type="application/xml", modified=1_709_550_000.0)
    db = tmp_path / "w.db"
    sources = [f"{site.base}/feed.xml", f"{site.base}/news-sitemap.xml"]

    r = poll(db, sources, fast)
    assert (r.stored, r.failed, r.interrupted) == (4, 0, False)
    assert [s.status for s in r.sources] == ["ok", "ok"]
    assert sum(s.new for s in r.sources) == 4
    stored = rows(db, "SELECT url, title, published FROM articles ORDER BY url")
    assert [u.rsplit("/", 1)[1] for u, *_ in stored] == ["0.html", "1.html", "2.html", "3.html"]
    assert stored[0][1] == "Talks on item 0 stall in Tallinn"  # the page's own title
    assert stored[0][2] == "2024-03-01"
    assert rows(db, "SELECT count(*) FROM watch_items WHERE status = 'stored'") == [(4,)]
    assert all(h.agent and h.agent.startswith("communique/") for h in site.log)

    pages_before = len([h for h in site.log if h.path.startswith("/a/")])
    r = poll(db, sources, fast)
    assert (r.stored, r.failed, r.fetched) == (0, 0, 0)
    assert [s.status for s in r.sources] == ["unchanged", "unchanged"]
    last_feed, last_map = site.hits("/feed.xml")[-1], site.hits("/news-sitemap.xml")[-1]
    assert (last_feed.if_none_match, last_feed.status) == ('"v1"', 304)
    assert last_map.if_modified_since and last_map.status == 304
    assert len([h for h in site.log if h.path.startswith("/a/")]) == pages_before

    feed.body = rss(site.base, ["/a/4.html", "/a/0.html", "/a/1.html", "/a/2.html"])
    feed.etag = '"v2"'
    r = poll(db, sources, fast)
    assert r.stored == 1 and r.sources[0].new == 1 and r.sources[0].unchanged == 3
    assert len(site.hits("/a/4.html")) == 1 and len(site.hits("/a/0.html")) == 1
    health = {h["url"]: h for h in sources_health(sqlite3.connect(db))}
    assert [health[u]["health"] for u in sources] == ["ok", "ok"]
    assert sum(health[u]["stored"] for u in sources) == 5  # /a/2.html belongs to one


def test_feed_date_and_title_fill_in_what_the_page_lacks(site, fast, tmp_path: Path) -> None:
    site.add("/bare.html", article_html(7, title="", date=None))
    site.add("/feed.xml", rss(site.base, ["/bare.html"]), type=RSS)
    db = tmp_path / "w.db"
    assert poll(db, [f"{site.base}/feed.xml"], fast).stored == 1
    ((title, published),) = rows(db, "SELECT title, published FROM articles")
    assert published == "2024-03-04"  # the feed's pubDate
    assert title  # the page's <title> is empty: trafilatura or the feed gives one


def test_each_failure_does_what_it_should(site, fast, tmp_path: Path) -> None:
    base = site.base
    site.add("/robots.txt", b"User-agent: *\nDisallow: /private/\n", type="text/plain")
    site.add("/ok.html", article_html(1))
    site.add("/slow.html", article_html(2), delay=2.5)
    site.add("/flaky.html", handler=lambda n: (500, {}, b"oops") if n == 1 else
             (200, {"Content-Type": "text/html"}, article_html(3)))
    site.add("/old.html", handler=lambda n: (301, {"Location": f"{base}/new.html"}, b""))
    site.add("/new.html", article_html(4))
    site.add("/loop.html", handler=lambda n: (302, {"Location": f"{base}/loop.html"}, b""))
    site.add("/big.html", article_html(5) + b"<!--" + b"x" * 300_000 + b"-->")
    site.add("/paper.pdf", b"%PDF-1.4 not html", type="application/pdf")
    site.add("/private/secret.html", article_html(6))
    site.add("/empty.html", b"<html><head><title>Soon</title></head><body></body></html>")
    paths = ["/ok.html", "/slow.html", "/flaky.html", "/old.html", "/loop.html", "/big.html",
             "/paper.pdf", "/private/secret.html", "/missing.html", "/empty.html"]
    site.add("/feed.xml", rss(base, paths), type=RSS)
    site.add("/broken-sitemap.xml", b'<?xml version="1.0"?><urlset><url><loc>x</loc></url',
             type="application/xml")
    site.add("/down.xml", status=503, body=b"down")
    db = tmp_path / "w.db"
    sources = [f"{base}/feed.xml", f"{base}/broken-sitemap.xml", f"{base}/down.xml"]

    r = poll(db, sources, fast)
    assert r.stored == 3  # ok, flaky, old
    assert len(site.hits("/flaky.html")) == 2  # 500, then OK on the retry
    assert rows(db, "SELECT url FROM articles WHERE file = ?", f"{base}/old.html") == \
        [(f"{base}/new.html",)]  # the redirect's target is the article's URL
    assert len(site.hits("/missing.html")) == 1  # a 404 is not retried
    assert len(site.hits("/down.xml")) == 3  # a 503 is: 1 + 2 retries
    assert site.hits("/private/secret.html") == []  # robots.txt: never asked
    assert len(site.hits("/robots.txt")) == 1

    reasons = {p: item(db, f"{base}{p}") for p in paths}
    assert reasons["/slow.html"]["reason"] == "timed out after 1 s (after 3 attempts)"
    assert "redirects" in reasons["/loop.html"]["reason"]
    assert "byte limit" in reasons["/big.html"]["reason"]
    assert "not an HTML page (application/pdf)" in reasons["/paper.pdf"]["reason"]
    assert reasons["/private/secret.html"]["reason"] == "disallowed by robots.txt"
    assert reasons["/missing.html"]["reason"] == "HTTP 404"
    assert "no article text" in reasons["/empty.html"]["reason"]
    failed = {p for p, it in reasons.items() if it["status"] == "failed"}
    assert failed == set(paths) - {"/ok.html", "/flaky.html", "/old.html"}
    # every failed item is a failure row with its reason
    failures = dict(rows(db, "SELECT file, reason FROM failures"))
    assert {f"{base}{p}" for p in failed} <= set(failures)
    assert failures[f"{base}/paper.pdf"] == reasons["/paper.pdf"]["reason"]

    health = {h["url"]: h for h in sources_health(sqlite3.connect(db))}
    broken = health[f"{base}/broken-sitemap.xml"]
    assert broken["health"] == "failing" and "malformed XML" in broken["last_error"]
    assert health[f"{base}/down.xml"]["last_error"].startswith("HTTP 503")
    assert [s.status for s in r.sources] == ["ok", "error", "error"]

    # later polls retry what may succeed, a bounded number of times, and nothing else
    site.routes["/slow.html"].delay = 0.0
    r = poll(db, sources, fast)
    assert r.stored == 1 and item(db, f"{base}/slow.html")["status"] == "stored"
    assert len(site.hits("/big.html")) == 1 and len(site.hits("/paper.pdf")) == 1
    assert len(site.hits("/missing.html")) == 1
    assert item(db, f"{base}/empty.html")["attempts"] == 2
    poll(db, sources, fast)
    poll(db, sources, fast)
    assert item(db, f"{base}/empty.html")["attempts"] == 3  # the limit: left alone now
    health = {h["url"]: h for h in sources_health(sqlite3.connect(db))}
    assert health[f"{base}/down.xml"]["errors"] == 4


def test_sitemap_index_and_its_sitemaps(site, fast, tmp_path: Path) -> None:
    for i in range(3):
        site.add(f"/p/{i}.html", article_html(20 + i))
    site.add("/s1.xml", news_sitemap(site.base, ["/p/0.html", "/p/1.html"]),
             type="application/xml", etag='"s1"')
    site.add("/s2.xml", news_sitemap(site.base, ["/p/2.html"]), type="application/xml",
             etag='"s2"')
    site.add("/index.xml", (
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/'
        f'sitemap/0.9"><sitemap><loc>{site.base}/s1.xml</loc></sitemap><sitemap><loc>'
        f"{site.base}/s2.xml</loc></sitemap></sitemapindex>").encode(),
        type="application/xml", etag='"i1"')
    db = tmp_path / "w.db"
    r = poll(db, [f"{site.base}/index.xml"], fast)
    assert r.stored == 3 and r.sources[0].new == 3
    kinds = dict(rows(db, "SELECT url, kind FROM watch_sources"))
    assert kinds[f"{site.base}/index.xml"] == "index"
    assert kinds[f"{site.base}/s1.xml"] == "sitemap"
    s2 = site.routes["/s2.xml"]
    s2.body, s2.etag = news_sitemap(site.base, ["/p/2.html", "/p/3.html"]), '"s2b"'
    site.add("/p/3.html", article_html(23))
    r = poll(db, [f"{site.base}/index.xml"], fast)
    # the index is unchanged (304) but its sitemaps are asked again: one of them changed
    assert site.hits("/index.xml")[-1].status == 304
    assert site.hits("/s1.xml")[-1].status == 304
    assert site.hits("/s1.xml")[-1].if_none_match == '"s1"'
    assert r.stored == 1 and r.sources[0].new == 1 and r.sources[0].status == "unchanged"


def test_dedupe_by_canonical_url_and_text_and_stories(site, fast, tmp_path: Path) -> None:
    base = site.base
    site.add("/a/1.html", article_html(1))
    # the same article under a tracking parameter, and under another path with its
    # canonical link pointing to the first: fetched at most once, stored once
    site.add("/mirror.html", article_html(1, canonical=f"{base}/a/1.html"))
    # the same text at another address (no canonical link): stored once
    site.add("/copy.html", article_html(1))
    # a rewritten wire copy: stored, and linked to the first article's story
    paragraphs = article_text(1)
    paragraphs[3] = "Observers said further rounds were likely but gave no date for them."
    site.add("/wire.html", article_html(1, title="Wire copy", paragraphs=paragraphs))
    site.add("/feed.xml", rss(base, ["/a/1.html", "/a/1.html?utm_source=rss#top",
                                     "/mirror.html", "/copy.html", "/wire.html"]), type=RSS)
    db = tmp_path / "w.db"
    r = poll(db, [f"{base}/feed.xml"], dataclasses.replace(fast, batch_size=1))
    assert r.stored == 2 and r.linked == 1 and r.duplicates == 2
    assert len(site.hits("/a/1.html")) == 1
    assert rows(db, "SELECT count(*) FROM watch_items") == [(4,)]  # utm copy: same item
    stories = rows(db, "SELECT count(DISTINCT story_id) FROM articles")
    assert stories == [(1,)]
    # one of the three copies is stored (whichever was fetched first), the others are not
    copies = [item(db, f"{base}{p}")["status"] for p in ("/a/1.html", "/mirror.html",
                                                         "/copy.html")]
    assert sorted(copies) == ["duplicate", "duplicate", "stored"]
    assert item(db, f"{base}/wire.html")["status"] == "stored"


def test_malformed_feed_and_empty_listing(site, fast, tmp_path: Path) -> None:
    site.add("/junk.xml", b"this is <<< not a feed", type="application/rss+xml")
    site.add("/empty.xml", b"", type="application/rss+xml")
    db = tmp_path / "w.db"
    r = poll(db, [f"{site.base}/junk.xml", f"{site.base}/empty.xml"], fast)
    assert [s.status for s in r.sources] == ["error", "error"]
    assert "not an RSS or Atom feed" in r.sources[0].error
    assert r.sources[1].error == "empty response"


@pytest.mark.slow
def test_analysis_in_the_ingest_worker_pool(site, fast, tmp_path: Path) -> None:
    for i in range(4):
        site.add(f"/w/{i}.html", article_html(90 + i))
    site.add("/feed.xml", rss(site.base, [f"/w/{i}.html" for i in range(4)]), type=RSS)
    opts = dataclasses.replace(fast, workers=2, batch_size=2)
    r = poll(tmp_path / "w.db", [f"{site.base}/feed.xml"], opts)
    assert (r.stored, r.failed, r.interrupted) == (4, 0, False)
    assert r.analysis_seconds > 0  # the workers' CPU time, reported back
