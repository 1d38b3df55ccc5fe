"""The quote stage: direct, mixed and indirect quotes with their cue and speakers.

Input: the parsed ``Doc``, the quoted regions from :mod:`.marks` and the
:class:`~communique.actors.ActorIndex`. Output: :class:`Draft` quotes whose speakers are
actor-index cluster ids (the pipeline turns them into record ids).

Quotation marks find the direct words; the dependency parse links them to a cue verb and
its subject. A quote whose cue's complement reaches beyond the marks is *mixed* and its
content is that complement; a cue verb with a complement but no marks is *indirect*.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from ..actors import ActorIndex
from ..parsed import sent_bounds, tokens
from . import combine as _combine
from .context import SUBJECTS, Context, speakerish
from .cues import CueLexicon
from .draft import Draft
from .labels import labelled_lines
from .marks import Region

#: dependents of a cue that carry the reported content
COMPLEMENTS = {"ccomp", "xcomp", "dobj", "obj", "prep", "oprd", "attr", "acomp", "dative",
               "pobj", "npadvmod", "advcl", "parataxis"}
DASHES = {"—", "―", "–", "--"}
#: an unattributed quote shorter than this (in words) is a scare quote or a title
MIN_UNATTRIBUTED_WORDS = 5


_Ctx = Context


def find_quotes(doc: Doc, regions: list[Region], index: ActorIndex,
                lexicon: CueLexicon, *, indirect: bool = True, model=None,
                mode: str = "combined", beliefs: bool = False) -> list[Draft]:
    """All quotes of one article, in text order: the rules' drafts, combined with the
    learned ``model`` (:mod:`.combine`) unless ``mode`` is ``rules``; statements only
    unless ``beliefs``; never the writer's own sentences."""
    ctx = _Ctx(doc, regions, index, lexicon)
    return finish(ctx, rule_drafts(ctx, indirect=indirect), model=model, mode=mode,
                  beliefs=beliefs, indirect=indirect)


def rule_drafts(ctx: _Ctx, *, indirect: bool = True) -> list[Draft]:
    """The hand-written rules' quotes, each with what it reports (statement, belief...)."""
    drafts: list[Draft] = []
    used_cues: set[int] = set()
    previous: Draft | None = None
    for ri, region in enumerate(ctx.regions):
        d, cue_tok = _attribute_region(ctx, ri, region, previous)
        if d is None:
            continue
        if cue_tok is not None:
            used_cues.add(cue_tok.i)
        drafts.append(d)
        previous = d
    if indirect:
        drafts.extend(_indirect(ctx, drafts, used_cues))
    drafts.extend(labelled_lines(ctx, drafts))
    for d in drafts:
        t = _combine.cue_token(ctx, d)
        if t is not None and t.is_alpha:
            pos = "NOUN" if t.pos_ == "NOUN" else "VERB"
            d.attribution = ctx.lex.attribution(t.lemma_.lower(), pos) or "statement"
    return drafts


def finish(ctx: _Ctx, drafts: list[Draft], *, model=None, mode: str = "combined",
           beliefs: bool = False, indirect: bool = True) -> list[Draft]:
    """Combine with the model, keep what was asked for, in text order."""
    if model is not None and mode != "rules" and indirect:
        drafts = _combine.combine(ctx, drafts, model, mode)
    drafts = [d for d in drafts if (beliefs or d.attribution == "statement")
              and not _combine.is_writer(ctx, d)]
    drafts.sort(key=lambda d: d.content)
    return drafts


# --------------------------------------------------------------------------------------
# quotes in quotation marks


