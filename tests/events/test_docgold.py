"""The document-level event gold: offsets from trigger strings, reading, checking."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from communique.errors import InputError
from communique.events.docgold import check, from_authoring, offsets, read_gold

GOLD = Path(__file__).resolve().parents[2] / "gold/events/guardian-dev"
TEXT = "The navy shelled the port. Later the army shelled it again; reshelled is no word."


def test_offsets_counts_whole_word_occurrences():
    s, e = offsets(TEXT, "shelled", 2)
    assert TEXT[s:e] == "shelled" and TEXT[s - 5:s] == "army "
    with pytest.raises(ValueError):
        offsets(TEXT, "shelled", 3)  # "reshelled" is not a whole-word match


def test_from_authoring_builds_stored_events():
    lines = ["ASSAULT/heavy-weapons ; shelled#2 ; army=XXX/MIL ; port= ; h",
             "# a comment", "ASSAULT ; shelled ; navy=XXX/MIL + army=XXX/MIL ; ;"]
    evs = from_authoring(TEXT, lines)
    assert [TEXT[a:b] for a, b in (e["trigger"] for e in evs)] == ["shelled", "shelled"]
    first, second = evs
    assert [a["name"] for a in first["actors"]] == ["navy", "army"]
    assert second["mode"] == "heavy-weapons" and second["hypothetical"]
    assert not second["negated"] and second["recipients"][0]["country"] is None
    with pytest.raises(ValueError):
        from_authoring(TEXT, ["BOMBARD ; shelled ; ; ;"])  # not a PLOVER type


def test_bad_gold_directory_is_one_clear_error(tmp_path):
    with pytest.raises(InputError, match="no \\*.json"):
        read_gold(tmp_path)
    (tmp_path / "1.json").write_text(json.dumps({"article": "1", "events": [{"type": "X"}]}))
    with pytest.raises(InputError, match="1.json"):
        read_gold(tmp_path)


def test_shipped_gold_is_well_formed_and_on_word_boundaries(shared):
    docs = read_gold(GOLD)
    assert len(docs) == 20 and sum(len(d.events) for d in docs) >= 200
    for d in docs:
        text = (shared / "corpora/guardian-dev/text" / f"{d.article}.txt").read_text(
            encoding="utf-8")
        assert check(d, text) == [], d.article
