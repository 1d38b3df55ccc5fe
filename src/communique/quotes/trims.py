"""Shorter versions of a content candidate, for the content model to rank.

A clause read off the parse often carries the writer's words at its edges: a trailing
relative clause, participle or appositive after a comma or dash ("..., who is 70", "...,
forcing them to dump their loads", "... — lambasting Trump's plan"), a coordinated clause
the cue does not report ("... and said she would stand up to it"), or a connective or
introductory phrase in front ("And ...", "In addition, ...", "WASHINGTON ― ..."). Each cut
point yields one variant, with features saying what was cut; whether to cut is learned.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.tokens import Token

from ..parsed import tokens

#: punctuation a content may be cut at (the cut drops it and what follows)
CUT_PUNCT = {",", ";", "—", "―", "–", "--", "-"}
DASHES = {"—", "―", "–", "--", "-"}
#: words worth naming in a cut feature (otherwise the tag of the word after the cut)
NAMED = {"which", "who", "whom", "whose", "where", "when", "while", "but", "and", "or",
         "including", "as", "although", "though", "because", "according", "after",
         "before", "since", "saying", "adding", "even", "not", "if", "so", "a", "the"}
CONNECTIVES = {"and", "but", "so", "yet", "or", "still", "also", "now", "then", "meanwhile"}
#: at most this many tail cuts per span (the last ones: nearest the span's end)
MAX_CUTS = 4
MIN_WORDS = 2


def _sig(t, x: int) -> str:
    low = t.lower[x]
    return low if low in NAMED else t.tag[x]


def _cut_head(t, lo: int, hi: int) -> str:
    """The dependency of the cut-off part's (tokens ``lo:hi``) top word ("relcl", "advcl",
    "appos", "conj")."""
    alpha, head = t.is_alpha, t.head
    top = next((x for x in range(lo, hi) if alpha[x] and (not lo <= head[x] < hi
                                                         or head[x] == x)), None)
    return t.dep[top] if top is not None else "-"


def edge_features(ctx, toks: list[Token]) -> list[str]:
    """What a candidate carries at its edges (the same facts its trims would cut), so the
    model can weigh the long span against its shorter versions."""
    return _edges(trims(ctx, toks))


def edge_features_at(ctx, a: int, b: int) -> list[str]:
    """:func:`edge_features` of the tokens ``a:b`` of ``ctx.doc``."""
    return _edges(trims_at(ctx, a, b))


def _edges(found) -> list[str]:
    out = []
    tails = [f for _, f in found if "cut" in f]
    if tails:
        last = tails[0]  # nearest the end
        out += ["tail" + f[3:] for f in last if f.startswith(("cutp=", "cut=", "cuth="))]
    else:
        out.append("notail")
    leads = [f for _, f in found if "lead" in f]
    for f in leads:
        out += ["has" + x for x in f if x.startswith(("lead=", "leadp="))]
    return out


def trims(ctx, toks: list[Token]) -> list[tuple[list[Token], list[str]]]:
    """(shorter token list, features) for each cut of ``toks`` (a sorted, contiguous
    candidate). Never cuts inside quotation marks."""
    if not toks:
        return []
    a = toks[0].i
    if [x.i for x in toks] != list(range(a, a + len(toks))):
        raise ValueError("trims: the tokens must be contiguous and sorted")
    return [(toks[lo - a:hi - a], feats) for (lo, hi), feats in trims_at(ctx, a, a + len(toks))]


def trims_at(ctx, a: int, b: int) -> list[tuple[tuple[int, int], list[str]]]:
    """:func:`trims` of the tokens ``a:b`` of ``ctx.doc``, as token ranges (once per
    range and article; do not change the lists)."""
    cache = ctx.__dict__.setdefault("_trims_at", {})
    key = (a, b)
    found = cache.get(key)
    if found is None:
        found = cache[key] = _trims_range(ctx, a, b)
    return found


@dataclass(slots=True)
class _Doc:
    """Per article: the tail cut points (token, features) in token order, and the number
    of alphabetic tokens before each token."""

    points: list[int]
    feats: list[list[str]]
    alpha_before: list[int]


def _doc_facts(ctx) -> _Doc:
    facts = ctx.__dict__.get("_trim_facts")
    if facts is None:
        t = tokens(ctx.doc)
        text, dep, lower, pos, head = t.text, t.dep, t.lower, t.pos, t.head
        inq = ctx.region_of_token
        n = len(text)
        points, feats = [], []
        # tail cuts: at a comma, semicolon or dash, or before "and"/"but" joining a clause
        for x in range(n - 1):
            if x in inq:
                continue
            nxt = x + 1
            tx = text[x]
            if tx in CUT_PUNCT:
                kind = "dash" if tx in DASHES else ("semi" if tx == ";" else "comma")
                points.append(x)
                feats.append(["cut", "cutp=" + kind, "cut=" + _sig(t, nxt),
                              "cutd=" + dep[nxt], "cutpd=" + kind + "|" + dep[nxt]])
            elif dep[x] == "cc" and lower[x] in ("and", "but") and pos[head[x]] in (
                    "VERB", "AUX") and any(dep[c] == "conj" and pos[c] in ("VERB", "AUX")
                                          and c > x for c in t.children[head[x]]):
                points.append(x)
                feats.append(["cut", "cutp=cc", "cut=" + lower[x], "cutcc=" + dep[head[x]]])
        alpha_before = [0] * (n + 1)
        k = 0
        for x, al in enumerate(t.is_alpha):
            alpha_before[x] = k
            k += al
        alpha_before[n] = k
        facts = ctx.__dict__["_trim_facts"] = _Doc(points, feats, alpha_before)
    return facts


def _trims_range(ctx, a: int, b: int) -> list[tuple[tuple[int, int], list[str]]]:
    """The cuts of the tokens ``a:b``: (the kept token range, features)."""
    out: list[tuple[tuple[int, int], list[str]]] = []
    if b - a < 4:
        return out
    t = tokens(ctx.doc)
    dep, lower = t.dep, t.lower
    facts = _doc_facts(ctx)
    before = facts.alpha_before
    # the last MAX_CUTS cut points inside the span (not its last token) after MIN_WORDS
    # words, nearest the end first
    points = facts.points
    j = bisect.bisect_right(points, b - 2) - 1
    rank = 0
    while j >= 0 and rank < MAX_CUTS:
        x = points[j]
        if x < a:
            break
        if before[x] - before[a] >= MIN_WORDS:
            feats = facts.feats[j]
            h = _cut_head(t, x + 1, b)
            out.append(((a, x), [*feats, "cutr=" + str(rank), "cuth=" + h,
                                 "cuthp=" + feats[1][5:] + "|" + h]))
            rank += 1
        j -= 1
    # lead cuts: a connective, or an introductory phrase up to a comma or dash
    inq = ctx.region_of_token
    text = t.text
    first = a
    if lower[first] in CONNECTIVES and dep[first] in ("cc", "advmod"):
        out.append(((a + 1, b), ["lead", "lead=" + lower[first]]))
    for x in range(a + 1, min(a + 8, b)):
        if x in inq or x + 1 >= b:
            break
        tx = text[x]
        if tx in (",",) or tx in DASHES or tx == "―":
            if any(dep[c] in ("nsubj", "nsubjpass") for c in range(a, x)):
                break  # a clause of its own, not an introduction
            out.append(((x + 1, b), ["lead", "leadp=" + ("dash" if tx != "," else "comma"),
                                     "lead=" + _sig(t, first), "leadd=" + dep[first]]))
            break
    return out
