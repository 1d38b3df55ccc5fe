"""Score the event coder on CAMEO-coded sentences (5-class quads and actor spans).

``class_train.tsv``: ``sentence<TAB>label``, the quad class of the sentence's main event
(0 statement or appeal, no PLOVER event; 1 verbal and 2 material cooperation; 3 verbal
and 4 material conflict). The prediction is the quad of the main event: among the
sentence's non-negated events, the one nearest the root of the parse (report and support
verbs are transparent: in "X said Y attacked Z" the attack is the news), 0 when there is
none. Events PLOVER would not code for lack of a named actor count here: a sentence
classifier is asked what happened, not whether the record may hold it.

``spans_train.txt``: CoNLL tokens with B-/I- tags S (source), T (target), R (reciprocal).
The main event's actor phrases are S, its recipient phrases T; both sides of a meeting
(CONSULT, or AGREE from a future meeting) are R. A span counts when label and token
boundaries equal the gold ones (exact match).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, Token

from .. import nlp as _nlp
from ..errors import InputError
from ..options import Options
from . import syntax as sx
from .spans import _charge
from .stage import MAIN_DEPTH, EventDraft, main_event
from .trace import trace

CLASSES = (0, 1, 2, 3, 4)
CLASS_NAMES = {0: "no event", 1: "verbal coop", 2: "material coop", 3: "verbal conflict",
               4: "material conflict"}
LABELS = ("S", "T", "R")




def intent_event(events: list[EventDraft]) -> EventDraft | None:
    """An intention the sentence states ("is considering sending aid to X", CAMEO's 03
    "express intent to ..."), or an act it says did not happen ("failed to renew the
    embargo on X"): the hypothetical or negated event nearest the root that is directed
    at someone. Span scoring uses it for a sentence without a main event whose speaker is
    the event's actor: the statement's target is the event's."""
    live = [e for e in events if (e.hypothetical or e.negated) and e.depth <= MAIN_DEPTH
            and e.actor_spans and e.recipient_spans]
    if not live:
        return None
    return min(live, key=lambda e: (e.depth, e.trigger[0]))


def _events_of(texts: list[str], options: Options) -> Iterator[list[EventDraft]]:
    for _doc, events in _docs_events(texts, options):
        yield events


def _docs_events(texts: list[str], options: Options) -> Iterator[tuple[Doc, list[EventDraft]]]:
    nlp = _nlp.load(options.model)
    for doc in nlp.pipe(texts, batch_size=64):
        t = trace(doc, options)
        yield doc, t.events


def read_classes(path: str | Path) -> list[tuple[str, int]]:
    rows = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        sent, sep, label = line.rpartition("\t")
        if not sep or label.strip() not in {str(c) for c in CLASSES}:
            raise InputError(str(path), f"line {n}: expected 'sentence<TAB>0..4'")
        rows.append((sent, int(label)))
    return rows


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "tp": tp, "fp": fp, "fn": fn}


def evaluate_cameo(path: str | Path, *, limit: int | None = None,
                   options: Options | None = None) -> dict:
    """Accuracy, macro F1, per-class figures and the confusion matrix (rows gold)."""
    options = options or Options()
    rows = read_classes(path)[:limit]
    t0 = time.perf_counter()
    confusion = [[0] * len(CLASSES) for _ in CLASSES]
    predictions = []
    for (_sent, gold), events in zip(rows, _events_of([s for s, _ in rows], options),
                                    strict=True):
        ev = main_event(events)
        pred = ev.quad if ev is not None else 0
        confusion[gold][pred] += 1
        predictions.append(pred)
    seconds = time.perf_counter() - t0
    n = len(rows)
    per_class = {}
    for c in CLASSES:
        tp = confusion[c][c]
        fp = sum(confusion[g][c] for g in CLASSES) - tp
        fn = sum(confusion[c]) - tp
        per_class[c] = _prf(tp, fp, fn)
    return {
        "sentences": n,
        "accuracy": sum(confusion[c][c] for c in CLASSES) / n if n else 0.0,
        "macro_f1": sum(v["f1"] for v in per_class.values()) / len(CLASSES),
        "per_class": per_class,
        "confusion": confusion,
        "predictions": predictions,
        "sentences_per_second": n / seconds if seconds else 0.0,
    }


# --------------------------------------------------------------------------------------
# spans


@dataclass(slots=True)
class SpanSentence:
    tokens: list[str]
    gold: set[tuple[str, int, int]]  # (label, first token, last token + 1)


