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

The passes live in their own modules: ``arguments`` (trigger matching and verbal
arguments), ``nounargs`` (nominal triggers), ``take`` (argument resolution), ``control``
(the subject of the clause above a target-only act), ``frames``, ``modality``; this
module assembles and scores the events. Phrase spans, which only the evaluation reads,
come from ``spans`` when asked for.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..actors import ActorIndex
from ..model import Event, Span
from .agentless import agentless_state
from .arguments import candidates
from .beneficiary import beneficiary
from .candidate import Candidate, EventDraft
from .context import adopt, inherit, orphan_noun, place_victims
from .control import lend_subjects
from .frames import _absorb, _consume, _demands, _nested, _purpose, _shared_object, _under
from .judicial import legal_sides
from .lexicon import Lexicon
from .modality import _depth, _modality, _recode
from .mutual import mutual
from .policy import STATE_MODIFIER_TYPES
from .resolve import Coder
from .syntax import hyphen_agent

#: how deep below the sentence root (report and support verbs not counted) an event may
#: sit and still be the sentence's main event: deeper ones are in modifiers or clauses
#: attached to the sentence, not what it reports
MAIN_DEPTH = 2

#: exercises are MOBILIZE for one country and COOPERATE when several hold them (PLOVER)
EXERCISES = {"exercise", "drill", "game", "maneuver", "manoeuvre", "war-game", "wargame"}


def _contexts(c: Coder, k: Candidate, article_ctx: list[str]) -> list[str]:
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


def _article_contexts(c: Coder) -> list[str]:
    """Contexts that run through the article (keywords in three or more sentences)."""
    counts: dict[str, int] = {}
    for sent in c.doc.sents:
        seen: set[str] = set()
        for w in c.words(sent):
            seen |= c.lex.context_words.get(w, set())
        for ctx in seen:
            counts[ctx] = counts.get(ctx, 0) + 1
    return sorted(k for k, n in counts.items() if n >= 3)


def _mode_from_keywords(c: Coder, k: Candidate) -> None:
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

def find_events(doc: Doc, index: ActorIndex, drafts: list, lexicon: Lexicon, *,
                complete_only: bool = True, spans: bool = False) -> list[EventDraft]:
    """All events of one article in text order.

    ``complete_only=False`` also returns events PLOVER would not code (no identifiable
    actor, or no recipient where the type needs one): the sentence classifier of the
    evaluation uses them, the analysis record does not. ``spans=True`` adds the actor and
    recipient phrase spans the evaluation scores (the record has no use for them).
    """
    c = Coder(doc, index, drafts, lexicon)
    cands = candidates(c)
    if not cands:
        return []
    _absorb(c, cands)
    _purpose(cands)
    _under(c, cands)
    _shared_object(c, cands)
    cands.extend(_demands(c, cands))
    _consume(c, cands)
    _nested(cands)
    lend_subjects(c, cands)  # "has borne the brunt of FIGHTING Isis": the SDF
    for k in cands:
        beneficiary(c, k)  # "provided funds to support projects in SYRIA"
    article_ctx: list[str] | None = None
    out: list[EventDraft] = []
    orphans: list[EventDraft] = []
    for k in cands:
        if k.dropped or _generic(k.tok):
            continue
        if k.type in STATE_MODIFIER_TYPES and hyphen_agent(k.tok) is not None:
            continue  # "the Israeli-occupied Golan Heights": who holds it, not an attack
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
            k.notes.reciprocal_heads = list(k.recipient_heads)
            k.recipients.clear()
        legal_sides(c, k)  # "serving a sentence in Turkey": Turkey -> the prisoner
        state = agentless_state(c, k)  # "thousands of Turks have been detained": Turkey
        if state is not None:
            k.actors.append(state)
        own = mutual(c, k)  # "infighting between rebels": the rebels on both sides
        if not own:
            k.recipients = [r for r in k.recipients if r not in k.actors]
        ev = EventDraft(
            type=k.type, mode=k.mode,
            trigger=(k.tok.idx, k.tok.idx + len(k.tok.text)),
            sentence=(k.tok.sent.start_char, k.tok.sent.end_char),
            actors=list(k.actors), recipients=list(k.recipients),
            negated=k.negated, hypothetical=k.hypothetical, future=k.future,
            quote=c.quote_at(k.tok.idx), cameo=k.cameo, pattern=k.pattern, path=k.path,
            token=k.tok.i, absorbed=k.absorbed, modifier=k.tok.dep_ == "amod", mutual=own,
            needs_recipient=bool(k.row is not None and k.row.cond("need")
                                 and "recipient" in (k.row.cond("need") or ())),
        )
        orphan = complete_only and orphan_noun(k.tok, ev)
        if complete_only and not ev.complete and not orphan:
            continue
        if spans:
            from .spans import add_spans

            add_spans(c, k, ev)
        ev.actors = c.materialize(ev.actors)
        ev.recipients = [r for r in c.materialize(ev.recipients)
                         if own or r not in ev.actors]
        # a town does not act ("Ankara", the government, does): a common-noun argument
        # made only now may turn out to be a place
        ev.actors = [a for a in ev.actors if not c._place(a)]
        orphan = orphan and not ev.actors
        if complete_only and not ev.complete and not orphan:
            continue
        if complete_only and not orphan and \
                not any(c.political(a) for a in ev.actors + ev.recipients):
            continue  # PLOVER codes political events: a private person on both sides is none
        if complete_only:
            place_victims(c, k.tok, ev, k.recipient_heads)
        if article_ctx is None:
            article_ctx = _article_contexts(c)
        ev.contexts = _contexts(c, k, article_ctx)
        ev.score = lexicon.score(ev.type, ev.mode)
        ev.depth = _depth(c, k)
        (orphans if orphan else out).append(ev)
    out.sort(key=lambda e: e.trigger)
    if complete_only:
        out = adopt(c, out, orphans)
        inherit(c, out)
    mark_main(out)
    return out


