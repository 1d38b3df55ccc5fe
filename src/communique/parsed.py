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

import bisect
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
    tokens: Tokens | None = None
    extra: dict = field(default_factory=dict)  # stage-owned per-doc tables, by name


#: the last parse asked for and its facts (the stages ask for one parse many times in a
#: row; a weak map lookup builds a new weak reference each time)
_LAST: tuple[weakref.ref, Parsed] | None = None


def parsed(doc: Doc) -> Parsed:
    """The cached facts of ``doc`` (created on first use)."""
    global _LAST
    last = _LAST
    if last is not None and last[0]() is doc:
        return last[1]
    p = _FACTS.get(doc)
    if p is None:
        p = _FACTS[doc] = Parsed()
    _LAST = (weakref.ref(doc), p)
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


@dataclass(slots=True)
class Tokens:
    """The token attributes the stages read most, as plain lists by token index, read
    from the parse with one ``doc.to_array`` (a ``doc[i].pos_`` builds a Python object
    and looks the string up each time)."""

    lower: list[str]
    lemma: list[str]     # ``lemma_.lower()``
    pos: list[str]
    tag: list[str]
    dep: list[str]
    ent_type: list[str]
    head: list[int]
    is_alpha: list[bool]
    idx: list[int]
    children: list[list[int]]  # in index order, as ``token.children``
    text: list[str]
    is_punct: list[bool]
    is_space: list[bool]
    _subtrees: dict[int, list[int]] = field(default_factory=dict)

    def subtree(self, i: int) -> list[int]:
        """``[t.i for t in doc[i].subtree]``, in its order (do not change the list)."""
        tree = self._subtrees.get(i)
        if tree is None:
            tree = []
            for c in self.children[i]:
                if c > i:
                    break
                tree += self.subtree(c)
            tree.append(i)
            for c in self.children[i]:
                if c > i:
                    tree += self.subtree(c)
            self._subtrees[i] = tree
        return tree

    def end(self, i: int) -> int:
        """The character offset after token ``i``."""
        return self.idx[i] + len(self.text[i])

    def char_range(self, doc: Doc, start: int, end: int) -> tuple[int, int] | None:
        """``(span.start, span.end)`` of ``doc.char_span(start, end,
        alignment_mode="expand")``, without building the span (None where it is None)."""
        idx = self.idx
        n_chars = len(text_of(doc))
        if not idx or not 0 <= start < n_chars or not 0 < end <= n_chars:
            span = doc.char_span(start, end, alignment_mode="expand")
            return None if span is None else (span.start, span.end)
        a = bisect.bisect_right(idx, start) - 1
        b = bisect.bisect_right(idx, end - 1)
        if start == idx[a] + len(self.text[a]):
            a += 1
        if b < a:  # an empty range spaCy would refuse: let it say so
            span = doc.char_span(start, end, alignment_mode="expand")
            return None if span is None else (span.start, span.end)
        return a, b


def tokens(doc: Doc) -> Tokens:
    """The per-token attribute table of ``doc`` (built once per parse)."""
    p = parsed(doc)
    if p.tokens is None:
        p.tokens = _read_tokens(doc)
    return p.tokens


#: hash -> string of the vocabulary, for the words and labels that recur (bounded)
_STRINGS: dict[int, str] = {}


def _strings(doc: Doc, column) -> list[str]:
    cache = _STRINGS
    keys = column.tolist()
    try:
        return [cache[k] for k in keys]
    except KeyError:
        if len(cache) > 1 << 18:
            cache.clear()
        strings = doc.vocab.strings
        for k in set(keys).difference(cache):
            cache[k] = strings[k]
        return [cache[k] for k in keys]


def _read_tokens(doc: Doc) -> Tokens:
    from spacy.attrs import (
        DEP,
        ENT_TYPE,
        HEAD,
        IDX,
        IS_ALPHA,
        IS_PUNCT,
        IS_SPACE,
        LEMMA,
        LOWER,
        ORTH,
        POS,
        TAG,
    )

    n = len(doc)
    if n == 0:
        return Tokens([], [], [], [], [], [], [], [], [], [], [], [], [])
    a = doc.to_array([LOWER, LEMMA, POS, TAG, DEP, ENT_TYPE, HEAD, IS_ALPHA, IDX, ORTH,
                      IS_PUNCT, IS_SPACE])
    head = [i + int(r) for i, r in enumerate(a[:, 6].astype("int64").tolist())]
    children: list[list[int]] = [[] for _ in range(n)]
    for i, h in enumerate(head):
        if h != i:
            children[h].append(i)
    lemma_of: dict[str, str] = {}
    lemma = [lemma_of[x] if x in lemma_of else lemma_of.setdefault(x, x.lower())
             for x in _strings(doc, a[:, 1])]
    return Tokens(_strings(doc, a[:, 0]), lemma, _strings(doc, a[:, 2]),
                  _strings(doc, a[:, 3]), _strings(doc, a[:, 4]), _strings(doc, a[:, 5]),
                  head, [bool(x) for x in a[:, 7].tolist()], a[:, 8].tolist(), children,
                  _strings(doc, a[:, 9]), [bool(x) for x in a[:, 10].tolist()],
                  [bool(x) for x in a[:, 11].tolist()])
