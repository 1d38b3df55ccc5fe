"""Resolve one actor mention (a string) to a canonical actor, using the knowledge base.

The rules, in order:

1. The whole mention names one thing: an organisation, country (name, alias,
   adjective), people noun ("Ukrainians"), government metonym ("the Kremlin"), known
   person, place, or sector noun ("protesters").
2. Otherwise it is read as ``[modifiers] [title words] [name]``: modifiers are
   countries, adjectives, organisations, metonyms and sector nouns ("army spokesman");
   "X of Uganda" and "Name, the X" are turned into that order first.
3. A known person keeps the role *stated in the text* when it matches one of their
   offices ("NATO Secretary General Mark Rutte" on any date); with no stated role, the
   role held on the date applies (or the nearest: an elect's next role, a former
   holder's last one as ELI). An unknown person keeps the stated title and country.
4. Without a name, a title with a country or organisation is the office holder on the
   date ("the French president"); otherwise the phrase is a group or organisation
   whose sector comes from its nouns ("North Korean troops" -> PRK MIL).

Sector precedence: "former" -> ELI; an armed group stays itself ("Hamas fighters" ->
REB); then a specific noun modifier ("army spokesman" -> MIL), a specific head noun,
the organisation, the metonym ("Pentagon officials" -> MIL), finally weak heads
("officials" -> GOV).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

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
from .envoys import split_subject
from .legislators import party_country, party_member
from .normalize import Token, key, surface, tokens
from .phrasewords import (
    BACKERS,
    CONTROLLERS,
    FILLERS,
    FORMER,
    HEAD_PREPS,
    HONORIFICS,
    LEADING,
    NAME_PARTICLES,
    NOT_BEFORE_NAME,
    PRO_ANTI,
    local_office,
    org_heads,
)
from .placewords import PLACE_NOUNS, PLACE_OF, place_lead
from .private import PRIVATE, UNIDENTIFIED, private_country
from .records import ARMED, Person, Role

if TYPE_CHECKING:  # the knowledge base is passed in; only its type is named here
    from .base import KnowledgeBase

#: A metonym's chief: "Pentagon chief" is the defence minister, not the president.
_METONYM_OFFICE = {"MIL": "defence minister", "SPY": "intelligence chief"}


@dataclass
class Mod:
    """One recognised modifier or title in a mention."""

    entry: Entry
    toks: list[Token]
    no_country: bool = False
    no_sector: bool = False
    postposed: bool = False


def resolve(kb: KnowledgeBase, text: str, day: dt.date) -> dict[str, Any]:
    """Resolve one mention (see module docstring); always returns the full key set."""
    raw = (text or "").strip().strip("\"'\u201c\u201d\u2018\u2019")
    lower = not any(c.isupper() for c in raw)
    named = _article_strip(tokens(raw))
    if (named and not lower and (named[0].key in LEADING or named[0].key.isdigit())
            and (named[0].text[:1].isupper() or named[0].key.isdigit())):
        # A name that starts with a leading word or number ("All Progressives
        # Congress", "400 Mawozo", "Our Ukraine") is that name, whole.
        length, entries = kb.match(named, 0, lower_query=lower)
        if length == len(named):
            return _from_entry(kb, entries[0], named, day)
    toks = _lead_strip(tokens(raw))
    if not toks:
        return _result(raw, "other")
    split = split_subject(kb, toks, lower)
    if split is not None:
        return _envoy(kb, raw, split[0], split[1], day)
    lead = place_lead(toks)
    if lead:
        # "in Paris", "from Gaza", "the port city of Odesa": a place, not the government
        rest = _lead_strip(toks[lead:])
        length, entries = kb.match(rest, 0, lower_query=lower,
                                   types=frozenset({COUNTRY, METONYM, PLACE}))
        if length and length == len(rest):
            hit = kb.place_hit(entries[0])
            return _result(hit.name, "location", hit.country)
        town = gazetteer.lookup_place(surface(rest)) if _looks_like_name(rest, False) else None
        if town:
            return _result(town[0], "location", town[1])
        place = _named_place(kb, rest, lower)  # "in Yala province"
        if place is not None and place["country"]:
            return place
    length, entries = kb.match(toks, 0, lower_query=lower)
    if length == len(toks):
        return _from_entry(kb, entries[0], toks, day)
    if len(toks) > 1 and _looks_like_name(toks, lower):
        # "West Darfur", "Upper Nile": a region or city of the gazetteer by its whole
        # name, not the known place a word of it names ("the West", "Nile")
        town = gazetteer.lookup(surface(toks))
        if town:
            return _result(town[0], "location", town[1])
    place = _named_place(kb, toks, lower)
    if place is not None:
        return place

    if "," in raw:
        left, _, right = raw.partition(",")
        rtoks = _lead_strip(tokens(right))
        if rtoks:
            toks = rtoks + _lead_strip(tokens(left))
    toks, n_post = _postposed_of(kb, toks, lower)

    # A known full name at the end: everything before it is the stated role.
    for k in range(1, len(toks)):
        length, entries = kb.match(toks, k, lower_query=lower, types=frozenset({PERSON}))
        if length and k + length == len(toks):
            mods, _, former = _scan(kb, toks[:k], lower, n_post, tolerant=True)
            person = kb.persons[entries[0].ref]
            return _person(kb, person, mods, former, toks[n_post:k], day)

    mods, stop, former = _scan(kb, toks, lower, n_post, tolerant=False)
    rest = toks[stop:]
    if rest and not lower and not _looks_like_name(rest, lower):
        # "Russian blogger Ivan Ivanov": unknown lower-case title words, then a name.
        tail = len(rest)
        while tail > 0 and _looks_like_name(rest[tail - 1:], lower):
            tail -= 1
        if 0 < tail < len(rest) and all(t.raw.islower() for t in rest[:tail]):
            stop += tail
            rest = rest[tail:]
    if rest and not lower and _org_name(rest):
        # "Middle East Institute", "German Marshall Fund": a name ending in an
        # organisation's head noun is an organisation, not a person "Institute"
        _, country, _org = _stated(kb, mods, day)
        sector = _sector(kb, mods, former, day)
        of = next((i for i, t in enumerate(toks[:stop]) if t.key in HEAD_PREPS), None)
        terms = [kb.sectors[m.entry.ref] for m in mods if m.entry.type == TERM
                 and of is not None and toks.index(m.toks[-1]) < of]
        if terms and terms[-1].kind == "person" and not former:
            # "the head of the Red Crescent": the head, a person of the body named
            name = surface(_lead_strip(toks))
            return _result(name, "person", country, surface(rest), sector, name)
        if sector is None:  # "Press Association": the sector of a word of the name
            terms = [kb.sector_of(t.key) for t in rest[:-1]]
            sector = next((t.sector for t in terms if t is not None and not t.weak), None)
        return _result(surface(_lead_strip(toks)), "organization", country, None, sector)
    if rest and mods and (stop and toks[stop - 1].key in NOT_BEFORE_NAME
                          or rest[0].key in NOT_BEFORE_NAME):
        # "Ministry of Health", "a Canadian woman in al-Hawl": a name after "of" or a
        # locative preposition is what the phrase is of or where it is, not its name;
        # no name starts with one ("governor of the province", in lower case)
        return _from_mods(kb, mods, former, toks, day)
    if rest and _looks_like_name(rest, lower):
        stated = _stated(kb, mods, day)
        person = kb.by_surname(rest, day, accept=lambda p: _compatible(p, *stated))
        prefix = toks[n_post:stop]
        if person:
            return _person(kb, person, mods, former, prefix, day)
        if mods or former:
            return _unknown_person(kb, rest, mods, former, prefix, day)
        member = party_member(surface(rest)) if stop == 0 and not lower else None
        if member:  # "Liberal", "the Conservatives": a party's members, not a town
            return _result(surface(rest), member[0], member[1], None, "PTY")
        town = gazetteer.lookup(surface(rest)) if stop == 0 and not lower else None
        if town:  # a city or US state the tables do not list: a place in its country
            return _result(town[0], "location", town[1])
        return _result(surface(rest), "other")
    country = private_country(mods, toks)
    if country:  # "a Canadian woman": a private person of that nationality
        return _result(surface(_lead_strip(toks)), "person", country, None, PRIVATE)
    return party_country(_from_mods(kb, mods, former, toks, day), toks)


# ---------------------------------------------------------------- parsing

def _named_place(kb: KnowledgeBase, toks: list[Token], lower: bool) -> dict[str, Any] | None:
    """"Homs province", "Rukban camp": a name and a place noun is a place; its country
    from the knowledge base's places or the gazetteer when they know the name."""
    if lower or len(toks) < 2 or toks[-1].key not in PLACE_NOUNS | PLACE_OF:
        return None
    name = toks[:-1]
    if not _looks_like_name(name, lower):
        return None
    length, entries = kb.match(name, 0, lower_query=lower,
                               types=frozenset({COUNTRY, METONYM, PLACE}))
    if length == len(name):
        hit = kb.place_hit(entries[0])
        return _result(surface(toks), "location", hit.country)
    if length:
        return None  # "Kurdistan Regional ..." and the like: not a place name
    town = gazetteer.lookup_place(surface(name))
    return _result(surface(toks), "location", town[1] if town else None)


