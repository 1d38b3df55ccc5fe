"""Arguments of nominal triggers: possessors, "by"/"from"/"of" agents, state modifiers,
the subject of a support verb ("launched an attack", "held talks with"), the receiver of
"received backing from", the victims of a passive an attack noun is in."""

from __future__ import annotations

from spacy.tokens import Token

from . import syntax as sx
from .candidate import Candidate
from .match import governing_verb
from .policy import NOUN_RECIPIENT_PREPS, RECIPROCAL
from .resolve import Coder
from .take import _arg_sources, _place, _source_heads, _take

#: generic heads whose event modifier is the event: "a mediation EFFORT", "a ceasefire
#: INITIATIVE"; their support verb is the event's
EVENT_HEADS = {"effort", "initiative", "bid", "process", "attempt", "plan", "proposal"}
#: nouns that stand for a series of events: "a round OF talks", "a wave OF arrests"
COLLECTIVE_NOUNS = {"round", "series", "wave", "spate", "set", "string", "number", "day",
                    "week", "campaign"}


#: event nouns whose "of" phrase is the giver when the noun is how something was done:
#: "retook the town WITH THE BACKING OF Russian forces"
ACCOMPANIMENT_TYPES = {"SUPPORT", "AID"}


def _accompaniment(c: Coder, cand: Candidate) -> bool:
    """"(X) retook the town with the backing / help of Y": Y gives, X receives. True when
    the construction gave the actor."""
    tok = cand.tok
    if cand.type not in ACCOMPANIMENT_TYPES or tok.dep_ != "pobj" or \
            tok.head.lower_ != "with" or tok.head.head.pos_ not in ("VERB", "AUX"):
        return False
    if not _take(c, cand, sx.preps(tok, {"of"}), "actor", "'with the ... of'"):
        return False
    verb = tok.head.head
    doer = sx.agent_of(verb) if sx.is_passive(verb) else sx.subject(verb)[0]
    if doer is not None:
        _take(c, cand, [doer], "recipient", f"who '{verb.text}' with it")
    return True


def _accompanying(c: Coder, noun: Token) -> bool:
    """"with the backing of Y" is how an act was done, not whom it was done with."""
    return noun.head.lower_ == "with" and bool(sx.preps(noun, {"of"})) and any(
        r.type in ACCOMPANIMENT_TYPES for r in c.lex.rows(noun.lemma_.lower(), "NOUN"))


def _noun_args(c: Coder, cand: Candidate) -> None:
    tok, row = cand.tok, cand.row
    actor_src = _arg_sources(row, "actor")
    rcpt_src = _arg_sources(row, "recipient")
    if actor_src:
        for s in ("poss", "prep:by", "agent", "prep:of", "mod", "subj", "obj"):
            if s in actor_src and _take(c, cand, _source_heads(c, tok, s), "actor", s):
                break
    else:
        # "threats FROM Israeli officials": "from" gives the actor unless it is where the
        # type's recipient is ("withdrawal from Syria")
        sources = ["poss", "prep:by", "mod", "of-agent"]
        if "from" not in NOUN_RECIPIENT_PREPS.get(cand.type, set()):
            sources.append("prep:from")
        for s in sources:
            if _take(c, cand, _source_heads(c, tok, s), "actor", s):
                break
        else:
            if _accompaniment(c, cand):
                _received(c, cand)
                return
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
        victim = _victim(c, cand)
        if victim is not None:
            _take(c, cand, [victim], "recipient", "subject of the passive it is in")
        p = [h for h in sx.preps(tok, preps) if h not in cand.actor_heads]
        if not p:
            p = _after_agent(cand, preps)
        if not p and cand.actor_heads and "of" not in preps:
            # "Trump's backing OF the prince": with its actor named, the "of" object of an
            # act is whom it is aimed at
            p = [h for h in sx.preps(tok, {"of"}) if h not in cand.actor_heads
                 and c.actor_like(h)]
        if not cand.recipients:
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
        gov, how = _support_verb(c, tok)
        if how == "receive" and gov is not None and not cand.recipients:
            # "X received threats from Y": the receiver is the recipient, not the actor
            subj, _ = sx.subject(gov)
            if subj is not None and subj not in cand.actor_heads:
                cand.governor = gov
                _take(c, cand, [subj], "recipient", f"subject of '{gov.text}'")
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


#: material types whose nominal trigger inside a passive ("killed IN an airstrike") acts
#: on that passive's subject
VICTIM_TYPES = {"ASSAULT", "COERCE"}


def _victim(c: Coder, cand: Candidate) -> Token | None:
    """"The commander was killed IN A DRONE STRIKE", "wounded BY shelling": a nominal attack
    in a passive's "in"/"by" phrase is directed at the passive's subject."""
    tok = cand.tok
    while tok.dep_ == "conj" and tok.head.pos_ == "NOUN":  # "in airstrikes and SHELLING"
        tok = tok.head
    if cand.type not in VICTIM_TYPES or tok.dep_ != "pobj" or tok.head.lower_ not in (
            "in", "by", "during"):
        return None
    verb = tok.head.head
    if verb.pos_ != "VERB" or not sx.is_passive(verb):
        return None
    subj = next((ch for ch in verb.children if ch.dep_ == "nsubjpass"), None)
    if subj is None and verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        subj = verb.head  # "civilians killed in the raid"
    return subj if subj is not None and c.actor_like(subj) else None


def _after_agent(cand: Candidate, preps: set[str] | frozenset[str]) -> list[Token]:
    """"Airstrikes by US forces ON regime targets": the parser hangs the target on the
    "by" agent; a target preposition there is the nominal trigger's."""
    out: list[Token] = []
    for h in cand.actor_heads:
        if h.head.dep_ in ("prep", "agent") and h.head.lower_ == "by" and h.head.head.i == \
                cand.tok.i:
            last = sx.conjuncts(h)[-1]
            for q in {h.i: h, last.i: last}.values():
                out += sx.preps(q, set(preps) & {"on", "against", "upon", "at"})
    return out


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


def _support_verb(c: Coder, tok: Token) -> tuple[Token | None, str]:
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


def _received(c: Coder, cand: Candidate) -> None:
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
