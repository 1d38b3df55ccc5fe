"""The cue lexicon: reporting verbs and nouns, and the complements that carry what was said.

Data beside code: ``data/cues.csv`` (lemma, pos, kind, frames, source). A frame says where
the reported content sits: ``ccomp`` (a clause: "said that..."), ``xcomp`` ("urged X to..."),
``dobj`` (a nominal object: "condemned the attack"), ``prep:for`` ("called for..."), and
``clause`` for "according to" (the rest of the sentence). Users add rows with their own file.

``data/cue_classes.csv`` (lemma, pos, class, source) says what a verb or noun reports when
it is not a statement: a ``belief`` ("think", "fear") or an ``intention`` ("want",
"plan"), kept only on request; or a ``perception`` ("realise", "notice") or an ``action``
("attack", "seize"), which never cues a quote.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

FRAMES = {"ccomp", "xcomp", "dobj", "clause"}
#: what an attribution reports; the record keeps statements unless asked for more
ATTRIBUTIONS = ("statement", "belief", "intention")
#: classes of words that never cue a quote
NEVER = ("perception", "action")
CLASSES = set(ATTRIBUTIONS[1:]) | set(NEVER)


@dataclass(frozen=True, slots=True)
class Cue:
    lemma: str
    pos: str
    kind: str
    frames: frozenset[str]


class CueLexicon:
    """Cues keyed by (lemma, coarse POS); loaded once per process."""

    def __init__(self, cues: dict[tuple[str, str], Cue],
                 classes: dict[tuple[str, str], str] | None = None) -> None:
        self.classes = dict(classes or {})
        self._cues = {k: v for k, v in cues.items() if self.classes.get(k) not in NEVER}
        cues = self._cues
        self.verbs = {lemma for (lemma, pos) in cues if pos == "VERB"}
        self.nouns = {lemma for (lemma, pos) in cues if pos == "NOUN"}

    def get(self, lemma: str, pos: str) -> Cue | None:
        return self._cues.get((lemma, pos))

    def attribution(self, lemma: str, pos: str) -> str | None:
        """``statement``, ``belief`` or ``intention`` for a word that may cue an
        attribution; None for a perception or action word, which never does."""
        cls = self.classes.get((lemma, pos))
        if cls in NEVER:
            return None
        if cls is not None:
            return cls
        cue = self._cues.get((lemma, pos))
        return "belief" if cue is not None and cue.kind == "belief" else "statement"

    def __len__(self) -> int:
        return len(self._cues)

    @classmethod
    def from_rows(cls, rows: list[tuple[str, dict[str, str]]],
                  class_rows: list[tuple[str, dict[str, str]]] = ()) -> CueLexicon:
        cues: dict[tuple[str, str], Cue] = {}
        for where, row in rows:
            lemma = (row.get("lemma") or "").strip().lower()
            pos = (row.get("pos") or "").strip().upper()
            frames = {f.strip() for f in (row.get("frames") or "").split("|") if f.strip()}
            bad = [f for f in frames if f not in FRAMES and not f.startswith("prep:")]
            if not lemma or pos not in ("VERB", "NOUN", "ADP") or not frames or bad:
                raise ValueError(f"{where}: bad cue row {row!r}")
            key = (lemma, pos)
            old = cues.get(key)
            if old is not None:
                frames |= old.frames
            kind = old.kind if old else (row.get("kind") or "speech").strip()
            cues[key] = Cue(lemma, pos, kind, frozenset(frames))
        classes: dict[tuple[str, str], str] = {}
        for where, row in class_rows:
            lemma = (row.get("lemma") or "").strip().lower()
            pos = (row.get("pos") or "").strip().upper()
            kind = (row.get("class") or "").strip()
            if not lemma or pos not in ("VERB", "NOUN") or kind not in CLASSES:
                raise ValueError(f"{where}: bad cue class row {row!r}")
            classes[(lemma, pos)] = kind
        return cls(cues, classes)


def _read(path: Path | str, text: str) -> list[tuple[str, dict[str, str]]]:
    reader = csv.DictReader(text.splitlines())
    return [(f"{path}:{n}", row) for n, row in enumerate(reader, start=2)]


@functools.cache
def load(extra: tuple[str, ...] = ()) -> CueLexicon:
    """The packaged lexicon plus any user files (later rows add frames to earlier ones)."""
    data = resources.files("communique.quotes") / "data"
    rows = _read("cues.csv", (data / "cues.csv").read_text(encoding="utf-8"))
    classes = _read("cue_classes.csv", (data / "cue_classes.csv").read_text(encoding="utf-8"))
    for p in extra:
        rows += _read(p, Path(p).read_text(encoding="utf-8"))
    return CueLexicon.from_rows(rows, classes)
