"""The cue lexicon: reporting verbs and nouns, and the complements that carry what was said.

Data beside code: ``data/cues.csv`` (lemma, pos, kind, frames, source). A frame says where
the reported content sits: ``ccomp`` (a clause: "said that..."), ``xcomp`` ("urged X to..."),
``dobj`` (a nominal object: "condemned the attack"), ``prep:for`` ("called for..."), and
``clause`` for "according to" (the rest of the sentence). Users add rows with their own file.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

FRAMES = {"ccomp", "xcomp", "dobj", "clause"}


@dataclass(frozen=True, slots=True)
class Cue:
    lemma: str
    pos: str
    kind: str
    frames: frozenset[str]


class CueLexicon:
    """Cues keyed by (lemma, coarse POS); loaded once per process."""

    def __init__(self, cues: dict[tuple[str, str], Cue]) -> None:
        self._cues = cues
        self.verbs = {lemma for (lemma, pos) in cues if pos == "VERB"}
        self.nouns = {lemma for (lemma, pos) in cues if pos == "NOUN"}

    def get(self, lemma: str, pos: str) -> Cue | None:
        return self._cues.get((lemma, pos))

    def __len__(self) -> int:
        return len(self._cues)

    @classmethod
    def from_rows(cls, rows: list[tuple[str, dict[str, str]]]) -> CueLexicon:
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
        return cls(cues)


def _read(path: Path | str, text: str) -> list[tuple[str, dict[str, str]]]:
    reader = csv.DictReader(text.splitlines())
    return [(f"{path}:{n}", row) for n, row in enumerate(reader, start=2)]


@functools.cache
def load(extra: tuple[str, ...] = ()) -> CueLexicon:
    """The packaged lexicon plus any user files (later rows add frames to earlier ones)."""
    ref = resources.files("communique.quotes") / "data" / "cues.csv"
    rows = _read("cues.csv", ref.read_text(encoding="utf-8"))
    for p in extra:
        rows += _read(p, Path(p).read_text(encoding="utf-8"))
    return CueLexicon.from_rows(rows)
