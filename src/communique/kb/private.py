"""A private person of a stated nationality ("a Canadian woman", "a Polish truck
driver"): a nationality and nothing else known before a singular noun that names a
person with no sector of its own (``actors/data/person_words.csv``: relatives and
person nouns, and "man"/"woman") is a civilian of that country (sector CVL)."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from ..tables import data_rows
from .entries import ADJ, PEOPLE
from .normalize import Token

if TYPE_CHECKING:
    from .mention import Mod

__all__ = ["PRIVATE", "UNIDENTIFIED", "private_country"]

#: the sector of a private person
PRIVATE = "CVL"
#: the sector of armed people no body is named for ("gunmen"; resolver._sector)
UNIDENTIFIED = "UAF"


@functools.cache
def private_nouns() -> frozenset[str]:
    rows = data_rows("actors/data/person_words.csv")
    return frozenset(r["word"] for r in rows if r.get("kind") in ("kin", "person")) | {
        "man", "woman"}


def private_country(mods: list[Mod], toks: list[Token]) -> str | None:
    """The country of a private person of ``mods`` (one nationality) read from ``toks``
    (the phrase: the words after the nationality a lower-case noun phrase), else None."""
    if len(mods) != 1:
        return None
    ends = [i for i, t in enumerate(toks) if t is mods[0].toks[-1]]
    rest = toks[ends[0] + 1:] if ends else []
    if (not rest or rest[-1].key not in private_nouns()
            or not all(t.raw.islower() for t in rest)):
        return None
    m = mods[0]
    if m.entry.type not in (ADJ, PEOPLE) or m.no_country:
        return None
    return m.entry.ref if isinstance(m.entry.ref, str) else None
