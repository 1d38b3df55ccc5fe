"""The learned attribution layer: which words cue an attribution, and which clause of the
parse is its content.

Two linear models over hashed features of the parse (and of the shipped pipeline's own
``tok2vec`` output, ``doc.tensor``, frozen), trained by :mod:`.train` on PolNeAR:

- the *cue* model scores every verb and noun: does it report what someone said, thought
  or wanted here?
- the *content* model ranks the candidate contents of a cue, each a span read off the
  parse (its clausal complement, its object, the clause it is fronted by, the rest of the
  sentence, the rule's own choice...): which one is the reported content?

The weights are a small ``.npz`` inside the package (``data/attribution.npz``), loaded
once per process; the metadata beside it (``data/attribution.json``) records the training
data, commit and figures. Scoring is a dot product in numpy: no encoder is run twice.
"""

from __future__ import annotations

import functools
import json
import zlib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Token

from ..parsed import sent_bounds
from .trims import edge_features, trims

BITS = 18
DIM = 1 << BITS
#: the width of en_core_web_sm's tok2vec output
TENSOR = 96
SUBJECTS = ("nsubj", "nsubjpass", "csubj")
CLAUSAL = ("ccomp", "xcomp", "csubj", "dobj", "obj", "attr", "oprd", "acomp", "advcl",
           "parataxis", "acl", "relcl", "conj", "npadvmod")
WEIGHTS = "attribution.npz"
META = "attribution.json"


