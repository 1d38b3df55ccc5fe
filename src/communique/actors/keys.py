"""One canonical key per real-world actor across the corpus, and "named" actors.

The store merges an actor's mentions from every article under :func:`actor_key`: its
Wikidata id, else its knowledge-base id (a known person, organisation or country), else
its normalised name with country and kind (two unknown "Smith"s of different states stay
apart). :func:`is_named` tells proper-name actors ("Geir Pedersen", "Islamic State")
from common-noun phrases ("foreign ministers", "the Lebanese prime minister") for the
"named actors only" views.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from ..kb import KnowledgeBase
from ..kb.entries import PERSON

__all__ = ["actor_key", "is_named", "normalize_name"]

_PUNCT = re.compile(r"[^\w\s]")
_PRONOUNS = {"he", "she", "they", "it", "him", "her", "them", "we", "i", "you"}


@functools.lru_cache(maxsize=1 << 16)
def normalize_name(name: str) -> str:
    """Case, accents, punctuation and a leading "the" do not make a different actor."""
    s = unicodedata.normalize("NFKD", name.casefold())
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = " ".join(_PUNCT.sub(" ", s).split())
    return s.removeprefix("the ")


def _kb_id(kb: KnowledgeBase, name: str, kind: str, country: str,
           organization: str) -> str | None:
    if kind == "person":
        for e in kb.whole(name, frozenset({PERSON})):
            return f"person:{e.ref}"
        return None
    if kind == "organization" and organization and organization in kb.organizations \
            and normalize_name(organization) == normalize_name(name):
        return f"org:{organization}"
    if kind == "country" and country and country in kb.countries:
        return f"country:{country}"
    return None


def actor_key(actor: Mapping[str, Any], kb: KnowledgeBase | None = None) -> str:
    """The corpus-wide identity of a record's actor (see module docstring)."""
    if actor.get("wikidata"):
        return f"wd:{actor['wikidata']}"
    name = actor.get("name") or ""
    kind = actor.get("kind") or ""
    country = actor.get("country") or ""
    if kb is not None:
        ref = _kb_id(kb, name, kind, country, actor.get("organization") or "")
        if ref:
            return f"kb:{ref}"
    return f"name:{normalize_name(name)}|{country}|{kind}"


def is_named(name: str, key: str = "") -> bool:
    """A proper-name actor: known to the knowledge base, or its name's last word is
    capitalised ("Geir Pedersen"), or it has two capitalised words before a lower-case
    head ("Democratic Union party"); not "foreign ministers" or "Syrian regime"."""
    if key.startswith(("kb:", "wd:")):
        return True
    words = [w for w in name.split() if w.lower() not in ("the", "a", "an")]
    if not words or (len(words) == 1 and words[0].lower() in _PRONOUNS):
        return False
    if words[-1][:1].isupper():
        return True
    return sum(w[:1].isupper() for w in words[:-1]) >= 2
