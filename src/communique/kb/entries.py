"""What a phrase can name in the knowledge base: entry types and the hit records.

Shared by the indexes (:mod:`communique.kb.base`) and the resolver
(:mod:`communique.kb.resolver`), which import this module and not each other's
internals.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from .records import Person, Role

__all__ = ["ADJ", "COUNTRY", "GENERIC_OFFICES", "METONYM", "ORG", "PEOPLE", "PERSON",
           "PLACE", "TERM", "Entry", "PersonHit"]

#: Offices that fall back to the organisation's "leader" ("IAEA director" = its head).
GENERIC_OFFICES = frozenset({"director", "chairman", "head", "chief", "leader"})
# Entry types, in priority order when one phrase names several things.
ORG, COUNTRY, METONYM, ADJ, PEOPLE, PERSON, PLACE, TERM = range(8)


class Entry(NamedTuple):
    """One thing a phrase can name. ``acro``: required exact capitals ("US", "WHO")."""

    type: int
    ref: Any
    acro: str | None
    proper: bool


class PersonHit(NamedTuple):
    """A known person and the role that applies on the asked date.

    ``status``: current (held on the date), elect (starts soon after), former (ended
    before; sector becomes ELI), before (the person held no office yet).
    """

    person: Person
    role: Role | None
    status: str

    @property
    def country(self) -> str | None:
        return self.role.country if self.role else None

    @property
    def sector(self) -> str | None:
        if self.role is None or self.status == "before":
            return None
        return "ELI" if self.status == "former" else self.role.sector

    @property
    def role_text(self) -> str | None:
        if self.role is None or self.status == "before":
            return None
        return f"former {self.role.role}" if self.status == "former" else self.role.role
