"""Document-level actor evaluation: the pipeline's record of an article against a gold file.

A gold file (format in docs/evaluation.md) lists the article's actors as clusters, each
with its canonical identity on the article's date (name, kind, country, sector) and its
mentions as character offsets into the corpus text. The scorer runs
:func:`communique.analyze` on the text with the gold date, or takes a record already made,
and reports:

- *mention detection*: gold mentions overlapped by a system mention (one system mention
  counts for one gold mention, largest overlap first), by mention type and for places;
- *clustering*: B-cubed precision, recall and F1 over the matched gold mentions (an
  unmatched gold mention is a singleton on the system side);
- *identity*: per gold cluster, the system actor holding most of its matched mentions,
  and whether that actor's kind, country and sector are the gold ones;
- *speakers*: for each quote whose speaker mention overlaps a gold mention, whether the
  quote's speaker is the actor that best covers that gold cluster, with the gold country.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError

KINDS = ("person", "state", "organisation", "group", "place")
MENTION_TYPES = ("name", "nominal", "pronoun")
# the record's actor kinds, in the gold's words
SYSTEM_KIND = {"person": "person", "country": "state", "organization": "organisation",
               "organisation": "organisation", "group": "group", "location": "place",
               "place": "place", "other": "other"}
DEFAULT_CORPUS = Path("/work/shared/corpora/guardian-dev/text")

__all__ = ["GoldCluster", "GoldDoc", "GoldMention", "evaluate_docs", "load_gold",
           "score_record"]


@dataclass(frozen=True, slots=True)
class GoldMention:
    start: int
    end: int
    text: str
    type: str = "name"


@dataclass(slots=True)
class GoldCluster:
    id: str
    name: str
    kind: str
    country: str | None
    sector: str | None
    mentions: list[GoldMention] = field(default_factory=list)


@dataclass(slots=True)
class GoldDoc:
    article: str
    date: str | None
    clusters: list[GoldCluster]
    path: str = ""


def _fail(path: str | Path, problem: str) -> InputError:
    return InputError(str(path), problem)


def load_gold(path: str | Path) -> GoldDoc:
    """Read and check one gold file (raises :class:`InputError` naming the problem)."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(path, f"cannot read: {exc}") from None
    except json.JSONDecodeError as exc:
        raise _fail(path, f"not JSON (line {exc.lineno}: {exc.msg})") from None
    if not isinstance(data, dict) or "article" not in data or "clusters" not in data:
        raise _fail(path, "a gold file is an object with 'article', 'date' and 'clusters'")
    clusters = []
    seen: list[tuple[int, int]] = []
    for n, c in enumerate(data["clusters"], 1):
        where = f"cluster {c.get('id', n) if isinstance(c, dict) else n}"
        if not isinstance(c, dict):
            raise _fail(path, f"{where}: not an object")
        kind = c.get("kind")
        if kind not in KINDS:
            raise _fail(path, f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}")
        mentions = []
        for m in c.get("mentions") or []:
            try:
                gm = GoldMention(int(m["start"]), int(m["end"]), str(m.get("text", "")),
                                 m.get("type", "name"))
            except (KeyError, TypeError, ValueError):
                raise _fail(path, f"{where}: a mention needs integer start and end") from None
            if gm.type not in MENTION_TYPES or gm.end <= gm.start:
                raise _fail(path, f"{where}: bad mention {m!r}")
            mentions.append(gm)
            seen.append((gm.start, gm.end))
        if not mentions:
            raise _fail(path, f"{where}: no mentions")
        clusters.append(GoldCluster(str(c.get("id", f"C{n}")), str(c.get("name", "")), kind,
                                    c.get("country") or None, c.get("sector") or None,
                                    sorted(mentions, key=lambda m: m.start)))
    seen.sort()
    for (s1, e1), (s2, e2) in zip(seen, seen[1:], strict=False):
        if s2 < e1:
            raise _fail(path, f"mentions {s1}-{e1} and {s2}-{e2} overlap")
    return GoldDoc(str(data["article"]), data.get("date"), clusters, str(path))


def check_text(gold: GoldDoc, text: str) -> None:
    """Every mention's offsets must give its check string in ``text``."""
    for c in gold.clusters:
        for m in c.mentions:
            if m.end > len(text) or (m.text and text[m.start:m.end] != m.text):
                raise _fail(gold.path, f"mention {m.text!r} at {m.start}-{m.end} does not "
                                       f"match the text ({text[m.start:m.end]!r}); is it "
                                       "the right corpus?")


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _match(gold: list[tuple[int, int]], system: list[tuple[int, int]]) -> dict[int, int]:
    """Gold index -> system index, one-to-one, largest overlap first."""
    pairs = []
    sys_sorted = sorted(range(len(system)), key=lambda j: system[j])
    for i, g in enumerate(gold):
        for j in sys_sorted:
            s = system[j]
            if s[0] >= g[1]:
                break
            ov = _overlap(g, s)
            if ov:
                pairs.append((-ov, i, j))
    pairs.sort()
    out: dict[int, int] = {}
    used: set[int] = set()
    for _, i, j in pairs:
        if i not in out and j not in used:
            out[i] = j
            used.add(j)
    return out


