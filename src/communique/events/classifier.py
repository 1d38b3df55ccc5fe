"""A learned sentence-level arbiter for the rule coder: the CAMEO quad class of a sentence
(0 no event, 1 verbal and 2 material cooperation, 3 verbal and 4 material conflict).

Features of a sentence, all from what the pipeline already computed (no second encoder):
- the mean and max of the shipped pipeline's ``tok2vec`` output over the sentence's tokens
  (``doc.tensor``, 96 wide in ``en_core_web_sm``), frozen;
- hashed lemma unigrams, and the lemma of the sentence root and of its direct dependents
  (a stateless hashing trick: nothing but the weights ships);
- the rule coder's candidates (``rules=True``): the quad of its main event, how many
  candidates of each quad happened, were negated or hypothetical, at what depth, and the
  PLOVER type of the main event.

The model is a multinomial logistic regression (scikit-learn at training time); what ships
is its weights as a small ``.npz`` (``data/sentence_model.npz``), applied with numpy, loaded
once per process. ``communique train events --cameo FILE`` retrains it (seeded).
"""

from __future__ import annotations

import functools
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Span

from .lexicon import QUAD
from .mainpick import MainRanker
from .stage import MAIN_DEPTH, EventDraft
from .stage import main_event as rule_main

__all__ = ["SentenceModel", "sentence_features", "load_model", "MODEL_PATH", "pick_main",
           "mark_main"]

MODEL_PATH = Path(__file__).with_name("data") / "sentence_model.npz"
HASH_DIM = 2048
TYPES = tuple(sorted(QUAD))


def _hash(s: str) -> int:
    return zlib.crc32(s.encode("utf-8")) % HASH_DIM


def _live(e: EventDraft) -> bool:
    return e.happened and e.depth <= MAIN_DEPTH


def rule_features(events: list[EventDraft]) -> np.ndarray:
    """Dense features of the rule coder's candidates in one sentence."""
    f: list[float] = []
    main = rule_main(events)
    mq = main.quad if main is not None else 0
    f += [1.0 if mq == q else 0.0 for q in range(5)]
    for q in range(5):
        f.append(float(sum(1 for e in events if _live(e) and e.quad == q)))
    f.append(float(sum(1 for e in events if e.negated)))
    f.append(float(sum(1 for e in events if e.hypothetical)))
    f.append(float(sum(1 for e in events if e.future)))
    f.append(float(sum(1 for e in events if e.depth > MAIN_DEPTH)))
    f.append(float(main.depth) if main is not None else -1.0)
    f.append(1.0 if main is not None and main.complete else 0.0)
    f.append(1.0 if main is not None and main.quote is not None else 0.0)
    f += [1.0 if main is not None and main.type == t else 0.0 for t in TYPES]
    # the quad of the nearest-root event of any modality (what the sentence talks about)
    anyq = min(events, key=lambda e: (e.depth, e.trigger[0])).quad if events else -1
    f += [1.0 if anyq == q else 0.0 for q in range(5)]
    return np.asarray(f, dtype=np.float32)


RULE_DIM = len(rule_features([]))


def _dense(sent: Span) -> np.ndarray:
    doc = sent.doc
    t = doc.tensor[sent.start:sent.end] if doc.tensor is not None and doc.tensor.size else None
    width = doc.tensor.shape[1] if t is not None else 96
    if t is None or not len(t):
        return np.zeros(2 * width, dtype=np.float32)
    return np.concatenate([t.mean(axis=0), t.max(axis=0)]).astype(np.float32)


def _sparse(sent: Span) -> np.ndarray:
    v = np.zeros(HASH_DIM, dtype=np.float32)
    for tok in sent:
        if tok.is_punct or tok.is_space:
            continue
        v[_hash("w:" + tok.lemma_.lower())] = 1.0
    root = sent.root
    v[_hash("root:" + root.lemma_.lower())] = 1.0
    for ch in root.children:
        if not ch.is_punct:
            v[_hash(f"{ch.dep_}:{ch.lemma_.lower()}")] = 1.0
    if any(ch.dep_ == "neg" for ch in root.children):
        v[_hash("root:neg")] = 1.0
    return v


