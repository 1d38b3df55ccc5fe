"""Shorter versions of a content candidate, for the content model to rank.

A clause read off the parse often carries the writer's words at its edges: a trailing
relative clause, participle or appositive after a comma or dash ("..., who is 70", "...,
forcing them to dump their loads", "... — lambasting Trump's plan"), a coordinated clause
the cue does not report ("... and said she would stand up to it"), or a connective or
introductory phrase in front ("And ...", "In addition, ...", "WASHINGTON ― ..."). Each cut
point yields one variant, with features saying what was cut; whether to cut is learned.
"""

from __future__ import annotations

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


def _cut_head(t, ids: list[int]) -> str:
    """The dependency of the cut-off part's top word ("relcl", "advcl", "appos", "conj")."""
    inside = set(ids)
    alpha, head = t.is_alpha, t.head
    top = next((x for x in ids if alpha[x] and (head[x] not in inside or head[x] == x)),
               None)
    return t.dep[top] if top is not None else "-"


def edge_features(ctx, toks: list[Token]) -> list[str]:
    """What a candidate carries at its edges (the same facts its trims would cut), so the
    model can weigh the long span against its shorter versions."""
    return _edges(_trims_ids(ctx, [x.i for x in toks]))


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
    return [(toks[lo:hi], feats) for (lo, hi), feats in _trims_ids(ctx, [x.i for x in toks])]


def trims_at(ctx, a: int, b: int) -> list[tuple[tuple[int, int], list[str]]]:
    """:func:`trims` of the tokens ``a:b`` of ``ctx.doc``, as token ranges (once per
    range and article; do not change the lists)."""
    cache = ctx.__dict__.setdefault("_trims_at", {})
    key = (a, b)
    found = cache.get(key)
    if found is None:
        found = cache[key] = [((a + lo, a + hi), feats) for (lo, hi), feats
                              in _trims_ids(ctx, list(range(a, b)))]
    return found


def _trims_ids(ctx, ids: list[int]) -> list[tuple[tuple[int, int], list[str]]]:
    """The cuts of the tokens ``ids``: (kept positions ``lo:hi`` in ``ids``, features)."""
    out: list[tuple[tuple[int, int], list[str]]] = []
    n = len(ids)
    if n < 4:
        return out
    t = tokens(ctx.doc)
    text, dep, lower, pos, head, alpha = t.text, t.dep, t.lower, t.pos, t.head, t.is_alpha
    inq = ctx.region_of_token
    # tail cuts: at a comma, semicolon or dash, or before "and"/"but" joining a clause
    cuts: list[tuple[int, list[str]]] = []
    words = 0
    for k, x in enumerate(ids):
        if k + 1 < n and words >= MIN_WORDS and x not in inq:
            nxt = ids[k + 1]
            tx = text[x]
            if tx in CUT_PUNCT:
                kind = "dash" if tx in DASHES else ("semi" if tx == ";" else "comma")
                cuts.append((k, ["cut", "cutp=" + kind, "cut=" + _sig(t, nxt),
                                 "cutd=" + dep[nxt], "cutpd=" + kind + "|" + dep[nxt]]))
            elif dep[x] == "cc" and lower[x] in ("and", "but") and pos[head[x]] in (
                    "VERB", "AUX") and any(dep[c] == "conj" and pos[c] in ("VERB", "AUX")
                                          and c > x for c in t.children[head[x]]):
                cuts.append((k, ["cut", "cutp=cc", "cut=" + lower[x],
                                 "cutcc=" + dep[head[x]]]))
        if alpha[x]:
            words += 1
    for rank, (k, feats) in enumerate(reversed(cuts[-MAX_CUTS:])):
        if sum(alpha[x] for x in ids[:k]) >= MIN_WORDS:
            h = _cut_head(t, ids[k + 1:])
            out.append(((0, k), [*feats, "cutr=" + str(rank), "cuth=" + h,
                                 "cuthp=" + feats[1][5:] + "|" + h]))
    # lead cuts: a connective, or an introductory phrase up to a comma or dash
    first = ids[0]
    if lower[first] in CONNECTIVES and dep[first] in ("cc", "advmod"):
        out.append(((1, n), ["lead", "lead=" + lower[first]]))
    for k, x in enumerate(ids[1:8], 1):
        if x in inq or k + 1 >= n:
            break
        tx = text[x]
        if tx in (",",) or tx in DASHES or tx == "―":
            if any(dep[c] in ("nsubj", "nsubjpass") for c in ids[:k]):
                break  # a clause of its own, not an introduction
            out.append(((k + 1, n), ["lead", "leadp=" + ("dash" if tx != "," else "comma"),
                                     "lead=" + _sig(t, first), "leadd=" + dep[first]]))
            break
    return out
