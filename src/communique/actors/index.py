"""The actors of one article: mentions, clusters and the lookups the other stages use.

:class:`ActorIndex` is built by :func:`communique.actors.find_actors` and then asked by
the quote and event stages "which actors does this token or phrase refer to?". Other
modules change it only through its public methods: :meth:`ActorIndex.add_mention`,
:meth:`ActorIndex.new_cluster`, :meth:`ActorIndex.cluster_for`, :meth:`ActorIndex.merge`,
:meth:`ActorIndex.reassign`.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from spacy.tokens import Doc, Token

from ..kb import KnowledgeBase
from ..model import Actor, Span
from ..parsed import text_of, tokens
from ..tables import data_rows
from . import naming

__all__ = ["ActorIndex", "Cluster", "Mention"]

MALE = {"he", "him", "his", "himself"}
FEMALE = {"she", "her", "hers", "herself"}
PLURAL = {"they", "them", "their", "theirs", "themselves"}
PERSONAL = MALE | FEMALE


def _voice_nouns(kind: str) -> frozenset[str]:
    return frozenset(r["word"].lower() for r in data_rows("actors/data/voice_nouns.csv")
                     if r.get("word") and r.get("kind", "voice") == kind)


#: an unnamed voice of an organisation or state ("an SDF spokesman")
VOICE_NOUNS = _voice_nouns("voice")
#: what was said, from whom ("the announcement from the White House")
STATEMENT_NOUNS = _voice_nouns("statement")


@dataclass(slots=True)
class Mention:
    start: int  # token index
    end: int  # token index, exclusive
    label: str  # PERSON, ORG, ..., PRON, NOUN
    actor: int = -1  # index into ActorIndex.actors
    quoted: bool = False


@dataclass(slots=True)
class Cluster:
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
    ref: str = ""  # the knowledge-base entity layer's id of the first mention, if any
    known: bool = False  # a person the knowledge base knows (its identity is the KB's)
    guessed: bool = False  # its country is the article's, not the text's (actors/context.py)
    foreign: bool = False  # the text calls the person foreign: no article country for them
    people: bool = False  # a nation's people ("Turks"), no other group of its country

    def named(self) -> list[Mention]:
        """The mentions that are not pronouns (names and common-noun phrases)."""
        return [m for m in self.mentions if m.label != "PRON"]

    def place_country(self) -> str | None:
        """The state a country or place cluster lies in (not an IGO's or IMG's code)."""
        if self.kind in ("country", "location") and self.country \
                and self.country not in ("IGO", "IMG"):
            return self.country
        return None


#: resolves clusters from an id on (``resolve.resolve_all``), given by ``find_actors``
Resolver = Callable[["ActorIndex", int], None]


def _holds(role: str | None, word: str) -> bool:
    """Whether a role is the office ``word`` names: "President of France" is a
    president, "Vice President ..." and "former President ..." are not."""
    words = (role or "").lower().replace("-", " ").split()
    return any(w == word and (i == 0 or words[i - 1] not in ("vice", "deputy", "former"))
               for i, w in enumerate(words))


class ActorIndex:
    """Actors of one article and the token-level lookup the other stages use.

    Clusters are found by key through :meth:`cluster_for`; person keys (full names,
    surnames, first names) and other keys (``ORG:unicef``, ``ref:org:UNICEF``,
    ``noun:the spokesman``) live in two separate name spaces.
    """

    def __init__(self, doc: Doc, quoted: bytearray, kb: KnowledgeBase | None = None,
                 day: dt.date | None = None, resolver: Resolver | None = None) -> None:
        self.doc = doc
        self.quoted = quoted
        self.kb = kb
        self.day = day or dt.date.today()
        self.resolver = resolver
        self.clusters: list[Cluster] = []
        self._merged: dict[int, int] = {}
        self._by_token: dict[int, Mention] = {}
        self._keys: dict[tuple[bool, str], int] = {}
        self._person: dict[str, int] = {}  # the person name space, kept canonical
        self._voices: dict[str, int] = {}  # voice noun lemma -> who "a/an X" spoke for
        self._offices: dict[str, str | None] = {}  # office words -> its one holder's name
        self._sent_starts = [s.start for s in doc.sents]

    # --- building -------------------------------------------------------------------
    def add_mention(self, mention: Mention, cluster_id: int) -> None:
        """Attach a mention (token range) to a cluster; its tokens now answer with it."""
        cluster_id = self.canonical(cluster_id)
        mention.actor = cluster_id
        self.clusters[cluster_id].mentions.append(mention)
        for i in range(mention.start, mention.end):
            self._by_token[i] = mention

    def new_cluster(self, name: str, kind: str, key: str, *, person: bool = False) -> int:
        """A new empty cluster, findable under ``key`` (in the person name space or not)."""
        self.clusters.append(Cluster(name=name, kind=kind, key=key))
        cid = len(self.clusters) - 1
        self.add_key(key, cid, person=person)
        return cid

    def cluster_for(self, key: str, *, person: bool = False) -> int | None:
        """The cluster known under ``key``, following merges; None if there is none."""
        cid = self._keys.get((person, key))
        return None if cid is None else self.canonical(cid)

    def add_key(self, key: str, cluster_id: int, *, person: bool = False,
                replace: bool = True) -> None:
        """Make ``key`` find ``cluster_id`` too (a surname, an acronym, a variant)."""
        if replace or (person, key) not in self._keys:
            self._keys[(person, key)] = cluster_id
            if person:
                self._person[key] = cluster_id

    def person_keys(self) -> dict[str, int]:
        """Person name keys and their clusters (merges followed); read only."""
        return self._person

    def is_marked(self, token_i: int) -> bool:
        """Whether a token is already part of some mention."""
        return token_i in self._by_token

    def merge(self, src: int, dst: int) -> None:
        """Move every mention of cluster ``src`` to ``dst`` (they are one actor)."""
        src, dst = self.canonical(src), self.canonical(dst)
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
        for k, v in self._keys.items():
            if v == src:
                self._keys[k] = dst
        for pk, v in self._person.items():
            if v == src:
                self._person[pk] = dst

    def split(self, cluster_id: int, mentions: list[Mention], name: str, kind: str,
              key: str) -> int:
        """Move ``mentions`` of a cluster to a new cluster (one name, two actors: "Ankara
        said" the government, "in Ankara" the city); returns the new cluster's id."""
        src = self.canonical(cluster_id)
        cid = self.new_cluster(name, kind, key)
        moved = {id(m) for m in mentions}
        self.clusters[src].mentions = [m for m in self.clusters[src].mentions
                                       if id(m) not in moved]
        for m in mentions:
            m.actor = cid
            self.clusters[cid].mentions.append(m)
        return cid

    def reassign(self, start: int, end: int, cluster_id: int, label: str, *,
                 quoted: bool = False) -> None:
        """Tokens ``[start, end)`` become one mention of ``cluster_id``: the mentions
        inside them leave their clusters ("Kurdish" + "forces" -> the SDF's mention)."""
        inside = {id(m) for i in range(start, end)
                  if (m := self._by_token.get(i)) is not None}
        if inside:
            for cl in self.clusters:
                cl.mentions = [m for m in cl.mentions if id(m) not in inside]
            for i in range(start, end):
                self._by_token.pop(i, None)
        self.add_mention(Mention(start, end, label, quoted=quoted), cluster_id)

    def canonical(self, cid: int) -> int:
        """The cluster a (possibly merged-away) cluster id now belongs to."""
        while cid in self._merged:
            cid = self._merged[cid]
        return cid

    def is_quoted(self, token: Token) -> bool:
        return bool(self.quoted[token.idx]) if token.idx < len(self.quoted) else False

    def sent_start(self, j: int) -> int:
        """The first token of sentence ``j``."""
        return self._sent_starts[j]

    @property
    def by_token(self) -> Mapping[int, Mention]:
        """Token index -> the mention last attached there, as a read-only view."""
        return MappingProxyType(self._by_token)

    def sentence_index(self, token_i: int) -> int:
        return bisect.bisect_right(self._sent_starts, token_i) - 1

    # --- lookup ----------------------------------------------------------------------
    def mention_at(self, token: Token) -> Mention | None:
        return self._by_token.get(token.i)

    def innermost_at(self, token: Token) -> Mention | None:
        """The narrowest mention covering the token ("Saudi" inside "the Saudi-led
        coalition"), where :meth:`mention_at` answers with the last one attached."""
        best: Mention | None = None
        for cl in self.clusters:
            for m in cl.mentions:
                if m.start <= token.i < m.end and m.actor >= 0 and (
                        best is None or m.end - m.start < best.end - best.start):
                    best = m
        return best

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
        # "senators such as Lindsey Graham said": the named example is the voice
        for prep in head.children if m is None or head.pos_ == "NOUN" else ():
            if prep.dep_ == "prep" and prep.lower_ == "as" and prep.i > head.i \
                    and self.doc[prep.i - 1].lower_ == "such":
                named = [self._by_token[o.i] for o in prep.children
                         if o.dep_ == "pobj" and o.i in self._by_token]
                if named and named[0].label in ("PERSON", "ORG") and named[0].actor >= 0:
                    return [self.canonical(named[0].actor)]
        if m is not None:  # a place never speaks or acts ("Ankara" is the government)
            ok = m.actor >= 0 and self.clusters[m.actor].kind != "location"
            return [m.actor] if ok else []
        # a name inside the phrase: "the spokesman for NATO" stays the spokesman, but
        # "NATO chief Mark Rutte" (head Rutte) is caught above; compounds before the head:
        for child in head.children:
            if child.dep_ in ("compound", "poss") and child.i in self._by_token:
                cm = self._by_token[child.i]
                if cm.label == "PERSON" and cm.actor >= 0:
                    return [cm.actor]
        if head.pos_ in ("NOUN", "PROPN") and head.lower_ not in PERSONAL | PLURAL:
            return [self.noun_actor(head)]
        return []

    def noun_actor(self, head: Token) -> int:
        """An actor for an unnamed speaker phrase; "the president" links to a named person
        introduced with that title ("President Emmanuel Macron")."""
        words = naming.phrase_tokens(head)
        member = self._members_of(head)
        if member is None:
            member = self._voice_of(head)
        if member is not None:
            return member
        titled = self._by_title(head)
        if titled is None:
            titled = self._by_org_noun(head)
        if titled is None:
            titled = self._voice_again(head)
        if titled is None:
            titled = self._noun_again(head)
        if titled is None:
            titled = self._by_office(head)
        if titled is not None:
            first, last = words[0], words[-1]
            self.add_mention(Mention(first.i, last.i + 1, "NOUN",
                                     quoted=self.is_quoted(head)), titled)
            return titled
        text = self._the_country(words, naming.phrase_name(words))
        kind = naming.common_noun_kind(head)
        key = f"noun:{text.lower()}"
        cid = self.cluster_for(key)
        fresh = cid is None
        if cid is None:
            cid = self.new_cluster(text, kind, key)
        self.add_mention(Mention(words[0].i, words[-1].i + 1, "NOUN",
                                 quoted=self.is_quoted(head)), cid)
        if fresh and self.resolver is not None:
            self.resolver(self, cid)
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
        if best is None and [c.lower_ for c in head.children if c.i < head.i] == ["the"] \
                and head.lemma_.lower() in naming.PERSON_NOUNS:
            # "the president" with no stated title: the one person named before whose
            # role on the date (from the knowledge base) is that office
            holders = {cid for cid, cl in enumerate(self.clusters)
                       if cl.kind == "person" and cl.known and cl.mentions
                       and cl.sector != "ELI" and _holds(cl.role, word)
                       and min(m.start for m in cl.mentions) < head.i}
            if len(holders) == 1:
                best = holders.pop()
        return best

    def _by_office(self, head: Token) -> int | None:
        """"the home secretary said" with no person introduced in the role: the one
        knowledge-base holder of that office on the date (among the states the article
        names, else anywhere); the person's cluster, made if the article has none."""
        if self.kb is None or head.tag_ != "NN" or head.lemma_.lower() not in naming.PERSON_NOUNS:
            return None
        before = [c for c in head.children if c.i < head.i]
        if not before or before[0].lower_ != "the" or any(
                c.dep_ not in ("compound", "amod") or c.pos_ not in ("NOUN", "ADJ")
                or c.ent_type_ for c in before[1:]):
            return None  # "the Turkish president" is the resolver's (it names a state)
        words = " ".join([c.lower_ for c in before[1:]] + [head.lemma_.lower()])
        hit = self._office_holder(words)
        if hit is None:
            return None
        for cid, cl in enumerate(self.clusters):
            if cl.kind == "person" and cl.mentions and cl.name == hit:
                return self.canonical(cid)
        cid = self.new_cluster(hit, "person", f"person:{hit.lower()}", person=True)
        if self.resolver is not None:
            self.resolver(self, cid)
        return self.canonical(cid)

    def _office_holder(self, words: str) -> str | None:
        """The name of the one holder of office ``words`` on the article's date."""
        if words in self._offices:
            return self._offices[words]
        assert self.kb is not None
        term = self.kb.sectors.get(words)
        office = term.office if term is not None and term.office else words
        holders: dict[str, set[str]] = {}
        for p, r in self.kb.holders(role=office, on=self.day):
            if office in r.offices:
                holders.setdefault(r.country, set()).add(p.name)
        named = {cl.country for cl in self.clusters if cl.mentions and cl.country}
        names = set().union(*(v for k, v in holders.items() if k in named)) if holders else set()
        if not names and len(holders) == 1:
            names = next(iter(holders.values()))
        out = next(iter(names)) if len(names) == 1 else None
        self._offices[words] = out
        return out

    def _members_of(self, head: Token) -> int | None:
        """"Hamas fighters said", "one former Isis soldier told": members named by their
        organisation are that organisation (a plural group noun, or one unnamed armed
        member, with the organisation's name before it)."""
        if self.kb is None or head.tag_ not in ("NNS", "NN"):
            return None
        if head.tag_ == "NN" and not any(c.dep_ in ("det", "nummod") and c.lower_ in (
                "a", "an", "one", "another") for c in head.children):
            return None  # "an Isis fighter told": one member, unnamed, is the group's voice
        term = self.kb.sector_of(head.lower_)
        if term is None or term.kind != ("person" if head.tag_ == "NN" else "group") or (
                head.tag_ == "NN" and term.sector not in ("REB", "MIL")):
            return None  # one member speaks for an armed group, not "a BBC journalist"
        for child in head.children:
            cm = self._by_token.get(child.i)
            if (child.dep_ == "compound" and child.i < head.i and cm is not None
                    and cm.label == "ORG" and cm.actor >= 0
                    and self.clusters[self.canonical(cm.actor)].kind == "organization"):
                return self.canonical(cm.actor)
        return None

    def _voice_of(self, head: Token) -> int | None:
        """"an SDF spokesman said", "a spokeswoman for the agency", "one US official": an
        unnamed voice (no "the": that is a role the article may have bound) speaks for the
        organisation or state named inside its phrase."""
        said = head.lemma_.lower() in STATEMENT_NOUNS  # "the statement from X": X's words
        if not said and head.lemma_.lower() not in VOICE_NOUNS \
                and head.lower_ not in VOICE_NOUNS:
            return None
        if not said and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that")
                            for c in head.children):
            return None
        # "an SDF spokesman", "a US Department of Defense spokesman" (nmod), "Hamas's
        # spokesman" (poss)
        inside = [c for c in head.children if c.dep_ in ("compound", "nmod", "poss")
                  and c.i < head.i]
        for prep in head.children:
            if prep.dep_ in ("prep", "agent") and prep.i > head.i and prep.lower_ in (
                    ("of", "from", "by") if said else ("for", "of", "from")):
                inside += [c for c in prep.children if c.dep_ == "pobj"]
        for tok in inside:
            cm = self._by_token.get(tok.i)
            if cm is None or cm.actor < 0 or cm.label not in (
                    ("ORG", "GPE", "PERSON") if said else ("ORG", "GPE")):
                continue
            cl = self.clusters[self.canonical(cm.actor)]
            if cl.kind in ("organization", "country") or said and cl.kind == "person":
                self._voices[head.lemma_.lower()] = self.canonical(cm.actor)
                return self.canonical(cm.actor)
        return None

    def note_voices(self) -> None:
        """Remember who each unnamed voice of the article speaks for ("a YPG source"),
        wherever it stands, so that a later "the source said" finds it."""
        tb = tokens(self.doc)
        words = STATEMENT_NOUNS | VOICE_NOUNS
        for i, pos in enumerate(tb.pos):
            # _voice_of answers None unless the lemma or the word is a voice noun
            if pos == "NOUN" and (tb.lemma[i] in words or tb.lower[i] in VOICE_NOUNS) \
                    and not self.is_marked(i):
                self._voice_of(self.doc[i])

    def _voice_again(self, head: Token) -> int | None:
        """"the source told the Guardian" after "according to a YPG source": a bare
        definite voice noun is the voice the article introduced with that noun, when
        that voice spoke for an organisation or state (no person was named in the role:
        :meth:`_by_title` comes first)."""
        if head.tag_ != "NN" or [c.lower_ for c in head.children if c.i < head.i] != ["the"] \
                or any(c.dep_ == "prep" for c in head.children):
            return None  # "the spokesman of the committee" names whose voice it is
        cid = self._voices.get(head.lemma_.lower())
        return None if cid is None else self.canonical(cid)

    def _the_country(self, words: list[Token], text: str) -> str:
        """"the country's foreign minister": the role of the state the article spoke of
        last before the phrase ("Pakistan's foreign minister"): the state of the subject
        of the nearest sentence before it that names one, else the state that sentence
        names last."""
        low = text.lower()
        lead = next((w for w in ("country's ", "country\u2019s ", "nation's ", "nation\u2019s ")
                     if low.startswith(w)), None)
        if lead is None or self.kb is None:
            return text
        best = None
        sent = words[0].sent
        for _ in range(3):
            best = self._sentence_state(sent, words[0].i)
            if best is not None or sent.start == 0:
                break
            sent = self.doc[sent.start - 1].sent
        return text if best is None else f"{self.kb.country_name(best)}'s {text[len(lead):]}"

    def _sentence_state(self, sent, before: int) -> str | None:  # type: ignore[no-untyped-def]
        """The state of the subject of ``sent`` (a country, or a group or body of one:
        "Pakistani officials said"), else the last country ``sent`` names before ``before``."""
        def state(i: int, kinds: tuple[str, ...]) -> str | None:
            m = self._by_token.get(i)
            if m is None or m.actor < 0:
                return None
            cl = self.clusters[self.canonical(m.actor)]
            ok = cl.kind in kinds and cl.country and cl.country not in ("IGO", "IMG")
            return cl.country if ok else None
        subj = [c for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass")]
        for tok in (t for s in subj for t in s.subtree if t.i < before):
            found = state(tok.i, ("country", "group", "organization"))
            if found:
                return found
        last = None
        for tok in sent:
            if tok.i >= before:
                break
            last = state(tok.i, ("country",)) or last
        return last

    def _noun_again(self, head: Token) -> int | None:
        """"the official said" after "a senior Iraqi official told Reuters", "the minister
        added" after "Yemen's foreign minister said": a bare definite person noun is the
        last unnamed person the article introduced with that noun (no named person holds
        it as a title: :meth:`_by_title` comes first)."""
        if head.tag_ != "NN" or head.lemma_.lower() not in naming.PERSON_NOUNS \
                or [c.lower_ for c in head.children if c.i < head.i] != ["the"] \
                or any(c.dep_ == "prep" for c in head.children):
            return None
        best, last = None, -1
        for cid, cl in enumerate(self.clusters):
            if cl.kind != "person" or not cl.key.startswith("noun:"):
                continue
            for m in cl.mentions:
                root = self.doc[m.start:m.end].root
                if m.label == "NOUN" and m.start < head.i and m.start > last \
                        and root.lemma_.lower() == head.lemma_.lower() and root.tag_ == "NN":
                    best, last = cid, m.start
        return None if best is None else self.canonical(best)

    def _by_org_noun(self, head: Token) -> int | None:
        """"the department said" after "the State Department", "the refugee agency" after
        "UNHCR": the nearest organisation named before whose name (or knowledge-base
        alias: "UN refugee agency") holds the noun and the common words before it."""
        if head.tag_ != "NN" or head.lemma_.lower() not in naming.ORG_NOUNS:
            return None
        before = [c for c in head.children if c.i < head.i]
        if not before or before[0].lower_ != "the" or any(
                c.dep_ not in ("compound", "amod") or c.pos_ not in ("NOUN", "ADJ")
                or c.ent_type_ for c in before[1:]):
            return None  # only "the department", "the refugee agency", not "the Kurdish YPG"
        words = [c.lower_ for c in before[1:]] + [head.lemma_.lower()]
        best, last = None, -1
        for cid, cl in enumerate(self.clusters):
            if cl.kind != "organization" or not cl.mentions or (
                    cl.key.startswith("noun:") and cl.organization is None):
                continue
            names = {cl.name.lower(), *(self.doc[m.start:m.end].text.lower()
                                        for m in cl.mentions if m.label == "ORG")}
            if cl.organization and self.kb is not None:
                org = self.kb.lookup_org(cl.organization, self.day)
                if org is not None:
                    names |= {a.lower() for a in (org.name, *org.aliases)}
            if not any(all(w in n.split() for w in words) for n in names):
                continue
            prior = [m.start for m in cl.mentions if m.start < head.i]
            if prior and max(prior) > last:
                best, last = cid, max(prior)
        return best

    # --- output ----------------------------------------------------------------------
    def actors(self) -> tuple[list[Actor], dict[int, str]]:
        """Actors in order of first mention, ids ``A1..``; and cluster -> actor id."""
        text = text_of(self.doc)
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