def _generic(tok: Token) -> bool:
    """"Any US request", "any such move": a nominal trigger under "any" names no event
    (what is asked for or warned against absorbs it first)."""
    return tok.pos_ == "NOUN" and any(ch.dep_ == "det" and ch.lower_ == "any"
                                      for ch in tok.children)


def main_event(events: list[EventDraft]) -> EventDraft | None:
    """The main event of one sentence's events: something that happened (not negated, not
    hypothetical, not a modifier of a noun: "US-backed fighters"), nearest the root, then
    earliest; none when every event sits deep in a modifier."""
    live = [e for e in events if e.news and e.depth <= MAIN_DEPTH]
    if not live:
        return None
    return min(live, key=lambda e: (e.depth, e.trigger[0]))


def mark_main(events: list[EventDraft]) -> None:
    """Mark each sentence's main event (``main``): the news of the sentence, as against
    events mentioned in passing (in a modifier, a negated or hypothetical clause)."""
    by_sentence: dict[tuple[int, int], list[EventDraft]] = {}
    for e in events:
        e.main = False
        by_sentence.setdefault(e.sentence, []).append(e)
    for evs in by_sentence.values():
        m = main_event(evs)
        if m is not None:
            m.main = True


def to_records(drafts: list[EventDraft], ids: dict[int, str], text: str) -> list[Event]:
    """Record events (ids ``E1..``) from drafts: cluster ids become actor ids and a quote
    index becomes the quote's id (quotes are numbered ``Q1..`` in draft order)."""
    out: list[Event] = []
    for d in drafts:
        actors = [ids[c] for c in d.actors if c in ids]
        if not actors:
            continue
        recipients = [ids[c] for c in d.recipients
                      if c in ids and (d.mutual or ids[c] not in actors)]
        out.append(Event(
            id=f"E{len(out) + 1}", type=d.type, trigger=Span.of(text, *d.trigger),
            sentence=d.sentence, mode=d.mode, contexts=list(d.contexts), actors=actors,
            recipients=recipients, negated=d.negated, hypothetical=d.hypothetical,
            future=d.future, quote=f"Q{d.quote + 1}" if d.quote is not None else None,
            score=d.score, main=d.main,
        ))
    return out
