"""The event lexicon: PLOVER trigger patterns, governing verbs, contexts, modes and scores.

Data beside code (``data/*.csv``), loaded once per process. Users extend any table with
their own CSV files (``Options.event_files``); a file's header says which table it extends.
Lines starting with ``#`` are comments. See docs/events.md for the formats.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from . import plover

#: the PLOVER type table (``data/plover_types.csv``): types, quad classes, base scores
QUAD = plover.QUAD
TYPES = plover.TYPES
NEEDS_RECIPIENT = plover.NEEDS_RECIPIENT
POS = {"verb": "VERB", "noun": "NOUN", "adj": "ADJ"}
FRAMES = {"", "content"}
#: condition keys that restrict a row (the others say where arguments are found).
RESTRICT_KEYS = {"gov", "obj", "notobj", "pobj", "prep", "mod", "of", "subj", "comp", "voice",
                 "sent", "neg"}
ARG_KEYS = {"actor", "recipient", "need"}
ROLES = {"report", "light", "receive", "future", "hypothetical", "negative", "act"}


class LexiconError(ValueError):
    """A lexicon file has a row the coder cannot use."""


@dataclass(frozen=True, slots=True)
class Trigger:
    """One lexicon row: a trigger pattern and the PLOVER coding it gives when it matches."""

    lemma: str
    particle: str | None
    pos: str
    type: str | None  # None: the row blocks the pattern ("reject an accusation" is a denial)
    mode: str | None
    contexts: tuple[str, ...]
    cameo: str | None
    frame: str
    conditions: tuple[tuple[str, frozenset[str]], ...]
    pattern: str
    where: str

    def cond(self, key: str) -> frozenset[str] | None:
        for k, v in self.conditions:
            if k == key:
                return v
        return None

    @property
    def specificity(self) -> int:
        return 2 * bool(self.particle) + sum(1 for k, _ in self.conditions if k in RESTRICT_KEYS)


@dataclass(frozen=True, slots=True)
class Governor:
    lemma: str
    particle: str | None
    pos: str
    role: str


@dataclass(slots=True)
class Lexicon:
    """All event tables, indexed for per-token lookup."""

    triggers: dict[tuple[str, str], list[Trigger]] = field(default_factory=dict)
    governors: dict[tuple[str, str], list[Governor]] = field(default_factory=dict)
    context_words: dict[str, set[str]] = field(default_factory=dict)
    context_phrases: list[tuple[str, str]] = field(default_factory=list)
    modes: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    scores: dict[tuple[str, str | None], float] = field(default_factory=dict)
    private: set[str] = field(default_factory=set)  # nouns of private persons

    def rows(self, lemma: str, pos: str) -> list[Trigger]:
        return self.triggers.get((lemma, pos), [])

    def roles(self, lemma: str, pos: str) -> list[Governor]:
        return self.governors.get((lemma, pos), [])

    def score(self, type_: str, mode: str | None) -> float:
        if (type_, mode) in self.scores:
            return self.scores[(type_, mode)]
        return self.scores.get((type_, None), 0.0)

    def __len__(self) -> int:
        return sum(len(v) for v in self.triggers.values())


def _split_pattern(pattern: str, where: str) -> tuple[str, str | None]:
    words = pattern.strip().lower().split()
    if not words or len(words) > 3:
        raise LexiconError(f"{where}: pattern {pattern!r} must be a lemma and at most two "
                           "particle or preposition words")
    return words[0], " ".join(words[1:]) or None


def _conditions(text: str, where: str) -> tuple[tuple[str, frozenset[str]], ...]:
    out = []
    for part in (text or "").split(";"):
        part = part.strip()
        if not part:
            continue
        key, sep, values = part.partition("=")
        key = key.strip()
        if not sep or key not in RESTRICT_KEYS | ARG_KEYS:
            raise LexiconError(f"{where}: bad condition {part!r}")
        vals = frozenset(v.strip().lower() for v in values.split("/") if v.strip())
        if not vals:
            raise LexiconError(f"{where}: condition {key!r} has no values")
        out.append((key, vals))
    return tuple(out)


def _trigger(where: str, row: dict[str, str]) -> Trigger:
    lemma, particle = _split_pattern(row.get("pattern") or "", where)
    pos = POS.get((row.get("pos") or "").strip().lower())
    type_ = (row.get("type") or "").strip().upper()
    frame = (row.get("frame") or "").strip().lower()
    if pos is None or (type_ not in TYPES and type_ != "-") or frame not in FRAMES:
        raise LexiconError(f"{where}: bad trigger row {row!r}")
    cameo = (row.get("cameo") or "").strip() or None
    return Trigger(
        lemma=lemma, particle=particle, pos=pos, type=None if type_ == "-" else type_,
        mode=(row.get("mode") or "").strip() or None,
        contexts=tuple(c.strip() for c in (row.get("contexts") or "").split("|") if c.strip()),
        cameo=cameo.zfill(2) if cameo else None, frame=frame,
        conditions=_conditions(row.get("conditions") or "", where),
        pattern=(row.get("pattern") or "").strip(), where=where,
    )


def _read(name: str, text: str) -> tuple[list[str], list[tuple[str, dict[str, str]]]]:
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1)
             if line.strip() and not line.lstrip().startswith("#")]
    if not lines:
        return [], []
    reader = csv.reader([line for _, line in lines])
    header = [h.strip().lower() for h in next(reader)]
    rows = []
    for (n, _), values in zip(lines[1:], reader, strict=False):
        rows.append((f"{name}:{n}", dict(zip(header, values, strict=False))))
    return header, rows


def build(sources: Iterable[tuple[str, str, bool]]) -> Lexicon:
    """A lexicon from (name, CSV text, is_user_file) sources; the header picks the table."""
    lex = Lexicon()
    # base scores from the type table; a scores file's "TYPE,,score" row overrides one
    lex.scores.update({(t, None): s for t, s in plover.BASE_SCORE.items()})
    triggers: list[tuple[Trigger, bool, int]] = []
    order = 0
    for name, text, user in sources:
        header, rows = _read(name, text)
        if not header:
            continue
        cols = set(header)
        for where, row in rows:
            order += 1
            if {"pattern", "type"} <= cols:
                triggers.append((_trigger(where, row), user, order))
            elif {"pattern", "sense"} <= cols:  # an idiom or non-political sense: a block
                triggers.append((_trigger(where, {**row, "type": "-"}), user, order))
            elif {"pattern", "role"} <= cols:
                lemma, particle = _split_pattern(row.get("pattern") or "", where)
                pos = POS.get((row.get("pos") or "").strip().lower())
                role = (row.get("role") or "").strip().lower()
                if pos is None or role not in ROLES:
                    raise LexiconError(f"{where}: bad governor row {row!r}")
                lex.governors.setdefault((lemma, pos), []).append(
                    Governor(lemma, particle, pos, role))
            elif "private" in cols:
                word = (row.get("private") or "").strip().lower()
                if not word or " " in word:
                    raise LexiconError(f"{where}: bad private-person row {row!r}")
                lex.private.add(word)
            elif {"keyword", "context"} <= cols and "type" not in cols:
                kw = (row.get("keyword") or "").strip().lower()
                ctx = (row.get("context") or "").strip()
                if not kw or not ctx:
                    raise LexiconError(f"{where}: bad context row {row!r}")
                if " " in kw:
                    lex.context_phrases.append((kw, ctx))
                else:
                    lex.context_words.setdefault(kw, set()).add(ctx)
            elif {"type", "keyword", "mode"} <= cols:
                t = (row.get("type") or "").strip().upper()
                kw = (row.get("keyword") or "").strip().lower()
                mode = (row.get("mode") or "").strip()
                if t not in TYPES or not kw or not mode:
                    raise LexiconError(f"{where}: bad mode row {row!r}")
                lex.modes.setdefault(t, []).append((kw, mode))
            elif {"type", "mode", "score"} <= cols:
                t = (row.get("type") or "").strip().upper()
                try:
                    score = float(row.get("score") or "")
                except ValueError:
                    raise LexiconError(f"{where}: bad score row {row!r}") from None
                if t not in TYPES or not -10 <= score <= 10:
                    raise LexiconError(f"{where}: bad score row {row!r}")
                lex.scores[(t, (row.get("mode") or "").strip() or None)] = score
            else:
                raise LexiconError(f"{name}: unknown table (header {header})")
    # most specific rows first; at equal specificity a user's row before the packaged one
    triggers.sort(key=lambda x: (-x[0].specificity, not x[1], x[2]))
    for t, _, _ in triggers:
        lex.triggers.setdefault((t.lemma, t.pos), []).append(t)
    return lex


#: senses before triggers: at equal specificity an idiom blocks the trigger it contains
PACKAGED = ("senses.csv", "triggers.csv", "governors.csv", "contexts.csv", "modes.csv",
            "scores.csv", "private.csv")


@functools.cache
def load(extra: tuple[str, ...] = ()) -> Lexicon:
    """The packaged tables plus any user files, built once per distinct set of files."""
    data = resources.files("communique.events") / "data"
    sources = [(name, (data / name).read_text(encoding="utf-8"), False) for name in PACKAGED]
    for p in extra:
        sources.append((str(p), Path(p).read_text(encoding="utf-8"), True))
    return build(sources)
