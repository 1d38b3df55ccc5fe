"""CSV and TSV input (issue 14): a header row, one article a row, columns found by name."""

from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path

import pytest

from communique.readers import Fields, ReadOptions, read_paths

BODY_A = "Ministers of two neighbouring states met on Monday to talk about river water."
BODY_B = "The harbour authority said on Friday that the strike had ended after talks."


def write_rows(path: Path, rows: list[list[str]], delimiter: str = ",") -> Path:
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter=delimiter).writerows(rows)
    return path


def items(path: Path, **fields: str) -> list:
    return list(read_paths([str(path)], ReadOptions(fields=Fields(**fields))))


@pytest.mark.parametrize("suffix,delimiter", [(".csv", ","), (".tsv", "\t")])
def test_rows_are_articles_with_their_line_numbers(tmp_path, suffix, delimiter):
    path = write_rows(tmp_path / f"news{suffix}", [
        ["id", "title", "body", "date", "url"],
        ["n1", "Water talks", BODY_A, "2024-03-01", "https://example.org/1"],
        ["n2", "Strike over", f"{BODY_B}\nA second paragraph, \"quoted\".", "2024-03-02", ""],
        ["n3", "Third", BODY_A + " Again.", "2024-03-03", ""],
    ], delimiter)
    got = items(path)
    assert [i.reason for i in got] == [None, None, None]
    a, b, c = (i.article for i in got)
    assert (a.id, a.title, a.text, a.published, a.url) == (
        "n1", "Water talks", BODY_A, "2024-03-01", "https://example.org/1")
    assert b.text.endswith('"quoted".') and b.url is None  # a blank cell is no value
    # the row's first line (header = line 1); a quoted newline makes row n2 two lines
    assert [i.position for i in got] == [2, 3, 5]
    assert c.id == "n3"


def test_a_file_without_the_text_column_is_one_line_naming_it_and_its_columns(tmp_path):
    path = write_rows(tmp_path / "wrong.csv", [["headline", "when"], ["x", "y"]])
    (only,) = items(path)
    assert only.article is None and only.file == str(path) and only.position is None
    assert "'headline', 'when'" in only.reason and "--text-field" in only.reason
    assert "\n" not in only.reason


def test_bad_rows_fail_or_warn_alone_with_their_line_number(tmp_path):
    path = write_rows(tmp_path / "rows.csv", [
        ["text", "published", "id"],
        ["", "2024-01-01", "empty"],                 # no text: fails
        [BODY_A, "next week", "undated"],            # a date that is none: dropped, warned
        [BODY_B],                                    # short row with its text: kept, warned
        [BODY_A + " More.", "2024-01-04", "x", "y"],  # a cell too many: kept, warned
    ])
    got = items(path)
    assert [i.position for i in got] == [2, 3, 4, 5]
    assert got[0].article is None and "no article text in column 'text'" in got[0].reason
    assert got[1].article.published is None
    assert any(f"{path}:3" in w and "'next week'" in w for w in got[1].warnings)
    assert got[2].article.text == BODY_B
    assert any("1 cell where the header has 3" in w for w in got[2].warnings)
    assert any("4 cells where the header has 3" in w for w in got[3].warnings)


def test_a_named_field_wins_and_is_not_replaced_by_the_alternatives(tmp_path):
    path = write_rows(tmp_path / "two.csv", [["body", "Story Text", "Date"],
                                             [BODY_A, BODY_B, "2024-02-02"]])
    (default,) = items(path)
    assert default.article.text == BODY_A  # body, a default alternative
    assert default.article.published == "2024-02-02"  # "Date": case does not matter
    (named,) = items(path, text="story text")
    assert named.article.text == BODY_B
    (missing,) = items(path, text="content")  # named: only that one is tried
    assert missing.article is None and "'content'" in missing.reason


def test_unclosed_quote_and_bad_quoting_fail_their_row_only(tmp_path):
    path = tmp_path / "quotes.csv"
    path.write_text(f'text,id\n{BODY_A},1\n"x"y,2\n{BODY_B},3\n"{BODY_A} never closed,4\n',
                    encoding="utf-8")
    got = items(path)
    assert [(i.position, i.article is not None) for i in got] == [
        (2, True), (3, False), (4, True), (5, False)]
    assert "unclosed quote" in got[3].reason


def test_gzip_invalid_utf8_and_bom(tmp_path):
    path = tmp_path / "packed.tsv.gz"
    data = "\ufefftext\tid\n".encode() + BODY_A.encode() + b" caf\xe9\t1\n"
    with gzip.open(path, "wb") as f:
        f.write(data)
    (only,) = items(path)
    assert only.article.id == "1" and "\ufffd" in only.article.text
    assert any("invalid UTF-8" in w for w in only.warnings)


def test_synth_csv_reads_back_as_its_jsonl(tmp_path):
    from communique.synth import write

    write(6, tmp_path / "s.csv", seed=3)
    write(6, tmp_path / "s.jsonl", seed=3)
    from_csv = [i.article for i in items(tmp_path / "s.csv")]
    from_jsonl = [i.article for i in items(tmp_path / "s.jsonl")]
    assert len(from_csv) == 6
    assert [(a.text, a.title, a.published) for a in from_csv] == \
        [(a.text, a.title, a.published) for a in from_jsonl]
    assert json.loads((tmp_path / "s.jsonl").read_text().splitlines()[0])["text"] == \
        from_csv[0].text
