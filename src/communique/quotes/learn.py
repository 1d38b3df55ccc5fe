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

import bisect
import functools
import json
import zlib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Token

from ..parsed import Tokens, sent_bounds, tokens
from .trims import edge_features_at, trims_at

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
    return _candidate_at(tokens(tok.doc), tok.i)


def _candidate_at(t: Tokens, i: int) -> bool:
    if t.lower[i] == "according":
        return True
    pos = t.pos[i]
    if pos == "VERB" or pos == "NOUN":
        return t.is_alpha[i]
    return pos == "AUX" and t.dep[i] not in ("aux", "auxpass")


def _subject_class(t: Tokens, i: int) -> str:
    dep = t.dep
    subj = [c for c in t.children[i] if dep[c] in SUBJECTS]
    if not subj:
        poss = [c for c in t.children[i] if dep[c] == "poss"]
        if t.pos[i] == "NOUN" and poss:
            subj = poss
        else:
            return "none"
    s = subj[0]
    if t.pos[s] == "PRON":
        return "pron:" + t.lower[s]
    if t.ent_type[s]:
        return "ent:" + t.ent_type[s]
    return "noun:" + t.lemma[s]


def cue_features(ctx, tok: Token | int) -> list[str]:
    """The cue model's features of one word (a token or its index in ``ctx.doc``), read
    off the per-parse attribute table."""
    i = tok if isinstance(tok, int) else tok.i
    t = tokens(ctx.doc)
    lemma, pos, tag, dep, head = t.lemma[i], t.pos[i], t.tag[i], t.dep[i], t.head[i]
    f = ["b", "l=" + lemma, "p=" + pos + tag, "d=" + dep,
         "ld=" + lemma + "|" + dep, "hl=" + t.lemma[head],
         "hp=" + t.pos[head] + "|" + dep, "lt=" + lemma + "|" + tag]
    subj = _subject_class(t, i)
    s0 = subj.split(":")[0]
    f += ["s=" + s0, "s2=" + subj, "ls=" + lemma + "|" + s0]
    deps, lower = t.dep, t.lower
    for c in t.children[i]:
        d = deps[c]
        f.append("c=" + d)
        f.append("lc=" + lemma + "|" + d)
        if d == "prep" or d == "prt" or d == "agent":
            f.append("cp=" + lemma + "|" + lower[c])
        if d in ("ccomp", "xcomp"):
            marks = [lower[g] for g in t.children[c] if deps[g] in ("mark", "aux")][:1]
            f.append("cm=" + d + "|" + (marks[0] if marks else "-"))
            f.append("lcm=" + lemma + "|" + d + "|" + (marks[0] if marks else "-"))
        if d == "neg":
            f.append("neg|" + lemma)
        if CUE_COMPLEMENT and d in COMPLEMENTS:
            f += _complement(t, lemma, d, c)
    cue = ctx.lex.get(lemma, "VERB" if pos != "NOUN" else "NOUN")
    f.append("lex=" + (cue.kind if cue else "-"))
    cls = ctx.lex.classes.get((lemma, "NOUN" if pos == "NOUN" else "VERB"))
    f.append("cls=" + (cls or "-"))
    inq = ctx.region_of_token
    if i in inq:
        f.append("inq")
    starts, ends = sent_bounds(ctx.doc)
    start, end = starts[i], ends[i]
    near = [j for j in range(max(start, i - 4), min(end, i + 5)) if j in inq]
    if near:
        f.append("qnear" + ("L" if near[0] < i else "R"))
    if _quoted_sentence(ctx, start, end):
        f.append("qsent")
    prev = lower[i - 1] if i > 0 else "<s>"
    nxt = lower[i + 1] if i + 1 < len(lower) else "</s>"
    f.append("pw=" + prev)
    f.append("nw=" + nxt)
    f.append("lnw=" + lemma + "|" + nxt)
    return f


#: name the word completing a light or stance cue ("is adamant that", "has no doubt
#: that", "was critical of") and what hangs off it
CUE_COMPLEMENT = True
COMPLEMENTS = ("acomp", "attr", "dobj", "oprd")


def _complement(t: Tokens, lemma: str, d: str, c: int) -> list[str]:
    word = t.lemma[c]
    f = ["w=" + d + "|" + word, "lw=" + lemma + "|" + word]
    for g in t.children[c]:
        dg = t.dep[g]
        if dg in ("ccomp", "xcomp", "acl", "relcl"):
            f.append("wc=" + word + "|" + dg)
            f.append("wc=" + d + "|" + dg)
        elif dg == "prep":
            f.append("wc=" + word + "|" + t.lower[g])
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
    t = tokens(ctx.doc)
    inq, attribution = ctx.region_of_token, ctx.lex.attribution
    for i in range(len(t.pos)):
        if i in inq or not _candidate_at(t, i):
            continue
        pos = "NOUN" if t.pos[i] == "NOUN" else "VERB"
        if attribution(t.lemma[i], pos) is None:
            continue  # perception and action words never cue a quote
        ids.append(i)
        feats.append(np.fromiter(hashed(cue_features(ctx, i)), dtype=np.int64))
    tensor = ctx.doc.tensor
    if ids and tensor is not None and tensor.ndim == 2 and tensor.shape[0] == len(ctx.doc) \
            and tensor.shape[1] == TENSOR:
        mat = np.asarray(tensor[ids], dtype=np.float32)
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


