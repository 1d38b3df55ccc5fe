"""The actor of an act whose own phrase names only its target: the active subject of the
nearest clause above it ("the SDF has borne the brunt of FIGHTING Isis", "Russia has
taken the lead in the CAMPAIGN against the rebels").

A clause that is itself an event, a report or a governing verb ("Turkey condemned attacks
on the Kurds", "officials said strikes on the town continued") does not lend its subject:
its subject speaks about the act, it does not do it. Passive subjects are patients, never
lent; only an object or a complement of "of"/"in" climbs (an adverbial "under the
occupation" is suffered, not done).
"""

from __future__ import annotations

from spacy.tokens import Token

from . import syntax as sx
from .candidate import Candidate
from .resolve import Coder
from .take import _take

#: how many heads up the clause may be
MAX_CLIMB = 4
#: the links an act may hang by below the clause that lends its subject: its object, or
#: the object of "of"/"in" on the object ("bore the brunt OF", "took part IN", "led the
#: campaign"); an adverbial ("languish UNDER the occupation") names no doer
CLIMB_DEPS = {"dobj", "pobj", "pcomp", "prep", "xcomp", "compound"}
CLIMB_PREPS = {"of", "in"}


def lend_subjects(c: Coder, cands: list[Candidate]) -> None:
    """Actorless candidates with a recipient take the active subject above them."""
    triggers = {k.tok.i for k in cands}
    for k in cands:
        if k.actors or not k.recipients or k.dropped:
            continue
        subj = _clause_subject(c, k.tok, triggers)
        if subj is None or subj in k.recipient_heads:
            continue
        if {i for i, _ in c.resolve(subj, [], "actor")} & set(k.recipients):
            continue  # the subject is the target itself
        _take(c, k, [subj], "actor", f"subject of the clause above, '{subj.head.text}'")


def _clause_subject(c: Coder, tok: Token, triggers: set[int]) -> Token | None:
    node = tok
    for _ in range(MAX_CLIMB):
        if node.dep_ not in CLIMB_DEPS or node.head.i == node.i or (
                node.dep_ == "prep" and node.lower_ not in CLIMB_PREPS):
            return None
        node = node.head
        if node.pos_ not in ("VERB", "AUX"):
            continue
        if node.i in triggers or c.roles_of(node):
            return None
        subj = next((ch for ch in node.children if ch.dep_ in sx.SUBJECTS), None)
        if subj is None:
            continue
        if subj.dep_ == "nsubjpass" or subj.lower_ in sx.RELATIVES or not c.actor_like(subj):
            return None
        return subj
    return None
