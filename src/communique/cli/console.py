"""The one way commands get a rich console: never wrapped at 80 columns in a pipe."""

from __future__ import annotations

from typing import Any


def make_console(stderr: bool = False, **kwargs: Any):  # noqa: ANN201
    """A rich Console on stdout (or stderr) that soft-wraps, i.e. does not break or
    crop lines, when it is not a terminal: a summary in a log stays one line."""
    from rich.console import Console

    c = Console(stderr=stderr, **kwargs)
    if not c.is_terminal:
        c.soft_wrap = True
    return c
