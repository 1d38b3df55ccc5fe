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


def _sig(tok: Token) -> str:
    return tok.lower_ if tok.lower_ in NAMED else tok.tag_


def _cut_head(toks: list[Token]) -> str:
    """The dependency of the cut-off part's top word ("relcl", "advcl", "appos", "conj")."""
    ids = {t.i for t in toks}
    top = next((t for t in toks if t.is_alpha and (t.head.i not in ids or t.head.i == t.i)),
               None)
    return top.dep_ if top is not None else "-"


def edge_features(ctx, toks: list[Token]) -> list[str]:
    """What a candidate carries at its edges (the same facts its trims would cut), so the
    model can weigh the long span against its shorter versions."""
    found = trims(ctx, toks)
    out = []
    tails = [f for t, f in found if "cut" in f]
    if tails:
        last = tails[0]  # nearest the end
        out += ["tail" + f[3:] for f in last if f.startswith(("cutp=", "cut=", "cuth="))]
    else:
        out.append("notail")
    leads = [f for t, f in found if "lead" in f]
    for f in leads:
        out += ["has" + x for x in f if x.startswith(("lead=", "leadp="))]
    return out


def trims(ctx, toks: list[Token]) -> list[tuple[list[Token], list[str]]]:
    """(shorter token list, features) for each cut of ``toks`` (a sorted, contiguous
    candidate). Never cuts inside quotation marks."""
    out: list[tuple[list[Token], list[str]]] = []
    n = len(toks)
    if n < 4:
        return out
    inq = ctx.region_of_token
    # tail cuts: at a comma, semicolon or dash, or before "and"/"but" joining a clause
    cuts: list[tuple[int, list[str]]] = []
    words = 0
    for k, t in enumerate(toks):
        if k + 1 < n and words >= MIN_WORDS and t.i not in inq:
            nxt = toks[k + 1]
            if t.text in CUT_PUNCT:
                kind = "dash" if t.text in DASHES else ("semi" if t.text == ";" else "comma")
                cuts.append((k, ["cut", "cutp=" + kind, "cut=" + _sig(nxt),
                                 "cutd=" + nxt.dep_, "cutpd=" + kind + "|" + nxt.dep_]))
            elif t.dep_ == "cc" and t.lower_ in ("and", "but") and t.head.pos_ in (
                    "VERB", "AUX") and any(c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")
                                          and c.i > t.i for c in t.head.children):
                cuts.append((k, ["cut", "cutp=cc", "cut=" + t.lower_,
                                 "cutcc=" + t.head.dep_]))
        if t.is_alpha:
            words += 1
    for rank, (k, feats) in enumerate(reversed(cuts[-MAX_CUTS:])):
        head = toks[:k]
        if sum(t.is_alpha for t in head) >= MIN_WORDS:
            h = _cut_head(toks[k + 1:])
            out.append((head, [*feats, "cutr=" + str(rank), "cuth=" + h,
                               "cuthp=" + feats[1][5:] + "|" + h]))
    # lead cuts: a connective, or an introductory phrase up to a comma or dash
    first = toks[0]
    if first.lower_ in CONNECTIVES and first.dep_ in ("cc", "advmod"):
        out.append((toks[1:], ["lead", "lead=" + first.lower_]))
    for k, t in enumerate(toks[1:8], 1):
        if t.i in inq or k + 1 >= n:
            break
        if t.text in (",",) or t.text in DASHES or t.text == "―":
            intro = toks[:k]
            if any(c.dep_ in ("nsubj", "nsubjpass") for c in intro):
                break  # a clause of its own, not an introduction
            out.append((toks[k + 1:], ["lead", "leadp=" + ("dash" if t.text != "," else
                                                            "comma"),
                                       "lead=" + _sig(first), "leadd=" + first.dep_]))
            break
    return out
