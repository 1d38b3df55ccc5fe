"""What the article says about the people it names, for people the knowledge base lacks.

A person's description stands beside the name (an apposition: "Ana Ruiz, an analyst at
the Example Institute in Madrid"; "the Chilean envoy, Ana Ruiz"), before it (a
premodifier: "opposition spokesman Ana Ruiz", "Ruiz's mother Eva"), or is shared by
coordinated names ("the Peruvian aid workers Ana Ruiz and Eva Soto"). An unnamed person
("a Canadian nurse in Lima") is described by their own phrase. From the description:

- **country**: a nationality before the role noun ("a British volunteer", "the first
  Briton"), else the country of an organisation it names ("a spokesman for the SDF"),
  else of a place it names ("a bus driver from south London"), else, for a relative
  ("Ruiz's mother Eva"), the country of the person named as the possessor. A country
  *name* compounded with a subject noun ("a Syria expert") is the subject, not the
  nationality (``data/person_words.csv``);
- **sector**: a specific role noun ("journalist" JRN, "analyst" EDU), else the sector
  of the organisation named, else a weak role noun ("spokesman" GOV); a relative with
  no office is a private person (CVL);
- **organisation**: the organisation named.

Runs after clustering and resolution, on the article's resolved actors, so the
organisations and places it reads are the ones the article's other mentions gave.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ..kb import KnowledgeBase
from ..tables import data_rows
from . import naming
from .groups import ETHNONYMS, GROUP_NOUNS, org_key
from .index import ActorIndex, Cluster, Mention

__all__ = ["KIN", "PRIVATE_NOUNS", "TOPIC", "describe_people", "descriptor_heads",
           "ethnonym_groups", "is_role_noun"]


def _person_words() -> dict[str, str]:
    return {r["word"]: r["kind"] for r in data_rows("actors/data/person_words.csv")
            if r.get("word")}


_WORDS = _person_words()
TOPIC = frozenset(w for w, k in _WORDS.items() if k == "topic")
KIN = frozenset(w for w, k in _WORDS.items() if k == "kin")
PERSON_WORDS = frozenset(w for w, k in _WORDS.items() if k == "person") | naming.PERSON_NOUNS
#: the sector of a relative with no office
PRIVATE = "CVL"
#: modifiers of a role noun that make the person no local ("a foreign volunteer")
FOREIGN = frozenset(w for w, k in _WORDS.items() if k == "foreign")
#: titles that give a country ("Lord Macdonald": a British peer)
TITLE_COUNTRIES = {r["title"]: r["country"]
                   for r in data_rows("actors/data/title_countries.csv") if r.get("title")}
#: military ranks before a name ("Cmdr X", "Lt Col Y"): a sector the organisation overrides
TITLE_SECTORS = {r["title"]: r["sector"]
                 for r in data_rows("actors/data/title_sectors.csv") if r.get("title")}
#: singular nouns of a private person the knowledge base has no sector term for: with a
#: nationality ("her Dutch husband", "a Canadian woman") the phrase is a person of it
PRIVATE_NOUNS = KIN | frozenset(w for w, k in _WORDS.items() if k == "person") | {
    "man", "woman"}


@dataclass(slots=True)
class Evidence:
    """What one description says."""

    nationality: str | None = None
    org: Cluster | None = None
    place: str | None = None
    kin_of: Cluster | None = None
    term_sector: str | None = None
    term_weak: bool = False
    topic: bool = False  # a country name was read as the subject ("Syria expert")
    foreign: bool = False  # "a foreign volunteer": of no article's country
    head: str = ""  # the role noun

    def empty(self) -> bool:
        return not (self.nationality or self.org or self.place or self.kin_of
                    or self.term_sector or self.topic or self.foreign)


def _head(index: ActorIndex, m: Mention) -> Token:
    """The mention's syntactic head: its token whose head lies outside it."""
    doc = index.doc
    for i in range(m.start, m.end):
        t = doc[i]
        if not (m.start <= t.head.i < m.end) or t.head.i == t.i:
            return t
    return doc[m.end - 1]


