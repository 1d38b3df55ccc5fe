"""Trigger matching and arguments: each lexicon match becomes a :class:`Candidate` whose
actors and recipients come from the parse (subject, agent of a passive, object,
prepositional objects, possessors of nominal triggers, the subject of a support verb:
"launched an attack"). The nominal pass is in ``nounargs``, the shared resolution in
``take``."""

from __future__ import annotations

from spacy.tokens import Token

from ..parsed import tokens
from . import syntax as sx
from .candidate import Candidate
from .match import pos_at
from .nounargs import VICTIM_TYPES, _accompanying, _noun_args, _received
from .policy import (
    NOUN_RECIPIENT_PREPS,
    RECIPROCAL,
    THROUGH_OBJECT_TYPES,
    TRANSFER_TYPES,
    VERB_RECIPIENT_PREPS,
)
from .resolve import Coder
from .take import _arg_sources, _place, _source_heads, _take

#: heads that make a trigger noun before them a mere modifier ("talk show", "attack
#: helicopter"); event heads ("mediation effort", "ceasefire deal") keep it an event
NOT_EVENT_HEADS = {"show", "program", "programme", "camp", "site", "zone", "helicopter",
                   "aircraft", "jet", "ship", "vehicle", "dog", "song", "film", "movie",
                   "book", "slogan", "sign", "banner", "victim", "survivor"}
#: heads that make a compound trigger noun before them no event: actors and the above
_MODIFIED_HEADS = frozenset(sx.ACTOR_NOUNS | NOT_EVENT_HEADS)

GOAL_PREPS = {"to", "on", "against", "at", "into", "with", "toward", "towards", "upon"}


def candidates(c: Coder) -> list[Candidate]:
    out: list[Candidate] = []
    doc = c.doc
    t = tokens(doc)
    for i in range(len(t.pos)):
        pos = pos_at(t, i)
        if pos is None or (pos == "NOUN" and t.dep[i] == "compound" and (
                t.lemma[t.head[i]] in _MODIFIED_HEADS)):
            continue  # "a TALK show", "PROTEST leaders": a modifier, not an event
        tok = doc[i]
        found = c.match(tok, pos)
        if found is None:
            continue
        row, part = found
        if row.type is None:
            continue
        cand = Candidate(tok=tok, row=row, type=row.type, mode=row.mode, cameo=row.cameo,
                     frame=row.frame, pattern=f"{row.where} {row.pattern} ({row.pos.lower()})",
                     contexts=row.contexts)
        cand.path.append(f"trigger '{tok.text}' ({tok.pos_} {tok.lemma_}, {tok.dep_})")
        if pos == "NOUN":
            _noun_args(c, cand)
        else:
            _verb_args(c, cand, part)
        out.append(cand)
    return out


def _verb_args(c: Coder, cand: Candidate, part: Token | None) -> None:
    _verb_args_parse(c, cand, part)
    if cand.tok.tag_ == "VBG":
        _received(c, cand)


