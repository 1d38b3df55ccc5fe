"""Train and cross-validate the sentence-level quad classifier (``classifier.py``).

``train(path)`` parses the CAMEO sentence file once, runs the rule coder on each sentence,
builds the features and fits a multinomial logistic regression (seeded). ``cross_validate``
reports, out of fold (5 stratified folds, seeded), the accuracy and macro F1 of the rules
alone, the classifier alone (no rule features) and the combination (the classifier over
the rule coder's candidate features too); the model of fold k never sees fold k. The
record's main event is picked by a ranker (``mainpick``) trained on the classifier's
out-of-fold probabilities; its own figure is nested (the ranker of fold k learns from
probabilities the classifiers of the other folds give without seeing them).
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .. import nlp as _nlp
from ..options import Options
from .classifier import RULE_DIM, SentenceModel, pick_main, rule_main, sentence_features
from .evaluate import CLASSES, read_classes
from .lexicon import QUAD
from .mainpick import fit_ranker
from .stage import EventDraft

__all__ = ["featurize", "fit", "cross_validate", "train", "scores"]

SEED = 13
C = 0.5  # fixed before any figure was seen; not tuned


@dataclass(slots=True)
class Featurized:
    x: np.ndarray  # features with the rule block last (RULE_DIM columns)
    y: np.ndarray
    rules: np.ndarray  # the rules' class: quad of the main event of the record's events
    record: np.ndarray  # the record's class today: its first event that happened
    events: list  # per row, the event drafts the record keeps


def record_events(doc, options: Options) -> list[EventDraft]:  # noqa: ANN001
    """The event drafts of a parsed text that reach the record (the pipeline's stages,
    events with an actor in the record), in text order."""
    from ..pipeline import find_all

    staged = find_all(doc, options)
    _actors, ids = staged.index.actors()
    return [e for e in staged.events if any(c in ids for c in e.actors)]


def featurize(rows: list[tuple[str, int]], options: Options | None = None) -> Featurized:
    """Features, gold labels and the rules' predictions for each (sentence, label) row,
    from the events the pipeline keeps. A row is one item even when the parser splits
    it: its features are taken over the whole text."""
    options = options or Options()
    nlp = _nlp.load(options.model)
    xs, rules, record, evs = [], [], [], []
    for doc in nlp.pipe([s for s, _ in rows], batch_size=64):
        events = record_events(doc, options)
        xs.append(sentence_features(doc[:], events))
        main = rule_main(events)
        rules.append(QUAD[main.type] if main is not None else 0)
        live = [e for e in events if e.happened]
        record.append(QUAD[live[0].type] if live else 0)
        evs.append(events)
    return Featurized(np.vstack(xs), np.asarray([y for _, y in rows]), np.asarray(rules),
                      np.asarray(record), evs)


def realize(data: Featurized, pred: np.ndarray, *, else_first: bool = False) -> np.ndarray:
    """The class the record gives once each sentence's main event is chosen by ``pred``
    (``else_first``: a sentence without one is read by its first event that happened)."""
    out = []
    for events, c, today in zip(data.events, pred, data.record, strict=True):
        main = pick_main(events, int(c))
        out.append(QUAD[main.type] if main is not None else (today if else_first else 0))
    return np.asarray(out)


def fit(x: np.ndarray, y: np.ndarray, *, rules: bool = True, seed: int = SEED
        ) -> SentenceModel:
    """A seeded multinomial logistic regression over standardised features."""
    from sklearn.linear_model import LogisticRegression

    if not rules:
        x = x[:, :-RULE_DIM]
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-6] = 1.0
    lr = LogisticRegression(C=C, max_iter=2000, random_state=seed)
    lr.fit((x - mean) / scale, y)
    coef = np.zeros((len(CLASSES), x.shape[1]), dtype=np.float32)
    icpt = np.full(len(CLASSES), -1e4, dtype=np.float32)  # a class never seen is never said
    for row, c in enumerate(lr.classes_):
        coef[int(c)] = lr.coef_[row]
        icpt[int(c)] = lr.intercept_[row]
    return SentenceModel(coef, icpt, mean, scale, rules)


def _x(model: SentenceModel, x: np.ndarray) -> np.ndarray:
    return x if model.rules else x[:, :-RULE_DIM]


def scores(gold: np.ndarray, pred: np.ndarray) -> dict:
    """Accuracy, macro F1 and per-class F1."""
    per = []
    for c in CLASSES:
        tp = int(((pred == c) & (gold == c)).sum())
        fp = int(((pred == c) & (gold != c)).sum())
        fn = int(((pred != c) & (gold == c)).sum())
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        per.append(2 * p * r / (p + r) if p + r else 0.0)
    return {"accuracy": float((gold == pred).mean()) if len(gold) else 0.0,
            "macro_f1": float(np.mean(per)), "per_class_f1": per}


def _n_folds(y: np.ndarray, folds: int = 5) -> int:
    """As many folds as the rarest class allows (2..folds); 0 when a class has one row."""
    least = int(np.bincount(y).min()) if len(set(y.tolist())) > 1 else 0
    return min(folds, least) if least >= 2 else 0


def oof_proba(x: np.ndarray, y: np.ndarray, *, folds: int = 5, seed: int = SEED
              ) -> np.ndarray | None:
    """The combination's class probabilities of each row from a model that did not see
    it (stratified folds, seeded); None when the classes are too few to fold."""
    from sklearn.model_selection import StratifiedKFold

    k = _n_folds(y, folds)
    if not k:
        return None
    out = np.zeros((len(y), len(CLASSES)))
    skf = StratifiedKFold(n_splits=k, shuffle=True, random_state=seed)
    for tr, te in skf.split(x, y):
        out[te] = fit(x[tr], y[tr], seed=seed).proba(x[te])
    return out


def ranked(data: Featurized, rows: np.ndarray, proba: np.ndarray, ranker) -> np.ndarray:  # noqa: ANN001
    """The record's class for ``rows`` when the ranker picks each main event from the
    classifier's probabilities ``proba`` (the classifier's class, without a ranker)."""
    out = []
    for i, p in zip(rows, proba, strict=True):
        if ranker is None:
            main = pick_main(data.events[i], int(p.argmax()))
        else:
            main = ranker.pick(data.events[i], p)
        out.append(QUAD[main.type] if main is not None else 0)
    return np.asarray(out)


def cross_validate(data: Featurized, *, folds: int = 5, seed: int = SEED) -> dict:
    """Out-of-fold figures of the rules, the classifier alone and the combination, and
    of the record's main event picked by the ranker (nested: the ranker of fold k learns
    from the classifier's out-of-fold probabilities on the other folds)."""
    from sklearn.model_selection import StratifiedKFold

    alone = np.zeros_like(data.y)
    combo = np.zeros_like(data.y)
    picked = np.zeros_like(data.y)
    fold = np.zeros_like(data.y)
    skf = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    for n, (tr, te) in enumerate(skf.split(data.x, data.y)):
        fold[te] = n
        for rules, out in ((False, alone), (True, combo)):
            m = fit(data.x[tr], data.y[tr], rules=rules, seed=seed)
            out[te] = m.predict(_x(m, data.x[te]))
            if rules:
                inner = oof_proba(data.x[tr], data.y[tr], seed=seed)
                ranker = None if inner is None else fit_ranker(
                    [data.events[i] for i in tr], inner, data.y[tr], seed=seed)
                picked[te] = ranked(data, te, m.proba(data.x[te]), ranker)
    return {"sentences": int(len(data.y)), "folds": folds, "seed": seed,
            "record_today": scores(data.y, data.record),
            "rules": scores(data.y, data.rules),
            "rules_main_in_record": scores(data.y, realize(data, data.rules)),
            "classifier": scores(data.y, alone),
            "classifier_main_in_record": scores(data.y, realize(data, alone)),
            "combination": scores(data.y, combo),
            "combination_main_in_record": scores(data.y, realize(data, combo)),
            "combination_main_else_first": scores(data.y, realize(data, combo,
                                                                  else_first=True)),
            "ranker_main_in_record": scores(data.y, picked),
            # the spread of the record's figure over the folds, before and with the ranker
            "per_fold_sentences": [int((fold == n).sum()) for n in range(folds)],
            "per_fold_accuracy": {
                name: [float((pred[fold == n] == data.y[fold == n]).mean())
                       for n in range(folds)]
                for name, pred in (("combination_main_in_record", realize(data, combo)),
                                   ("ranker_main_in_record", picked))}}


def train(path: str | Path, out: str | Path | None = None, *, cv: bool = True,
          limit: int | None = None, options: Options | None = None) -> dict:
    """Featurize the file, optionally cross-validate, fit on all rows and save the model."""
    t0 = time.perf_counter()
    rows = read_classes(path)[:limit]
    data = featurize(rows, options)
    report: dict = {"file": str(path), "sentences": len(rows)}
    if cv:
        report["cv"] = cross_validate(data, folds=min(5, max(2, int(np.bincount(data.y).min())
                                                             if len(set(data.y)) > 1 else 2)))
    model = fit(data.x, data.y, rules=True)
    proba = oof_proba(data.x, data.y)
    if proba is not None:
        model.ranker = fit_ranker(data.events, proba, data.y, seed=SEED)
    report["fit_accuracy"] = scores(data.y, model.predict(data.x))["accuracy"]
    report["seconds"] = time.perf_counter() - t0
    if out is not None:
        out = Path(out)
        model.save(out)
        report["model"] = out.name
        report["sha256"] = hashlib.sha256(out.read_bytes()).hexdigest()
        report["file"] = Path(path).name
        out.with_suffix(".json").write_text(json.dumps(report, indent=1) + "\n",
                                            encoding="utf-8")
    return report
