"""Common-noun phrases that stand for a named armed group or organisation of the article.

"the group", "the terror group", "the Kurdish militia", "Kurdish-led forces": a definite
(or ethnonym-modified) phrase whose head noun names a group binds to the most recent
compatible named organisation of the article. Compatible: not a government body; the
sector the head noun and its modifiers ask for ("terror" wants a rebel group); a country
adjective in the phrase must be the group's country; an ethnonym ("Kurdish") must
describe the group (``data/group_ethnonyms.csv``, or the article wrote the ethnonym
right before one of its names: "the Kurdish-led Syrian Democratic Forces"). The head
nouns and modifier words are data (``data/group_nouns.csv``, ``data/group_modifiers.csv``).
Conservative: with no compatible group named before the phrase, only a single
compatible group named anywhere in the article is taken.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..kb import KnowledgeBase
from ..parsed import tokens
from ..tables import data_rows
from .index import ActorIndex, Cluster

__all__ = ["led_coalitions", "link_group_nouns", "org_key", "stateless_forces"]


def _rows(name: str) -> tuple[dict[str, str], ...]:
    return data_rows(f"actors/data/{name}")


#: head noun -> (need, sectors); need "definite" or "ethnonym"
GROUP_NOUNS = {r["word"].lower(): (r["need"], frozenset(r["sectors"].split("|")) - {""})
               for r in _rows("group_nouns.csv")}
#: modifier word -> the sector it asks for ("terror" -> REB)
MODIFIERS = {r["word"].lower(): r["sector"] for r in _rows("group_modifiers.csv")}
#: ethnonym -> organisation keys it describes
ETHNONYMS: dict[str, set[str]] = {}
for _r in _rows("group_ethnonyms.csv"):
    ETHNONYMS.setdefault(_r["adjective"].lower(), set()).add(_r["org"].lower())

#: "<state>-led <noun>" head nouns -> sector ("the US-led coalition")
LED_NOUNS = {r["word"].lower(): r["sector"] for r in _rows("led_nouns.csv")}

#: sentences back (and forward, for a single candidate) a phrase may look
WINDOW = 12


def _phrase(head: Token) -> list[Token]:
    """The head noun with the words before it in its phrase ("the Kurdish-led forces")."""
    return [t for t in head.doc[head.left_edge.i:head.i + 1]]


def _named_org(cl: Cluster) -> bool:
    return (cl.kind == "organization" and bool(cl.mentions) and not cl.key.startswith("noun:")
            and cl.sector not in (None, "GOV"))


def org_key(cl: Cluster) -> str:
    """The lower-case key of a cluster's organisation: its KB org id, else its name."""
    return cl.ref.split(":", 1)[1].lower() if cl.ref.startswith("org:") else cl.name.lower()


def _text_ethnonyms(index: ActorIndex, cl: Cluster) -> set[str]:
    """Ethnonyms the article wrote right before a name of the group ("Kurdish-led SDF")."""
    doc = index.doc
    out = set()
    for m in cl.mentions:
        for i in range(max(0, m.start - 4), m.start):
            w = doc[i].lower_
            if w in ETHNONYMS:
                out.add(w)
    return out


