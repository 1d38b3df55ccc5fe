"""Precision filters over an article's events, after the article-context rules."""

from __future__ import annotations

import os

from .candidate import EventDraft
from .resolve import Coder


def _identified(c: Coder, cid: int) -> bool:
    cl = c.index.clusters[c.index.canonical(cid)]
    return bool(cl.country or cl.sector)


def placed(c: Coder, events: list[EventDraft]) -> list[EventDraft]:
    mode = os.environ.get("EVX", "")
    if "p" not in mode:
        return events
    out = []
    for ev in events:
        if not any(_identified(c, a) for a in ev.actors + ev.recipients):
            ev.path.append("precision: no side the article places")
            continue
        out.append(ev)
    return out