def _h(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8")) & (DIM - 1)


#: feature -> hash, for the features that recur (most do: "b", "p=VERBVBD", "s=none");
#: emptied when full, so a long run's memory stays bounded
_HASHES: dict[str, int] = {}
_MAX_HASHES = 1 << 18


def _h_new(feature: str) -> int:
    if len(_HASHES) >= _MAX_HASHES:
        _HASHES.clear()
    h = _HASHES[feature] = _h(feature)
    return h


def hashed(features: list[str]) -> list[int]:
    cache = _HASHES
    return [cache[f] if f in cache else _h_new(f) for f in features]


# --------------------------------------------------------------------------------------
# cue candidates and their features


def is_candidate(tok: Token) -> bool:
    """Words that may cue an attribution: verbs and nouns (and "according")."""
    if tok.lower_ == "according":
        return True
    if tok.pos_ == "VERB" or tok.pos_ == "NOUN":
        return tok.is_alpha
    return tok.pos_ == "AUX" and tok.dep_ not in ("aux", "auxpass")


def _subject_class(tok: Token) -> str:
    subj = [c for c in tok.children if c.dep_ in SUBJECTS]
    if not subj:
        poss = [c for c in tok.children if c.dep_ == "poss"]
        if tok.pos_ == "NOUN" and poss:
            subj = poss
        else:
            return "none"
    s = subj[0]
    if s.pos_ == "PRON":
        return "pron:" + s.lower_
    if s.ent_type_:
        return "ent:" + s.ent_type_
    return "noun:" + s.lemma_.lower()


def cue_features(ctx, tok: Token) -> list[str]:
    lemma = tok.lemma_.lower()
    f = ["b", "l=" + lemma, "p=" + tok.pos_ + tok.tag_, "d=" + tok.dep_,
         "ld=" + lemma + "|" + tok.dep_, "hl=" + tok.head.lemma_.lower(),
         "hp=" + tok.head.pos_ + "|" + tok.dep_, "lt=" + lemma + "|" + tok.tag_]
    subj = _subject_class(tok)
    f += ["s=" + subj.split(":")[0], "s2=" + subj, "ls=" + lemma + "|" + subj.split(":")[0]]
    for c in tok.children:
        dep = c.dep_
        f.append("c=" + dep)
        f.append("lc=" + lemma + "|" + dep)
        if dep == "prep" or dep == "prt" or dep == "agent":
            f.append("cp=" + lemma + "|" + c.lower_)
        if dep in ("ccomp", "xcomp"):
            marks = [g.lower_ for g in c.children if g.dep_ in ("mark", "aux")][:1]
            f.append("cm=" + dep + "|" + (marks[0] if marks else "-"))
            f.append("lcm=" + lemma + "|" + dep + "|" + (marks[0] if marks else "-"))
        if dep == "neg":
            f.append("neg|" + lemma)
    cue = ctx.lex.get(lemma, "VERB" if tok.pos_ != "NOUN" else "NOUN")
    f.append("lex=" + (cue.kind if cue else "-"))
    cls = ctx.lex.classes.get((lemma, "NOUN" if tok.pos_ == "NOUN" else "VERB"))
    f.append("cls=" + (cls or "-"))
    if tok.i in ctx.region_of_token:
        f.append("inq")
    starts, ends = sent_bounds(ctx.doc)
    start, end = starts[tok.i], ends[tok.i]
    near = [i for i in range(max(start, tok.i - 4), min(end, tok.i + 5))
            if i in ctx.region_of_token]
    if near:
        f.append("qnear" + ("L" if near[0] < tok.i else "R"))
    if _quoted_sentence(ctx, start, end):
        f.append("qsent")
    prev = ctx.doc[tok.i - 1] if tok.i > 0 else None
    nxt = ctx.doc[tok.i + 1] if tok.i + 1 < len(ctx.doc) else None
    f.append("pw=" + (prev.lower_ if prev is not None else "<s>"))
    f.append("nw=" + (nxt.lower_ if nxt is not None else "</s>"))
    f.append("lnw=" + lemma + "|" + (nxt.lower_ if nxt is not None else "</s>"))
    return f


def _quoted_sentence(ctx, start: int, end: int) -> bool:
    """Whether the sentence of tokens ``start:end`` has a token in quotation marks."""
    cache = ctx.__dict__.setdefault("_quoted_sentence", {})
    if start not in cache:
        cache[start] = any(i in ctx.region_of_token for i in range(start, end))
    return cache[start]


def cue_rows(ctx) -> tuple[list[int], list[np.ndarray], np.ndarray]:
    """The article's cue candidates: token ids, hashed features, tensor rows (cached on
    the context, as the features do not depend on the weights)."""
    cached = getattr(ctx, "_cue_rows", None)
    if cached is not None:
        return cached
    ids, feats = [], []
    for tok in ctx.doc:
        if tok.i in ctx.region_of_token or not is_candidate(tok):
            continue
        pos = "NOUN" if tok.pos_ == "NOUN" else "VERB"
        if ctx.lex.attribution(tok.lemma_.lower(), pos) is None:
            continue  # perception and action words never cue a quote
        ids.append(tok.i)
        feats.append(np.fromiter(hashed(cue_features(ctx, tok)), dtype=np.int64))
    t = ctx.doc.tensor
    if ids and t is not None and t.ndim == 2 and t.shape[0] == len(ctx.doc) \
            and t.shape[1] == TENSOR:
        mat = np.asarray(t[ids], dtype=np.float32)
    else:
        mat = np.zeros((len(ids), TENSOR), dtype=np.float32)
    ctx._cue_rows = (ids, feats, mat)
    return ctx._cue_rows


def dense(doc: Doc, i: int) -> np.ndarray:
    t = doc.tensor
    if t is None or t.shape[0] <= i or t.shape[1] != TENSOR:
        return np.zeros(TENSOR, dtype=np.float32)
    return np.asarray(t[i], dtype=np.float32)


# --------------------------------------------------------------------------------------
# content candidates


@dataclass(slots=True)
class Candidate:
    kind: str
    span: tuple[int, int]
    features: list[str] = field(default_factory=list)


def _para_clip(ctx, toks: list[Token], anchor: Token) -> list[Token]:
    return [t for t in toks if ctx.para[t.i] == ctx.para[anchor.i]]


def content_candidates(ctx, tok: Token, rule_span: tuple[int, int] | None = None
                       ) -> list[Candidate]:
    doc = ctx.doc
    sent = tok.sent
    raw: list[tuple[str, list[Token]]] = []
    objs = [c for c in tok.children if c.dep_ in ("dobj", "dative")]
    for c in tok.children:
        side = "R" if c.i > tok.i else "L"
        if c.dep_ in CLAUSAL:
            raw.append((c.dep_ + side, list(c.subtree)))
        if c.dep_ == "xcomp" and objs:
            raw.append(("objx" + side, [t for o in objs for t in o.subtree] + list(c.subtree)))
        if c.dep_ in ("prep", "agent"):
            raw.append(("prep" + side, list(c.subtree)))  # "responded by ...", "ask for X"
            for g in c.children:
                if g.dep_ in ("pobj", "pcomp"):
                    raw.append(("pobj" + side, list(g.subtree)))
                    ext = [t for t in doc[g.left_edge.i:sent.end]]
                    raw.append(("pext" + side, ext))
    for kind, toks in list(raw):  # one level down: "went to discuss X", "pointed out X"
        ids = {t.i for t in toks}
        top = next((t for t in toks if t.head.i not in ids or t.head.i == t.i), None)
        for g in top.children if top is not None else ():
            if g.dep_ in ("ccomp", "xcomp", "dobj", "pobj", "pcomp"):
                raw.append((kind + "/" + g.dep_, list(g.subtree)))
            elif g.dep_ == "prep":
                raw += [(kind + "/pobj", list(x.subtree)) for x in g.children
                        if x.dep_ in ("pobj", "pcomp")]
    if tok.head.i != tok.i and tok.dep_ in ("parataxis", "ccomp", "advcl", "conj", "dep"):
        mine = {t.i for t in tok.subtree}
        raw.append(("head" + ("L" if tok.head.i < tok.i else "R"),
                    [t for t in tok.head.subtree if t.i not in mine]))
    if tok.lower_ == "according":
        to = doc[tok.i + 1] if tok.i + 1 < len(doc) else tok
        phrase = {t.i for t in tok.subtree} | {t.i for t in to.subtree}
        raw.append(("accL", [t for t in sent if t.i not in phrase and t.i < tok.i]))
        raw.append(("accR", [t for t in sent if t.i not in phrase and t.i > tok.i]))
    right = [t for t in doc[tok.i + 1:sent.end]]
    raw.append(("restR", right))
    if right and right[0].lower_ in ("that", "to", "for", ":"):
        raw.append(("restR1", right[1:]))
    subj = [c for c in tok.children if c.dep_ in SUBJECTS and c.i < tok.i]
    left_end = subj[0].left_edge.i if subj else tok.i
    raw.append(("restL", [t for t in doc[sent.start:left_end]]))
    out: dict[tuple[int, int], Candidate] = {}
    for kind, toks in raw:
        toks = _para_clip(ctx, toks, tok)
        toks = [t for t in toks if t.i != tok.i]
        if not toks:
            continue
        span = ctx.span_of(toks)
        if span[1] - span[0] < 2:
            continue
        for variant, extra in _variants(ctx, span) + _trimmed(ctx, span):
            if variant in out:
                out[variant].features.append("k=" + kind)
                continue
            out[variant] = Candidate(kind, variant, ["k=" + kind] + extra)
    if rule_span is not None and rule_span[1] > rule_span[0]:
        if rule_span in out:
            out[rule_span].features.append("rule")
        else:
            out[rule_span] = Candidate("rule", rule_span, ["k=rule", "rule"])
    cands = list(out.values())
    for c in cands:
        c.features = _content_features(ctx, tok, c, len(cands))
    return cands


def _variants(ctx, span: tuple[int, int]) -> list[tuple[tuple[int, int], list[str]]]:
    """The span; with the full stop that ends it; and run to the paragraph's end when
    more sentences follow in it (computed once per span and article: cues share spans)."""
    cache = ctx.__dict__.setdefault("_variants", {})
    if span not in cache:
        cache[span] = _variants_uncached(ctx, span)
    return cache[span]


def _trimmed(ctx, span: tuple[int, int]) -> list[tuple[tuple[int, int], list[str]]]:
    """The span's shorter versions (:func:`.trims.trims`), once per span and article."""
    cache = ctx.__dict__.setdefault("_trimmed", {})
    if span not in cache:
        found = ctx.doc.char_span(span[0], span[1], alignment_mode="expand")
        out = []
        for toks, feats in trims(ctx, list(found) if found is not None else []):
            cut = ctx.span_of(toks)
            if cut[1] - cut[0] >= 2 and cut != span:
                out.append((cut, feats))
        cache[span] = out
    return cache[span]


def _variants_uncached(ctx, span: tuple[int, int]) -> list[tuple[tuple[int, int], list[str]]]:
    out = [(span, [])]
    doc, text = ctx.doc, ctx.text
    last = doc.char_span(span[0], span[1], alignment_mode="expand")
    if last is None or len(last) == 0:
        return out
    end_i = last.end - 1
    if end_i + 1 >= len(doc):
        return out
    nxt = doc[end_i + 1]
    starts, ends = sent_bounds(doc)
    if nxt.text in (".", "?", "!") and starts[nxt.i] == starts[end_i]:
        out.append(((span[0], nxt.idx + len(nxt.text)), ["+stop"]))
        tail = ends[nxt.i]
        stop_at = tail  # paragraph numbers only grow: the run of the cue's paragraph
        while stop_at < len(doc) and ctx.para[stop_at] == ctx.para[end_i]:
            stop_at += 1
        if any(doc[i].is_alpha for i in range(tail, stop_at)):
            stop = doc[stop_at - 1]
            while stop.i > tail and (stop.is_space or stop.text in ("\n",)):
                stop = doc[stop.i - 1]
            e = stop.idx + len(stop.text)
            if e > nxt.idx and text[nxt.idx:e].count(".") <= 4:
                out.append(((span[0], e), ["+para"]))
    return out


def _content_features(ctx, tok: Token, c: Candidate, n: int) -> list[str]:
    lemma = tok.lemma_.lower()
    kinds = [f[2:] for f in c.features if f.startswith("k=")]
    f = ["b"] + list(c.features)
    for k in kinds:
        f += ["lk=" + lemma + "|" + k, "pk=" + tok.pos_ + "|" + k, "dk=" + tok.dep_ + "|" + k]
    facts = _span_facts(ctx, c.span)
    if facts is None:
        return f + ["nospan"]
    f += facts.words
    starts, ends = sent_bounds(ctx.doc)
    f.append("sos" if facts.start <= starts[tok.i] else "mid")
    f.append("eos" if facts.end - 1 >= ends[tok.i] - 2 or facts.after is None
             else facts.after)
    f += facts.marks
    if facts.start <= tok.i < facts.end:
        f.append("hascue")
    f.append(facts.verbs)
    if "rule" in c.features:
        f += ["rule|" + k for k in kinds]
    f.append("n=" + str(min(n, 8)))
    return f


@dataclass(slots=True)
class _SpanFacts:
    """What the content features read off a candidate span, whichever cue it is for."""

    start: int                 # token range
    end: int
    words: list[str]           # len=, f=, fp=, e=, ep=, fd=
    after: str | None          # a=<next word>, None at a sentence's or the text's end
    marks: list[str] = field(default_factory=list)  # multisent, hasq / allq
    verbs: str = ""


def _span_facts(ctx, char_span: tuple[int, int]) -> _SpanFacts | None:
    cache = ctx.__dict__.setdefault("_span_facts", {})
    if char_span not in cache:
        cache[char_span] = _span_facts_uncached(ctx, char_span)
    return cache[char_span]


def _span_facts_uncached(ctx, char_span: tuple[int, int]) -> _SpanFacts | None:
    doc = ctx.doc
    span = doc.char_span(char_span[0], char_span[1], alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    toks = list(span)
    first, last = toks[0], toks[-1]
    words = ["len=" + str(min(sum(t.is_alpha for t in toks), 40) // 4),
             "f=" + first.lower_, "fp=" + first.pos_, "e=" + last.lower_, "ep=" + last.pos_,
             "fd=" + first.dep_]
    after = doc[last.i + 1] if last.i + 1 < len(doc) else None
    facts = _SpanFacts(span.start, span.end, words,
                       None if after is None or after.is_sent_start else "a=" + after.lower_)
    if any(t.is_sent_start for t in toks[1:]):
        facts.marks.append("multisent")
    facts.marks += edge_features(ctx, toks)
    inq = sum(1 for t in toks if t.i in ctx.region_of_token)
    if inq:
        facts.marks.append("hasq" if inq < len(toks) else "allq")
    verbs = sum(1 for t in toks if t.pos_ in ("VERB", "AUX"))
    facts.verbs = "verbs=" + str(min(verbs, 3))
    return facts


# --------------------------------------------------------------------------------------
# the model


@dataclass(slots=True)
class AttributionModel:
    cue_w: np.ndarray          # DIM + TENSOR weights
    cue_b: float
    content_w: np.ndarray      # DIM weights
    content_b: float
    meta: dict

    @property
    def threshold(self) -> float:
        return float(self.meta.get("threshold", 0.5))

    def cue_probs(self, ctx) -> dict[int, float]:
        """Probability that each candidate word cues an attribution, by token id."""
        ids, feats, mat = cue_rows(ctx)
        if not ids:
            return {}
        z = np.array([self.cue_w[f].sum() for f in feats]) + mat @ self.cue_w[DIM:]
        p = 1.0 / (1.0 + np.exp(-np.clip(z + self.cue_b, -30, 30)))
        return dict(zip(ids, p.tolist(), strict=True))

    def cue_score(self, ctx, tok: Token) -> float:
        idx = hashed(cue_features(ctx, tok))
        z = float(self.cue_w[idx].sum()) + self.cue_b
        z += float(dense(ctx.doc, tok.i) @ self.cue_w[DIM:])
        return 1.0 / (1.0 + np.exp(-z))

    def content_score(self, cand: Candidate) -> float:
        return float(self.content_w[hashed(cand.features)].sum()) + self.content_b

    def save(self, path: Path) -> None:
        path = Path(path)
        np.savez_compressed(path, cue_w=self.cue_w.astype(np.float16),
                            cue_b=np.float32(self.cue_b),
                            content_w=self.content_w.astype(np.float16),
                            content_b=np.float32(self.content_b))
        path.with_suffix(".json").write_text(json.dumps(self.meta, indent=2) + "\n",
                                             encoding="utf-8")

    @classmethod
    def read(cls, path: Path) -> AttributionModel:
        path = Path(path)
        with np.load(path) as z:
            model = cls(z["cue_w"].astype(np.float32), float(z["cue_b"]),
                        z["content_w"].astype(np.float32), float(z["content_b"]), {})
        meta = path.with_suffix(".json")
        if meta.exists():
            model.meta = json.loads(meta.read_text(encoding="utf-8"))
        return model


@functools.cache
def load() -> AttributionModel | None:
    """The packaged model, or None when the package ships none (then rules alone)."""
    ref = resources.files("communique.quotes") / "data" / WEIGHTS
    if not ref.is_file():
        return None
    with resources.as_file(ref) as p:
        return AttributionModel.read(p)
