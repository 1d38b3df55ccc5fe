"""Reading an actor mention: tokens stripped of articles and leading words, "X of
Country" turned round, and the modifiers and titles scanned from the left
(:func:`_scan`) before the name; the result record every reading returns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import gazetteer
from .entries import (
    ADJ,
    COUNTRY,
    METONYM,
    ORG,
    PEOPLE,
    PERSON,
    PLACE,
    TERM,
    Entry,
)
from .normalize import Token, surface
from .phrasewords import (
    BACKERS,
    CONTROLLERS,
    FILLERS,
    FORMER,
    HONORIFICS,
    LEADING,
    NAME_PARTICLES,
    PRO_ANTI,
    org_heads,
)
from .placewords import PLACE_NOUNS, PLACE_OF

if TYPE_CHECKING:  # the knowledge base is passed in; only its type is named here
    from .base import KnowledgeBase


@dataclass
class Mod:
    """One recognised modifier or title in a mention."""

    entry: Entry
    toks: list[Token]
    no_country: bool = False
    no_sector: bool = False
    postposed: bool = False


def _result(name: str, kind: str, country: str | None = None, organization: str | None = None,
            sector: str | None = None, role: str | None = None, wikidata: str | None = None
            ) -> dict[str, Any]:
    return {"name": name, "kind": kind, "country": country, "organization": organization,
            "sector": sector, "role": role, "wikidata": wikidata}


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


def _body_head(kb: KnowledgeBase, toks: list[Token]) -> str | None:
    """The longest run of a name's last words (two at least) that is a sector term for a
    kind of body ("defence force" in "People's Defence Force"), else None."""
    for i in range(len(toks) - 1):
        words = " ".join(t.key for t in toks[i:])
        term = kb.sectors.get(words)
        if term is not None and words.count(" ") and term.kind == "organization" \
                and not term.weak:
            return words
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
            body = _body_head(kb, m.toks)
            if body and countries and org_country not in countries | {"IGO"}:
                # "the Tanzanian People's Defence Force": a body named by its kind that
                # another state's body also bears is the stated country's own
                mods[n] = Mod(Entry(TERM, body, None, False), m.toks,
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
    suppress_at = -1  # the token right after "pro", "anti", "non"
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
            if i == suppress_at:
                mod.no_country = mod.no_sector = True
            mods.append(mod)
            i += length
            continue
        if t.key in PRO_ANTI:
            # only the word the prefix is joined to: "non-Kurdish residents" are residents
            suppress_at = i + 1
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
