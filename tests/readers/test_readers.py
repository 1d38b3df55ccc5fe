"""Every reader on files written here, and every way an input can be refused."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from communique.readers import Fields, ReadOptions, read_paths


def read(*paths: str | Path, **kw) -> list:
    """Read with the options ``kw``; texts of any length (these tests use short ones;
    the minimum length is tested in test_hardening.py)."""
    return list(read_paths([str(p) for p in paths], ReadOptions(**{"min_chars": 1, **kw})))


def ok(items) -> list:
    return [it.article for it in items if it.article is not None]


PAGE = """<!doctype html><html><head><title>Ministers meet in Vienna</title>
<meta property="article:published_time" content="2023-06-14T09:30:00Z">
<link rel="canonical" href="https://news.example/world/vienna-talks">
<meta property="og:site_name" content="Example News"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a> | Subscribe now</nav>
<article><h1>Ministers meet in Vienna</h1>
<p>VIENNA - Foreign ministers from six countries met in Vienna on Wednesday to discuss
the future of the nuclear agreement, officials said after the talks ended.</p>
<p>"We made real progress today," the Austrian foreign minister told reporters outside
the conference centre, adding that another round was planned for July.</p>
</article><footer>Copyright Example News. All rights reserved.</footer></body></html>"""


def test_txt(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Ministers met on Monday.\n", encoding="utf-8")
    [item] = read(tmp_path / "a.txt")
    assert item.article.text == "Ministers met on Monday.\n"
    assert item.position is None and item.reason is None


def test_invalid_utf8_is_kept_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"Caf\xe9 talks resumed on Monday.")
    [item] = read(tmp_path / "a.txt")
    assert item.article is not None and "\ufffd" in item.article.text
    assert item.warnings and "invalid UTF-8" in item.warnings[0]


@pytest.mark.parametrize("name,data,problem", [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\n ", "empty"),
    ("binary.txt", bytes(range(256)) * 4, "binary"),
    ("binary.html", b"\x00\x01PNG" * 50, "binary"),
    ("binary.jsonl", b'{"text": "a"}\n\x00\x00\x00', "binary"),
    ("empty.jsonl", b"", "empty"),
    ("broken.json", b'{"text": "a"', "malformed JSON"),
    ("bad.jsonl.gz", b"this is not gzip data", "gzip"),
    ("notafeed.rss", b"<html><body>hello</body></html>", "not an RSS or Atom feed"),
    ("bad.warc", b"this is not a web archive at all\n" * 4, "not a WARC file"),
    ("bad.warc.gz", gzip.compress(b"not a web archive either\n"), "not a WARC file"),
    ("nothing.html", b"<html><body><script>var x = 1;</script></body></html>",
     "no article text"),
])
def test_bad_files_are_refused_with_one_line(tmp_path: Path, name: str, data: bytes,
                                             problem: str) -> None:
    (tmp_path / name).write_bytes(data)
    items = read(tmp_path / name)
    assert items and all(it.article is None for it in items)
    assert problem in items[0].reason
    assert "\n" not in items[0].reason
    assert items[0].file == str(tmp_path / name)


def test_oversized_file_and_article(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_text("word " * 1000, encoding="utf-8")
    [item] = read(tmp_path / "big.txt", max_file_bytes=1000)
    assert "over the 1,000-byte limit" in item.reason
    [item] = read(tmp_path / "big.txt", max_chars=100)
    assert "5,000 characters, over the 100 limit" in item.reason
    lines = [json.dumps({"text": "short text"}), json.dumps({"text": "x" * 500})]
    (tmp_path / "c.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = read(tmp_path / "c.jsonl", max_chars=100)
    assert items[0].article is not None
    assert items[1].position == 2 and "over the 100 limit" in items[1].reason


def test_html(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    [item] = read(tmp_path / "page.html")
    a = item.article
    assert a.title == "Ministers meet in Vienna"
    assert a.published == "2023-06-14"
    assert a.url == "https://news.example/world/vienna-talks"
    assert a.text.startswith("VIENNA - Foreign ministers")
    assert "We made real progress today" in a.text
    assert "Subscribe" not in a.text and "Copyright" not in a.text
    assert "\n\n" in a.text  # paragraphs stay apart


def test_jsonl_lines_fields_and_gzip(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": "First article text.", "title": "One", "url": "https://a.example/1",
                    "published": "2023-03-01T10:00:00Z", "source": "Wire", "id": "a-1"}),
        "{not json",
        "",
        json.dumps(["an", "array"]),
        json.dumps({"title": "no text"}),
        json.dumps({"text": "Second.", "published": "Tue, 04 Jul 2023 08:00:00 GMT"}),
        json.dumps({"text": "Third.", "published": "sometime last spring"}),
    ]
    data = ("\n".join(lines) + "\n").encode()
    (tmp_path / "a.jsonl").write_bytes(data)
    (tmp_path / "b.jsonl.gz").write_bytes(gzip.compress(data))
    for name in ("a.jsonl", "b.jsonl.gz"):
        items = read(tmp_path / name)
        assert [it.position for it in items] == [1, 2, 4, 5, 6, 7]
        first = items[0].article
        assert (first.title, first.url, first.source, first.id, first.published) == \
            ("One", "https://a.example/1", "Wire", "a-1", "2023-03-01")
        assert "malformed JSON" in items[1].reason
        assert "expected a JSON object, found an array" in items[2].reason
        assert "no 'text' field" in items[3].reason
        assert items[4].article.published == "2023-07-04"
        assert items[5].article.published is None and items[5].warnings


def test_configurable_and_nested_fields(tmp_path: Path) -> None:
    rec = {"body": "Talks resumed.", "headline": "Talks", "meta": {"date": "2024-02-03"}}
    (tmp_path / "a.jsonl").write_text(json.dumps(rec) + "\n", encoding="utf-8")
    fields = Fields.parse(["text=body", "title=headline", "published=meta.date"])
    [a] = ok(read(tmp_path / "a.jsonl", fields=fields))
    assert (a.text, a.title, a.published) == ("Talks resumed.", "Talks", "2024-02-03")


def test_json_object_array_and_wrapper(tmp_path: Path) -> None:
    (tmp_path / "one.json").write_text(json.dumps({"text": "Only one."}), encoding="utf-8")
    (tmp_path / "many.json").write_text(json.dumps([{"text": "A."}, {"text": ""}]),
                                        encoding="utf-8")
    (tmp_path / "api.json").write_text(json.dumps({"status": "ok", "articles": [
        {"text": "From an API."}]}), encoding="utf-8")
    items = read(tmp_path)
    by_file = {(Path(it.file).name, it.position): it for it in items}
    assert by_file[("one.json", None)].article.text == "Only one."
    assert by_file[("many.json", 1)].article.text == "A."
    assert "empty article text" in by_file[("many.json", 2)].reason
    assert by_file[("api.json", 1)].article.text == "From an API."


def test_stdin_jsonl() -> None:
    stdin = io.BytesIO(b'{"text": "From a pipe."}\n{oops\n')
    items = list(read_paths(["-"], ReadOptions(min_chars=1), stdin=stdin))
    assert items[0].article.text == "From a pipe." and items[0].file == "<stdin>"
    assert items[1].position == 2 and "malformed JSON" in items[1].reason


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Example Wire</title><link>https://wire.example</link>
<item><title>Summit opens</title><link>https://wire.example/summit</link>
<pubDate>Tue, 04 Jul 2023 08:00:00 GMT</pubDate>
<description>&lt;p&gt;Leaders gathered in Nairobi.&lt;/p&gt;&lt;p&gt;The summit runs two
days.&lt;/p&gt;</description></item>
<item><title>No body</title><link>https://wire.example/empty</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title><id>urn:x</id>
<updated>2023-09-01T00:00:00Z</updated>
<entry><title>Ceasefire holds</title><id>urn:1</id>
<link href="https://atom.example/1"/><published>2023-09-01T12:00:00Z</published>
<updated>2023-09-01T12:00:00Z</updated>
<content type="html">&lt;p&gt;The ceasefire held overnight, monitors said.&lt;/p&gt;</content>
</entry></feed>"""


