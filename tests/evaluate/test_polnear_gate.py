"""Quality gates: figures on PolNeAR dev may only go up (floors pinned from measured runs).

Measured figures are in docs/benchmarks.md; a floor sits a little below its figure so
that harmless changes pass and a real regression fails.
"""

from __future__ import annotations

import pytest

from communique.errors import InputError
from communique.evaluate.polnear import evaluate_polnear, parse_ann, score_doc

#: the combination of rules and trained model (the default), beliefs kept as PolNeAR
#: annotates them; measured 0.892 / 0.708 / 0.539 / 0.726 / 0.929 (docs/benchmarks.md,
#: branch quotes5)
FLOORS = {
    "quoted_overlap_f1": 0.89,
    "all_overlap_f1": 0.70,
    "all_exact_f1": 0.53,
    "quoted_exact_f1": 0.72,
    "speaker_accuracy": 0.92,
}


@pytest.fixture(scope="module")
def dev(shared):
    return evaluate_polnear(shared / "corpora/polnear", "dev")


def test_quoted_f1_floor(dev):
    assert dev["quoted_overlap"]["f1"] >= FLOORS["quoted_overlap_f1"]


def test_all_attribution_f1_floor(dev):
    assert dev["all_overlap"]["f1"] >= FLOORS["all_overlap_f1"]


def test_exact_content_floors(dev):
    assert dev["all_exact"]["f1"] >= FLOORS["all_exact_f1"]
    assert dev["quoted_exact"]["f1"] >= FLOORS["quoted_exact_f1"]


def test_speaker_accuracy_floor(dev):
    assert dev["speaker_accuracy"] >= FLOORS["speaker_accuracy"]


def test_brat_parsing_with_discontinuous_spans_and_late_definitions():
    ann = ("E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
           "T1\tSource 0 4\tAnna\n"
           "T2\tCue 5 9\tsaid\n"
           "T3\tContent 10 14;20 25\tx\n"
           "T4\tAttribution 5 9\tsaid\n")
    (a,) = parse_ann(ann)
    assert a.content == [(10, 14), (20, 25)] and a.source == [(0, 4)] and a.cue == [(5, 9)]


def test_malformed_brat_line_names_file_and_line():
    with pytest.raises(InputError, match="x.ann:2"):
        parse_ann("T1\tSource 0 4\tA\nT2\tbroken\n", "x.ann")


def test_span_text_with_a_newline_is_skipped():
    ann = "T1\tContent 0 9;12 20\tfirst\nsecond part\nE1\tAttribution:T2 Content:T1\n"
    (a,) = parse_ann(ann)
    assert a.content == [(0, 9), (12, 20)]


def test_matching_protocol_overlap_thresholds():
    from communique.evaluate.polnear import GoldAttribution, _Pred

    text = 'Anna said "the talks will resume in March" today.'
    gold = [GoldAttribution(content=[(10, 42)], source=[(0, 4)], cue=[(5, 9)])]
    exact = _Pred([(11, 41)], True, (5, 9), (0, 4))
    c = score_doc(text, gold, [exact])
    assert c["tp_g"] == 1 and c["exact_g"] == 1 and c["spk_ok"] == 1 and c["cue_ok"] == 1
    too_short = _Pred([(11, 20)], True, None, None)
    assert score_doc(text, gold, [too_short])["tp_g"] == 0
    too_long = _Pred([(0, 49)], False, None, None)
    assert score_doc(text, gold, [too_long])["tp_g"] == 1  # 30/49 of it is gold: still >= 30%
