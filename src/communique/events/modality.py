"""Modality and PLOVER recoding: negation, future and hypothetical flags from auxiliaries,
negation and governing verbs; a refused cooperation is REJECT, a future one AGREE; and the
event's depth below the sentence root."""

from __future__ import annotations

from spacy.tokens import Token

from . import syntax as sx
from .candidate import Candidate
from .lexicon import QUAD
from .policy import FUTURE_AS_AGREE, REQUEST_MODE, THREAT_MODE
from .resolve import Coder

COOPERATIVE = {t for t, q in QUAD.items() if q in (1, 2)}
#: modals whose negation says the act is refused ("could not accept")
ABILITY_MODALS = {"can", "could", "ca"}
#: material conflict announced for the future is a threat
FUTURE_AS_THREAT = {"ASSAULT", "COERCE"}


def _clause_head(c: Coder, k: Candidate) -> Token:
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

def _modality(c: Coder, k: Candidate) -> None:
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


def _own_flags(c: Coder, k: Candidate, node: Token, first: bool) -> None:
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
    if any(ch.dep_ == "neg" for ch in node.children) and any(
            ch.dep_ == "aux" and ch.lower_ in ABILITY_MODALS for ch in node.children):
        # "terms they could not accept", "we cannot agree": a refusal, not a supposition
        k.refusal = True
        k.path.append(f"refusal: '{node.text}' negated with can/could")


def _under_report(c: Coder, node: Token) -> bool:
    n = node
    for _ in range(3):
        if n.dep_ in ("ccomp",) and c.has_role(n.head, "report"):
            return True
        if n.head.i == n.i:
            return False
        n = n.head
    return False


def _recode(k: Candidate) -> None:
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
    elif k.future and not (k.negated or k.hypothetical) and k.type in FUTURE_AS_THREAT:
        # "Turkey will launch an offensive against X": a stated intent to use force is a
        # threat (PLOVER THREATEN; CAMEO 13), not yet the act
        k.path.append(f"future {k.type} -> THREATEN")
        k.recoded_from = k.type
        k.type, k.mode, k.cameo = "THREATEN", THREAT_MODE.get(k.type), "13"
        k.future = False



def _depth(c: Coder, k: Candidate) -> int:
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
        elif node.dep_ == "xcomp" and c.has_role(head, "act"):  # "decided TO LIFT"
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

