"""The event stage: PLOVER events from trigger words, the parse and the actor index.

Input: the parsed ``Doc``, the :class:`~communique.actors.ActorIndex`, the quote drafts and
the event :class:`~.lexicon.Lexicon`. Output: :class:`EventDraft` events whose actors and
recipients are actor-index cluster ids (the pipeline turns them into record ids).

One pass over the tokens finds triggers (a lexicon row whose lemma, part of speech,
particle and conditions match); arguments come from the parse (subject, agent of a
passive, object, prepositional objects, possessors of nominal triggers, the subject of a
support verb: "launched an attack"); a verbal act whose complement is another event
("agreed to withdraw", "called for sanctions") absorbs it; modality flags come from
auxiliaries, negation and governing verbs, and PLOVER's recoding rules follow (future
cooperation is AGREE, a refused cooperation is REJECT).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..actors import ActorIndex
from ..model import Event, Span
from . import syntax as sx
from .lexicon import NEEDS_RECIPIENT, QUAD, Governor, Lexicon, Trigger

COOPERATIVE = {t for t, q in QUAD.items() if q in (1, 2)}
#: CAMEO roots to the quad classes of 5-class CAMEO data: 01-02 no event, 03-05 verbal
#: and 06-08 material cooperation, 09-13 and 16 verbal conflict (as SANCTION in PLOVER's
#: quad table), 14-15 and 17-20 material conflict
CAMEO_QUAD = {f"{n:02d}": q for q, ns in ((0, (1, 2)), (1, (3, 4, 5)), (2, (6, 7, 8)),
                                          (3, (9, 10, 11, 12, 13, 16)),
                                          (4, (14, 15, 17, 18, 19, 20))) for n in ns}
#: future cooperation is an intention: PLOVER codes it AGREE
FUTURE_AS_AGREE = {"CONSULT", "SUPPORT", "COOPERATE", "AID"}

#: where a verb's recipient is looked for, by type, after its direct object
VERB_RECIPIENT_PREPS = {
    "AGREE": {"with"}, "CONSULT": {"with"}, "SUPPORT": {"for", "with"}, "CONCEDE": {"to"},
    "COOPERATE": {"with"}, "AID": {"to", "for"}, "RETREAT": {"from", "to"},
    "REQUEST": {"on", "upon"},
    "ACCUSE": {"against"}, "REJECT": set(), "THREATEN": {"against"}, "PROTEST": {"against"},
    "MOBILIZE": {"to", "into", "against", "near", "along"},
    "SANCTION": {"on", "against", "to", "from"},
    "COERCE": {"on", "against"}, "ASSAULT": {"on", "against", "at", "upon", "into", "with"},
}
#: where a nominal trigger's recipient is: "invasion OF Ukraine", "sanctions ON Iran"
NOUN_RECIPIENT_PREPS = {
    "AGREE": {"with"}, "CONSULT": {"with", "to"}, "SUPPORT": {"for", "to"},
    "CONCEDE": {"to", "for"}, "COOPERATE": {"with"}, "AID": {"to", "for"},
    "RETREAT": {"of", "from"}, "REQUEST": {"for", "on", "to"}, "ACCUSE": {"of", "against", "on"},
    "REJECT": {"of"}, "THREATEN": {"to", "against"}, "PROTEST": {"against"},
    "MOBILIZE": {"in", "to", "near", "along", "against"},
    "SANCTION": {"on", "against", "of", "to"},
    "COERCE": {"of", "on", "against"}, "ASSAULT": {"on", "against", "of", "in"},
}
#: reciprocal types: "talks BETWEEN X and Y" makes X and Y the actors
RECIPROCAL = {"AGREE", "CONSULT", "COOPERATE"}
#: REQUEST/REJECT mode from the type of the event asked for or refused
REQUEST_MODE = {"CONSULT": "meet", "AID": "assist", "COOPERATE": "assist", "SUPPORT": "assist",
                "AGREE": "assist", "RETREAT": "yield", "CONCEDE": "yield"}
THREAT_MODE = {"ASSAULT": "violence", "MOBILIZE": "violence", "SANCTION": "relations",
               "COERCE": "restrict", "PROTEST": "restrict"}
COERCE_THREAT = {"arrest": "arrest", "deport": "expel"}
DEMAND_MODALS = {"must", "should"}
#: types whose object is affected even when it names no actor ("shelled the depot",
#: "vetoed the resolution"); for the others an object that is no actor is a theme
#: ("sent aid", "signed an agreement") and marks no recipient
#: heads that make a trigger noun before them a mere modifier ("talk show", "attack
#: helicopter"); event heads ("mediation effort", "ceasefire deal") keep it an event
NOT_EVENT_HEADS = {"show", "program", "programme", "camp", "site", "zone", "helicopter",
                   "aircraft", "jet", "ship", "vehicle", "dog", "song", "film", "movie",
                   "book", "slogan", "sign", "banner", "victim", "survivor"}
#: generic heads whose event modifier is the event: "a mediation EFFORT", "a ceasefire
#: INITIATIVE"; their support verb is the event's
EVENT_HEADS = {"effort", "initiative", "bid", "process", "attempt", "plan", "proposal"}
#: nouns that stand for a series of events: "a round OF talks", "a wave OF arrests"
COLLECTIVE_NOUNS = {"round", "series", "wave", "spate", "set", "string", "number", "day",
                    "week", "campaign"}
#: exercises are MOBILIZE for one country and COOPERATE when several hold them (PLOVER)
EXERCISES = {"exercise", "drill", "game", "maneuver", "manoeuvre", "war-game", "wargame"}
#: types whose recipient may be the place where they happen
PLACE_TYPES = {"MOBILIZE", "CONCEDE", "RETREAT", "COERCE", "ASSAULT", "AID", "PROTEST"}
PATIENT_TYPES = {"ASSAULT", "COERCE", "REJECT", "ACCUSE", "THREATEN", "SANCTION"}


@dataclass(slots=True)
class EventDraft:
    """An event before record ids exist: cluster ids, character spans, and how it was found."""

    type: str
    mode: str | None
    trigger: tuple[int, int]
    sentence: tuple[int, int]
    actors: list[int] = field(default_factory=list)
    recipients: list[int] = field(default_factory=list)
    contexts: list[str] = field(default_factory=list)
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    quote: int | None = None  # index into the quote drafts
    score: float = 0.0
    cameo: str | None = None  # CAMEO root of the trigger, for cross-walks with CAMEO data
    pattern: str = ""  # the lexicon row (file:line pattern) or rule that fired
    path: list[str] = field(default_factory=list)  # parse steps, for ``events explain``
    token: int = -1
    depth: int = 0  # hops from the sentence root, report and support verbs not counted
    actor_spans: list[tuple[int, int]] = field(default_factory=list)
    recipient_spans: list[tuple[int, int]] = field(default_factory=list)
    reciprocal: bool = False
    absorbed: list[str] = field(default_factory=list)
    needs_recipient: bool = False  # the lexicon row says need=recipient

    @property
    def complete(self) -> bool:
        """PLOVER codes an event only with an actor, and a recipient where the type needs one
        (joint action of several actors, "X and Y cooperated", has them all as actors)."""
        if self.needs_recipient and not self.recipients:
            return False
        return bool(self.actors) and (bool(self.recipients) or self.type not in NEEDS_RECIPIENT
                                      or (self.type == "COOPERATE" and len(self.actors) > 1))

    @property
    def quad(self) -> int:
        """The quad class of CAMEO-coded data: from the trigger's CAMEO root when the lexicon
        gives one, else from the PLOVER type. 0 is CAMEO 01/02 (statements and appeals)."""
        if self.cameo and self.cameo in CAMEO_QUAD:
            return CAMEO_QUAD[self.cameo]
        return QUAD[self.type]


@dataclass(slots=True)
class _Cand:
    tok: Token
    row: Trigger | None
    type: str
    mode: str | None
    cameo: str | None
    frame: str
    pattern: str
    actor_heads: list[Token] = field(default_factory=list)
    recipient_heads: list[Token] = field(default_factory=list)
    actors: list[int] = field(default_factory=list)
    recipients: list[int] = field(default_factory=list)
    governor: Token | None = None  # support verb a nominal trigger borrowed its subject from
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    refusal: bool = False
    recoded_from: str | None = None
    refused: str | None = None  # the cooperative type a REJECT refuses
    path: list[str] = field(default_factory=list)
    dropped: bool = False
    absorbed: list[str] = field(default_factory=list)
    contexts: tuple[str, ...] = ()
    unresolved: dict[str, list[Token]] = field(default_factory=dict)
    head_ids: dict[int, list[int]] = field(default_factory=dict)
    arg_nodes: list[Token] = field(default_factory=list)  # argument heads as parsed
    outer: dict[int, Token] = field(default_factory=dict)  # actor token -> its phrase
    content: _Cand | None = None  # the event a content frame absorbed ("agreed TO LIFT ...")
    placed: bool = False  # the recipient is only the place the act happened in
    span_to: Token | None = None  # a locative after the recipient phrase that belongs to it


class _Coder:
    def __init__(self, doc: Doc, index: ActorIndex, drafts: list, lexicon: Lexicon) -> None:
        self.doc = doc
        self.index = index
        self.lex = lexicon
        self.drafts = drafts
        self._sent_words: dict[int, set[str]] = {}
        self._sent_text: dict[int, str] = {}
        self.quote_spans = [d.content for d in drafts]

    # --- lexicon matching ------------------------------------------------------------
    def pos_of(self, tok: Token) -> str | None:
        if tok.pos_ == "VERB" or (tok.tag_.startswith("VB") and tok.pos_ != "AUX"):
            return "VERB"
        if tok.pos_ == "NOUN" or (tok.pos_ == "PROPN" and not tok.ent_type_):
            return "NOUN"
        if tok.pos_ == "ADJ":
            return "ADJ"
        return None

    def lemma(self, tok: Token) -> str:
        return tok.lemma_.lower()

    def words(self, sent: SpacySpan) -> set[str]:
        w = self._sent_words.get(sent.start)
        if w is None:
            w = {t.lemma_.lower() for t in sent} | {t.lower_ for t in sent}
            self._sent_words[sent.start] = w
        return w

    def sent_text(self, sent: SpacySpan) -> str:
        s = self._sent_text.get(sent.start)
        if s is None:
            s = " " + " ".join(t.lower_ for t in sent) + " "
            self._sent_text[sent.start] = s
        return s

    def particle(self, tok: Token, words: str) -> Token | None:
        """The child (or clause marker) that realises a pattern's particle: "call FOR"."""
        found = None
        for w in words.split():
            hit = None
            for c in tok.children:
                if c.dep_ in sx.SUBJECTS:
                    continue
                if (c.lower_ == w or c.lemma_.lower() == w):
                    if c.dep_ == "prep" and pobj_is_time(c):
                        continue
                    hit = c
                    break
                # "called FOR Britain to stay": the particle marks the complement clause
                if c.dep_ in ("advcl", "ccomp", "xcomp") and c.i > tok.i:
                    for m in c.children:
                        if m.dep_ == "mark" and m.lower_ == w:
                            hit = m
                            break
                if hit is not None:
                    break
                # "pull out OF": the second particle hangs off the first
                if found is not None and c is found:
                    for g in c.children:
                        if g.lower_ == w:
                            hit = g
            if hit is None and found is not None:
                for g in found.children:
                    if g.lower_ == w:
                        hit = g
            if hit is None:
                return None
            found = hit
        return found

    def match(self, tok: Token, pos: str) -> tuple[Trigger, Token | None] | None:
        rows = self.lex.rows(self.lemma(tok), pos)
        if not rows and pos == "NOUN" and tok.tag_ in ("NNS", "NNPS"):
            rows = self.lex.rows(tok.lower_, pos)  # plural-only nouns: "talks"
        for row in rows:
            part = None
            if row.particle:
                part = self.particle(tok, row.particle)
                if part is None:
                    continue
            if self.conditions_hold(tok, row, part):
                return row, part
        return None

    def conditions_hold(self, tok: Token, row: Trigger, part: Token | None) -> bool:
        for key, vals in row.conditions:
            if key in ("actor", "recipient", "need"):
                continue
            if key == "obj" or key == "notobj":
                obj = self.object_for(tok, row)
                ok = self.test_token(obj, vals)
                if (key == "obj") != ok:
                    return False
            elif key == "pobj":
                p = sx.pobjs(part)[0] if part is not None and sx.pobjs(part) else None
                if p is None and part is not None and part.dep_ == "mark":
                    p = next((s for s in part.head.children if s.dep_ in sx.SUBJECTS), None)
                if not self.test_token(p, vals):
                    return False
            elif key == "prep":
                if not any(c.dep_ in ("prep", "agent", "prt") and c.lower_ in vals
                           for c in tok.children):
                    return False
            elif key == "mod":
                mods = [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod", "poss")
                        or (c.dep_ == "npadvmod" and c.i < tok.i)]
                if not any(self.test_token(m, vals) for m in mods):
                    return False
            elif key == "of":
                objs = sx.preps(tok, {"of"})
                if not any(self.test_token(o, vals) for o in objs):
                    return False
            elif key == "subj":
                subj, _ = sx.subject(tok) if pos_is_pred(tok) else (None, [])
                if "@reciprocal" in vals:
                    if subj is None or not self.reciprocal(subj):
                        return False
                elif not self.test_token(subj, vals):
                    return False
            elif key == "comp":
                comp = sx.complement(tok) or next(
                    (o for o in tok.children if o.dep_ in ("oprd", "attr")), None)
                if "@noun" in vals and (comp is None or comp.pos_ not in ("NOUN", "PROPN")):
                    return False
                if "@yes" in vals and comp is None:
                    return False
                if "@no" in vals and comp is not None:
                    return False
                if "@inf" in vals and (comp is None or not any(
                        a.tag_ == "TO" for a in comp.children)):
                    return False
                words = {v for v in vals if not v.startswith("@")}
                if words and (comp is None or comp.lemma_.lower() not in words):
                    return False
            elif key == "voice":
                passive = sx.is_passive(tok)
                if ("passive" in vals) != passive:
                    return False
            elif key == "gov":
                gov = governing_verb(tok)
                if gov is None or not self.test_token(gov, vals):
                    return False
            elif key == "sent":
                words = self.words(tok.sent)
                if not any(v in words for v in vals):
                    return False
        return True

    def object_for(self, tok: Token, row: Trigger) -> Token | None:
        if row.pos == "VERB":
            if row.particle:
                # "call off the strike", "pull out of the deal": object after the particle
                obj = sx.direct_object(tok)
                if obj is not None:
                    return obj
            return sx.direct_object(tok)
        if row.pos == "ADJ":
            for c in tok.children:
                if c.dep_ == "prep":
                    for p in sx.pobjs(c):
                        return p
            return None
        objs = sx.preps(tok, {"of"})
        return objs[0] if objs else None

    def test_token(self, tok: Token | None, vals: frozenset[str]) -> bool:
        """A condition value: a lemma, or a class (@any, @none, @actor, @person, ...)."""
        if tok is None:
            return "@none" in vals
        if "@any" in vals:
            return True
        lem = tok.lemma_.lower()
        if lem in vals or tok.lower_ in vals:
            return True
        # a quantity phrase stands for what it counts: "hundreds of banks"
        inner = tok
        if lem in sx.QUANTITY_NOUNS or tok.pos_ == "NUM":
            of = sx.preps(tok, {"of"})
            if of:
                inner = of[0]
                if inner.lemma_.lower() in vals:
                    return True
        for v in vals:
            if not v.startswith("@"):
                continue
            if v == "@actor" and self.actor_like(inner):
                return True
            if v == "@person" and self.person_like(inner):
                return True
            if v == "@abstract" and not self.actor_like(inner):
                return True
            if v == "@target" and (self.actor_like(inner) or
                                   inner.lemma_.lower() in sx.TARGET_NOUNS):
                return True
            if v == "@crowd" and self.crowd_like(inner):
                return True
            if v == "@state" and self.label(tok) in sx.STATE_LABELS:
                return True
            if v == "@quantity" and (tok.like_num or tok.ent_type_ in ("MONEY", "QUANTITY")
                                     or sx.has_child(tok, ("nummod",))):
                return True
            if v == "@plural" and tok.tag_ in ("NNS", "NNPS"):
                return True
            if v == "@event" and any(r.type for r in self.lex.rows(lem, "NOUN")):
                return True
        return False

    # --- word classes ----------------------------------------------------------------
    def label(self, tok: Token) -> str | None:
        m = self.index.mention_at(tok)
        if m is not None and m.actor >= 0:
            return m.label
        if tok.ent_type_ in ("GPE", "NORP", "ORG", "PERSON", "LOC", "FAC"):
            return tok.ent_type_
        return None

    def actor_like(self, tok: Token) -> bool:
        lab = self.label(tok)
        if lab is not None and lab != "NOUN":
            return True
        if tok.pos_ == "PRON":
            return tok.lower_ not in ("it", "this", "that", "what", "which", "there") or \
                self.label(tok) is not None
        lem = tok.lemma_.lower()
        if lem in sx.ACTOR_NOUNS or sx.unnamed_name(tok):
            return True
        if lem in sx.QUANTITY_NOUNS or tok.pos_ == "NUM":
            return any(self.actor_like(o) for o in sx.preps(tok, {"of"}))
        return False

    def person_like(self, tok: Token) -> bool:
        lab = self.label(tok)
        if lab == "PERSON":
            return True
        lem = tok.lemma_.lower()
        from ..actors.naming import PERSON_NOUNS
        return lem in PERSON_NOUNS or lem in ("delegation", "counterpart", "envoy", "king",
                                              "emir", "sultan", "pope")

    def crowd_like(self, tok: Token) -> bool:
        lem = tok.lemma_.lower()
        if lem in sx.CROWD_NOUNS:
            return True
        if lem in sx.QUANTITY_NOUNS or tok.pos_ == "NUM":
            return any(self.crowd_like(o) for o in sx.preps(tok, {"of"}))
        return False

    def reciprocal(self, subj: Token) -> bool:
        if len(sx.conjuncts(subj)) > 1 or subj.lower_ in ("they", "both", "we"):
            return True
        return any(c.dep_ == "nummod" or c.lower_ in ("both", "two") for c in subj.children)

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

    def _resolve_one(self, h: Token, path: list[str], role: str,
                     depth: int) -> list[tuple[int, Token]]:
        low = h.lower_
        if low in sx.FIRST_PERSON:
            q = self.quote_at(h.idx)
            if q is not None and self.drafts[q].speakers:
                path.append(f"{role}: '{h.text}' in a quote -> its speaker")
                return [(s, h) for s in self.drafts[q].speakers]
        if low in sx.RELATIVES and h.head.dep_ == "relcl":
            h = h.head.head
        if h.pos_ == "NOUN" and depth < 2 and h.lemma_.lower() in sx.ACTOR_NOUNS:
            # "the navies of Japan and India": several named actors, not one group
            of = sx.preps(h, {"of"})
            if of and len(sx.conjuncts(of[0])) > 1:
                hits = [x for q in sx.conjuncts(of[0])
                        for x in self._resolve_one(q, path, role, depth + 1)]
                if len(hits) > 1:
                    return [(i, h) for i, _ in hits]
        m = self.index.mention_at(h)
        if m is not None and m.actor >= 0:
            return [(m.actor, h)]
        if h.pos_ == "PRON":
            if low in ("it", "its", "itself"):
                cid = self._it(h)
                if cid is not None:
                    path.append(f"{role}: '{h.text}' -> nearest earlier state or organisation")
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
                    hits = [(i, h) for i, _ in self._resolve_one(c, path, role, depth + 1)]
                elif dep == "compound" and depth < 2:  # "the ISIS group bastion"
                    hits = [(i, h) for g in c.children if g.dep_ == "compound"
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

    # --- governors -------------------------------------------------------------------
    def roles_of(self, tok: Token) -> list[Governor]:
        pos = self.pos_of(tok)
        if pos is None:
            return []
        out = []
        for g in self.lex.roles(self.lemma(tok), pos):
            if g.particle is None or self.particle(tok, g.particle) is not None:
                out.append(g)
        return out

    def has_role(self, tok: Token, role: str) -> bool:
        return any(g.role == role for g in self.roles_of(tok))


def governing_verb(tok: Token) -> Token | None:
    """The verb a noun or adjective is the object or complement of ("reached a DEAL",
    "remained on ALERT", "found GUILTY")."""
    node = tok
    if node.dep_ == "conj":
        node = node.head
    head = node.head
    if head.i == node.i:
        return None
    if node.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    elif node.dep_ not in ("dobj", "obj", "nsubjpass", "attr", "oprd", "acomp", "xcomp",
                           "ccomp", "nsubj"):
        return None
    return head if head.pos_ in ("VERB", "AUX") else None


def pobj_is_time(prep: Token) -> bool:
    return any(p.ent_type_ in ("DATE", "TIME") for p in prep.children if p.dep_ == "pobj")


def pos_is_pred(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX", "ADJ") or tok.tag_.startswith("VB")


# ------------------------------------------------------------------------------------
# candidates


def _candidates(c: _Coder) -> list[_Cand]:
    out: list[_Cand] = []
    for tok in c.doc:
        pos = c.pos_of(tok)
        if pos is None or (pos == "NOUN" and tok.dep_ == "compound" and (
                tok.head.lemma_.lower() in sx.ACTOR_NOUNS | NOT_EVENT_HEADS)):
            continue  # "a TALK show", "PROTEST leaders": a modifier, not an event
        found = c.match(tok, pos)
        if found is None:
            continue
        row, part = found
        if row.type is None:
            continue
        cand = _Cand(tok=tok, row=row, type=row.type, mode=row.mode, cameo=row.cameo,
                     frame=row.frame, pattern=f"{row.where} {row.pattern} ({row.pos.lower()})",
                     contexts=row.contexts)
        cand.path.append(f"trigger '{tok.text}' ({tok.pos_} {tok.lemma_}, {tok.dep_})")
        if pos == "NOUN":
            _noun_args(c, cand)
        else:
            _verb_args(c, cand, part)
        out.append(cand)
    return out


def _arg_sources(row: Trigger | None, key: str) -> frozenset[str] | None:
    return row.cond(key) if row is not None else None


def _take(c: _Coder, cand: _Cand, heads: list[Token], role: str, how: str) -> bool:
    """Resolve argument heads into the candidate; True when they gave actors."""
    heads = [h for h in heads if h is not None]
    if not heads:
        return False
    cand.arg_nodes.extend(h for h in heads if h not in cand.arg_nodes)
    hits: list[tuple[int, Token]] = []
    for h in heads:
        conj = sx.conjuncts(h)
        for hit in c.resolve(h, cand.path, role):
            if hit[0] not in [x[0] for x in hits]:
                hits.append(hit)
            # the argument phrase (conjunct) an actor was found in: "a fuel dump OF THE
            # RWANDAN ARMY" is the argument, the army the actor
            tok = hit[1]
            for q in conj:
                if q.left_edge.i <= tok.i <= q.right_edge.i and (
                        q is tok or not any(o is not q and o.left_edge.i <= tok.i <= o.right_edge.i
                                            and o.i > q.i for o in conj)):
                    cand.outer[tok.i] = q
                    break
    ids = [i for i, _ in hits]
    target_heads = cand.actor_heads if role == "actor" else cand.recipient_heads
    target_ids = cand.actors if role == "actor" else cand.recipients
    if not ids:
        # kept aside: an argument phrase that names no actor ("a car bomb") still marks
        # where the argument is, for span scoring, if nothing better turns up
        cand.unresolved.setdefault(role, list(heads))
    for i, h in hits:
        if h not in target_heads:
            target_heads.append(h)
        cand.head_ids.setdefault(h.i, []).append(i)
    for i in ids:
        if i not in target_ids:
            target_ids.append(i)
    cand.path.append(f"{role}: {how} '{heads[0].text}'" + ("" if ids else " (no actor)"))
    return bool(ids)


def _source_heads(c: _Coder, tok: Token, source: str) -> list[Token]:
    """Argument heads named by a lexicon source: subj, obj, poss, agent, mod, prep:X."""
    if source == "subj":
        s, _ = sx.subject(tok)
        return [s] if s is not None else []
    if source == "obj":
        o = sx.direct_object(tok)
        return [o] if o is not None else []
    if source == "poss":
        return sx.children(tok, ("poss",))
    if source == "agent":
        a = sx.agent_of(tok)
        return [a] if a is not None else []
    if source == "mod":
        return [m for m in tok.children if m.dep_ in ("compound", "amod", "nmod")
                and c.label(m) in sx.STATE_LABELS | {"PERSON"}]
    if source.startswith("prep:"):
        return sx.preps(tok, {source[5:]})
    return []


def _verb_args(c: _Coder, cand: _Cand, part: Token | None) -> None:
    _verb_args_parse(c, cand, part)
    if cand.tok.tag_ == "VBG":
        _received(c, cand)


def _verb_args_parse(c: _Coder, cand: _Cand, part: Token | None) -> None:
    tok, row = cand.tok, cand.row
    actor_src = _arg_sources(row, "actor")
    rcpt_src = _arg_sources(row, "recipient")
    if actor_src:
        for s in sorted(actor_src):
            if _take(c, cand, _source_heads(c, tok, s), "actor", s):
                break
    else:
        subj, steps = sx.subject(tok)
        cand.path.extend(steps)
        passive = sx.is_passive(tok)
        if passive:
            agent = sx.agent_of(tok)
            if agent is not None:
                _take(c, cand, [agent], "actor", "agent of passive")
        elif subj is not None:
            _take(c, cand, [subj], "actor", "subject")
    if rcpt_src:
        for s in sorted(rcpt_src):
            if _take(c, cand, _source_heads(c, tok, s), "recipient", s):
                break
        return
    # recipient: the affected entity, then the type's prepositions, then a complement's
    # subject ("called for Britain to stay")
    heads: list[tuple[list[Token], str]] = []
    dative = [p for d in sx.children(tok, ("dative",))
              for p in (sx.pobjs(d) if d.pos_ == "ADP" else [d])]
    if dative:
        heads.append((dative, "indirect object"))
    obj = sx.direct_object(tok)
    if part is not None and part.dep_ == "prep" and cand.type not in ("RETREAT",):
        pob = sx.pobjs(part)
        if pob:
            heads.append((pob, f"object of '{part.text}'"))
    goal = _transfer_goal(c, cand, obj)
    if goal:
        heads.append((goal, "goal of a transfer"))
    if obj is not None and obj is not tok and obj.i not in {a.i for a in cand.actor_heads}:
        if _is_theme(cand, obj) or goal:
            cand.path.append(f"object '{obj.text}' is what is moved or given, not a recipient")
        else:
            # "lifted the ban ON X", "suspended aid TO X": an act acted on whose own goal
            # is named; that goal is who the event is directed at, not the act's owner
            # ("lift ITS ban on US poultry")
            inner = _object_goal(c, cand, obj)
            if inner:
                heads.append((inner, f"goal of '{obj.text}'"))
            heads.append(([obj], "object"))
    preps = VERB_RECIPIENT_PREPS.get(cand.type, set())
    p = sx.preps(tok, preps)
    if p:
        heads.append((p, "preposition"))
    comp = sx.complement(tok)
    if comp is not None:
        cs = [s for s in comp.children if s.dep_ in sx.SUBJECTS]
        if cs:
            heads.append((cs, "subject of the complement"))
    for hs, how in heads:
        if _take(c, cand, hs, "recipient", how):
            return
    _place(c, cand, [tok])


def _is_theme(cand: _Cand, obj: Token) -> bool:
    """What a deployment or a withdrawal moves ("deployed TROOPS", "withdrew PEACEKEEPERS
    from Rwanda") is not who the event is directed at."""
    if cand.type == "MOBILIZE":
        return True
    return cand.type == "MOBILIZE" or (cand.type == "RETREAT" and cand.mode == "withdraw")


#: types whose verb can hand or move something over to someone: "returned the artifacts
#: TO Egypt", "sent troops TO Nepal", "donated $1 million TO the WFP"
TRANSFER_TYPES = {"AID", "RETREAT", "CONCEDE", "COOPERATE", "AGREE", "SUPPORT", "MOBILIZE"}
TRANSFER_PREPS = {"to", "into"}
#: types whose object may be a thing with its own goal ("lift the ban ON X"); for the
#: others the thing is the recipient phrase itself ("condemned the attack on X" accuses
#: the attackers, "attacked the base in X" hit the base)
THROUGH_OBJECT_TYPES = {"CONCEDE", "REJECT", "SANCTION", "AID", "RETREAT"}
OWN_POSSESSIVES = {"its", "their", "his", "her", "our", "my"}


def _transfer_goal(c: _Coder, cand: _Cand, obj: Token | None) -> list[Token]:
    """The goal of "V X to Y" when X is what is handed over: then Y is the recipient and
    X a theme. A person handed over ("released the hostages to the Red Cross") stays the
    recipient: the event is about them. The goal may hang on what a sum is in ("provided
    $3 million in funding TO LEBANON")."""
    if cand.type not in TRANSFER_TYPES or obj is None or c.person_like(obj):
        return []
    found = [p for p in sx.preps(cand.tok, TRANSFER_PREPS)
             if p.pos_ in ("NOUN", "PROPN", "PRON") and p.ent_type_ not in ("MONEY", "DATE")]
    if not found and (obj.ent_type_ == "MONEY" or obj.pos_ == "NUM"):
        for inner in sx.preps(obj, {"in", "of"}):
            found += [p for p in sx.preps(inner, TRANSFER_PREPS)
                      if p.pos_ in ("NOUN", "PROPN", "PRON")]
    if not found:
        # the parser may hang the goal on a word inside what is handed over ("handed back
        # crates of DOCUMENTS to Chile", "a medal STAMPED with a crest to the veterans'
        # league"): the last one is the goal, unless the object has a goal of its own
        # ("lifted sanctions ON two banks linked to X")
        own = [ch for ch in obj.children if ch.dep_ == "prep" and ch.lower_ != "of" and
               ch.lower_ in GOAL_PREPS | NOUN_RECIPIENT_PREPS.get(cand.type, set())]
        found = [p for t in (own or obj.subtree) if t.dep_ == "prep"
                 and t.lower_ in TRANSFER_PREPS and t.i > obj.i for p in sx.pobjs(t)
                 if c.actor_like(p) or c.label(p) in ("GPE", "LOC")][-1:]
    if not found and cand.type in ("RETREAT", "CONCEDE"):
        # "return weapons (they) seized FROM THE ARMY": given back to whom it was taken from
        for cl in obj.children:
            if cl.dep_ in ("acl", "relcl"):
                found += [p for p in sx.preps(cl, {"from"}) if c.actor_like(p)]
    return found


def _object_goal(c: _Coder, cand: _Cand, obj: Token) -> list[Token]:
    """The goal inside a thing acted on ("lift the ban ON Iran", "lift ITS ban on US
    poultry", "suspended aid TO Pakistan"), when the thing names no actor of its own: an
    offer or request by someone else ("rejected May's offer on citizens' rights") is
    directed at its author, which the object itself gives."""
    if cand.type not in THROUGH_OBJECT_TYPES or obj.pos_ != "NOUN" or c.actor_like(obj):
        return []
    if any((ch.dep_ == "poss" and ch.lower_ not in OWN_POSSESSIVES)
           or (ch.dep_ == "prep" and ch.lower_ in ("by", "from")) for ch in obj.children):
        return []
    # "cut trade and defence ties WITH MALI": the goal of any conjunct
    return [p for q in sx.conjuncts(obj) for p in sx.preps(q, GOAL_PREPS)]


def _place(c: _Coder, cand: _Cand, nodes: list[Token]) -> None:
    """Last resort for types that act on a place: "a curfew IN BANGKOK", "troops on alert
    IN PARIS", "a ceasefire IN IDLIB": a named place is the recipient."""
    if cand.recipients or cand.type not in PLACE_TYPES:
        return
    for node in nodes:
        places = [p for p in sx.preps(node, {"in", "at", "across", "inside"})
                  if c.label(p) in ("GPE", "LOC", "FAC")]
        if places and _take(c, cand, places[:1], "recipient", "place"):
            cand.placed = True
            return


def _noun_args(c: _Coder, cand: _Cand) -> None:
    tok, row = cand.tok, cand.row
    actor_src = _arg_sources(row, "actor")
    rcpt_src = _arg_sources(row, "recipient")
    if actor_src:
        for s in ("poss", "prep:by", "agent", "prep:of", "mod", "subj", "obj"):
            if s in actor_src and _take(c, cand, _source_heads(c, tok, s), "actor", s):
                break
    else:
        for s in ("poss", "prep:by", "mod"):
            if _take(c, cand, _source_heads(c, tok, s), "actor", s):
                break
        betw = sx.preps(tok, {"between", "among"})
        if cand.mode == "third-party":
            # a mediation is directed at the parties between whom it mediates
            if not betw and tok.dep_ == "compound" and tok.head.pos_ == "NOUN":
                betw = sx.preps(tok.head, {"between", "among"})  # "mediation EFFORT between"
            if not betw:
                betw = _disputants(tok.head if tok.dep_ == "compound" else tok)
            if betw:
                _take(c, cand, betw, "recipient", "parties")
        elif not cand.actors and cand.type in RECIPROCAL and betw:
            _take(c, cand, betw, "actor", "participants")
    if rcpt_src:
        for s in sorted(rcpt_src):
            if _take(c, cand, _source_heads(c, tok, s), "recipient", s):
                break
    else:
        preps = NOUN_RECIPIENT_PREPS.get(cand.type, set())
        if cand.actor_heads:
            preps = preps - {h.head.lower_ for h in cand.actor_heads if h.head.dep_ == "prep"}
        p = [h for h in sx.preps(tok, preps) if h not in cand.actor_heads]
        _take(c, cand, p, "recipient", "preposition")
        if not cand.recipients:
            comp = sx.complement(tok)
            if comp is None:
                for ch in tok.children:  # "call for Europe to take": for -> pobj
                    if ch.dep_ == "acl":
                        comp = ch
            if comp is not None:
                cs = [s for s in comp.children if s.dep_ in sx.SUBJECTS]
                _take(c, cand, cs, "recipient", "subject of the complement")
    # the reduced relative of a nominal trigger: "backing Russia has received from Iran"
    _received(c, cand)
    if cand.actors:
        _place(c, cand, [tok])
        return
    # the support verb lends its subject: "launched an attack", "held talks with"
    gov, how = _support_verb(c, tok)
    if gov is None and row is not None and row.cond("gov"):
        # a verb the row itself names ("remained on ALERT", "reached a DEAL") supports
        # the noun as a light verb does
        g = governing_verb(tok)
        if g is not None and g.lemma_.lower() in (row.cond("gov") or ()):
            gov, how = g, "light"
    if gov is None:
        _place(c, cand, [tok])
        return
    if how == "light":
        subj, steps = sx.subject(gov)
        cand.path.extend(steps)
        if sx.is_passive(gov):
            subj = sx.agent_of(gov)
        if subj is not None and _take(c, cand, [subj], "actor", f"subject of '{gov.text}'"):
            cand.governor = gov
            if not cand.recipients:
                p = sx.preps(gov, NOUN_RECIPIENT_PREPS.get(cand.type, set()) | {"with", "on"})
                dat = sx.children(gov, ("dative",))
                _take(c, cand, dat or p, "recipient", f"object of '{gov.text}'")
    elif how == "receive":
        cand.governor = gov
        if _take(c, cand, sx.preps(gov, {"from"}), "actor", f"'from' of '{gov.text}'"):
            subj, _ = sx.subject(gov)
            if subj is not None and not cand.recipients:
                _take(c, cand, [subj], "recipient", f"subject of '{gov.text}'")
    _place(c, cand, [tok, gov])


def _disputants(node: Token) -> list[Token]:
    """The parties of the dispute a mediation is for: "a mediation bid to settle the
    quarrel BETWEEN Ghana and Togo" (the first "between" phrase in its purpose clause)."""
    for cl in node.children:
        if cl.dep_ in ("acl", "advcl", "xcomp") and sx.has_child(cl, ("aux",)):
            for t in cl.subtree:
                if t.dep_ == "prep" and t.lower_ in ("between", "among"):
                    objs = sx.pobjs(t)
                    if objs:
                        return objs[:1]
    return []


def _support_verb(c: _Coder, tok: Token) -> tuple[Token | None, str]:
    """The verb a nominal trigger is the object of, if it is a support or 'receive' verb."""
    node = tok
    if node.dep_ == "compound" and node.head.lemma_.lower() in EVENT_HEADS:
        node = node.head  # "launched a mediation EFFORT"
    if node.dep_ == "conj" and node.head.pos_ == "NOUN":
        node = node.head
    # "opened a fresh round of joint drills": the collective noun stands in
    if node.dep_ == "pobj" and node.head.lower_ == "of" and \
            node.head.head.lemma_.lower() in COLLECTIVE_NOUNS:
        node = node.head.head
    head = node.head
    if node.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    elif node.dep_ not in ("dobj", "obj", "nsubjpass", "attr", "oprd"):
        return None, ""
    if head.i == node.i:
        return None, ""
    for g in c.roles_of(head):
        if g.role in ("light", "receive"):
            return head, g.role
    return None, ""


def _received(c: _Coder, cand: _Cand) -> None:
    """"the backing (that) Russia has received from Iran": recipient Russia, actors Iran.

    Covers the correct parse (relative clause on the noun) and the small model's usual
    misparse (the gerund takes "Russia" as its object and "received" as a sibling clause).
    """
    tok = cand.tok
    recv = None
    for ch in tok.children:
        if ch.dep_ in ("relcl", "acl", "ccomp") and c.has_role(ch, "receive"):
            recv = ch
    if recv is None and tok.dep_ in ("pcomp", "pobj", "dobj"):
        ups = [tok.head] + ([tok.head.head] if tok.head.dep_ == "prep" else [])
        for up in ups:
            for sib in up.children:
                if sib.dep_ == "ccomp" and sib.i > tok.i and c.has_role(sib, "receive") and \
                        not sx.has_child(sib, sx.SUBJECTS):
                    recv = sib
    if recv is None:
        return
    frm = sx.preps(recv, {"from"})
    if not frm:
        return
    subj = [s for s in recv.children if s.dep_ in sx.SUBJECTS]
    if not subj:
        subj = [o for o in tok.children if o.dep_ in ("dobj", "obj") and o.i < recv.i]
    cand.actors.clear()
    cand.actor_heads.clear()
    cand.recipients.clear()
    cand.recipient_heads.clear()
    cand.path.append(f"reduced relative '{recv.text} from': the giver acts, the receiver "
                     "is the recipient")
    _take(c, cand, frm, "actor", f"'from' of '{recv.text}'")
    _take(c, cand, subj, "recipient", f"receiver of '{recv.text}'")
    cand.governor = recv


# ------------------------------------------------------------------------------------
# frames, modality and PLOVER recoding


def _absorb(c: _Coder, cands: list[_Cand]) -> None:
    """A verbal act whose content is another event codes the act ("agreed to withdraw"
    is AGREE, "called for sanctions" is REQUEST); the content sets its mode and recipient."""
    by_tok = {k.tok.i: k for k in cands}
    by_gov = {k.governor.i: k for k in cands if k.governor is not None}
    for k in cands:
        if k.frame != "content" or k.dropped:
            continue
        content = _content_of(c, k, by_tok, by_gov)
        if content is None or content is k:
            continue
        content.dropped = True
        k.content = content
        k.absorbed.append(content.type)
        k.path.append(f"absorbs {content.type} '{content.tok.text}' as its content")
        _recode_with_content(k, content)
        if not k.recipients:
            if content.recipients:
                src, heads = content.recipients, content.recipient_heads
            else:  # object control: "urged Israel to withdraw" asks Israel
                src = [a for a in content.actors if a not in k.actors]
                heads = [h for h in content.actor_heads if h not in k.actor_heads] if src else []
            k.recipients.extend(src)
            k.recipient_heads.extend(h for h in heads if h not in k.recipient_heads)
            for h in heads:
                k.head_ids.setdefault(h.i, content.head_ids.get(h.i, []))


#: types whose nominal act takes its target from the clause saying what it is for
#: ("a hunger strike TO PROTEST AGAINST the authorities", "went on strike, PROTESTING X")
PURPOSE_TYPES = {"PROTEST", "AID"}
#: what the purpose clause of an aid may be: "donated ventilators TO ASSIST Ethiopia"
PURPOSE_OF = {"PROTEST": {"PROTEST", "ACCUSE"}, "AID": {"AID", "SUPPORT"}}


def _purpose(cands: list[_Cand]) -> None:
    """A strike or protest without a recipient is directed at what its purpose clause is
    directed at: the infinitive or participle attached to the noun or its support verb;
    so is aid ("donated ventilators to assist ETHIOPIA")."""
    by_tok = {k.tok.i: k for k in cands}
    for k in cands:
        if k.type not in PURPOSE_TYPES or k.recipients or k.recipient_heads:
            continue
        nodes = [k.tok] + ([k.governor] if k.governor is not None else [])
        if k.tok.dep_ == "pobj" and k.tok.head.dep_ == "prep":  # "went on STRIKE to ..."
            nodes.append(k.tok.head.head)
        for n in nodes:
            for ch in n.children:
                o = by_tok.get(ch.i)
                if o is None or o is k or ch.i < k.tok.i or ch.dep_ not in (
                        "relcl", "acl", "advcl", "xcomp") or not o.recipient_heads or \
                        o.type not in PURPOSE_OF[k.type]:
                    continue
                k.recipients.extend(r for r in o.recipients if r not in k.recipients)
                k.recipient_heads.extend(o.recipient_heads)
                for h in o.recipient_heads:
                    k.head_ids.setdefault(h.i, o.head_ids.get(h.i, []))
                k.path.append(f"recipient from its purpose '{o.tok.text}'")
                break
            if k.recipient_heads:
                break


def _content_of(c: _Coder, k: _Cand, by_tok: dict[int, _Cand],
                by_gov: dict[int, _Cand]) -> _Cand | None:
    tok = k.tok
    nodes: list[Token] = []
    comp = sx.complement(tok)
    if comp is not None and (comp.dep_ != "ccomp" or sx._infinitive(comp) or (
            k.type == "REQUEST" and any(a.lower_ in DEMAND_MODALS for a in comp.children))):
        nodes.append(comp)
    for ch in tok.children:
        if ch.dep_ in ("dobj", "obj", "attr"):
            nodes.append(ch)
        elif ch.dep_ == "prep" and ch.lower_ in ("for", "to", "on", "of", "against"):
            nodes.extend(sx.pobjs(ch))
        elif ch.dep_ == "acl":
            nodes.append(ch)
    for n in nodes:
        for m in sx.conjuncts(n):
            if m.i in by_tok and not by_tok[m.i].dropped:
                return by_tok[m.i]
            if m.i in by_gov and not by_gov[m.i].dropped:
                return by_gov[m.i]
            # one more level: "agreed to hold talks", "urged X to stop attacks"
            for g in m.children:
                if g.dep_ in ("dobj", "xcomp", "ccomp") and g.i in by_tok and \
                        not by_tok[g.i].dropped:
                    return by_tok[g.i]
    return None


def _recode_with_content(k: _Cand, content: _Cand) -> None:
    ct = content.type
    if k.type in ("REQUEST", "REJECT"):
        if k.mode is None:
            k.mode = REQUEST_MODE.get(ct, "change")
        if k.type == "REQUEST" and QUAD[ct] in (3, 4) and k.cameo == "02" and \
                content.tok.pos_ == "NOUN" and ct != "REQUEST":
            # CAMEO appeals (02) are for cooperation; a call for sanctions, strikes or force
            # ("called for sanctions against X") is a demand (10)
            k.cameo = "10"
    elif k.type == "THREATEN":
        if k.mode is None:
            if ct == "COERCE":
                k.mode = COERCE_THREAT.get(content.mode or "", "restrict")
            elif content.type == "ASSAULT" and "territory" in content.contexts:
                k.mode = "territory"
            else:
                k.mode = THREAT_MODE.get(ct, "violence")
    elif k.type == "AGREE" and QUAD[ct] in (3, 4) and ct != "REQUEST":
        # a promise to harm is a threat ("vowed to retaliate")
        k.path.append("a promise of conflict is a threat")
        k.type, k.cameo = "THREATEN", "13"
        k.mode = THREAT_MODE.get(ct, "violence")


def _consume(c: _Coder, cands: list[_Cand]) -> None:
    """A nominal trigger that is part of a verb's own pattern is not a second event:
    "imposed sanctions" (impose + sanction), "lifted the curfew", "signed an agreement";
    nor is one whose support verb was coded in its own right."""
    by_tok = {k.tok.i: k for k in cands if not k.dropped}
    for k in cands:
        if k.dropped or k.tok.pos_ == "NOUN" or k.row is None:
            continue
        objs = [o for o in (k.row.cond("obj"), k.row.cond("pobj")) if o]
        if not objs:
            continue
        obj = c.object_for(k.tok, k.row)
        heads = [obj] if obj is not None else []
        if k.row.particle:
            part = c.particle(k.tok, k.row.particle)
            if part is not None:
                heads += sx.pobjs(part)
        for h in heads:
            noun = by_tok.get(h.i)
            if noun is None or noun is k or noun.tok.pos_ != "NOUN":
                continue
            if any(h.lemma_.lower() in o or h.lower_ in o for o in objs):
                noun.dropped = True
                k.path.append(f"'{h.text}' is part of the pattern")
                if not k.recipients and noun.recipients:
                    k.recipients.extend(noun.recipients)
                    k.recipient_heads.extend(noun.recipient_heads)
                    for rh in noun.recipient_heads:
                        k.head_ids.setdefault(rh.i, noun.head_ids.get(rh.i, []))
    verb_toks = {k.tok.i for k in cands if not k.dropped and k.tok.pos_ != "NOUN"}
    for k in cands:
        if k.governor is not None and k.governor.i in verb_toks and k.tok.pos_ == "NOUN":
            k.dropped = True


def _nested(cands: list[_Cand]) -> None:
    """An event inside another's argument phrase, of the same type and by the same actors,
    describes that event ("the missiles FIRED by the army struck ..."): one event."""
    live = [k for k in cands if not k.dropped]
    for k in live:
        for o in live:
            if o is k or o.type != k.type or o.dropped or set(o.actors) != set(k.actors):
                continue
            if any(h.left_edge.i <= k.tok.i <= h.right_edge.i for h in o.arg_nodes):
                k.dropped = True
                o.path.append(f"'{k.tok.text}' inside an argument is the same event")
                break


def _clause_head(c: _Coder, k: _Cand) -> Token:
    """The verb whose auxiliaries and negation govern the event."""
    if k.governor is not None and k.tok.pos_ == "NOUN":
        return k.governor
    return k.tok



def _flag_governed(k, gov: Token, roles: set[str], which: tuple[str, ...]) -> None:  # noqa: ANN001
    """Modality a governing word lends the event below it ("plans to attack": future;
    "refused to meet": negated, a refusal), noted on the candidate with its reason."""
    if "future" in which and "future" in roles:
        k.future = True
        k.path.append(f"future: governed by '{gov.text}'")
    if "hypothetical" in which and "hypothetical" in roles:
        k.hypothetical = True
        k.path.append(f"hypothetical: governed by '{gov.text}'")
    if "negative" in which and "negative" in roles:
        k.negated = True
        k.refusal = True
        k.path.append(f"negated: governed by '{gov.text}'")

def _modality(c: _Coder, k: _Cand) -> None:
    tok = k.tok
    node = _clause_head(c, k)
    if tok.pos_ == "NOUN":
        for ch in tok.children:
            if ch.dep_ == "det" and ch.lower_ == "no":
                k.negated = True
                k.path.append("negated: 'no'")
        if tok.head.dep_ == "prep" and tok.head.lower_ == "without" and tok.dep_ == "pobj":
            k.negated = True
            k.path.append("negated: 'without'")
    hops = 0
    first = True
    while hops < 6:
        _own_flags(c, k, node, first)
        first = False
        head = node.head
        dep = node.dep_
        if head.i == node.i:
            break
        # headline infinitive: "Macron to visit China"
        if dep == "conj" and not _has_aux(node):
            node = head
            hops += 1
            continue
        if dep in ("xcomp", "acomp", "oprd") or (dep == "advcl" and sx._infinitive(node)) or \
                (dep == "pcomp" and head.dep_ == "prep" and head.head.pos_ == "NOUN") or \
                (dep in ("acl",) and head.pos_ == "NOUN" and sx._infinitive(node)):
            gov = head.head if dep == "pcomp" else head
            roles = {g.role for g in c.roles_of(gov)}
            _flag_governed(k, gov, roles, ("future", "hypothetical", "negative"))
            if "report" in roles or gov.pos_ == "NOUN":
                break
            node = gov
            hops += 1
            continue
        if dep == "pcomp" and head.dep_ == "prep":
            gov = head.head
            _flag_governed(k, gov, {g.role for g in c.roles_of(gov)}, ("hypothetical", "negative"))
            break
        if dep in ("acl", "ccomp", "relcl") and head.pos_ == "NOUN":
            # "accusations that it had used ...": the clause is an allegation
            if any(g.role == "hypothetical" for g in c.roles_of(head)):
                k.hypothetical = True
                k.path.append(f"hypothetical: clause of '{head.text}'")
        break


def _has_aux(tok: Token) -> bool:
    return any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in tok.children)


def _own_flags(c: _Coder, k: _Cand, node: Token, first: bool) -> None:
    under_report = _under_report(c, node)
    for ch in node.children:
        low = ch.lower_
        if ch.dep_ == "neg" or (ch.dep_ in ("advmod", "neg") and low in ("never",)):
            nxt = c.doc[ch.i + 1] if ch.i + 1 < len(c.doc) else None
            if nxt is not None and nxt.lower_ in ("only", "just", "merely"):
                continue
            k.negated = True
            k.path.append(f"negated: '{ch.text}' on '{node.text}'")
        elif ch.dep_ == "aux" and ch.tag_ == "MD":
            if low in sx.FUTURE_MODALS:
                k.future = True
                k.path.append(f"future: '{ch.text}'")
            elif low == "would" and under_report:
                k.future = True
                k.path.append("future: 'would' in reported speech")
            elif low in sx.HYPOTHETICAL_MODALS:
                k.hypothetical = True
                k.path.append(f"hypothetical: '{ch.text}'")
        elif ch.dep_ == "aux" and low == "going" or (ch.dep_ == "mark" and low in
                                                     ("if", "unless", "whether")):
            if low == "going":
                k.future = True
            else:
                k.hypothetical = True
                k.path.append(f"hypothetical: '{ch.text}' clause")
    if first and node.tag_ == "VB" and (node.dep_ == "ROOT" or (
            node.dep_ == "relcl" and node.head.dep_ in ("ROOT", "nsubj")
            and not sx.has_child(node, sx.SUBJECTS))) and any(
            a.tag_ == "TO" for a in node.children):
        k.future = True
        k.path.append("future: headline infinitive")
    if node.dep_ == "xcomp" and node.head.lemma_ == "go" and node.head.tag_ == "VBG":
        k.future = True


def _under_report(c: _Coder, node: Token) -> bool:
    n = node
    for _ in range(3):
        if n.dep_ in ("ccomp",) and c.has_role(n.head, "report"):
            return True
        if n.head.i == n.i:
            return False
        n = n.head
    return False


def _recode(k: _Cand) -> None:
    """PLOVER's rules for intentions and refusals."""
    if k.negated and (k.future or k.refusal) and k.type in COOPERATIVE:
        k.path.append(f"refused {k.type} -> REJECT")
        k.refused = k.type
        k.mode = REQUEST_MODE.get(k.type, "change")
        k.type, k.cameo = "REJECT", "12"
        k.negated = k.hypothetical = False
        return
    if k.future and not k.negated and k.type in FUTURE_AS_AGREE:
        k.path.append(f"future {k.type} -> AGREE")
        k.recoded_from = k.type
        k.type, k.mode, k.cameo = "AGREE", None, "03"
    elif k.future and not k.negated and k.type == "RETREAT":
        k.path.append("future RETREAT -> CONCEDE")
        k.type, k.mode, k.cameo = "CONCEDE", None, "03"  # CAMEO: intent to yield


def _demands(c: _Coder, cands: list[_Cand]) -> list[_Cand]:
    """"X said Y must/should do Z" is a demand of X on Y (REQUEST)."""
    out = []
    by_tok = {k.tok.i: k for k in cands}
    for tok in c.doc:
        if tok.dep_ != "ccomp" or not c.has_role(tok.head, "report"):
            continue
        modal = next((a for a in tok.children if a.dep_ == "aux" and a.lower_ in DEMAND_MODALS),
                     None)
        if modal is None:
            continue
        subj_tok = next((s for s in tok.children if s.dep_ in sx.SUBJECTS), None)
        if modal.lower_ == "should" and (subj_tok is None or not c.actor_like(subj_tok)):
            continue  # "the debate should help him" is an opinion, not a demand
        subj = next((s for s in tok.children if s.dep_ in sx.SUBJECTS), None)
        if subj is None or subj.lower_ in sx.FIRST_PERSON or subj.lower_ in ("there",):
            continue
        k = _Cand(tok=modal, row=None, type="REQUEST", mode=None, cameo="10", frame="content",
                  pattern="rule: report verb + must/should (a demand)")
        k.path.append(f"demand: '{tok.head.text}' ... '{modal.text} {tok.text}'")
        speaker, steps = sx.subject(tok.head)
        k.path.extend(steps)
        if speaker is None or not _take(c, k, [speaker], "actor", "speaker"):
            continue
        # the demand stands even when its subject names no actor ("the oppression must end")
        _take(c, k, [subj], "recipient", "subject of the demand")
        if k.recipients and set(k.recipients) <= set(k.actors):
            continue
        content = by_tok.get(tok.i)
        if content is not None:
            content.dropped = True
            k.absorbed.append(content.type)
            k.mode = REQUEST_MODE.get(content.type, "change")
        else:
            k.mode = "change"
        out.append(k)
    return out


def _depth(c: _Coder, k: _Cand) -> int:
    """Hops from the trigger to the sentence root; report and support verbs are free."""
    node = k.tok
    d = 0
    for _ in range(30):
        head = node.head
        if head.i == node.i:
            break
        free = False
        if node.dep_ in ("ccomp", "xcomp", "parataxis") and c.has_role(head, "report"):
            free = True
        elif k.governor is not None and head.i == k.governor.i:
            free = True
        elif k.governor is not None and head.dep_ == "prep" and head.head.i == k.governor.i:
            free = True
        elif node.dep_ == "pobj" and head.dep_ == "prep" and head.head.i == head.i:
            free = True
        if not free:
            d += 1
        node = head
    return d


def _contexts(c: _Coder, k: _Cand, article_ctx: list[str]) -> list[str]:
    sent = k.tok.sent
    words = c.words(sent)
    out = list(k.contexts)
    for w in words:
        for ctx in c.lex.context_words.get(w, ()):
            if ctx not in out:
                out.append(ctx)
    text = c.sent_text(sent)
    for phrase, ctx in c.lex.context_phrases:
        if ctx not in out and f" {phrase} " in text:
            out.append(ctx)
    if k.mode in ("cyber", "misinformation") and k.mode not in out:
        out.append(k.mode)
    if not out:
        out = list(article_ctx)
    return sorted(out)


def _article_contexts(c: _Coder) -> list[str]:
    """Contexts that run through the article (keywords in three or more sentences)."""
    counts: dict[str, int] = {}
    for sent in c.doc.sents:
        seen: set[str] = set()
        for w in c.words(sent):
            seen |= c.lex.context_words.get(w, set())
        for ctx in seen:
            counts[ctx] = counts.get(ctx, 0) + 1
    return sorted(k for k, n in counts.items() if n >= 3)


def _mode_from_keywords(c: _Coder, k: _Cand) -> None:
    if k.mode is not None:
        return
    kws = c.lex.modes.get(k.type)
    if not kws:
        return
    words = c.words(k.tok.sent)
    text = c.sent_text(k.tok.sent)
    for kw, mode in kws:
        if (" " in kw and f" {kw} " in text) or kw in words:
            k.mode = mode
            k.path.append(f"mode {mode}: keyword '{kw}'")
            return


#: types whose recipient span is the argument phrase ("shelled A FUEL DUMP OF THE
#: RWANDAN ARMY"), not the actor found inside it
OUTER_SPANS = {"ASSAULT", "COERCE"}
GOAL_PREPS = {"to", "on", "against", "at", "into", "with", "toward", "towards", "upon"}


def _goal_heads(k: _Cand, bare_object: bool = True) -> list[Token]:
    """Where an event without an actor recipient is directed, for its recipient spans:
    "opened its borders TO REFUGEES", "lifted a ban ON US POULTRY"; with ``bare_object``
    the object itself when it has no goal ("lifted THE CURFEW")."""
    nodes = [k.tok] + ([k.governor] if k.governor is not None else [])
    for n in nodes:
        # "gave money TO X" is often parsed as a dative: its object is the goal as well
        p = [o for d in sx.children(n, ("dative",)) if d.pos_ == "ADP" for o in sx.pobjs(d)] \
            or [o for o in sx.preps(n, GOAL_PREPS) if o != k.tok]  # not "on ALERT"
        if p:
            return p[:1]
    for n in nodes:
        obj = sx.direct_object(n)
        # not the trigger's own phrase ("launched a mediation EFFORT")
        if obj is not None and not obj.left_edge.i <= k.tok.i <= obj.right_edge.i:
            p = sx.preps(obj, GOAL_PREPS)
            if p:
                return p[:1]
            if bare_object and not _is_theme(k, obj) and k.type not in (
                    "AID", "SUPPORT", "AGREE") and not _in_pattern(k, obj):
                return [obj]
    return []


#: types of joint action: coordinated actors doing them with no one else are the two
#: sides of one reciprocal act
JOINT_TYPES = {"AGREE", "COOPERATE", "CONSULT", "SUPPORT"}


#: what two parties make together: "signed an AGREEMENT with", "reached a DEAL with"
AGREEMENT_NOUNS = {"agreement", "deal", "accord", "treaty", "pact", "memorandum", "contract",
                   "truce", "protocol", "convention"}


def _with_party(k: _Cand) -> list[Token]:
    """The other side of an agreement made WITH someone ("signed an agreement with the UK",
    "reached a deal with the UN"): both are parties of one reciprocal act, as in a
    meeting. "Agreed with the Senate that ..." is an opinion, not an agreement: only an
    agreement noun (the trigger or its object) makes the act two-sided."""
    if not k.recipient_heads or not (k.type in JOINT_TYPES or k.recoded_from in JOINT_TYPES):
        return []
    nouns = [k.tok] if k.tok.pos_ == "NOUN" else [
        o for o in k.tok.children if o.dep_ in ("dobj", "obj") and o.pos_ == "NOUN"]
    nouns = [n for n in nouns if n.lemma_.lower() in AGREEMENT_NOUNS]
    if not nouns:
        return []
    anchors = {n.i for n in nouns} | {k.tok.i} | ({k.governor.i} if k.governor is not None
                                                  else set())
    if all(h.head.lower_ == "with" and h.head.head.i in anchors for h in k.recipient_heads):
        return list(k.recipient_heads)
    return []


def _joint(k: _Cand) -> Token | None:
    """The coordinated actor phrase of a joint act with no recipient of its own ("Canada
    and Costa Rica agreed to ...", "the navies of Japan and India held drills",
    "X and Y failed to reach agreement"), for reciprocal spans; None otherwise."""
    # "X and Y failed to reach agreement": a joint act the sides failed at is theirs too
    if k.recipients or not (k.type in JOINT_TYPES or k.recoded_from in JOINT_TYPES
                            or k.refused in JOINT_TYPES):
        return None
    if len(k.actors) < 2 or not k.actor_heads:
        return None
    h = min(k.actor_heads, key=lambda t: t.i)
    if len(sx.conjuncts(h)) > 1 or any(len(sx.conjuncts(o)) > 1 for o in sx.preps(h, {"of"})):
        return h
    return None


def _mobilized_against(k: _Cand) -> list[Token]:
    """Whom forces are mobilised against: the "against" phrase of what they are mobilised
    for ("mobilized troops for a battle AGAINST the Brotherhood", "for a possible order
    to move AGAINST X")."""
    if k.type != "MOBILIZE":
        return []
    for goal in sx.preps(k.tok, {"for"}):
        found = sx.preps(goal, {"against"}) + [
            p for cl in goal.children if cl.dep_ in ("acl", "relcl")
            for v in [cl] + [g for g in cl.children if g.dep_ in ("xcomp", "advcl")]
            for p in sx.preps(v, {"against"})]
        if found:
            return found[:1]
    return []


def _in_pattern(k: _Cand, obj: Token) -> bool:
    """The object is part of the trigger's own pattern ("stopped WORK", "called off THE
    STRIKE", "lifted THE CURFEW"): a predicate, not whom the act is directed at."""
    if k.row is None or obj.head != k.tok:
        return False
    vals = k.row.cond("obj") or frozenset()
    return obj.lemma_.lower() in vals or obj.lower_ in vals


def _span_recipients(k: _Cand, depth: int = 0) -> list[Token]:
    """Where an event without an actor recipient is directed, for its recipient spans: the
    phrase it acts on (types that affect a thing: "vetoed THE RESOLUTION"; not the measure
    of the trigger's own pattern: "imposed a blockade ON THE PORTS"), else its goal,
    else what the event it absorbed is directed at ("agreed to lift the ban on US
    POULTRY", "threatened to shell THE TREE")."""
    heads = ([h for h in k.unresolved.get("recipient", []) if not _in_pattern(k, h)]
             if k.type in PATIENT_TYPES else []) or \
        _goal_heads(k, bare_object=depth == 0) or _mobilized_against(k)
    if not heads and k.content is not None and depth < 3:
        content = k.content
        # not the frame's own actors ("agreed to lift ITS ban"), nor what the content
        # merely handles ("agreed to exchange DATA", "to undertake EXERCISES")
        heads = [h for h in content.recipient_heads if not (
            content.head_ids.get(h.i) and set(content.head_ids[h.i]) <= set(k.actors))] \
            or _span_recipients(content, depth + 1)
    return heads


#: types whose act can be directed at a place rather than at someone: "a ceasefire IN
#: Yemen", "troops to the peacekeeping force IN Somalia", "lay down arms IN Colombia"
PLACE_SPAN_TYPES = {"CONCEDE", "AGREE", "AID", "MOBILIZE", "RETREAT", "COERCE"}
#: nouns of a deployment, located where it operates (they can act, but a contribution to
#: one goes to the place)
DEPLOYMENT_NOUNS = {"force", "mission", "operation", "contingent", "presence"}
LOCATIVE_PREPS = {"in", "throughout", "across", "inside"}


def _located(c: _Coder, h: Token, depth: int = 0) -> Token | None:
    """The place a thing is in: "a ceasefire IN YEMEN", "restrictions on the movement of
    workers IN CONFLICT ZONES" (through "of", "on", "to", "for" phrases)."""
    for ch in h.children:
        if ch.dep_ != "prep":
            continue
        if ch.lower_ in LOCATIVE_PREPS:
            for p in sx.pobjs(ch):
                if _placeish(c, p):
                    return p
        elif ch.lower_ in ("of", "on", "to", "for") and depth < 2:
            for p in sx.pobjs(ch):
                if p.pos_ == "NOUN" and not c.actor_like(p):
                    got = _located(c, p, depth + 1)
                    if got is not None:
                        return got
    return None


PLACE_NOUNS = sx.TARGET_NOUNS | {"country", "state", "zone", "territory", "area", "part",
                                 "valley", "island", "coast", "north", "south", "east", "west"}


def _placeish(c: _Coder, p: Token, depth: int = 0) -> bool:
    """A place: a named one, a place noun ("the war-torn country", "conflict zones"), or
    one qualified by a place ("Georgia's conflict zones", "four of the country's states");
    not an abstract phrase ("in a bid", "in their conflict")."""
    if p.ent_type_ in ("DATE", "TIME") or p.pos_ not in ("NOUN", "PROPN", "NUM"):
        return False
    if c.label(p) in ("GPE", "LOC", "FAC") or p.pos_ == "PROPN":
        return True
    if p.lemma_.lower() in PLACE_NOUNS:
        return True
    if any(ch.dep_ in ("compound", "amod", "poss") and c.label(ch) in ("GPE", "LOC", "NORP")
           for ch in p.children):
        return True
    return depth < 1 and any(_placeish(c, o, depth + 1) for o in sx.preps(p, {"of"}))


def _aided_place(c: _Coder, tok: Token) -> Token | None:
    """Where aid without a recipient goes: the place of what it is for ("provided EUR 1.2
    billion for aid to end the Ebola outbreak IN WEST AFRICA", "gave EUR 350 million to
    promote development IN ETHIOPIA"), searched through the aid's purpose and object
    phrases, nearest first."""
    frontier = [tok]
    for _ in range(4):
        nxt = []
        for n in frontier:
            for ch in n.children:
                if ch.dep_ == "prep" and ch.lower_ in LOCATIVE_PREPS:
                    for p in sx.pobjs(ch):
                        if _placeish(c, p):
                            return p
                if ch.dep_ in ("dobj", "pobj", "prep", "advcl", "xcomp", "conj", "acl") \
                        and ch.i > tok.i:
                    nxt.append(ch)
        frontier = nxt
    return None


def _condition(h: Token) -> bool:
    """"A state OF EMERGENCY", "a state of siege": a condition, not a state that acts."""
    return h.lemma_.lower() == "state" and any(
        o.pos_ == "NOUN" and not o.ent_type_ for o in sx.preps(h, {"of"}))


def _located_heads(c: _Coder, k: _Cand, heads: list[Token]) -> list[Token]:
    """Recipient span heads of an act directed at a place: a thing (or a deployment) in a
    place gives the place; people in a place stay ("refugees in the region"); without a
    head, the place the act happens in ("stayed on high alert IN THE EASTERN PROVINCE")."""
    if not heads:
        for n in [k.tok] + ([k.governor] if k.governor is not None else []):
            got = _located(c, n, 2)
            if got is not None and got != k.tok:
                return [got]
        obj = sx.direct_object(k.tok)  # the pattern's own object: "lay down arms IN X"
        got = _located(c, obj) if obj is not None and obj.pos_ == "NOUN" else None
        if got is None and k.type == "AID":
            got = _aided_place(c, k.tok)
        return [got] if got is not None else heads
    out = []
    for h in heads:
        thing = h.pos_ == "NOUN" and (not c.actor_like(h) or h.lemma_.lower() in DEPLOYMENT_NOUNS
                                      or _condition(h))
        # the place of the thing, or of the act done to it ("lifted a state of emergency
        # on Friday IN THE NORTH")
        got = _located(c, h) if thing else None
        if got is None and (_condition(h) or (h.pos_ == "NOUN" and any(
                r.type for r in c.lex.rows(h.lemma_.lower(), "NOUN")))):
            got = _located(c, k.tok, 2)
        out.append(got if got is not None else h)
    return out


#: types whose act, directed at no one, is coded as aimed at the place it happens in
#: ("stepped down amid strikes in Peru", "declared a ceasefire effective Sunday in Somalia")
SCENE_TYPES = {"AID", "CONCEDE", "RETREAT", "MOBILIZE"}


def _scene(c: _Coder, k: _Cand, actor_heads: list[Token]) -> Token | None:
    """The place an act directed at no one happens in, nearest the trigger in the parse:
    a named place in a locative phrase of the trigger's phrase, then of each phrase above
    it ("stepped down amid strikes IN PERU", "medics landed IN FIJI to hand out supplies"),
    not inside the actor's own phrase ("rebels in Darfur")."""
    inside = {t.i for h in actor_heads for t in h.subtree}
    seen: set[int] = set()
    node: Token | None = k.tok
    for _ in range(8):
        if node is None:
            break
        for t in node.subtree:
            if t.i in seen or t.i in inside:
                continue
            seen.add(t.i)
            if t.dep_ == "prep" and t.lower_ in LOCATIVE_PREPS:
                for p in sx.pobjs(t):
                    if c.label(p) in ("GPE", "LOC"):
                        return p
        node = None if node.head.i == node.i else node.head
    return None


def _extend_to(doc: Doc, span: tuple[int, int], prep: Token) -> list[tuple[int, int]]:
    """The span through a locative phrase that directly follows it ("a police headquarters"
    + "in eastern Afghanistan"), else the span unchanged."""
    start, end = span
    objs = sx.pobjs(prep)
    if prep.idx - end > 1 or prep.idx < end or not objs:
        return [span]
    last = doc[sx.phrase_span(objs[0])[1] - 1]
    return [(start, last.idx + len(last.text))]


def _charge(h: Token) -> Token | None:
    """The "of" phrase of an accused that is the charge, which the small model hangs on the
    accused ("accused the military OF MASS SLAUGHTER", "the legislation OF ATTACKING")."""
    for ch in h.children:
        if ch.dep_ == "prep" and ch.lower_ == "of" and ch.i > h.i:
            for p in ch.children:
                if p.dep_ == "pcomp" or p.tag_ == "VBG" or (
                        p.dep_ == "pobj" and p.pos_ == "NOUN" and p.ent_type_ == ""
                        and p.lemma_.lower() not in sx.ACTOR_NOUNS | sx.QUANTITY_NOUNS):
                    return ch
    return None


def _span(doc: Doc, heads: list[Token], split_conj: bool = True,
          cut_charge: bool = False) -> list[tuple[int, int]]:
    out = []
    for h in heads:
        s, e = sx.phrase_span(h, split_conj=split_conj)
        charge = _charge(h) if cut_charge and h.head.lemma_.lower() == "accuse" else None
        if charge is not None and s < charge.i < e:
            e = charge.i
        span = (doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text))
        if span not in out:
            out.append(span)
    return out


