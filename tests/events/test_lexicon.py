"""The event lexicon: packaged tables, user extension files, and refused rows."""

from __future__ import annotations

import csv
from importlib import resources

import pytest

from communique.events import LexiconError, load
from communique.events.lexicon import QUAD, TYPES, build


def test_packaged_tables_load():
    lex = load()
    assert len(lex) > 400
    assert lex.score("ASSAULT", "aerial") == -9.5
    assert lex.score("ASSAULT", "no-such-mode") == -9.0  # falls back to the type's score
    assert lex.score("ACCUSE", None) == -3.0
    assert {t for t, _ in lex.scores} == set(TYPES) == set(QUAD)
    assert "cbrn" in lex.context_words["nuclear"]


def test_every_trigger_row_is_valid_and_sourced():
    text = (resources.files("communique.events") / "data" / "triggers.csv").read_text()
    rows = list(csv.DictReader(line for line in text.splitlines() if not line.startswith("#")))
    assert rows and all(r["source"] for r in rows)
    for r in rows:
        assert r["type"] in TYPES or r["type"] == "-", r


def test_specific_rows_are_tried_first():
    rows = load().rows("withdraw", "VERB")
    assert rows[0].specificity >= rows[-1].specificity
    blocked = [r for r in load().rows("reject", "VERB") if r.type is None]
    assert blocked and blocked[0].cond("obj") and "accusation" in blocked[0].cond("obj")


def test_user_file_adds_a_trigger(events, one, tmp_path):
    extra = tmp_path / "mine.csv"
    extra.write_text("pattern,pos,type,mode,contexts,cameo,frame,conditions,source\n"
                     "pummel,verb,ASSAULT,heavy-weapons,military,19,,,test\n")
    text = "Russian artillery pummelled Ukraine on Monday."
    assert not [e for e in events(text) if e["type"] == "ASSAULT"]
    e = one(events(text, event_files=(str(extra),)), "ASSAULT")
    assert e["mode"] == "heavy-weapons" and e["recipients"] == ["Ukraine"]


def test_user_file_can_add_contexts_and_governors(tmp_path):
    ctx = tmp_path / "ctx.csv"
    ctx.write_text("keyword,context,source\nfisheries,natural_resource,test\n")
    gov = tmp_path / "gov.csv"
    gov.write_text("pattern,pos,role,source\nmull over,verb,hypothetical,test\n")
    lex = load((str(ctx), str(gov)))
    assert "natural_resource" in lex.context_words["fisheries"]
    assert [g.role for g in lex.roles("mull", "VERB")] == ["hypothetical", "hypothetical"]


@pytest.mark.parametrize("row, message", [
    ("attack,verb,ATTACK,,,19,,,x", "bad trigger row"),
    ("attack,verb,ASSAULT,,,19,,obj,x", "bad condition"),
    ("attack,verb,ASSAULT,,,19,,colour=red,x", "bad condition"),
    ("attack,adverb,ASSAULT,,,19,,,x", "bad trigger row"),
])
def test_bad_rows_name_file_and_line(row, message):
    header = "pattern,pos,type,mode,contexts,cameo,frame,conditions,source"
    with pytest.raises(LexiconError, match=f"mine.csv:2: {message}"):
        build([("mine.csv", f"{header}\n{row}\n", True)])


def test_unknown_table_is_refused():
    with pytest.raises(LexiconError, match="unknown table"):
        build([("x.csv", "a,b\n1,2\n", True)])


def test_row_can_require_a_recipient(events, tmp_path):
    extra = tmp_path / "need.csv"
    extra.write_text("pattern,pos,type,mode,contexts,cameo,frame,conditions,source\n"
                     "harass,verb,COERCE,,,17,,need=recipient,test\n")
    opts = {"event_files": (str(extra),)}
    assert [e["type"] for e in events("Chinese ships harassed Philippine boats.", **opts)] \
        == ["COERCE"]
    assert events("Chinese ships harassed near the reef.", **opts) == []
