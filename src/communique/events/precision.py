"""Precision of an article's event arguments, after the article-context rules.

A recipient the text cannot place is dropped: a location without a country ("stations",
"Earth": where an act happened, not whom it was aimed at) and a bare adjective the parser
left as a phrase head ("with the ORWELLIAN codename"). An event whose type needs a recipient
and loses its last one is dropped too (``EventDraft.complete``), and so is a visit left
without a host.
"""

from __future__ import annotations

from .candidate import EventDraft
from .resolve import Coder

__all__ = ["clean_recipients"]


def _fragment(c: Coder, cid: int) -> bool:
    cl = c.index.clusters[c.index.canonical(cid)]
    if cl.country:
        return False
    if cl.kind == "location":
        return True
    doc = c.doc
    return bool(cl.mentions) and all(
        m.end - m.start == 1 and doc[m.start].pos_ == "ADJ" for m in cl.mentions)


def clean_recipients(c: Coder, events: list[EventDraft]) -> list[EventDraft]:
    """The events without recipients that are fragments (``_fragment``); events left
    incomplete by it are dropped."""
    out = []
    for ev in events:
        bad = [r for r in ev.recipients if _fragment(c, r)]
        if bad:
            ev.recipients = [r for r in ev.recipients if r not in bad]
            ev.path.append("precision: recipient(s) the text does not place dropped: " +
                           ", ".join(c.index.clusters[c.index.canonical(r)].name
                                     for r in bad))
            if not ev.complete or (ev.mode == "visit" and not ev.recipients):
                continue  # a visit needs a host: "refugees arriving in Europe" is none
        out.append(ev)
    return out
