"""Scoring helpers and the CLI on small files written here; the corpus gate is apart."""

from __future__ import annotations

from click.testing import CliRunner

from communique.cli.events import eval_events, events
from communique.events.evaluate import (
    _gold_spans,
    detokenize,
    evaluate_cameo,
    evaluate_spans,
    read_spans,
)

CLASSES = ("Chile praised Peru for its new trade policy.\t1\n"
           "Germany sent aid to Lebanon.\t2\n"
           "Sweden condemned Turkey over the arrests.\t3\n"
           "Russian troops attacked a village in Ukraine.\t4\n"
           "The minister said the economy is growing.\t0\n")

SPANS = """Chile B-S
praised O
Peru B-T
. O

The B-S
Russian I-S
army I-S
shelled O
a O
village O
. O
"""


def test_detokenize_glues_punctuation_and_possessives():
    text, offs = detokenize(["Saudi", "Arabia", "’", "s", "envoy", "(", "UN", ")", "said",
                             "."])
    assert text == "Saudi Arabia’s envoy (UN) said."
    assert [text[a:b] for a, b in offs][2:4] == ["’", "s"]


def test_detokenize_rejoins_numbers_split_at_their_separators():
    text, offs = detokenize(["Kenya", "sent", "2", ",", "374", "troops", "and", "$", "1", ".",
                             "5", "million", ",", "20", "trucks", "."])
    assert text == "Kenya sent 2,374 troops and $1.5 million, 20 trucks."
    assert [text[a:b] for a, b in offs][2:5] == ["2", ",", "374"]


def test_gold_spans_from_bio_tags():
    assert _gold_spans(["B-S", "I-S", "O", "B-T", "B-T", "I-T"]) == {
        ("S", 0, 2), ("T", 3, 4), ("T", 4, 6)}


def test_cameo_figures_on_a_small_file(tmp_path):
    f = tmp_path / "c.tsv"
    f.write_text(CLASSES)
    r = evaluate_cameo(f)
    assert r["sentences"] == 5 and r["accuracy"] == 1.0
    assert r["confusion"][4][4] == 1 and sum(map(sum, r["confusion"])) == 5


def test_span_figures_on_a_small_file(tmp_path):
    f = tmp_path / "s.txt"
    f.write_text(SPANS)
    assert len(read_spans(f)) == 2
    r = evaluate_spans(f)
    assert r["S"]["tp"] == 2 and r["T"]["tp"] == 1


def test_eval_events_command(tmp_path):
    c, s = tmp_path / "c.tsv", tmp_path / "s.txt"
    c.write_text(CLASSES)
    s.write_text(SPANS)
    r = CliRunner().invoke(eval_events, ["--cameo", str(c), "--spans", str(s)])
    assert r.exit_code == 0, r.output
    assert "accuracy 1.000" in r.output and "confusion" in r.output and "T target" in r.output
    r = CliRunner().invoke(eval_events, [])
    assert r.exit_code != 0 and "--cameo" in r.output


def test_explain_shows_pattern_and_parse_path():
    r = CliRunner().invoke(events, ["explain", "Ukraine was attacked by Russia."])
    assert r.exit_code == 0, r.output
    assert "ASSAULT" in r.output and "triggers.csv:" in r.output
    assert "agent of passive" in r.output


def test_explain_all_shows_events_plover_would_not_code():
    text = "Five soldiers were killed in the north."
    assert "no events" in CliRunner().invoke(events, ["explain", text]).output
    out = CliRunner().invoke(events, ["explain", "--all", text]).output
    assert "ASSAULT" in out and "not coded" in out


def test_explain_marks_the_main_event():
    out = CliRunner().invoke(events, ["explain", "Chile condemned the Peruvian raid."]).output
    lines = [ln for ln in out.splitlines() if ln.startswith("E")]
    assert sum("main" in ln for ln in lines) == 1 and "ACCUSE" in next(
        ln for ln in lines if "main" in ln)
