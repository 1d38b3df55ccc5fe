"""Score quote extraction against a PolNeAR-format corpus (BRAT attribution standoff).

Protocol (as in the corpus README): a predicted quote matches a gold attribution by
content after stripping enclosing quotation marks and whitespace; *overlap* when the
shared characters are >= 50% of the gold and >= 30% of the predicted content, *exact*
when the stripped spans are equal. Predicted quotes that share one cue (a quote split by
its attribution: "A," he said, "B.") form one attribution, as PolNeAR annotates them.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..model import Analysis, Article
from ..options import Options
from ..pipeline import analyze_many

QUOTE_CHARS = "\"“”‘’'«»„‹›"
_PARAGRAPH_BREAK = re.compile(r"[ \t\xa0]*\n\s*")


@dataclass(slots=True)
class GoldAttribution:
    content: list[tuple[int, int]]
    source: list[tuple[int, int]] = field(default_factory=list)
    cue: list[tuple[int, int]] = field(default_factory=list)


@dataclass(slots=True)
class GoldDoc:
    name: str
    text: str
    attributions: list[GoldAttribution]


def _spans(offsets: str) -> list[tuple[int, int]]:
    out = []
    for part in offsets.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return out


def parse_ann(text: str, where: str = "") -> list[GoldAttribution]:
    """The attributions of one BRAT file (E lines may name T lines defined later).

    A span's text may itself contain a newline; such continuation lines have no tab-
    separated fields and are skipped.
    """
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events: list[dict[str, str]] = []
    for n, line in enumerate(text.splitlines(), 1):
        parts = line.split("\t")
        if not parts or not parts[0] or len(parts) < 2:
            continue  # blank, or the rest of a span text that contained a newline
        try:
            if parts[0].startswith("T"):
                label, offsets = parts[1].split(" ", 1)
                spans[parts[0]] = (label, _spans(offsets))
            elif parts[0].startswith("E"):
                events.append(dict(x.split(":", 1) for x in parts[1].split()))
        except (ValueError, IndexError):
            raise InputError(f"{where}:{n}", "malformed BRAT line") from None
    out = []
    for ev in events:
        if "Content" not in ev or ev["Content"] not in spans:
            continue
        def get(role: str, ev: dict[str, str] = ev) -> list[tuple[int, int]]:
            return spans[ev[role]][1] if role in ev and ev[role] in spans else []

        out.append(GoldAttribution(get("Content"), get("Source"), get("Cue")))
    return out


def load_polnear(root: str | Path, split: str = "dev") -> Iterator[GoldDoc]:
    """Articles of one split with the first annotator's attributions (sorted order)."""
    base = Path(root) / split
    text_dir, ann_dir = base / "text", base / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise InputError(str(base), "not a PolNeAR split (needs text/ and attributions/)")
    anns: dict[str, list[Path]] = {}
    for p in sorted(ann_dir.glob("*.ann")):
        anns.setdefault(p.stem.rsplit("_", 1)[0], []).append(p)
    for tp in sorted(text_dir.glob("*.txt")):
        files = anns.get(tp.stem)
        if not files:
            continue
        yield GoldDoc(tp.stem, tp.read_text(encoding="utf-8"),
                      parse_ann(files[0].read_text(encoding="utf-8"), str(files[0])))


def _strip(text: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    pieces = sorted(pieces)
    s, e = pieces[0][0], pieces[-1][1]
    while s < e and (text[s].isspace() or text[s] in QUOTE_CHARS):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in QUOTE_CHARS):
        e -= 1
    out = []
    for a, b in pieces:
        a, b = max(a, s), min(b, e)
        if a < b:
            out.append((a, b))
    return out


def _chars(pieces: list[tuple[int, int]]) -> set[int]:
    return {i for a, b in pieces for i in range(a, b)}


