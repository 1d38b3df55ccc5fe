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
from ..tables import data_rows
from .index import STATEMENT_NOUNS, ActorIndex, Cluster, Mention
from .people import PRIVATE_NOUNS, descriptor_heads

#: prepositions after which a capital city is a place, not its government
LOCATIVE = {"in", "at", "near", "outside", "inside", "from", "into", "across",
            "around", "through", "within", "toward", "towards", "via", "between"}
#: "to" is a place only after motion ("flew to Paris"), not after giving ("a gift to Moscow")
MOTION = {"travel", "fly", "go", "come", "return", "trip", "visit", "arrive", "move", "head",
          "journey", "drive", "sail", "march", "flee", "deploy", "send", "bring", "way",
          "tour", "reach", "enter", "leave", "evacuate", "relocate"}
#: the sector of a named person the knowledge base and the text give no office
PRIVATE = "CVL"
_ATTRS = ("country", "organization", "sector", "role", "wikidata")


def _force_nouns() -> dict[str, str]:
    return {r["words"].lower(): r["sector"] for r in data_rows("actors/data/force_nouns.csv")
            if r.get("words")}


#: head nouns of a state's forces ("troops", "police") and the sector of the force
FORCE_NOUNS = _force_nouns()
#: the name of a country's force as one organisation, by sector
FORCE_NAMES = {"MIL": "{} armed forces", "COP": "{} police"}


def force_name(kb: KnowledgeBase, name: str, hit: dict) -> str | None:
    """"Turkish troops", "US military leaders", "Iraqi police": a country's armed forces
    or police as one organisation ("Turkish armed forces", "Iraqi police"), or None."""
    country, sector = hit.get("country"), hit.get("sector")
    if not country or hit.get("organization") or sector not in FORCE_NAMES:
        return None
    words = name.lower().replace("\u2019", "'").split()
    if not any(" ".join(words[-n:]) in FORCE_NOUNS for n in (1, 2, 3) if n <= len(words)):
        return None
    if FORCE_NOUNS.get(" ".join(words[-2:]), FORCE_NOUNS.get(words[-1])) not in (sector, None):
        return None
    c = kb.countries.get(country)
    adj = c.adjectives[0] if c is not None and c.adjectives else kb.country_name(country)
    return FORCE_NAMES[sector].format(adj)


#: words before a city that make it the place ("east London", "rural Damascus")
AREA_WORDS = {"east", "west", "north", "south", "central", "rural", "northern", "southern",
              "eastern", "western", "downtown", "greater", "suburban", "inner", "outer"}
#: "out of Kabul", "a suburb of Damascus": "of" after these is locative
OF_PLACE = {"out", "suburb", "suburbs", "outskirts", "countryside", "centre", "center",
            "streets", "edge", "heart", "north", "south", "east", "west", "parts", "part"}


def _locative_mention(index: ActorIndex, m: Mention) -> bool:
    """The mention reads as a place: after a locative preposition, the object of a
    motion verb ("touring Washington"), with an area word before it ("east London"), or
    a conjunct of such a mention ("touring Washington, Paris and London")."""
    doc = index.doc
    head = doc[m.end - 1]
    if m.start > 0 and doc[m.start - 1].lower_ in AREA_WORDS:
        return True
    hops = 0
    while head.dep_ == "conj" and head.head.i < head.i and hops < 4:
        head, hops = head.head, hops + 1
    prep = head.head
    if head.dep_ == "dobj":
        return prep.lemma_.lower() in MOTION
    if head.dep_ != "pobj":
        return False
    if prep.lower_ == "to":
        return prep.head.lemma_.lower() in MOTION
    if prep.lower_ == "from" and prep.head.lemma_.lower() in STATEMENT_NOUNS:
        return False  # "a statement from the White House": whose, not where
    if prep.lower_ == "of":
        return prep.head.lower_ in OF_PLACE
    return prep.lower_ in LOCATIVE


#: prepositions that make an unknown name a place ("in Hamouria", "near Tel Hamis")
INSIDE = {"in", "near", "outside", "inside", "around", "across", "into", "towards",
          "toward", "within", "throughout"}


def _inside_place(index: ActorIndex, cl: Cluster) -> bool:
    """Every mention of an unknown name is the object of "in", "near", ... (strict), with
    no article ("in the New York Times" is a newspaper, "in Hamouria" a town)."""
    doc = index.doc
    named = cl.named()
    return bool(named) and all(doc[m.end - 1].dep_ == "pobj" and
                               doc[m.end - 1].head.lower_ in INSIDE and
                               (m.start == 0 or doc[m.start - 1].lower_ != "the")
                               for m in named)


def _locative(index: ActorIndex, cl: Cluster) -> bool:
    """Every mention of the cluster reads as a place ("met in Paris")."""
    named = cl.named()
    return bool(named) and all(_locative_mention(index, m) for m in named)


