"""Sector and country of an organisation the knowledge base does not know, from its name.

The words of the name give the sector (``data/org_sector_words.csv``: "... Medical
Society" MED, "Centre for ... Policy" EDU, "... Solidarity Campaign" NGO), and a
"<nationality> American" name ("the Chilean American Council") is an American
organisation, whatever the first nationality says.
"""

from __future__ import annotations

from ..tables import data_rows
from .index import ActorIndex

__all__ = ["org_sectors"]


def _rows() -> list[tuple[tuple[str, ...], str]]:
    return [(tuple(r["word"].lower().split()), r["sector"])
            for r in data_rows("actors/data/org_sector_words.csv") if r.get("word")]


SECTOR_WORDS = _rows()


def _has(words: list[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(tuple(words[i:i + n]) == phrase for i in range(len(words) - n + 1))


def org_sectors(index: ActorIndex) -> None:
    """Organisations with no knowledge-base identity: a sector from their name's words,
    the US for a "<nationality> American ..." name."""
    kb = index.kb
    for cl in index.clusters:
        if cl.kind != "organization" or not cl.mentions or cl.key.startswith("noun:") \
                or cl.ref.startswith(("org:", "metonym:", "country:", "capital:")):
            continue
        if kb is not None and kb.whole(cl.name, None):
            continue  # the knowledge base knows the name: its identity stands
        words = cl.name.lower().replace("-", " ").split()
        if cl.sector is None:
            cl.sector = next((s for p, s in SECTOR_WORDS if _has(words, p)), None)
        if "american" in words[1:] and cl.sector is not None and kb is not None:
            before = " ".join(cl.name.replace("-", " ").split()[:words.index("american", 1)])
            hit = kb.lookup_place(before.split()[-1])
            if hit is not None and hit.kind == "adjective":
                cl.country = "USA"