def _kind_ok(c: GoldCluster, a: dict[str, Any]) -> bool:
    kind = SYSTEM_KIND.get(a.get("kind") or "", "other")
    if kind == c.kind:
        return True
    # a state acting is its government: "Government of X" (an organisation, GOV, X) is it
    return (c.kind == "state" and kind == "organisation" and a.get("sector") == "GOV"
            and a.get("country") == c.country)


def score_record(gold: GoldDoc, record: dict[str, Any]) -> dict[str, Any]:
    """Raw counts for one article (summed by :func:`evaluate_docs`)."""
    actors = record.get("actors") or []
    sys_spans: list[tuple[int, int]] = []
    sys_actor: list[dict[str, Any]] = []
    for a in actors:
        for m in a.get("mentions") or []:
            sys_spans.append((m["start"], m["end"]))
            sys_actor.append(a)
    gold_mentions = [(c, m) for c in gold.clusters for m in c.mentions]
    match = _match([(m.start, m.end) for _, m in gold_mentions], sys_spans)

    counts: Counter[str] = Counter()
    for i, (c, m) in enumerate(gold_mentions):
        group = "place" if c.kind == "place" else m.type
        counts[f"mentions_{group}"] += 1
        counts[f"found_{group}"] += i in match
        counts[f"exact_{group}"] += i in match and sys_spans[match[i]] == (m.start, m.end)
    counts["system_mentions"] = len(sys_spans)
    counts["system_mentions_matched"] = len(match)

    # B-cubed over gold mentions of actors (places apart)
    sys_of: dict[int, str] = {}
    for i in range(len(gold_mentions)):
        sys_of[i] = sys_actor[match[i]]["id"] if i in match else f"unmatched-{i}"
    for places in (False, True):
        idx = [i for i, (c, _) in enumerate(gold_mentions) if (c.kind == "place") == places]
        key = "place" if places else "actor"
        p = r = 0.0
        for i in idx:
            gc = gold_mentions[i][0].id
            same_gold = {j for j in idx if gold_mentions[j][0].id == gc}
            same_sys = {j for j in idx if sys_of[j] == sys_of[i]}
            both = len(same_gold & same_sys)
            p += both / len(same_sys)
            r += both / len(same_gold)
        counts[f"b3_{key}_n"] += len(idx)
        counts[f"b3_{key}_p_sum"] = p  # type: ignore[assignment]
        counts[f"b3_{key}_r_sum"] = r  # type: ignore[assignment]

    by_id = {a["id"]: a for a in actors}
    best: dict[str, dict[str, Any] | None] = {}
    errors = []
    for c in gold.clusters:
        votes = Counter(sys_actor[match[i]]["id"] for i, (gc, _) in enumerate(gold_mentions)
                        if gc is c and i in match)
        a = by_id[votes.most_common(1)[0][0]] if votes else None
        best[c.id] = a
        key = "place" if c.kind == "place" else "actor"
        counts[f"clusters_{key}"] += 1
        if a is None:
            errors.append({"cluster": c.id, "name": c.name, "problem": "not found"})
            continue
        counts[f"clusters_{key}_found"] += 1
        kind_ok = _kind_ok(c, a)
        country_ok = (a.get("country") or None) == c.country
        got_sector = a.get("sector") or None
        sector_ok = got_sector == c.sector or (c.kind == "state" and got_sector in (None, "GOV")
                                               and c.sector in (None, "GOV"))
        counts[f"kind_ok_{key}"] += kind_ok
        counts[f"country_ok_{key}"] += country_ok
        counts[f"sector_ok_{key}"] += sector_ok
        if not (kind_ok and country_ok and sector_ok):
            errors.append({"cluster": c.id, "name": c.name,
                           "expected": [c.kind, c.country, c.sector],
                           "got": [a.get("kind"), a.get("country"), a.get("sector"),
                                   a.get("name")]})

    gold_spans = [(m.start, m.end) for c, m in gold_mentions if c.kind != "place"]
    gold_cl = [c for c, _ in gold_mentions if c.kind != "place"]
    for q in record.get("quotes") or []:
        sm = q.get("speaker_mention")
        if not sm:
            continue
        hits = [(_overlap((sm["start"], sm["end"]), g), k) for k, g in enumerate(gold_spans)]
        hits = [h for h in hits if h[0]]
        if not hits:
            continue
        c = gold_cl[max(hits)[1]]
        a = best.get(c.id)
        speakers = q.get("speakers") or []
        sp = by_id.get(speakers[0]) if speakers else None
        counts["speakers"] += 1
        right_actor = sp is not None and a is not None and sp["id"] == a["id"]
        right_country = sp is not None and (sp.get("country") or None) == c.country
        counts["speaker_country_ok"] += right_country
        counts["speaker_ok"] += right_actor and right_country
        if not (right_actor and right_country):
            errors.append({"quote": q.get("id"), "speaker_mention": sm.get("text"),
                           "expected": [c.name, c.country],
                           "got": [sp.get("name"), sp.get("country")] if sp else None})
    return {"counts": counts, "errors": errors}


