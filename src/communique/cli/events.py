"""Click commands of the event stage: ``eval events`` and ``events explain``.

The main CLI registers them: ``eval_group.add_command(eval_events)`` and
``cli.add_command(events)``.
"""

from __future__ import annotations

import json
import sys

import click
from rich.table import Table
from rich.text import Text

from ..model import Analysis
from ..options import Options
from .console import make_console


@click.command("events")
@click.option("--cameo", "cameo", type=click.Path(exists=True, dir_okay=False),
              help="5-class CAMEO sentence file (sentence<TAB>0..4).")
@click.option("--spans", "spans", type=click.Path(exists=True, dir_okay=False),
              help="CoNLL file of source/target/reciprocal spans (B-/I- S, T, R).")
@click.option("--record", is_flag=True,
              help="With --cameo: also score the JSON record (its first event that happened; "
                   "its main event; the main event, else the first).")
@click.option("--docs", "docs", type=click.Path(exists=True, file_okay=False),
              help="Directory of document-level event gold (ID.json, docs/events.md).")
@click.option("--text", "text_dir", type=click.Path(exists=True, file_okay=False),
              help="With --docs: directory of the gold articles' texts (ID.txt).")
@click.option("--limit", type=click.IntRange(min=1), help="Only the first N sentences.")
@click.option("--events-file", "event_files", multiple=True,
              type=click.Path(exists=True, dir_okay=False),
              help="Extra event lexicon CSV (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def eval_events(cameo: str | None, spans: str | None, record: bool, docs: str | None,
                text_dir: str | None, limit: int | None, event_files: tuple[str, ...],
                as_json: bool) -> None:
    """Score the event coder: quad-class accuracy, macro F1 and confusion matrix on CAMEO
    sentences (and from the JSON record); exact-match F1 of actor (S), recipient (T) and
    reciprocal (R) spans; precision, recall, types and arguments against document gold."""
    from ..evaluate.events_docs import evaluate_cameo_record, evaluate_docs

    if not cameo and not spans and not docs:
        raise click.UsageError("give --cameo FILE, --spans FILE and/or --docs DIR")
    if docs and not text_dir:
        raise click.UsageError("--docs DIR needs --text DIR (the articles' ID.txt files)")
    from ..events.evaluate import CLASSES, evaluate_cameo, evaluate_spans

    options = Options(event_files=event_files)
    out: dict = {}
    if cameo:
        out["cameo"] = evaluate_cameo(cameo, limit=limit, options=options)
        out["cameo"].pop("predictions", None)
        if record:
            out["cameo_record"] = evaluate_cameo_record(cameo, limit=limit, options=options)
    if spans:
        out["spans"] = evaluate_spans(spans, limit=limit, options=options)
    if docs and text_dir:
        out["docs"] = evaluate_docs(docs, text_dir, options=options)
    if as_json:
        click.echo(json.dumps(out, indent=2))
        return
    console = make_console()
    if "cameo" in out:
        for t in cameo_tables(out["cameo"]):
            console.print(t)
    for mode, r in out.get("cameo_record", {}).items():
        console.print(f"from the JSON record ({RECORD_MODES[mode]}): accuracy "
                      f"{r['accuracy']:.3f}, macro F1 {r['macro_f1']:.3f}, per class "
                      + " / ".join(f"{r['per_class'][c]['f1']:.2f}" for c in CLASSES))
    if "spans" in out:
        console.print(spans_table(out["spans"]))
    if "docs" in out:
        console.print(docs_table(out["docs"]))


def cameo_tables(r: dict) -> list:
    """Per-class figures and the confusion matrix (rows gold, columns predicted)."""
    from ..events.evaluate import CLASS_NAMES, CLASSES

    t = Table(title=f"CAMEO quad classes: {r['sentences']} sentences, accuracy "
                    f"{r['accuracy']:.3f}, macro F1 {r['macro_f1']:.3f}")
    for col in ("class", "precision", "recall", "F1", "gold"):
        t.add_column(col)
    for c in CLASSES:
        m = r["per_class"][c]
        t.add_row(f"{c} {CLASS_NAMES[c]}", f"{m['precision']:.3f}", f"{m['recall']:.3f}",
                  f"{m['f1']:.3f}", str(m["tp"] + m["fn"]))
    cm = Table(title="confusion (rows gold, columns predicted)")
    cm.add_column("gold \\ pred")
    for c in CLASSES:
        cm.add_column(str(c), justify="right")
    for g in CLASSES:
        cm.add_row(str(g), *[Text(str(v), style="bold" if g == p else "")
                             for p, v in enumerate(r["confusion"][g])])
    return [t, cm, Text(f"{r['sentences_per_second']:.1f} sentences/s", style="dim")]


def spans_table(r: dict) -> Table:
    from ..events.evaluate import LABELS

    t = Table(title=f"Actor spans (exact match): {r['sentences']} sentences")
    for col in ("label", "precision", "recall", "F1", "tp", "fp", "fn"):
        t.add_column(col)
    names = {"S": "S source/actor", "T": "T target/recipient", "R": "R reciprocal",
             "all": "all"}
    for lab in (*LABELS, "all"):
        m = r[lab]
        t.add_row(names[lab], f"{m['precision']:.3f}", f"{m['recall']:.3f}", f"{m['f1']:.3f}",
                  str(m["tp"]), str(m["fp"]), str(m["fn"]))
    return t


