"""The package's policy tables: CSV files under ``communique/*/data/``, read once.

Every table follows one convention: a header row, ``#`` comment lines and blank lines
skipped, cells stripped. Paths are relative to the ``communique`` package and read as
files of it, so that reading a table of the actor stage does not import the stage (and
spaCy with it)."""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources


@cache
def data_rows(path: str) -> tuple[dict[str, str], ...]:
    """The rows of the table at ``path`` ("actors/data/org_heads.csv")."""
    text = resources.files("communique").joinpath(*path.split("/")).read_text(
        encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return tuple({k: (v or "").strip() for k, v in r.items() if k is not None}
                 for r in csv.DictReader(lines))
