"""Acronyms that several bodies bear ("DPP": Taiwan's and Malawi's Democratic Progressive
Party; "NIA": India's investigation agency and Nigeria's intelligence agency), from
``data/acronyms.csv``: with a stated country, that country's body; with none, the row
marked ``default`` that exists on the date, if any. The knowledge base's own aliases
name one body each, so these rows add the others."""

from __future__ import annotations

import datetime as dt
import functools
from typing import NamedTuple

from ..tables import data_rows
from .normalize import Token

__all__ = ["AcronymRow", "is_acronym", "lookup"]


class AcronymRow(NamedTuple):
    acronym: str
    country: str
    name: str
    sector: str
    start: dt.date | None
    end: dt.date | None
    default: bool


def _date(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@functools.cache
def _table() -> dict[str, tuple[AcronymRow, ...]]:
    out: dict[str, list[AcronymRow]] = {}
    for r in data_rows("kb/data/acronyms.csv"):
        row = AcronymRow(r["acronym"], r["country"], r["name"], r["sector"],
                         _date(r["start"]), _date(r["end"]), r.get("default") == "yes")
        out.setdefault(row.acronym, []).append(row)
    return {k: tuple(v) for k, v in out.items()}


def is_acronym(tok: Token) -> bool:
    """An all-capital word of two to eight letters ("DPP", "JUI-F" is not one here)."""
    return 2 <= len(tok.raw) <= 8 and tok.raw.isalpha() and tok.raw.isupper()


def _active(row: AcronymRow, day: dt.date) -> bool:
    return (row.start is None or row.start <= day) and (row.end is None or day <= row.end)


def lookup(acronym: str, country: str | None, day: dt.date) -> AcronymRow | None:
    """The body ``acronym`` names in ``country`` on ``day``, or with no country the
    default one; None when the table does not say."""
    rows = [r for r in _table().get(acronym, ()) if _active(r, day)]
    if country:
        rows = [r for r in rows if r.country == country]
        return rows[0] if len(rows) == 1 else None
    rows = [r for r in rows if r.default]
    return rows[0] if len(rows) == 1 else None
