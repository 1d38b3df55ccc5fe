"""Knowledge base of states, organisations, office holders, places and sector nouns.

Data lives in ``communique/kb/data/*.csv`` (each row with its source and dates); users add
or override rows with their own CSVs (``KnowledgeBase.load(extra_paths=[...])``, the
``COMMUNIQUE_KB`` environment variable, or ``--kb`` on the CLI). Importing this package
is cheap: nothing is read until the first lookup.

Public entry points::

    resolve_actor(text, *, date=None, kb=None) -> dict   # name, kind, country, ...
    KnowledgeBase.load(extra_paths=None) -> KnowledgeBase  # cached
    kb.lookup_person(name, date) / kb.lookup_place(text) / kb.lookup_org(text, date)
    kb.sector_of(noun) / kb.holder_of(role_words, where, date) / kb.holders(...)
"""

from __future__ import annotations

import datetime as dt

from .base import ENV_VAR, KBWarning, KnowledgeBase, PersonHit, PlaceHit, as_date
from .records import SECTORS, SPECIAL_COUNTRIES, Country, Organization, Person, Place, Role

__all__ = [
    "ENV_VAR",
    "SECTORS",
    "SPECIAL_COUNTRIES",
    "Country",
    "KBWarning",
    "KnowledgeBase",
    "Organization",
    "Person",
    "PersonHit",
    "Place",
    "PlaceHit",
    "Role",
    "as_date",
    "resolve_actor",
]

ACTOR_KEYS = ("name", "kind", "country", "organization", "sector", "role", "wikidata")


def resolve_actor(text: str, *, date: str | dt.date | dt.datetime | None = None,
                  kb: KnowledgeBase | None = None) -> dict[str, str | None]:
    """Resolve an actor mention to ``{name, kind, country, organization, sector, role,
    wikidata}`` as of ``date`` (default today).

    ``kind`` is person, country, organization, group, location or other; ``country`` an
    ISO 3166 alpha-3 code or IGO/IMG/NGO; ``sector`` a PLOVER sector code. Unknown
    strings come back as kind "other" with the other fields None.
    """
    return (kb or KnowledgeBase.load()).resolve(text, date)