ARTICLES = frozenset({"the", "a", "an"})
#: heads of a name that is a national body's, never a town's ("Liberal Party")
NATIONAL_HEADS = frozenset({"party", "parties", "congress"})


def _article_strip(toks: list[Token]) -> list[Token]:
    i = 0
    while i < len(toks) - 1 and toks[i].key in ARTICLES:
        i += 1
    return toks[i:]


def _lead_strip(toks: list[Token]) -> list[Token]:
    i = 0
    while i < len(toks) - 1 and (toks[i].key in LEADING or toks[i].key.isdigit()):
        i += 1
    return toks[i:]


def _postposed_of(kb: KnowledgeBase, toks: list[Token], lower: bool
                  ) -> tuple[list[Token], int]:
    """"the president of France" -> "France president"; returns (tokens, moved count)."""
    for j in range(len(toks) - 2, 0, -1):
        if toks[j].key != "of":
            continue
        rest = toks[j + 1:]
        if rest and rest[0].key == "the" and len(rest) > 1:
            rest = rest[1:]
        length, entries = kb.match(rest, 0, lower_query=lower,
                                   types=frozenset({ORG, COUNTRY, ADJ, METONYM, PLACE}))
        if length and length == len(rest):
            return rest + toks[:j], len(rest)
        return toks, 0
    return toks, 0


