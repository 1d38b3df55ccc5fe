"""Score the string resolver against a CSV of cases (``text,date,country,sector``).

An empty ``country`` or ``sector`` cell expects *no* value (a bare "French" has no
sector), so the score also catches over-eager answers. An optional ``category`` column
gives a per-category breakdown. The shipped case file is ``data/cases.csv``.
"""

from __future__ import annotations

import csv
from importlib import resources
from pathlib import Path
from typing import Any

from .base import KnowledgeBase

REQUIRED_COLUMNS = ("text", "date", "country", "sector")


def default_cases_path() -> Path:
    """The case file shipped with the package."""
    return Path(str(resources.files("communique.kb") / "data" / "cases.csv"))


def default_case_files() -> list[Path]:
    """The shipped case files: the original set, then the v2 set written before the
    changes it measures (scored and reported apart)."""
    data = Path(str(resources.files("communique.kb") / "data"))
    return [p for p in (data / "cases.csv", data / "cases_v2.csv") if p.exists()]


def evaluate_cases(path: str | Path | None = None, *, kb: KnowledgeBase | None = None
                   ) -> dict[str, Any]:
    """Resolve every case and report accuracy.

    Returns ``{"cases", "country_accuracy", "sector_accuracy", "both_accuracy",
    "by_category": {cat: {"cases", "country_accuracy", "sector_accuracy"}},
    "errors": [{"line", "text", "date", "expected", "got"}, ...]}``.
    Raises ValueError when the file lacks a required column.
    """
    kb = kb or KnowledgeBase.load()
    path = Path(path) if path else default_cases_path()
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        cols = [c.strip().lower() for c in reader.fieldnames or []]
        missing = [c for c in REQUIRED_COLUMNS if c not in cols]
        if missing:
            raise ValueError(f"{path}: missing column(s) {', '.join(missing)}")
        reader.fieldnames = cols
        rows = [(reader.line_num, r) for r in reader]

    n = ok_country = ok_sector = ok_both = 0
    cats: dict[str, list[int]] = {}
    errors = []
    for line, row in rows:
        text = (row.get("text") or "").strip()
        if not text or text.startswith("#"):
            continue
        want_c = (row.get("country") or "").strip().upper() or None
        want_s = (row.get("sector") or "").strip().upper() or None
        got = kb.resolve(text, (row.get("date") or "").strip() or None)
        c_ok = got["country"] == want_c
        s_ok = got["sector"] == want_s
        n += 1
        ok_country += c_ok
        ok_sector += s_ok
        ok_both += c_ok and s_ok
        cat = (row.get("category") or "").strip() or "all"
        tally = cats.setdefault(cat, [0, 0, 0])
        tally[0] += 1
        tally[1] += c_ok
        tally[2] += s_ok
        if not (c_ok and s_ok):
            errors.append({"line": line, "text": text, "date": row.get("date"),
                           "expected": {"country": want_c, "sector": want_s},
                           "got": got})

    def ratio(a: int, b: int) -> float:
        return round(a / b, 4) if b else 0.0

    return {
        "file": str(path),
        "cases": n,
        "country_accuracy": ratio(ok_country, n),
        "sector_accuracy": ratio(ok_sector, n),
        "both_accuracy": ratio(ok_both, n),
        "by_category": {
            cat: {"cases": t[0], "country_accuracy": ratio(t[1], t[0]),
                  "sector_accuracy": ratio(t[2], t[0])}
            for cat, t in sorted(cats.items())
        },
        "errors": errors,
    }
