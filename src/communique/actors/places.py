"""The country of a place that neither the gazetteer nor the knowledge base knows.

A town the text names as a place ("the village of Baghour", "Tel Amir camp", "in
Qarwabeh") but that no gazetteer lists gets its country from the text: a known place
or country it is said to lie in or near in the same sentence ("Qarwabeh, a town in
eastern Ghouta", "Tel Amir, near Manbij", "the Syrian town of Tel Amir"), else the
country the article is about (the country named most often, if clearly so).
"""

from __future__ import annotations

from collections import Counter

from ..tables import data_rows
from .index import ActorIndex, Cluster

__all__ = ["force_countries", "place_countries"]

#: words between a place and the known place or country that contains it or lies near it
LINKS = {"in", "near", "outside", "of", "north", "south", "east", "west", "province",
         "governorate", "district", "town", "village", "city", "a", "the", ",", "northern",
         "southern", "eastern", "western", "central", "rural", "countryside", "camp",
         "neighbourhood", "suburb", "-", "north-east", "north-west",
         "south-east", "south-west", "northeast", "northwest", "southeast", "southwest"}
#: how many times the article's main country must be named (and more than any other)
MAIN_MIN = 3


def _main_country(index: ActorIndex) -> str | None:
    counts: Counter[str] = Counter()
    for cl in index.clusters:
        if cl.mentions and cl.place_country() and len(cl.country) == 3 \
                and cl.country.isalpha():
            counts[cl.country] += len([m for m in cl.mentions if m.label != "PRON"])
    top = counts.most_common(2)
    if not top or top[0][1] < MAIN_MIN or (len(top) > 1 and top[1][1] >= top[0][1]):
        return None
    return top[0][0]


def _context_country(index: ActorIndex, cl: Cluster) -> str | None:
    """The country of a known place or country right after (or an adjective right
    before) a mention of the place, joined to it only by LINKS words."""
    doc = index.doc
    for m in cl.mentions:
        for step, rng in ((1, range(m.end, min(len(doc), m.end + 8))),
                          (-1, range(m.start - 1, max(-1, m.start - 5), -1))):
            for i in rng:
                other = index.mention_at(doc[i])
                if other is not None and other.actor >= 0:
                    o = index.clusters[index.canonical(other.actor)]
                    if o is not cl and o.place_country():
                        # "Tel Amir, near Manbij"; "the Syrian town of Tel Amir", but
                        # not "Tel Amir near the Iraqi border" (an adjective after)
                        if (step == 1) != (doc[i].ent_type_ == "NORP"):
                            return o.country
                    break
                if doc[i].lower_ not in LINKS:
                    break
    return None


def _features() -> frozenset[str]:
    return frozenset(r["word"] for r in data_rows("actors/data/place_cues.csv")
                     if r["where"] == "feature")


#: words of a river's, sea's or mountain range's name: such a place may cross borders
FEATURES = _features()


def place_countries(index: ActorIndex) -> None:
    """Give unknown places (no gazetteer or knowledge-base id) a country from the text;
    not a river, sea or mountain range ("the Euphrates River")."""
    main: str | None | bool = False
    for cl in index.clusters:
        if cl.kind != "location" or cl.country or cl.ref or not cl.mentions:
            continue
        words = {index.doc[i].lower_ for m in cl.mentions for i in range(m.start, m.end)}
        if words & FEATURES:
            continue
        country = _context_country(index, cl)
        if country is None:
            if main is False:
                main = _main_country(index)
            country = main or None
        cl.country = country


#: sectors of unnamed forces that act in the country the article is about
FORCE_SECTORS = {"MIL", "REB", "PRM", "COP"}


#: head words of an unnamed jihadist force ("the militants")
JIHADIST_NOUNS = frozenset(r["word"] for r in data_rows("actors/data/jihadist_nouns.csv"))


def _jihadist_org(index: ActorIndex) -> str | None:
    """The country code (IMG) of the article's one named jihadist organisation, if one."""
    found = {cl.country for cl in index.clusters
             if cl.mentions and cl.country == "IMG" and cl.kind == "organization"
             and not cl.key.startswith("noun:")}
    return found.pop() if len(found) == 1 else None


def force_countries(index: ActorIndex) -> None:
    """"Government forces", "rebel fighters", "the rebels": an unnamed force the text
    gives no country is the article's country's (the country named most often, if
    clearly so). "The militants", "jihadists" in an article naming one jihadist
    organisation are that organisation's."""
    main: str | None | bool = False
    jihadist: str | None | bool = False
    for cl in index.clusters:
        if cl.kind != "group" or cl.country or cl.sector not in FORCE_SECTORS \
                or not cl.mentions or cl.ref:
            continue
        words = cl.name.lower().split()
        if len(words) <= 2 and words and words[-1].removesuffix("s") in JIHADIST_NOUNS:
            if jihadist is False:
                jihadist = _jihadist_org(index)
            if jihadist:
                cl.country, cl.guessed = jihadist, True
                continue
        if main is False:
            main = _main_country(index)
        if not main:
            return
        cl.country, cl.guessed = main, True
