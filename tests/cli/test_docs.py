"""docs/cli.md is generated from the commands' help and must be up to date."""

from __future__ import annotations

from pathlib import Path

from communique.cli.docs import render

DOC = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def test_cli_reference_is_current():
    assert DOC.read_text(encoding="utf-8") == render(), \
        "docs/cli.md is stale: run python -m communique.cli.docs > docs/cli.md"