def read_spans(path: str | Path) -> list[SpanSentence]:
    """CoNLL sentences: one 'token tag' a line, a blank line between sentences."""
    out: list[SpanSentence] = []
    toks: list[str] = []
    tags: list[str] = []

    def flush() -> None:
        if toks:
            out.append(SpanSentence(list(toks), _gold_spans(tags)))
        toks.clear()
        tags.clear()

    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        line = line.rstrip("\r")
        if not line.strip():
            flush()
            continue
        tok, sep, tag = line.rpartition(" ")
        if not sep or not (tag == "O" or tag[:2] in ("B-", "I-")):
            raise InputError(str(path), f"line {n}: expected 'token TAG'")
        toks.append(tok)
        tags.append(tag)
    flush()
    return out


def _gold_spans(tags: list[str]) -> set[tuple[str, int, int]]:
    spans = set()
    cur: list | None = None
    for i, tag in enumerate(tags + ["O"]):
        if tag.startswith("I-") and cur is not None and cur[0] == tag[2:]:
            cur[2] = i + 1
            continue
        if cur is not None:
            spans.add(tuple(cur))
            cur = None
        if tag[:2] in ("B-", "I-"):
            cur = [tag[2:], i, i + 1]
    return spans


NO_SPACE_BEFORE = {".", ",", ":", ";", "?", "!", "%", ")", "]", "}", "'s", "’s", "'", "’",
                   "n't", "”"}
NO_SPACE_AFTER = {"(", "[", "{", "$", "“", "#"}


