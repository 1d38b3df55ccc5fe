"""Who aid or a sanction is for, when the trigger's own arguments do not say
("Germany provided 6.3 million euros to support projects which benefit REFUGEES in
Syria", "the UN suspended aid deliveries in BORNO", "gave 352.5 million euros to promote
development in ETHIOPIA"): PLOVER requires a recipient for these types, and news often
puts it inside what is given, in a purpose clause or in the place it goes to.

Types with the ``beneficiary`` flag of ``data/type_policy.csv`` that have an actor and no
recipient after the argument pass take the first actor or named place after the trigger
in its own phrase (its subtree, without the actor's phrase): the object of a preposition
or a clause's object or subject."""

from __future__ import annotations

from spacy.tokens import Token

from .candidate import Candidate
from .policy import BENEFICIARY_TYPES
from .resolve import Coder
from .take import _take

#: the positions of a phrase that can name whom aid or a sanction is for
ROLES = {"pobj", "dobj", "nsubj", "nsubjpass", "dative"}
PLACES = {"GPE", "LOC", "NORP"}


def beneficiary(c: Coder, cand: Candidate) -> None:
    """The recipient of an aid or sanction candidate from inside its own phrase."""
    if cand.recipients or not cand.actors or cand.type not in BENEFICIARY_TYPES:
        return
    tok = cand.tok
    inside = {t.i for h in cand.actor_heads for t in h.subtree}
    for t in tok.subtree:
        if t.i <= tok.i or t.i in inside or t.dep_ not in ROLES:
            continue
        if _beneficiary_like(c, t) and _take(c, cand, [t], "recipient", "beneficiary"):
            cand.path.append(f"recipient: '{t.text}' inside the phrase of '{tok.text}'")
            return


def _beneficiary_like(c: Coder, t: Token) -> bool:
    if t.ent_type_ in ("MONEY", "DATE", "TIME", "PERCENT", "QUANTITY", "CARDINAL"):
        return False
    return c.label(t) in PLACES or c.actor_like(t)
