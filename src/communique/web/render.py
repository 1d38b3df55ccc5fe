"""Shapes for templates: an article cut into highlighted pieces, a timeline's geometry.

Kept out of the templates so they stay plain loops over data, and every stored string
reaches the page through Jinja's autoescaping, never as prebuilt HTML.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

Row = dict[str, Any]

#: distinct speaker colours (CSS classes ``spk-0`` .. ``spk-7``)
SPEAKER_COLOURS = 8


def article_blocks(record: Row, actor_ids: dict[str, int]) -> list[Row]:
    """The article text as blocks (event sentences and the text between them), each a
    list of parts marked with the quote and actor mention they fall in, and the events
    of that sentence: the template lays events beside their sentence."""
    text: str = record["article"]["text"]
    actors = {a["id"]: a for a in record.get("actors") or []}
    speaker_class = _speaker_colours(record)
    quotes = []
    for q in sorted(record.get("quotes") or [], key=lambda q: q["content"]["start"]):
        first = (q.get("speakers") or [None])[0]
        names = [actors[s]["name"] for s in q.get("speakers") or [] if s in actors]
        quotes.append((q["content"]["start"], q["content"]["end"], {
            "id": q["id"], "kind": q["kind"],
            "colour": speaker_class.get(first) if first is not None else None,
            "speaker": " & ".join(names) or "unattributed"}))
    mentions = sorted((m["start"], m["end"], {"local": a["id"], "name": a["name"],
                                              "actor_id": actor_ids.get(a["id"])})
                      for a in actors.values() for m in a.get("mentions") or [])
    sentences: dict[tuple[int, int], list[Row]] = {}
    for e in record.get("events") or []:
        s = e["sentence"]
        sentences.setdefault((s["start"], s["end"]), []).append(e)
    # merge overlapping event sentences into one block
    spans: list[list[Any]] = []
    for (start, end), evs in sorted(sentences.items()):
        if spans and start < spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], end)
            spans[-1][2].extend(evs)
        else:
            spans.append([start, end, list(evs)])
    cuts = {0, len(text)}
    for start, end, _ in quotes + mentions:
        cuts.update((start, end))
    for start, end, _ in spans:
        cuts.update((start, end))
    bounds = sorted(c for c in cuts if 0 <= c <= len(text))
    starts = [s[0] for s in spans]
    blocks: list[Row] = []
    for lo, hi in zip(bounds, bounds[1:], strict=False):
        if lo == hi:
            continue
        k = bisect_right(starts, lo) - 1
        span = spans[k] if k >= 0 and lo < spans[k][1] else None
        key = (span[0], span[1]) if span else None
        if not blocks or blocks[-1]["key"] != key:
            blocks.append({"key": key, "parts": [], "events": span[2] if span else []})
        quote = next((info for s, e, info in quotes if s <= lo and hi <= e), None)
        mention = next((info for s, e, info in mentions if s <= lo and hi <= e), None)
        blocks[-1]["parts"].append({"text": text[lo:hi], "quote": quote, "mention": mention})
    for b in blocks:
        b["events"] = [_event_view(e, actors, actor_ids) for e in b["events"]]
    return blocks


def _speaker_colours(record: Row) -> dict[str, int]:
    """Colour (``spk-N`` class) of each quote's first speaker, in reading order."""
    colours: dict[str, int] = {}
    for q in sorted(record.get("quotes") or [], key=lambda q: q["content"]["start"]):
        first = (q.get("speakers") or [None])[0]
        if first is not None and first not in colours:
            colours[first] = len(colours) % SPEAKER_COLOURS
    return colours


def speaker_legend(record: Row, actor_ids: dict[str, int]) -> list[Row]:
    """The article page's key to its quote colours: each first speaker in reading order
    with its colour, actor id and number of quotes (``none``: quotes without one)."""
    actors = {a["id"]: a for a in record.get("actors") or []}
    quotes = record.get("quotes") or []
    firsts = [(q.get("speakers") or [None])[0] for q in quotes]
    out = [{"colour": colour, "name": actors[local]["name"] if local in actors else local,
            "actor_id": actor_ids.get(local), "quotes": firsts.count(local)}
           for local, colour in _speaker_colours(record).items()]
    if None in firsts:
        out.append({"colour": "none", "name": "unattributed", "actor_id": None,
                    "quotes": firsts.count(None)})
    return out


