"""A legislator of a party that sits in one country's legislature: "a Republican
senator", "a Democratic congressman", "a Conservative MP". When the resolver found a
legislator (sector LEG) and no country, a capitalised party adjective of
``data/party_adjectives.csv`` in the phrase gives the country."""

from __future__ import annotations

import functools
from typing import Any

from ..tables import data_rows
from .normalize import Token

__all__ = ["party_country", "party_member"]

LEGISLATURE = "LEG"


@functools.cache
def party_adjectives() -> dict[str, str]:
    return {r["word"]: r["country"] for r in data_rows("kb/data/party_adjectives.csv")
            if r.get("word") and not r["word"].startswith("#")}


def party_country(result: dict[str, Any], toks: list[Token]) -> dict[str, Any]:
    """``result`` with the country of a party adjective of ``toks`` when it is a
    legislator with no country."""
    if result.get("country") or result.get("sector") != LEGISLATURE:
        return result
    # the adjective before a lower-case noun or an acronym ("a Republican senator", "a
    # Conservative MP"), not a word of a longer name ("the Democratic Unionist Party")
    found = {party_adjectives().get(t.raw) for t, nxt in zip(toks, toks[1:], strict=False)
             if nxt.raw.islower() or nxt.raw.isupper()} - {None}
    if len(found) == 1:
        return {**result, "country": found.pop()}
    return result


@functools.cache
def party_members() -> dict[str, str]:
    return {r["word"]: r["kind"] for r in data_rows("kb/data/party_members.csv")
            if r.get("word") and not r["word"].startswith("#")}


def party_member(name: str) -> tuple[str, str | None] | None:
    """(kind, country or None) of a capitalised party word alone ("Liberal", "Tories"),
    from ``data/party_members.csv`` and ``data/party_adjectives.csv``; else None."""
    kind = party_members().get(name)
    return (kind, party_adjectives().get(name)) if kind else None
