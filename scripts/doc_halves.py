"""Actor and event figures of the document golds, by half: the even and odd article ids of
the 20-article sets (rules are written from the even ids and checked on the odd ones), all
20, the fresh 8-article sets and the dev2 10-article sets (a check set: no rule is written
from it), from one analysis of each article.

    python scripts/doc_halves.py [--text DIR] [--json OUT]

Run from the repository root (the gold folders are read from there); ``--text`` is the
guardian-dev text folder (default ``../shared/corpora/guardian-dev/text``).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from communique.evaluate.actors import evaluate_docs as actor_docs
from communique.evaluate.events_docs import _dates, score_docs
from communique.events.docgold import read_gold
from communique.model import Article
from communique.pipeline import analyze_many

SETS = {"dev": ("tests/data/gold/actors", "gold/events/guardian-dev"),
        "fresh": ("tests/data/gold/actors-test", "gold/events/guardian-test"),
        "dev2": ("tests/data/gold/actors-dev2", "gold/events/guardian-dev2")}
#: sets reported as one column (no even/odd halves)
WHOLE = ("fresh", "dev2")


def _figures(actors: dict, events: dict) -> dict[str, float]:
    ia, ev = actors["identity_actors"], events["events"]
    return {"actor country": ia["country"], "actor sector": ia["sector"],
            "actor kind": ia["kind"], "B-cubed F1": actors["b_cubed_actors"]["f1"],
            "speakers right actor + country": actors["speakers"]["right_actor_and_country"],
            "place country": actors["identity_places"]["country"],
            "events P": ev["precision"], "events R": ev["recall"], "events F1": ev["f1"],
            "event actor country": events["actor_country_accuracy"],
            "event recipient country": events["recipient_country_accuracy"],
            "events all right of shown": events["all_right_of_shown"]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--text", type=Path,
                    default=Path("../shared/corpora/guardian-dev/text"))
    ap.add_argument("--json", type=Path, help="also write the full reports here")
    args = ap.parse_args()
    dates = _dates(args.text)
    gold_date: dict[str, str | None] = {}
    for adir, _ in SETS.values():
        for p in Path(adir).glob("*.json"):
            gold_date[p.stem] = json.loads(p.read_text(encoding="utf-8")).get("date")
    ids = set(gold_date)
    for _, edir in SETS.values():
        ids |= {d.article for d in read_gold(edir)}
    articles = [Article((args.text / f"{i}.txt").read_text(encoding="utf-8"), id=i,
                        published=gold_date.get(i) or dates.get(i)) for i in sorted(ids)]
    records = {a.id: r.to_dict() for a, r in zip(articles, analyze_many(articles),
                                                  strict=True)}
    reports = {}
    for name, (adir, edir) in SETS.items():
        stems = sorted(p.stem for p in Path(adir).glob("*.json"))
        halves = {name: None} if name in WHOLE else {
            "even": [i for i in stems if int(i) % 2 == 0],
            "odd": [i for i in stems if int(i) % 2 == 1], "all 20": None}
        egold = read_gold(edir)
        for half, only in halves.items():
            a = actor_docs(adir, args.text, records=records, only=only)
            e = score_docs([(d.events, records[d.article]) for d in egold
                            if only is None or d.article in only])
            reports[half] = {"actors": a, "events": e}
    table = {h: _figures(r["actors"], r["events"]) for h, r in reports.items()}
    print("| figure | " + " | ".join(table) + " |")
    print("|---|" + "---:|" * len(table))
    for key in next(iter(table.values())):
        print(f"| {key} | " + " | ".join(f"{t[key]:.3f}" for t in table.values()) + " |")
    if args.json:
        args.json.write_text(json.dumps(reports, indent=1, default=str), encoding="utf-8")


if __name__ == "__main__":
    main()
