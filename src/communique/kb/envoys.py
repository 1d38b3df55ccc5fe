"""Envoys named by their subject: "the UN envoy for Yemen", "the US ambassador to Israel".

An envoy office is held by several people at once ("envoy", "ambassador"), so the title
and its body alone name no one; the subject after "for"/"to"/"on" does. The holders'
offices carry it ("yemen envoy", "israel ambassador"): :func:`split_subject` cuts the
subject off the mention and names the offices to look up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .entries import ADJ, COUNTRY, ORG, PLACE
from .normalize import Token, key, surface

if TYPE_CHECKING:  # the knowledge base is passed in; only its type is named here
    from .base import KnowledgeBase

#: Title word before the subject -> the office noun the holders' offices use.
ENVOY_HEADS = {"envoy": "envoy", "representative": "envoy", "coordinator": "envoy",
               "rapporteur": "envoy", "negotiator": "envoy", "ambassador": "ambassador"}
SUBJECT_PREPS = frozenset({"for", "to", "on", "in"})
_SUBJECT_TYPES = frozenset({COUNTRY, ADJ, PLACE, ORG})


def split_subject(kb: KnowledgeBase, toks: list[Token], lower: bool
                  ) -> tuple[list[Token], list[str]] | None:
    """("the UN envoy" tokens, ["yemen envoy", ...]) for "the UN envoy for Yemen"; None
    when the mention does not end in an envoy title, a preposition and a known place."""
    for j in range(len(toks) - 2, 0, -1):
        if toks[j].key not in SUBJECT_PREPS:
            continue
        noun = ENVOY_HEADS.get(toks[j - 1].key)
        rest = toks[j + 1:]
        if rest and rest[0].key == "the" and len(rest) > 1:
            rest = rest[1:]
        if noun is None or not rest:
            return None
        length, entries = kb.match(rest, 0, lower_query=lower, types=_SUBJECT_TYPES)
        if length != len(rest):
            return None
        names = [key(surface(rest))]
        if entries[0].type in (COUNTRY, ADJ):
            names.append(key(kb.country_name(entries[0].ref)))
        offices = [f"{n} {noun}" for n in names] + [f"{noun} to {n}" for n in names]
        return toks[:j], list(dict.fromkeys(offices))
    return None
