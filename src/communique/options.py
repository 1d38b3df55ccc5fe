"""One options object in: everything that changes what an analysis does."""

from __future__ import annotations

from dataclasses import dataclass, field

from .nlp import DEFAULT_MODEL

#: spaCy's own default limit; longer texts are refused with a clear message.
DEFAULT_MAX_CHARS = 1_000_000


@dataclass(frozen=True, slots=True)
class Options:
    """What to extract and how.

    ``max_chars`` bounds memory: the parse of a text grows with its length, so longer
    inputs are refused rather than risking the process. ``cue_files`` add rows to the
    packaged cue lexicon (same CSV format); ``kb_files`` do the same for the knowledge
    base (see docs/kb.md).
    """

    model: str = DEFAULT_MODEL
    quotes: bool = True
    indirect: bool = True
    events: bool = True
    #: choose each sentence's main event with the packaged sentence classifier (False:
    #: the rules' choice)
    main_events: bool = True
    max_chars: int = DEFAULT_MAX_CHARS
    batch_size: int = 32
    cue_files: tuple[str, ...] = field(default_factory=tuple)
    event_files: tuple[str, ...] = field(default_factory=tuple)  # extra event lexicon CSVs
    #: resolve actors against the knowledge base (country, sector, role on the date)
    knowledge_base: bool = True
    #: user CSV files that add to or override the packaged knowledge base
    kb_files: tuple[str, ...] = field(default_factory=tuple)
