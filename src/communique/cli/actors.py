"""Click commands for the knowledge base, registered into the main CLI elsewhere:

    communique actors resolve TEXT [--date D] [--kb FILE ...] [--format table|json]
    communique actors list [--country C] [--role R] [--on DATE] [--kb FILE ...]
    communique eval actors [FILE] [--kb FILE ...] [--json] [--errors]
    communique eval actors --docs DIR [--corpus TEXTDIR]

``actors`` is a click group and ``eval_actors`` a click command named "actors" (add it
to the ``eval`` group). Bad knowledge-base rows are printed as warnings on stderr.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:  # the knowledge base is imported when a command runs, not for --help
    from ..kb.base import KnowledgeBase
from .console import make_console

_KB_OPTION = click.option(
    "--kb", "kb_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
    help="Extra knowledge-base CSV (rows with the same key override). Repeatable; "
         "COMMUNIQUE_KB paths are added too.")


def _load(kb_files: Sequence[str]) -> KnowledgeBase:
    from ..kb.base import KBWarning, KnowledgeBase

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", KBWarning)
        kb = KnowledgeBase.load(list(kb_files))
    for w in caught:
        if issubclass(w.category, KBWarning):
            click.echo(f"warning: {w.message}", err=True)
    return kb


def _date(value: str | None) -> str | None:
    if value is None:
        return None
    from ..kb.base import as_date

    try:
        return as_date(value).isoformat()
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@click.group("actors")
def actors() -> None:
    """Resolve actor names and browse the knowledge base."""


@actors.command("resolve")
@click.argument("text")
@click.option("--date", "date", help="Resolve as of this date (YYYY-MM-DD; default today).")
@_KB_OPTION
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "json", "csv"]),
              default=None, help="Output format (default: table on a terminal, jsonl in a "
                                 "pipe).")
def resolve_cmd(text: str, date: str | None, kb_files: Sequence[str], fmt: str | None) -> None:
    """Resolve TEXT ("Mark Rutte", "the Kremlin", "North Korean troops") to name, kind,
    country, organisation, PLOVER sector, role and Wikidata id.

    A name the knowledge base lacks (nothing found beyond the text itself) is printed
    with "known: false", a one-line note on stderr, and exit status 1. In JSON the
    result is one object; in JSON Lines one line; in CSV a header and one row.
    """
    import sys

    from .store import emit

    kb = _load(kb_files)
    result = kb.resolve(text, _date(date))
    result["known"] = result.get("kind") != "other" or any(
        result.get(k) for k in ("country", "organization", "sector", "role", "wikidata"))
    fmt = fmt or ("table" if sys.stdout.isatty() else "jsonl")
    if fmt == "json":
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
    elif fmt in ("jsonl", "csv"):
        emit([result], fmt, "Actor")
    else:
        _resolve_table(text, date, result)
    if not result["known"]:
        click.echo(f"not in the knowledge base: {text!r}", err=True)
        sys.exit(1)


def _resolve_table(text: str, date: str | None, result: dict) -> None:
    t = Table(title=f"{text!r}" + (f" on {date}" if date else ""), show_header=False)
    t.add_column("field", style="bold")
    t.add_column("value")
    for k, v in result.items():
        t.add_row(k, "—" if v is None else str(v))
    make_console().print(t)


HOLDER_COLUMNS = ("name", "role", "country", "organization", "sector", "start", "end",
                  "wikidata", "source")


@actors.command("list")
@click.option("--country", help="ISO3 code, country name or organisation (NATO, UN).")
@click.option("--role", help="Text contained in the role, or an office (president).")
@click.option("--on", "on", help="Only holders in office on this date (YYYY-MM-DD).")
@_KB_OPTION
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "json", "csv"]),
              default=None, help="Output format (default: table on a terminal, jsonl in a "
                                 "pipe; json is one array).")
def list_cmd(country: str | None, role: str | None, on: str | None, kb_files: Sequence[str],
             fmt: str | None) -> None:
    """Browse office holders in the knowledge base."""
    import sys

    from .store import emit

    kb = _load(kb_files)
    rows = kb.holders(country=country, role=role, on=_date(on))
    fmt = fmt or ("table" if sys.stdout.isatty() else "jsonl")
    if fmt != "table":
        emit([{"name": p.name, "role": r.role, "country": r.country,
               "organization": r.organization, "sector": r.sector,
               "start": r.start.isoformat(), "end": r.end.isoformat() if r.end else None,
               "wikidata": p.wikidata, "source": r.where} for p, r in rows], fmt,
             "Office holders", HOLDER_COLUMNS)
        return
    t = Table(title=f"Office holders ({len(rows)})")
    for col in ("name", "role", "country", "org", "sector", "start", "end", "wikidata"):
        t.add_column(col, no_wrap=col in ("start", "end"))
    for p, r in rows:
        t.add_row(p.name, r.role, r.country, r.organization or "", r.sector,
                  r.start.isoformat(), r.end.isoformat() if r.end else "",
                  p.wikidata or "")
    make_console().print(t)


@click.command("actors")
@click.argument("file", required=False, type=click.Path(exists=True, dir_okay=False))
@_KB_OPTION
@click.option("--docs", "docs_dir", type=click.Path(exists=True, file_okay=False),
              help="Score whole articles against a directory of document-level actor gold "
                   "files (docs/evaluation.md) instead of the case file.")
@click.option("--corpus", "corpus_dir", type=click.Path(exists=True, file_okay=False),
              help="With --docs: the directory of ID.txt article texts "
                   "(default /work/shared/corpora/guardian-dev/text).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--errors", "show_errors", is_flag=True, help="List the cases that fail.")
@click.option("--min-country", type=click.FloatRange(0, 1),
              help="Exit 1 if country accuracy is below this.")
@click.option("--min-sector", type=click.FloatRange(0, 1),
              help="Exit 1 if sector accuracy is below this.")
def eval_actors(file: str | None, kb_files: Sequence[str], docs_dir: str | None,
                corpus_dir: str | None, as_json: bool, show_errors: bool,
                min_country: float | None, min_sector: float | None) -> None:
    """Score actor resolution on a CSV of text,date,country,sector[,category] cases
    (default: the shipped case files, the original one and the v2 set apart; --min-*
    apply to FILE or the original), or, with --docs, the pipeline's actors on whole
    articles against document-level gold (--min-* apply to actor identity)."""
    if docs_dir:
        _eval_docs(docs_dir, corpus_dir, as_json, show_errors, min_country, min_sector)
        return
    from ..kb.evaluate import default_case_files, evaluate_cases

    kb = _load(kb_files)
    files = [file] if file else [str(p) for p in default_case_files()]
    try:
        results = [evaluate_cases(f, kb=kb) for f in files]
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        outs = [r if show_errors else {k: v for k, v in r.items() if k != "errors"}
                for r in results]
        out = dict(outs[0])
        if len(outs) > 1:  # the v2 set rides along, apart
            out["v2"] = outs[1]
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        console = make_console()
        for r in results:
            _print_cases(console, r, show_errors)
    r = results[0]  # floors apply to FILE, or the original case file
    if (min_country is not None and r["country_accuracy"] < min_country) or (
            min_sector is not None and r["sector_accuracy"] < min_sector):
        raise SystemExit(1)


def _print_cases(console: Console, r: dict, show_errors: bool) -> None:
    t = Table(title=f"Actor resolution: {r['cases']} cases ({Path(r['file']).name})")
    for col in ("category", "cases", "country", "sector"):
        t.add_column(col, justify="left" if col == "category" else "right")
    for cat, m in r["by_category"].items():
        t.add_row(cat, str(m["cases"]), f"{m['country_accuracy']:.3f}",
                  f"{m['sector_accuracy']:.3f}")
    t.add_row("all", str(r["cases"]), f"{r['country_accuracy']:.3f}",
              f"{r['sector_accuracy']:.3f}", style="bold")
    console.print(t)
    if show_errors:
        for e in r["errors"]:
            g = e["got"]
            console.print(f"line {e['line']}: {e['text']!r} ({e['date']}) expected "
                          f"{e['expected']['country']}/{e['expected']['sector']}, got "
                          f"{g['country']}/{g['sector']} ({g['kind']} {g['name']!r})",
                          markup=False)


def _eval_docs(docs_dir: str, corpus_dir: str | None, as_json: bool, show_errors: bool,
               min_country: float | None, min_sector: float | None) -> None:
    from ..errors import CommuniqueError
    from ..evaluate.actors import evaluate_docs

    try:
        r = evaluate_docs(docs_dir, corpus_dir)
    except CommuniqueError as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        out = r if show_errors else {k: v for k, v in r.items()
                                     if k not in ("errors", "per_article")}
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        console = make_console()
        t = Table(title=f"Actors on {r['articles']} annotated articles")
        t.add_column("figure")
        t.add_column("value", justify="right")
        for typ, m in r["mentions"].items():
            t.add_row(f"{typ} mentions found / exact (of {m['gold']})",
                      f"{m['found']:.3f} / {m['exact']:.3f}")
        for key in ("actors", "places"):
            b = r[f"b_cubed_{key}"]
            t.add_row(f"B-cubed {key} P / R / F1",
                      f"{b['precision']:.3f} / {b['recall']:.3f} / {b['f1']:.3f}")
            i = r[f"identity_{key}"]
            t.add_row(f"{key}: clusters found (of {i['clusters']})", f"{i['found']:.3f}")
            for f in ("kind", "country", "sector"):
                t.add_row(f"{key}: right {f}", f"{i[f]:.3f}")
        s = r["speakers"]
        t.add_row(f"speakers right actor + country (of {s['quotes']})",
                  f"{s['right_actor_and_country']:.3f}")
        t.add_row("speakers right country", f"{s['right_country']:.3f}")
        console.print(t)
        if show_errors:
            for art, errs in r["errors"].items():
                for e in errs:
                    console.print(f"{art}: {json.dumps(e, ensure_ascii=False)}", markup=False)
    ident = r["identity_actors"]
    if (min_country is not None and ident["country"] < min_country) or (
            min_sector is not None and ident["sector"] < min_sector):
        raise SystemExit(1)
