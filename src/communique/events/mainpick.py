"""A learned choice of a sentence's main event among the record's candidates (issue 13).

The sentence classifier (``classifier.py``) says which CAMEO quad class a sentence
reports; the record can only show that class through one of the events it keeps, and in
about one sentence in five none of them has it (the coder missed the event, or typed it
otherwise: a lifted ban is CONCEDE, verbal cooperation in PLOVER's quad table, material
cooperation, CAMEO's "yield", in CAMEO data). Taking the classifier's class, and the
rules' main event when no event has it, leaves the record's choice to the rules exactly
where the classifier is least help.

This ranker scores each option of a sentence (no main event, or one event that happened)
from the classifier's probabilities of the options' classes and a few facts about the
candidate (depth below the root, in a modifier or a quote, the rules' choice, its PLOVER
type and the quad of its CAMEO root), and the record marks the best-scoring option. It is
a binary logistic regression over options (scikit-learn at training time), trained on the
classifier's out-of-fold probabilities (what it says on sentences it has not seen), and
shipped as a handful of named weights beside the classifier's. An option is right when
its class is the sentence's gold class (in a sentence that reports an event none of the
candidates has, every option is wrong).

Tried and not kept (5-fold, nested): counting the rules' main event as right in such a
sentence raised class 0's F1 out of fold (0.676 -> 0.686) but not accuracy in every fold,
and lowered the precision of main events on our document gold (odd half 0.667 -> 0.614);
leaving such sentences out of training did worse than both.

Structural facts (a relative clause, an adverbial clause, a past perfect above the
trigger) were tried as features and did not help out of fold: the parse depth and the
classifier already carry them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .candidate import EventDraft
from .lexicon import QUAD
from .stage import MAIN_DEPTH
from .stage import main_event as _rule_main

__all__ = ["MainRanker", "options", "fit_ranker", "labels"]



def options(events: list[EventDraft], p: np.ndarray
            ) -> list[tuple[EventDraft | None, dict[str, float]]]:
    """The options of one sentence, "no main event" first, each with its named features;
    ``p`` is the classifier's class probabilities of the sentence."""
    rm = _rule_main(events)
    # an event modifying a noun ("Saudi-BACKED troops") is mentioned in passing, never the
    # sentence's news: not an option (as for the rules' main event, ``stage.main_event``)
    hap = [e for e in events if e.news]
    reach = [float(p[QUAD[e.type]]) for e in hap if e.type in QUAD]
    out: list[tuple[EventDraft | None, dict[str, float]]] = [(None, {
        "none": 1.0, "none_p0": float(p[0]), "none_logp0": math.log(float(p[0]) + 1e-6),
        "none_nhap": float(len(hap)),
        "none_nlive": float(sum(1 for e in hap if e.depth <= MAIN_DEPTH)),
        "none_rm": 1.0 if rm is None else 0.0,
        "none_pmax_reach": max(reach, default=0.0)})]
    for e in hap:
        q = QUAD.get(e.type)
        if q is None:
            continue
        f = {"p": float(p[q]), "logp": math.log(float(p[q]) + 1e-6), "p0": float(p[0]),
             "depth": float(min(e.depth, 6)), "deep": float(e.depth > MAIN_DEPTH),
             "mod": float(e.modifier), "quote": float(e.quote is not None),
             "future": float(e.future), "rm": float(e is rm), "first": float(e is hap[0]),
             f"q_{q}": 1.0, f"cq_{e.quad}": 1.0, "cqmis": float(e.quad != q),
             "cq0": float(e.quad == 0), f"type_{e.type}": 1.0}
        out.append((e, f))
    return out


def labels(opts: list[tuple[EventDraft | None, dict]], gold: int) -> list[int]:
    """Which options are right for a sentence of class ``gold``: those of its class."""
    return [int((0 if e is None else QUAD[e.type]) == gold) for e, _ in opts]


@dataclass(slots=True)
class MainRanker:
    """Named weights of the option scorer."""

    names: tuple[str, ...]
    coef: np.ndarray  # (len(names),)
    intercept: float

    def score(self, f: dict[str, float]) -> float:
        w = dict(zip(self.names, self.coef.tolist(), strict=True))
        return self.intercept + sum(w.get(k, 0.0) * v for k, v in f.items())

    def pick(self, events: list[EventDraft], p: np.ndarray) -> EventDraft | None:
        """The best-scoring option of one sentence (None: no main event); the first of
        equal scores."""
        best, best_s = None, -math.inf
        for e, f in options(events, p):
            s = self.score(f)
            if s > best_s:
                best, best_s = e, s
        return best


def fit_ranker(events: list[list[EventDraft]], proba: np.ndarray, gold: np.ndarray, *,
               seed: int, c: float = 1.0) -> MainRanker | None:
    """A seeded ranker from sentences' events, out-of-fold class probabilities and gold
    classes; None when the options carry only one label (nothing to learn)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    feats, ys = [], []
    for evs, p, g in zip(events, proba, gold, strict=True):
        opts = options(evs, p)
        feats += [f for _, f in opts]
        ys += labels(opts, int(g))
    if len(set(ys)) < 2:
        return None
    dv = DictVectorizer(sort=True)
    x = dv.fit_transform(feats)
    lr = LogisticRegression(C=c, max_iter=3000, random_state=seed).fit(x, np.asarray(ys))
    return MainRanker(tuple(dv.get_feature_names_out()), lr.coef_[0].astype(np.float32),
                      float(lr.intercept_[0]))
