"""Rules and model together: each where it is stronger.

Quotation marks are typography, and the rules read them well (the quoted region, the cue
hanging off it, a continuation paragraph): their direct and mixed quotes are kept. The
model decides which other words report speech and which clause of the parse is the
content; a rule's indirect quote is kept only when the model rates its cue, and the
model's own content choice replaces the rule's when both found the same cue.

Variants (``Options.quote_model``): ``rules`` (the hand-written stage alone), ``model``
(the learned cue and content models alone), ``combined`` (the default).
"""

from __future__ import annotations

from spacy.tokens import Token

from .learn import AttributionModel, content_candidates, is_candidate

MODES = ("rules", "model", "combined")
WRITER = {"i", "we", "me", "us"}
#: when a cue's best content mostly repeats one already taken (two cues on one clause,
#: or a span run past the next attribution), its next-ranked contents are tried, at most
#: this many, each only if it overlaps no content taken
ALTERNATIVES = 0


def cue_token(ctx, d) -> Token | None:
    if d.cue is None:
        return None
    span = ctx.doc.char_span(d.cue[0], d.cue[1], alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span[0]


def _mostly(a: tuple[int, int], b: tuple[int, int]) -> bool:
    o = min(a[1], b[1]) - max(a[0], b[0])
    return o > 0 and o >= 0.5 * min(a[1] - a[0], b[1] - b[0])


def _kind(ctx, span: tuple[int, int]) -> str:
    for r in ctx.regions:
        if r.inner[0] <= span[0] and span[1] <= r.inner[1]:
            return "direct"
    if any(span[0] <= r.start < span[1] or span[0] < r.end <= span[1] for r in ctx.regions):
        return "mixed"
    return "indirect"


def _speaker_of(ctx, tok: Token):
    if tok.lower_ == "according" and tok.i + 1 < len(ctx.doc):
        to = ctx.doc[tok.i + 1]
        pobj = [c for c in to.children if c.dep_ == "pobj"] or [
            c for c in tok.children if c.dep_ == "pobj"]
        return pobj[0] if pobj else None
    subj = ctx.subject_of(tok)
    # "after telling his aides ...", "by saying ...": the subject of the verb the
    # preposition hangs off
    if subj is None and tok.dep_ == "pcomp" and tok.tag_ == "VBG" and tok.head.dep_ == "prep":
        subj = ctx.subject_of(tok.head.head)
    # a passive cue ("the talks were praised by Anna Berg"): the agent speaks, the
    # passive subject is what is spoken of
    passive = subj is not None and subj.dep_ == "nsubjpass"
    if (subj is None or passive) and tok.pos_ == "VERB":
        agent = [g for c in tok.children if c.dep_ == "agent" for g in c.children
                 if g.dep_ == "pobj"]
        if agent:
            return agent[0]
    return subj


def model_drafts(ctx, model: AttributionModel, rule_by_cue: dict[int, tuple[int, int]],
                 skip: set[int], threshold: float) -> list[tuple[float, object]]:
    """(cue probability, draft) for every word the model takes as a cue."""
    from .stage import Draft

    out = []
    alts = ctx.__dict__["_alternatives"] = {}  # id of a draft -> its next contents
    cache = ctx.__dict__.setdefault("_candidates", {})
    for i, p in model.cue_probs(ctx).items():
        if i in skip or (p < threshold and i not in rule_by_cue):
            continue
        tok = ctx.doc[i]
        pos = "NOUN" if tok.pos_ == "NOUN" else "VERB"
        attribution = ctx.lex.attribution(tok.lemma_.lower(), pos) or "statement"
        key = (i, rule_by_cue.get(i))
        if key not in cache:
            cache[key] = content_candidates(ctx, tok, rule_by_cue.get(i))
        cands = cache[key]
        if not cands:
            continue
        subj = _speaker_of(ctx, tok)
        if subj is None:
            continue  # no one reports it: "was discussed", a title, a scare quote
        speakers, mention = ctx.speaker(subj)
        ranked = [c.span for c in sorted(cands, key=model.content_score, reverse=True)
                  if mention is None or not (c.span[0] < mention[1] and mention[0] < c.span[1])]
        if not ranked or ranked[0] != max(cands, key=model.content_score).span:
            continue  # the best content holds the speaker: not an attribution
        if tok.lower_ == "according":
            cue = (tok.idx, ctx.doc[tok.i + 1].idx + len(ctx.doc[tok.i + 1].text))
        else:
            cue = ctx.cue_span(tok)
        d = Draft(_kind(ctx, ranked[0]), ranked[0], cue, speakers, mention)
        d.attribution = attribution
        alts[id(d)] = ranked[1:1 + ALTERNATIVES]
        out.append((p, d))
        front = _front_piece(ctx, tok, subj, ranked[0]) if PARENTHETICAL else None
        if front is not None:
            d2 = Draft("indirect", front, cue, speakers, mention)
            d2.attribution = attribution
            out.append((p, d2))
    return out


#: "But to prevent problems, he said, local officials should be vigilant": a cue set off by
#: commas inside its content; the words before it are the content's first piece
PARENTHETICAL = True
#: and the inverted ", said SPEAKER,"
INVERTED = True


def _front_piece(ctx, tok: Token, subj: Token, content: tuple[int, int]
                 ) -> tuple[int, int] | None:
    """The content's piece before a parenthetical ", SPEAKER CUE," or ", CUE SPEAKER,"
    (None if the cue is not one): the sentence from its start to the comma before the cue
    phrase, when the chosen content starts right after the comma that follows it."""
    doc = ctx.doc
    left = min(subj.left_edge.i, tok.i) if INVERTED or subj.i < tok.i else None
    start_tok = doc.char_span(content[0], content[1], alignment_mode="expand")
    if left is None or start_tok is None or left < 1 or doc[left - 1].text != ",":
        return None
    comma = start_tok.start - 1
    while comma > tok.i and doc[comma].is_space:
        comma -= 1
    mine = {x.i for x in tok.subtree}
    if comma <= max(tok.i, subj.i) or doc[comma].text != "," or any(
            x not in mine for x in range(left, comma)):
        return None
    start = doc[left - 1].sent.start
    toks = [doc[x] for x in range(start, left - 1)]
    if not any(t.is_alpha for t in toks) or any(t.i in ctx.region_of_token for t in toks) \
            or ctx.para[start] != ctx.para[tok.i]:
        return None
    span = ctx.span_of(toks)
    return span if span[1] > span[0] else None


def split_rules(ctx, drafts: list) -> tuple[list, dict[int, tuple[int, int]]]:
    """The rules' quotation-mark and transcript-line quotes (kept as they are), and the
    content of each rule indirect quote by its cue word (the model re-scores those)."""
    fixed = []
    by_cue: dict[int, tuple[int, int]] = {}
    for d in drafts:
        t = cue_token(ctx, d)
        if d.kind == "indirect" and d.region is None and t is not None and is_candidate(t):
            by_cue[t.i] = d.content
        else:
            fixed.append(d)
    return fixed, by_cue


def combine(ctx, drafts: list, model: AttributionModel, mode: str) -> list:
    """The drafts of the chosen variant (``drafts`` are the rules' own)."""
    if mode == "rules":
        return drafts
    threshold = model.threshold
    keep = float(model.meta.get("keep", threshold))
    region_drafts, rule_by_cue = split_rules(ctx, drafts)
    if mode == "model":
        found = model_drafts(ctx, model, {}, set(), threshold)
        return _resolve([], found, ctx, ctx.__dict__.get("_alternatives"))
    skip = {t.i for d in region_drafts if (t := cue_token(ctx, d)) is not None}
    found = model_drafts(ctx, model, rule_by_cue, skip, threshold)
    # the rules' cue span where both found the cue word ("called for", "according to")
    rule_cue = {t.i: d.cue for d in drafts if d not in region_drafts
                and (t := cue_token(ctx, d)) is not None}
    chosen = []
    for p, d in found:
        t = cue_token(ctx, d)
        if t is not None and t.i in rule_cue:
            d.cue = rule_cue[t.i]
        if p >= threshold or (t is not None and t.i in rule_by_cue and p >= keep):
            chosen.append((p, d))
    return _resolve(region_drafts, chosen, ctx, ctx.__dict__.get("_alternatives"))


def _resolve(fixed: list, scored: list[tuple[float, object]], ctx=None,
             alts: dict | None = None) -> list:
    """The fixed drafts, then the scored ones by confidence unless their content mostly
    repeats one already taken."""
    taken = [d.content for d in fixed]
    out = list(fixed)
    for _p, d in sorted(scored, key=lambda x: -x[0]):
        if any(_mostly(d.content, t) for t in taken):
            span = next((a for a in (alts or {}).get(id(d), ())
                         if not any(_overlaps(a, t) for t in taken)), None)
            if span is None:
                continue
            d.content, d.kind = span, _kind(ctx, span)
        taken.append(d.content)
        out.append(d)
    return out


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def is_writer(ctx, d) -> bool:
    """The speaker is the article's own writer: a first-person pronoun outside quotation
    marks ("I think", "we have argued")."""
    if d.speaker_mention is None:
        return False
    s, e = d.speaker_mention
    word = ctx.text[s:e].strip().lower()
    span = ctx.doc.char_span(s, e, alignment_mode="expand")
    return word in WRITER and span is not None and all(
        t.i not in ctx.region_of_token for t in span)
