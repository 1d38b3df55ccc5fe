"""The event stage: who did what to whom, coded in PLOVER."""

from .lexicon import Lexicon, LexiconError, load
from .stage import EventDraft, find_events, to_records

__all__ = ["EventDraft", "Lexicon", "LexiconError", "find_events", "load", "to_records"]
