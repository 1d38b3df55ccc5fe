"""Rich tables of an analysis, for people reading a terminal."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from ..model import Analysis


def _short(s: str, n: int = 160) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def quotes_table(a: Analysis) -> Table:
    names = {x.id: x.name for x in a.actors}
    t = Table(title=f"Quotes ({len(a.quotes)})", show_lines=False, expand=True)
    t.add_column("id", style="dim", no_wrap=True)
    t.add_column("speaker", style="bold cyan")
    t.add_column("cue", style="magenta")
    t.add_column("kind", style="dim")
    t.add_column("content", ratio=3)
    for q in a.quotes:
        speaker = " & ".join(names.get(s, s) for s in q.speakers) or Text("—", style="dim")
        via = f" ({q.speaker_mention.text})" if q.speaker_mention and q.speakers and \
            q.speaker_mention.text not in names.get(q.speakers[0], "") else ""
        t.add_row(q.id, Text(str(speaker) + via) if via else speaker,
                  q.cue.text if q.cue else "", q.kind, _short(q.content.text))
    return t


def actors_table(a: Analysis) -> Table:
    t = Table(title=f"Actors ({len(a.actors)})", expand=True)
    for col in ("id", "name", "kind", "country", "sector", "role", "mentions"):
        t.add_column(col, style="dim" if col == "id" else None)
    for x in a.actors:
        t.add_row(x.id, x.name, x.kind, x.country or "", x.sector or "", x.role or "",
                  str(len(x.mentions)))
    return t


def events_table(a: Analysis) -> Table:
    names = {x.id: x.name for x in a.actors}
    t = Table(title=f"Events ({len(a.events)})", expand=True)
    for col in ("id", "type", "mode", "actors", "recipients", "trigger", "flags", "score"):
        t.add_column(col, style="dim" if col == "id" else None)
    for e in a.events:
        flags = ",".join(f for f in ("negated", "hypothetical", "future") if getattr(e, f))
        t.add_row(e.id, e.type, e.mode or "", ", ".join(names.get(i, i) for i in e.actors),
                  ", ".join(names.get(i, i) for i in e.recipients),
                  e.trigger.text if e.trigger else "", flags, f"{e.score:+.1f}")
    return t


def analysis_tables(a: Analysis) -> list:
    head = a.article.title or a.article.id[:12]
    date = f" · {a.article.published}" if a.article.published else ""
    return [Text(f"{head}{date}", style="bold"), quotes_table(a), actors_table(a),
            events_table(a)]