def _scan(kb: KnowledgeBase, toks: list[Token], lower: bool, n_post: int, *,
          tolerant: bool) -> tuple[list[Mod], int, bool]:
    mods, stop, former = _scan_raw(kb, toks, lower, n_post, tolerant=tolerant)
    return _local_bodies(kb, mods, toks), stop, former


def _named_before(mod: Mod, toks: list[Token], mods: list[Mod]) -> bool:
    """A capitalised word the scan did not recognise right before ``mod``: the generic
    word ends another body's own name ("National Democratic Congress")."""
    at = next((i for i, t in enumerate(toks) if t is mod.toks[0]), 0)
    if at == 0:
        return False
    prev = toks[at - 1]
    known = any(prev is t for m in mods for t in m.toks)
    return (not known and prev.raw[:1].isupper() and prev.key not in FILLERS
            and prev.key not in HONORIFICS and prev.key not in LEADING)


def _town_before(mod: Mod, toks: list[Token], mods: list[Mod]) -> str | None:
    """The country of a city or region named by the unrecognised capitalised words right
    before ``mod`` ("Tokyo" in "Tokyo Metropolitan Police"), else None."""
    at = next((i for i, t in enumerate(toks) if t is mod.toks[0]), 0)
    known = {id(t) for m in mods for t in m.toks}
    start = at
    while start > 0 and toks[start - 1].raw[:1].isupper() and id(toks[start - 1]) not in known:
        start -= 1
    for i in range(start, at):
        town = gazetteer.lookup(surface(toks[i:at]))
        if town:
            return town[1]
    return None


def _local_bodies(kb: KnowledgeBase, mods: list[Mod], toks: list[Token]) -> list[Mod]:
    """"Peru's Congress", "Jordan's House of Representatives": a generic name (a sector
    term) that names a foreign organisation ("Congress" = the US Congress) is that
    country's body when another country is stated, and no one's in particular when it
    ends an unknown name."""
    countries = {m.entry.ref for m in mods if m.entry.type in (COUNTRY, ADJ, PEOPLE)
                 and not m.no_country}
    for n, m in enumerate(mods):
        words = " ".join(t.key for t in m.toks)
        if m.entry.type != ORG:
            continue
        org_country = kb.organizations[m.entry.ref][-1].country
        head = m.toks[-1].key
        if words not in kb.sectors:
            town = _town_before(m, toks, mods)
            prev = mods[n - 1] if n else None
            if (town is None and prev is not None and prev.entry.type in (METONYM, PLACE)
                    and toks.index(prev.toks[-1]) + 1 == toks.index(m.toks[0])):
                town = kb.place_hit(prev.entry).country
            if town and town != org_country and head in kb.sectors:
                # "Tokyo Metropolitan Police": another city's body of that name; the
                # town gives the country, the head noun the sector
                mods[n] = Mod(Entry(TERM, head, None, False), m.toks,
                              m.no_country, m.no_sector, m.postposed)
            continue
        if (countries and org_country not in countries) or _named_before(m, toks, mods):
            mods[n] = Mod(Entry(TERM, words, None, False), m.toks,
                          m.no_country, m.no_sector, m.postposed)
    return mods


