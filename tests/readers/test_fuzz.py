"""Hypothesis fuzzing of the readers (issue 16): JSON Lines, JSON, CSV/TSV, HTML and feeds made of
random structure and random bytes never raise, and every failure is one line naming the
file. Bounded budget (a few seconds each), derandomized so CI is stable."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from communique.readers import ReadOptions, read_paths

FUZZ = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=12)
records = st.fixed_dictionaries({}, optional={
    "text": json_values | st.text(min_size=0, max_size=300),
    "title": json_values, "published": json_values, "url": json_values, "id": json_values,
    "source": json_values})
names = st.text(min_size=1, max_size=12).filter(lambda s: "/" not in s and "\x00" not in s
                                                 and s not in (".", ".."))


def check(path: Path, options: ReadOptions | None = None) -> list:
    items = list(read_paths([str(path)], options or ReadOptions(max_file_bytes=1 << 20)))
    for item in items:
        assert (item.article is None) != (item.reason is None)
        if item.reason is not None:
            assert item.reason.strip() and "\n" not in item.reason and "\r" not in item.reason
        assert "\n" not in item.where
        for w in item.warnings:
            assert "\n" not in w
        if item.article is not None:
            assert item.article.text.strip()
    return items


def write(suffix: str, data: bytes, name: str = "f") -> tuple[tempfile.TemporaryDirectory,
                                                              Path]:
    tmp = tempfile.TemporaryDirectory()
    path = Path(tmp.name) / f"{name}{suffix}"
    path.write_bytes(data)
    return tmp, path


@FUZZ
@given(st.lists(records | json_values | st.binary(max_size=60), max_size=8), names)
@example([b"[" * 100_000 + b"]" * 100_000, b'{"id": ' + b"9" * 5000 + b"}"], "hostile")
@example([b'\xef\xbb\xbf{"text": "a"}', b"\xff\xfe{"], "x\ny")
def test_jsonl_never_raises(lines: list, name: str) -> None:
    raw = b"\n".join(x if isinstance(x, bytes) else json.dumps(x).encode() for x in lines)
    tmp, path = write(".jsonl", raw, name)
    with tmp:
        check(path)


@FUZZ
@given(records | json_values | st.lists(records, max_size=4) |
       st.dictionaries(st.sampled_from(["articles", "items", "data"]),
                       st.lists(records, max_size=3), max_size=2),
       st.sampled_from(["utf-8", "utf-16", "utf-32", "utf-8-sig"]))
def test_json_never_raises(doc, encoding: str) -> None:  # noqa: ANN001
    tmp, path = write(".json", json.dumps(doc).encode(encoding))
    with tmp:
        check(path)


@FUZZ
@given(st.binary(max_size=400), st.sampled_from([".txt", ".json", ".jsonl", ".html", ".rss",
                                                  ".atom", ".warc", ".jsonl.gz", ".json.gz",
                                                  ".warc.gz", ".csv", ".tsv", ".csv.gz",
                                                  ""]))
def test_random_bytes_never_raise(data: bytes, suffix: str) -> None:
    tmp, path = write(suffix, data)
    with tmp:
        check(path)


tags = st.sampled_from(["p", "div", "nav", "article", "h1", "script", "style", "a", "li",
                        "table", "td", "br", "title", "meta", "html", "body", "head", "!--"])


@st.composite
def html_pages(draw) -> str:  # noqa: ANN001
    parts = []
    for _ in range(draw(st.integers(0, 12))):
        tag = draw(tags)
        text = draw(st.text(max_size=80))
        attrs = draw(st.sampled_from(["", ' charset="utf-16"', ' content="2023-02-30"',
                                      ' property="article:published_time" content="x"',
                                      ' href="javascript:alert(1)"']))
        closed = draw(st.booleans())
        parts.append(f"<{tag}{attrs}>{text}" + (f"</{tag}>" if closed else ""))
    return "".join(parts)


@FUZZ
@given(html_pages(), st.sampled_from(["utf-8", "utf-16", "latin-1"]))
def test_html_never_raises(page: str, encoding: str) -> None:
    tmp, path = write(".html", page.encode(encoding, errors="replace"))
    with tmp:
        check(path, ReadOptions(max_file_bytes=1 << 20, min_chars=1))


@st.composite
def feeds(draw) -> str:  # noqa: ANN001
    entries = []
    atom = draw(st.booleans())
    for _ in range(draw(st.integers(0, 5))):
        title, body = draw(st.text(max_size=40)), draw(st.text(max_size=200) | html_pages())
        date = draw(st.sampled_from(["Tue, 04 Jul 2023 08:00:00 GMT", "2023-13-45", "",
                                     "yesterday", "2023-07-04T08:00:00Z"]))
        body = body.replace("]]>", "")
        if atom:
            entries.append(f"<entry><title>{title}</title><updated>{date}</updated>"
                           f"<content type=\"html\"><![CDATA[{body}]]></content></entry>")
        else:
            entries.append(f"<item><title>{title}</title><pubDate>{date}</pubDate>"
                           f"<description><![CDATA[{body}]]></description></item>")
    if atom:
        return ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">'
                f"<title>T</title>{''.join(entries)}</feed>")
    return f'<rss version="2.0"><channel><title>T</title>{"".join(entries)}</channel></rss>'


@FUZZ
@given(feeds(), st.integers(0, 40))
def test_feeds_never_raise(feed: str, cut: int) -> None:
    data = feed.encode("utf-8", errors="replace")
    tmp, path = write(".rss", data[:len(data) - cut] if cut else data)
    with tmp:
        check(path, ReadOptions(max_file_bytes=1 << 20, min_chars=1))


cells = st.text(max_size=60) | st.sampled_from(['"', '""', '"a"b', "\r", "\n", "\t", ",", " ",
                                               "2023-02-30", "next week", "x" * 40])


@FUZZ
@given(st.lists(st.sampled_from(["text", "body", "published", "date", "id", "title", "url",
                                 "", "Text ", "x"]), max_size=6),
       st.lists(st.lists(cells, max_size=7), max_size=8),
       st.sampled_from([",", "\t"]), st.booleans())
def test_csv_never_raises(header: list, rows: list, delimiter: str, raw: bool) -> None:
    """Rows of random cells (quotes, separators, newlines), written by the csv module or
    joined raw (broken quoting): never an exception, every failure one line, and every
    article's text one cell of the input."""
    import csv
    import io

    buf = io.StringIO()
    if raw:
        buf.write("\n".join(delimiter.join(r) for r in [header, *rows]))
    else:
        csv.writer(buf, delimiter=delimiter).writerows([header, *rows])
    tmp, path = write(".tsv" if delimiter == "\t" else ".csv", buf.getvalue().encode())
    with tmp:
        found = check(path, ReadOptions(max_file_bytes=1 << 20, min_chars=1))
    if not raw:
        written = {c for r in rows for c in r}
        assert all(i.article.text in written for i in found if i.article is not None)