def is_role_noun(tok: Token, kb: KnowledgeBase) -> bool:
    """A noun that names a person: a role, a relative, a sector noun ("journalist")."""
    if tok.pos_ != "NOUN":
        return False
    low = tok.lemma_.lower()
    if low in PERSON_WORDS or low in KIN or low in TOPIC:
        return True
    term = kb.sector_of(low)
    return term is not None and term.kind == "person"


def descriptor_heads(index: ActorIndex, kb: KnowledgeBase, m: Mention,
                     _depth: int = 0) -> list[Token]:
    """Role nouns that describe the person of name mention ``m`` (see module docstring)."""
    h = _head(index, m)

    out: list[Token] = []
    # "X, a spokesman for Y"
    out += [c for c in h.children if c.dep_ == "appos" and is_role_noun(c, kb) and c.i >= m.end]
    # "the defence minister, X", "Fay's mother Ruth", "aid workers Tim Ross"
    if h.dep_ == "appos" and is_role_noun(h.head, kb) and h.head.i < m.start:
        out.append(h.head)
    # "opposition spokesman X": the last common noun compounded before the name
    pre = [c for c in h.children if c.dep_ in ("compound", "nmod") and is_role_noun(c, kb)
           and c.i < m.start]
    if pre:
        out.append(pre[-1])
    # "a doctor and official at ...": the conjoined role nouns too
    out += [cj for d in list(out) for cj in d.conjuncts if is_role_noun(cj, kb) and cj.i > d.i]
    if not out and h.dep_ == "conj" and _depth < 3:
        # "the British aid workers Tim Ross and Ann Lee": Lee shares Ross's description
        first = index.mention_at(h.head)
        if first is not None and first.label == "PERSON" and first is not m:
            out = descriptor_heads(index, kb, first, _depth + 1)
    if not out:
        out += _comma_role(index, kb, m)
    if not out and h.dep_ == "nsubj" and h.head.lemma_ == "be":
        # "Owen Jones is a Guardian columnist"
        out += [c for c in h.head.children if c.dep_ == "attr" and is_role_noun(c, kb)]
    return out


#: what may stand between the article and the role noun of "X, the British journalist"
_RUN_POS = {"ADJ", "NOUN", "PROPN", "NUM", "PUNCT"}


def _after_age(doc, i: int) -> int:  # type: ignore[no-untyped-def]
    """"X, 24, from Leeds": the index of the comma after the age, else ``i``."""
    if i + 2 < len(doc) and doc[i].text == "," and doc[i + 1].like_num \
            and doc[i + 2].text == ",":
        return i + 2
    return i


def _comma_role(index: ActorIndex, kb: KnowledgeBase, m: Mention) -> list[Token]:
    """"X, the British journalist taken hostage", "X, 19, one of three east London
    schoolgirls": the role noun after a comma (and an age) and an article or "one of",
    read off the words when the parser did not make it an apposition."""
    doc = index.doc
    i = _after_age(doc, m.end)
    if i + 2 >= len(doc) or doc[i].text != ",":
        return []
    j, many = i + 1, False
    if doc[j].lower_ == "one" and doc[j + 1].lower_ == "of":
        j, many = j + 2, True  # one of many: the role noun is plural
        if j < len(doc) and doc[j].lower_ in ("a", "an", "the"):
            j += 1
    elif doc[j].lower_ in ("a", "an", "the"):
        j += 1
    else:
        return []
    role = None
    for t in doc[j:j + 6]:
        if t.pos_ not in _RUN_POS or (t.pos_ == "PUNCT" and t.text != "-"):
            break
        if is_role_noun(t, kb) and t.tag_ == ("NNS" if many else "NN"):
            role = t  # one person: a singular noun, or one of a plural
    return [role] if role is not None else []


#: verbs of where a person is from, and the preposition of the place ("grew up in Leeds")
ORIGIN_VERBS = {"grow": "in", "bear": "in", "raise": "in", "be": "from", "come": "from",
                "hail": "from"}


