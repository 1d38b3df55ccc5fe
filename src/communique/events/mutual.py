"""Reciprocal fights: "clashes between X and Y", "infighting between rebels".

A fight listed in ``data/mutual.csv`` is waged by both sides on each other. Its "between"
(or "among") phrase gives both: the first party the actor, the others the recipients; one
plural party ("infighting between rebels") is on both sides. A word that alone says the
fight is inside one side (``within=yes``: "infighting by local rebel forces") makes its
actor the recipient too. Such an event keeps a recipient equal to its actor, which the
record otherwise drops.
"""

from __future__ import annotations

from functools import cache

from . import syntax as sx
from .candidate import Candidate
from .plover import _rows
from .resolve import Coder

POS = {"noun": "NOUN", "verb": "VERB"}


@cache
def mutual_words() -> dict[tuple[str, str], bool]:
    """(lemma, part of speech) -> whether the word alone puts both sides in one actor."""
    return {(r["lemma"].strip().lower(), POS[r["pos"].strip()]): r["within"].strip() == "yes"
            for r in _rows("mutual.csv")}


def mutual(c: Coder, k: Candidate) -> bool:
    """Give a reciprocal fight both its sides; True when the actor is its own recipient
    (one side fighting within itself or among its own)."""
    if k.type != "ASSAULT":
        return False
    within = mutual_words().get((k.tok.lemma_.lower(), k.tok.pos_))
    if within is None:
        return False
    heads = sx.preps(k.tok, {"between", "among"})
    parties = [hit for h in heads for hit in c.resolve(h, k.path, "actor")]
    ids = list(dict.fromkeys(i for i, _ in parties))
    if len(ids) >= 2 and (not k.actors or set(k.actors) <= set(ids)):
        k.path.append("a fight between parties: the first the actor, the others recipients")
        k.actors, k.recipients = ids[:1], ids[1:]
        k.actor_heads = [t for i, t in parties if i == ids[0]][:1]
        k.recipient_heads = [t for i, t in parties if i != ids[0]]
        return False
    if len(ids) == 1 and (not k.actors or k.actors == ids) and not k.recipients:
        k.path.append("a fight among one plural party: it is on both sides")
        k.actors, k.recipients = list(ids), list(ids)
        k.actor_heads = [t for _, t in parties][:1]
        return True
    if within and k.actors and not k.recipients:
        k.path.append("infighting: the actor fights within itself")
        k.recipients = list(k.actors)
        return True
    return False
