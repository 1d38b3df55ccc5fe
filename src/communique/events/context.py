"""Article context for event arguments the sentence leaves open (docs/events.md).

Rules over the events of one article, after the sentence-level coder (a common-noun
group's country from the article, "the rebels" in an article about Syria, is an actor
fact: ``actors/context.py``, ``local_countries``):

* a conflictual event with an actor but no recipient ("Erdogan has threatened to push
  deeper") takes the recipients of the article's most recent earlier event of a type
  flagged ``inherit`` (``data/type_policy.csv``) by the same actor, or when there is
  none, of the first later one.
* a nominal event of such a type with no actor in its sentence, the subject of a verb
  saying it goes on (``data/ongoing.csv``: "clashes continued", "fighting raged"), takes
  the sides of the article's most recent earlier event of its type.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from .candidate import EventDraft
from .plover import _rows
from .policy import INHERIT_TYPES
from .resolve import Coder


def _placed(c: Coder, cid: int) -> bool:
    cl = c.index.clusters[c.index.canonical(cid)]
    return bool(cl.country) and cl.kind != "location"


def inherit(c: Coder, events: list[EventDraft]) -> None:
    """An event of an ``inherit`` type with actors and no recipient takes the recipients of
    the latest earlier event of such a type whose actors it shares (by cluster or
    country); with no such earlier event, of the first later one."""
    def countries(ids: list[int]) -> set[str]:
        out = set()
        for i in ids:
            cl = c.index.clusters[c.index.canonical(i)]
            if cl.country:
                out.add(cl.country)
        return out

    def take(ev: EventDraft, prev: EventDraft, mine: set[int], own: set[str]) -> bool:
        got = [r for r in prev.recipients if c.index.canonical(r) not in mine
               and _placed(c, r) and (not (countries([r]) & own)
                                      or _civil_war(c, ev.actors, r))]
        if got:
            ev.recipients = got
            where = "earlier" if prev.trigger < ev.trigger else "later"
            ev.path.append(f"context: recipient of the article's {where} "
                           f"{prev.type} by the same actor")
        return bool(got)

    def shares(mine: set[int], own: set[str], prev: EventDraft) -> bool:
        theirs = {c.index.canonical(a) for a in prev.actors}
        return bool(mine & theirs or own & countries(prev.actors))

    sided = [ev for ev in events if ev.type in INHERIT_TYPES and ev.actors
             and ev.recipients]
    history: list[EventDraft] = []
    for ev in events:  # in text order
        if ev.type not in INHERIT_TYPES:
            continue
        if ev.actors and not ev.recipients and not ev.negated:
            mine = {c.index.canonical(a) for a in ev.actors}
            own = countries(ev.actors)
            prev = next((p for p in reversed(history) if shares(mine, own, p)), None)
            if prev is not None:
                take(ev, prev, mine, own)
            else:  # none earlier: the first later one ("a Turkish incursion" ahead of
                # the offensive the article goes on to report)
                nxt = next((p for p in sided if p.trigger > ev.trigger
                            and shares(mine, own, p)), None)
                if nxt is not None:
                    take(ev, nxt, mine, own)
        if ev.actors and ev.recipients:
            history.append(ev)


#: sectors of a state's own forces, and of those they fight or besiege at home
STATE_SECTORS = {"GOV", "MIL", "COP", "SPY"}
HOME_TARGETS = {"CVL", "REB"}


def _civil_war(c: Coder, actors: list[int], rcpt: int) -> bool:
    """A same-country recipient a state's side may act on: its civilians or rebels
    (a siege of one's own towns, a government offensive on rebels)."""
    def sector(i: int) -> str | None:
        return c.index.clusters[c.index.canonical(i)].sector

    return sector(rcpt) in HOME_TARGETS and any(
        sector(a) in STATE_SECTORS or c.index.clusters[c.index.canonical(a)].kind ==
        "country" for a in actors)


def orphan_noun(tok: Token, ev: EventDraft) -> bool:
    """A nominal trigger of an ``inherit`` type whose sentence names no actor for it: a
    candidate for ``adopt``."""
    if tok.pos_ != "NOUN" or ev.type not in INHERIT_TYPES or ev.actors:
        return False
    head = tok.head
    return tok.dep_ in ("nsubj", "nsubjpass") and head.pos_ in ("VERB", "AUX") and \
        head.lemma_.lower() in ongoing() and \
        (head.lemma_.lower() != "go" or any(ch.lower_ == "on" for ch in head.children))


@cache
def ongoing() -> frozenset[str]:
    return frozenset(r["lemma"].strip().lower() for r in _rows("ongoing.csv"))


def adopt(c: Coder, events: list[EventDraft],
          orphans: list[EventDraft]) -> list[EventDraft]:
    """Events with orphans merged in (text order): each orphan takes the actors, and when it
    has none the recipients, of the latest earlier event of its type; an orphan with
    recipients only when that event's recipients share one of them (cluster or country).
    Orphans with no such event are dropped."""
    if not orphans:
        return events

    def keys(ids: list[int]) -> set:
        out: set = set()
        for i in ids:
            k = c.index.canonical(i)
            out.add(k)
            if c.index.clusters[k].country:
                out.add(c.index.clusters[k].country)
        return out

    merged = sorted(events + orphans, key=lambda e: e.trigger)
    kept: list[EventDraft] = []
    adopted = {id(o) for o in orphans}
    for ev in merged:
        if id(ev) not in adopted:
            kept.append(ev)
            continue
        for prev in reversed(kept):
            if prev.type != ev.type or not prev.actors or id(prev) in adopted:
                continue
            if ev.recipients and not keys(ev.recipients) & keys(prev.recipients):
                break
            ev.actors = list(prev.actors)
            if not ev.recipients:
                ev.recipients = list(prev.recipients)
            ev.recipients = [r for r in ev.recipients if r not in ev.actors]
            ev.path.append(f"context: sides of the article's earlier {prev.type}")
            kept.append(ev)
            break
    return kept


#: types whose countryless victims are placed where the event happens (material acts on
#: people: "Saddam's attack on Kurds in Halabja", "83 people were killed by Isis in Homs")
PLACED_VICTIM_TYPES = frozenset({"ASSAULT", "COERCE", "AID", "THREATEN"})


def _unplaced_group(c: Coder, cid: int) -> bool:
    if cid < 0 or cid >= len(c.index.clusters):
        return False
    cl = c.index.clusters[c.index.canonical(cid)]
    return not cl.country and cl.kind in ("group", "other") and not cl.wikidata and \
        cl.sector in (None, "CVL")


#: prepositions of a place where something happens ("in northern Syria")
LOCATIVE = {"in", "inside", "across", "throughout", "within", "into", "near"}


def _locative(tok: Token) -> bool:
    """A country named as a place: the object of "in" ("in Syria"), also through "of"
    ("in other parts of Syria", "in the north of Syria")."""
    node = tok
    for _ in range(3):
        if node.dep_ != "pobj" or node.head.dep_ not in ("prep", "agent"):
            return False
        prep = node.head
        if prep.lower_ in LOCATIVE:
            return True
        if prep.lower_ != "of":
            return False
        node = prep.head
    return False


def _place_countries(c: Coder, start: int, end: int) -> set[str]:
    out = set()
    for i in range(start, end):
        m = c.index.mention_at(c.doc[i])
        if m is None or m.actor < 0:
            continue
        cl = c.index.clusters[c.index.canonical(m.actor)]
        if not cl.country or cl.country in ("IGO", "IMG", "NGO"):
            continue
        if cl.kind == "location" or (cl.kind == "country" and _locative(c.doc[i])):
            out.add(cl.country)
    return out


def place_victims(c: Coder, tok: Token, ev: EventDraft, heads: list[Token]) -> None:
    """A countryless group on the receiving end of a material act (``PLACED_VICTIM_TYPES``)
    takes the country of the place it is in: a place inside its own phrase ("Kurds IN
    HALABJA", "QARYATAIN's inhabitants") or the trigger's ("the attack ... in northern
    SYRIA"), else the sentence's when all its places are in one country."""
    if ev.type not in PLACED_VICTIM_TYPES or ev.negated or ev.hypothetical:
        return
    todo = [r for r in ev.recipients if _unplaced_group(c, r)]
    if not todo:
        return
    found: set[str] = set()
    for h in heads:
        found |= _place_countries(c, h.left_edge.i, h.right_edge.i + 1)
    if not found:
        found = _place_countries(c, tok.left_edge.i, tok.right_edge.i + 1)
    if not found:
        found = _place_countries(c, tok.sent.start, tok.sent.end)
    if len(found) != 1:
        return
    country = found.pop()
    for r in todo:
        cl = c.index.clusters[c.index.canonical(r)]
        cl.country, cl.guessed = country, True
    ev.path.append(f"context: countryless victims placed in {country}")
