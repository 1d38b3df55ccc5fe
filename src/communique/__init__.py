"""communique: who said what, who is who, and who did what to whom in the news."""

from .errors import CommuniqueError, InputError
from .kb import resolve_actor
from .model import Actor, Analysis, Article, Event, Quote, Span
from .options import Options
from .pipeline import Failure, analyze, analyze_many

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