def _event_view(e: Row, actors: dict[str, Row], actor_ids: dict[str, int]) -> Row:
    def who(ids: list[str]) -> list[Row]:
        return [{"name": actors[a]["name"], "actor_id": actor_ids.get(a)}
                for a in ids if a in actors]

    return {"id": e["id"], "type": e["type"], "mode": e.get("mode"), "score": e.get("score"),
            "actors": who(e.get("actors") or []), "recipients": who(e.get("recipients") or []),
            "trigger": (e.get("trigger") or {}).get("text"),
            "flags": [f for f in ("negated", "hypothetical", "future") if e.get(f)]}


def timeline_chart(timeline: list[Row], width: int = 720, height: int = 220) -> Row:
    """Bar geometry for a server-drawn SVG: cooperation above the axis, conflict below,
    one pair of bars per month; no chart library needed."""
    timeline = _fill_months(timeline)
    pad_left, pad_bottom, pad_top = 40, 30, 10
    inner_w, inner_h = width - pad_left - 10, height - pad_top - pad_bottom
    top = max([abs(t["coop"]) for t in timeline] + [abs(t["conflict"]) for t in timeline]
              + [1.0])
    mid = pad_top + inner_h / 2
    scale = (inner_h / 2) / top
    slot = inner_w / max(len(timeline), 1)
    bar = max(min(slot * 0.8, 40), 1)
    label_every = max(1, len(timeline) // 12)
    bars = []
    for i, t in enumerate(timeline):
        x = pad_left + i * slot + (slot - bar) / 2
        up, down = t["coop"] * scale, -t["conflict"] * scale
        bars.append({"month": t["month"], "x": round(x, 1), "w": round(bar, 1),
                     "coop_y": round(mid - up, 1), "coop_h": round(up, 1),
                     "conflict_y": round(mid, 1), "conflict_h": round(down, 1),
                     "coop": t["coop"], "conflict": t["conflict"], "events": t["events"],
                     "label": i % label_every == 0})
    return {"width": width, "height": height, "mid": round(mid, 1), "left": pad_left,
            "right": width - 10, "top": round(top, 1), "bars": bars,
            "label_y": height - 8}


#: most months drawn with the empty ones (a century); a longer span (a stray date in
#: the store) keeps only the months that have events
MAX_MONTHS = 1200


def _fill_months(timeline: list[Row]) -> list[Row]:
    """Months without events as empty bars, so the axis is time and not a list."""
    def number(month: str) -> int:
        year, mon = month.split("-")
        return int(year) * 12 + int(mon) - 1

    try:
        known = {number(t["month"]): t for t in timeline}
    except (ValueError, AttributeError):
        return timeline
    if not known:
        return timeline
    lo, hi = min(known), max(known)
    if hi - lo >= MAX_MONTHS:
        return timeline
    return [known.get(m) or {"month": f"{m // 12:04d}-{m % 12 + 1:02d}", "coop": 0.0,
                             "conflict": 0.0, "events": 0}
            for m in range(lo, hi + 1)]


def snippet_parts(text: str, hits: list[list[int]]) -> list[tuple[str, bool]]:
    """A search snippet as (text, is a matched word) parts, for ``<mark>`` in a loop."""
    parts, pos = [], 0
    for start, end in sorted(hits):
        if start > pos:
            parts.append((text[pos:start], False))
        parts.append((text[start:end], True))
        pos = end
    if pos < len(text):
        parts.append((text[pos:], False))
    return parts


def trigger_parts(sentence: str | None, trigger: str | None) -> list[tuple[str, bool]]:
    """The sentence cut around the first occurrence of its trigger word (case-blind):
    ``(text, is_trigger)`` pieces for the template to mark; the whole sentence unmarked
    when the trigger is not found in it."""
    text = sentence or ""
    at = text.lower().find(trigger.lower()) if trigger else -1
    if at < 0 or not trigger:
        return [(text, False)]
    end = at + len(trigger)
    return [p for p in ((text[:at], False), (text[at:end], True), (text[end:], False)) if p[0]]