def _attribute_region(ctx: _Ctx, ri: int, region: Region, previous: Draft | None):
    doc, text = ctx.doc, ctx.text
    cs, ce = region.inner
    while cs < ce and text[cs].isspace():
        cs += 1
    while ce > cs and text[ce - 1].isspace():
        ce -= 1
    if ce <= cs:
        return None, None
    members = ctx.region_tokens.get(ri, [])
    idx = tokens(doc).idx
    qtoks = [doc[i] for i in members if cs <= idx[i] < ce]
    if not qtoks:
        return None, None
    inside = set(members)
    words = sum(1 for t in qtoks if t.is_alpha)

    found = _structural_cue(ctx, qtoks, inside)
    if found is not None:
        cue_tok, path_child, prep = found
        subj = ctx.subject_of(cue_tok)
        speakers, mention = ctx.speaker(subj)
        content, kind = (cs, ce), "direct"
        if path_child is not None:
            # the cue's complement reaches beyond the marks: a mixed quote
            span = _complement(ctx, cue_tok, path_child)
            clause = doc.char_span(span[0], span[1], alignment_mode="expand") or []
            clause_words = [t for t in clause if t.is_alpha]
            outside = [t for t in clause_words if t.i not in inside]
            if outside and len(outside) >= 1:
                content, kind = span, "mixed"
        if kind == "direct":
            # "called half of his supporters 'deplorables'": an object right before the
            # marks belongs to what was said
            first_in = min(inside)
            for c in cue_tok.children:
                if c.dep_ in ("dobj", "obj") and c.i < first_in and c.i > cue_tok.i \
                        and max(t.i for t in c.subtree) + 1 == first_in:
                    content, kind = (c.left_edge.idx, region.end), "mixed"
                    break
        if kind == "direct" or speakers or subj is not None or _covers_sentence(ctx, qtoks):
            return Draft(kind, content, ctx.cue_span(cue_tok, prep), speakers, mention,
                         region), cue_tok
    # no grammatical link: a credit after a dash, a cue just after or before the marks
    near = _nearby_cue(ctx, region, qtoks)
    if near is not None:
        cue_span, speakers, mention, cue_tok = near
        return Draft("direct", (cs, ce), cue_span, speakers, mention, region), cue_tok
    if previous is not None and previous.cue is not None and _after_its_credit(
            ctx, previous, region, qtoks):
        # "A," she said. "B.": the parser often keeps "she said. B" as one sentence
        return Draft("direct", (cs, ce), previous.cue, list(previous.speakers),
                     previous.speaker_mention, region), None
    if not _covers_sentence(ctx, qtoks) or words < MIN_UNATTRIBUTED_WORDS:
        return None, None
    # the rest of a speaker's words: "A," she said. "B." / a new paragraph that is all quote
    if previous is not None and previous.speakers and _follows(ctx, previous, region):
        return Draft("direct", (cs, ce), previous.cue, list(previous.speakers),
                     previous.speaker_mention, region), None
    return Draft("direct", (cs, ce), None, [], None, region), None


def _structural_cue(ctx: _Ctx, qtoks: list[Token], inside: set[int]):
    """(cue token, cue's child on the path to the quote or None, particle prep) or None."""
    head = tokens(ctx.doc).head
    roots = [t for t in qtoks if head[t.i] not in inside or head[t.i] == t.i]
    # the cue hangs off the quote ("...," Macron said: parataxis/ccomp of the quote's verb)
    for r in roots:
        for c in r.children:
            if ctx.para[c.i] != ctx.para[r.i] or c.i in ctx.region_of_token:
                continue
            if c.i not in inside and ctx.cue_of(c) is not None and c.dep_ in (
                    "parataxis", "ccomp", "advcl", "conj", "dep", "ROOT"):
                return c, None, None
    # the quote hangs off the cue: climb from each root to the first cue that takes the
    # quote as its complement (not as its subject); a belief or finding verb ("he would
    # consider it 'an insult'") yields to a speech verb above it ("he told reporters")
    for r in roots:
        child = r
        node = r.head
        hops = 0
        found = None
        while node.i != child.i and hops < 8:
            if ctx.para[node.i] != ctx.para[r.i] or (
                    node.i in ctx.region_of_token and node.i not in inside):
                break
            if node.i not in inside:
                cue = ctx.cue_of(node)
                if cue is not None and child.dep_ not in SUBJECTS:
                    prep = child if child.dep_ == "prep" and child.i == node.i + 1 else None
                    whole = child is r and _is_whole(ctx, node, child, inside)
                    candidate = (node, None if whole else child, prep)
                    if found is None:
                        found = candidate
                    if cue.kind in ("speech", "request", "judgement", "source"):
                        return candidate
                if node.lower_ == "according":
                    return found
            child = node
            node = node.head
            hops += 1
        if found is not None:
            return found
    return None


