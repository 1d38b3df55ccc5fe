"""Words that say a phrase names a place (``data/place_words.csv``): prepositions ("in
Paris"), place nouns ("Homs province", "the town of Bakhmut") and further words ("the port
city of Hodeidah", "Hodeidah port")."""

from __future__ import annotations

from ..tables import data_rows
from .normalize import Token

__all__ = ["LOCAL_WORDS", "LOCATIVE", "PLACE_NOUNS", "PLACE_OF", "place_lead"]


def _words(kind: str) -> frozenset[str]:
    return frozenset(r["word"] for r in data_rows("kb/data/place_words.csv")
                     if r.get("kind") == kind)


LOCATIVE = _words("locative")
PLACE_NOUNS = _words("place_noun")
PLACE_OF = _words("place_of")
#: words that make an office a local one ("the provincial governor", "the town council's
#: head"): never the national holder
LOCAL_WORDS = _words("local")


def place_lead(toks: list[Token]) -> int:
    """How many words before a place's name say that it is one: "in", "from" (1), "the
    city of", "the port city of" (up to the "of"); 0 when none do."""
    if len(toks) > 1 and toks[0].key in LOCATIVE:
        return 1
    of = next((i for i, t in enumerate(toks) if t.key == "of"), 0)
    if 0 < of < len(toks) - 1 and all(t.key in PLACE_NOUNS | PLACE_OF for t in toks[:of]):
        return of + 1
    return 0
