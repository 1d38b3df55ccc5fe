"""The article's country for unnamed groups and unknown people the text gives none.

What the text says wins (``people.py``, ``resolve.py``); this is the fallback when it says
nothing. The *dominant country* of an article is the state most of its actor mentions
belong to, if it clearly leads: at least ``DOMINANT_MIN`` mentions and ``DOMINANT_RATIO``
times the next state's (an organisation's or group's mentions count for its country;
``IGO``, ``IMG`` and ``NGO`` are no state and do not count). Then:

* a common-noun actor with a word of ``data/local_groups.csv`` ("the rebels", "the
  regime", "civilians", "displaced residents") takes it: in an article about Syria they
  are Syrian. A plural only where the table says so ("governments" are many countries'),
  never "our/my/your government" (the speaker's own);
* a person the knowledge base does not know and the text gives no country ("a doctor in
  the region", "opposition spokesman X", a resident quoted by name) takes it too, unless
  their sector is one of ``data/outside_sectors.csv`` (journalists and experts quoted
  in an article are as often from elsewhere) or the text ties them to an organisation
  whose name holds another nationality ("an activist with the Kurdish Women's
  Movement" in an article about Turkey).

Moved from the events stage (branch evctx2) so that speakers, the record's actors and
events all see it.
"""

from __future__ import annotations

import functools
from collections import Counter

from ..kb import SPECIAL_COUNTRIES, KnowledgeBase
from ..tables import data_rows
from .groups import ETHNONYMS
from .index import ActorIndex, Cluster

__all__ = ["dominant_country", "local_countries"]

#: a dominant country has at least this many actor mentions and this many times the next one's
DOMINANT_MIN = 3
DOMINANT_RATIO = 2.0


def _local_groups() -> dict[str, bool]:
    return {r["word"].lower(): r["plural"] == "yes"
            for r in data_rows("actors/data/local_groups.csv")}


#: words of an unnamed actor of a country's own conflict ("the rebels", "the regime"),
#: and whether their plural is still one country's
LOCAL_GROUPS = _local_groups()
#: sectors of unknown people who do not take the article's country
OUTSIDE_SECTORS = frozenset(r["sector"] for r in data_rows("actors/data/outside_sectors.csv"))
#: a possessive that makes the phrase the speaker's or reader's own ("our government")
OWN = {"our", "my", "your"}


def dominant_country(index: ActorIndex) -> str | None:
    """The state most of the article's actor mentions belong to, if it clearly leads."""
    counts: Counter[str] = Counter()
    for cl in index.clusters:
        if cl.mentions and cl.country and cl.country not in SPECIAL_COUNTRIES:
            counts[cl.country] += len(cl.mentions)
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < DOMINANT_MIN:
        return None
    if len(ranked) > 1 and ranked[0][1] < DOMINANT_RATIO * ranked[1][1]:
        return None
    return ranked[0][0]


def _local_group(index: ActorIndex, cl: Cluster) -> bool:
    if not cl.key.startswith("noun:") or cl.kind == "person":
        return False
    if any(w in OWN for m in cl.mentions for w in
           index.doc[m.start:m.end].text.lower().split()):
        return False
    return any(w in LOCAL_GROUPS or LOCAL_GROUPS.get(w.removesuffix("s"), False)
               for w in cl.name.lower().replace("-", " ").split())


def _local_person(index: ActorIndex, cl: Cluster, country: str) -> bool:
    return cl.kind == "person" and not cl.known and cl.sector not in OUTSIDE_SECTORS \
        and not cl.foreign \
        and not (cl.organization and _foreign_name(index, cl.organization, country))


@functools.cache
def _nation_words(kb: KnowledgeBase) -> dict[str, str | None]:
    """One-word country names, adjectives and people nouns -> ISO3; the ethnonyms of
    ``data/group_ethnonyms.csv`` (no state's) -> None."""
    out: dict[str, str | None] = dict.fromkeys(ETHNONYMS)
    for iso, c in kb.countries.items():
        for w in (c.name, *c.aliases, *c.adjectives, *c.people):
            if w and " " not in w:
                out.setdefault(w.lower(), iso)
    return out


def _foreign_name(index: ActorIndex, name: str, country: str) -> bool:
    """The name holds a nationality that is not ``country`` ("the Kurdish Women's
    Movement" in an article about Turkey): a person of that organisation is not
    taken to be of the article's country."""
    if index.kb is None:
        return False
    words = _nation_words(index.kb)
    return any(w in words and words[w] != country
               for w in name.lower().replace("\u2019", "'").replace("'s", "").split())


def local_countries(index: ActorIndex) -> None:
    """Give countryless local groups and unknown people the article's dominant country
    (see the module docstring); with no dominant country nothing changes."""
    country: str | None | bool = False
    for cl in index.clusters:
        if cl.country or not cl.mentions or cl.ref:
            continue
        if not (_local_group(index, cl) or cl.kind == "person"):
            continue
        if country is False:
            country = dominant_country(index)
        if country is None:
            return
        if _local_group(index, cl) or _local_person(index, cl, country):
            cl.country, cl.guessed = country, True
