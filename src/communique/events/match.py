"""Trigger matching: a token's part of speech, a lexicon row's particle and conditions, and
the word classes conditions test (actor-like, person-like, crowd, ...)."""

from __future__ import annotations

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..actors import ActorIndex
from ..parsed import Tokens, tokens
from . import syntax as sx
from .lexicon import Governor, Lexicon, Trigger


def pos_at(t: Tokens, i: int) -> str | None:
    """:meth:`Matcher.pos_of` of token ``i``, read off the token table."""
    pos = t.pos[i]
    if pos == "VERB" or (pos != "AUX" and t.tag[i].startswith("VB")):
        return "VERB"
    if pos == "NOUN" or (pos == "PROPN" and not t.ent_type[i]):
        return "NOUN"
    if pos == "ADJ":
        return "ADJ"
    return None


class Matcher:
    """Lexicon lookups on one parsed article (the coder's matching half)."""

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
        return pos_at(tokens(tok.doc), tok.i)

    def lemma(self, tok: Token) -> str:
        return tok.lemma_.lower()

    def words(self, sent: SpacySpan) -> set[str]:
        w = self._sent_words.get(sent.start)
        if w is None:
            tb = tokens(sent.doc)
            r = range(sent.start, sent.end)
            w = {tb.lemma[i] for i in r} | {tb.lower[i] for i in r}
            self._sent_words[sent.start] = w
        return w

    def sent_text(self, sent: SpacySpan) -> str:
        s = self._sent_text.get(sent.start)
        if s is None:
            low = tokens(sent.doc).lower
            s = " " + " ".join(low[i] for i in range(sent.start, sent.end)) + " "
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
                if "@event" in vals and (comp is None or not self.is_trigger(comp)):
                    return False  # "willing TO TALK", not "ready to fall"
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
            elif key == "neg":  # "will NOT allow": only as a negated verb
                negated = any(c.dep_ == "neg" for c in tok.children)
                if "@future" in vals:  # a refusal announced: "WILL not allow"
                    negated = negated and any(c.dep_ == "aux" and c.lemma_.lower() in
                                              ("will", "shall") for c in tok.children)
                if ("@no" in vals) == negated:
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
            obj = sx.direct_object(tok)
            if obj is not None and obj.lower_ in sx.RELATIVES and tok.dep_ == "relcl" and \
                    obj.dep_ in ("dobj", "obj") and tok.head.pos_ in ("NOUN", "PROPN"):
                return tok.head  # "the fighters THAT we captured": what "that" stands for
            return obj
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
            if v == "@official" and self.official_like(inner):
                return True
            if v == "@armed" and self.armed_like(inner):
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

    def is_trigger(self, tok: Token) -> bool:
        """A word some lexicon row codes as an event (whatever its conditions)."""
        pos = self.pos_of(tok)
        return pos is not None and any(r.type for r in self.lex.rows(self.lemma(tok), pos))

    def official_like(self, tok: Token) -> bool:
        """Someone who acts for a state or an organisation: an actor of a political sector
        or with a role, or a state or organisation itself (a visit is diplomatic; a
        volunteer or a refugee travelling is no visit)."""
        m = self.index.mention_at(tok)
        if m is None or m.actor < 0:
            return tok.lemma_.lower() in OFFICIAL_NOUNS
        cl = self.index.clusters[self.index.canonical(m.actor)]
        if cl.kind in ("country", "organization") and cl.sector not in ("CVL", "BUS", "MED"):
            return True
        return bool(cl.role) or cl.sector in OFFICIAL_SECTORS

    def armed_like(self, tok: Token) -> bool:
        """An armed force: an actor of a military, rebel or police sector, a jihadist
        organisation, or a force noun ("the militants", "government troops")."""
        m = self.index.mention_at(tok)
        if m is not None and m.actor >= 0:
            cl = self.index.clusters[self.index.canonical(m.actor)]
            if cl.sector in ARMED_SECTORS or cl.country == "IMG":
                return True
        return tok.lemma_.lower() in ARMED_NOUNS

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


#: sectors of people who act for a state or an organisation (``@official``)
OFFICIAL_SECTORS = frozenset({"GOV", "MIL", "IGO", "LEG", "JUD", "PTY", "SPY", "COP", "DIP"})
#: sectors of armed forces (``@armed``)
ARMED_SECTORS = frozenset({"MIL", "REB", "PRM", "INS"})
#: nouns of armed forces
ARMED_NOUNS = frozenset({"militant", "jihadist", "rebel", "insurgent", "fighter", "troop",
                         "army", "militia", "force", "guerrilla", "terrorist", "extremist"})
#: unnamed people who do ("the minister", "a delegation")
OFFICIAL_NOUNS = frozenset({"minister", "president", "delegation", "envoy", "diplomat",
                            "ambassador", "official", "secretary", "premier", "chancellor",
                            "king", "emir", "sultan", "pope", "leader", "commander",
                            "general", "senator", "lawmaker", "mayor", "governor",
                            "counterpart", "foreign minister", "prime minister"})


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

