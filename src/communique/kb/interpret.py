"""Interpreting scanned modifiers: the office, country and organisation a mention
states, a known person's role on the date, the sector by precedence, and the
office holder, group or body a phrase without a name is (see
:mod:`communique.kb.resolver` for the order of the rules)."""

from __future__ import annotations

import datetime as dt
import functools
from typing import TYPE_CHECKING, Any

from ..tables import data_rows
from . import gazetteer
from .entries import (
    ADJ,
    COUNTRY,
    GENERIC_OFFICES,
    METONYM,
    ORG,
    PEOPLE,
    PERSON,
    PLACE,
    TERM,
    Entry,
    PersonHit,
)
from .mention import (
    NATIONAL_HEADS,
    Mod,
    _lead_strip,
    _result,
)
from .normalize import Token, key, surface
from .phrasewords import (
    HEAD_PREPS,
    HONORIFICS,
    PRO_ANTI,
    local_office,
)
from .private import UNIDENTIFIED
from .records import ARMED, Person, Role

if TYPE_CHECKING:  # the knowledge base is passed in; only its type is named here
    from .base import KnowledgeBase

#: A metonym's chief: "Pentagon chief" is the defence minister, not the president.
_METONYM_OFFICE = {"MIL": "defence minister", "SPY": "intelligence chief"}


# ---------------------------------------------------------------- interpretation

def _stated(kb: KnowledgeBase, mods: list[Mod], day: dt.date
            ) -> tuple[str | None, str | None, str | None]:
    """(office, country, organisation key) stated by the modifiers."""
    office = country = org = None
    for m in mods:
        e = m.entry
        if e.type == TERM:
            term = kb.sectors[e.ref]
            if term.office and not m.no_sector:
                office = term.office
        elif e.type == ORG and org is None and not m.no_country and not m.no_sector:
            org = e.ref
        if country is None and not m.no_country:
            country = _country_of(kb, e, day)
    return office, country, org


@functools.cache
def _shared_demonyms() -> dict[str, tuple[str, ...]]:
    """Adjective (lower case) -> the other countries it also names (``data/
    shared_demonyms.csv``: "Congolese" is both Congos'), beyond the one the knowledge
    base's country table gives it."""
    return {r["adjective"].lower(): tuple(c for c in r["also"].split("|") if c)
            for r in data_rows("kb/data/shared_demonyms.csv")}


def _other_countries(mods: list[Mod]) -> tuple[str, ...]:
    """The other countries a stated adjective may name ("Congolese" -> COG)."""
    for m in mods:
        if m.entry.type == ADJ and not m.no_country:
            return _shared_demonyms().get(surface(m.toks).lower(), ())
    return ()


def _country_of(kb: KnowledgeBase, e: Entry, day: dt.date) -> str | None:
    if e.type in (COUNTRY, ADJ, PEOPLE):
        return e.ref
    if e.type == METONYM:
        return e.ref[0]
    if e.type == ORG:
        return kb.org_on(e.ref, day).country
    if e.type == PLACE:
        return kb.places[e.ref].country
    if e.type == PERSON:
        return kb.role_on(kb.persons[e.ref], day).country
    return None


def _org_matches(kb: KnowledgeBase, role_org: str | None, org: str) -> bool:
    """Role's organisation is ``org`` or one of its children (EU <- European Commission)."""
    while role_org:
        if key(role_org) == key(org):
            return True
        recs = kb.organizations.get(role_org)
        role_org = recs[-1].parent if recs else None
    return False


def _role_ok(kb: KnowledgeBase | None, r: Role, office: str | None, country: str | None,
             org: str | None) -> bool:
    if office and office not in r.offices and not (
            office in GENERIC_OFFICES and "leader" in r.offices):
        return False
    if org:
        if kb is None:
            return key(r.organization or "") == key(org)
        return _org_matches(kb, r.organization, org)
    return not country or r.country == country


def _compatible(p: Person, office: str | None, country: str | None, org: str | None) -> bool:
    if not (office or country or org):
        return True
    return any(_role_ok(None, r, office, country, org) for r in p.roles)


