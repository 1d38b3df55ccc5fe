"""Speaker errors of the document golds, article by article, for one half.

    python scripts/speaker_errors.py [--half even|odd|fresh] [--text DIR] [--save OUT]
                                     [--diff OLD]

Each quote whose speaker mention overlaps a gold mention but whose speaker is not the
gold cluster's actor with the gold country is printed with the speaker mention, the
expected cluster and what the pipeline gave. ``--save`` writes the errors as JSON and
``--diff`` prints only the errors that are new or gone against such a saved file, so a
rule's effect on one half can be read article by article. Rules are written from the even
ids; the odd ids and the fresh set are the check.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from communique.evaluate.actors import evaluate_docs
from communique.model import Article
from communique.pipeline import analyze_many

SETS = {"even": "tests/data/gold/actors", "odd": "tests/data/gold/actors",
        "fresh": "tests/data/gold/actors-test"}


def _errors(half: str, text_dir: Path) -> tuple[dict[str, list[str]], dict]:
    gdir = Path(SETS[half])
    stems = sorted(p.stem for p in gdir.glob("*.json"))
    if half != "fresh":
        stems = [s for s in stems if int(s) % 2 == (half == "odd")]
    arts = []
    for s in stems:
        date = json.loads((gdir / f"{s}.json").read_text(encoding="utf-8")).get("date")
        arts.append(Article((text_dir / f"{s}.txt").read_text(encoding="utf-8"), id=s,
                            published=date))
    records = {a.id: r.to_dict() for a, r in zip(arts, analyze_many(arts), strict=True)}
    rep = evaluate_docs(gdir, text_dir, records=records, only=stems)
    quotes = {(aid, q["id"]): q for aid, r in records.items() for q in r.get("quotes") or []}
    out: dict[str, list[str]] = {}
    for aid, errs in rep["errors"].items():
        lines = []
        for e in errs:
            if "quote" not in e:
                continue
            q = quotes.get((aid, e["quote"])) or {}
            said = (q.get("text") or "")[:70].replace("\n", " ")
            lines.append(f"{e['speaker_mention']!r} want {e['expected']} got {e['got']}"
                         f" | {said}")
        out[aid] = lines
    return out, rep["speakers"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--half", choices=tuple(SETS), default="even")
    ap.add_argument("--text", type=Path,
                    default=Path("../shared/corpora/guardian-dev/text"))
    ap.add_argument("--save", type=Path)
    ap.add_argument("--diff", type=Path)
    args = ap.parse_args()
    errs, fig = _errors(args.half, args.text)
    old = json.loads(args.diff.read_text(encoding="utf-8")) if args.diff else None
    for aid, lines in errs.items():
        if old is None:
            shown = [f"  {x}" for x in lines]
        else:
            was = old.get(aid, [])
            shown = ([f"- {x}" for x in was if x not in lines]
                     + [f"+ {x}" for x in lines if x not in was])
        if shown:
            print(f"## {aid}")
            print("\n".join(shown))
    print(fig)
    if args.save:
        args.save.write_text(json.dumps(errs, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