def sentence_features(sent: Span, events: list[EventDraft], *, rules: bool = True
                      ) -> np.ndarray:
    """The feature vector of one sentence: tensor, hashed lemmas, and (``rules``) the
    rule coder's candidates that lie in it."""
    parts = [_dense(sent), _sparse(sent)]
    if rules:
        parts.append(rule_features(events))
    return np.concatenate(parts)


def pick_main(events: list[EventDraft], cls: int) -> EventDraft | None:
    """The main event of one sentence given its predicted class: none for class 0;
    else the event that happened of that class nearest the root (then earliest; not a
    noun's modifier), else
    the rules' main event (``stage.main_event``: happened, not deep in a modifier)."""
    if cls == 0:
        return None
    same = [e for e in events if e.news and QUAD.get(e.type) == cls]
    if same:
        return min(same, key=lambda e: (e.depth, e.trigger[0]))
    return rule_main(events)


def mark_main(doc: Doc, events: list[EventDraft], model: SentenceModel | None = None
              ) -> set[int]:
    """Indices (into ``events``) of each sentence's main event, as the shipped model
    decides: one per sentence at most, none where the sentence reports no event."""
    model = model or load_model()
    by_sent: dict[int, list[int]] = {}
    for n, e in enumerate(events):
        by_sent.setdefault(e.sentence[0], []).append(n)
    out: set[int] = set()
    sents = {s.start_char: s for s in doc.sents} if by_sent else {}
    for start, idx in by_sent.items():
        evs = [events[n] for n in idx]
        if not any(e.happened for e in evs):
            continue
        if model is None:  # no weights: the rules' main event
            main = rule_main(evs)
        else:
            sent = sents.get(start) or doc.char_span(start, start + 1,
                                                     alignment_mode="expand").sent
            x = sentence_features(sent, evs, rules=model.rules)
            p = model.proba(x[None, :])[0]
            main = (model.ranker.pick(evs, p) if model.ranker is not None
                    else pick_main(evs, int(p.argmax())))
        if main is not None:
            out.add(next(n for n, e in zip(idx, evs, strict=True) if e is main))
    return out


@dataclass(slots=True)
class SentenceModel:
    """Weights of the multinomial logistic regression over ``sentence_features``."""

    coef: np.ndarray  # (5, D)
    intercept: np.ndarray  # (5,)
    mean: np.ndarray  # (D,) standardisation of the features
    scale: np.ndarray  # (D,)
    rules: bool = True
    #: the choice among the sentence's candidates (``mainpick``); without it, the
    #: classifier's class then the rules (``pick_main``)
    ranker: MainRanker | None = None

    def proba(self, x: np.ndarray) -> np.ndarray:
        z = ((x - self.mean) / self.scale) @ self.coef.T + self.intercept
        z = z - z.max(axis=-1, keepdims=True)
        p = np.exp(z)
        return p / p.sum(axis=-1, keepdims=True)

    def predict(self, x: np.ndarray) -> np.ndarray:
        return self.proba(x).argmax(axis=-1)

    def save(self, path: str | Path) -> None:
        extra = {}
        if self.ranker is not None:
            extra = {"rank_names": np.asarray(self.ranker.names, dtype=str),
                     "rank_coef": self.ranker.coef.astype(np.float32),
                     "rank_intercept": np.asarray([self.ranker.intercept], np.float32)}
        np.savez_compressed(path, coef=self.coef.astype(np.float32),
                            intercept=self.intercept.astype(np.float32),
                            mean=self.mean.astype(np.float32),
                            scale=self.scale.astype(np.float32),
                            rules=np.asarray([1 if self.rules else 0]), **extra)

    @classmethod
    def read(cls, path: str | Path) -> SentenceModel:
        z = np.load(path)
        ranker = None
        if "rank_coef" in z:
            ranker = MainRanker(tuple(str(n) for n in z["rank_names"]), z["rank_coef"],
                                float(z["rank_intercept"][0]))
        return cls(z["coef"], z["intercept"], z["mean"], z["scale"], bool(z["rules"][0]),
                   ranker)


@functools.cache
def load_model(path: str | None = None) -> SentenceModel | None:
    """The shipped model, read once per process; None when no weights ship."""
    p = Path(path) if path else MODEL_PATH
    return SentenceModel.read(p) if p.exists() else None