def _person(kb: KnowledgeBase, person: Person, mods: list[Mod], former: bool,
            prefix: list[Token], day: dt.date) -> dict[str, Any]:
    """A known person: a stated role that matches one of theirs wins over the date."""
    office, country, org = _stated(kb, mods, day)
    hit = kb.role_on(person, day)
    if office or country or org:
        if (not office and not org and hit.status == "current" and hit.role
                and hit.role.country in (country, "IGO")):
            comp = [hit.role]  # a nationality adjective, not a stated office
        else:
            # a demonym both Congos share: the person's own office decides
            for stated in (country, *_other_countries(mods)):
                comp = [r for r in person.roles if _role_ok(kb, r, office, stated, org)]
                if comp:
                    break
        if comp:
            active = [r for r in comp if r.active(day)]
            r = max(active, key=lambda r: ("leader" in r.offices, r.start)) if active else min(
                comp, key=lambda r: _distance(r, day))
            return _result(person.name, "person", r.country, r.organization,
                           "ELI" if former else r.sector,
                           ("former " if former else "") + r.role, person.wikidata)
        if not office:
            # "AFP Trump": an organisation or country next to a name is not a role.
            return _hit_result(hit, former)
        role_text = surface(_lead_strip(prefix)) if prefix else None
        sector = _sector(kb, mods, former, day) or hit.sector
        if org:
            org_row = kb.org_on(org, day)
            return _result(person.name, "person", country or org_row.country, org, sector,
                           role_text, person.wikidata)
        return _result(person.name, "person", country or hit.country, None, sector,
                       role_text, person.wikidata)
    return _hit_result(hit, former)



def _hit_result(hit: PersonHit, former: bool = False) -> dict[str, Any]:
    p, r = hit.person, hit.role
    if former and r is not None and hit.status != "former":
        return _result(p.name, "person", r.country, r.organization, "ELI",
                       "former " + r.role, p.wikidata)
    return _result(p.name, "person", hit.country, r.organization if r else None, hit.sector,
                   hit.role_text, p.wikidata)


def _distance(r: Role, day: dt.date) -> int:
    if r.start > day:
        return (r.start - day).days
    if r.end and r.end < day:
        return (day - r.end).days
    return 0


def _free(toks: list[Token], mods: list[Mod]) -> list[Token]:
    """The words no modifier took, less a word "pro", "anti" or "non" is joined to
    ("pro-Basra militias" are of no town)."""
    taken = {id(t) for m in mods for t in m.toks}
    return [t for i, t in enumerate(toks) if id(t) not in taken
            and not (i and toks[i - 1].key in PRO_ANTI)]


def _unknown_person(kb: KnowledgeBase, name: list[Token], mods: list[Mod], former: bool,
                    prefix: list[Token], day: dt.date) -> dict[str, Any]:
    _, country, org = _stated(kb, mods, day)
    if country is None and org is None and prefix and not any(m.no_country for m in mods):
        # "Lagos police chief John Doe": a city in the stated role gives the country
        country = gazetteer.town_country(prefix, _free(prefix, mods))
    role = surface(_lead_strip(prefix)) if prefix else None
    if role and all(t.key in HONORIFICS for t in _lead_strip(prefix)):
        role = None
    return _result(surface(name), "person", country, org, _sector(kb, mods, former, day),
                   role, None)


def _sector(kb: KnowledgeBase, mods: list[Mod], former: bool, day: dt.date) -> str | None:
    if former:
        return "ELI"
    terms = [kb.sectors[m.entry.ref] for m in mods if m.entry.type == TERM and not m.no_sector]
    head = terms[-1] if terms else None
    # a person word before an organisation's head is part of its name, not whose it is
    # ("General Intelligence Directorate", not a general's)
    strong_mods = [t for t in terms[:-1] if not t.weak
                   and not (t.kind == "person" and head is not None and head.kind != "person")]
    org_sec = meto_sec = place_sec = None
    for m in mods:
        if m.no_sector:
            continue
        e = m.entry
        if e.type == ORG and org_sec is None:
            org_sec = kb.org_on(e.ref, day).sector
        elif e.type == METONYM and meto_sec is None:
            meto_sec = e.ref[1]
        elif e.type == PLACE and place_sec is None:
            place_sec = kb.places[e.ref].sector
    if head and org_sec and (org_sec in ARMED and head.sector in ARMED
                             or head.sector == UNIDENTIFIED):
        return org_sec  # "Sinaloa cartel gunmen": the gunmen are the cartel's
    if (head and not head.weak and head.kind != "person" and head.sector in ("MIL", "COP")
            and strong_mods and strong_mods[-1].sector == "GOV"):
        return head.sector  # "government forces", "regime troops": the force, not GOV
    for cand in (strong_mods[-1].sector if strong_mods else None,
                 head.sector if head and not head.weak else None,
                 org_sec, meto_sec, head.sector if head else None, place_sec):
        if cand:
            return cand
    return None