def _scan_raw(kb: KnowledgeBase, toks: list[Token], lower: bool, n_post: int, *,
              tolerant: bool) -> tuple[list[Mod], int, bool]:
    """Read modifiers and titles from the left; stop at the first name-like token.

    Returns (mods, index where the name starts, former?). Unknown words are skipped
    when something recognisable follows them ("Kurdish fighters"), or always when
    ``tolerant`` (the name has already been found).
    """
    mods: list[Mod] = []
    former = False
    suppress_next = False
    types = frozenset({ORG, COUNTRY, METONYM, ADJ, PEOPLE, PERSON, PLACE, TERM})
    i = 0
    while i < len(toks):
        t = toks[i]
        if t.key in FORMER:
            former = True
            i += 1
            continue
        length, entries = kb.match(toks, i, lower_query=lower, types=types)
        if length:
            mod = Mod(entries[0], toks[i:i + length], postposed=i < n_post)
            if suppress_next:
                mod.no_country = mod.no_sector = True
                suppress_next = False
            mods.append(mod)
            i += length
            continue
        if t.key in PRO_ANTI:
            suppress_next = True
        elif t.key in BACKERS and mods:
            mods[-1].no_country = mods[-1].no_sector = True
        elif t.key in CONTROLLERS and mods:
            mods[-1].no_sector = True
        elif t.key in FILLERS or t.key in HONORIFICS or t.key in PRO_ANTI:
            pass
        elif not tolerant and not any(
            kb.match(toks, j, lower_query=lower, types=types)[0]
            for j in range(i + 1, len(toks))
        ):
            return mods, i, former
        i += 1
    return mods, len(toks), former


def _org_name(toks: list[Token]) -> bool:
    return toks[-1].raw in org_heads() and _looks_like_name(toks, False)


def _looks_like_name(toks: list[Token], lower: bool) -> bool:
    if lower:
        return True
    return all(t.raw[:1].isupper() or not t.raw[:1].isalpha() or t.key in NAME_PARTICLES
               for t in toks) and any(t.raw[:1].isupper() for t in toks)


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
            comp = [r for r in person.roles if _role_ok(kb, r, office, country, org)]
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


def _envoy(kb: KnowledgeBase, raw: str, head: list[Token], offices: list[str],
           day: dt.date) -> dict[str, Any]:
    """"the UN envoy for Yemen": the holder of "yemen envoy" for the body the title
    names, else the title read without its subject, under the whole phrase."""
    res = resolve(kb, surface(head), day)
    if res["kind"] != "person" or res["name"] != res["role"]:
        return res  # a named person ("Hans Grundberg, envoy for Yemen" is not this)
    org = res["organization"]
    wheres = [key(org)] if org else [res["country"]] if res["country"] else []
    if org:  # "the UN envoy for Afghanistan": the head of UNAMA, a body of the UN
        wheres += [key(k) for k, recs in kb.organizations.items()
                   if recs[-1].parent and _org_matches(kb, recs[-1].parent, org)]
    for office in offices:
        for where in wheres:
            hit = kb.holder(office, where, day)
            if hit:
                return _hit_result(hit)
    text = surface(_lead_strip(tokens(raw)))
    return {**res, "name": text, "role": text}


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


def _unknown_person(kb: KnowledgeBase, name: list[Token], mods: list[Mod], former: bool,
                    prefix: list[Token], day: dt.date) -> dict[str, Any]:
    _, country, org = _stated(kb, mods, day)
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
        taken = {id(t) for m in mods for t in m.toks}
        country = gazetteer.town_country(toks, [t for t in toks if id(t) not in taken])
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


def _result(name: str, kind: str, country: str | None = None, organization: str | None = None,
            sector: str | None = None, role: str | None = None, wikidata: str | None = None
            ) -> dict[str, Any]:
    return {"name": name, "kind": kind, "country": country, "organization": organization,
            "sector": sector, "role": role, "wikidata": wikidata}
