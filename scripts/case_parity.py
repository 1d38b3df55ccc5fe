"""Score an actor case file in two halves by data-row parity (row 0, 2, ... = even).

The even half is for tuning, the odd half is only read at the end (cases_v10.csv):
    python scripts/case_parity.py src/communique/kb/data/cases_v10.csv [--errors even]
"""

from __future__ import annotations

import argparse
import csv
import tempfile
from pathlib import Path

from communique.kb.base import KnowledgeBase
from communique.kb.evaluate import evaluate_cases


def halves(path: Path) -> tuple[list[list[str]], list[list[str]], list[str]]:
    """The even and odd data rows of a case file, and its header."""
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    header, data = rows[0], [r for r in rows[1:] if r and not r[0].startswith("#")]
    return data[0::2], data[1::2], header


def score_half(rows: list[list[str]], header: list[str], kb: KnowledgeBase) -> dict:
    """evaluate_cases on a subset of rows (written to a temporary file)."""
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, newline="",
                                     encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    try:
        return evaluate_cases(f.name, kb=kb)
    finally:
        Path(f.name).unlink()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", type=Path)
    ap.add_argument("--errors", choices=("even",), help="list the even half's failures")
    ap.add_argument("--even-only", action="store_true", help="score the tuning half only")
    args = ap.parse_args()
    kb = KnowledgeBase.load()
    even, odd, header = halves(args.file)
    for name, rows in (("even", even), ("odd", odd))[:1 if args.even_only else 2]:
        r = score_half(rows, header, kb)
        print(f"{name}: cases {r['cases']} country {r['country_accuracy']:.3f} "
              f"sector {r['sector_accuracy']:.3f} both {r['both_accuracy']:.3f}")
        if name == "even" and args.errors:
            for e in r["errors"]:
                g = e["got"]
                print(f"  {e['text']!r} {e['date']} want {e['expected']['country']}/"
                      f"{e['expected']['sector']} got {g['country']}/{g['sector']} "
                      f"({g.get('kind')}: {g.get('name')})")


if __name__ == "__main__":
    main()