def _overlaps(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    return any(x < q and p < y for x, y in a for p, q in b)


def is_quoted(text: str, pieces: list[tuple[int, int]]) -> bool:
    """Gold content that contains quotation marks or sits right inside them."""
    s, e = min(p[0] for p in pieces), max(p[1] for p in pieces)
    if any(c in QUOTE_CHARS.replace("'", "").replace("’", "") for c in text[s:e]):
        return True
    before = text[max(0, s - 2):s].strip()
    after = text[e:e + 2].strip()
    return bool(before and before[-1] in QUOTE_CHARS and after and after[0] in QUOTE_CHARS)


@dataclass(slots=True)
class _Pred:
    content: list[tuple[int, int]]
    quoted: bool
    cue: tuple[int, int] | None
    mention: tuple[int, int] | None


def corpus_pieces(text: str, start: int, end: int, direct: bool) -> list[tuple[int, int]]:
    """A quote's content in PolNeAR's span conventions: a direct quote's piece takes its
    own quotation marks (an attribution split by its cue, "A," he said, "B.", is
    annotated as the two quoted pieces with their marks; the outer marks are stripped
    again when scored), and a span breaks at each paragraph end (BRAT annotates one
    fragment per line)."""
    if direct:
        while start > 0 and text[start - 1] in QUOTE_CHARS:
            start -= 1
        while end < len(text) and text[end] in QUOTE_CHARS:
            end += 1
    out = []
    for m in _PARAGRAPH_BREAK.finditer(text, start, end):
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if end > start:
        out.append((start, end))
    return out


def predictions(a: Analysis) -> list[_Pred]:
    """Predicted attributions: quotes grouped by their cue, each content in the corpus's
    span conventions (:func:`corpus_pieces`)."""
    groups: dict[object, _Pred] = {}
    order = []
    text = a.article.text
    for q in a.quotes:
        key: object = (q.cue.start, q.cue.end) if q.cue else q.id
        pieces = corpus_pieces(text, q.content.start, q.content.end, q.kind == "direct")
        quoted = q.kind in ("direct", "mixed")
        mention = (q.speaker_mention.start, q.speaker_mention.end) if q.speaker_mention else None
        if key in groups:
            p = groups[key]
            p.content.extend(pieces)
            p.quoted = p.quoted or quoted
        else:
            groups[key] = _Pred(pieces, quoted, (q.cue.start, q.cue.end) if q.cue else None,
                                mention)
            order.append(key)
    return [groups[k] for k in order]


def score_doc(text: str, gold: list[GoldAttribution], preds: list[_Pred]) -> dict[str, int]:
    """Counts for one article (summed over the corpus by :func:`evaluate_polnear`)."""
    g_chars = [_chars(_strip(text, g.content)) for g in gold]
    p_chars = [_chars(_strip(text, p.content)) if p.content else set() for p in preds]
    g_quoted = [is_quoted(text, g.content) for g in gold]
    pairs = []
    for gi, gc in enumerate(g_chars):
        if not gc:
            continue
        for pi, pc in enumerate(p_chars):
            if not pc:
                continue
            o = len(gc & pc)
            if o >= 0.5 * len(gc) and o >= 0.3 * len(pc):
                pairs.append((o, gi, pi))
    pairs.sort(reverse=True)
    gm: dict[int, int] = {}
    pm: dict[int, int] = {}
    for _o, gi, pi in pairs:
        if gi not in gm and pi not in pm:
            gm[gi] = pi
            pm[pi] = gi
    exact_g: set[int] = set()
    used: set[int] = set()
    for gi, gc in enumerate(g_chars):
        for pi, pc in enumerate(p_chars):
            if pi not in used and gc and gc == pc:
                exact_g.add(gi)
                used.add(pi)
                break
    c = dict(gold=len(gold), pred=len(preds), tp_g=len(gm), tp_p=len(pm),
             exact_g=len(exact_g), exact_p=len(used),
             gold_q=sum(g_quoted), pred_q=sum(p.quoted for p in preds),
             tp_gq=sum(1 for gi in gm if g_quoted[gi]),
             tp_pq=sum(1 for pi in pm if preds[pi].quoted),
             exact_gq=sum(1 for gi in exact_g if g_quoted[gi]),
             exact_pq=sum(1 for pi in used if preds[pi].quoted),
             spk_n=0, spk_ok=0, cue_n=0, cue_ok=0)
    for gi, pi in gm.items():
        g, p = gold[gi], preds[pi]
        if g.source:
            c["spk_n"] += 1
            if p.mention and _overlaps([p.mention], g.source):
                c["spk_ok"] += 1
        if g.cue:
            c["cue_n"] += 1
            if p.cue and _overlaps([p.cue], g.cue):
                c["cue_ok"] += 1
    return c


def _prf(tp_p: int, pred: int, tp_g: int, gold: int) -> dict[str, float]:
    p = tp_p / pred if pred else 0.0
    r = tp_g / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f}


def evaluate_polnear(root: str | Path, split: str = "dev", *, options: Options | None = None,
                     limit: int | None = None) -> dict:
    """Score the pipeline on a PolNeAR split; returns the figures as a flat-ish dict.

    By default beliefs and intentions are kept (``Options(beliefs=True)``), as PolNeAR
    annotates them; pass ``options`` to score another configuration."""
    options = options or Options(beliefs=True)
    docs = list(load_polnear(root, split))[:limit] if limit else list(load_polnear(root, split))
    if not docs:
        raise InputError(str(Path(root) / split), "no annotated articles found")
    totals: dict[str, int] = {}
    start = time.perf_counter()
    analyses = analyze_many((Article(text=d.text, id=d.name) for d in docs), options=options)
    for d, a in zip(docs, analyses, strict=True):
        for k, v in score_doc(d.text, d.attributions, predictions(a)).items():
            totals[k] = totals.get(k, 0) + v
    seconds = time.perf_counter() - start
    out = summarise(totals, len(docs))
    out["split"] = split
    out["articles_per_second"] = len(docs) / seconds if seconds else 0.0
    return out


def summarise(t: dict[str, int], articles: int) -> dict:
    """Precision, recall and F1 per subset and match, speaker and cue accuracy, from the
    summed counts of :func:`score_doc`."""
    return {
        "articles": articles,
        "all_overlap": _prf(t["tp_p"], t["pred"], t["tp_g"], t["gold"]),
        "all_exact": _prf(t["exact_p"], t["pred"], t["exact_g"], t["gold"]),
        "quoted_overlap": _prf(t["tp_pq"], t["pred_q"], t["tp_gq"], t["gold_q"]),
        "quoted_exact": _prf(t["exact_pq"], t["pred_q"], t["exact_gq"], t["gold_q"]),
        "speaker_accuracy": t["spk_ok"] / t["spk_n"] if t["spk_n"] else 0.0,
        "cue_accuracy": t["cue_ok"] / t["cue_n"] if t["cue_n"] else 0.0,
        "counts": t,
    }
