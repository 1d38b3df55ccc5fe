"""The PLOVER type table (``data/plover_types.csv``): each type's quad class, base score and
whether PLOVER requires a recipient, plus the quad class names (``data/quads.csv``).

The one source of these facts: the event lexicon, the store's ``plover_types`` table (and
the views built on it), the Spark rows and the web's filters all import them from here.
"""

from __future__ import annotations

from ..tables import data_rows


def _rows(name: str) -> tuple[dict[str, str], ...]:
    return data_rows(f"events/data/{name}")


_TYPES = _rows("plover_types.csv")

#: the PLOVER event types, in the table's order
TYPES: tuple[str, ...] = tuple(r["type"] for r in _TYPES)
#: type -> quad class (1 verbal, 2 material cooperation, 3 verbal, 4 material conflict)
QUAD: dict[str, int] = {r["type"]: int(r["quad"]) for r in _TYPES}
#: type -> base conflict-cooperation score (modes refine it: ``data/scores.csv``)
BASE_SCORE: dict[str, float] = {r["type"]: float(r["score"]) for r in _TYPES}
#: PLOVER: "recipient required" for these types
NEEDS_RECIPIENT: frozenset[str] = frozenset(
    r["type"] for r in _TYPES if r["recipient_required"] == "yes")
#: quad class -> name; 0 is a statement or appeal (no PLOVER type has it)
QUAD_NAMES: dict[int, str] = {int(r["quad"]): r["name"] for r in _rows("quads.csv")}

__all__ = ["BASE_SCORE", "NEEDS_RECIPIENT", "QUAD", "QUAD_NAMES", "TYPES"]
