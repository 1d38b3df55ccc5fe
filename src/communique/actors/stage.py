"""The actor stage: named and pronoun mentions in a parsed article, clustered into actors.

Input: a spaCy ``Doc`` of ``Article.text`` and the quoted regions (pronouns inside quoted
speech refer to the speaker's world, not the narrative, so they are resolved differently).
Output: an :class:`ActorIndex`, which the later stages ask "which actors does this token
or phrase refer to?". Naming and classification go through :mod:`communique.actors.naming`
so the knowledge base can replace them without touching the clustering here.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from spacy.tokens import Doc, Token

from ..kb import KnowledgeBase
from ..parsed import sent_bounds, tokens
from . import naming
from .context import local_countries
from .groups import led_coalitions, link_group_nouns, stateless_forces
from .index import FEMALE, MALE, PERSONAL, PLURAL, VOICE_NOUNS, ActorIndex, Cluster, Mention
from .orgwords import org_sectors
from .people import KIN, PRIVATE_NOUNS, TOPIC, describe_people, ethnonym_groups, is_role_noun
from .places import force_countries, place_countries
from .resolve import LOCATIVE, resolve_all

__all__ = ["ACTOR_LABELS", "find_actors"]

#: entity labels that become actors; others (dates, money, works of art) do not.
ACTOR_LABELS = {"PERSON": "person", "ORG": "organization", "GPE": "country",
                "NORP": "group", "LOC": "location", "FAC": "location"}

#: how many sentences back a pronoun may look for its antecedent.
PRONOUN_WINDOW = 4
#: how many sentences wholly inside quotation marks it may reach past besides
QUOTED_SENTENCES = 8
#: role nouns that make a subject an actor ("the chancellor warned", "the ministry said")
_ROLE_NOUNS = frozenset(naming.PERSON_NOUNS | naming.ORG_NOUNS)


def find_actors(doc: Doc, quoted: bytearray, *, published: str | None = None,
                kb: KnowledgeBase | None = None) -> ActorIndex:
    """Build the actor index: named entities, then pronouns, clustered within the article.

    With a knowledge base, every actor gets its identity as of ``published`` (default
    today): canonical name, country, organisation, sector, role.
    """
    day = dt.date.fromisoformat(published) if published else None
    resolver = None
    if kb is not None:
        resolver = functools.partial(_resolve_from, kb)
    index = ActorIndex(doc, quoted, kb, day, resolver)
    ents = naming.entities(doc)
    persons = [e for e in ents if e.label == "PERSON"]
    surnames = {e.words[-1] for e in persons if len(e.words) > 1}
    singles = {e.words[0] for e in persons if len(e.words) == 1}
    taken = 0  # the end of the last group phrase ("British Kurds" took "Kurds")
    for ent in ents:
        label = ent.label
        if label not in ACTOR_LABELS or ent.start < taken:
            continue
        # spaCy sometimes tags a known person's surname as ORG/GPE ("Trump has...").
        if label in ("ORG", "GPE", "NORP", "LOC") and len(ent.words) == 1 \
                and (ent.words[0] in surnames or ent.words[0] in index.person_keys()) \
                and not ent.ref.startswith(("org:", "country:")) \
                and not _named_with_article(ent):  # "The Hague" is no William Hague
            label = "PERSON"
        # "Nadia Farouk" tagged ORG, "Farouk" a person later: the name is the person's
        if label in ("ORG", "GPE") and not ent.ref and 1 < len(ent.words) <= 3 \
                and ent.words[-1] in singles and all(w[:1].isupper() for w in ent.words):
            label = "PERSON"
            persons.append(ent)
        # "Nadia Karim – an activist with ...", "the 26-year-old Nadia Karim": a name
        # tagged ORG or GPE that a person's role noun or age describes is a person
        if label in ("ORG", "GPE", "FAC", "LOC") and not ent.ref and len(ent.words) <= 3 \
                and all(w[:1].isupper() for w in ent.words) and kb is not None \
                and not _acronym(ent.words) and _described_as_person(doc, ent, kb):
            label = "PERSON"
            persons.append(ent)
        # "his daughter Yulia", "her son, Jarrah": a one-word name a relative's noun
        # introduces is a person, whatever the recogniser or the gazetteer made of it
        if label in ("ORG", "GPE", "FAC", "LOC") and len(ent.words) == 1 \
                and not ent.ref.startswith(("org:", "country:")) and _kin_named(doc, ent):
            label = "PERSON"
            persons.append(ent)
        if label == "PERSON" and _acronym(ent.words):
            label = "ORG"  # "HTS", "SDF": capitals are no person's name
        if label == "PERSON":
            cid = _person_cluster(index, ent, persons)
        else:
            if label in ("NORP", "GPE") and kb is not None:
                ent = _group_phrase(doc, ent, kb)
                if ent.label == "GROUP":
                    label = "NORP"
                    taken = ent.end
            cid = _other_cluster(index, ent, label)
        index.add_mention(Mention(ent.start, ent.end, label,
                                  quoted=index.is_quoted(doc[ent.start])), cid)
        if ent.title and index.clusters[cid].title is None and label == "PERSON":
            index.clusters[cid].title = ent.title
    _link_acronyms(index)
    _link_appositions(index, kb)
    # bare surnames and first names the entity recogniser missed ("Merz said ..."), also
    # in capitals or tagged as a noun when they label a line ("MERZ: We will ...")
    keys = dict(index.person_keys())
    tb = tokens(doc)
    n = len(tb.text)
    for i, text in enumerate(tb.text):
        if index.is_marked(i):
            continue
        name = text.title() if text.isupper() and len(text) > 2 else text  # tok.is_upper
        if name not in keys:
            continue
        label = i + 1 < n and tb.text[i + 1] == ":"
        if tb.pos[i] == "PROPN" or label or name != text:
            tok = doc[i]
            index.add_mention(Mention(i, i + 1, "PERSON",
                                      quoted=index.is_quoted(tok)), keys[name])
    if kb is not None:
        resolve_all(index, kb, index.day)
        led_coalitions(index)  # "the US-led coalition": the coalition, not the US
        link_group_nouns(index, kb)  # "the terror group", "Kurdish forces": a named group
        stateless_forces(index)  # "Kurdish forces" no named group took: REB, not MIL
        place_countries(index)  # "the village of Baghour": a town no gazetteer knows
        org_sectors(index)  # "... Medical Society": MED, from the words of an unknown name
    index.note_voices()  # "a YPG source": a later "the source" is the YPG's voice too
    # role nouns acting as subjects ("The chancellor warned", "a spokeswoman said") are
    # actors too, so that a later "she said" can find them
    for i, dep in enumerate(tb.dep):
        if (dep in ("nsubj", "nsubjpass") and tb.pos[i] == "NOUN"
                and tb.lemma[i] in _ROLE_NOUNS and not index.is_marked(i)):
            tok = doc[i]
            if not index.is_quoted(tok):
                index.noun_actor(tok)
    if kb is not None:
        force_countries(index)  # "government forces": the article's country's
    _resolve_pronouns(index)
    if kb is not None:
        describe_people(index, kb)
        ethnonym_groups(index)  # "Kurdish officials": the Kurdish groups' one country
        local_countries(index)  # "the rebels", a resident: the article's dominant country's
    return index


def _described_as_person(doc: Doc, ent: naming.Ent, kb: KnowledgeBase) -> bool:
    head = doc[ent.end - 1]
    for c in head.children:
        if c.dep_ == "appos" and c.i >= ent.end and is_role_noun(c, kb):
            return True
        if c.dep_ == "amod" and c.lower_ == "old" and c.i < ent.start \
                and any(g.lower_ == "year" for g in c.children):
            return True  # "the 26-year-old ..."
        if c.dep_ == "relcl" and c.i > ent.end and doc[ent.end].text == "," and any(
                g.lower_ == "who" and g.dep_ in ("nsubj", "nsubjpass") for g in c.children):
            return True  # "Abdulrahman, who asked not to be named, ..."
    return False

def _kin_named(doc: Doc, ent: naming.Ent) -> bool:
    """Whether a possessed relative's noun stands right before the name ("his daughter
    Yulia", "Fay's mother, Ruth")."""
    k = ent.start - 1
    if k >= 0 and doc[k].text == ",":
        k -= 1
    if k < 0 or doc[k].lemma_.lower() not in KIN or doc[k].pos_ != "NOUN":
        return False
    return any(c.dep_ == "poss" for c in doc[k].children) or (
        k > 0 and doc[k - 1].tag_ in ("PRP$", "POS"))