def _place_in(index: ActorIndex, named: dict[int, Mention], toks) -> str | None:  # type: ignore[no-untyped-def]
    """The country of the first place or country named among ``toks`` (up to a comma)."""
    for t in toks:
        if t.is_punct:
            break
        mt = named.get(t.i)
        if mt is not None and mt.actor >= 0:
            return index.clusters[index.canonical(mt.actor)].place_country()
    return None


def origin(index: ActorIndex, named: dict[int, Mention], m: Mention) -> str | None:
    """The country of the place a person is said to be from: "X, 24, from Bournemouth,",
    "X and Y grew up in west London" (and "Like Z, X grew up in ..."), "he was born in
    Leeds", "she is from Manchester"."""
    doc = index.doc
    i = _after_age(doc, m.end)
    if m.label == "PERSON" and i + 2 < len(doc) and doc[i].text == "," \
            and doc[i + 1].lower_ == "from":
        found = _place_in(index, named, doc[i + 2:i + 6])
        if found:
            return found
    h = _head(index, m)
    hops = 0
    while h.dep_ == "conj" and hops < 3:
        h, hops = h.head, hops + 1
    if h.dep_ == "pobj" and h.head.lower_ == "like" and h.head.dep_ == "prep":
        verb = h.head.head  # "Like Emwazi, Kotey grew up in ...": Emwazi too
    elif h.dep_ in ("nsubj", "nsubjpass"):
        verb = h.head
    else:
        return None
    prep = ORIGIN_VERBS.get(verb.lemma_.lower())
    if prep is None or (verb.lemma_.lower() == "grow" and not any(
            c.dep_ == "prt" and c.lower_ == "up" for c in verb.children)):
        return None
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == prep:
            objs = [x for x in c.children if x.dep_ == "pobj"]
            if objs:
                found = _place_in(index, named, doc[c.i + 1:objs[0].i + 1])
                if found:
                    return found
    return None


def _complement(tok: Token, d: Token) -> bool:
    """Whether ``tok`` sits in a prepositional phrase under ``d`` ("at the X in Y")."""
    t = tok
    while t.i != d.i and t.head.i != t.i:
        if t.dep_ in ("prep", "agent"):
            return True
        t = t.head
    return False


def named_mentions(index: ActorIndex) -> dict[int, Mention]:
    """Token -> the name mention covering it; a role phrase made a mention of a person
    ("a Canadian nurse") does not hide the names inside it ("Canadian")."""
    out: dict[int, Mention] = {}
    for cl in index.clusters:
        for m in cl.mentions:
            if m.label not in ("NOUN", "PRON"):
                for i in range(m.start, m.end):
                    out[i] = m
    return out


def _ref_country(tok: Token) -> tuple[str, str] | None:
    """("GPE"|"NORP", ISO3) of a country name or nationality the entity layer tagged."""
    kind, _, rest = tok.ent_kb_id_.partition(":")
    if kind == "country":
        return "GPE", rest
    if kind in ("adj", "people"):
        return "NORP", rest
    return None


