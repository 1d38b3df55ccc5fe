"""Find quoted regions from quotation marks alone, before and independent of the parse.

Typography decides here, not grammar: straight, curly, single, low-9 and guillemet marks;
quotes that run over several paragraphs (the opening mark repeated at each new paragraph,
no closing mark at the end of the earlier ones); apostrophes that look like closing single
marks. An opening mark that is never closed ends at its paragraph and is dropped, so it
cannot swallow the rest of the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# family -> (openers, closers); a straight mark is both, decided by its neighbours.
_DOUBLE_OPEN = "“„‟«〝"
_DOUBLE_CLOSE = "”»〞‟"
_SINGLE_OPEN = "‘‹‚"
_SINGLE_CLOSE = "’›"
_STRAIGHT = {'"': "double", "'": "single"}
_OPEN_FAMILY = {c: "double" for c in _DOUBLE_OPEN} | {c: "single" for c in _SINGLE_OPEN}
_CLOSE_FAMILY = {c: "double" for c in _DOUBLE_CLOSE} | {c: "single" for c in _SINGLE_CLOSE}
_BEFORE_OPEN = set(" \t\n\r([{—–-:;,/") | set(_DOUBLE_OPEN) | set(_SINGLE_OPEN) | {'"', "'"}
_AFTER_CLOSE = set(" \t\n\r)]}—–-.,;:!?…/") | set(_DOUBLE_CLOSE) | set(_SINGLE_CLOSE) | {'"', "'"}

#: every character :func:`_opens` may take for an opening mark
_MARK = re.compile("[" + re.escape("".join(sorted(set(_DOUBLE_CLOSE) | set(_OPEN_FAMILY)
                                                  | set(_STRAIGHT)))) + "]")

#: longest stretch a single-quoted region may run: single marks are rare for long speech
#: outside British style, and an apostrophe misread as an opener must not run far.
MAX_SINGLE = 600


@dataclass(frozen=True, slots=True)
class Region:
    """A top-level quoted region: ``start``/``end`` include the marks; ``inner`` excludes them."""

    start: int
    end: int
    family: str
    paragraphs: int = 1

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + 1, self.end - 1


def _can_open(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before in _BEFORE_OPEN) and not after.isspace()


def _can_close(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and (after in _AFTER_CLOSE or not after.isalnum())


def _is_apostrophe(text: str, i: int) -> bool:
    """’ or ' between letters (don't, Trump’s) or after s/digit before space (allies’ ,'90s)."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isalnum() and after.isalnum():
        return True
    return after.isdigit() and before.isspace()


def _opens(text: str, i: int) -> str | None:
    c = text[i]
    if c in _DOUBLE_CLOSE and c not in _OPEN_FAMILY and _can_open(text, i) \
            and not _can_close(text, i) and (i + 1 < len(text) and text[i + 1].isalnum()):
        return "double"  # a typo'd ” at the start of a quote still opens it
    if c in _OPEN_FAMILY:
        if c == "‚" and not _can_open(text, i):
            return None
        return _OPEN_FAMILY[c]
    if c in _STRAIGHT and _can_open(text, i) and not _is_apostrophe(text, i):
        return _STRAIGHT[c]
    return None


def _closes(text: str, i: int, family: str) -> bool:
    c = text[i]
    if family == "double":
        if c in _DOUBLE_CLOSE:
            return True
        return c == '"' and (_can_close(text, i) or not _can_open(text, i))
    if c in _SINGLE_CLOSE or c == "'":
        return _can_close(text, i) and not _is_apostrophe(text, i)
    return False


def _paragraph_end(text: str, i: int) -> int:
    j = text.find("\n", i)
    return len(text) if j < 0 else j


def _next_paragraph_start(text: str, i: int) -> int:
    """Index of the first non-space character after the newline at ``i``."""
    n = len(text)
    while i < n and text[i].isspace():
        i += 1
    return i


def find_regions(text: str) -> list[Region]:
    """Top-level quoted regions in reading order; nested marks belong to their outer region."""
    regions: list[Region] = []
    n = len(text)
    i = 0
    while i < n:
        m = _MARK.search(text, i)  # only a mark can open a region
        if m is None:
            break
        i = m.start()
        family = _opens(text, i)
        if family is None:
            i += 1
            continue
        start = i
        j = i + 1
        paragraphs = 1
        end = -1
        limit = start + MAX_SINGLE if family == "single" else n
        while j < n and j < limit:
            c = text[j]
            if c == "\n":
                # A quote continues into the next paragraph only when that paragraph opens
                # with a mark of the same family (news convention for long quotes).
                k = _next_paragraph_start(text, j)
                if k < n and _opens(text, k) == family and family == "double":
                    paragraphs += 1
                    j = k + 1
                    continue
                break
            if _closes(text, j, family) and j > start + 1:
                end = j + 1
                break
            j += 1
        if end >= 0 and family == "single" and sum(c.isalnum() for c in text[start:end]) < 2:
            end = -1  # 'n' in "rock 'n' roll": an elision, not a quote
        if end < 0:
            # Unmatched opener: skip this mark only, keep scanning just after it.
            i = start + 1
            continue
        regions.append(Region(start, end, family, paragraphs))
        i = end
    return regions


def quoted_mask(text: str, regions: list[Region] | None = None) -> bytearray:
    """One byte per character: 1 inside a quoted region (marks included), else 0."""
    mask = bytearray(len(text))
    for r in regions if regions is not None else find_regions(text):
        mask[r.start : r.end] = b"\x01" * (r.end - r.start)
    return mask