def _named_with_article(ent: naming.Ent) -> bool:
    """A gazetteer place whose name starts with "The" ("The Hague", "The Gambia"): the
    entity layer matched it whole, so its last word is not a person's surname."""
    return ent.ref.startswith("geo:") and ent.ref.split(":", 2)[2].startswith("The ")


def _resolve_from(kb: KnowledgeBase, index: ActorIndex, start: int) -> None:
    resolve_all(index, kb, index.day, start=start)
    force_countries(index)  # phrases the later stages make actors ("rebel fighters")
    local_countries(index)


def _acronym(words: list[str]) -> bool:
    return len(words) == 1 and len(words[0]) >= 2 and words[0].isupper() \
        and words[0].isalpha()


def norm_key(text: str) -> str:
    """Case, accents, apostrophes and a trailing possessive do not make another name."""
    s = naming.fold(text).lower().replace("\u2019", "'")
    s = re.sub(r"'s?$", "", s)
    return " ".join(re.sub(r"[^\w\s]", " ", s).split())


def _other_cluster(index: ActorIndex, ent: naming.Ent, label: str) -> int:
    name = naming.entity_name(index.doc, ent)
    keys = [f"ref:{ent.ref}"] if ent.ref else []
    keys.append(f"{label}:{norm_key(name)}")
    for k in keys:
        cid = index.cluster_for(k)
        if cid is not None:
            break
    else:
        cid = index.new_cluster(name, ACTOR_LABELS[label], keys[-1])
        cl = index.clusters[cid]
        cl.ref = ent.ref
        if ent.ref.startswith("geo:"):
            cl.country = ent.ref.split(":")[1]
    for k in keys:
        index.add_key(k, cid, replace=False)
    return cid


