"""One options object in: everything that changes what an analysis does."""

from __future__ import annotations

from dataclasses import dataclass, field

from .nlp import DEFAULT_MODEL

#: spaCy's own default limit; longer texts are refused with a clear message.
DEFAULT_MAX_CHARS = 1_000_000
#: the quote stage's variants (see communique.quotes.combine)
QUOTE_MODELS = ("combined", "rules", "model")


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
    #: how quotes are found: ``combined`` (rules and the trained attribution model),
    #: ``rules`` (hand-written rules alone) or ``model`` (the trained model alone)
    quote_model: str = "combined"
    #: also keep attributed beliefs and intentions ("she fears", "he wants to"), not only
    #: statements; each quote's ``attribution`` field says which it is
    beliefs: bool = False
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

    def __post_init__(self) -> None:
        if self.quote_model not in QUOTE_MODELS:
            raise ValueError(f"quote_model must be one of {', '.join(QUOTE_MODELS)}, "
                             f"not {self.quote_model!r}")
