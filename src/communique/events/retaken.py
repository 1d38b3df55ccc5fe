"""Retaken ground: the recipient of "regained control of T" is the side that held T.

A retaking (``data/retake.csv``, role ``retake``) whose recipient is only the place taken,
or none, is done to the side holding the place when the article says who that is: a
holder participle on the place ("the ISIS-held town", "REBEL-controlled areas"), else the
latest earlier taking of the same named place ("Isis captured Palmyra", "Qaryatain fell to
Isis").
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from . import syntax as sx
from .candidate import Candidate
from .plover import _rows
from .resolve import Coder


@cache
def roles() -> dict[str, str]:
    return {r["lemma"].strip().lower(): r["role"].strip() for r in _rows("retake.csv")}


def _target(tok: Token) -> Token | None:
    """The ground retaken: the object or passive subject, through "control of"."""
    t = sx.direct_object(tok)
    if t is not None and t.lemma_.lower() == "control":
        of = sx.preps(t, {"of"})
        t = of[0] if of else None
    return t


def _held_by(t: Token) -> Token | None:
    """The holder in a holder participle on the place or its "of" name ("the Isis-held
    town of Palmyra"): the word before the hyphen."""
    for n in [t, t.head if t.dep_ == "pobj" and t.head.lower_ == "of" else None]:
        if n is None:
            continue
        for ch in n.children:
            if ch.dep_ == "amod" and roles().get(ch.lemma_.lower()) == "hold":
                a = sx.hyphen_agent(ch)
                if a is not None:
                    return a
    return None


def _name(t: Token) -> str:
    """The proper name of a place phrase ("the town of PALMYRA", "PALMYRA"), or ""."""
    of = sx.preps(t, {"of"})
    n = of[0] if t.pos_ != "PROPN" and of else t
    return n.text.lower() if n.pos_ == "PROPN" else ""


def _earlier_taker(t: Token) -> Token | None:
    """Who took the same named place before: "X captured T", "T was seized by X", "T fell
    to X" (latest first)."""
    name = _name(t)
    if not name:
        return None
    for v in reversed(t.doc[: t.sent.start]):
        role = roles().get(v.lemma_.lower())
        if v.pos_ != "VERB" or role not in ("take", "retake"):
            continue
        if v.lemma_.lower() == "fall":
            subj = next((ch for ch in v.children if ch.dep_ == "nsubj"), None)
            taker = (sx.preps(v, {"to"}) or [None])[0]
        else:
            subj = sx.direct_object(v)
            taker = sx.agent_of(v) if sx.is_passive(v) else sx.subject(v)[0]
        if subj is not None and taker is not None and _name(subj) == name:
            return taker
    return None


def held_recipient(c: Coder, k: Candidate) -> None:
    """Make the holder of retaken ground the recipient (see the module doc)."""
    if k.type != "ASSAULT" or roles().get(k.tok.lemma_.lower()) != "retake" or \
            k.tok.pos_ != "VERB":
        return
    t = _target(k.tok)
    if t is None:
        return
    ground = {x.i for x in t.subtree}
    if any(h.i not in ground for h in k.recipient_heads):
        return  # a side other than the ground is already the recipient
    holder = _held_by(t)
    how = "the holder participle of the place"
    if holder is None:
        holder, how = _earlier_taker(t), "the side that took the place earlier"
    if holder is None:
        return
    hits = [h for h in c.resolve(holder, k.path, "recipient")
            if h[0] not in k.actors and not c._place(h[0])]
    if hits:
        k.path.append(f"retaken ground: the recipient is {how}")
        k.recipients = list(dict.fromkeys(i for i, _ in hits))
        k.recipient_heads = [tok for _, tok in hits]