def _split_places(index: ActorIndex, cid: int, kb: KnowledgeBase, hit: dict) -> None:
    """A capital that is the government in some mentions and the city in others: the
    locative mentions ("in Ankara") become the city, a place of its own."""
    cl = index.clusters[cid]
    places = [m for m in cl.mentions if m.label != "PRON" and _locative_mention(index, m)]
    if not places or len(places) == len(cl.mentions):
        return
    place = kb.lookup_place(cl.name)
    if place is None or place.kind != "capital":
        return
    new = index.split(cid, places, place.name, "location", f"place:{place.name.lower()}")
    index.clusters[new].country = place.country or hit.get("country")


def _adopt(cl: Cluster, hit: dict, kb: KnowledgeBase) -> None:
    """Take a knowledge-base person's canonical name and attributes (the resolver also
    answers kind person for a role phrase: "a British volunteer")."""
    cl.name = hit["name"] or cl.name
    cl.known = bool(hit["name"] and kb.whole(hit["name"], frozenset({PERSON})))
    for k in _ATTRS:
        setattr(cl, k, hit.get(k))


def _private_phrase(index: ActorIndex, cl: Cluster, tag: str = "NN") -> bool:
    """Every mention of the cluster is a phrase headed by a singular noun of a private
    person ("her Dutch husband"), or with ``tag="NNS"`` by its plural ("two French
    nationals")."""
    doc = index.doc
    named = cl.named()
    return bool(named) and all(
        m.end - m.start > 1 and doc[m.end - 1].pos_ == "NOUN" and doc[m.end - 1].tag_ == tag
        and doc[m.end - 1].lemma_.lower() in PRIVATE_NOUNS for m in named)


def _a_people(index: ActorIndex, cl: Cluster) -> bool:
    """Every mention is a nation's people noun without "the" ("Turks", "thousands of
    Syrians"): the people, not the state ("the Russians" may be its forces)."""
    doc = index.doc
    named = cl.named()
    return bool(named) and all(
        m.end - m.start == 1 and doc[m.start].ent_kb_id_.startswith("people:")
        and (m.start == 0 or doc[m.start - 1].lower_ != "the") for m in named)


def _private_one_name(index: ActorIndex, cl: Cluster, kb: KnowledgeBase) -> bool:
    """A person named by one word only, whom the article describes as a private person
    ("Ahmed, a 34-year-old father of three"): not the office holder of that surname."""
    if cl.origin or len(cl.name.split()) != 1:
        return False
    if cl.title:  # "the 34-year-old father" the apposition made its title
        return cl.title.split()[-1].lower() in PRIVATE_NOUNS
    for m in cl.mentions:
        if m.label != "PERSON":
            continue
        for d in descriptor_heads(index, kb, m):
            low = d.lemma_.lower()
            term = kb.sector_of(low)
            if low in PRIVATE_NOUNS or (term is not None and term.sector in ("CVL", "REF")):
                return True
    return False


def _nationals(index: ActorIndex, cl: Cluster) -> str | None:
    """The state of "British Kurds", "Syrian Arabs": a group whose every mention is a
    state's adjective and a people's plural name, the state's people (kind group)."""
    doc = index.doc
    named = cl.named()
    states = {doc[m.start].ent_kb_id_ for m in named}
    if cl.kind != "group" or not named or len(states) != 1 or any(
            m.end - m.start != 2 or doc[m.end - 1].tag_ not in ("NNPS", "NNS")
            or doc[m.end - 1].ent_type_ != "NORP" for m in named):
        return None
    ref = states.pop()
    return ref.split(":", 1)[1] if ref.startswith("adj:") else None


