"""The knowledge-base records: one frozen dataclass per kind of CSV row.

Records carry their origin (``where`` = "file:line") so any later problem, and any
answer, can be traced back to the row that produced it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

#: PLOVER sector codes accepted in data files (see shared/ontology/plover.md).
SECTORS = frozenset(
    "GOV MIL LEG JUD COP SPY REB PTY OPP CVL MED JRN BUS LAB EDU REL NGO IGO REF CRM "
    "ELI UAF PRM UNK AGR PRE SOC".split()
)
#: Non-state "country" codes PLOVER allows besides ISO 3166 alpha-3 codes:
#: IGO (international organisations, incl. UN and EU), IMG (transnational militarised
#: groups such as the Islamic State), NGO (international non-governmental organisations).
SPECIAL_COUNTRIES = frozenset({"IGO", "IMG", "NGO"})
#: Sectors of armed actors: an armed group's own sector beats a generic "fighters".
ARMED = frozenset({"MIL", "REB", "UAF", "PRM"})


@dataclass(frozen=True, slots=True)
class Country:
    iso3: str
    name: str
    official_name: str
    aliases: tuple[str, ...]
    adjectives: tuple[str, ...]
    people: tuple[str, ...]
    capital: str
    metonyms: tuple[tuple[str, str], ...]  # (text, sector)
    status: str
    where: str


@dataclass(frozen=True, slots=True)
class Organization:
    key: str
    name: str
    aliases: tuple[str, ...]
    country: str
    sector: str
    parent: str
    start: dt.date | None
    end: dt.date | None
    wikidata: str | None
    where: str

    def active(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Role:
    """One office held by one person for one period (a row of office_holders.csv)."""

    person: str
    country: str
    organization: str | None
    role: str
    offices: frozenset[str]
    sector: str
    start: dt.date
    end: dt.date | None
    where: str

    def active(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(slots=True)
class Person:
    name: str
    aliases: set[str] = field(default_factory=set)
    surname: str | None = None
    wikidata: str | None = None
    roles: list[Role] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class SectorTerm:
    """A noun or title and the PLOVER sector it signals.

    ``weak`` terms (officials, spokesman, president, leader) only decide the sector when
    nothing more specific is known: "NATO officials" are IGO, "Kremlin spokesman" GOV.
    ``office`` links a title to office_holders.csv (president -> the president).
    """

    term: str
    sector: str
    kind: str
    weak: bool
    office: str | None
    where: str


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    aliases: tuple[str, ...]
    country: str | None
    kind: str
    sector: str | None
    where: str
