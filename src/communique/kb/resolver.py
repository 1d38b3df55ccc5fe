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
from typing import TYPE_CHECKING, Any

from . import acronyms, gazetteer
from .entries import (
    ADJ,
    COUNTRY,
    METONYM,
    ORG,
    PEOPLE,
    PERSON,
    PLACE,
    TERM,
)
from .envoys import split_subject
from .interpret import (
    _compatible,
    _from_entry,
    _from_mods,
    _hit_result,
    _org_matches,
    _person,
    _sector,
    _stated,
    _unknown_person,
)
from .legislators import party_country, party_member
from .mention import (
    _article_strip,
    _lead_strip,
    _looks_like_name,
    _named_place,
    _org_name,
    _postposed_of,
    _result,
    _scan,
)
from .normalize import Token, key, surface, tokens
from .phrasewords import (
    FILLERS,
    FORMER,
    HEAD_PREPS,
    HONORIFICS,
    LEADING,
    NAME_PARTICLES,
    NOT_BEFORE_NAME,
)
from .placewords import place_lead
from .private import PRIVATE, private_country
from .records import Person

if TYPE_CHECKING:  # the knowledge base is passed in; only its type is named here
    from .base import KnowledgeBase


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

    qualified = _country_qualified_org(kb, toks, lower, day)
    if qualified is not None:
        return qualified

    if "," in raw:
        left, _, right = raw.partition(",")
        rtoks = _lead_strip(tokens(right))
        if rtoks:
            toks = rtoks + _lead_strip(tokens(left))
    toks, n_post = _postposed_of(kb, toks, lower)
    body = _country_acronym(kb, toks, lower, day)
    if body is not None:
        return body

    # A known full name at the end: everything before it is the stated role.
    for k in range(1, len(toks)):
        length, entries = kb.match(toks, k, lower_query=lower, types=frozenset({PERSON}))
        if length and k + length == len(toks):
            person = kb.persons[entries[0].ref]
            given = _given_name_before(kb, person, toks, k, length, n_post, lower)
            if given is not None:  # "Turki al-Maliki" is not Nouri al-Maliki
                mods, _, former = _scan(kb, toks[:given], lower, n_post, tolerant=True)
                rest = toks[given:]
                stated = _stated(kb, mods, day)
                person = kb.by_surname(rest, day,
                                       accept=lambda p, st=stated: _compatible(p, *st))
                if person:
                    return _person(kb, person, mods, former, toks[n_post:given], day)
                if mods or former:
                    return _unknown_person(kb, rest, mods, former, toks[n_post:given], day)
                return _result(surface(rest), "other")
            mods, _, former = _scan(kb, toks[:k], lower, n_post, tolerant=True)
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
        row = acronyms.lookup(rest[0].raw, None, day) if (
            stop == 0 and len(rest) == 1 and acronyms.is_acronym(rest[0])) else None
        if row:  # "the PPP": the body the acronym names by default on the date
            return _result(row.name, "organization", row.country, row.name, row.sector)
        return _result(surface(rest), "other")
    country = private_country(mods, toks)
    if country:  # "a Canadian woman": a private person of that nationality
        return _result(surface(_lead_strip(toks)), "person", country, None, PRIVATE)
    return party_country(_from_mods(kb, mods, former, toks, day), toks)



def _name_words(person: Person) -> frozenset[str]:
    """The keys of every word of a person's name and aliases."""
    return frozenset(t.key for text in (person.name, *person.aliases) for t in tokens(text))


def _given_name_before(kb: KnowledgeBase, known: Person, toks: list[Token], k: int,
                       length: int, n_post: int, lower: bool) -> int | None:
    """"Turki al-Maliki": a known one-word name (a surname alias, "Maliki") right after a
    capitalised word that is no title, modifier or honorific is another person's surname
    with that person's given name before it, not the known person ``known``, unless the
    word is one of ``known``'s own names ("Mohammad al-Jolani"). Returns where that
    person's name starts, else None."""
    if lower or len([t for t in toks[k:k + length] if t.key not in NAME_PARTICLES]) != 1:
        return None
    j = k - 1
    while j >= n_post and toks[j].key in NAME_PARTICLES:
        j -= 1
    if j < n_post:
        return None
    t = toks[j]
    if not t.raw[:1].isupper() or t.key in HONORIFICS or t.key in FILLERS or t.key in FORMER \
            or t.key in _name_words(known):
        return None
    return None if any(kb.match(toks, i, types=frozenset({ORG, COUNTRY, METONYM, ADJ, PEOPLE,
                                                       PLACE, TERM}))[0] + i > j
                       for i in range(n_post, j + 1)) else j


def _country_acronym(kb: KnowledgeBase, toks: list[Token], lower: bool, day: dt.date
                     ) -> dict[str, Any] | None:
    """"Malawi's DPP", "the Indian NIA": a country and an acronym is that country's body
    of that acronym (acronyms.csv), not another state's body the alias names; with no
    row, the stated country and the sector of the body the alias names."""
    if lower or len(toks) < 2 or not acronyms.is_acronym(toks[-1]):
        return None
    length, entries = kb.match(toks[:-1], 0, types=frozenset({COUNTRY, ADJ, PEOPLE}))
    if length != len(toks) - 1:
        return None
    country = entries[0].ref
    row = acronyms.lookup(toks[-1].raw, country, day)
    if row:
        return _result(row.name, "organization", country, row.name, row.sector)
    length, orgs = kb.match(toks, len(toks) - 1, types=frozenset({ORG}))
    if length:
        org = kb.org_on(orgs[0].ref, day)
        if org.country not in (country, "IGO"):
            return _result(surface(toks), "organization", country, None, org.sector)
    return None


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


def _country_qualified_org(kb: KnowledgeBase, toks: list[Token], lower: bool, day: dt.date
                           ) -> dict[str, Any] | None:
    """"Colombia's Democratic Centre", "the Zambian Patriotic Front": a country, then the
    bare name of a body the tables key with that country in brackets because the bare
    name is shared ("Democratic Centre (Colombia)", "Patriotic Front (Zambia)")."""
    length, entries = kb.match(toks, 0, lower_query=lower, types=frozenset({COUNTRY, ADJ}))
    if not length or length == len(toks) or lower:
        return None
    iso = entries[0].ref
    rest = toks[length:]
    if not rest[0].text[:1].isupper():
        return None
    name = surface(rest)
    for country in {kb.country_name(iso), kb.countries[iso].name}:
        hits = [e for e in kb.whole(f"{name} ({country})") if e.type == ORG]
        if hits:
            return _from_entry(kb, hits[0], rest, day)
    return None