def detokenize(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Readable text from CoNLL tokens, with each token's character offsets, so that the
    parser sees "Saudi Arabia’s" and not "Saudi Arabia ’ s"."""
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    pos = 0
    prev = ""
    for k, tok in enumerate(tokens):
        glue = (k == 0 or tok in NO_SPACE_BEFORE or prev in NO_SPACE_AFTER
                or (tok in ("s", "S") and prev in ("’", "'")) or tok == "-" or prev == "-"
                or _in_number(tokens, k))
        if not glue:
            parts.append(" ")
            pos += 1
        offsets.append((pos, pos + len(tok)))
        parts.append(tok)
        pos += len(tok)
        prev = tok
    return "".join(parts), offsets


def _in_number(tokens: list[str], k: int) -> bool:
    """Token ``k`` follows the separator inside a number split by the tokenisation:
    "2, 374 migrants" and "$22. 5 million" were "2,374" and "22.5"."""
    return (k >= 2 and tokens[k - 1] in (",", ".") and tokens[k][:1].isdigit()
            and tokens[k - 2][-1:].isdigit()
            and (tokens[k - 1] == "." or (len(tokens[k]) >= 3 and tokens[k][:3].isdigit())))


def _to_tokens(span: tuple[int, int], offsets: list[tuple[int, int]]) -> tuple[int, int] | None:
    s, e = span
    first = next((i for i, (a, b) in enumerate(offsets) if a <= s < b or a >= s), None)
    last = next((i for i in range(len(offsets) - 1, -1, -1) if offsets[i][0] < e), None)
    if first is None or last is None or last < first:
        return None
    return first, last + 1


def predicted_spans(ev: EventDraft | None,
                    offsets: list[tuple[int, int]]) -> set[tuple[str, int, int]]:
    if ev is None:
        return set()
    out = set()
    reciprocal = ev.reciprocal
    for label, spans in (("S", ev.actor_spans), ("T", ev.recipient_spans)):
        for sp in spans:
            toks = _to_tokens(sp, offsets)
            if toks is not None:
                out.add(("R" if reciprocal else label, *toks))
    return out


def sentence_spans(doc: Doc, events: list[EventDraft], *, statements: bool = True,
                   ) -> list[tuple[str, tuple[int, int]]]:
    """Labelled character spans of a sentence as the span file codes them: the main
    event's actor (S) and recipient (T) phrases, or both sides of a reciprocal act (R);
    without a main event, the statement's source and target (``statement_spans``), the
    target being the speaker's own intention's when there is one ("is considering
    sending aid to X")."""
    ev = main_event(events)
    if ev is None and statements:
        src, tgt = statement_spans(doc, events)
        intent = intent_event(events)
        if intent is not None and src and src[0] in intent.actor_spans:
            tgt = list(intent.recipient_spans)
        ev = EventDraft(type="REQUEST", mode=None, trigger=(0, 0), sentence=(0, 0),
                        actor_spans=src, recipient_spans=tgt)
    if ev is None:
        return []
    out = []
    for label, spans in (("S", ev.actor_spans), ("T", ev.recipient_spans)):
        for sp in spans:
            out.append(("R" if ev.reciprocal else label, sp))
    return out


#: what a statement is about: "expressed concern ABOUT X", "skeptical OF X"
ABOUT = {"about", "over", "of", "to", "for", "with", "on", "at", "regarding", "toward",
         "towards", "against"}
#: where what is handed over goes: "handed over equipment TO X"
GOAL = {"to", "into"}
#: who made the charge a statement answers: "denied charges BY X", "accusations FROM X"
AUTHOR = {"by", "from"}
#: a subject that is the speaker again ("said IT is skeptical", "said THEY hoped"): the
#: statement's target lies further down
SPEAKER_PRONOUNS = {"it", "they", "he", "she", "we", "i", "you"}


def statement_spans(doc: Doc, events: list[EventDraft] | None = None,
                    ) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Source and target of a sentence that has no PLOVER event (CAMEO's 01 "make a
    statement", which CAMEO codes and PLOVER does not): the main clause's subject, and
    its object or what it is about ("expressed concern about X", "is skeptical of X").

    The statement may answer a charge ("denied charges BY X": X), report a clause ("said
    THE EMBASSY had conveyed ...", "doubts THE PLAN will work ...": its
    subject), or be about an event ("claimed responsibility for the attack ON X": the
    event's target, given by ``events``, the sentence's events with their spans).
    """
    sent = next(iter(doc.sents), None)
    if sent is None:
        return [], []
    root = sent.root
    # "the talks ended without a deal, the spokesman said": the report is the news, not
    # the reporter
    fronted = next((c for c in root.children if c.dep_ == "ccomp" and c.i < root.i
                    and sx.has_child(c, sx.SUBJECTS)), None)
    if fronted is not None:
        root = fronted
    subj, _ = sx.subject(root)
    if subj is None:
        return [], []
    src = [_char_span(doc, subj)]
    node: Token | None = root
    for _hop in range(4):
        if node is None:
            break
        target = _about(node)
        if target is not None:
            return src, _target_spans(doc, target, events or [])
        clause = _reported_clause(node)
        if clause is None:
            break
        inner = next((c for c in clause.children if c.dep_ in sx.SUBJECTS), None)
        if inner is not None and inner.lower_ not in SPEAKER_PRONOUNS and \
                inner.lower_ not in sx.RELATIVES and inner.pos_ != "PRON":
            return src, [_char_span(doc, inner)]
        node = clause
    return src, []


def _about(node: Token) -> Token | None:
    """What the statement at ``node`` is about: the author of a charge it answers, a named
    object, or the object of an "about" preposition."""
    obj = next((c for c in node.children if c.dep_ in ("dobj", "dative")), None)
    comp = next((c for c in node.children if c.dep_ in ("ccomp", "acomp", "xcomp")), None)
    candidates = []
    if obj is not None:
        candidates += sx.preps(obj, AUTHOR)
        if not sx.is_passive(node):
            # an active verb has no agent: its "by" phrase belongs to the object ("denied
            # charges BY X" with "by" hung on "denied")
            candidates += [p for p in sx.preps(node, {"by"})
                           if _actorish(p) or p.tag_ in ("NNS", "NNPS")]
        if obj.ent_type_ not in ("PERSON", "ORG", "GPE", "NORP"):
            # "handed over equipment TO the ministry", "flew medicine INTO Afghanistan":
            # what is handed over is no target, its receiver is
            candidates += [t for t in sx.preps(node, GOAL) if t.ent_type_ not in ("MONEY",)]
            candidates += _deep_goal(obj)
        candidates += sx.preps(obj, ABOUT)
    candidates += sx.preps(node, ABOUT)
    if comp is not None:
        if comp.pos_ == "ADJ":
            candidates += sx.preps(comp, ABOUT)
        else:  # "said it is skeptical of X"
            inner = next((c for c in comp.children if c.dep_ == "acomp"), None)
            if inner is not None:
                candidates += sx.preps(inner, ABOUT)
    if obj is not None and obj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        candidates.insert(0, obj)
    if not candidates:  # "sought refuge IN BANGLADESH", "served in Lebanon"
        candidates = [t for n in (node, obj) if n is not None
                      for t in sx.preps(n, {"in", "into"}) if _named_place(t)]
    return candidates[0] if candidates else None


def _named_place(tok: Token) -> bool:
    """A place by name, or a phrase qualified by one ("India's northeastern state")."""
    return tok.ent_type_ in ("GPE", "LOC", "FAC") or any(
        c.dep_ in ("poss", "compound", "amod") and c.ent_type_ in ("GPE", "LOC")
        for c in tok.children)


def _reported_clause(node: Token) -> Token | None:
    """The clause a statement reports or judges: "said THAT ...", "is skeptical (that)
    ...", "expressed hopes (that) ...", "expressed pessimism that ..."."""
    for c in node.children:
        if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX"):
            return c
    for c in node.children:
        if c.dep_ in ("acomp", "dobj", "xcomp"):
            for g in c.children:
                if g.dep_ in ("ccomp", "acl") and g.pos_ in ("VERB", "AUX") and \
                        not sx._infinitive(g):
                    return g
    return None


def _target_spans(doc: Doc, target: Token, events: list[EventDraft]) -> list[tuple[int, int]]:
    """The target phrase; a statement about an event ("claimed responsibility for THE
    ATTACK on X") is about the event's target, and has none when the event names none."""
    for ev in events:
        if ev.token == target.i:
            return list(ev.recipient_spans)
    if target.pos_ in ("VERB", "AUX"):
        target = _clause_target(target) or target
    # coordinated targets are each a target ("condolences to the people and the
    # government"), when they are of a kind: an actor is not coordinated with a charge
    kind = _actorish(target)
    return [_actor_span(doc, t) if kind else _char_span(doc, t)
            for t in sx.conjuncts(target) if _actorish(t) == kind]


def _clause_target(verb: Token) -> Token | None:
    """Who a clause a statement is about concerns: its subject ("doubtful about THE BANK
    managing to repay ..."), else an actor it is done to or with ("unease about reopening
    negotiations with THE REBELS"), else what it acts on."""
    subj = next((c for c in verb.children if c.dep_ in sx.SUBJECTS), None)
    if subj is not None:
        return subj if subj.pos_ != "PRON" else None
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "dative")), None)
    if obj is not None and _actorish(obj):
        return obj
    for n in (verb, obj):
        if n is not None:
            hit = [p for p in sx.preps(n, ABOUT) if _actorish(p)]
            if hit:
                return hit[0]
    return obj


