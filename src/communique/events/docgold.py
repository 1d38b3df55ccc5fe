"""Document-level event gold: read, write and check hand-annotated PLOVER events.

A gold directory holds one ``ID.json`` per article (format in docs/events.md):
``{"article": ID, "date": "YYYY-MM-DD", "events": [...]}``, each event with ``type``,
``mode``, ``trigger`` ``[start, end]`` (character offsets into the article text), ``actors``
and ``recipients`` (lists of ``{"name", "country", "sector"}``) and the flags ``negated``,
``hypothetical``, ``future``. No text of the article is stored: the offsets point into the
corpus file, which is read by path.

Annotators write events with a trigger string and its occurrence number
(``offsets(text, "shelled", 2)``); ``from_authoring`` turns such lines into the stored form.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from .lexicon import QUAD

__all__ = ["GoldArg", "GoldEvent", "GoldDoc", "offsets", "read_gold", "from_authoring",
           "check"]


@dataclass(slots=True)
class GoldArg:
    name: str
    country: str | None = None
    sector: str | None = None


@dataclass(slots=True)
class GoldEvent:
    type: str
    trigger: tuple[int, int]
    mode: str | None = None
    actors: list[GoldArg] = field(default_factory=list)
    recipients: list[GoldArg] = field(default_factory=list)
    negated: bool = False
    hypothetical: bool = False
    future: bool = False

    @property
    def happened(self) -> bool:
        return not (self.negated or self.hypothetical)


@dataclass(slots=True)
class GoldDoc:
    article: str
    date: str | None
    events: list[GoldEvent]


def offsets(text: str, trigger: str, occurrence: int = 1) -> tuple[int, int]:
    """Offsets of the ``occurrence``-th (1-based) match of ``trigger`` in ``text`` that
    starts and ends at word boundaries."""
    pos, seen = -1, 0
    while True:
        pos = text.find(trigger, pos + 1)
        if pos < 0:
            raise ValueError(f"{trigger!r} #{occurrence}: only {seen} occurrence(s)")
        end = pos + len(trigger)
        if (pos == 0 or not text[pos - 1].isalnum()) and \
                (end == len(text) or not text[end].isalnum()):
            seen += 1
            if seen == occurrence:
                return pos, end


def _arg(d: dict) -> GoldArg:
    return GoldArg(d["name"], d.get("country"), d.get("sector"))


def _event(d: dict) -> GoldEvent:
    if d["type"] not in QUAD:
        raise ValueError(f"unknown PLOVER type {d['type']!r}")
    s, e = d["trigger"]
    return GoldEvent(d["type"], (int(s), int(e)), d.get("mode"),
                     [_arg(a) for a in d.get("actors", [])],
                     [_arg(a) for a in d.get("recipients", [])],
                     bool(d.get("negated")), bool(d.get("hypothetical")),
                     bool(d.get("future")))


def read_gold(directory: str | Path) -> list[GoldDoc]:
    """Every ``*.json`` gold file of a directory, sorted by article id."""
    root = Path(directory)
    if not root.is_dir():
        raise InputError(str(root), "not a directory of event gold files")
    docs = []
    files = sorted(root.glob("*.json"), key=lambda p: (len(p.stem), p.stem))
    if not files:
        raise InputError(str(root), "no *.json event gold files")
    for p in files:
        try:
            d = json.loads(p.read_text(encoding="utf-8"))
            docs.append(GoldDoc(str(d["article"]), d.get("date"),
                                [_event(e) for e in d["events"]]))
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(str(p), f"bad event gold file: {exc}") from None
    return docs


def _parse_args(field_: str) -> list[dict]:
    out = []
    for part in field_.split("+"):
        part = part.strip()
        if not part:
            continue
        name, _, code = part.partition("=")
        country, _, sector = code.partition("/")
        out.append({"name": name.strip(), "country": country.strip() or None,
                    "sector": sector.strip() or None})
    return out


def from_authoring(text: str, lines: list[str]) -> list[dict]:
    """Stored events from authoring lines ``TYPE[/mode] ; trigger#n ; actors ; recipients
    ; flags`` where an argument list is ``Name=ISO/SEC + Name=ISO/SEC`` and flags are any
    of ``n`` (negated), ``h`` (hypothetical), ``f`` (future)."""
    events = []
    for line in lines:
        line = line.split("//")[0].strip()
        if not line or line.startswith("#"):
            continue
        cols = [c.strip() for c in line.split(";")]
        cols += [""] * (5 - len(cols))
        typ, _, mode = cols[0].partition("/")
        trig, _, occ = cols[1].rpartition("#") if "#" in cols[1] else (cols[1], "", "1")
        start, end = offsets(text, trig, int(occ or 1))
        ev = {"type": typ, "mode": mode or None, "trigger": [start, end],
              "actors": _parse_args(cols[2]), "recipients": _parse_args(cols[3]),
              "negated": "n" in cols[4], "hypothetical": "h" in cols[4],
              "future": "f" in cols[4]}
        _event(ev)
        events.append(ev)
    events.sort(key=lambda e: e["trigger"][0])
    return events


def check(doc: GoldDoc, text: str) -> list[str]:
    """Problems of a gold document against its text (offsets out of range or not on
    word boundaries)."""
    problems = []
    for n, e in enumerate(doc.events):
        s, t = e.trigger
        if not (0 <= s < t <= len(text)):
            problems.append(f"event {n}: trigger {s}-{t} outside the text")
            continue
        if (s and text[s - 1].isalnum()) or (t < len(text) and text[t].isalnum()):
            problems.append(f"event {n}: trigger {s}-{t} cuts a word")
    return problems
