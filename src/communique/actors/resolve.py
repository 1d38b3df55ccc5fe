"""Give each actor cluster its knowledge-base identity, then merge clusters that are one actor.

A cluster is resolved from its best text: a person's stated title plus full name (a role
stated in the article wins over the knowledge base, which gives the role held on the
publication date), a group's whole phrase ("North Korean troops" -> PRK, MIL), a country's
name, adjective or metonym. Clusters that resolve to the same identity ("French" and
"France"; "Russian soldiers" and "Russian troops") become one actor.
"""

from __future__ import annotations

import datetime as dt

from ..kb import KnowledgeBase
from ..kb.entries import PERSON
from .index import ActorIndex, Cluster

#: prepositions after which a capital city is a place, not its government
LOCATIVE = {"in", "at", "near", "outside", "inside", "from", "into", "across",
            "around", "through", "within", "toward", "towards", "via", "between"}
#: "to" is a place only after motion ("flew to Paris"), not after giving ("a gift to Moscow")
MOTION = {"travel", "fly", "go", "come", "return", "trip", "visit", "arrive", "move", "head",
          "journey", "drive", "sail", "march", "flee", "deploy", "send", "bring", "way"}
#: the sector of a named person the knowledge base and the text give no office
PRIVATE = "CVL"
_ATTRS = ("country", "organization", "sector", "role", "wikidata")


def _locative(index: ActorIndex, cl: Cluster) -> bool:
    """Every mention of the cluster sits after a locative preposition ("met in Paris")."""
    doc = index.doc
    if not cl.mentions:
        return False
    for m in cl.mentions:
        if m.label == "PRON":
            continue
        head = doc[m.end - 1]
        prep = head.head
        if head.dep_ != "pobj":
            return False
        if prep.lower_ == "to":
            if prep.head.lemma_.lower() not in MOTION:
                return False
        elif prep.lower_ not in LOCATIVE:
            return False
    return True


def _adopt(cl: Cluster, hit: dict, kb: KnowledgeBase) -> None:
    """Take a knowledge-base person's canonical name and attributes (the resolver also
    answers kind person for a role phrase: "a British volunteer")."""
    cl.name = hit["name"] or cl.name
    cl.known = bool(hit["name"] and kb.whole(hit["name"], frozenset({PERSON})))
    for k in _ATTRS:
        setattr(cl, k, hit.get(k))


def resolve_cluster(index: ActorIndex, cid: int, kb: KnowledgeBase, day: dt.date) -> None:
    cl = index.clusters[cid]
    text = cl.name
    if cl.kind == "person":
        text = " ".join(x for x in (cl.title, cl.name, cl.origin) if x)
    hit = kb.resolve(text, day)
    kind = hit.get("kind") or "other"
    if kind == "other" and cl.ref.startswith("country:"):  # a name only pycountry knows
        hit = kb.resolve(kb.country_name(cl.ref.split(":", 1)[1]), day)
        kind = hit.get("kind") or "other"
    if cl.kind == "person":
        if kind == "person":
            _adopt(cl, hit, kb)
        # an unknown person keeps the NER's kind; what the text states wins: role,
        # organisation and country from the title ("Colombia's defence minister"), and
        # a person with no office at all is a private person (CVL)
        elif cl.title or cl.origin:
            cl.country, cl.sector = hit.get("country"), hit.get("sector")
            cl.organization = hit.get("organization")
            cl.role = hit.get("role") or cl.title
        elif cl.sector is None:
            cl.sector = PRIVATE
        return
    if kind == "other":  # unknown to the knowledge base: keep what the text gave
        return
    if kind == "person":  # "Trump" tagged ORG by the small model
        cl.kind = "person"
        _adopt(cl, hit, kb)
        return
    if kind == "organization" and hit.get("sector") == "GOV" and _locative(index, cl) \
            and hit.get("organization") is None:
        # "talks in Paris": the city, not the French government
        place = kb.lookup_place(cl.name)
        cl.kind = "location"
        cl.country = hit.get("country") if place is None else place.country
        return
    cl.kind = kind
    if not cl.key.startswith("noun:") or kind in ("country", "organization"):
        cl.name = hit.get("name") or cl.name
    for k in _ATTRS:
        setattr(cl, k, hit.get(k))


def identity(cl: Cluster) -> tuple | None:
    """What makes two clusters one actor; None when only the cluster itself is known."""
    if cl.kind == "person":
        return ("person", cl.wikidata or cl.name.lower()) if cl.country else None
    if cl.kind == "country" and cl.country:
        return ("country", cl.country)
    if cl.kind == "organization" and cl.country:
        return ("organization", cl.name.lower(), cl.country)
    if cl.kind == "group" and cl.country and cl.sector:
        return ("group", cl.country, cl.sector)
    return None


def resolve_all(index: ActorIndex, kb: KnowledgeBase, day: dt.date,
                start: int = 0) -> None:
    """Resolve clusters from ``start`` on and merge each into an earlier one of the same
    identity."""
    seen: dict[tuple, int] = {}
    for cid, cl in enumerate(index.clusters):
        if cid >= start:
            resolve_cluster(index, cid, kb, day)
        ident = identity(cl) if cl.mentions else None
        if ident is None:
            continue
        if ident in seen and seen[ident] != cid:
            index.merge(cid, seen[ident])
        else:
            seen[ident] = cid
