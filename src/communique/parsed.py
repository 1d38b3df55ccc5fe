"""Facts about a parsed text that the stages read many times, computed once per ``Doc``.

spaCy computes some properties afresh on every access: ``doc.text`` joins every token,
``token.sent`` scans for the sentence's bounds, and every ``doc[i]`` builds a new Python
object. The stages read these over and over (for each cue, candidate and argument), so
this module keeps them per ``Doc``, in a weak map: a fact lives as long as its parse.

The parse must not change after the first read (the stages never retokenize or reset
entities; the pipeline's own components run before any stage). The facts never hold
the ``Doc`` itself, or the weak map would keep every parse alive.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

_FACTS: weakref.WeakKeyDictionary[Doc, Parsed] = weakref.WeakKeyDictionary()


@dataclass(slots=True)
class Parsed:
    """One parse's cached facts (built lazily: a stage pays only for what it reads)."""

    text: str | None = None
    sent_bounds: tuple[list[int], list[int]] | None = None
    extra: dict = field(default_factory=dict)  # stage-owned per-doc tables, by name


def parsed(doc: Doc) -> Parsed:
    """The cached facts of ``doc`` (created on first use)."""
    p = _FACTS.get(doc)
    if p is None:
        p = _FACTS[doc] = Parsed()
    return p


def text_of(doc: Doc) -> str:
    """``doc.text``, joined once per parse."""
    p = parsed(doc)
    if p.text is None:
        p.text = doc.text
    return p.text


def sent_bounds(doc: Doc) -> tuple[list[int], list[int]]:
    """Per token, the start and the end (exclusive) of its sentence."""
    p = parsed(doc)
    if p.sent_bounds is None:
        n = len(doc)
        starts, ends = [0] * n, [0] * n
        for sent in doc.sents:
            s, e = sent.start, sent.end
            starts[s:e] = [s] * (e - s)
            ends[s:e] = [e] * (e - s)
        p.sent_bounds = starts, ends
    return p.sent_bounds
