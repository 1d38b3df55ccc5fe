"""Fixtures for the event stage: events of a text as plain dicts with actor names."""

from __future__ import annotations

import pytest


def _events(text: str, **options) -> list[dict]:
    from communique import Options, analyze

    a = analyze(text, options=Options(**options) if options else None)
    names = {x.id: x.name for x in a.actors}
    out = []
    for e in a.events:
        d = e.to_dict()
        d["actors"] = [names[i] for i in e.actors]
        d["recipients"] = [names[i] for i in e.recipients]
        d["trigger"] = e.trigger.text if e.trigger else None
        out.append(d)
    return out


@pytest.fixture(scope="module")
def events():
    """``events(text, **options)``: the record's events, actors and recipients as names."""
    from communique.nlp import load

    load()  # the one spaCy load, before the first timed call
    return _events


def _one(evs: list[dict], type_: str) -> dict:
    hits = [e for e in evs if e["type"] == type_]
    assert len(hits) == 1, evs
    return hits[0]


@pytest.fixture(scope="session")
def one():
    """``one(events, TYPE)``: the single event of a type (fails, listing them, otherwise)."""
    return _one
