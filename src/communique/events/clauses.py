"""Sides shared between an attack and the clause that tells how it happened.

"Dozens of civilians were killed WHEN the market WAS BOMBED by Russian jets", "five
policemen were killed AFTER their convoy was ambushed by Taliban fighters", "the market
was bombed by Russian jets, KILLING dozens": one act told twice, once with its actor (the
bombing, whose object is a place or a thing) and once with its victims (an agentless
passive, a participle whose subject is the place). The victims' act takes the actor of the
other; the other, when it names no one it was done to, takes the victims. Never when the
actor is among the victims ("was killed while he was fighting for X").
"""

from __future__ import annotations

from spacy.tokens import Token

from .candidate import Candidate

#: types of one material act told in two clauses
CLAUSE_TYPES = {"ASSAULT"}
#: subordinators of a clause that tells the occasion of the act
OCCASION_MARKS = {"when", "after", "as"}


def _occasion(sub: Token, main: Token) -> bool:
    """``sub`` is an adverbial clause of ``main`` telling how it happened: "when/after/as
    ...", or a participle with no subordinator ("..., killing dozens")."""
    if sub.dep_ != "advcl" or sub.head.i != main.i:
        return False
    marks = {ch.lower_ for ch in sub.children if ch.dep_ in ("mark", "advmod")
             and ch.i < sub.i and ch.tag_ in ("IN", "WRB")}
    if marks:
        return bool(marks & OCCASION_MARKS)
    return sub.tag_ == "VBG" and sub.i > main.i


def share_clause_sides(cands: list[Candidate]) -> None:
    by_tok = {k.tok.i: k for k in cands if not k.dropped and k.type in CLAUSE_TYPES}
    for victims in by_tok.values():
        if victims.actors or not victims.recipients or victims.tok.pos_ != "VERB":
            continue
        tok = victims.tok
        linked = [by_tok.get(tok.head.i)] if tok.dep_ == "advcl" else []
        linked += [by_tok[ch.i] for ch in tok.children if ch.i in by_tok]
        for doer in linked:
            if doer is None or doer is victims or not doer.actors or \
                    set(doer.actors) & set(victims.recipients):
                continue
            if not (_occasion(doer.tok, tok) or _occasion(tok, doer.tok)):
                continue
            victims.actors = list(doer.actors)
            victims.actor_heads = list(doer.actor_heads)
            victims.path.append(f"actor: of '{doer.tok.text}', the clause telling how it "
                                "happened")
            if not doer.recipients:
                doer.recipients = list(victims.recipients)
                doer.recipient_heads = list(victims.recipient_heads)
                doer.path.append(f"recipient: the victims of '{tok.text}'")
            break
