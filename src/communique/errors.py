"""Errors a user can act on: each renders as one line naming the input and the problem."""

from __future__ import annotations


class CommuniqueError(Exception):
    """Base class: ``str(exc)`` is the one-line message shown to users."""


class InputError(CommuniqueError):
    """An input cannot be analysed (empty, binary, too large, undecodable, malformed)."""

    def __init__(self, where: str, problem: str) -> None:
        self.where = where
        self.problem = problem
        super().__init__(f"{where}: {problem}" if where else problem)