def _is_whole(ctx: _Ctx, cue: Token, child: Token, inside: set[int]) -> bool:
    """True when the cue's complement on the quote's side is the quote itself."""
    span = [t for t in child.subtree if t.is_alpha]
    return all(t.i in inside for t in span)


def _complement(ctx: _Ctx, cue: Token, child: Token) -> tuple[int, int]:
    """The reported clause: the cue's complements on the quote's side, as one span."""
    right = child.i > cue.i
    parts = [c for c in cue.children
             if (c.i > cue.i) == right and c.dep_ in COMPLEMENTS and c.dep_ != "advcl"
             and c.dep_ != "parataxis"]
    if child not in parts:
        parts.append(child)
    if child.dep_ in ("advcl", "parataxis", "ccomp", "xcomp"):
        parts = [child]  # a clause is the whole content; "told reporters" is the audience
    toks = [t for p in parts for t in p.subtree]
    # stop at a following attribution or sentence end
    sent = cue.sent
    toks = sorted((t for t in toks if (sent.start <= t.i < sent.end or t.i in ctx.region_of_token)
                   and ctx.para[t.i] == ctx.para[child.i]), key=lambda t: t.i)
    # a mixed quote's clause ends at the first comma after its last closing mark
    last_q = max((k for k, t in enumerate(toks) if t.i in ctx.region_of_token), default=-1)
    if last_q >= 0:
        for k in range(last_q + 1, len(toks)):
            if toks[k].text in (",", ";", "—", "–") and toks[k].i not in ctx.region_of_token:
                toks = toks[:k]
                break
    start, end = ctx.span_of(toks)
    for r in ctx.regions:  # never end between a quote's words and its closing mark
        if r.start < end < r.end:
            end = r.end
    return start, end


def _covers_sentence(ctx: _Ctx, qtoks: list[Token]) -> bool:
    """The quote is its own sentence(s): nothing but punctuation around it in them."""
    first, last = qtoks[0], qtoks[-1]
    for t in first.sent:
        if t.i < first.i and t.is_alpha and t.i not in ctx.region_of_token:
            return False
    for t in last.sent:
        if t.i > last.i and t.is_alpha and t.i not in ctx.region_of_token:
            return False
    return True


def _after_its_credit(ctx: _Ctx, previous: Draft, region: Region, qtoks: list[Token]) -> bool:
    """The region opens a new sentence right after the previous quote's credit in the same
    paragraph ("A," she said. "B.") and nothing but punctuation follows it there."""
    if previous.region is None:
        return False
    gap = ctx.text[previous.region.end:region.start]
    if "\n" in gap or len(gap) >= 160 or any(c in gap for c in "\"“”«»"):
        return False
    if not gap.rstrip().endswith(".") or not previous.cue or \
            not previous.region.end <= previous.cue[0] < region.start:
        return False
    last = qtoks[-1]
    return not any(t.i > last.i and t.is_alpha and t.i not in ctx.region_of_token
                   and ctx.para[t.i] == ctx.para[last.i] for t in last.sent)


def _ends_sentence(inner: str) -> bool:
    """The quoted words end with a full stop (not an ellipsis or an initial: "U.S.")."""
    inner = inner.rstrip()
    return (inner.endswith(".") and not inner.endswith("..")
            and not re.search(r"(?:^|[\s.])[A-Z]\.$", inner))