def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s\-]+", name) if w[:1].isupper()]
    return "".join(w[0] for w in words)


def _link_acronyms(index: ActorIndex) -> None:
    """"the Syrian Democratic Forces (SDF)", or an acronym whose letters are the capitals
    of an organisation named in the article: one actor."""
    doc = index.doc
    orgs = [c for c, cl in enumerate(index.clusters)
            if cl.mentions and cl.kind in ("organization", "group")]
    for cid in orgs:
        cl = index.clusters[index.canonical(cid)]
        for m in list(cl.mentions):
            # "Name (ACR)": the bracketed acronym after a mention
            if m.end + 2 < len(doc) and doc[m.end].text == "(" and doc[m.end + 2].text == ")":
                acr = doc[m.end + 1]
                if acr.is_upper and acr.is_alpha:
                    other = index.mention_at(acr)
                    if other is not None and other.actor >= 0:
                        index.merge(other.actor, index.canonical(cid))
                    index.add_key(f"ORG:{norm_key(acr.text)}", index.canonical(cid))
    short = [c for c in orgs if index.clusters[c].mentions
             and _acronym(index.clusters[c].name.split())]
    long = [c for c in orgs if index.clusters[c].mentions
            and len(index.clusters[c].name.split()) > 1]
    for s in short:
        acr = index.clusters[s].name
        match = [c for c in long if len(acr) >= 3 and _initials(index.clusters[c].name) == acr]
        if len(match) == 1:
            index.merge(s, match[0])


def _role_words(head: Token) -> list[Token]:
    """"The Lebanese prime minister" of "The Lebanese prime minister, X, said": the role
    noun with what stands before it (no determiner, relative clause or apposition)."""
    words = [t for t in naming.phrase_tokens(head) if t.i <= head.i]
    while words and (words[0].pos_ == "DET" or words[0].is_punct):
        words = words[1:]
    return words


def _is_role(tok: Token, kb: KnowledgeBase | None) -> bool:
    if tok.pos_ != "NOUN" or tok.tag_ not in ("NN", "NNP"):
        return False
    low = tok.lemma_.lower()
    return low in naming.PERSON_NOUNS or (kb is not None and kb.sector_of(low) is not None
                                          and tok.tag_ == "NN")


#: how many prepositional phrases a role phrase may hold before its apposition
ROLE_HOPS = 3
#: how many words of a role phrase may follow its noun ("envoy for the global coalition")
ROLE_TAIL = 8


def _role_above(tok: Token, kb: KnowledgeBase | None) -> Token:
    """The role noun a person's name is in apposition to. The parser often hangs the name
    on the last noun of the role phrase: "the UN envoy for Syria, Staffan de Mistura",
    "the head of the Red Crescent in Idlib, X" (on "Syria", on "Idlib"); a person is
    never a place's or an organisation's apposition, so the role is the noun whose
    prepositional phrases hold it."""
    t, hops = tok, 0
    while (not _is_role(t, kb) and t.pos_ == "PROPN" and t.dep_ == "pobj"
           and t.head.dep_ == "prep" and t.head.head.pos_ in ("NOUN", "PROPN")
           and hops < ROLE_HOPS):
        t, hops = t.head.head, hops + 1
    return t if hops and _is_role(t, kb) else tok


