"""Argument resolution shared by the verbal and nominal passes: the lexicon's argument
sources (subj, obj, poss, agent, mod, of-agent, prep:X), resolving argument heads into a
candidate's actors or recipients, and the place of last resort."""

from __future__ import annotations

from spacy.tokens import Token

from . import syntax as sx
from .candidate import Candidate
from .lexicon import Trigger
from .nominal import of_agent
from .policy import PLACE_TYPES
from .resolve import Coder


def _arg_sources(row: Trigger | None, key: str) -> frozenset[str] | None:
    return row.cond(key) if row is not None else None


def _take(c: Coder, cand: Candidate, heads: list[Token], role: str, how: str) -> bool:
    """Resolve argument heads into the candidate; True when they gave actors."""
    heads = [h for h in heads if h is not None]
    if not heads:
        return False
    cand.arg_nodes.extend(h for h in heads if h not in cand.arg_nodes)
    hits: list[tuple[int, Token]] = []
    for h in heads:
        conj = sx.conjuncts(h)
        for hit in c.resolve(h, cand.path, role):
            if hit[0] not in [x[0] for x in hits]:
                hits.append(hit)
            # the argument phrase (conjunct) an actor was found in: "a fuel dump OF THE
            # RWANDAN ARMY" is the argument, the army the actor
            tok = hit[1]
            for q in conj:
                if q.left_edge.i <= tok.i <= q.right_edge.i and (
                        q is tok or not any(o is not q and o.left_edge.i <= tok.i <= o.right_edge.i
                                            and o.i > q.i for o in conj)):
                    cand.notes.outer[tok.i] = q
                    break
    ids = [i for i, _ in hits]
    target_heads = cand.actor_heads if role == "actor" else cand.recipient_heads
    target_ids = cand.actors if role == "actor" else cand.recipients
    if not ids:
        # kept aside: an argument phrase that names no actor ("a car bomb") still marks
        # where the argument is, for span scoring, if nothing better turns up
        cand.notes.unresolved.setdefault(role, list(heads))
    for i, h in hits:
        if h not in target_heads:
            target_heads.append(h)
        cand.head_ids.setdefault(h.i, []).append(i)
    for i in ids:
        if i not in target_ids:
            target_ids.append(i)
    cand.path.append(f"{role}: {how} '{heads[0].text}'" + ("" if ids else " (no actor)"))
    return bool(ids)


def _source_heads(c: Coder, tok: Token, source: str) -> list[Token]:
    """Argument heads named by a lexicon source: subj, obj, poss, agent, mod, prep:X."""
    if source == "subj":
        s, _ = sx.subject(tok)
        return [s] if s is not None else []
    if source == "obj":
        o = sx.direct_object(tok)
        return [o] if o is not None else []
    if source == "poss":
        return sx.children(tok, ("poss",))
    if source == "agent":
        a = sx.agent_of(tok)
        return [a] if a is not None else []
    if source == "mod":  # "RUSSIAN airstrikes"; the leader: "the US-led fight", "led by X"
        mods = [m for m in tok.children if m.dep_ in ("compound", "amod", "nmod")]
        mods += [n for m in mods if m.lower_ == "led" for n in m.children if n.dep_ == "npadvmod"]
        mods += [a for m in tok.children if m.dep_ == "acl" and m.lower_ == "led"  # "led by"
                 for a in [sx.agent_of(m)] if a is not None]
        return [q for m in mods if c.label(m) in sx.STATE_LABELS | {"PERSON"}
                for q in sx.conjuncts(m)]
    if source == "of-agent":  # "the attack OF THE ARMY" (events/nominal.py)
        return of_agent(c, tok)
    if source.startswith("prep:"):
        return sx.preps(tok, {source[5:]})
    return []



def _place(c: Coder, cand: Candidate, nodes: list[Token]) -> None:
    """Last resort for types that act on a place: "a curfew IN BANGKOK", "troops on alert
    IN PARIS", "a ceasefire IN IDLIB": a named place is the recipient."""
    if cand.recipients or cand.type not in PLACE_TYPES:
        return
    for node in nodes:
        places = [p for p in sx.preps(node, {"in", "at", "across", "inside"})
                  if c.label(p) in ("GPE", "LOC", "FAC")]
        if places and _take(c, cand, places[:1], "recipient", "place"):
            cand.notes.placed = True
            return