def _nearby_cue(ctx: _Ctx, region: Region, qtoks: list[Token]):
    doc = ctx.doc
    text = ctx.text
    # after the closing mark: ", he added." / "said Macron" / "— Mark Rutte"
    after = []
    for t in doc[qtoks[-1].i + 1: min(len(doc), qtoks[-1].i + 12)]:
        if "\n" in t.text or "\n" in text[region.end:t.idx]:
            break
        if t.idx >= region.end:
            after.append(t)
    # a quote ending a sentence, then a capitalised word that is no name: the words after
    # it are a new sentence ("... cover new teachers?" The mayor answered ...), not its
    # attribution ("... teachers?" the mayor asked / "Stop!" Holm shouted)
    inner = text[region.inner[0]:region.inner[1]].rstrip()
    full_stop = _ends_sentence(inner)
    first = next((t for t in after if t.is_alpha), None)
    if (full_stop or inner.endswith(("?", "!"))) and first is not None \
            and first.text[:1].isupper() and first.text != "I" and first.pos_ != "PROPN" \
            and first.ent_type_ not in ("PERSON", "ORG", "NORP", "GPE"):
        after = []
    if after:
        k = 0
        while k < len(after) and (after[k].is_space or after[k].is_punct
                                  and after[k].text not in DASHES):
            k += 1
        if k < len(after) and after[k].text in DASHES:
            names = []
            for t in after[k + 1:]:
                if t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or t.is_title:
                    names.append(t)
                else:
                    break
            if names:
                speakers = ctx.index.resolve_phrase(names[-1])
                return ((after[k].idx, after[k].idx + len(after[k].text)), speakers,
                        (names[0].idx, names[-1].idx + len(names[-1].text)), None)
        for t in after[k:k + 6]:
            if t.i in ctx.region_of_token:
                break
            if ctx.cue_of(t) is not None:
                if _reports_no_speech(t, full_stop):
                    break
                subj = ctx.subject_of(t)
                if subj is None:
                    # "said Rep. Jane Doe" parsed without nsubj: the name after the verb
                    for nxt in doc[t.i + 1:min(len(doc), t.i + 5)]:
                        if nxt.ent_type_ in ("PERSON", "ORG") or nxt.pos_ == "PROPN":
                            while (nxt.head.i != nxt.i and nxt.head.i > nxt.i
                                   and nxt.head.pos_ == "PROPN"):
                                nxt = nxt.head
                            subj = nxt
                            break
                # after a full stop inside the marks a new sentence has begun: its verb
                # reports the quote only if someone is its subject ("The debate
                # continued." does not)
                if subj is not None and full_stop and not speakerish(subj):
                    break
                speakers, mention = ctx.speaker(subj)
                if subj is not None:
                    return ctx.cue_span(t), speakers, mention, t
                break
    # before the opening mark: "Rutte said:" / "He said," possibly in the previous sentence
    before = [t for t in doc[max(0, qtoks[0].i - 12): qtoks[0].i] if t.idx < region.start]
    while len(before) > 1 and any("\n" in t.text for t in before[:-1]):
        before.pop(0)
    if before:
        last = before[-1]
        while last.is_punct and last.text in "\"“‘'«" and last.i > 0:
            last = doc[last.i - 1]
        if last.text in (":", ",") or (last.text == "\n" and doc[last.i - 1].text == ":"):
            for t in reversed(before):
                if t.i in ctx.region_of_token:
                    break
                if ctx.cue_of(t) is not None:
                    subj = ctx.subject_of(t)
                    if subj is not None and not _reports_no_speech(t, False):
                        speakers, mention = ctx.speaker(subj)
                        return ctx.cue_span(t), speakers, mention, t
    return None