def evidence(index: ActorIndex, kb: KnowledgeBase, d: Token, named: dict[int, Mention],
             exclude: range | None = None, own: int | None = None) -> Evidence:
    """What the description headed by role noun ``d`` says (``own``: the described
    person's cluster, whose mentions may have taken in the description's words)."""
    ev = Evidence(head=d.text)
    lemma = d.lemma_.lower()
    compounds = [c.lemma_.lower() for c in d.children if c.dep_ == "compound"
                 and c.pos_ == "NOUN" and c.i < d.i]
    term = kb.sector_of(" ".join([*compounds, lemma])) or kb.sector_of(d.lower_)
    if term is not None and term.kind == "person":
        ev.term_sector, ev.term_weak = term.sector, bool(term.weak)
    elif lemma in KIN:
        ev.term_sector = PRIVATE
    if ev.term_sector in ARMED_RANKS:  # "rebel commander": an armed group's, not the army's
        for c in d.children:
            mod = kb.sector_of(c.lemma_.lower()) if c.dep_ in ("amod", "compound") \
                and c.i < d.i else None
            if mod is not None and not mod.weak and (
                    mod.sector in NON_STATE_ARMED or mod.sector == "COP"):
                ev.term_sector = mod.sector  # "a police commander" is the police's
    if ev.term_weak:  # "opposition spokesman", "army officer": the modifier noun decides
        for c in compounds:
            mod = kb.sector_of(c)
            if mod is not None and not mod.weak:
                ev.term_sector, ev.term_weak = mod.sector, False
    ref = _ref_country(d)
    if ref is not None:
        ev.nationality = ref[1]  # "the first Briton"
    ev.foreign = any(c.dep_ == "amod" and c.lower_ in FOREIGN for c in d.children)
    # "the UN's Syria envoy": with a named possessor, a country name is the subject
    owned = any(c.dep_ == "poss" and c.pos_ == "PROPN" for c in d.children)
    words = naming.phrase_tokens(d)
    if not any(c.dep_ == "poss" for c in d.children):
        # "the X Campaign's co-chair" that the parser split: the possessor before it
        k = words[0].i - 1
        doc = index.doc
        while k > 0 and not doc[k].whitespace_ and doc[k].tag_ != "POS":
            k -= 1
        if k > 0 and doc[k].tag_ == "POS" and (mt := named.get(k - 1)) is not None \
                and mt.actor >= 0 and (exclude is None or k - 1 not in exclude):
            cl = index.clusters[index.canonical(mt.actor)]
            if cl.kind == "organization" and mt.label != "NORP":
                ev.org = cl
    for t in words:
        if t.i == d.i or (exclude is not None and t.i in exclude):
            continue
        mt = named.get(t.i)
        if mt is None and lemma in KIN and t.dep_ == "poss":
            # "Fay's mother Ruth": a surname the role phrase took in
            pid = index.person_keys().get(naming.fold(t.text))
            if pid is not None:
                ev.kin_of = index.clusters[index.canonical(pid)]
            continue
        if mt is not None and own is not None and index.canonical(mt.actor) == own:
            mt = None  # "Iran analyst" made a mention of the analyst: read the words
        if mt is None and ev.org is None and (t.dep_ == "poss" or _complement(t, d)):
            ev.org = org_referent(index, t, own)  # "its spokesman", "the group's"
        if mt is None and ev.org is None and t.dep_ == "compound" and t.i < d.i \
                and t.pos_ == "NOUN" and t.lemma_.lower() in naming.ORG_NOUNS:
            ev.org = body_named_before(index, t, own)  # "a coalition spokesman"
        if mt is None:
            ref = _ref_country(t)
            if ref is not None and not _complement(t, d):
                if t.pos_ == "PROPN" and (lemma in TOPIC or owned and t.dep_ != "poss") \
                        and ref[0] == "GPE":
                    ev.topic = True
                elif ev.nationality is None:
                    ev.nationality = ref[1]
            continue
        if mt.actor < 0 or t.i != mt.start and t.i != mt.end - 1:
            continue
        cl = index.clusters[index.canonical(mt.actor)]
        if _complement(t, d):
            if cl.kind in ("organization", "group") and ev.org is None and mt.label != "NORP":
                ev.org = cl
            elif cl.kind in ("country", "location") and ev.place is None and cl.country:
                ev.place = cl.country
            continue
        if cl.kind == "person":
            if lemma in KIN and t.dep_ == "poss":
                ev.kin_of = cl
            elif (ref := _ref_country(t)) is not None and ev.nationality is None:
                ev.nationality = ref[1]  # a role phrase that took the adjective in
            continue
        if cl.kind == "country" or (cl.kind == "group" and mt.label == "NORP"):
            if t.pos_ == "PROPN" and (lemma in TOPIC or owned and t.dep_ != "poss") \
                    and mt.label == "GPE":
                ev.topic = True  # "a Syria expert": the subject
            elif ev.nationality is None and cl.country:
                ev.nationality = cl.country
            elif ev.nationality is None and t.lower_ in ETHNONYMS:
                ev.nationality = ethnonym_country(index, t.lower_)  # "a Kurdish official"
        elif cl.kind == "organization" and ev.org is None:
            ev.org = cl  # "SDF spokesman", "the Campaign's co-chair"
        elif cl.kind == "location" and ev.place is None and cl.country:
            ev.place = cl.country
    return ev