def _appos_title(doc: Doc, words: list[Token], role: Token, m: Mention) -> str:
    """The stated role of "the UN envoy for Syria, X": the role phrase up to the name,
    with its prepositional phrases (a short run with no verb), else up to its noun."""
    last = words[-1].i if words else role.i
    if role.i < m.start:
        end = m.start - 1
        while end > role.i and doc[end].is_punct:
            end -= 1
        # "the YPG commander in Afrin, X": where the holder is, not the role
        where = next((t.i for t in doc[role.i + 1:end + 1] if t.lower_ in LOCATIVE), None)
        if where is not None:
            end = where - 1
        tail = doc[role.i + 1:end + 1]
        if len(tail) <= ROLE_TAIL and not any(t.pos_ in ("VERB", "AUX") or t.is_punct
                                              for t in tail):
            last = end
    return doc[(words[0].i if words else role.i):last + 1].text


def _set_title(cl: Cluster, title: str) -> None:
    """Take ``title`` unless the cluster has one it does not extend (the entity layer's
    "Swedish special envoy" is extended by "Swedish special envoy for Syria")."""
    if cl.title is None or (title != cl.title and title.startswith(cl.title)):
        cl.title = title


def _link_appositions(index: ActorIndex, kb: KnowledgeBase | None) -> None:
    """"The Lebanese prime minister, Saad Hariri," and "Saad Hariri, the prime minister":
    the role phrase is the person's stated role and a mention of them."""
    doc = index.doc
    for cl in list(index.clusters):
        if cl.kind != "person":
            continue
        for m in list(cl.mentions):
            if m.label != "PERSON":
                continue
            head = doc[m.end - 1]
            if head.dep_ == "appos" and head.head.i < m.start:
                role = _role_above(head.head, kb)
            else:
                role = next((c for c in head.children if c.dep_ == "appos" and c.i >= m.end),
                            None)
            if role is None or not _is_role(role, kb):
                continue
            words = _role_words(role)
            cid = index.canonical(m.actor)
            held = index.mention_at(role)
            if held is not None:
                # "Lebanese prime minister" already made a group of the nationality
                if held.label == "NORP" and held.end == role.i + 1 and held.actor >= 0 \
                        and index.canonical(held.actor) != cid:
                    other = index.clusters[index.canonical(held.actor)]
                    if index.clusters[cid].title is None:
                        index.clusters[cid].title = other.name
                    _set_title(index.clusters[cid], _appos_title(doc, words, role, m))
                    index.merge(held.actor, cid)
                continue
            if not words or any(index.is_marked(t.i) and
                                index.mention_at(t).label not in ("GPE", "NORP", "ORG")
                                for t in words):
                continue
            target = index.clusters[cid]
            _set_title(target, _appos_title(doc, words, role, m))
            free = [t for t in words if not index.is_marked(t.i)]
            if free and free[-1].i == role.i:
                index.add_mention(Mention(free[0].i, role.i + 1, "NOUN",
                                          quoted=index.is_quoted(role)), cid)


def _group_phrase(doc: Doc, ent: naming.Ent, kb: KnowledgeBase) -> naming.Ent:
    """"North Korean troops": a nationality with a sector noun is a group, one mention;
    so are "two French nationals" (a private person's noun in the plural) and "British
    Kurds" (a state's adjective before a people's plural name: that state's people)."""
    j = ent.end
    if ent.ref.startswith("adj:") and j < len(doc) and doc[j].ent_type_ == "NORP" \
            and doc[j].ent_iob_ == "B" and doc[j].tag_ in ("NNPS", "NNS") \
            and not doc[j].ent_kb_id_.startswith("adj:") and doc[j].is_title \
            and (j + 1 == len(doc) or doc[j + 1].ent_iob_ != "I"):
        return naming.Ent(ent.start, j + 1, "GROUP", [t.text for t in doc[ent.start:j + 1]],
                          ref="")
    while j < len(doc) and doc[j].pos_ == "ADJ" and j - ent.end < 2:
        j += 1
    if j >= len(doc) or doc[j].pos_ != "NOUN" or doc[ent.end - 1].head.i != j:
        return ent
    if kb.sector_of(doc[j].lower_) is None and not (
            doc[j].tag_ in ("NN", "NNS") and doc[j].lemma_.lower() in PRIVATE_NOUNS):
        return ent  # "her Dutch husband" is a person of the nationality
    if any(c.dep_ == "poss" and c.i < ent.start and c.pos_ == "PROPN"
           for c in doc[j].children):
        return ent  # "the UN's Syria envoy": the UN's, not a Syrian
    if doc[j].tag_ == "NN" and doc[j].lemma_.lower() in VOICE_NOUNS:
        return ent  # "one US official said": a voice of the state (ActorIndex._voice_of)
    if ent.label == "GPE" and doc[j].lemma_.lower() in TOPIC:
        return ent  # "a Syria expert": the country is the subject, a mention of its own
    words = [t.text for t in doc[ent.start:j + 1]]
    return naming.Ent(ent.start, j + 1, "GROUP", words)


