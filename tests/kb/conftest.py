"""Shared fixtures: one package-only knowledge base for the whole test session."""

from __future__ import annotations

import pytest

from communique.kb import KnowledgeBase


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return KnowledgeBase.from_files(warn=False)
