"""communique: who said what, who is who, and who did what to whom in the news."""

from typing import TYPE_CHECKING, Any

from .errors import CommuniqueError, InputError
from .model import Actor, Analysis, Article, Event, Quote, Span
from .options import Options

if TYPE_CHECKING:
    from .kb import resolve_actor
    from .pipeline import Failure, analyze, analyze_many

#: names whose modules import spaCy or load data: imported on first use, so commands that
#: do not analyse text (``--help``, store queries) start without spaCy
_LAZY = {"Failure": "pipeline", "analyze": "pipeline", "analyze_many": "pipeline",
         "resolve_actor": "kb"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "Analysis",
    "Article",
    "CommuniqueError",
    "Event",
    "Failure",
    "InputError",
    "Options",
    "Quote",
    "Span",
    "analyze",
    "analyze_many",
    "resolve_actor",
]
