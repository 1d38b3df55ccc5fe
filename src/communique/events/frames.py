"""Frames: a verbal act whose content is another event absorbs it ("agreed to withdraw"
is AGREE, "called for sanctions" is REQUEST), purpose clauses lend a recipient, a noun
that is part of a verb's pattern is no second event, and "X said Y must ..." is a demand."""

from __future__ import annotations

from spacy.tokens import Token

from ..parsed import tokens
from . import syntax as sx
from .candidate import Candidate
from .lexicon import QUAD
from .policy import PURPOSE_OF, PURPOSE_TYPES, REQUEST_MODE, THREAT_MODE
from .resolve import Coder
from .take import _take

COERCE_THREAT = {"arrest": "arrest", "deport": "expel"}
DEMAND_MODALS = {"must", "should"}


def _absorb(c: Coder, cands: list[Candidate]) -> None:
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



#: verbs whose subject is what an event noun after "under" befalls ("civilians LIVING
#: under a blockade", "the enclave SHRINKS under airstrikes", "a democracy IS under attack")
UNDER_TYPES = {"ASSAULT", "COERCE"}


def _under(c: Coder, cands: list[Candidate]) -> None:
    """A nominal attack or siege after "under" with no recipient is directed at the subject
    of the verb the phrase hangs on: "civilians living under a blockade imposed by X",
    "the enclave shrinks under airstrikes", "a democracy is under attack"."""
    for k in cands:
        tok = k.tok
        if tok.dep_ == "acl" and tok.head.pos_ == "NOUN":
            tok = tok.head  # "under a blockade IMPOSED by X"
        if k.dropped or k.type not in UNDER_TYPES or tok.pos_ != "NOUN" or \
                set(k.recipients) - set(k.actors):
            continue
        prep = tok.head
        if tok.dep_ != "pobj" or prep.lower_ != "under" or prep.head.pos_ not in ("VERB", "AUX"):
            continue
        subj = next((s for s in prep.head.children if s.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.pos_ == "PRON" and subj.lower_ in ("it", "there", "this"):
            continue
        if _take(c, k, [subj], "recipient", f"subject of '{prep.head.text}' under the event"):
            k.recipients = [r for r in k.recipients if r not in k.actors]


def _shared_object(c: Coder, cands: list[Candidate]) -> None:
    """Conjoined acts on one object: "holding captive and beheading 27 HOSTAGES and
    torturing many more" are all done to the hostages. An attack verb that
    has no object of its own (or an elided one: "many more", "holding captive") takes the
    nearest actor-like object of a verb coordinated with it."""
    for k in cands:
        tok = k.tok
        if k.dropped or k.type not in UNDER_TYPES or tok.pos_ != "VERB" or \
                set(k.recipients) - set(k.actors):
            continue
        own = next((o for o in tok.children if o.dep_ in ("dobj", "obj")), None)
        if own is not None and own.pos_ != "ADJ":
            continue  # its own object ("destroyed a monastery"); "many MORE" is elided
        others = sorted((v for v in tok.conjuncts if v.pos_ == "VERB"),
                        key=lambda v: abs(v.i - tok.i))
        for v in others:
            obj = next((o for o in v.children if o.dep_ in ("dobj", "obj")), None)
            if obj is not None and c.actor_like(obj):
                if _take(c, k, [obj], "recipient", f"object of the conjoined '{v.text}'"):
                    k.recipients = [r for r in k.recipients if r not in k.actors]
                break


def _purpose(cands: list[Candidate]) -> None:
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


def _content_of(c: Coder, k: Candidate, by_tok: dict[int, Candidate],
                by_gov: dict[int, Candidate]) -> Candidate | None:
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


def _recode_with_content(k: Candidate, content: Candidate) -> None:
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


def _consume(c: Coder, cands: list[Candidate]) -> None:
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


def _nested(cands: list[Candidate]) -> None:
    """An event inside another's argument phrase, of the same type and by the same actors,
    describes that event ("the missiles FIRED by the army struck ..."): one event."""
    live = [k for k in cands if not k.dropped]
    for k in live:
        for o in live:
            if o is k or o.type != k.type or o.dropped or set(o.actors) != set(k.actors):
                continue
            # an argument whose phrase holds the event itself ("the cell WHICH was
            # responsible for holding and torturing ...") is its antecedent, not a
            # description of another event
            if any(h.left_edge.i <= k.tok.i <= h.right_edge.i
                   and not h.left_edge.i <= o.tok.i <= h.right_edge.i for h in o.arg_nodes):
                k.dropped = True
                o.path.append(f"'{k.tok.text}' inside an argument is the same event")
                break


def _demands(c: Coder, cands: list[Candidate]) -> list[Candidate]:
    """"X said Y must/should do Z" is a demand of X on Y (REQUEST)."""
    out = []
    by_tok = {k.tok.i: k for k in cands}
    doc = c.doc
    dep = tokens(doc).dep
    for i in range(len(dep)):
        if dep[i] != "ccomp":
            continue
        tok = doc[i]
        if not c.has_role(tok.head, "report"):
            continue
        modal = next((a for a in tok.children if a.dep_ == "aux" and a.lower_ in DEMAND_MODALS),
                     None)
        if modal is None:
            continue
        sense = c.match(tok, "VERB") if c.pos_of(tok) == "VERB" else None
        if sense is not None and sense[0].type is None:
            continue  # "X must be seen as ...": an idiom or a blocked sense, no act asked
        subj_tok = next((s for s in tok.children if s.dep_ in sx.SUBJECTS), None)
        if modal.lower_ == "should" and (subj_tok is None or not c.actor_like(subj_tok)):
            continue  # "the debate should help him" is an opinion, not a demand
        if sx.is_passive(tok):
            continue  # "they should be locked up": what should befall Y, asked of no one
        subj = next((s for s in tok.children if s.dep_ in sx.SUBJECTS), None)
        if subj is None or subj.lower_ in sx.FIRST_PERSON or subj.lower_ in ("there",):
            continue
        k = Candidate(tok=modal, row=None, type="REQUEST", mode=None, cameo="10", frame="content",
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