def _verb_args_parse(c: Coder, cand: Candidate, part: Token | None) -> None:
    tok, row = cand.tok, cand.row
    actor_src = _arg_sources(row, "actor")
    rcpt_src = _arg_sources(row, "recipient")
    if actor_src:
        for s in sorted(actor_src):
            if _take(c, cand, _source_heads(c, tok, s), "actor", s):
                break
    else:
        subj, steps = sx.subject(tok)
        cand.path.extend(steps)
        passive = sx.is_passive(tok)
        by = _pattern_passive_agent(c, tok, part)
        if by is not None:
            # "the engineer TAKEN HOSTAGE BY the militia" however the participle is parsed:
            # with the pattern's own object, a "by" actor is the agent of a passive
            cand.path.append(f"'{tok.text} {part.text} by': a passive")
            _take(c, cand, [by], "actor", "agent of passive")
        elif passive:
            agent = sx.agent_of(tok)
            if agent is not None:
                _take(c, cand, [agent], "actor", "agent of passive")
        elif subj is not None and _conjoined_patient(tok, subj):
            # "were killed in airstrikes and SHELLING": the parser's verb shares the
            # passive's subject, who suffered the act
            if cand.type in VICTIM_TYPES:
                _take(c, cand, [subj], "recipient", "subject of the conjoined passive")
        elif subj is not None:
            _take(c, cand, [subj], "actor", "subject")
        if passive and not cand.actors:
            _reduced_relative_actor(c, cand)
        _between(c, cand)
    # "fought ALONGSIDE the SDF against X": whom the actor acts alongside is an ally, a
    # co-actor, never the recipient
    allies = sx.preps(tok, ALLY_PREPS)
    if allies and cand.actors:
        _take(c, cand, allies, "actor", "ally")
    if rcpt_src:
        for s in sorted(rcpt_src):
            if _take(c, cand, _source_heads(c, tok, s), "recipient", s):
                break
        return
    # recipient: the affected entity, then the type's prepositions, then a complement's
    # subject ("called for Britain to stay")
    heads: list[tuple[list[Token], str]] = []
    dative = [p for d in sx.children(tok, ("dative",))
              for p in (sx.pobjs(d) if d.pos_ == "ADP" else [d])]
    if dative:
        heads.append((dative, "indirect object"))
    obj = sx.direct_object(tok)
    if obj is not None and part is not None and obj.i == part.i:
        # the object is a word of the pattern ("TAKEN HOSTAGE by X"): the patient is the
        # passive subject or the noun the participle modifies ("the journalist taken ...")
        obj = _patient(tok, passive=_pattern_passive_agent(c, tok, part) is not None)
    if part is not None and part.dep_ == "prep" and cand.type not in ("RETREAT",):
        pob = sx.pobjs(part)
        if pob:
            heads.append((pob, f"object of '{part.text}'"))
    goal = _transfer_goal(c, cand, obj)
    if goal:
        heads.append((goal, "goal of a transfer"))
    if obj is not None and obj is tok.head and tok.dep_ == "acl" and cand.actors:
        cand.path.append(f"'{obj.text}' is what the act imposes, its modifier the actor")
        obj = None
    if obj is not None and obj is not tok and obj.i not in {a.i for a in cand.actor_heads}:
        if _is_theme(cand, obj) or goal:
            cand.path.append(f"object '{obj.text}' is what is moved or given, not a recipient")
        else:
            # "lifted the ban ON X", "suspended aid TO X": an act acted on whose own goal
            # is named; that goal is who the event is directed at, not the act's owner
            # ("lift ITS ban on US poultry")
            inner = _object_goal(c, cand, obj)
            if inner:
                heads.append((inner, f"goal of '{obj.text}'"))
            heads.append(([obj], "object"))
    preps = VERB_RECIPIENT_PREPS.get(cand.type, set())
    p = [h for h in sx.preps(tok, preps) if not _accompanying(c, h)]
    if p:
        heads.append((p, "preposition"))
    comp = sx.complement(tok)
    if comp is not None:
        cs = [s for s in comp.children if s.dep_ in sx.SUBJECTS]
        if cs:
            heads.append((cs, "subject of the complement"))
    for hs, how in heads:
        if _take(c, cand, hs, "recipient", how):
            return
    _place(c, cand, [tok])


def _between(c: Coder, cand: Candidate) -> None:
    """"A truce agreed BETWEEN Russia and Turkey", "the ceasefire agreed last year between
    X, Y and Z": the parties of a reciprocal act are its actors, not the pact the parser
    may make the subject (or the noun the participle modifies)."""
    tok = cand.tok
    if cand.type not in RECIPROCAL:
        return
    parties = [p for p in sx.preps(tok, {"between", "among"}) if c.actor_like(p)]
    if not parties:
        return
    pact = [h for h in cand.actor_heads if not c.actor_like(h)
            and c.lex.rows(h.lemma_.lower(), "NOUN")]
    if cand.actors and len(pact) < len(cand.actor_heads):
        return  # "Russia agreed a truce between the factions": Russia agreed it
    cand.actors.clear()
    cand.actor_heads.clear()
    _take(c, cand, parties, "actor", "parties 'between'")


def _reduced_relative_actor(c: Coder, cand: Candidate) -> None:
    """"US sanctions imposed on Russia": an agentless participle on an event noun (a
    reduced relative) is done by whom the noun's possessor or state modifier names; the
    noun itself is the pattern's object, not the recipient."""
    tok = cand.tok
    head = tok.head
    if tok.dep_ != "acl" or head.pos_ != "NOUN" or not c.lex.rows(head.lemma_.lower(), "NOUN"):
        return
    for s in ("poss", "mod"):
        if _take(c, cand, _source_heads(c, head, s), "actor", f"{s} of '{head.text}'"):
            return


def _pattern_passive_agent(c: Coder, tok: Token, part: Token | None) -> Token | None:
    """The "by" actor of a verb whose object is its pattern's own word ("taken HOSTAGE BY
    the militia"): only a passive has both; None otherwise."""
    obj = sx.direct_object(tok)
    if part is None or obj is None or obj.i != part.i:
        return None
    for p in sx.preps(tok, {"by"}) + sx.preps(part, {"by"}):
        if c.actor_like(p):
            return p
    return None


