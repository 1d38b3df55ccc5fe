"""Sources, canonical URLs and the HTTP client's limits, on their own."""

from __future__ import annotations

import time
from pathlib import Path

import click
import pytest

from communique.cli.watch import parse_duration
from communique.errors import InputError
from communique.watch import HttpOptions
from communique.watch.http import Client, FetchError
from communique.watch.sources import ListingError, canonical_url, expand, parse


def test_canonical_url() -> None:
    assert canonical_url("HTTPS://News.Example:443/a/b?utm_source=x&id=4&fbclid=z#frag") == \
        "https://news.example/a/b?id=4"
    assert canonical_url("http://example.org") == "http://example.org/"
    assert canonical_url("http://example.org:8080/x") == "http://example.org:8080/x"
    assert canonical_url("../c.html", "http://example.org/a/b/") == "http://example.org/a/c.html"
    assert canonical_url("mailto:desk@example.org") is None
    assert canonical_url("javascript:alert(1)") is None
    assert canonical_url("http://[::1]:99/x") == "http://[::1]:99/x"


def test_expand_urls_and_files(tmp_path: Path) -> None:
    f = tmp_path / "s.txt"
    f.write_text("# comment\nhttp://a.example/feed  # ours\n\nhttp://A.example/feed\n")
    assert expand([str(f), "https://b.example/sitemap.xml"]) == \
        ["http://a.example/feed", "https://b.example/sitemap.xml"]
    with pytest.raises(InputError, match="not an http"):
        expand(["gopher://old.example/"])
    f.write_text("http://a.example/\nnot a url\n")
    with pytest.raises(InputError, match=r"s\.txt:2"):
        expand([str(f)])


def test_parse_atom_sitemap_and_errors() -> None:
    atom = (b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
            b'<entry><title>One</title><link href="/one"/><updated>2024-02-03T10:00:00Z'
            b"</updated><id>1</id></entry></feed>")
    listing = parse(atom, "http://x.example/feed")
    assert listing.kind == "feed" and listing.title == "T"
    assert listing.entries[0].url == "http://x.example/one"
    assert listing.entries[0].published == "2024-02-03"
    sitemap = (b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>'
               b"http://x.example/p</loc><lastmod>2024-01-09</lastmod></url></urlset>")
    entry = parse(sitemap, "http://x.example/s.xml").entries[0]
    assert (entry.url, entry.published, entry.title) == ("http://x.example/p", "2024-01-09",
                                                         None)
    with pytest.raises(ListingError, match="malformed XML"):
        parse(b"<urlset><url><loc>a</loc>", "http://x.example/")
    with pytest.raises(ListingError, match="binary"):
        parse(b"\x00\x01\x02", "http://x.example/")
    # entities are not expanded (no billion laughs, no local files)
    evil = (b'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
            b'<urlset><url><loc>http://x.example/&e;</loc></url></urlset>')
    for e in parse(evil, "http://x.example/").entries:
        assert "root:" not in e.url


def test_parse_duration() -> None:
    assert parse_duration("15m") == 900 and parse_duration("1h30m") == 5400
    assert parse_duration("90") == 90 and parse_duration("2s") == 2
    for bad in ("soon", "15 minutes", "0", "5x"):
        with pytest.raises(click.BadParameter):
            parse_duration(bad)


def test_politeness_delay_and_streamed_size_cap(site) -> None:
    site.add("/x", b"ok", type="text/plain")
    site.add("/stream", handler=lambda n: (200, {"Content-Type": "text/html",
                                                 "X-Omit-Length": "1"}, b"y" * 50_000))
    with Client(HttpOptions(delay=0.2, retries=0, max_bytes=10_000)) as client:
        t0 = time.monotonic()
        for _ in range(3):
            assert client.get(f"{site.base}/x").body == b"ok"
        assert time.monotonic() - t0 >= 0.4  # one host: requests 0.2 s apart
        with pytest.raises(FetchError, match="over the 10,000 byte limit") as exc:
            client.get(f"{site.base}/stream")
        assert not exc.value.retry
    with Client(HttpOptions(retries=1, backoff=0.0, timeout=0.5)) as client, \
            pytest.raises(FetchError, match="after 2 attempts"):
        client.get("http://127.0.0.1:9/closed")  # nothing listens: refused, retried once


def test_bench_watch_tiny() -> None:
    from communique.watch.bench import bench_watch

    r = bench_watch(1, 3, baseline=False)
    assert r["watch"]["stored"] == 3 and r["watch"]["failed"] == 0
    assert 0 < r["watch"]["fetch_share"] < 1
    assert r["repoll"]["stored"] == 0 and r["repoll"]["not_modified"] == 1
