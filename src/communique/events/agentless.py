"""The state behind an agentless passive act on people within it (``data/agentless.csv``).

"Tens of thousands of Turks have been detained", "two journalists were jailed in Cairo":
PLOVER codes the state as the actor of an arrest, a deportation or a conviction nobody is
said to have carried out. The state is the one country of the people acted on, else the
one country the sentence's places lie in, and the article must name it (its country
cluster); otherwise the act stays uncoded, as before.
"""

from __future__ import annotations

import functools

from . import syntax as sx
from .candidate import Candidate
from .context import _locative, _place_countries
from .plover import _rows
from .resolve import Coder

#: recipients a state detains or sentences: people and groups, not states or bodies
PEOPLE_KINDS = {"person", "group", "other"}


@functools.cache
def _acts() -> frozenset[tuple[str, str]]:
    return frozenset((r["type"], r["mode"]) for r in _rows("agentless.csv"))


def _conjoined_places(c: Coder, sent) -> set[str]:
    """Countries conjoined with a place ("in Iran AND IRAQ"), which ``_place_countries``
    does not count as places: two of them leave the state unknown."""
    out = set()
    for t in sent:
        if t.dep_ != "conj":
            continue
        first = t
        while first.dep_ == "conj":
            first = first.head
        m = c.index.mention_at(t)
        if m is None or m.actor < 0 or not _locative(first):
            continue
        cl = c.index.clusters[c.index.canonical(m.actor)]
        if cl.kind in ("country", "location") and cl.country:
            out.add(cl.country)
    return out


def agentless_state(c: Coder, k: Candidate) -> int | None:
    """The country cluster that is the actor of ``k``, or None."""
    if k.actors or (k.type, k.mode or "") not in _acts() or not sx.is_passive(k.tok) \
            or sx.agent_of(k.tok) is not None or sx.hyphen_agent(k.tok) is not None:
        return None
    if not k.recipients:
        return None
    # a negative id is a common-noun actor not made yet ("thousands of teachers")
    people = [c.index.clusters[c.index.canonical(r)] for r in k.recipients if r >= 0]
    if any(p.kind not in PEOPLE_KINDS for p in people):
        return None
    found = {p.country for p in people if p.country and p.country not in ("IGO", "IMG", "NGO")}
    if not found:
        sent = k.tok.sent
        found = _place_countries(c, sent.start, sent.end) | _conjoined_places(c, sent)
    if len(found) != 1:
        return None
    country = found.pop()
    for i, cl in enumerate(c.index.clusters):
        if cl.kind == "country" and cl.country == country and c.index.canonical(i) == i:
            k.path.append(f"actor: the state of an agentless passive on people in {country}")
            return i
    return None
