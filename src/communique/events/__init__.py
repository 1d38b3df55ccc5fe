"""The event stage: who did what to whom, coded in PLOVER.

The names below load on first use, so that the store (which reads only the PLOVER type
table, ``events.plover``) and the command line's ``--help`` never import spaCy.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .lexicon import Lexicon, LexiconError, load
    from .stage import EventDraft, find_events, to_records

__all__ = ["EventDraft", "Lexicon", "LexiconError", "find_events", "load", "to_records"]

_WHERE = {"Lexicon": "lexicon", "LexiconError": "lexicon", "load": "lexicon",
          "EventDraft": "stage", "find_events": "stage", "to_records": "stage"}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        value = getattr(import_module(f".{_WHERE[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
