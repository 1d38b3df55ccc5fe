""""The pair", "the two men", "both men": a phrase standing for two people named before.

News names two people together once ("Alexanda Kotey and El Shafee Elsheikh") and then
calls them "the pair" or "the two men". The actor stage leaves such a phrase a nameless
group; as an event argument it stands for the last two people the article coordinated
("X and Y") before it. Read by ``resolve.Coder`` for event arguments only.
"""

from __future__ import annotations

from spacy.tokens import Token

from . import syntax as sx

#: nouns that alone name two people ("the pair", "the duo")
PAIR_NOUNS = {"pair", "duo", "couple"}
#: people nouns that name two people with "two" or "both" ("the two men", "both brothers")
PEOPLE_NOUNS = {"man", "woman", "brother", "sister", "suspect", "defendant", "jihadist",
                "fighter", "militant", "britons", "briton", "national", "citizen"}
TWO = {"two", "both"}


def pair_phrase(h: Token) -> bool:
    """A head naming two people: "the pair", "the two (captured) men", "both men('s)"."""
    lem = h.lemma_.lower()
    if h.pos_ != "NOUN":
        return False
    if lem in PAIR_NOUNS:
        return h.tag_ == "NN" and any(ch.dep_ == "det" and ch.lower_ == "the"
                                      for ch in h.children) and not sx.preps(h, {"of"})
    return lem in PEOPLE_NOUNS and h.tag_ == "NNS" and any(
        ch.lower_ in TWO and ch.dep_ in ("nummod", "det", "predet", "amod")
        for ch in h.children)


def named_pair(index, h: Token) -> list[int] | None:
    """The actor ids of the two people ``h`` stands for: of the coordinations of exactly
    two named persons ("X and Y") before it, the one whose people the article mentions
    most (the story's pair, not two victims listed in passing), the latest on a tie;
    None when there is none."""
    doc = h.doc
    best: tuple[int, int, list[int]] | None = None
    for i in range(h.i):
        t = doc[i]
        if t.dep_ == "conj" or t.pos_ not in ("PROPN", "NOUN"):
            continue
        group = sx.conjuncts(t)
        if not 2 <= len(group) <= 3:
            continue
        ids: list[int] = []
        for q in group:  # "from London, X and Y" (a place misparsed into the list) too
            m = index.mention_at(q)
            if m is None or m.actor < 0 or m.label != "PERSON":
                continue
            if all(index.canonical(m.actor) != index.canonical(o) for o in ids):
                ids.append(m.actor)
        if len(ids) != 2:
            continue
        weight = sum(len(index.clusters[index.canonical(a)].mentions) for a in ids)
        if best is None or weight >= best[0]:
            best = (weight, i, ids)
    return best[2] if best else None
