"""How the quote stage reads one article: its parse, quoted regions and paragraphs, the
cue lexicon, and who a cue's subject names (:class:`Context`)."""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc, Token

from ..actors import ActorIndex
from ..actors.naming import ORG_NOUNS, PERSON_NOUNS, phrase_tokens
from ..parsed import Tokens, text_of, tokens
from .cues import CueLexicon
from .marks import Region

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
#: how a participle or coordinated cue inherits its subject from the verb above it
INHERIT = ("advcl", "xcomp", "conj", "pcomp", "acl", "ccomp")
#: finite verb tags (present, past)
FINITE = ("VBZ", "VBD", "VBP")


class Context:
    """One article as the quote stage reads it: parse, quoted regions, paragraphs."""

    def __init__(self, doc: Doc, regions: list[Region], index: ActorIndex,
                 lexicon: CueLexicon) -> None:
        self.doc = doc
        self.text = text_of(doc)
        self.regions = regions
        self.index = index
        self.lex = lexicon
        self.region_of_token: dict[int, int] = {}
        self.region_tokens: dict[int, list[int]] = {}
        # paragraph number of each token: attribution never crosses a paragraph break
        # (the line breaks before its first character, as the tokens cover the text)
        starts = doc.to_array("IDX").tolist() if len(doc) else []
        breaks = [m.start() for m in re.finditer("\n", self.text)]
        self.para: list[int] = [bisect.bisect_left(breaks, c) for c in starts]
        ri = 0
        for i, c in enumerate(starts):
            while ri < len(regions) and regions[ri].end <= c:
                ri += 1
            if ri < len(regions) and regions[ri].start <= c < regions[ri].end:
                self.region_of_token[i] = ri
                self.region_tokens.setdefault(ri, []).append(i)

    # --- cues ------------------------------------------------------------------------
    def cue_of(self, tok: Token):
        return self.cue_at(tok.i, tokens(tok.doc))

    def cue_at(self, i: int, t: Tokens | None = None):
        """:meth:`cue_of` of token ``i``, read off the token table ``t`` (``ctx.doc``'s)."""
        if t is None:
            t = tokens(self.doc)
        pos = t.pos[i]
        if pos in ("VERB", "AUX") or (t.tag[i].startswith("VB")):
            return self.lex.get(t.lemma[i], "VERB")
        if pos == "NOUN":
            return self.lex.get(t.lemma[i], "NOUN")
        return None

    def cue_span(self, tok: Token, prep: Token | None = None) -> tuple[int, int]:
        start = tok.idx
        end = tok.idx + len(tok.text)
        for c in tok.children:
            if c.dep_ == "prt" and c.i == tok.i + 1:
                end = c.idx + len(c.text)
        if prep is not None and prep.i == tok.i + 1:
            end = prep.idx + len(prep.text)
        return start, end

    # --- speakers --------------------------------------------------------------------
    def subject_of(self, verb: Token) -> Token | None:
        v = verb
        for _ in range(4):
            subj = [c for c in v.children if c.dep_ in SUBJECTS]
            if v.pos_ == "NOUN":
                poss = [c for c in v.children if c.dep_ == "poss"]
                if poss:
                    return poss[0]
                if v is verb and self.lex.get(v.lemma_.lower(), "NOUN") is not None:
                    # "the claim by the ministry", "comments from the governor"
                    by = _agent_of_noun(v)
                    if by is not None:
                        return by
            if subj:
                # a headline run into the first sentence gives the verb a second subject
                # there: the one in the verb's own paragraph
                same = [c for c in subj if self.para[c.i] == self.para[verb.i]]
                s = same[0] if same else subj[0]
                # "was quoted as saying": the passive subject of the frame verb
                if s.dep_ == "csubj" or s.i in self.region_of_token:
                    return None
                # a subject in another paragraph is a misparse across a heading
                if self.para[s.i] != self.para[verb.i]:
                    return None
                return s
            if v is verb and _imperative(v):
                return None  # "..., but note they have ...": the writer's instruction
            if v.dep_ in INHERIT or (v.pos_ == "NOUN" and v.dep_ in ("dobj", "pobj")):
                if v.head.i == v.i:
                    return None
                v = v.head
                continue
            return None
        return None

    def speaker(self, subj: Token | None) -> tuple[list[int], tuple[int, int] | None]:
        if subj is None:
            return [], None
        low = subj.lower_
        if low in ("there", "what", "this"):
            return [], None
        span = (subj.idx, subj.idx + len(subj.text))
        if low in ("who", "which", "that"):
            # "X, who said ...": the relative pronoun names X
            verb = subj.head
            if verb.dep_ == "relcl" and verb.head.i != verb.i:
                return self.index.resolve_phrase(verb.head), span
            return [], None
        if low == "it":
            return [], span  # a document or body named elsewhere: shown, not guessed
        toks = [t for t in phrase_tokens(subj) if self.para[t.i] == self.para[subj.i]]
        end_tok = toks[-1]
        for conj in subj.conjuncts:
            if conj.i > subj.i:
                end_tok = max(end_tok, phrase_tokens(conj)[-1], key=lambda t: t.i)
        start = toks[0].idx
        end = end_tok.idx + len(end_tok.text)
        return self.index.resolve_phrase(subj), (start, end)

    # --- spans -----------------------------------------------------------------------
    def span_of(self, toks: list[Token]) -> tuple[int, int]:
        toks = sorted(toks, key=lambda t: t.i)
        while toks and (toks[-1].is_punct and toks[-1].text not in "\"”’'»)" or
                        toks[-1].is_space):
            toks.pop()
        while toks and (toks[0].is_punct and toks[0].text not in "\"“‘'«(" or toks[0].is_space):
            toks.pop(0)
        if not toks:
            return 0, 0
        return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _imperative(verb: Token) -> bool:
    """A base-form verb conjoined to a finite one, with no subject or auxiliary of its
    own ("the regime is to blame: but note that ..."): an imperative, which inherits no
    subject ("he will go and say" keeps his: its first verb is no finite one)."""
    return (verb.dep_ == "conj" and verb.tag_ == "VB" and verb.head.tag_ in FINITE
            and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass", "expl")
                        for c in verb.children))


def speakerish(tok: Token) -> bool:
    """A phrase that can be someone speaking: a name, a pronoun, a person or body noun."""
    return (tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or tok.pos_ in ("PRON", "PROPN")
            or tok.lemma_.lower() in PERSON_NOUNS | ORG_NOUNS)


def _agent_of_noun(noun: Token) -> Token | None:
    """Who a speech noun reports: the object of its "by" or "from" ("the claim by the
    ministry that ...", "comments from the governor"), when it can be someone speaking."""
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in ("by", "from") and c.i > noun.i:
            for g in c.children:
                if g.dep_ == "pobj" and speakerish(g):
                    return g
    return None
