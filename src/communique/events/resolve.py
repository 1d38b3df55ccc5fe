"""Actor resolution of argument phrases: cluster ids of the actor index for a phrase head
(and its conjuncts), the actors inside a phrase that cannot act, "it" and first-person
pronouns in quotes."""

from __future__ import annotations

from spacy.tokens import Token

from . import syntax as sx
from .match import Matcher
from .pairs import named_pair, pair_phrase
from .policy import NOUN_RECIPIENT_PREPS
from .reported import reporter


class Coder(Matcher):
    """The coder's state on one article: lexicon matching plus actor resolution."""

    # --- actors ----------------------------------------------------------------------
    def quote_at(self, char: int) -> int | None:
        best = None
        for k, (s, e) in enumerate(self.quote_spans):
            if s <= char < e and (best is None or e - s < self.quote_spans[best][1]
                                  - self.quote_spans[best][0]):
                best = k
        return best

    def resolve(self, head: Token, path: list[str], role: str) -> list[tuple[int, Token]]:
        """(cluster id, phrase head) for an argument phrase and its conjuncts; a phrase that
        cannot act (a policy, a weapon) gives the actors inside it: "Trump's decision",
        "missiles fired by the army"."""
        out: list[tuple[int, Token]] = []
        for h in sx.conjuncts(head):
            for hit in self._resolve_one(h, path, role, depth=0):
                if role == "actor" and self._place(hit[0]):
                    continue  # a town does not act; "Ankara" (the government) does
                if hit[0] not in [o[0] for o in out]:
                    out.append(hit)
        return out

    def _place(self, cid: int) -> bool:
        return 0 <= cid < len(self.index.clusters) and \
            self.index.clusters[self.index.canonical(cid)].kind == "location"

    def _leader(self, a: Token, path: list[str], role: str,
                depth: int) -> list[tuple[int, Token]]:
        """The leader of "the US-led coalition": its own mention inside the group's
        phrase (the actor stage keeps "US-led" in the phrase), else the word resolved."""
        inner = self.index.innermost_at(a)
        if inner is not None and inner.end - inner.start < 3 and \
                self.index.mention_at(a) is not inner:
            return [(self.index.canonical(inner.actor), a)]
        return self._resolve_one(a, path, role, depth + 1)

    def _resolve_one(self, h: Token, path: list[str], role: str,
                     depth: int) -> list[tuple[int, Token]]:
        whole = _slash_whole(h)
        if whole is not None:  # "YPG/J": the fragment after the slash is the name's
            m = self.index.mention_at(whole)
            ids = [m.actor] if m is not None and m.actor >= 0 else \
                self.index.resolve_phrase(whole)
            if ids:
                path.append(f"{role}: '{h.text}' after a slash is part of '{whole.text}'")
                return [(i, h) for i in ids[:1]]
        low = h.lower_
        if low in sx.FIRST_PERSON and not _acronym(h):
            q = self.quote_at(h.idx)
            if q is not None and self.drafts[q].speakers:
                path.append(f"{role}: '{h.text}' in a quote -> its speaker")
                return [(s, h) for s in self.drafts[q].speakers]
        if low in sx.RELATIVES and h.head.dep_ == "relcl":
            h = h.head.head
        if pair_phrase(h):
            ids = named_pair(self.index, h)
            if ids:
                path.append(f"{role}: '{h.text}' -> the two people named together before")
                return [(i, h) for i in ids]
        if h.pos_ == "NOUN" and depth < 2 and h.lemma_.lower() in sx.ACTOR_NOUNS:
            # "the navies of Japan and India": several named actors, not one group
            of = sx.preps(h, {"of"})
            if of and len(sx.conjuncts(of[0])) > 1:
                hits = [x for q in sx.conjuncts(of[0])
                        for x in self._resolve_one(q, path, role, depth + 1)]
                if len(hits) > 1:
                    return [(i, h) for i, _ in hits]
        if h.pos_ == "NOUN" and depth < 2 and h.lemma_.lower() in sx.ACTOR_NOUNS:
            # "US, British and French forces": coordinated states are the actors
            mods = [q for m in h.children if m.dep_ in ("compound", "amod", "nmod")
                    and sx.STATE_LABELS & {self.label(m), m.ent_type_}
                    for q in sx.conjuncts(m)]
            if len(mods) > 1 and any(m.dep_ == "conj" for m in mods):
                own = self.index.mention_at(h)
                hits = [x for q in mods for x in self._resolve_one(q, path, role, depth + 1)
                        if own is None or x[0] != own.actor]
                if len(hits) > 1:
                    path.append(f"{role}: the states of '{h.text}'")
                    return [(i, h) for i, _ in hits]
        m = self.index.mention_at(h)
        if h.pos_ == "NOUN" and depth < 2 and h.lemma_.lower() in sx.ACTOR_NOUNS:
            # "the US-LED coalition": the leader acts with the group it leads
            leaders = [x for ch in h.children if ch.lemma_.lower() in LEADING
                       for a in [sx.hyphen_agent(ch)] if a is not None
                       for x in self._leader(a, path, role, depth)]
            if leaders:
                # the group only when the actor stage has it: a new noun actor made of
                # the phrase would take over the leader's own mention
                own = [m.actor] if m is not None and m.actor >= 0 else []
                path.append(f"{role}: '{h.text}' and its leader")
                return [(i, h) for i in own] + [(i, h) for i, _ in leaders if i not in own]
        if m is not None and m.actor >= 0:
            return [(m.actor, h)]
        if h.pos_ in ("NOUN", "PROPN") and depth < 2 and any(
                ch.dep_ == "poss" and ch.pos_ != "PRON" for ch in h.children):
            # "Assad's backer, RUSSIA": a named apposition, not the possessor, is the
            # argument of a possessed noun
            for ap in h.children:
                if ap.dep_ == "appos" and ap.pos_ == "PROPN":
                    am = self.index.mention_at(ap)
                    if am is not None and am.actor >= 0:
                        path.append(f"{role}: '{h.text}' is '{ap.text}'")
                        return [(am.actor, h)]
        if h.pos_ == "PRON":
            rep = reporter(h)
            if rep is not None:
                hits = self._resolve_one(rep, path, role, depth + 1)
                if hits:
                    path.append(f"{role}: '{h.text}' -> '{rep.text}', who reports the clause")
                    return [(i, h) for i, _ in hits]
            if low in ("it", "its", "itself"):
                cid = self._it(h)
                if cid is not None:
                    path.append(f"{role}: '{h.text}' -> nearest earlier state or organisation")
                    return [(cid, h)]
            if low in PLURAL_OBJECTS:
                cid = self._them(h)
                if cid is not None:
                    path.append(f"{role}: '{h.text}' -> nearest earlier group")
                    return [(cid, h)]
            return []
        lem = h.lemma_.lower()
        if _condition(h):
            return []  # "a state of emergency" is no state
        if (lem in sx.ACTOR_NOUNS and h.pos_ in ("NOUN", "PROPN")) or sx.unnamed_name(h):
            # created in the actor index only if the event is kept (see materialize)
            return [(-1 - h.i, h)]
        if (lem in sx.QUANTITY_NOUNS or h.pos_ == "NUM") and depth < 2:
            for o in sx.preps(h, {"of"}):
                hits = self._resolve_one(o, path, role, depth + 1)
                if hits:  # "dozens of fighters": the whole phrase is the argument
                    return [(i, h) for i, _ in hits]
        if depth >= 2:
            return []
        inner = self._embedded(h, path, role, depth)
        if inner:
            path.append(f"{role}: actors inside '{h.text}'")
        return inner

    def _embedded(self, h: Token, path: list[str], role: str,
                  depth: int) -> list[tuple[int, Token]]:
        # an event noun's own recipient is not who the phrase is about: "condemned Russia's
        # invasion of Ukraine" is about Russia
        skip: set[str] = set()
        rows = self.lex.rows(h.lemma_.lower(), "NOUN") if h.pos_ == "NOUN" else []
        typed = [r for r in rows if r.type]
        if typed and any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "by")
                         for c in h.children):
            skip = NOUN_RECIPIENT_PREPS.get(typed[0].type, set())
        out: list[tuple[int, Token]] = []
        for c in h.children:
            hits: list[tuple[int, Token]] = []
            dep = c.dep_
            if dep == "poss":  # "X's request": the whole phrase is the argument
                hits = [(i, h) for i, _ in self._resolve_one(c, path, role, depth + 1)]
            elif dep in ("compound", "amod", "nmod"):
                # a state modifier names the actor; the phrase stays the argument
                if self.label(c) in sx.STATE_LABELS | {"PERSON"}:
                    # "Russian AND SYRIAN jets": each coordinated modifier is an actor
                    hits = [(i, h) for q in sx.conjuncts(c)
                            for i, _ in self._resolve_one(q, path, role, depth + 1)]
                elif dep == "compound" and depth < 2:  # "the ISIS group bastion", "a
                    # PAKISTANI drone strike"
                    hits = [(i, h) for g in c.children if g.dep_ in ("compound", "amod")
                            and self.label(g) in sx.STATE_LABELS
                            for i, _ in self._resolve_one(g, path, role, depth + 1)]
            elif dep == "prep" and c.lower_ in ("of", "by", "between", "from", "to", "with") \
                    and c.lower_ not in skip:
                for p in sx.pobjs(c):
                    for q in sx.conjuncts(p):
                        hits += self._resolve_one(q, path, role, depth + 1)
            elif dep == "acl":  # "missiles fired BY the army", "a ban imposed ON X"
                a = sx.agent_of(c)
                objs = [a] if a is not None else sx.preps(c, {"on", "against"})
                for o in objs:
                    for q in sx.conjuncts(o):  # "imposed on India AND PAKISTAN"
                        hits += self._resolve_one(q, path, role, depth + 1)
            for hit in hits:
                if hit[0] not in [o[0] for o in out]:
                    out.append(hit)
        return out

    def political(self, cid: int) -> bool:
        """A political actor: anything but a private person, which is a common-noun actor
        of a private-person word (``data/private.csv``: "the coach", "her husband") that
        neither the text nor the knowledge base gives a country, sector, role or title."""
        cl = self.index.clusters[self.index.canonical(cid)]
        if not cl.key.startswith("noun:") or cl.kind not in ("person", "other"):
            return True
        if cl.country or cl.sector or cl.role or cl.title or cl.organization or cl.wikidata:
            return True
        word = cl.name.lower().split()[-1] if cl.name.strip() else ""
        return word not in self.lex.private and word.removesuffix("s") not in self.lex.private

    def materialize(self, ids: list[int]) -> list[int]:
        """Cluster ids for the event's arguments; a common-noun actor ("Russian forces")
        becomes an actor of the index only now, for an event that is kept."""
        out: list[int] = []
        for i in ids:
            if i < 0:
                got = self.index.resolve_phrase(self.doc[-1 - i])
                i = got[0] if got else None
            if i is not None and i not in out:
                out.append(i)
        return out

    def _it(self, tok: Token) -> int | None:
        """'it'/'its': the nearest earlier state or organisation in this or the last sentence."""
        sent = tok.sent
        start = sent.start
        si = self.index.sentence_index(tok.i)
        if si > 0:
            start = max(0, sent.start - 60)
        nearest = None
        for i in range(tok.i - 1, start - 1, -1):
            t = self.doc[i]
            m = self.index.mention_at(t)
            if m is not None and m.actor >= 0 and m.label in ("GPE", "ORG"):
                if t.dep_ in sx.SUBJECTS:  # the subject before: "Russia ... , it threatens"
                    return m.actor
                if nearest is None:
                    nearest = m.actor
        return nearest


    def _them(self, tok: Token) -> int | None:
        """'them': the nearest earlier group (a plural noun actor, forces, an armed
        group) in this or the last sentence, a subject first; never the subject of the
        pronoun's own clause ("the rebels said the army shelled them": the rebels)."""
        own = {ch.i for ch in tok.head.children if ch.dep_ in sx.SUBJECTS}
        start = tok.sent.start
        if self.index.sentence_index(tok.i) > 0:
            start = max(0, tok.sent.start - 60)
        nearest = None
        for i in range(tok.i - 1, start - 1, -1):
            t = self.doc[i]
            m = self.index.mention_at(t)
            if m is None or m.actor < 0 or i in own or not self._plural(m):
                continue
            if t.dep_ in sx.SUBJECTS:
                return m.actor
            if nearest is None:
                nearest = m.actor
        return nearest

    def _plural(self, m) -> bool:
        cl = self.index.clusters[self.index.canonical(m.actor)]
        if cl.kind in ("person", "location", "country"):
            return False
        return self.doc[m.end - 1].tag_ in ("NNS", "NNPS") or cl.kind == "group"


