"""Helpers shared by the actor tests."""

from __future__ import annotations


def actor(a, text):
    """The actor with a mention whose text is ``text``."""
    for x in a.actors:
        if any(m.text == text for m in x.mentions):
            return x
    raise AssertionError(f"no actor mentioned as {text!r}: {[x.name for x in a.actors]}")