#: sectors of a state's forces, whose role nouns ("commander", "general") an armed
#: group has too; and the sectors of non-state armed groups, which then win
ARMED_RANKS = frozenset({"MIL", "COP"})
NON_STATE_ARMED = frozenset({"REB", "PRM"})
#: how many sentences back "its" or "the group" may look for the organisation
REFERENT_WINDOW = 2


def org_referent(index: ActorIndex, t: Token, own: int | None) -> Cluster | None:
    """The organisation a word of a role phrase stands for: "its" / "their" possessing
    the role noun, or "the group" ("the group's spokesman", "a spokesman for the
    group"): a common-noun mention already bound to an organisation, else the nearest
    organisation named before it in the sentence or the two before (for "the group",
    not a government body)."""
    m = index.mention_at(t)
    if m is not None and m.label == "NOUN" and m.actor >= 0 \
            and index.canonical(m.actor) != own:
        cl = index.clusters[index.canonical(m.actor)]
        return cl if cl.kind == "organization" and cl.country else None
    low = t.lower_
    pron = low in ("its", "their") and t.dep_ == "poss"
    noun = t.pos_ == "NOUN" and GROUP_NOUNS.get(low, ("",))[0] == "definite" \
        and any(c.dep_ == "det" and c.lower_ == "the" for c in t.children)
    if not (pron or noun):
        return None
    lo = index.sent_start(max(0, index.sentence_index(t.i) - REFERENT_WINDOW))
    for i in range(t.i - 1, lo - 1, -1):
        mm = index.by_token.get(i)
        if mm is None or mm.actor < 0 or mm.label in ("PRON", "NOUN") or mm.quoted:
            continue
        cid = index.canonical(mm.actor)
        cl = index.clusters[cid]
        if cid == own or cl.kind != "organization" or not cl.country:
            continue
        if noun and (cl.sector in (None, "GOV") or cl.key.startswith("noun:")):
            continue
        return cl
    return None


def body_named_before(index: ActorIndex, t: Token, own: int | None) -> Cluster | None:
    """"a coalition spokesman" after "the Saudi-led coalition", "a police commander" after
    "Kenyan police": the body of a state that the article named with that noun in the
    sentence or the two before."""
    word = t.lemma_.lower()
    lo = index.sent_start(max(0, index.sentence_index(t.i) - REFERENT_WINDOW))
    for i in range(t.i - 1, lo - 1, -1):
        mm = index.by_token.get(i)
        if mm is None or mm.actor < 0 or mm.label == "PRON" or mm.quoted or i != mm.end - 1:
            continue
        cid = index.canonical(mm.actor)
        cl = index.clusters[cid]
        if cid == own or cl.kind not in ("organization", "group") or not cl.country \
                or cl.country in ("IGO", "IMG"):
            continue
        if word in {w.lemma_.lower() for w in index.doc[mm.start:mm.end]}:
            return cl
    return None


def ethnonym_country(index: ActorIndex, word: str) -> str | None:
    """The country of "Kurdish" in an article: the one country of the named groups the
    ethnonym describes (``data/group_ethnonyms.csv``: the SDF, YPG, PKK, ...), as the
    knowledge base codes them; None when they are of several countries or none is named."""
    countries = {cl.country for cl in index.clusters
                 if cl.mentions and cl.kind == "organization" and cl.country
                 and not cl.key.startswith("noun:") and org_key(cl) in ETHNONYMS[word]}
    return countries.pop() if len(countries) == 1 else None


def ethnonym_groups(index: ActorIndex) -> None:
    """"Kurdish officials", "Kurdish civilians": an unnamed group with no country whose
    phrase opens with an ethnonym takes the country :func:`ethnonym_country` gives."""
    doc = index.doc
    for cl in index.clusters:
        if cl.country or cl.kind != "group" or not cl.mentions or cl.ref:
            continue
        named = cl.named()
        words = {doc[m.start].lower_ if doc[m.start].lower_ not in ("the", "a") or
                 m.end - m.start < 2 else doc[m.start + 1].lower_ for m in named}
        if not named or len(words) != 1 or any(m.end - m.start < 2 for m in named):
            continue
        word = words.pop()
        if word in ETHNONYMS:
            cl.country = ethnonym_country(index, word)


