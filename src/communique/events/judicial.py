"""Judicial sanctions: who sentences, charges or tries whom.

A nominal legal act ("serving a jail SENTENCE", "faces CHARGES of", "was put on TRIAL")
is carried by a verb of ``data/judicial.csv``: the subject of a receiver verb undergoes it
(the recipient); a placer verb's subject does it to the verb's object. The actor, when the
parse gives none, is the court that acts, or the state whose court it is: a "by" phrase
the small model hangs on the charge instead of the verb ("convicted of murder BY A
BRITISH COURT"), else the state the act takes place in ("a jail sentence IN TURKEY").
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from . import syntax as sx
from .candidate import Candidate
from .match import governing_verb
from .plover import _rows
from .resolve import Coder


@cache
def carriers() -> dict[str, str]:
    """Verb lemma -> ``receiver`` or ``placer``."""
    return {r["lemma"].strip().lower(): r["side"].strip() for r in _rows("judicial.csv")}


def _ids(c: Coder, k: Candidate, heads: list[Token], role: str) -> list[tuple[int, Token]]:
    return [hit for h in heads if h is not None for hit in c.resolve(h, k.path, role)]


def _court(c: Coder, k: Candidate, nodes: list[Token]) -> list[tuple[int, Token]]:
    """The court or state that acts: a "by" phrase on the trigger, its carrier verb or an
    object of their prepositions ("convicted of murder by a court"), else an "in" phrase
    naming a state ("a sentence in Turkey")."""
    by: list[Token] = []
    for n in nodes:
        by += sx.preps(n, {"by"})
        for p in sx.preps(n, {"of", "for", "on", "over"}):
            by += sx.preps(p, {"by"})
    hits = _ids(c, k, by, "actor")
    if hits:
        return hits
    places = [p for n in nodes for p in sx.preps(n, {"in"}) if p.ent_type_ == "GPE"]
    return _ids(c, k, places, "actor")


def legal_sides(c: Coder, k: Candidate) -> None:
    """Fill the missing sides of a legal act (rows with the ``legal`` context)."""
    if "legal" not in k.contexts or (k.actors and k.recipients):
        return
    nodes = [k.tok]
    gov = governing_verb(k.tok) if k.tok.pos_ == "NOUN" else None
    side = carriers().get(gov.lemma_.lower(), "") if gov is not None else ""
    if gov is not None and side:
        nodes.append(gov)
        if side == "receiver" and not k.recipients:
            subj, _ = sx.subject(gov)
            if subj is not None and subj in k.actor_heads:
                # the parse made the undergoer the actor ("X faces charges")
                k.actors, k.actor_heads = [], []
            hits = _ids(c, k, [subj], "recipient")
            if hits:
                k.path.append(f"a legal act '{gov.text}' by its subject: the recipient")
                k.recipients = list(dict.fromkeys(i for i, _ in hits))
                k.recipient_heads = [t for _, t in hits]
        elif side == "placer" and not k.recipients:
            obj = sx.direct_object(gov)
            dat = sx.children(gov, ("dative",))
            hits = _ids(c, k, dat or [obj], "recipient")
            if hits:
                k.path.append(f"a legal act '{gov.text}' on its object: the recipient")
                k.recipients = [i for i in dict.fromkeys(i for i, _ in hits)
                                if i not in k.actors]
                k.recipient_heads = [t for _, t in hits]
    if not k.actors:
        hits = [h for h in _court(c, k, nodes) if h[0] not in k.recipients]
        if hits:
            k.path.append("a legal act: the court, or the state it sits in, acts")
            k.actors = list(dict.fromkeys(i for i, _ in hits))
            k.actor_heads = [t for _, t in hits]
