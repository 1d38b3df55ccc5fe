"""A quote as the stage builds it, before the pipeline turns it into a record."""

from __future__ import annotations

from dataclasses import dataclass, field

from .marks import Region


@dataclass(slots=True)
class Draft:
    kind: str
    content: tuple[int, int]
    cue: tuple[int, int] | None
    speakers: list[int] = field(default_factory=list)
    speaker_mention: tuple[int, int] | None = None
    region: Region | None = None
    #: what the attribution reports: statement, belief or intention (see cues.py)
    attribution: str = "statement"