def _from_mods(kb: KnowledgeBase, mods: list[Mod], former: bool, toks: list[Token],
               day: dt.date) -> dict[str, Any]:
    """No name: an office holder, a group/organisation, or a place-like phrase."""
    live = [m for m in mods if not (m.no_country and m.no_sector)]
    if not live:
        return _result(surface(toks), "other", sector=_sector(kb, mods, former, day))
    office, country, org = _stated(kb, mods, day)
    if (country is None and org is None and not any(m.no_country for m in mods)
            and toks[-1].key not in NATIONAL_HEADS):
        # "Mosul police", not "Liberal Party": a party is named after an idea, not a town
        country = gazetteer.town_country(toks, _free(toks, mods))
    heads = [m for m in mods if m.entry.type == TERM and not m.no_sector]
    head = kb.sectors[heads[-1].entry.ref] if heads else None
    of = next((i for i, t in enumerate(toks) if t.key in HEAD_PREPS), None)
    before = [m for m in heads if of is not None and toks.index(m.toks[-1]) < of]
    body = False  # the head is of a body the phrase names by its nouns only
    if before and kb.sectors[before[-1].entry.ref].kind == "person":
        # "a spokesman for the Kurdish militia": the spokesman, a person, is the head;
        # "the director of national intelligence": of that office, no state's leader
        head = kb.sectors[before[-1].entry.ref]
        body = any(kb.sectors[m.entry.ref].kind != "person" for m in heads
                   if m not in before)
    name = surface(_lead_strip(toks))
    if head and head.kind == "person" and office and not former:
        meto = next((m.entry.ref for m in mods if m.entry.type == METONYM), None)
        if meto and not org and office in GENERIC_OFFICES and meto[1] in _METONYM_OFFICE:
            office = _METONYM_OFFICE[meto[1]]
        where = key(org) if org else country
        if body or local_office(mods, toks):
            where = None
        hit = kb.holder(office, where, day) if where else None
        if hit is None and where and org and country and country != kb.org_on(org, day).country:
            # "Russia's UN ambassador": the state's envoy to the body
            hit = kb.holder(f"{key(org)} {office}", country, day)
        if hit:
            return _hit_result(hit)
    sector = _sector(kb, mods, former, day)
    if head:
        return _result(name, head.kind, country, org, sector,
                       name if head.kind == "person" else None)
    if org:
        row = kb.org_on(org, day)
        return _result(org, "organization", row.country, org, row.sector, None, row.wikidata)
    if live[0].entry.type == PERSON:
        # "the Trump White House", "Putin's Kremlin": a person's name before a metonym
        # or an organisation says whose; the head is the body
        body = next((m for m in live[1:] if m.entry.type in (METONYM, ORG)), None)
        if body is not None:
            return _from_entry(kb, body.entry, body.toks, day)
    if len(live) == 1 or live[0].entry.type != PEOPLE:
        return _from_entry(kb, live[0].entry, live[0].toks, day)
    return _result(name, "group", country, None, sector)


def _from_entry(kb: KnowledgeBase, e: Entry, toks: list[Token], day: dt.date
                ) -> dict[str, Any]:
    """The whole mention names exactly one thing."""
    if e.type == ORG:
        row = kb.org_on(e.ref, day)
        return _result(e.ref, "organization", row.country, e.ref, row.sector, None,
                       row.wikidata)
    if e.type in (COUNTRY, ADJ):
        return _result(kb.country_name(e.ref), "country", e.ref)
    if e.type == PEOPLE:
        return _result(surface(toks), "group", e.ref)
    if e.type == METONYM:
        iso, sector, _text, _capital = e.ref
        return _result(kb.metonym_name(iso, sector), "organization", iso, None, sector)
    if e.type == PERSON:
        return _hit_result(kb.role_on(kb.persons[e.ref], day))
    if e.type == PLACE:
        p = kb.places[e.ref]
        return _result(p.name, "location", p.country, None, p.sector)
    term = kb.sectors[e.ref]
    text = surface(toks)
    return _result(text, term.kind, None, None, term.sector,
                   text if term.kind == "person" else None)