def find_events(doc: Doc, index: ActorIndex, drafts: list, lexicon: Lexicon, *,
                complete_only: bool = True) -> list[EventDraft]:
    """All events of one article in text order.

    ``complete_only=False`` also returns events PLOVER would not code (no identifiable
    actor, or no recipient where the type needs one): the sentence classifier of the
    evaluation uses them, the analysis record does not.
    """
    c = _Coder(doc, index, drafts, lexicon)
    cands = _candidates(c)
    if not cands:
        return []
    _absorb(c, cands)
    _purpose(cands)
    cands.extend(_demands(c, cands))
    _consume(c, cands)
    _nested(cands)
    article_ctx: list[str] | None = None
    out: list[EventDraft] = []
    for k in cands:
        if k.dropped:
            continue
        _modality(c, k)
        _recode(k)
        _mode_from_keywords(c, k)
        if k.type == "MOBILIZE" and k.tok.lemma_.lower() in EXERCISES and len(k.actors) > 1:
            k.path.append("an exercise of several forces -> COOPERATE")
            k.type, k.mode, k.cameo = "COOPERATE", None, "06"
        if (k.type == "CONSULT" or k.recoded_from == "CONSULT") and k.mode not in (
                "visit", "third-party"):
            # PLOVER: without a host, all participants are actors
            for r in k.recipients:
                if r not in k.actors:
                    k.actors.append(r)
            k.actor_heads.extend(h for h in k.recipient_heads if h not in k.actor_heads)
            reciprocal_heads = list(k.recipient_heads)
            k.recipients.clear()
        else:
            reciprocal_heads = _with_party(k)
        # a recipient that is the actor itself ("opened ITS borders") is no recipient
        k.recipient_heads = [h for h in k.recipient_heads if not (
            k.head_ids.get(h.i) and set(k.head_ids[h.i]) <= set(k.actors))]
        if k.type in OUTER_SPANS:
            k.recipient_heads = list(dict.fromkeys(k.outer.get(h.i, h)
                                                   for h in k.recipient_heads))
            hit = [h for h in k.unresolved.get("recipient", []) if h.pos_ in ("NOUN", "PROPN")]
            if k.placed and hit and k.recipient_heads:
                # "stormed THE MOSQUE IN MOSUL": what was hit, with the place the parser
                # hung on the verb, is the recipient phrase; the place stays the record's
                # recipient
                place = k.recipient_heads[0]
                k.recipient_heads = hit
                k.span_to = place.head if place.head.i > hit[0].i else None
        actor_heads = k.actor_heads or k.unresolved.get("actor", [])
        recipient_heads = k.recipient_heads or _span_recipients(k)
        if k.type in PLACE_SPAN_TYPES:
            recipient_heads = _located_heads(c, k, recipient_heads)
        k.recipients = [r for r in k.recipients if r not in k.actors]
        joint = None if reciprocal_heads else _joint(k)
        if joint is not None:
            # several actors agreeing or cooperating among themselves: one reciprocal
            # phrase ("Canada and Costa Rica agreed to start negotiations")
            actor_heads, recipient_heads, reciprocal_heads = [], [joint], [joint]
        rec_spans = _span(doc, recipient_heads if not reciprocal_heads
                          else reciprocal_heads, split_conj=joint is None,
                          cut_charge=k.type == "ACCUSE")
        if not rec_spans and not reciprocal_heads and k.type in SCENE_TYPES:
            place = _scene(c, k, actor_heads)
            if place is not None:
                rec_spans = _span(doc, [place])
        if k.span_to is not None and len(rec_spans) == 1:
            rec_spans = _extend_to(doc, rec_spans[0], k.span_to)
        ev = EventDraft(
            type=k.type, mode=k.mode,
            trigger=(k.tok.idx, k.tok.idx + len(k.tok.text)),
            sentence=(k.tok.sent.start_char, k.tok.sent.end_char),
            actors=list(k.actors), recipients=list(k.recipients),
            negated=k.negated, hypothetical=k.hypothetical, future=k.future,
            quote=c.quote_at(k.tok.idx), cameo=k.cameo, pattern=k.pattern, path=k.path,
            token=k.tok.i, absorbed=k.absorbed,
            actor_spans=_span(doc, [h for h in actor_heads if h not in reciprocal_heads]),
            recipient_spans=rec_spans,
            reciprocal=bool(reciprocal_heads),
            needs_recipient=bool(k.row is not None and k.row.cond("need")
                                 and "recipient" in (k.row.cond("need") or ())),
        )
        if complete_only and not ev.complete:
            continue
        ev.actors = c.materialize(ev.actors)
        ev.recipients = [r for r in c.materialize(ev.recipients) if r not in ev.actors]
        if article_ctx is None:
            article_ctx = _article_contexts(c)
        ev.contexts = _contexts(c, k, article_ctx)
        ev.score = lexicon.score(ev.type, ev.mode)
        ev.depth = _depth(c, k)
        out.append(ev)
    out.sort(key=lambda e: e.trigger)
    return out


def to_records(drafts: list[EventDraft], ids: dict[int, str], text: str) -> list[Event]:
    """Record events (ids ``E1..``) from drafts: cluster ids become actor ids and a quote
    index becomes the quote's id (quotes are numbered ``Q1..`` in draft order)."""
    out: list[Event] = []
    for d in drafts:
        actors = [ids[c] for c in d.actors if c in ids]
        if not actors:
            continue
        recipients = [ids[c] for c in d.recipients if c in ids and ids[c] not in actors]
        out.append(Event(
            id=f"E{len(out) + 1}", type=d.type, trigger=Span.of(text, *d.trigger),
            sentence=d.sentence, mode=d.mode, contexts=list(d.contexts), actors=actors,
            recipients=recipients, negated=d.negated, hypothetical=d.hypothetical,
            future=d.future, quote=f"Q{d.quote + 1}" if d.quote is not None else None,
            score=d.score,
        ))
    return out
