"""Built-in evaluation against public gold data."""

from .polnear import evaluate_polnear

__all__ = ["evaluate_polnear"]
