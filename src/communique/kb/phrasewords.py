"""The word lists of the mention resolver (kb/resolver.py) and the rule that keeps a
local or an unnamed body's office from the national holder."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from ..tables import data_rows
from .entries import ADJ, COUNTRY, METONYM, PEOPLE, PLACE
from .normalize import Token
from .placewords import LOCAL_WORDS, LOCATIVE

if TYPE_CHECKING:
    from .resolver import Mod

_NUMBERS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
            "eleven", "twelve", "twenty", "fifty", "hundred"}
LEADING = {"the", "a", "an", "some", "several", "many", "few", "dozens", "hundreds",
           "thousands", "tens", "millions", "scores", "of", "about", "around", "at", "least",
           "more", "than", "all", "both", "these", "those", "this", "that", "its", "their",
           "his", "her", "our"} | _NUMBERS
FORMER = {"former", "ex", "ousted", "deposed", "exiled", "erstwhile", "retired"}
FILLERS = {"the", "a", "an", "and", "senior", "top", "high", "ranking", "local", "unnamed",
           "anonymous", "other", "fellow", "new", "incoming", "outgoing", "then", "current",
           "longtime", "veteran", "powerful", "late", "elect", "designate", "self",
           "proclaimed", "so", "called", "de", "facto", "deputy", "foreign", "regional",
           "national", "federal", "central", "state", "provincial", "chief", "two", "some",
           "several", "many", "s", "said", "unidentified", "masked", "heavily", "armed",
           "allied", "key", "leading", "prominent", "influential", "hardline", "moderate",
           "radical", "islamist", "jihadi", "sunni", "shia", "shiite", "kurdish", "arab",
           "western", "european", "international", "african", "asian", "gulf", "ethnic"}
HONORIFICS = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "lord", "lady", "sheikh",
              "sheik", "ayatollah", "grand", "hojatoleslam", "mullah", "prof",
              "rev", "reverend", "comrade", "herr", "monsieur", "madame", "hon",
              "honourable", "honorable", "excellency", "his", "her", "mister"}
#: "Iranian-backed X": the backer is not the actor (no country, no sector).
BACKERS = {"backed", "sponsored", "supported", "allied", "aligned", "linked", "affiliated",
           "funded", "trained", "made", "built", "supplied", "inspired", "friendly",
           "leaning", "held", "occupied", "annexed", "proxy", "proxies", "style"}
#: "Hamas-run ministry", "US-led coalition": the country applies, the sector does not.
CONTROLLERS = {"led", "run", "controlled", "based", "installed", "appointed", "owned",
               "operated", "dominated", "governed", "ruled", "administered"}
#: "pro-Russian", "anti-Assad", "non-Syrians": the modifier that follows does not apply
PRO_ANTI = {"pro", "anti", "non"}
NAME_PARTICLES = {"al", "bin", "ibn", "abu", "de", "van", "von", "der", "den", "da", "la",
                  "le", "du", "di", "dos", "el", "ul", "ben", "bint", "ter", "del", "ez", "es",
                  "ed", "ash", "ad", "ar", "az", "adh", "ath"}
#: words after which a capitalised name is not the name of the phrase's person
NOT_BEFORE_NAME = {"of", "in", "at", "from", "near", "for", "on", "inside", "outside"}
#: prepositions after the head noun of a role phrase ("the head of ...", "a spokesman for")
HEAD_PREPS = {"of", "for", "to", "at", "with"}


@functools.cache
def org_heads() -> frozenset[str]:
    """Head nouns that end an organisation's name (``actors/data/org_heads.csv``, read
    as a file of the package: importing the actor stage would load spaCy)."""
    return frozenset(r["word"] for r in data_rows("actors/data/org_heads.csv") if r.get("word"))


def local_office(mods: list[Mod], toks: list[Token]) -> bool:
    """The office is a local one or an unnamed body's, never the national (or the named
    organisation's) holder: a place below the state names what it is of, with no country
    stated ("the head of Idlib", "the SDF commander in Baghuz", "the Kurdistan region
    president"), a local word qualifies it ("the provincial governor", "the head of the
    city council"), or an unrecognised name or organisation head says whose it is ("the
    head of the Red Crescent in Idlib", "the chief of the Idlib health directorate").
    With a country stated ("Turkey's foreign minister in Vancouver", "the Syrian
    president in Aleppo") a place after "in" is where the holder is."""
    stated = any(m.entry.type in (COUNTRY, ADJ, PEOPLE, METONYM) and not m.no_country
                 for m in mods)
    if not stated and any(m.entry.type == PLACE and not m.no_country for m in mods):
        return True
    taken = {id(t) for m in mods for t in m.toks}
    heads = {w.lower() for w in org_heads()}
    where = False  # after "in", "at": a place, when a country is stated
    for t in toks:
        if t.key in LOCAL_WORDS:
            return True
        if t.key in LOCATIVE:
            where = True
        if id(t) in taken or t.key in FILLERS or t.key in LEADING or t.key in HONORIFICS \
                or t.key in NOT_BEFORE_NAME or t.key in NAME_PARTICLES or not t.key.isalpha():
            continue
        if t.key in heads or (t.raw[:1].isupper() and not (where and stated)):
            return True
    return False