def test_rss_and_atom(tmp_path: Path) -> None:
    (tmp_path / "wire.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "desk.atom").write_text(ATOM, encoding="utf-8")
    atom, rss1, rss2 = read(tmp_path)  # sorted: desk.atom, wire.rss
    assert atom.article.text == "The ceasefire held overnight, monitors said."
    assert (atom.article.source, atom.article.published, atom.article.url) == \
        ("Atom Desk", "2023-09-01", "https://atom.example/1")
    assert rss1.article.text == "Leaders gathered in Nairobi.\n\nThe summit runs two days."
    assert (rss1.article.title, rss1.position) == ("Summit opens", 1)
    assert rss1.article.published == "2023-07-04"
    assert rss2.position == 2 and rss2.reason == "no article text found"


def _warc(path: Path, gz: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as f:
        w = WARCWriter(f, gzip=gz)

        def response(url: str, status: str, ctype: str, body: bytes) -> None:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                http_headers=headers))

        w.write_record(w.create_warc_record("https://news.example/", "request",
                                            payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
        response("https://news.example/world/vienna-talks", "200 OK",
                 "text/html; charset=utf-8", PAGE.encode())
        response("https://news.example/logo.png", "200 OK", "image/png", b"\x89PNG" * 10)
        response("https://news.example/gone", "404 Not Found", "text/html", b"<p>gone</p>")
        response("https://news.example/blank", "200 OK", "text/html", b"<html></html>")


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc(tmp_path: Path, name: str) -> None:
    _warc(tmp_path / name, gz=name.endswith(".gz"))
    items = read(tmp_path / name)
    assert len(items) == 2  # the page, and the blank page refused; others skipped
    page, blank = items
    assert page.position == 2 and page.article.title == "Ministers meet in Vienna"
    assert "We made real progress today" in page.article.text
    assert blank.position == 5 and blank.article is None


def test_directories_globs_and_missing(tmp_path: Path) -> None:
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "sub" / "deeper" / "x.txt").write_text("Deep.", encoding="utf-8")
    (tmp_path / "sub" / "y.txt").write_text("Shallow.", encoding="utf-8")
    (tmp_path / "sub" / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "sub" / ".hidden.txt").write_text("Hidden.", encoding="utf-8")
    assert [a.text for a in ok(read(tmp_path / "sub"))] == ["Deep.", "Shallow."]
    assert [a.text for a in ok(read(f"{tmp_path}/**/*.txt"))] == ["Deep.", "Shallow."]
    [missing] = read(tmp_path / "nope.txt")
    assert missing.reason == "no such file or directory"
    [nomatch] = read(f"{tmp_path}/*.zzz")
    assert nomatch.reason == "pattern matched no files"
    [unsupported] = read(tmp_path / "sub" / "notes.docx")
    assert unsupported.reason.startswith("unsupported file type")