def _deep_goal(obj: Token) -> list[Token]:
    """Where what a statement's object hands over goes when the parser hung the goal
    inside it ("the transfer of 300 tonnes of grain TO KENYA", "plans for shifting
    engineers from the base TO THE BORDER PROVINCE"): the last named receiver of a "to"
    phrase in the object's phrase, unless the object says what it is about itself
    ("concern ABOUT ...")."""
    if any(c.dep_ == "prep" and c.lower_ in (ABOUT | AUTHOR) - {"of", "to"}
           for c in obj.children):
        return []
    hits = [p for t in _phrase_tokens(obj) if t.dep_ == "prep" and t.lower_ in GOAL
            and t.i > obj.i for p in sx.pobjs(t) if _actorish(p) and p.ent_type_ != "MONEY"]
    return hits[-1:]


def _phrase_tokens(head: Token) -> list[Token]:
    """The tokens of a noun phrase, without the clauses attached to it ("a statement SAYING
    THAT ..."); a gerund after a preposition stays ("the possibility of TRANSFERRING")."""
    out, stack = [], [head]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children
                     if c.dep_ not in ("acl", "relcl", "ccomp", "advcl", "xcomp", "parataxis"))
    return out


def _actor_span(doc: Doc, head: Token) -> tuple[int, int]:
    """An actor's phrase without the charge the parser hangs on it ("accusations by the
    US OF GENOCIDE")."""
    s, e = sx.phrase_span(head)
    charge = _charge(head)
    if charge is not None and s < charge.i < e:
        e = charge.i
    return doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)


def _actorish(tok: Token) -> bool:
    return tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or \
        tok.lemma_.lower() in sx.ACTOR_NOUNS


def _char_span(doc: Doc, head: Token) -> tuple[int, int]:
    s, e = sx.phrase_span(head)
    return doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)


def evaluate_spans(path: str | Path, *, limit: int | None = None,
                   options: Options | None = None, statements: bool = True) -> dict:
    """Exact-match precision, recall and F1 of source, target and reciprocal spans.

    A sentence without a PLOVER event is scored by its statement (``statement_spans``)
    unless ``statements`` is false: the file codes CAMEO statements too.
    """
    options = options or Options()
    sents = read_spans(path)[:limit]
    texts, offs = [], []
    for s in sents:
        text, offsets = detokenize(s.tokens)
        texts.append(text)
        offs.append(offsets)
    t0 = time.perf_counter()
    counts = {lab: [0, 0, 0] for lab in LABELS}
    for s, offsets, (doc, events) in zip(sents, offs, _docs_events(texts, options),
                                         strict=True):
        pred = set()
        for label, span in sentence_spans(doc, events, statements=statements):
            toks = _to_tokens(span, offsets)
            if toks is not None:
                pred.add((label, *toks))
        for lab in LABELS:
            g = {x for x in s.gold if x[0] == lab}
            p = {x for x in pred if x[0] == lab}
            counts[lab][0] += len(g & p)
            counts[lab][1] += len(p - g)
            counts[lab][2] += len(g - p)
    seconds = time.perf_counter() - t0
    out: dict = {"sentences": len(sents)}
    for lab in LABELS:
        out[lab] = _prf(*counts[lab])
    tot = [sum(counts[lab][k] for lab in LABELS) for k in range(3)]
    out["all"] = _prf(*tot)
    out["sentences_per_second"] = len(sents) / seconds if seconds else 0.0
    return out