def _ratio(a: float, b: float) -> float:
    return round(a / b, 4) if b else 0.0


def summarise(counts: Counter[str], articles: int) -> dict[str, Any]:
    """Figures from summed counts."""
    named = counts["mentions_name"]
    out: dict[str, Any] = {"articles": articles}
    out["mentions"] = {t: {"gold": counts[f"mentions_{t}"],
                           "found": _ratio(counts[f"found_{t}"], counts[f"mentions_{t}"]),
                           "exact": _ratio(counts[f"exact_{t}"], counts[f"mentions_{t}"])}
                       for t in (*MENTION_TYPES, "place")}
    out["named_found"] = _ratio(counts["found_name"], named)
    out["named_exact"] = _ratio(counts["exact_name"], named)
    out["system_mentions"] = counts["system_mentions"]
    for key in ("actor", "place"):
        n = counts[f"b3_{key}_n"]
        p, r = _ratio(counts[f"b3_{key}_p_sum"], n), _ratio(counts[f"b3_{key}_r_sum"], n)
        out[f"b_cubed_{key}s"] = {"precision": p, "recall": r,
                                  "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}
        k = counts[f"clusters_{key}"]
        out[f"identity_{key}s"] = {
            "clusters": k,
            "found": _ratio(counts[f"clusters_{key}_found"], k),
            "kind": _ratio(counts[f"kind_ok_{key}"], k),
            "country": _ratio(counts[f"country_ok_{key}"], k),
            "sector": _ratio(counts[f"sector_ok_{key}"], k)}
    out["speakers"] = {"quotes": counts["speakers"],
                       "right_actor_and_country": _ratio(counts["speaker_ok"],
                                                         counts["speakers"]),
                       "right_country": _ratio(counts["speaker_country_ok"],
                                               counts["speakers"])}
    return out


def gold_files(gold_dir: str | Path) -> list[Path]:
    d = Path(gold_dir)
    if not d.is_dir():
        raise InputError(str(d), "not a directory of gold files")
    files = sorted(d.glob("*.json"), key=lambda p: (len(p.stem), p.stem))
    if not files:
        raise InputError(str(d), "no *.json gold files")
    return files


def evaluate_docs(gold_dir: str | Path, corpus: str | Path | None = None, *,
                  records: dict[str, dict[str, Any]] | None = None,
                  analyze: Callable[[str, str | None], dict[str, Any]] | None = None,
                  only: Iterable[str] | None = None) -> dict[str, Any]:
    """Score every gold file in ``gold_dir`` against the pipeline's records.

    The text of article ``ID`` is ``corpus/ID.txt`` (default the guardian-dev corpus).
    ``records`` maps article ids to ready records (then nothing is analysed); otherwise
    ``analyze(text, date)`` (default :func:`communique.analyze`) makes them.
    """
    corpus = Path(corpus) if corpus else DEFAULT_CORPUS
    if analyze is None:
        from ..pipeline import analyze as _analyze

        def analyze(text: str, date: str | None) -> dict[str, Any]:
            return _analyze(text, published=date).to_dict()
    wanted = set(only) if only else None
    total: Counter[str] = Counter()
    per_article: dict[str, Any] = {}
    errors: dict[str, list[dict[str, Any]]] = {}
    n = 0
    for path in gold_files(gold_dir):
        gold = load_gold(path)
        if wanted is not None and gold.article not in wanted:
            continue
        if records is not None and gold.article in records:
            record = records[gold.article]
            text = (record.get("article") or {}).get("text") or ""
        else:
            tpath = corpus / f"{gold.article}.txt"
            try:
                text = tpath.read_text(encoding="utf-8")
            except OSError as exc:
                raise InputError(str(tpath), f"cannot read the article text: {exc}") from None
            record = analyze(text, gold.date)
        check_text(gold, text)
        r = score_record(gold, record)
        total.update(r["counts"])
        per_article[gold.article] = summarise(r["counts"], 1)
        errors[gold.article] = r["errors"]
        n += 1
    out = summarise(total, n)
    out["per_article"] = per_article
    out["errors"] = errors
    return out