def content_candidates(ctx, tok: Token, rule_span: tuple[int, int] | None = None
                       ) -> list[Candidate]:
    doc = ctx.doc
    t = tokens(doc)
    i = tok.i
    children, dep, head = t.children, t.dep, t.head
    starts, ends = sent_bounds(doc)
    s_start, s_end = starts[i], ends[i]
    raw: list[tuple[str, list[int]]] = []
    objs = [c for c in children[i] if dep[c] in ("dobj", "dative")]
    for c in children[i]:
        side = "R" if c > i else "L"
        d = dep[c]
        if d in CLAUSAL:
            raw.append((d + side, t.subtree(c)))
        if d == "xcomp" and objs:
            raw.append(("objx" + side, [x for o in objs for x in t.subtree(o)] + t.subtree(c)))
        if d in ("prep", "agent"):
            raw.append(("prep" + side, t.subtree(c)))  # "responded by ...", "ask for X"
            for g in children[c]:
                if dep[g] in ("pobj", "pcomp"):
                    raw.append(("pobj" + side, t.subtree(g)))
                    raw.append(("pext" + side, list(range(doc[g].left_edge.i, s_end))))
    for kind, toks in list(raw):  # one level down: "went to discuss X", "pointed out X"
        ids = set(toks)
        top = next((x for x in toks if head[x] not in ids or head[x] == x), None)
        for g in children[top] if top is not None else ():
            if dep[g] in ("ccomp", "xcomp", "dobj", "pobj", "pcomp"):
                raw.append((kind + "/" + dep[g], t.subtree(g)))
            elif dep[g] == "prep":
                raw += [(kind + "/pobj", t.subtree(x)) for x in children[g]
                        if dep[x] in ("pobj", "pcomp")]
    if head[i] != i and dep[i] in ("parataxis", "ccomp", "advcl", "conj", "dep"):
        mine = set(t.subtree(i))
        raw.append(("head" + ("L" if head[i] < i else "R"),
                    [x for x in t.subtree(head[i]) if x not in mine]))
    if t.lower[i] == "according":
        to = i + 1 if i + 1 < len(doc) else i
        phrase = set(t.subtree(i)) | set(t.subtree(to))
        raw.append(("accL", [x for x in range(s_start, s_end) if x not in phrase and x < i]))
        raw.append(("accR", [x for x in range(s_start, s_end) if x not in phrase and x > i]))
    right = list(range(i + 1, s_end))
    raw.append(("restR", right))
    if right and t.lower[right[0]] in ("that", "to", "for", ":"):
        raw.append(("restR1", right[1:]))
    subj = [c for c in children[i] if dep[c] in SUBJECTS and c < i]
    left_end = doc[subj[0]].left_edge.i if subj else i
    raw.append(("restL", list(range(s_start, left_end))))
    out: dict[tuple[int, int], Candidate] = {}
    para = ctx.para
    here = para[i]
    for kind, toks in raw:
        toks = [x for x in toks if para[x] == here and x != i]
        if not toks:
            continue
        span = _span_of(t, toks)
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


def _span_of(t: Tokens, toks: list[int]) -> tuple[int, int]:
    """``Context.span_of`` on token indices: the character span of the tokens without
    the punctuation and space at their ends (quotation marks and brackets stay)."""
    toks = sorted(toks)
    a, b = 0, len(toks)
    punct, space, text = t.is_punct, t.is_space, t.text
    while b > a and (punct[toks[b - 1]] and text[toks[b - 1]] not in "\"”’'»)"
                     or space[toks[b - 1]]):
        b -= 1
    while b > a and (punct[toks[a]] and text[toks[a]] not in "\"“‘'«(" or space[toks[a]]):
        a += 1
    if a == b:
        return 0, 0
    return t.idx[toks[a]], t.end(toks[b - 1])


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
        t = tokens(ctx.doc)
        found = t.char_range(ctx.doc, span[0], span[1])
        out = []
        if found is not None:
            for (lo, hi), feats in trims_at(ctx, found[0], found[1]):
                cut = _span_of(t, list(range(lo, hi)))
                if cut[1] - cut[0] >= 2 and cut != span:
                    out.append((cut, feats))
        cache[span] = out
    return cache[span]