def resolve_cluster(index: ActorIndex, cid: int, kb: KnowledgeBase, day: dt.date) -> None:
    cl = index.clusters[cid]
    text = cl.name
    if cl.kind == "person":
        text = " ".join(x for x in (cl.title, cl.name, cl.origin) if x)
    people = _nationals(index, cl)
    if people:  # "British Kurds": the state's people, private persons
        cl.country, cl.sector = people, PRIVATE
        return
    hit = kb.resolve(text, day)
    kind = hit.get("kind") or "other"
    if kind == "other" and cl.ref.startswith("country:"):  # a name only pycountry knows
        hit = kb.resolve(kb.country_name(cl.ref.split(":", 1)[1]), day)
        kind = hit.get("kind") or "other"
    if cl.kind == "person":
        taken = (hit["name"] or "")[:-len(cl.name) - 1] \
            if (hit["name"] or "").endswith(" " + cl.name) else ""
        if kind == "person" and cl.title and taken and cl.title.endswith(" " + taken):
            # "head of the Red Crescent" + "X" read as one name "Red Crescent X": the
            # title's words are no part of the person's name
            role = hit.get("role") or ""
            if not role or role.endswith(" " + cl.name) or cl.title.startswith(role):
                role = cl.title  # "head of the" of "head of the Red Crescent"
            hit = {**hit, "name": cl.name, "role": role}
        if kind == "person" and _private_one_name(index, cl, kb):
            kind, hit = "other", {}  # "Ahmed, a father of three": not the minister Ahmed
        if kind == "person":
            _adopt(cl, hit, kb)
        # an unknown person keeps the NER's kind; what the text states wins: role,
        # organisation and country from the title ("Colombia's defence minister"), and
        # a person with no office at all is a private person (CVL)
        elif cl.title or cl.origin:
            cl.country, cl.sector = hit.get("country"), hit.get("sector")
            cl.organization = hit.get("organization")
            cl.role = hit.get("role") or cl.title
            if kind == "other" and cl.sector is None and cl.title \
                    and cl.title.split()[-1].lower() in PRIVATE_NOUNS:
                cl.sector = PRIVATE  # "an Alabama woman": a private person's noun
        elif cl.sector is None:
            cl.sector = PRIVATE
        return
    if kind in ("country", "group") and hit.get("country") and _private_phrase(index, cl):
        # "her Dutch husband", "a Canadian woman": the resolver read the nationality only
        cl.kind, cl.country, cl.sector = "person", hit["country"], PRIVATE
        return
    if kind in ("country", "group") and hit.get("country") and _private_phrase(index, cl, "NNS"):
        # "two French nationals": the nationality's private persons, a group
        cl.kind, cl.country, cl.sector = "group", hit["country"], PRIVATE
        return
    if kind == "other":  # unknown to the knowledge base: keep what the text gave, but
        # an unknown GPE is no country (every country is known): a town or a region;
        # an unknown name always after "in", "near", ... is one too ("in Hamouria")
        if cl.kind == "country" or (cl.kind == "organization" and _inside_place(index, cl)):
            cl.kind = "location"
        return
    if kind == "person" and cl.ref.startswith("geo:") and cl.kind == "location":
        # the entity layer read a gazetteer place ("The Hague") where the knowledge base
        # knows a surname ("William Hague"): the layer saw the context, the place stays
        cl.kind, cl.name = "location", cl.ref.split(":", 2)[2]
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
    if kind == "organization" and hit.get("sector") == "GOV" and hit.get("organization") is None:
        _split_places(index, cid, kb, hit)
    force = force_name(kb, cl.name, hit) if kind in ("group", "organization") else None
    if force:  # "US troops" and "American soldiers": the US armed forces, one actor
        kind, hit = "organization", {**hit, "name": force}
    cl.kind = kind
    if not cl.key.startswith("noun:") or kind in ("country", "organization"):
        cl.name = hit.get("name") or cl.name
    for k in _ATTRS:
        setattr(cl, k, hit.get(k))
    if kind == "group" and cl.sector is None and _a_people(index, cl):
        cl.sector = PRIVATE  # "thousands of Turks were detained": private persons
        cl.people = True
    if kind == "organization" and state_government(kb, hit):
        # "Ankara said", "the Kremlin", "the UK government": the state acting, one actor
        # with the state's other mentions (docs/evaluation.md: metonyms in its cluster)
        cl.kind, cl.name = "country", kb.country_name(hit["country"])  # sector GOV stays


def state_government(kb: KnowledgeBase, hit: dict) -> bool:
    """The resolved phrase is a whole state's government: a government metonym ("the
    Kremlin" -> "Government of Russia") or "<country> government" with the country's
    own name, adjective or abbreviation ("the UK government"); not a region's ("the
    Scottish government") nor a named force or agency."""
    iso, name = hit.get("country"), hit.get("name") or ""
    if not iso or hit.get("sector") != "GOV" or hit.get("organization") is not None:
        return False
    if name == kb.metonym_name(iso, "GOV"):
        return True
    words = name.split()
    if len(words) < 2 or words[-1].lower() != "government":
        return False
    c = kb.countries.get(iso)
    if c is None:
        return False
    # the first adjective is the state's ("British"), later ones a nation's ("Scottish")
    own = {c.name, c.official_name, *c.aliases, *c.adjectives[:1]}
    prefix = " ".join(w for w in words[:-1] if w.lower() != "the")
    return prefix.lower() in {x.lower() for x in own if x}


def identity(cl: Cluster) -> tuple | None:
    """What makes two clusters one actor; None when only the cluster itself is known."""
    if cl.kind == "person":
        return ("person", cl.wikidata or cl.name.lower()) if cl.country else None
    if cl.kind == "country" and cl.country:
        return ("country", cl.country)
    if cl.kind == "organization" and cl.country:
        return ("organization", cl.name.lower(), cl.country)
    if cl.kind == "group" and cl.country and cl.sector and not cl.guessed and not cl.people:
        # "Kurdish forces" and "rebel fighters" that both took the article's country
        # are not one actor for it
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
