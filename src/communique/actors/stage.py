"""The actor stage: named and pronoun mentions in a parsed article, clustered into actors.

Input: a spaCy ``Doc`` of ``Article.text`` and the quoted regions (pronouns inside quoted
speech refer to the speaker's world, not the narrative, so they are resolved differently).
Output: an :class:`ActorIndex`, which the later stages ask "which actors does this token
or phrase refer to?". Naming and classification go through :mod:`communique.actors.naming`
so the knowledge base can replace them without touching the clustering here.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..kb import KnowledgeBase
from ..model import Actor, Span
from . import naming
from .resolve import resolve_all

#: entity labels that become actors; others (dates, money, works of art) do not.
ACTOR_LABELS = {"PERSON": "person", "ORG": "organization", "GPE": "country",
                "NORP": "group", "LOC": "location", "FAC": "location"}

MALE = {"he", "him", "his", "himself"}
FEMALE = {"she", "her", "hers", "herself"}
PLURAL = {"they", "them", "their", "theirs", "themselves"}
PERSONAL = MALE | FEMALE

#: how many sentences back a pronoun may look for its antecedent.
PRONOUN_WINDOW = 4


@dataclass(slots=True)
class Mention:
    start: int  # token index
    end: int  # token index, exclusive
    label: str  # PERSON, ORG, ..., PRON, NOUN
    actor: int = -1  # index into ActorIndex.actors
    quoted: bool = False


@dataclass(slots=True)
class _Cluster:
    name: str
    kind: str
    mentions: list[Mention] = field(default_factory=list)
    title: str | None = None
    gender: str | None = None  # "m" / "f" once a gendered pronoun has been linked
    key: str = ""
    country: str | None = None
    organization: str | None = None
    sector: str | None = None
    role: str | None = None
    wikidata: str | None = None
    origin: str | None = None


class ActorIndex:
    """Actors of one article and the token-level lookup the other stages use."""

    def __init__(self, doc: Doc, quoted: bytearray, kb: KnowledgeBase | None = None,
                 day: dt.date | None = None) -> None:
        self.doc = doc
        self.quoted = quoted
        self.kb = kb
        self.day = day or dt.date.today()
        self.clusters: list[_Cluster] = []
        self._merged: dict[int, int] = {}
        self._by_token: dict[int, Mention] = {}
        self._person_keys: dict[str, int] = {}
        self._other_keys: dict[str, int] = {}
        self._sent_starts = [s.start for s in doc.sents]

    # --- building -------------------------------------------------------------------
    def _add(self, mention: Mention, cluster_id: int) -> None:
        mention.actor = cluster_id
        self.clusters[cluster_id].mentions.append(mention)
        for i in range(mention.start, mention.end):
            self._by_token[i] = mention

    def _new_cluster(self, name: str, kind: str, key: str) -> int:
        self.clusters.append(_Cluster(name=name, kind=kind, key=key))
        return len(self.clusters) - 1

    def merge(self, src: int, dst: int) -> None:
        """Move every mention of cluster ``src`` to ``dst`` (they are one actor)."""
        if src == dst:
            return
        a, b = self.clusters[src], self.clusters[dst]
        for m in a.mentions:
            m.actor = dst
            b.mentions.append(m)
        a.mentions = []
        self._merged[src] = dst
        b.gender = b.gender or a.gender
        b.title = b.title or a.title
        for keys in (self._person_keys, self._other_keys):
            for k, v in keys.items():
                if v == src:
                    keys[k] = dst

    def canonical(self, cid: int) -> int:
        """The cluster a (possibly merged-away) cluster id now belongs to."""
        while cid in self._merged:
            cid = self._merged[cid]
        return cid

    def is_quoted(self, token: Token) -> bool:
        return bool(self.quoted[token.idx]) if token.idx < len(self.quoted) else False

    def sentence_index(self, token_i: int) -> int:
        return bisect.bisect_right(self._sent_starts, token_i) - 1

    # --- lookup ----------------------------------------------------------------------
    def mention_at(self, token: Token) -> Mention | None:
        return self._by_token.get(token.i)

    def actors_in(self, start: int, end: int) -> list[int]:
        """Cluster ids with a mention inside tokens ``[start, end)``, in order of mention."""
        seen: list[int] = []
        for i in range(start, end):
            m = self._by_token.get(i)
            if m is not None and m.actor >= 0 and m.actor not in seen:
                seen.append(m.actor)
        return seen

    def resolve_phrase(self, head: Token) -> list[int]:
        """Actors a noun phrase refers to: its named or pronoun mentions, coordinated ones
        ("He and Rutte") included; a common noun phrase ("officials", "a spokesman") with no
        named mention becomes an actor of its own so that it can be a speaker."""
        heads = [head] + [t for t in head.conjuncts if t.i > head.i]
        out: list[int] = []
        for h in heads:
            ids = self._resolve_head(h)
            for i in ids:
                if i not in out:
                    out.append(i)
        return out

    def _resolve_head(self, head: Token) -> list[int]:
        m = self._by_token.get(head.i)
        if m is not None:
            return [m.actor] if m.actor >= 0 else []
        # a name inside the phrase: "the spokesman for NATO" stays the spokesman, but
        # "NATO chief Mark Rutte" (head Rutte) is caught above; compounds before the head:
        for child in head.children:
            if child.dep_ in ("compound", "poss") and child.i in self._by_token:
                cm = self._by_token[child.i]
                if cm.label == "PERSON" and cm.actor >= 0:
                    return [cm.actor]
        if head.pos_ in ("NOUN", "PROPN") and head.lower_ not in PERSONAL | PLURAL:
            return [self._common_noun_actor(head)]
        return []

    def _common_noun_actor(self, head: Token) -> int:
        """An actor for an unnamed speaker phrase; "the president" links to a named person
        introduced with that title ("President Emmanuel Macron")."""
        words = naming.phrase_tokens(head)
        titled = self._by_title(head)
        if titled is not None:
            first, last = words[0], words[-1]
            self._add(Mention(first.i, last.i + 1, "NOUN",
                              quoted=self.is_quoted(head)), titled)
            return titled
        text = naming.phrase_name(words)
        kind = naming.common_noun_kind(head)
        key = f"noun:{text.lower()}"
        cid = self._other_keys.get(key)
        fresh = cid is None
        if cid is None:
            cid = self._new_cluster(text, kind, key)
            self._other_keys[key] = cid
        self._add(Mention(words[0].i, words[-1].i + 1, "NOUN",
                          quoted=self.is_quoted(head)), cid)
        if fresh and self.kb is not None:
            resolve_all(self, self.kb, self.day, start=cid)
            cid = self._by_token[head.i].actor
        return cid

    def _by_title(self, head: Token) -> int | None:
        if head.tag_ not in ("NN",) or not any(c.dep_ == "det" and c.lower_ == "the"
                                               for c in head.children):
            return None
        word = head.lower_
        best = None
        for cid, cl in enumerate(self.clusters):
            if (cl.kind == "person" and cl.title and cl.mentions
                    and word in cl.title.lower().split()):
                first = min(m.start for m in cl.mentions)
                if first < head.i:
                    best = cid
        return best

    # --- output ----------------------------------------------------------------------
    def actors(self) -> tuple[list[Actor], dict[int, str]]:
        """Actors in order of first mention, ids ``A1..``; and cluster -> actor id."""
        text = self.doc.text
        order = sorted(
            (cid for cid, cl in enumerate(self.clusters) if cl.mentions),
            key=lambda cid: min(m.start for m in self.clusters[cid].mentions),
        )
        out: list[Actor] = []
        ids: dict[int, str] = {}
        for n, cid in enumerate(order, 1):
            cl = self.clusters[cid]
            aid = f"A{n}"
            ids[cid] = aid
            spans = []
            for m in sorted(cl.mentions, key=lambda m: m.start):
                s, e = naming.char_bounds(self.doc, m.start, m.end)
                spans.append(Span.of(text, s, e))
            out.append(Actor(id=aid, name=cl.name, kind=cl.kind, country=cl.country,
                             organization=cl.organization, sector=cl.sector,
                             role=cl.role or cl.title, wikidata=cl.wikidata, mentions=spans))
        for src in self._merged:  # merged-away clusters answer with their actor's id
            dst = self.canonical(src)
            if dst in ids:
                ids[src] = ids[dst]
        return out, ids


def find_actors(doc: Doc, quoted: bytearray, *, published: str | None = None,
                kb: KnowledgeBase | None = None) -> ActorIndex:
    """Build the actor index: named entities, then pronouns, clustered within the article.

    With a knowledge base, every actor gets its identity as of ``published`` (default
    today): canonical name, country, organisation, sector, role.
    """
    day = dt.date.fromisoformat(published) if published else None
    index = ActorIndex(doc, quoted, kb, day)
    ents = naming.entities(doc)
    persons = [e for e in ents if e.label == "PERSON"]
    surnames = {e.words[-1] for e in persons}
    for ent in ents:
        label = ent.label
        if label not in ACTOR_LABELS:
            continue
        # spaCy sometimes tags a known person's surname as ORG/GPE ("Trump has...").
        if label in ("ORG", "GPE", "NORP") and len(ent.words) == 1 and ent.words[0] in surnames:
            label = "PERSON"
        if label == "PERSON":
            cid = _person_cluster(index, ent, persons)
        else:
            if label in ("NORP", "GPE") and kb is not None:
                ent = _group_phrase(doc, ent, kb)
                if ent.label == "GROUP":
                    label = "NORP"
            name = naming.entity_name(doc, ent)
            key = f"{label}:{name.lower()}"
            cid = index._other_keys.get(key)
            if cid is None:
                cid = index._new_cluster(name, ACTOR_LABELS[label], key)
                index._other_keys[key] = cid
        index._add(Mention(ent.start, ent.end, label, quoted=index.is_quoted(doc[ent.start])),
                   cid)
        if ent.title and index.clusters[cid].title is None and label == "PERSON":
            index.clusters[cid].title = ent.title
    # bare surnames the entity recogniser missed ("Merz said ..."), also in capitals or
    # tagged as a noun when they label a line ("MERZ: We will ...", "Merz: ...")
    by_surname = {index.clusters[c].name.split()[-1]: c
                  for c in set(index._person_keys.values()) if index.clusters[c].name.split()}
    for tok in doc:
        if tok.i in index._by_token:
            continue
        name = tok.text.title() if tok.is_upper and len(tok.text) > 2 else tok.text
        label = tok.i + 1 < len(doc) and doc[tok.i + 1].text == ":"
        if name in by_surname and (tok.pos_ == "PROPN" or label or name != tok.text):
            index._add(Mention(tok.i, tok.i + 1, "PERSON", quoted=index.is_quoted(tok)),
                       by_surname[name])
    if kb is not None:
        resolve_all(index, kb, index.day)
    # role nouns acting as subjects ("The chancellor warned", "a spokeswoman said") are
    # actors too, so that a later "she said" can find them
    for tok in doc:
        if (tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ == "NOUN"
                and tok.i not in index._by_token and not index.is_quoted(tok)
                and tok.lemma_.lower() in naming.PERSON_NOUNS | naming.ORG_NOUNS):
            index._common_noun_actor(tok)
    _resolve_pronouns(index)
    return index


def _group_phrase(doc: Doc, ent: naming.Ent, kb: KnowledgeBase) -> naming.Ent:
    """"North Korean troops": a nationality with a sector noun is a group, one mention."""
    j = ent.end
    while j < len(doc) and doc[j].pos_ == "ADJ" and j - ent.end < 2:
        j += 1
    if j >= len(doc) or doc[j].pos_ != "NOUN" or doc[ent.end - 1].head.i != j:
        return ent
    if kb.sector_of(doc[j].lower_) is None:
        return ent
    words = [t.text for t in doc[ent.start:j + 1]]
    return naming.Ent(ent.start, j + 1, "GROUP", words)


def _person_cluster(index: ActorIndex, ent: naming.Ent, persons: list[naming.Ent]) -> int:
    key = ent.words
    full = " ".join(key)
    cid = index._person_keys.get(full)
    if cid is not None:
        return cid
    if len(key) == 1:
        # a surname alone joins the person with that surname, preferring a full-name
        # mention anywhere in the article (leads often give the full name later too).
        for other in persons:
            if len(other.words) > 1 and other.words[-1] == key[0]:
                cid = _person_cluster(index, other, persons)
                index._person_keys[full] = cid
                return cid
    elif key[-1] in index._person_keys:
        cid = index._person_keys[key[-1]]
        if len(index.clusters[cid].name.split()) == 1:
            index.clusters[cid].name = full
            index._person_keys[full] = cid
            return cid
    cid = index._new_cluster(full, "person", f"person:{full.lower()}")
    index._person_keys[full] = cid
    index._person_keys.setdefault(key[-1], cid)
    if ent.title:
        index.clusters[cid].title = ent.title
    index.clusters[cid].origin = ent.origin
    return cid


def _resolve_pronouns(index: ActorIndex) -> None:
    """Link third-person pronouns outside quotes to the most salient earlier actor.

    Salience: the subject of the verb that governs the pronoun's clause in the same
    sentence ("Macron said he was..."), else the nearest earlier sentence with a
    compatible mention, preferring its subject.
    """
    doc = index.doc
    sents = list(doc.sents)
    for tok in doc:
        low = tok.lower_
        if tok.pos_ != "PRON" or (low not in PERSONAL and low != "they"):
            continue
        if index.is_quoted(tok) or tok.i in index._by_token:
            continue
        plural = low in PLURAL
        gender = "m" if low in MALE else "f" if low in FEMALE else None
        cid = _antecedent(index, tok, sents, plural, gender)
        if cid is None:
            continue
        cl = index.clusters[cid]
        if gender and cl.gender is None:
            cl.gender = gender
        index._add(Mention(tok.i, tok.i + 1, "PRON", quoted=False), cid)


def _compatible(index: ActorIndex, m: Mention, plural: bool, gender: str | None) -> bool:
    if m.quoted or m.actor < 0:
        return False
    cl = index.clusters[m.actor]
    if plural:
        return cl.kind in ("organization", "group", "country") or (
            m.label == "NOUN" and index.doc[m.end - 1].tag_ in ("NNS", "NNPS"))
    if cl.kind != "person":
        return False
    return cl.gender is None or gender is None or cl.gender == gender


def _antecedent(index: ActorIndex, tok: Token, sents: list[SpacySpan], plural: bool,
                gender: str | None) -> int | None:
    si = index.sentence_index(tok.i)
    # "He and Rutte": a pronoun never refers to the actor it is coordinated with
    banned = {m.actor for c in tok.conjuncts if (m := index._by_token.get(c.i)) is not None}
    # 1. Same sentence: the subject of a governing speech/cognition verb.
    head = tok.head
    hops = 0
    while head is not None and hops < 6:
        for child in head.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.i < tok.i and child.i != tok.i:
                m = index._by_token.get(child.i)
                if m is not None and m.actor not in banned and _compatible(
                        index, m, plural, gender):
                    return m.actor
        if head.head.i == head.i:
            break
        head = head.head
        hops += 1
    # 2. Earlier in the same sentence, then earlier sentences: subject first, then nearest.
    for back in range(0, PRONOUN_WINDOW + 1):
        j = si - back
        if j < 0:
            break
        sent = sents[j]
        end = tok.i if back == 0 else sent.end
        cands = []
        for i in range(sent.start, end):
            m = index._by_token.get(i)
            if (m is not None and i == m.start and m.actor not in banned
                    and _compatible(index, m, plural, gender)):
                cands.append((m, doc_dep(index.doc, m)))
        if not cands:
            continue
        for m, dep in cands:
            if dep in ("nsubj", "nsubjpass"):
                return m.actor
        return cands[-1][0].actor
    return None


def doc_dep(doc: Doc, m: Mention) -> str:
    """The dependency label of a mention's syntactic head (the token whose head is outside)."""
    for i in range(m.start, m.end):
        t = doc[i]
        if not (m.start <= t.head.i < m.end) or t.head.i == t.i:
            return t.dep_
    return doc[m.end - 1].dep_