def _variants_uncached(ctx, span: tuple[int, int]) -> list[tuple[tuple[int, int], list[str]]]:
    out = [(span, [])]
    doc, text = ctx.doc, ctx.text
    t = tokens(doc)
    last = t.char_range(doc, span[0], span[1])
    if last is None or last[1] <= last[0]:
        return out
    end_i = last[1] - 1
    n = len(doc)
    if end_i + 1 >= n:
        return out
    nxt = end_i + 1
    starts, ends = sent_bounds(doc)
    if t.text[nxt] in (".", "?", "!") and starts[nxt] == starts[end_i]:
        out.append(((span[0], t.end(nxt)), ["+stop"]))
        tail = ends[nxt]
        stop_at = tail  # paragraph numbers only grow: the run of the cue's paragraph
        para = ctx.para
        if stop_at < n and para[stop_at] == para[end_i]:
            stop_at = bisect.bisect_right(para, para[end_i], stop_at)
        alpha = _counts(ctx)[0]
        if alpha[stop_at] > alpha[tail]:
            stop = stop_at - 1
            while stop > tail and (t.is_space[stop] or t.text[stop] in ("\n",)):
                stop -= 1
            e = t.end(stop)
            if e > t.idx[nxt] and text[t.idx[nxt]:e].count(".") <= 4:
                out.append(((span[0], e), ["+para"]))
    return out


def _content_features(ctx, tok: Token, c: Candidate, n: int) -> list[str]:
    t = tokens(ctx.doc)
    i = tok.i
    lemma, pos, dep = t.lemma[i], t.pos[i], t.dep[i]
    kinds = [f[2:] for f in c.features if f.startswith("k=")]
    f = ["b"] + list(c.features)
    for k in kinds:
        f += ["lk=" + lemma + "|" + k, "pk=" + pos + "|" + k, "dk=" + dep + "|" + k]
    facts = _span_facts(ctx, c.span)
    if facts is None:
        return f + ["nospan"]
    f += facts.words
    starts, ends = sent_bounds(ctx.doc)
    f.append("sos" if facts.start <= starts[i] else "mid")
    f.append("eos" if facts.end - 1 >= ends[i] - 2 or facts.after is None
             else facts.after)
    f += facts.marks
    if facts.start <= i < facts.end:
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
    t = tokens(doc)
    span = t.char_range(doc, char_span[0], char_span[1])
    if span is None or span[1] <= span[0]:
        return None
    starts = sent_bounds(doc)[0]
    a, b = span
    first, last = a, b - 1
    alpha, inq, verbs = _counts(ctx)
    words = ["len=" + str(min(alpha[b] - alpha[a], 40) // 4),
             "f=" + t.lower[first], "fp=" + t.pos[first], "e=" + t.lower[last],
             "ep=" + t.pos[last], "fd=" + t.dep[first]]
    after = last + 1 if last + 1 < len(doc) else None
    facts = _SpanFacts(a, b, words, None if after is None or starts[after] == after
                       else "a=" + t.lower[after])
    if starts[b - 1] > a:  # a sentence starts inside the span
        facts.marks.append("multisent")
    if TOP_WORD:
        facts.words += _top_word(ctx, t, a, b)
    facts.marks += edge_features_at(ctx, a, b)
    quoted = inq[b] - inq[a]
    if quoted:
        facts.marks.append("hasq" if quoted < b - a else "allq")
    facts.verbs = "verbs=" + str(min(verbs[b] - verbs[a], 3))
    return facts


#: name a candidate's top word and its cue class ("went on to discuss X", "expressed
#: concern about X", "refused to disclose X": the gold cue runs to the last reporting
#: word, the content starts after it)
TOP_WORD = True


def _top_word(ctx, t: Tokens, a: int, b: int) -> list[str]:
    """Features of the highest word of tokens ``a:b`` in the parse: its lemma, its part of
    speech with its cue class (or cue kind, or "-"), and whether the span starts with it."""
    head = t.head
    top = next((x for x in range(a, b) if not a <= head[x] < b or head[x] == x), None)
    if top is None:
        return []
    lemma, pos = t.lemma[top], t.pos[top]
    coarse = "NOUN" if pos == "NOUN" else "VERB"
    cue = ctx.lex.get(lemma, coarse)
    lex = ctx.lex.classes.get((lemma, coarse)) or (cue.kind if cue else "-")
    return ["tl=" + lemma, "tlex=" + pos + "|" + lex, "tfirst=" + str(top == a)]


def _counts(ctx) -> tuple[list[int], list[int], list[int]]:
    """Per token index i, how many tokens before i are alphabetic, in quotation marks,
    and verbs or auxiliaries (prefix counts, once per article)."""
    counts = ctx.__dict__.get("_counts")
    if counts is None:
        t = tokens(ctx.doc)
        inq = ctx.region_of_token
        n = len(t.pos)
        alpha, quoted, verbs = [0] * (n + 1), [0] * (n + 1), [0] * (n + 1)
        na = nq = nv = 0
        for x, (al, pos) in enumerate(zip(t.is_alpha, t.pos, strict=True)):
            alpha[x], quoted[x], verbs[x] = na, nq, nv
            na += al
            nq += x in inq
            nv += pos == "VERB" or pos == "AUX"
        alpha[n], quoted[n], verbs[n] = na, nq, nv
        counts = ctx.__dict__["_counts"] = (alpha, quoted, verbs)
    return counts


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