def _person_cluster(index: ActorIndex, ent: naming.Ent, persons: list[naming.Ent]) -> int:
    """Full name, surname, first name, "Mr X" and title + surname are one person: a
    one-word name joins the person whose surname (else first name) it is, preferring a
    full-name mention anywhere in the article (leads often give the full name later)."""
    key = [naming.fold(w) for w in ent.words]
    full = " ".join(key)
    cid = index.cluster_for(full, person=True)
    if cid is not None:
        return cid
    if len(key) == 1:
        for pos in (-1, 0):
            for other in persons:
                if len(other.words) > 1 and naming.fold(other.words[pos]) == key[0]:
                    cid = _person_cluster(index, other, persons)
                    index.add_key(full, cid, person=True)
                    return cid
    elif key[-1] in index.person_keys():
        cid = index.person_keys()[key[-1]]
        if len(index.clusters[cid].name.split()) == 1:
            index.clusters[cid].name = " ".join(ent.words)
            index.add_key(full, cid, person=True)
            return cid
    name = " ".join(ent.words)
    cid = index.new_cluster(name, "person", f"person:{full.lower()}", person=True)
    index.add_key(full, cid, person=True)
    if len(key) > 1:  # the surname, then the first name, find the person too
        for w in (key[-1], ent.words[-1], key[0], ent.words[0]):
            index.add_key(w, cid, person=True, replace=False)
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
    tb = tokens(doc)
    starts, ends = sent_bounds(doc)
    quoted = index.quoted
    for i, low in enumerate(tb.lower):
        if tb.pos[i] != "PRON" or (low not in PERSONAL and low != "they"):
            continue
        idx = tb.idx[i]
        if (bool(quoted[idx]) if idx < len(quoted) else False) or index.is_marked(i):
            continue
        tok = doc[i]
        plural = low in PLURAL
        gender = "m" if low in MALE else "f" if low in FEMALE else None
        cid = _antecedent(index, tok, (starts, ends), plural, gender)
        if cid is None:
            continue
        cl = index.clusters[cid]
        if gender and cl.gender is None:
            cl.gender = gender
        index.add_mention(Mention(tok.i, tok.i + 1, "PRON", quoted=False), cid)


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


def _antecedent(index: ActorIndex, tok: Token, bounds: tuple[list[int], list[int]],
                plural: bool, gender: str | None) -> int | None:
    si = index.sentence_index(tok.i)
    # "He and Rutte": a pronoun never refers to the actor it is coordinated with
    banned = {m.actor for c in tok.conjuncts if (m := index.mention_at(c)) is not None}
    # 1. Same sentence: the subject of a governing speech/cognition verb.
    head = tok.head
    hops = 0
    while head is not None and hops < 6:
        for child in head.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.i < tok.i and child.i != tok.i:
                m = index.mention_at(child)
                if m is not None and m.actor not in banned and _compatible(
                        index, m, plural, gender):
                    return m.actor
        if head.head.i == head.i:
            break
        head = head.head
        hops += 1
    # 2. Earlier in the same sentence, then earlier sentences: subject first, then nearest.
    counted = 0
    for back in range(0, PRONOUN_WINDOW + QUOTED_SENTENCES + 1):
        j = si - back
        if j < 0 or counted > PRONOUN_WINDOW:
            break
        first = index.sent_start(j)
        end = tok.i if back == 0 else bounds[1][first]
        # a sentence wholly inside quotation marks names no one the writer's pronoun can
        # mean: the window reaches past it ("'...' she says. '...' She ...")
        if back == 0 or not _all_quoted(index, first, end):
            counted += 1
        cands = []
        by_token = index.by_token
        for i in range(first, end):
            m = by_token.get(i)
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


def _all_quoted(index: ActorIndex, start: int, end: int) -> bool:
    """Whether every word of tokens ``[start, end)`` stands inside quotation marks."""
    words = [t for t in index.doc[start:end] if t.is_alpha]
    return bool(words) and all(index.is_quoted(t) for t in words)


def doc_dep(doc: Doc, m: Mention) -> str:
    """The dependency label of a mention's syntactic head (the token whose head is outside)."""
    tb = tokens(doc)
    for i in range(m.start, m.end):
        h = tb.head[i]
        if not (m.start <= h < m.end) or h == i:
            return tb.dep[i]
    return tb.dep[m.end - 1]
