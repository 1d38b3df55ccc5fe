"""Score events from the JSON record: against a document-level gold, and CAMEO quads.

Everything here reads ``Analysis.to_dict()`` (the contract a user gets), never the
coder's internals.

Document gold (``docgold.py``): a predicted event *matches* a gold event when the type is
the same and the gold trigger lies in the predicted event's sentence (one to one, the
nearest trigger first). Reported: precision, recall and F1 overall and by type; *type
accuracy* over gold and predicted events whose triggers overlap; *actor* and *recipient
country accuracy* over matched events (for CONSULT, COOPERATE and AGREE a participant may be on
either side); and the share of the events shown (predicted)
whose type, actor and recipient are all right.

CAMEO sentences from the record: the sentence's class is the quad of the record's main
event when the record marks one (``"main": true``), else of its first event that
happened (not negated, not hypothetical); 0 when there is none.
"""

from __future__ import annotations

import csv
import time
from collections import Counter
from pathlib import Path

from ..errors import InputError
from ..events.docgold import GoldArg, GoldEvent, read_gold
from ..events.lexicon import QUAD
from ..model import Article
from ..options import Options

__all__ = ["evaluate_docs", "score_docs", "record_class", "evaluate_cameo_record"]


#: types whose participants may be coded on either side: "X held talks with Y" has a
#: visitor and host for some coders, two actors for others (a meeting without a host)
SYMMETRIC = frozenset({"CONSULT", "COOPERATE", "AGREE"})


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "tp": tp, "predicted": n_pred, "gold": n_gold}


def _countries(ids: list[str], actors: dict[str, dict]) -> set[str]:
    return {actors[i]["country"] for i in ids if i in actors and actors[i].get("country")}


def _names(ids: list[str], actors: dict[str, dict]) -> set[str]:
    out: set[str] = set()
    for i in ids:
        a = actors.get(i)
        if a:
            out |= {w.lower() for w in a["name"].split()}
    return out


def side_right(gold: list[GoldArg], ids: list[str], actors: dict[str, dict]) -> bool:
    """A side (actors or recipients) is right when both are empty, or a gold country is
    among the predicted countries (a gold argument without a country: a name word)."""
    if not gold:
        return not ids
    countries = _countries(ids, actors)
    names = _names(ids, actors)
    for g in gold:
        if g.country and g.country in countries:
            return True
        if not g.country and {w.lower() for w in g.name.split()} & names:
            return True
    return False


def sides_right(g: GoldEvent, p: dict, actors: dict[str, dict]) -> tuple[bool, bool]:
    """(actor side right, recipient side right) of a matched pair; for the symmetric
    types the participants count whichever side each is on."""
    if g.type in SYMMETRIC:
        both = p["actors"] + p["recipients"]
        a_ok = side_right(g.actors, both, actors) if g.actors else True
        r_ok = side_right(g.recipients, both, actors) if g.recipients else True
        return a_ok, r_ok
    return (side_right(g.actors, p["actors"], actors),
            side_right(g.recipients, p["recipients"], actors))


def _match(gold: list[GoldEvent], pred: list[dict]) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs: same type, gold trigger inside the
    predicted event's sentence; the nearest predicted trigger first."""
    cands = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            s = p["sentence"]
            if p["type"] == g.type and s["start"] <= g.trigger[0] < s["end"]:
                t = p.get("trigger") or {"start": s["start"]}
                cands.append((abs(t["start"] - g.trigger[0]), gi, pi))
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _d, gi, pi in sorted(cands):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return pairs


def _overlaps(g: GoldEvent, p: dict) -> bool:
    t = p.get("trigger")
    return bool(t) and t["start"] < g.trigger[1] and g.trigger[0] < t["end"]


