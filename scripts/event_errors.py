"""Bucket the event errors of the document gold by cause, for one half of the 20 dev
articles (rules are written from the even ids only):

    python scripts/event_errors.py [--half even|odd] [--text DIR] [--show CAUSE]

Causes: predicted events not in gold (``not in gold``: same sentence has no gold event of
that type), missed gold events (``missed``), and matched events with the wrong ``actor``,
``recipient`` or ``both``. ``--show`` prints the sentences of one cause.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from communique.evaluate.events_docs import _dates, _match, sides_right
from communique.events.docgold import read_gold
from communique.model import Article
from communique.pipeline import analyze_many


def _names(ids: list[str], actors: dict) -> str:
    return ", ".join(f"{actors[i]['name']}/{actors[i].get('country')}" for i in ids
                     if i in actors) or "-"


def _gold(args: list) -> str:
    return ", ".join(f"{a.name}/{a.country}" for a in args) or "-"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--half", default="even", choices=["even", "odd"])
    ap.add_argument("--text", type=Path,
                    default=Path("../shared/corpora/guardian-dev/text"))
    ap.add_argument("--show", default="")
    ap.add_argument("--cache", type=Path, help="records JSON (written when missing)")
    args = ap.parse_args()
    want = 0 if args.half == "even" else 1
    docs = [d for d in read_gold("gold/events/guardian-dev") if int(d.article) % 2 == want]
    texts = {d.article: (args.text / f"{d.article}.txt").read_text(encoding="utf-8")
             for d in docs}
    if args.cache and args.cache.exists():
        records = json.loads(args.cache.read_text(encoding="utf-8"))
    else:
        dates = _dates(args.text)
        arts = [Article(texts[d.article], id=d.article,
                        published=d.date or dates.get(d.article)) for d in docs]
        records = {a.id: r.to_dict() for a, r in zip(arts, analyze_many(arts), strict=True)}
        if args.cache:
            args.cache.write_text(json.dumps(records), encoding="utf-8")
    causes: Counter = Counter()
    by_type: Counter = Counter()
    shown: list[str] = []
    for d in docs:
        rec, text = records[d.article], texts[d.article]
        actors = {a["id"]: a for a in rec["actors"]}
        pred = rec["events"]
        pairs = _match(d.events, pred)
        mg = {g for g, _ in pairs}
        mp = {p for _, p in pairs}

        def line(cause: str, typ: str, s: int, e: int, extra: str, art: str = d.article,
                 t: str = text) -> None:
            causes[cause] += 1
            by_type[(cause, typ)] += 1
            if args.show and args.show == cause:
                shown.append(f"[{art}] {typ} {extra}\n    {t[s:e].strip()[:300]}")

        for gi, pi in pairs:
            g, p = d.events[gi], pred[pi]
            a_ok, r_ok = sides_right(g, p, actors)
            cause = "right" if a_ok and r_ok else "actor" if r_ok else \
                "recipient" if a_ok else "both"
            s = p["sentence"]
            line(cause, g.type, s["start"], s["end"],
                 f"trig={text[g.trigger[0]:g.trigger[1]]!r} gold {_gold(g.actors)} -> "
                 f"{_gold(g.recipients)} | pred {_names(p['actors'], actors)} -> "
                 f"{_names(p['recipients'], actors)}")
        for pi, p in enumerate(pred):
            if pi in mp:
                continue
            s = p["sentence"]
            golds = [g.type for g in d.events if s["start"] <= g.trigger[0] < s["end"]]
            cause = "wrong type" if golds else "not in gold"
            t = p.get("trigger") or {}
            trig = text[t["start"]:t["end"]] if t else "?"
            line(cause, p["type"], s["start"], s["end"],
                 f"trig={trig!r} gold here={golds} pred {_names(p['actors'], actors)} -> "
                 f"{_names(p['recipients'], actors)} flags="
                 f"{ {k: p[k] for k in ('negated', 'hypothetical', 'main') if k in p} }")
        for gi, g in enumerate(d.events):
            if gi in mg:
                continue
            s0 = text.rfind("\n", 0, g.trigger[0]) + 1
            s1 = text.find("\n", g.trigger[1])
            dot0 = max(text.rfind(". ", s0, g.trigger[0]) + 2, s0)
            dot1 = text.find(". ", g.trigger[1], s1 if s1 > 0 else None)
            here = [p["type"] for p in pred
                    if p["sentence"]["start"] <= g.trigger[0] < p["sentence"]["end"]]
            line("missed", g.type, dot0, dot1 + 1 if dot1 > 0 else s1,
                 f"trig={text[g.trigger[0]:g.trigger[1]]!r} pred here={here} gold "
                 f"{_gold(g.actors)} -> {_gold(g.recipients)}")
    print(dict(causes.most_common()))
    for (c, t), n in sorted(by_type.items(), key=lambda x: -x[1])[:30]:
        print(f"  {c:12} {t:12} {n}")
    print("\n".join(shown))


if __name__ == "__main__":
    main()