RECORD_MODES = {"first": "first event that happened", "main": "main event, 0 without one",
                "main-else-first": "main event, else the first that happened"}


def docs_table(r: dict) -> Table:
    """Document-level figures: events overall and by type, then arguments."""
    m = r["events"]
    t = Table(title=f"Events against document gold: {r['articles']} articles; precision "
                    f"{m['precision']:.3f}, recall {m['recall']:.3f}, F1 {m['f1']:.3f}; "
                    f"type accuracy {r['type_accuracy']:.3f}; actor country "
                    f"{r['actor_country_accuracy']:.3f}, recipient country "
                    f"{r['recipient_country_accuracy']:.3f}; type + actor + recipient right "
                    f"{r['all_right_of_shown']:.3f} of the events shown; precision of "
                    f"main events {r['main_precision']:.3f} ({r['main_shown']}), of the "
                    f"others {r['other_precision']:.3f}")
    for col in ("type", "precision", "recall", "F1", "tp", "predicted", "gold"):
        t.add_column(col)
    for typ, v in r["by_type"].items():
        t.add_row(typ, f"{v['precision']:.3f}", f"{v['recall']:.3f}", f"{v['f1']:.3f}",
                  str(v["tp"]), str(v["predicted"]), str(v["gold"]))
    return t


@click.group("events")
def events() -> None:
    """The event coder: how it reads a text."""


@events.command("explain")
@click.argument("text")
@click.option("--file", "is_file", is_flag=True, help="TEXT is a path to a .txt file ('-' "
              "for standard input).")
@click.option("--date", "published", metavar="YYYY-MM-DD", help="Publication date.")
@click.option("--all", "show_all", is_flag=True,
              help="Also events PLOVER would not code (no actor, or no needed recipient).")
@click.option("--events-file", "event_files", multiple=True,
              type=click.Path(exists=True, dir_okay=False),
              help="Extra event lexicon CSV (repeatable).")
def explain(text: str, is_file: bool, published: str | None, show_all: bool,
            event_files: tuple[str, ...]) -> None:
    """Show each event of TEXT with the trigger, lexicon row and parse path behind it."""
    from .. import nlp as _nlp
    from ..events.trace import trace

    if is_file:
        text = sys.stdin.read() if text == "-" else open(text, encoding="utf-8").read()
    options = Options(event_files=event_files)
    doc = _nlp.load(options.model)(text)
    t = trace(doc, options, published=published, complete_only=not show_all)
    console = make_console()
    if not t.events:
        console.print("no events")
        return
    for n, e in enumerate(t.events, 1):
        flags = [f for f in ("negated", "hypothetical", "future") if getattr(e, f)]
        head = Text.assemble(
            (f"E{n} ", "dim"), (e.type, "bold"), (f"/{e.mode}" if e.mode else "", ""),
            f"  '{text[e.trigger[0]:e.trigger[1]]}'",
            (f"  score {e.score:+.1f}", "dim"),
            (f"  [{', '.join(flags)}]" if flags else "", "yellow"),
            ("  main" if e.main else "", "green"),
            ("" if e.complete else "  (not coded: no actor or needed recipient)", "red"))
        console.print(head)
        console.print(f"  actors     {', '.join(t.name(a) for a in e.actors) or '-'}")
        console.print(f"  recipients {', '.join(t.name(a) for a in e.recipients) or '-'}")
        if e.contexts:
            console.print(f"  contexts   {', '.join(e.contexts)}")
        if e.quote is not None:
            q = t.drafts[e.quote]
            console.print(f"  quote      Q{e.quote + 1} ({q.kind}) "
                          f"'{_short(text[q.content[0]:q.content[1]])}'")
        console.print(f"  pattern    {e.pattern}", style="cyan", highlight=False)
        for step in e.path:
            console.print(f"    - {step}", highlight=False)


def _short(s: str, n: int = 70) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def events_table(a: Analysis) -> Table:
    """The events of an analysis, for ``analyze --format table``."""
    names = {x.id: x.name for x in a.actors}
    t = Table(title=f"Events ({len(a.events)})", expand=True)
    for col in ("id", "type", "mode", "actors", "recipients", "trigger", "flags", "quote",
                "contexts", "score"):
        t.add_column(col, style="dim" if col == "id" else None)
    for e in a.events:
        flags = ",".join(f for f in ("main", "negated", "hypothetical", "future")
                         if getattr(e, f))
        t.add_row(e.id, e.type, e.mode or "", ", ".join(names.get(i, i) for i in e.actors),
                  ", ".join(names.get(i, i) for i in e.recipients),
                  e.trigger.text if e.trigger else "", flags, e.quote or "",
                  ", ".join(e.contexts), f"{e.score:+.1f}")
    return t