def link_group_nouns(index: ActorIndex, kb: KnowledgeBase) -> None:
    """Bind group-noun phrases to named groups (see the module docstring)."""
    doc = index.doc
    orgs = [cid for cid, cl in enumerate(index.clusters) if _named_org(cl)]
    if not orgs:
        return
    lower = tokens(doc).lower
    for i in range(len(lower)):
        if lower[i] not in GROUP_NOUNS:
            continue
        head, low = doc[i], lower[i]
        if head.pos_ not in ("NOUN", "PROPN") \
                or head.tag_ not in ("NN", "NNS", "NNP", "NNPS"):
            continue
        need, sectors = GROUP_NOUNS[low]
        words = _phrase(head)
        if head.i + 1 < len(doc) and doc[head.i + 1].lower_ == "of":
            continue  # "a group of doctors", "the group of states"
        held = [index.mention_at(t) for t in words]
        if any(m is not None and (m.start < words[0].i or m.end > head.i + 1) for m in held):
            continue  # a mention reaching outside the phrase: leave it
        if any(m is not None and m.actor >= 0 and
               _named_org(index.clusters[index.canonical(m.actor)]) for m in held):
            continue  # "the Kurdish YPG militia" is the YPG's own mention already
        if any(m is not None and m.label in ("PERSON", "PRON") for m in held):
            continue
        mods = [t for t in words if t.i < head.i]
        definite = bool(mods) and mods[0].lower_ == "the"
        ethno = {t.lower_ for t in mods if t.lower_ in ETHNONYMS}
        want = set(sectors)
        country = None
        bad = False
        for t in mods:
            w = t.lower_
            if w in ("the", "-", "led", "backed") or w in ETHNONYMS:
                continue
            if w in MODIFIERS:
                want &= {MODIFIERS[w]} if want else {MODIFIERS[w]}
                if not want:
                    bad = True
                continue
            c = kb.resolve(t.text, index.day) if t.pos_ in ("ADJ", "PROPN") else {}
            if c.get("kind") in ("group", "country") and c.get("country") and \
                    not c.get("organization"):
                country = c["country"]
                continue
            bad = True  # "the working group", "the new group", "the Kurdish women's group"
        if bad:
            continue
        if need == "definite" and not definite:
            continue
        if need == "ethnonym" and not ethno:
            continue
        if len(mods) > 4:
            continue
        cands = []
        for cid in orgs:
            cl = index.clusters[index.canonical(cid)]
            if not _named_org(cl) or (want and cl.sector not in want):
                continue
            if country and cl.country != country:
                continue
            if ethno and not (any(org_key(cl) in ETHNONYMS[e] for e in ethno)
                              or ethno <= _text_ethnonyms(index, cl)):
                continue
            cands.append(index.canonical(cid))
        cands = list(dict.fromkeys(cands))
        sent = index.sentence_index(head.i)
        best, last = None, -1
        for cid in cands:
            before = [m.start for m in index.clusters[cid].mentions
                      if m.start < words[0].i and m.label != "PRON"
                      and sent - index.sentence_index(m.start) <= WINDOW]
            if before and max(before) > last:
                best, last = cid, max(before)
        if best is None and len(cands) == 1 and need == "ethnonym":
            best = cands[0]
        if best is None:
            continue
        index.reassign(words[0].i, head.i + 1, best, "NOUN",
                       quoted=index.is_quoted(head))


def stateless_forces(index: ActorIndex) -> None:
    """"Kurdish forces", "Kurdish-led forces" that no named group took: the forces of a
    people no state owns (``data/group_ethnonyms.csv``) are no state's military (MIL)
    but a non-state armed group (REB), and so not one actor with "government forces"."""
    for cl in index.clusters:
        if cl.kind != "group" or cl.sector != "MIL" or cl.organization or cl.ref \
                or not cl.mentions:
            continue
        words = cl.name.lower().replace("-", " ").split()
        if any(w in ETHNONYMS for w in words):
            cl.sector = "REB"


def led_coalitions(index: ActorIndex) -> None:
    """"the US-led coalition", "a Saudi-led international coalition": a body led by a
    state (``data/led_nouns.csv``) is an organisation of that state's country, one per
    state and noun in the article, not the state (whose name it holds)."""
    doc = index.doc
    for i in range(2, len(doc) - 1):
        if doc[i].lower_ != "led" or doc[i - 1].text != "-":
            continue
        m = index.mention_at(doc[i - 2])
        if m is None or m.actor < 0 or m.end != i - 1:
            continue
        state = index.clusters[index.canonical(m.actor)]
        country = state.place_country() if state.kind == "country" else None
        if country is None:
            continue
        j = i + 1
        while j < len(doc) and j <= i + 3 and doc[j].lower_ not in LED_NOUNS \
                and doc[j].pos_ in ("ADJ", "NOUN") and index.mention_at(doc[j]) is None:
            j += 1
        if j >= len(doc) or doc[j].lower_ not in LED_NOUNS or doc[j].tag_ != "NN":
            continue
        noun = doc[j].lower_
        key = f"led:{country}:{noun}"
        cid = index.cluster_for(key)
        if cid is None:
            cid = index.new_cluster(f"{doc[m.start:i + 1].text} {noun}", "organization", key)
            cl = index.clusters[cid]
            cl.country, cl.sector = country, LED_NOUNS[noun]
        index.reassign(m.start, j + 1, cid, "NOUN", quoted=index.is_quoted(doc[j]))