def _patient(tok: Token, *, passive: bool) -> Token | None:
    """Who undergoes a passive whose object slot the pattern fills: its passive subject
    (or the subject the parser gave it), else the noun its participle modifies."""
    deps = ("nsubjpass", "nsubj") if passive else ("nsubjpass",)
    for ch in tok.children:
        if ch.dep_ in deps:
            return ch
    if tok.dep_ in ("acl", "advcl") and (passive or sx.is_passive(tok)):
        head = tok.head
        if head.pos_ in ("NOUN", "PROPN"):
            return head
        if tok.dep_ == "advcl":  # "spoke of the engineer taken hostage": the last noun
            nouns = [t for t in head.subtree if t.i < tok.i and t.pos_ in ("NOUN", "PROPN")]
            return nouns[-1] if nouns else None
    return None


def _is_theme(cand: Candidate, obj: Token) -> bool:
    """What a deployment or a withdrawal moves ("deployed TROOPS", "withdrew PEACEKEEPERS
    from Rwanda") is not who the event is directed at."""
    return cand.type == "MOBILIZE" or (cand.type == "RETREAT" and cand.mode == "withdraw")


TRANSFER_PREPS = {"to", "into"}
#: prepositions of allies: "fought ALONGSIDE X", "patrolled side by side WITH"
ALLY_PREPS = {"alongside"}
OWN_POSSESSIVES = {"its", "their", "his", "her", "our", "my"}


def _transfer_goal(c: Coder, cand: Candidate, obj: Token | None) -> list[Token]:
    """The goal of "V X to Y" when X is what is handed over: then Y is the recipient and
    X a theme. A person handed over ("released the hostages to the Red Cross") stays the
    recipient: the event is about them. The goal may hang on what a sum is in ("provided
    $3 million in funding TO LEBANON")."""
    if cand.type not in TRANSFER_TYPES or obj is None or c.person_like(obj):
        return []
    found = [p for p in sx.preps(cand.tok, TRANSFER_PREPS)
             if p.pos_ in ("NOUN", "PROPN", "PRON") and p.ent_type_ not in ("MONEY", "DATE")]
    if not found and (obj.ent_type_ == "MONEY" or obj.pos_ == "NUM"):
        for inner in sx.preps(obj, {"in", "of"}):
            found += [p for p in sx.preps(inner, TRANSFER_PREPS)
                      if p.pos_ in ("NOUN", "PROPN", "PRON")]
    if not found:
        # the parser may hang the goal on a word inside what is handed over ("handed back
        # crates of DOCUMENTS to Chile", "a medal STAMPED with a crest to the veterans'
        # league"): the last one is the goal, unless the object has a goal of its own
        # ("lifted sanctions ON two banks linked to X")
        own = [ch for ch in obj.children if ch.dep_ == "prep" and ch.lower_ != "of" and
               ch.lower_ in GOAL_PREPS | NOUN_RECIPIENT_PREPS.get(cand.type, set())]
        found = [p for t in (own or obj.subtree) if t.dep_ == "prep"
                 and t.lower_ in TRANSFER_PREPS and t.i > obj.i for p in sx.pobjs(t)
                 if c.actor_like(p) or c.label(p) in ("GPE", "LOC")][-1:]
    if not found and cand.type in ("RETREAT", "CONCEDE"):
        # "return weapons (they) seized FROM THE ARMY": given back to whom it was taken from
        for cl in obj.children:
            if cl.dep_ in ("acl", "relcl"):
                found += [p for p in sx.preps(cl, {"from"}) if c.actor_like(p)]
    return found


def _object_goal(c: Coder, cand: Candidate, obj: Token) -> list[Token]:
    """The goal inside a thing acted on ("lift the ban ON Iran", "lift ITS ban on US
    poultry", "suspended aid TO Pakistan"), when the thing names no actor of its own: an
    offer or request by someone else ("rejected May's offer on citizens' rights") is
    directed at its author, which the object itself gives."""
    if cand.type not in THROUGH_OBJECT_TYPES or obj.pos_ != "NOUN" or c.actor_like(obj):
        return []
    if any((ch.dep_ == "poss" and ch.lower_ not in OWN_POSSESSIVES)
           or (ch.dep_ == "prep" and ch.lower_ in ("by", "from")) for ch in obj.children):
        return []
    # "cut trade and defence ties WITH MALI": the goal of any conjunct
    return [p for q in sx.conjuncts(obj) for p in sx.preps(q, GOAL_PREPS)]


def _conjoined_patient(tok: Token, subj: Token) -> bool:
    """A gerund or participle conjoined with a passive whose subject it borrows: the
    subject is the passive's patient, not the gerund's actor ("were killed in airstrikes
    and SHELLING", "would be put on trial and IMPRISONED")."""
    head = tok.head
    if tok.tag_ == "VBD" and sx.has_child(tok, ("dobj", "obj")):
        return False  # "was attacked and killed five": an active verb
    return tok.dep_ == "conj" and tok.tag_ in ("VBG", "VBN", "VBD") and \
        sx.is_passive(head) and subj.head.i == head.i and subj.dep_ == "nsubjpass"
