"""Bad input is refused (or repaired) with one clear line naming the file."""

from __future__ import annotations

import pytest

from communique.errors import InputError
from communique.inputs import decode_bytes, read_article


def test_empty_file_is_refused(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    with pytest.raises(InputError, match=r"empty.txt: empty input"):
        read_article(str(p))


def test_whitespace_only_file_is_refused(tmp_path):
    p = tmp_path / "blank.txt"
    p.write_text("  \n\n \t")
    with pytest.raises(InputError, match="empty input"):
        read_article(str(p))


def test_binary_file_is_refused(tmp_path):
    p = tmp_path / "image.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    with pytest.raises(InputError, match=r"image.txt: binary data"):
        read_article(str(p))


def test_invalid_utf8_is_decoded_with_a_warning(tmp_path):
    p = tmp_path / "latin.txt"
    p.write_bytes("Le ministre a déclaré que".encode("latin-1") + b" la paix est proche.")
    article, warnings = read_article(str(p))
    assert "\ufffd" in article.text
    assert len(warnings) == 1 and "latin.txt: invalid UTF-8 at byte" in warnings[0]


def test_bom_is_dropped():
    text, warnings = decode_bytes(b"\xef\xbb\xbfHello there.", "x")
    assert text == "Hello there." and warnings == []


def test_five_megabyte_article_is_refused_before_reading(tmp_path):
    p = tmp_path / "huge.txt"
    p.write_text("The minister said the talks would go on. " * 125_000)  # ~5 MB
    assert p.stat().st_size > 5_000_000
    with pytest.raises(InputError, match=r"huge.txt: .*too large"):
        read_article(str(p))


def test_article_over_the_character_limit_is_refused(tmp_path):
    p = tmp_path / "long.txt"
    p.write_text("word " * 300)
    with pytest.raises(InputError, match="over the 1,000 limit"):
        read_article(str(p), max_chars=1000)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_article(str(tmp_path / "nope.txt"))
    with pytest.raises(InputError, match="is a directory"):
        read_article(str(tmp_path))
