"""Quality gates of the learned sentence classifier and of the record against our
document gold (issue 13). Floors sit a little below measured figures
(docs/benchmarks.md); the out-of-fold figures come from the training report shipped
beside the weights, which a fast test ties to the weights by hash, and which a slow
test recomputes (5 folds, seeded) from the visible CAMEO sentences."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from communique.events.classifier import MODEL_PATH

#: out of fold, 5 folds, seed 13 (communique train events --cameo class_train.tsv)
OOF_FLOORS = {
    "ranker_main_in_record": 0.80,  # the record's main event as shipped, 0 without one
    "combination_main_in_record": 0.79,  # the classifier's class, then the rules
    "combination": 0.885,  # the classifier with the rules' features, as a classifier
    "classifier": 0.74,  # without the rules' features
}
DOCS_FLOORS = {"precision": 0.665, "recall": 0.555, "f1": 0.605, "type_accuracy": 0.94,
               "actor_country_accuracy": 0.80, "recipient_country_accuracy": 0.67,
               "all_right_of_shown": 0.39}
GOLD = Path(__file__).resolve().parents[2] / "gold/events/guardian-dev"


def _report() -> dict:
    return json.loads(MODEL_PATH.with_suffix(".json").read_text(encoding="utf-8"))


def test_shipped_report_belongs_to_the_shipped_weights_and_meets_floors():
    """The ranker is kept only because it beats the classifier's class with the rules'
    fallback out of fold: overall (accuracy and macro F1), and in no fold by more than
    one sentence.

    Why one sentence of slack per fold and not ``>=`` in every fold: a fold holds about
    270 sentences, so one sentence is 0.0037 of its accuracy, and the two choices differ
    on only a few dozen sentences of a fold. Per-fold strictness then fails on a single
    flip that is noise of the fold split, not a loss: retraining main's own model with
    main's own lexicon (cameo11, 2026-12) already gave fold 4 0.7630 for the ranker
    against 0.7667, one sentence, while the ranker won overall (0.759 vs 0.753). A real
    loss shows in the overall figure, which must still be higher, and in more than one
    sentence of a fold."""
    r = _report()
    assert r["sha256"] == hashlib.sha256(MODEL_PATH.read_bytes()).hexdigest()
    cv = r["cv"]
    assert cv["folds"] == 5 and cv["sentences"] >= 1300
    for key, floor in OOF_FLOORS.items():
        assert cv[key]["accuracy"] >= floor, (key, cv[key])
        assert cv[key]["macro_f1"] >= floor, (key, cv[key])
    # kept only because it beats the rules out of fold
    assert cv["combination_main_in_record"]["accuracy"] > cv["record_today"]["accuracy"]
    for key in ("accuracy", "macro_f1"):
        assert cv["ranker_main_in_record"][key] > cv["combination_main_in_record"][key]
    folds = cv["per_fold_accuracy"]
    sizes = cv["per_fold_sentences"]
    for r_acc, c_acc, n in zip(folds["ranker_main_in_record"],
                               folds["combination_main_in_record"], sizes, strict=True):
        assert round((c_acc - r_acc) * n) <= 1, (folds, sizes)  # sentences lost in the fold


@pytest.mark.slow
def test_cross_validation_recomputed_meets_the_floors(shared):
    from communique.events.evaluate import read_classes
    from communique.events.train import cross_validate, featurize

    rows = read_classes(shared / "corpora/cameo-sentences/class_train.tsv")
    cv = cross_validate(featurize(rows))
    for key, floor in OOF_FLOORS.items():
        assert cv[key]["accuracy"] >= floor, (key, cv[key])


@pytest.mark.slow
def test_document_gold_floors(shared):
    from communique.evaluate.events_docs import evaluate_docs

    r = evaluate_docs(GOLD, shared / "corpora/guardian-dev/text")
    for key in ("precision", "recall", "f1"):
        assert r["events"][key] >= DOCS_FLOORS[key], (key, r["events"])
    for key in ("type_accuracy", "actor_country_accuracy", "recipient_country_accuracy",
                "all_right_of_shown"):
        assert r[key] >= DOCS_FLOORS[key], (key, r[key])