#: object plural pronouns the actor stage leaves open ("accused THEM of"; it resolves
#: "they" itself outside quotes; "their" as well cost CAMEO actor spans, docs/benchmarks.md)
PLURAL_OBJECTS = {"them", "themselves"}

#: participles of a hyphenated leader: "the US-LED coalition" (the US acts with it)
LEADING = {"lead"}


def _condition(h: Token) -> bool:
    """"A state OF EMERGENCY", "a state of siege": a condition, not a state that acts."""
    return h.lemma_.lower() == "state" and any(
        o.pos_ == "NOUN" and not o.ent_type_ for o in sx.preps(h, {"of"}))



def _acronym(h: Token) -> bool:
    """"US" (the country) written as "us" is lower-cased: an all-capital word of two or
    more letters is a name, not a pronoun ("US-backed forces" in a quote are not the
    speaker's)."""
    return len(h.text) > 1 and h.text.isupper()


def _slash_whole(h: Token) -> Token | None:
    """The name a short fragment after a slash belongs to ("J" of "YPG/J"): the word just
    before the slash, written without spaces; None for anything else."""
    if h.i < 2 or len(h.text) > 3 or not h.text[:1].isupper():
        return None
    slash, first = h.doc[h.i - 1], h.doc[h.i - 2]
    if slash.text != "/" or slash.whitespace_ or first.whitespace_ or not first.text.isalpha():
        return None
    return first