def _reports_no_speech(verb: Token, new_sentence: bool) -> bool:
    """A cue word next to a quote that reports nothing said: negated ("X has not
    commented", "did not say") or, in a new sentence after the quote, with a complement
    of its own ("She added that ..." reports its own words, not the quote's)."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    return new_sentence and any(c.dep_ in ("ccomp", "xcomp", "dobj", "obj")
                                for c in verb.children)


def _follows(ctx: _Ctx, previous: Draft, region: Region) -> bool:
    """The region continues the previous quote: right after it in the same paragraph with
    only its attribution between, or opening the next paragraph."""
    text = ctx.text
    if previous.region is None:
        return False
    gap = text[previous.region.end:region.start]
    if "\n" not in gap:
        return len(gap) < 160 and not any(c in gap for c in "\"“”«»")
    line_start = text.rfind("\n", 0, region.start) + 1
    if text[line_start:region.start].strip():
        return False
    return gap.count("\n") <= 2 and len(gap.strip()) < 160


# --------------------------------------------------------------------------------------
# reported speech without quotation marks


def _indirect(ctx: _Ctx, drafts: list[Draft], used: set[int]) -> list[Draft]:
    doc = ctx.doc
    taken = [d.content for d in drafts]
    out: list[Draft] = []
    t = tokens(doc)
    lower, inq = t.lower, ctx.region_of_token
    n = len(lower)
    for i in range(n):
        if i in used or i in inq:
            continue
        if lower[i] == "according" and i + 1 < n and lower[i + 1] == "to":
            d = _according_to(ctx, doc[i])
        else:
            cue = ctx.cue_at(i, t)
            if cue is None:
                continue
            d = _frame(ctx, doc[i], cue)
        if d is None:
            continue
        s, e = d.content
        if e - s < 3 or any(s < te and ts < e and _mostly(ts, te, s, e) for ts, te in taken):
            continue
        taken.append(d.content)
        out.append(d)
    return out


def _mostly(ts: int, te: int, s: int, e: int) -> bool:
    o = min(te, e) - max(ts, s)
    return o >= 0.5 * min(te - ts, e - s)


def _frame(ctx: _Ctx, tok: Token, cue) -> Draft | None:
    content_toks: list[Token] | None = None
    prep = None
    for c in tok.children:
        if c.i in ctx.region_of_token:
            continue
        dep = c.dep_
        if dep == "ccomp" and "ccomp" in cue.frames and (c.i > tok.i or _fronted(ctx, c, tok)):
            # "X said that ..." or, content first, "..., sources said"
            content_toks = list(c.subtree)
            break
        if dep == "xcomp" and "xcomp" in cue.frames and c.i > tok.i:
            objs = [o for o in tok.children if o.dep_ in ("dobj", "dative") and o.i < c.i]
            content_toks = [t for o in objs for t in o.subtree] + list(c.subtree)
            break
        if dep == "prep" and f"prep:{c.lower_}" in cue.frames:
            pobj = [p for p in c.children if p.dep_ in ("pobj", "pcomp")]
            if pobj:
                content_toks = _clause_extent(ctx, tok, pobj[0].left_edge)
                prep = c
                break
        if dep in ("dobj", "obj") and "dobj" in cue.frames and c.i > tok.i:
            if c.pos_ == "PRON":
                continue
            content_toks = list(c.subtree)
            break
    if not content_toks and tok.pos_ == "NOUN" and "ccomp" in cue.frames:
        content_toks = _noun_clause(tok)
    if not content_toks and "ccomp" in cue.frames and tok.dep_ in ("parataxis", "ccomp") \
            and tok.head.i < tok.i and tok.head.pos_ in ("VERB", "AUX") \
            and any(c.dep_ in SUBJECTS for c in tok.children) and _fronted(ctx, tok.head, tok):
        # "The talks failed, officials said": the cue hangs off the reported clause
        cue_side = {t.i for t in tok.subtree}
        content_toks = [t for t in tok.head.subtree if t.i not in cue_side]
    if not content_toks:
        return None
    subj = ctx.subject_of(tok)
    if subj is None:
        return None
    starts, ends = sent_bounds(ctx.doc)
    s_start, s_end = starts[tok.i], ends[tok.i]
    content = ctx.span_of([t for t in content_toks if s_start <= t.i < s_end])
    if content[1] - content[0] < 3:
        return None
    speakers, mention = ctx.speaker(subj)
    if mention is not None and content[0] < mention[1] and mention[0] < content[1]:
        return None
    return Draft("indirect", content, ctx.cue_span(tok, prep), speakers, mention)


def _that_clause(clause: Token) -> bool:
    """A complement clause opened by "that" ("... that the talks failed"), not a relative
    clause (there "that" is the verb's subject or object, not its marker)."""
    return clause.pos_ in ("VERB", "AUX") and any(
        g.dep_ == "mark" and g.lower_ == "that" and g.i < clause.i for g in clause.children)


def _noun_clause(noun: Token) -> list[Token] | None:
    """The content clause of a speech noun: "his insistence that ...", "the allegation
    that ...", or across a copula, "her argument was that ..."."""
    for c in noun.children:
        if c.i > noun.i and c.dep_ in ("acl", "ccomp") and _that_clause(c):
            return list(c.subtree)
    head = noun.head
    if noun.dep_ == "nsubj" and head.lemma_ == "be" and head.i > noun.i:
        for c in head.children:
            if c.i > head.i and c.dep_ == "ccomp" and _that_clause(c):
                return list(c.subtree)
    return None


def _fronted(ctx: _Ctx, clause: Token, cue: Token) -> bool:
    """A reported clause before its speech cue, set off by a comma: "..., officials said"."""
    if ctx.cue_of(cue) is None or ctx.cue_of(cue).kind != "speech":
        return False
    subj = [c for c in cue.children if c.dep_ in SUBJECTS and c.i < cue.i]
    left = subj[0].left_edge.i if subj else cue.i  # where "officials said" starts
    right = max((t.i for t in clause.subtree if t.i < left), default=-1)
    if right < 0:
        return False
    between = ctx.doc[right + 1:left]
    return any(t.text in (",", "—", "–") for t in between) and \
        all(t.i not in ctx.region_of_token for t in between)


def _clause_extent(ctx: _Ctx, cue: Token, first: Token) -> list[Token]:
    """Tokens from ``first`` to the end of the cue's clause: up to a punctuation mark that
    belongs to the cue or a verb above it, the sentence end, or a paragraph break."""
    above = {cue.i}
    node = cue
    while node.head.i != node.i:
        node = node.head
        above.add(node.i)
    out = []
    for t in ctx.doc[first.i:first.sent.end]:
        if ctx.para[t.i] != ctx.para[first.i] or t.i in ctx.region_of_token:
            break
        if t.is_punct and t.head.i in above:
            break
        out.append(t)
    return out


def _according_to(ctx: _Ctx, tok: Token) -> Draft | None:
    to = ctx.doc[tok.i + 1]
    pobj = [c for c in to.children if c.dep_ == "pobj"] or [
        c for c in tok.children if c.dep_ == "pobj"]
    if not pobj:
        for c in tok.children:
            pobj += [g for g in c.children if g.dep_ == "pobj"]
    if not pobj:
        return None
    src = pobj[0]
    phrase = set()
    for t in tok.subtree:
        phrase.add(t.i)
    phrase.update(t.i for t in to.subtree)
    phrase.update(t.i for t in src.subtree)
    sent = tok.sent
    rest = [t for t in sent if t.i not in phrase]
    # the clause on the side of the phrase that has words (before or after it)
    lo = min(phrase)
    hi = max(phrase)
    left = [t for t in rest if t.i < lo]
    right = [t for t in rest if t.i > hi]
    side = left if sum(t.is_alpha for t in left) >= sum(t.is_alpha for t in right) else right
    if sum(t.is_alpha for t in side) < 3 and lo == sent.start:
        # the parser swallowed the clause into the source ("According to X, the offer
        # smells of ..." with "smells" a noun in apposition to X): the source ends at the
        # first comma
        commas = [t.i for t in sent if t.i > to.i and t.text == ","]
        if commas:
            side = [t for t in sent if t.i > commas[0]]
            # and after its apposition, a verbless stretch between two commas ("According
            # to X, a union leader, the offer ...")
            if len(commas) > 1 and not any(t.pos_ in ("VERB", "AUX") for t in
                                           ctx.doc[commas[0] + 1:commas[1]]):
                side = [t for t in sent if t.i > commas[1]]
    if sum(t.is_alpha for t in side) < 3:
        return None
    content = ctx.span_of(side)
    speakers, mention = ctx.speaker(src)
    cue = (tok.idx, to.idx + len(to.text))
    return Draft("indirect", content, cue, speakers, mention)
