"""The KnowledgeBase: validated tables plus dict indexes built once, and the lookups.

Loading reads five small CSVs and builds plain dicts, so it takes a fraction of a
second and each lookup is a few dict probes. ``KnowledgeBase.load()`` caches instances
per set of user files, so the pipeline can call it for every document.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

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
from .loader import Tables, load_tables, package_sources, user_sources
from .normalize import Token, acronym_form, fold, key, tokens, translit_variants, umlaut_variant
from .records import Country, Organization, Person, Place, Role, SectorTerm
from .resolver import resolve

ENV_VAR = "COMMUNIQUE_KB"
#: A role that starts within this many days of the date counts as the person's role
#: (presidents-elect, ministers-designate), unless a past role ended more recently.
ELECT_WINDOW_DAYS = 120
#: Offices several people hold at once: a bare "Russian spokesman" is nobody in particular.
SHARED_OFFICES = frozenset({"spokesman", "envoy", "special envoy", "special representative",
                            "ambassador", "commander", "director", "chief of staff"})
#: Country names that read better with "the" in "Government of the ...".
_THE = frozenset({"United States", "United Kingdom", "Netherlands", "Philippines",
                  "United Arab Emirates", "Central African Republic", "Bahamas", "Gambia",
                  "Democratic Republic of the Congo", "Republic of the Congo", "Vatican",
                  "Marshall Islands", "Solomon Islands", "Comoros", "Maldives", "Seychelles",
                  "Dominican Republic", "Czech Republic"})
_METONYM_NAMES = {"GOV": "Government of {}", "MIL": "Military of {}",
                  "SPY": "Intelligence services of {}", "LEG": "Legislature of {}",
                  "JUD": "Judiciary of {}", "COP": "Police of {}"}

class KBWarning(UserWarning):
    """A knowledge-base row was skipped or partly ignored (message names file:line)."""


class PlaceHit(NamedTuple):
    """What a place-like phrase names: a country (by name, adjective or people noun),
    a government metonym or capital, or a region/territory/city/sea/site."""

    kind: str  # country | adjective | people | metonym | capital | region | territory | ...
    name: str
    country: str | None
    sector: str | None


def as_date(value: str | dt.date | dt.datetime | None) -> dt.date:
    """Coerce the ``date`` argument of the public API; None means today."""
    if value is None or value == "":
        return dt.date.today()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise ValueError(f"date {value!r} is not YYYY-MM-DD") from None


class KnowledgeBase:
    """Countries, organisations, office holders, places and the sector lexicon.

    Build with :meth:`load` (cached, package data + ``extra_paths`` + ``$COMMUNIQUE_KB``)
    or :meth:`from_files` (uncached). ``problems`` lists every skipped or questionable
    row as ``file:line: message``.
    """

    def __init__(self, tables: Tables) -> None:
        self.countries: dict[str, Country] = tables.countries
        self.organizations: dict[str, list[Organization]] = tables.organizations
        self.places: dict[str, Place] = tables.places
        self.sectors: dict[str, SectorTerm] = tables.sectors
        self.persons: dict[str, Person] = tables.persons
        self.problems: list[str] = tables.problems
        self.files: list[str] = tables.files
        self._phrases: dict[str, list[Entry]] = {}
        self._surnames: dict[str, list[Person]] = {}
        self._holders: dict[tuple[str, str], list[tuple[Person, Role]]] = {}
        #: roles held in a body, by (office, the body's country): "Nigeria's central bank
        #: governor" is the governor of the Central Bank of Nigeria
        self._body_holders: dict[tuple[str, str], list[tuple[Person, Role]]] = {}
        self._org_by_key: dict[str, str] = {}
        self._build_indexes()
        self.max_phrase = max((k.count(" ") + 1 for k in self._phrases), default=1)
        self._resolve = functools.lru_cache(maxsize=65536)(self._resolve_uncached)

    def __getstate__(self) -> dict[str, Any]:
        """Picklable for worker pools and Spark: the per-instance cache is rebuilt."""
        state = self.__dict__.copy()
        state.pop("_resolve", None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._resolve = functools.lru_cache(maxsize=65536)(self._resolve_uncached)

    # ------------------------------------------------------------------ construction

    @classmethod
    def from_files(cls, paths: Iterable[str | Path] = (), *, package: bool = True,
                   warn: bool = True) -> KnowledgeBase:
        """Load package data (unless ``package=False``) plus ``paths``, uncached."""
        problems: list[str] = []
        sources = (package_sources() if package else []) + user_sources(paths, problems)
        tables = load_tables(sources)
        tables.problems[:0] = problems
        kb = cls(tables)
        if warn:
            for p in kb.problems:
                warnings.warn(p, KBWarning, stacklevel=3)
        return kb

    @classmethod
    def load(cls, extra_paths: Sequence[str | Path] | None = None, *, use_env: bool = True,
             refresh: bool = False) -> KnowledgeBase:
        """The shared instance for these user files (plus ``$COMMUNIQUE_KB`` paths).

        Instances are cached per (paths, environment value); ``refresh=True`` rereads.
        """
        paths = [str(p) for p in (extra_paths or ())]
        if use_env and os.environ.get(ENV_VAR):
            paths += [p for p in os.environ[ENV_VAR].split(os.pathsep) if p.strip()]
        if refresh:
            _cached.cache_clear()
        return _cached(tuple(paths))

    def _add(self, text: str, entry_type: int, ref: Any, where: str, *,
             proper: bool = True) -> None:
        k = key(text) if text else ""
        if not k:
            return
        acro = acronym_form(text)
        lst = self._phrases.setdefault(k, [])
        for e in lst:
            if e.type == entry_type and e.acro == acro:
                if _ref_id(e.ref) != _ref_id(ref):
                    self.problems.append(
                        f"{where}: {text!r} already names {_ref_id(e.ref)}; "
                        f"ignored for {_ref_id(ref)}")
                return
        lst.append(Entry(entry_type, ref, acro, proper))

    def _build_indexes(self) -> None:
        for k, recs in self.organizations.items():
            self._org_by_key[key(k)] = k
            org = recs[-1]
            for text in (org.key, org.name, *org.aliases):
                self._add(text, ORG, k, org.where)
        for c in self.countries.values():
            for text in (c.name, c.official_name, *c.aliases):
                self._add(text, COUNTRY, c.iso3, c.where)
            for text in c.adjectives:
                self._add(text, ADJ, c.iso3, c.where)
            for text in c.people:
                self._add(text, PEOPLE, c.iso3, c.where)
            if c.capital:
                self._add(c.capital, METONYM, (c.iso3, "GOV", c.capital, True), c.where)
            for text, sector in c.metonyms:
                self._add(text, METONYM, (c.iso3, sector, text, False), c.where)
        for p in self.places.values():
            for text in (p.name, *p.aliases):
                self._add(text, PLACE, key(p.name), p.where)
        for t in self.sectors.values():
            self._add(t.term, TERM, key(t.term), t.where, proper=False)
        for pk, person in self.persons.items():
            names = (person.name, *person.aliases)
            variants = [v for n in names for v in translit_variants(n)]
            for text in (*names, *filter(None, map(umlaut_variant, names))):
                self._add(text, PERSON, pk, person.roles[0].where)
            for text in variants:
                if not self._phrases.get(key(text)):
                    self._add(text, PERSON, pk, person.roles[0].where)
            sur = person.surname
            if sur != "-":
                sk = key(sur) if sur else _default_surname(person.name)
                alt = umlaut_variant(sur or person.name)
                alts = [key(v) for v in translit_variants(sur)] if sur else [
                    _default_surname(v) for v in translit_variants(person.name)]
                for k in filter(None, (sk, alt and (key(alt) if sur else _default_surname(alt)),
                                       *alts)):
                    lst = self._surnames.setdefault(k, [])
                    if person not in lst:
                        lst.append(person)
            for r in person.roles:
                where = key(r.organization) if r.organization else r.country
                for office in r.offices:
                    self._holders.setdefault((office, where), []).append((person, r))
                    if r.organization and office not in GENERIC_OFFICES | SHARED_OFFICES:
                        self._body_holders.setdefault((office, r.country), []).append(
                            (person, r))

    # ------------------------------------------------------------------ phrase matching

    def match(self, toks: Sequence[Token], i: int, *, lower_query: bool = False,
              types: frozenset[int] | None = None, max_len: int | None = None
              ) -> tuple[int, list[Entry]]:
        """Longest phrase starting at token ``i``: (length, entries) or (0, []).

        Short all-capital aliases must be written in capitals ("US" but not "us");
        one-word proper names must be capitalised unless the whole query is lower case.
        """
        n = len(toks)
        top = min(self.max_phrase, n - i, max_len or n)
        for length in range(top, 0, -1):
            entries = self._phrases.get(" ".join(t.key for t in toks[i:i + length]))
            if not entries:
                continue
            raw = "".join(t.raw for t in toks[i:i + length])
            ok = []
            for e in entries:
                if types is not None and e.type not in types:
                    continue
                if e.acro is not None:
                    if raw != e.acro:
                        continue
                elif (e.proper and length == 1 and not lower_query
                      and not any(c.isupper() for c in raw)):
                    continue
                ok.append(e)
            if ok:
                ok.sort(key=lambda e: e.type)
                return length, ok
        return 0, []

    def whole(self, text: str, types: frozenset[int] | None = None) -> list[Entry]:
        """Entries naming exactly ``text`` (leading "the" ignored)."""
        toks = tokens(text)
        if len(toks) > 1 and toks[0].key == "the":
            toks = toks[1:]
        if not toks:
            return []
        lower = not any(c.isupper() for c in text)
        length, entries = self.match(toks, 0, lower_query=lower, types=types)
        return entries if length == len(toks) else []

    # ------------------------------------------------------------------ lookups

    def country(self, code: str | None) -> Country | None:
        """The country row for an ISO3 code (or None)."""
        return self.countries.get((code or "").upper())

    def org(self, key_or_alias: str, date: str | dt.date | None = None) -> Organization | None:
        """Alias of :meth:`lookup_org`."""
        return self.lookup_org(key_or_alias, date)

    def org_on(self, org_key: str, day: dt.date) -> Organization:
        """The organisation row in force on ``day`` (nearest period if none is)."""
        recs = self.organizations[org_key]
        active = [o for o in recs if o.active(day)]
        if active:
            return active[-1]
        before = [o for o in recs if o.start is None or o.start <= day]
        return before[-1] if before else recs[0]

    def lookup_org(self, text: str, date: str | dt.date | None = None) -> Organization | None:
        """An organisation by key, full name or alias ("NATO", "the UN nuclear watchdog").

        The row returned is the one in force on ``date`` (default today), so the Taliban
        are REB before 15 August 2021 and GOV after.
        """
        for e in self.whole(text, frozenset({ORG})):
            return self.org_on(e.ref, as_date(date))
        return None

    def lookup_place(self, text: str) -> PlaceHit | None:
        """A country name/alias, adjective ("French"), people noun ("Ukrainians"),
        government metonym ("the Kremlin", "Washington") or region/territory ("Gaza")."""
        for e in self.whole(text, frozenset({COUNTRY, METONYM, ADJ, PEOPLE, PLACE})):
            return self.place_hit(e)
        return None

    def place_hit(self, e: Entry) -> PlaceHit:
        if e.type in (COUNTRY, ADJ, PEOPLE):
            c = self.countries[e.ref]
            kind = {COUNTRY: "country", ADJ: "adjective", PEOPLE: "people"}[e.type]
            return PlaceHit(kind, c.name, c.iso3, None)
        if e.type == METONYM:
            iso, sector, text, capital = e.ref
            return PlaceHit("capital" if capital else "metonym", text, iso, sector)
        p = self.places[e.ref]
        return PlaceHit(p.kind, p.name, p.country, p.sector)

    def sector_of(self, noun: str) -> SectorTerm | None:
        """The lexicon entry for a noun or title ("troops" -> MIL, "protesters" -> CVL).

        Tries the whole phrase, then its last words ("North Korean troops" -> troops).
        """
        toks = tokens(noun)
        for i in range(len(toks)):
            term = self.sectors.get(" ".join(t.key for t in toks[i:]))
            if term:
                return term
        return None

    def lookup_person(self, name: str, date: str | dt.date | None = None) -> PersonHit | None:
        """A known person by full name, alias ("Bibi", "MBS") or unambiguous surname,
        with the role that applies on ``date`` (default today)."""
        day = as_date(date)
        for e in self.whole(name, frozenset({PERSON})):
            return self.role_on(self.persons[e.ref], day)
        toks = tokens(name)
        if toks:
            person = self.by_surname(toks, day)
            if person:
                return self.role_on(person, day)
        return None

    def by_surname(self, toks: Sequence[Token], day: dt.date,
                   accept: Any = None) -> Person | None:
        """The one person a surname (the last token) can mean on ``day``, else None.

        With a first name given, it must match the person's. Several candidates are
        narrowed to those in office on the day, then to the one leading a country.
        """
        n = 1  # a surname of several words ("Ofori-Atta", "Lopez Obrador"), longest first
        for m in range(min(len(toks), 3), 1, -1):
            if " ".join(t.key for t in toks[-m:]) in self._surnames:
                n = m
                break
        cands = self._surnames.get(" ".join(t.key for t in toks[-n:]), [])
        if len(toks) > n:
            first = toks[0].key
            cands = [p for p in cands
                     if any(key(n).split(" ")[0] == first for n in (p.name, *p.aliases))]
        if accept is not None:
            cands = [p for p in cands if accept(p)]
        if len(cands) <= 1:
            return cands[0] if cands else None
        active = [p for p in cands if any(r.active(day) for r in p.roles)]
        if len(active) == 1:
            return active[0]
        leaders = [p for p in active
                   if any(r.active(day) and "leader" in r.offices for r in p.roles)]
        return leaders[0] if len(leaders) == 1 else None

    def role_on(self, person: Person, day: dt.date) -> PersonHit:
        """The role a person holds on ``day``; else the nearest (elect or former)."""
        active = [r for r in person.roles if r.active(day)]
        if active:
            active.sort(key=lambda r: ("leader" in r.offices, r.start))
            return PersonHit(person, active[-1], "current")
        past = [r for r in person.roles if r.end is not None and r.end < day]
        future = [r for r in person.roles if r.start > day]
        last = max(past, key=lambda r: r.end) if past else None
        nxt = min(future, key=lambda r: r.start) if future else None
        if nxt and (nxt.start - day).days <= ELECT_WINDOW_DAYS:
            if last is None or (nxt.start - day) < (day - last.end):
                return PersonHit(person, nxt, "elect")
        if last:
            return PersonHit(person, last, "former")
        return PersonHit(person, nxt, "before")

    def holder_of(self, role_words: str, where: str | None,
                  date: str | dt.date | None = None) -> PersonHit | None:
        """Who held an office on ``date``: ``holder_of("president", "FRA", "2024-11-13")``.

        ``role_words`` is a title as written ("secretary of state", "PM", "chief");
        ``where`` an ISO3 code, a country name or adjective, or an organisation.
        """
        day = as_date(date)
        term = self.sectors.get(key(role_words))
        office = term.office if term and term.office else key(role_words)
        place = self._where(where)
        if place is None:
            return None
        return self.holder(office, place, day)

    def _where(self, where: str | None) -> str | None:
        if not where:
            return None
        if where.upper() in self.countries:
            return where.upper()
        for e in self.whole(where, frozenset({ORG, COUNTRY, ADJ, PEOPLE, METONYM})):
            if e.type == ORG:
                return key(e.ref)
            return e.ref[0] if e.type == METONYM else e.ref
        return key(where) if key(where) in self._org_by_key else None

    def holder(self, office: str, where: str, day: dt.date) -> PersonHit | None:
        """Index form of :meth:`holder_of`: ``where`` is ISO3 or a normalised org key."""
        for off in (office, "leader") if office in GENERIC_OFFICES else (office,):
            cands = [(p, r) for p, r in self._holders.get((off, where), ()) if r.active(day)]
            if off in SHARED_OFFICES and len({p.name for p, _ in cands}) > 1:
                return None
            if cands:
                p, r = max(cands, key=lambda pr: pr[1].start)
                return PersonHit(p, r, "current")
        body = [(p, r) for p, r in self._body_holders.get((office, where), ()) if r.active(day)]
        if len({p.name for p, _ in body}) == 1:  # one body of that country has the office
            return PersonHit(body[0][0], body[0][1], "current")
        return None

    def holders(self, country: str | None = None, role: str | None = None,
                on: str | dt.date | None = None) -> list[tuple[Person, Role]]:
        """Browse office holders: filter by country (code or name), role text, date."""
        code = None
        if country:
            code = self._where(country) or country.upper()
        day = as_date(on) if on else None
        needle = fold(role) if role else None
        out = []
        for p in self.persons.values():
            for r in p.roles:
                if code and r.country != code and key(r.organization or "") != code:
                    continue
                if day and not r.active(day):
                    continue
                if needle and needle not in fold(r.role) and key(needle) not in r.offices:
                    continue
                out.append((p, r))
        out.sort(key=lambda pr: (pr[1].country, pr[1].organization or "", pr[1].role,
                                 pr[1].start))
        return out

    def country_name(self, iso3: str) -> str:
        c = self.countries.get(iso3)
        return c.name if c else iso3

    def metonym_name(self, iso3: str, sector: str) -> str:
        name = self.country_name(iso3)
        if name in _THE:
            name = "the " + name
        return _METONYM_NAMES.get(sector, "{} (" + sector + ")").format(name)

    # ------------------------------------------------------------------ resolution

    def resolve(self, text: str, date: str | dt.date | dt.datetime | None = None
                ) -> dict[str, str | None]:
        """Resolve one actor mention to name, kind, country, organization, sector, role,
        wikidata. See :func:`communique.kb.resolver.resolve` for the rules."""
        return dict(self._resolve(text, as_date(date)))

    def _resolve_uncached(self, text: str, day: dt.date) -> tuple[tuple[str, Any], ...]:
        return tuple(resolve(self, text, day).items())


def _ref_id(ref: Any) -> str:
    if isinstance(ref, tuple):
        return str(ref[0])
    return str(ref)


def _default_surname(name: str) -> str:
    parts = key(name).split(" ")
    while len(parts) > 1 and parts[-1] in {"jr", "sr", "ii", "iii", "iv", "xiv", "xvi"}:
        parts.pop()
    return parts[-1] if len(parts) > 1 else ""


@functools.lru_cache(maxsize=16)
def _cached(paths: tuple[str, ...]) -> KnowledgeBase:
    return KnowledgeBase.from_files(paths, warn=True)
