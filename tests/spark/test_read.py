"""Spark's reading stage gives what the project's readers give (same texts, same refusals)."""

from __future__ import annotations

import io
from pathlib import Path

PAGE = """<html><head><title>Ministers meet in Lisbon</title></head><body><article>
<h1>Ministers meet in Lisbon</h1>
<p>Foreign ministers of Portugal and Spain met in Lisbon on Tuesday to discuss fishing
quotas and water rights along their shared rivers.</p>
<p>"We made real progress on the river agreement," the Portuguese minister told
reporters after the meeting, adding that talks would continue next month.</p>
</article></body></html>"""


def _warc(path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as f:
        w = WARCWriter(f, gzip=True)
        for url, ctype, body in [("https://news.example/lisbon", "text/html", PAGE.encode()),
                                 ("https://news.example/logo.png", "image/png", b"\x89PNG"),
                                 ("https://news.example/blank", "text/html", b"<html></html>")]:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                http_headers=headers))


def _rows(df) -> list[tuple]:  # type: ignore[no-untyped-def]
    return sorted((r.file, r.position, r.text, r.title, r.published, r.reason)
                  for r in df.collect())


def test_files_read_as_by_ingest(spark, tmp_path):
    from communique.readers import read_paths
    from communique.spark.job import read_input

    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text("Chile and Peru renewed their border accord.", "utf-8")
    (root / "sub" / "b.html").write_text(PAGE, "utf-8")
    (root / "sub" / "empty.txt").write_text("  \n", "utf-8")
    (root / "notes.docx").write_bytes(b"PK\x03\x04")
    _warc(root / "crawl.warc.gz")
    expected = sorted((it.file, it.position, it.article and it.article.text,
                       it.article and it.article.title, it.article and it.article.published,
                       it.reason) for it in read_paths([str(root)]))
    assert len(expected) == 5  # txt, html, refused empty txt, WARC page and blank page
    assert _rows(read_input(spark, str(root))) == expected


def test_parquet_rows_read_as_json_records(spark, tmp_path):
    import datetime as dt

    import pyarrow as pa
    import pyarrow.parquet as pq

    from communique.spark.job import read_input

    table = pa.table({
        "body": ["Chile and Peru renewed their border accord.", None],
        "headline": ["Accord renewed", "Nothing"],
        "date": [dt.date(2024, 5, 1), dt.date(2024, 5, 2)],
        "extra": [1, 2],
    })
    path = tmp_path / "news.parquet"
    pq.write_table(table, path)
    from communique.readers import Fields, ReadOptions

    options = ReadOptions(fields=Fields(text="body", title="headline", published="date"))
    rows = _rows(read_input(spark, str(path), read_options=options))
    assert rows == [
        (str(path), 1, "Chile and Peru renewed their border accord.", "Accord renewed",
         "2024-05-01", None),
        (str(path), 2, None, None, None,
         "'body' is null, not the article text"),
    ]


def test_any_dataframe_with_a_text_column(spark):
    from communique.readers import ReadOptions
    from communique.spark.job import _parse_rows

    df = spark.createDataFrame([("Chile and Peru renewed their border accord.", "2024-05-01"),
                                ("", "2024-05-02")], "text string, published string")
    rows = sorted(_parse_rows(df, ReadOptions()).collect(), key=lambda r: r.position)
    assert [(r.file, r.text, r.published, r.reason) for r in rows] == [
        ("<dataframe>", "Chile and Peru renewed their border accord.", "2024-05-01", None),
        ("<dataframe>", None, None, "empty article text")]
    assert len({r.position for r in rows}) == 2