def score_docs(pairs: list[tuple[list[GoldEvent], dict]]) -> dict:
    """Figures over (gold events, record dict) pairs, one per article."""
    tp = n_gold = n_pred = 0
    by_type: dict[str, Counter] = {}
    type_pairs = type_right = 0
    actor_n = actor_ok = recip_n = recip_ok = all_ok = 0
    shown: Counter = Counter()
    right: Counter = Counter()
    for gold, record in pairs:
        pred = record["events"]
        actors = {a["id"]: a for a in record["actors"]}
        n_gold += len(gold)
        n_pred += len(pred)
        for g in gold:
            by_type.setdefault(g.type, Counter())["gold"] += 1
        for p in pred:
            by_type.setdefault(p["type"], Counter())["predicted"] += 1
        matched = _match(gold, pred)
        tp += len(matched)
        hit = {pi for _gi, pi in matched}
        for pi, p in enumerate(pred):
            key = "main" if p.get("main") else "other"
            shown[key] += 1
            right[key] += pi in hit
        for gi, pi in matched:
            g, p = gold[gi], pred[pi]
            by_type[g.type]["tp"] += 1
            a_ok, r_ok = sides_right(g, p, actors)
            if g.actors:
                actor_n += 1
                actor_ok += a_ok
            if g.recipients:
                recip_n += 1
                recip_ok += r_ok
            all_ok += a_ok and r_ok
        for g in gold:  # type accuracy where the triggers overlap
            hits = [p for p in pred if _overlaps(g, p)]
            if hits:
                type_pairs += 1
                type_right += any(p["type"] == g.type for p in hits)
    return {
        "articles": len(pairs),
        "events": _prf(tp, n_pred, n_gold),
        "by_type": {t: _prf(c["tp"], c["predicted"], c["gold"])
                    for t, c in sorted(by_type.items())},
        "type_accuracy": type_right / type_pairs if type_pairs else 0.0,
        "type_pairs": type_pairs,
        "actor_country_accuracy": actor_ok / actor_n if actor_n else 0.0,
        "recipient_country_accuracy": recip_ok / recip_n if recip_n else 0.0,
        "all_right_of_shown": all_ok / n_pred if n_pred else 0.0,
        # precision of the events the record marks main, and of the others
        "main_precision": right["main"] / shown["main"] if shown["main"] else 0.0,
        "other_precision": right["other"] / shown["other"] if shown["other"] else 0.0,
        "main_shown": shown["main"],
    }


def _dates(text_dir: Path) -> dict[str, str]:
    meta = text_dir.parent / "metadata.tsv"
    if not meta.exists():
        return {}
    with meta.open(encoding="utf-8", newline="") as f:
        return {r[0]: r[1] for r in csv.reader(f, delimiter="\t") if len(r) > 1}


def evaluate_docs(gold_dir: str | Path, text_dir: str | Path, *,
                  options: Options | None = None) -> dict:
    """Analyse each gold article's text (``text_dir/ID.txt``, dated by the gold file or
    ``metadata.tsv`` beside the folder) and score its record against the gold."""
    from ..pipeline import analyze_many

    docs = read_gold(gold_dir)
    text_dir = Path(text_dir)
    dates = _dates(text_dir)
    articles = []
    for d in docs:
        p = text_dir / f"{d.article}.txt"
        if not p.exists():
            raise InputError(str(p), f"no text for gold article {d.article}")
        articles.append(Article(p.read_text(encoding="utf-8"), id=d.article,
                                published=d.date or dates.get(d.article)))
    t0 = time.perf_counter()
    records = [a.to_dict() for a in analyze_many(articles, options=options)]
    out = score_docs([(d.events, r) for d, r in zip(docs, records, strict=True)])
    out["seconds"] = time.perf_counter() - t0
    return out


def record_class(record: dict, *, main: str = "main") -> int:
    """The CAMEO quad class of a one-sentence record. ``main="main"``: its main event's
    (``"main": true``), 0 without one; ``"main-else-first"``: the main event, else the
    first event that happened; ``"first"``: the first event that happened (not negated,
    not hypothetical), 0 without one."""
    events = record["events"]
    picked = [e for e in events if e.get("main")] if main != "first" else []
    if not picked and main != "main":
        picked = [e for e in events if not (e["negated"] or e["hypothetical"])]
    return QUAD.get(picked[0]["type"], 0) if picked else 0


MODES = ("first", "main", "main-else-first")


def evaluate_cameo_record(path: str | Path, *, limit: int | None = None,
                          options: Options | None = None) -> dict:
    """5-class accuracy, macro F1 and confusion of ``record_class`` on a CAMEO file, for
    each way of choosing the record's event (``MODES``)."""
    from ..events.evaluate import CLASSES, read_classes
    from ..pipeline import analyze_many

    rows = read_classes(path)[:limit]
    confusions = {m: [[0] * len(CLASSES) for _ in CLASSES] for m in MODES}
    for (_s, gold), a in zip(rows, analyze_many([s for s, _ in rows], options=options),
                             strict=True):
        record = a.to_dict()
        for m in MODES:
            confusions[m][gold][record_class(record, main=m)] += 1
    return {m: _class_scores(confusions[m]) for m in MODES}


def _class_scores(confusion: list[list[int]]) -> dict:
    from ..events.evaluate import CLASSES

    per = {}
    for c in CLASSES:
        tp = confusion[c][c]
        fp = sum(confusion[g][c] for g in CLASSES) - tp
        fn = sum(confusion[c]) - tp
        per[c] = _prf(tp, tp + fp, tp + fn)
    n = sum(map(sum, confusion))
    return {"sentences": n,
            "accuracy": sum(confusion[c][c] for c in CLASSES) / n if n else 0.0,
            "macro_f1": sum(v["f1"] for v in per.values()) / len(CLASSES),
            "per_class": per, "confusion": confusion}
