"""The "of" phrase of a nominal attack: the attacker or the attacked, by the head noun.

"The siege of Aleppo" and "the bombardment of civilians" are done to what follows "of";
"the attack of the Turkish army" and "the advance of government troops" are done by it.
Nouns of the second kind are listed in ``data/agent_of.csv``; their "of" phrase is the
actor when it names an armed force (a military, rebel or police actor, a force noun), so
"an attack of the town" keeps the town as the recipient.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from . import syntax as sx
from .plover import _rows
from .resolve import Coder


@cache
def agent_of_nouns() -> frozenset[str]:
    return frozenset(r["lemma"].strip().lower() for r in _rows("agent_of.csv"))


def of_agent(c: Coder, tok: Token) -> list[Token]:
    """The armed forces of a listed attack noun's "of" phrase ("the attack OF THE ARMY"),
    none for other nouns or other "of" phrases."""
    if tok.lemma_.lower() not in agent_of_nouns():
        return []
    return [p for p in sx.preps(tok, {"of"}) if c.armed_like(p) and c.label(p) not in (
        "GPE", "LOC", "FAC")]
