"""Trigger matching and arguments: each lexicon match becomes a :class:`Candidate` whose
actors and recipients come from the parse (subject, agent of a passive, object,
prepositional objects, possessors of nominal triggers, the subject of a support verb:
"launched an attack")."""

from __future__ import annotations

from spacy.tokens import Token

from ..parsed import tokens
from . import syntax as sx
from .candidate import Candidate
from .lexicon import Trigger
from .match import governing_verb, pos_at
from .nominal import of_agent
from .policy import (
    NOUN_RECIPIENT_PREPS,
    PLACE_TYPES,
    RECIPROCAL,
    THROUGH_OBJECT_TYPES,
    TRANSFER_TYPES,
    VERB_RECIPIENT_PREPS,
)
from .resolve import Coder

#: heads that make a trigger noun before them a mere modifier ("talk show", "attack
#: helicopter"); event heads ("mediation effort", "ceasefire deal") keep it an event
NOT_EVENT_HEADS = {"show", "program", "programme", "camp", "site", "zone", "helicopter",
                   "aircraft", "jet", "ship", "vehicle", "dog", "song", "film", "movie",
                   "book", "slogan", "sign", "banner", "victim", "survivor"}
#: generic heads whose event modifier is the event: "a mediation EFFORT", "a ceasefire
#: INITIATIVE"; their support verb is the event's
EVENT_HEADS = {"effort", "initiative", "bid", "process", "attempt", "plan", "proposal"}
#: nouns that stand for a series of events: "a round OF talks", "a wave OF arrests"
COLLECTIVE_NOUNS = {"round", "series", "wave", "spate", "set", "string", "number", "day",
                    "week", "campaign"}

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


def _conjoined_patient(tok: Token, subj: Token) -> bool:
    """A gerund or participle conjoined with a passive whose subject it borrows: the
    subject is the passive's patient, not the gerund's actor ("were killed in airstrikes
    and SHELLING", "would be put on trial and IMPRISONED")."""
    head = tok.head
    if tok.tag_ == "VBD" and sx.has_child(tok, ("dobj", "obj")):
        return False  # "was attacked and killed five": an active verb
    return tok.dep_ == "conj" and tok.tag_ in ("VBG", "VBN", "VBD") and \
        sx.is_passive(head) and subj.head.i == head.i and subj.dep_ == "nsubjpass"


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