def _apply(cl: Cluster, evs: list[Evidence]) -> None:
    def first(attr: str):  # type: ignore[no-untyped-def]
        return next((getattr(e, attr) for e in evs if getattr(e, attr)), None)

    nationality, org, place, kin_of = (first("nationality"), first("org"), first("place"),
                                       first("kin_of"))
    country = nationality or (org.country if org else None) or place or (
        kin_of.country if kin_of else None)
    if cl.guessed:  # the article's country, guessed before the description was read
        cl.country, cl.guessed = None, False
    if any(e.foreign for e in evs):
        cl.foreign = True
    if country:
        cl.country = country
    elif any(e.topic for e in evs):
        cl.country = None  # "a Syria expert" with nothing else: no country from the subject
    strong = next((e.term_sector for e in evs if e.term_sector and not e.term_weak), None)
    weak = next((e.term_sector for e in evs if e.term_sector and e.term_weak), None)
    if strong in ARMED_RANKS and org is not None and org.sector in NON_STATE_ARMED:
        strong = org.sector  # "the commander of the SDF": a rebel group's commander
    sector = strong or (org.sector if org else None)
    if sector:
        cl.sector = sector
    elif weak and cl.sector in (None, PRIVATE):
        cl.sector = weak
    if org is not None and cl.organization is None:
        cl.organization = org.organization or org.name


def _known_role(index: ActorIndex, kb: KnowledgeBase, cl: Cluster,
                evs: list[Evidence]) -> None:
    """A known person described as working for an organisation ("X, an adviser to the
    UN") takes the role of theirs with that organisation, whatever the date says."""
    ev = next((e for e in evs if e.org is not None and e.org.organization), None)
    if ev is None or ev.org is None or ev.org.organization == cl.organization:
        return
    hit = kb.resolve(f"{ev.org.organization} {ev.head} {cl.name}", index.day)
    if hit.get("kind") == "person" and hit.get("organization") and hit["name"] == cl.name:
        for k in ("country", "organization", "sector", "role"):
            setattr(cl, k, hit.get(k))


def describe_people(index: ActorIndex, kb: KnowledgeBase) -> None:
    """Give each person the knowledge base does not know the identity its descriptions
    state (see module docstring)."""
    named = named_mentions(index)
    found: list[tuple[Cluster, list[Evidence]]] = []
    for cid, cl in enumerate(index.clusters):
        if cl.kind != "person" or not cl.mentions or index.canonical(cid) != cid:
            continue
        evs: list[Evidence] = []
        for m in sorted(cl.mentions, key=lambda m: m.start):
            if m.label in ("PERSON", "PRON"):
                place = origin(index, named, m)
                if place:
                    evs.append(Evidence(place=place, head="from"))
            if m.label == "PERSON":
                titled = TITLE_COUNTRIES.get(index.doc[m.start - 1].text) if m.start else None
                if titled:
                    evs.append(Evidence(nationality=titled, head="title"))
                # the rank before the name, or taken into it ("Cmdr Sean Robertson")
                ranks = [index.doc[k].text for k in (m.start - 1, m.start)
                         if 0 <= k < m.end - 1]
                rank = next((TITLE_SECTORS[r] for r in ranks if r in TITLE_SECTORS), None)
                if rank:
                    evs.append(Evidence(term_sector=rank, term_weak=True, head="rank"))
                for d in descriptor_heads(index, kb, m):
                    evs.append(evidence(index, kb, d, named, range(m.start, m.end), cid))
            elif m.label == "NOUN":  # "a Canadian nurse in Lima" describes itself
                evs.append(evidence(index, kb, _head(index, m), named, None, cid))
        evs = [e for e in evs if not e.empty()]
        if evs and cl.known:
            _known_role(index, kb, cl, evs)
        elif evs:
            found.append((cl, evs))
    # relatives last: their country is the possessor's, once that one is known
    found.sort(key=lambda f: any(e.kin_of is not None for e in f[1]))
    for cl, evs in found:
        _apply(cl, evs)
