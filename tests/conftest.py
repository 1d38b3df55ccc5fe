"""Shared fixtures: the spaCy pipeline loads once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: beside the repo; COMMUNIQUE_SHARED points elsewhere (a git worktree's parent has none)
SHARED = Path(os.environ.get("COMMUNIQUE_SHARED") or ROOT.parent / "shared")


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared evaluation material beside the repo (CI has it); skip when absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture(scope="session")
def nlp():
    from communique.nlp import load

    return load()


def _speakers(analysis, quote) -> list[str]:
    names = {a.id: a.name for a in analysis.actors}
    return [names[s] for s in quote.speakers]


@pytest.fixture(scope="session")
def speakers():
    """``speakers(analysis, quote)``: the names of a quote's speakers."""
    return _speakers
