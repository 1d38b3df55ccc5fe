"""Actor and recipient phrase spans of events, which only the evaluation reads (the CAMEO
span file scores them); the production path never runs this module
(``find_events(..., spans=True)`` does)."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from . import syntax as sx
from .arguments import GOAL_PREPS, _is_theme
from .candidate import Candidate, EventDraft
from .policy import (
    JOINT_TYPES,
    OUTER_SPANS,
    PATIENT_TYPES,
    PLACE_SPAN_TYPES,
    SCENE_TYPES,
)
from .resolve import Coder, _condition


def _goal_heads(k: Candidate, bare_object: bool = True) -> list[Token]:
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



#: what two parties make together: "signed an AGREEMENT with", "reached a DEAL with"
AGREEMENT_NOUNS = {"agreement", "deal", "accord", "treaty", "pact", "memorandum", "contract",
                   "truce", "protocol", "convention"}


def _with_party(k: Candidate) -> list[Token]:
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


def _joint(k: Candidate) -> Token | None:
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


def _mobilized_against(k: Candidate) -> list[Token]:
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


def _in_pattern(k: Candidate, obj: Token) -> bool:
    """The object is part of the trigger's own pattern ("stopped WORK", "called off THE
    STRIKE", "lifted THE CURFEW"): a predicate, not whom the act is directed at."""
    if k.row is None or obj.head != k.tok:
        return False
    vals = k.row.cond("obj") or frozenset()
    return obj.lemma_.lower() in vals or obj.lower_ in vals


def _span_recipients(k: Candidate, depth: int = 0) -> list[Token]:
    """Where an event without an actor recipient is directed, for its recipient spans: the
    phrase it acts on (types that affect a thing: "vetoed THE RESOLUTION"; not the measure
    of the trigger's own pattern: "imposed a blockade ON THE PORTS"), else its goal,
    else what the event it absorbed is directed at ("agreed to lift the ban on US
    POULTRY", "threatened to shell THE TREE")."""
    heads = ([h for h in k.notes.unresolved.get("recipient", []) if not _in_pattern(k, h)]
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


#: nouns of a deployment, located where it operates (they can act, but a contribution to
#: one goes to the place)
DEPLOYMENT_NOUNS = {"force", "mission", "operation", "contingent", "presence"}
LOCATIVE_PREPS = {"in", "throughout", "across", "inside"}


def _located(c: Coder, h: Token, depth: int = 0) -> Token | None:
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


def _placeish(c: Coder, p: Token, depth: int = 0) -> bool:
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


def _aided_place(c: Coder, tok: Token) -> Token | None:
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



def _located_heads(c: Coder, k: Candidate, heads: list[Token]) -> list[Token]:
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




def _scene(c: Coder, k: Candidate, actor_heads: list[Token]) -> Token | None:
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



def add_spans(c: Coder, k: Candidate, ev: EventDraft) -> None:
    """The event's actor and recipient phrase spans (and whether they are the two sides of
    one reciprocal act), from the candidate's argument heads and span notes."""
    doc = c.doc
    reciprocal_heads = k.notes.reciprocal_heads
    if reciprocal_heads is None:
        reciprocal_heads = _with_party(k)
    # a recipient that is the actor itself ("opened ITS borders") is no recipient
    k.recipient_heads = [h for h in k.recipient_heads if not (
        k.head_ids.get(h.i) and set(k.head_ids[h.i]) <= set(k.actors))]
    if k.type in OUTER_SPANS:
        k.recipient_heads = list(dict.fromkeys(k.notes.outer.get(h.i, h)
                                               for h in k.recipient_heads))
        hit = [h for h in k.notes.unresolved.get("recipient", [])
               if h.pos_ in ("NOUN", "PROPN")]
        if k.notes.placed and hit and k.recipient_heads:
            # "stormed THE MOSQUE IN MOSUL": what was hit, with the place the parser
            # hung on the verb, is the recipient phrase; the place stays the record's
            # recipient
            place = k.recipient_heads[0]
            k.recipient_heads = hit
            k.notes.span_to = place.head if place.head.i > hit[0].i else None
    actor_heads = k.actor_heads or k.notes.unresolved.get("actor", [])
    recipient_heads = k.recipient_heads or _span_recipients(k)
    if k.type in PLACE_SPAN_TYPES:
        recipient_heads = _located_heads(c, k, recipient_heads)
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
    if k.notes.span_to is not None and len(rec_spans) == 1:
        rec_spans = _extend_to(doc, rec_spans[0], k.notes.span_to)
    ev.actor_spans = _span(doc, [h for h in actor_heads if h not in reciprocal_heads])
    ev.recipient_spans = rec_spans
    ev.reciprocal = bool(reciprocal_heads)
