"""Corpus commands: ingest, quotes, events, actors, stats, export, synth, bench ingest.

Click objects to register in the main group: ``ingest_cmd``, ``quotes_cmd``,
``events_cmd``, ``stats_cmd``, ``export_cmd``, ``synth_cmd``; ``actors_top_cmd`` under
the ``actors`` group and ``bench_ingest_cmd`` under ``bench`` (or call :func:`register`).
"""

from __future__ import annotations

import functools
import json
import os
import sqlite3
import sys
from collections.abc import Callable, Sequence
from typing import Any

import click

from ..options import DEFAULT_MAX_CHARS, Options
from ..readers.base import DEFAULT_MIN_CHARS
from ..store.db import DEFAULT_DB
from .reading import field_options, fields_from

db_option = click.option("--db", "db_path", default=DEFAULT_DB, show_default=True,
                         metavar="FILE", help="The SQLite store.")
FORMATS = ("table", "jsonl", "json", "csv")


def format_option(default_help: str = "table on a terminal, jsonl in a pipe"):  # noqa: ANN201
    return click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
                        help=f"Output format (default: {default_help}).")


class UnknownValue(click.ClickException):
    """A filter value the store or knowledge base does not know (an event type, an actor):
    one line naming the option and what is accepted, exit status 1. (A malformed value,
    such as a choice not offered or a bad date, stays a usage error, status 2.)"""

    def __init__(self, option: str, message: str) -> None:
        super().__init__(f"{option}: {message}")


def _console(stderr: bool = False):  # noqa: ANN202
    from .console import make_console

    return make_console(stderr=stderr)


def reads_store(command: Callable[..., None]) -> Callable[..., None]:
    """A command over the store whose SQLite errors (corrupt pages found mid-query) end
    in one line naming the store, never a traceback."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> None:
        try:
            command(*args, **kwargs)
        except sqlite3.DatabaseError as exc:
            from ..store.db import StoreError, damaged

            raise StoreError(damaged(kwargs.get("db_path", DEFAULT_DB), exc)) from None

    return run


def _open(db_path: str):  # noqa: ANN202
    from ..store.db import connect

    return connect(db_path, readonly=True)


def emit(rows: Sequence[dict[str, Any]], fmt: str | None, title: str,
         columns: Sequence[str] | None = None) -> None:
    """Rows as a rich table for people, or JSON Lines / JSON / CSV for pipes."""
    fmt = fmt or ("table" if sys.stdout.isatty() else "jsonl")
    columns = list(columns or (rows[0].keys() if rows else []))
    if not columns and fmt == "csv":
        return  # nothing matched: an empty output, not a blank header line
    if fmt == "jsonl":
        for r in rows:
            sys.stdout.write(json.dumps({c: r.get(c) for c in columns}, ensure_ascii=False)
                             + "\n")
    elif fmt == "json":
        json.dump([{c: r.get(c) for c in columns} for r in rows], sys.stdout,
                  ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif fmt == "csv":
        from ..store.export import write_csv

        write_csv(sys.stdout, columns, rows)  # formula-like cells neutralised
    else:
        from rich.table import Table

        t = Table(title=f"{title} ({len(rows)})", expand=True)
        for c in columns:
            t.add_column(c, overflow="fold", ratio=3 if c in ("content", "sentence") else None)
        for r in rows:
            t.add_row(*("" if r.get(c) is None else _cell(r.get(c)) for c in columns))
        _console().print(t)


def _as_table(fmt: str | None) -> bool:
    """A table for people: asked for, or the default on a terminal (its short columns)."""
    return fmt == "table" or (fmt is None and sys.stdout.isatty())


def _cell(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:+.1f}"
    s = " ".join(str(v).split())
    return s if len(s) <= 300 else s[:299] + "…"


# --- ingest ----------------------------------------------------------------------------------

@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Analysis processes (default: all cores).")
@click.option("--batch-size", type=click.IntRange(min=1), default=64, show_default=True,
              help="Articles per worker task and per database transaction.")
@click.option("--field", "fields", multiple=True, metavar="ATTR=NAME",
              help="JSON field holding an attribute, e.g. --field text=body "
                   "--field published=meta.date (repeatable).")
@field_options
@click.option("--limit", type=click.IntRange(min=1), default=None, metavar="N",
              help="Stop once N new articles are stored; a rerun stores the next N.")
@click.option("--max-chars", type=click.IntRange(min=1), default=DEFAULT_MAX_CHARS,
              show_default=True, help="Refuse longer articles.")
@click.option("--max-file-bytes", type=click.IntRange(min=1), default=None,
              help="Refuse larger single-article files (default 64 MiB).")
@click.option("--min-chars", type=click.IntRange(min=1), default=DEFAULT_MIN_CHARS,
              show_default=True,
              help="Refuse shorter article texts (a page of navigation links).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar, only the summary.")
@click.option("--strict", is_flag=True, help="Exit with status 1 if anything failed.")
@click.option("--force", is_flag=True,
              help="Add communique's tables to a database that has other tables but no "
                   "communique migration record (refused without it).")
def ingest_cmd(paths: tuple[str, ...], db_path: str, workers: int | None, batch_size: int,
               fields: tuple[str, ...], text_field: str | None, published_field: str | None,
               id_field: str | None, title_field: str | None, url_field: str | None,
               limit: int | None, max_chars: int, max_file_bytes: int | None,
               min_chars: int, quiet: bool, strict: bool, force: bool) -> None:
    """Analyse files, directories, globs or - (JSONL on stdin) into the store.

    Reads .txt, .html/.htm, .json, .jsonl, .csv/.tsv (one article a row, with a header;
    all also .gz), RSS/Atom (.rss/.atom/.xml) and .warc/.warc.gz. Articles already stored
    (same normalized text) are skipped, so a rerun after an interruption, or after
    --limit, goes on with the rest. Failures are recorded with file and position, the
    first 20 named on stderr as FILE[:LINE]: reason, and never stop the run; so are the
    first 20 warnings (a date dropped, say). When nothing could be stored or skipped
    because every input failed (only unsupported files, say), the exit status is 1.
    """
    from ..readers import ReadOptions
    from ..readers.base import DEFAULT_MAX_FILE_BYTES
    from ..store.ingest import estimate_total, ingest

    read_options = ReadOptions(fields=fields_from(fields, text_field=text_field,
                                                  published_field=published_field,
                                                  id_field=id_field, title_field=title_field,
                                                  url_field=url_field), max_chars=max_chars,
                               max_file_bytes=max_file_bytes or DEFAULT_MAX_FILE_BYTES,
                               min_chars=min_chars)
    workers = workers or os.cpu_count() or 1
    err = _console(stderr=True)
    show = not quiet and err.is_terminal
    callback = None
    progress = None
    if show:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        total = estimate_total(paths)
        progress = Progress(SpinnerColumn(), TextColumn("ingest"), BarColumn(),
                            MofNCompleteColumn(), TextColumn("{task.fields[rate]:.1f} art/s"),
                            TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                            TextColumn("[red]{task.fields[failed]} failed"),
                            console=err, transient=False)
        task = progress.add_task("ingest", total=total, rate=0.0, failed=0)

        def callback(s) -> None:  # type: ignore[no-untyped-def]
            progress.update(task, completed=s.done, rate=s.rate, failed=s.failed)

        progress.start()
    try:
        stats = ingest(paths, db_path, workers=workers, batch_size=batch_size,
                       options=Options(max_chars=max_chars, batch_size=min(batch_size, 64)),
                       read_options=read_options, progress=callback, force=force,
                       limit=limit)
    finally:
        if progress is not None:
            progress.stop()
    _summary(stats, db_path, err)
    if stats.interrupted:
        sys.exit(130)
    if stats.failed and not stats.stored and not stats.skipped:
        sys.exit(1)  # nothing readable at all (e.g. only unsupported files): not a success
    if strict and stats.failed:
        sys.exit(1)


def _summary(s, db_path: str, console) -> None:  # type: ignore[no-untyped-def]
    head = "interrupted" if s.interrupted else "done"
    console.print(f"[bold]{head}[/bold]: {s.stored:,} stored ({s.linked:,} linked to an "
                  f"earlier story), {s.skipped:,} already stored, {s.failed:,} failed "
                  f"in {s.elapsed:.1f} s ({s.rate:.1f} articles/s) -> {db_path}",
                  soft_wrap=True)
    for line in s.failures_shown:  # FILE[:LINE]: reason, plain (no markup, no wrapping)
        click.echo(line, err=True)
    if s.failed > len(s.failures_shown):
        click.echo(f"... and {s.failed - len(s.failures_shown):,} more failure(s): "
                   "`communique stats` lists them (table failures)", err=True)
    if s.failed > 1:
        for reason, n in s.reasons.most_common(5):
            console.print(f"  {n:>6,} x {reason}", markup=False, highlight=False,
                          soft_wrap=True)  # never wrapped at 80 columns in a log
    for line in s.warnings_shown:
        click.echo(f"warning: {line}", err=True)
    if s.warnings > len(s.warnings_shown):
        click.echo(f"... and {s.warnings - len(s.warnings_shown):,} more warning(s) while "
                   "reading", err=True)
    if s.interrupted:
        console.print("  everything counted above is committed; rerun to finish the rest",
                      soft_wrap=True)
    elif s.limited:
        console.print(f"  stopped at --limit ({s.stored:,} stored); rerun to store the next",
                      soft_wrap=True)


# --- queries ---------------------------------------------------------------------------------

def _country(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A country code as the web takes it (three letters, ISO alpha-3 or IGO), upper-cased."""
    if value is None:
        return None
    if len(value) != 3 or not value.isascii() or not value.isalpha():
        raise click.BadParameter(f"{value!r} is not a three-letter code (ISO alpha-3 or IGO)")
    return value.upper()


@click.command("quotes")
@db_option
@click.option("--speaker", "-s", help="Speaker name (substring, case-insensitive).")
@click.option("--speaker-id", type=click.IntRange(min=1), help="Speaker actor id (as the "
              "web's speaker facet).")
@click.option("--search", "-w", help="Words in the quote (full-text search). (-q, its "
              "short form before, now means --quiet everywhere and is refused here.)")
@click.option("--since", metavar="DATE", help="Published on or after DATE.")
@click.option("--until", metavar="DATE", help="Published on or before DATE.")
@click.option("--kind", type=click.Choice(["direct", "mixed", "indirect"]))
@click.option("--limit", type=click.IntRange(min=0), default=50, show_default=True,
              help="0 for all.")
@format_option()
@reads_store
def quotes_cmd(db_path: str, speaker: str | None, speaker_id: int | None, search: str | None,
               since: str | None, until: str | None, kind: str | None, limit: int,
               fmt: str | None) -> None:
    """Quotes in the store, newest first: who said what, where."""
    from ..store import read

    f = read.QuoteFilter(speaker=speaker, speaker_id=speaker_id, search=search, since=since,
                         until=until, kind=kind)
    rows = read.quotes(_open(db_path), f, limit=limit or None, total=False).items
    cols = ["date", "speaker", "kind", "content", "source"] if _as_table(fmt) else None
    emit(rows, fmt, "Quotes", cols)


@click.command("events")
@db_option
@click.option("--actor", "-a", help="An actor on either side of the event (actor or "
              "recipient, as the web's actor=): name substring, country code, key or id.")
@click.option("--recipient", "-r", help="The event's (first) recipient only: name substring, "
              "country code, key or id.")
@click.option("--type", "-t", "etype", help="PLOVER event type (ACCUSE, CONSULT, ...).")
@click.option("--quad", type=click.IntRange(0, 4), help="Quad class: 1 verbal cooperation, "
              "2 material cooperation, 3 verbal conflict, 4 material conflict (0 none).")
@click.option("--mode", help="Event mode, e.g. disapprove; 'none' for events without one.")
@click.option("--country", "-c", callback=_country, metavar="ISO3",
              help="Country of the first actor or the first recipient (ISO alpha-3, IGO).")
@click.option("--actor-country", callback=_country, metavar="ISO3",
              help="Country of the event's first actor.")
@click.option("--recipient-country", callback=_country, metavar="ISO3",
              help="Country of the event's first recipient.")
@click.option("--since", metavar="DATE", help="Published on or after DATE.")
@click.option("--until", metavar="DATE", help="Published on or before DATE.")
@click.option("--per-story", is_flag=True,
              help="One row per distinct event of a story (wire copies counted once).")
@click.option("--counted", "--no-negated", "counted", is_flag=True,
              help="Leave negated events out, as the store's counts (stats) do.")
@click.option("--limit", type=click.IntRange(min=0), default=50, show_default=True,
              help="0 for all.")
@format_option()
@reads_store
def events_cmd(db_path: str, actor: str | None, recipient: str | None, etype: str | None,
               quad: int | None, mode: str | None, country: str | None,
               actor_country: str | None, recipient_country: str | None,
               since: str | None, until: str | None, per_story: bool, counted: bool,
               limit: int, fmt: str | None) -> None:
    """Events (GDELT-like rows): date, actor, type, recipient, score, flags, sentence.

    Negated, hypothetical and future events are listed with their flags (in the table,
    a flags column: neg, hyp, fut); --counted leaves the negated ones out. --actor finds
    an actor on either side of an event, --recipient only as its target. --type, --quad,
    --mode and the country options are the web's facets (the same read layer).
    """
    from ..store import queries, read

    db = _open(db_path)
    for value, hint in ((actor, "--actor"), (recipient, "--recipient")):
        if value and not queries.actor_exists(db, value):
            raise UnknownValue(hint, f"no actor in the store has the id or key {value!r}, "
                                     "a name containing it or that country code; "
                                     "`communique actors top` lists them")
    if etype:
        accepted = queries.event_types(db)
        if etype.upper() not in accepted:
            raise UnknownValue("--type", f"{etype!r} is not an event type; accepted: "
                                         f"{', '.join(accepted)}")
    if mode:
        mode = mode.strip().lower()
        accepted_modes = queries.event_modes(db)
        if accepted_modes and mode not in accepted_modes:
            raise UnknownValue("--mode", f"{mode!r} is not a mode of the store's events; "
                                         f"accepted: {', '.join(accepted_modes)}")
    f = read.EventFilter(actor=actor, recipient=recipient, type=etype, quad=quad, mode=mode,
                         country=country, actor_country=actor_country,
                         recipient_country=recipient_country, since=since, until=until,
                         per_story=per_story, counted=counted)
    rows = read.events(db, f, limit=limit or None, total=False).items
    cols = None
    if _as_table(fmt):
        cols = ["date", "actor1_name", "type", "mode", "actor2_name", "score", "flags",
                "sentence"]
        for r in rows:
            r["flags"] = " ".join(name for key, name in (("negated", "neg"),
                                  ("hypothetical", "hyp"), ("future", "fut")) if r.get(key))
    emit(rows, fmt, "Events", cols)


@click.command("top")
@db_option
@click.option("--by", type=click.Choice(["articles", "stories", "mentions", "quotes"]),
              default="articles", show_default=True,
              help="Rank by articles naming the actor, stories (wire copies once), "
                   "mentions, or quotes attributed to it.")
@click.option("--kind", type=click.Choice(["person", "country", "organization", "group",
                                           "location", "other"]),
              help="Only actors of this kind.")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True,
              help="Rows to list.")
@format_option()
@reads_store
def actors_top_cmd(db_path: str, by: str, kind: str | None, limit: int,
                   fmt: str | None) -> None:
    """The most present actors in the store (one row per canonical actor)."""
    from ..store import read

    page = read.top_actors(_open(db_path), read.ActorFilter(kind=kind), by=by, limit=limit)
    emit(page.items, fmt, "Actors")


#: keys of ``queries.stats`` renamed in what ``stats`` prints: a count of events, not a
#: ratio (the store's ``story_events`` view: one row per distinct event of a story)
STATS_NAMES = {"events_per_story": "story_events",
               "main_events_per_story": "main_story_events"}
STATS_LABELS = {"story_events": "story events (wire copies once)",
                "events": "events (not negated)"}


def flat_stats(s: dict[str, Any], prefix: str = "") -> list[dict[str, Any]]:
    """``stats`` as ``metric, value`` rows (the CSV): nested keys joined with dots
    (``events_by_type.ACCUSE``, ``runs.1.stored``), lists of names joined with commas."""
    rows: list[dict[str, Any]] = []
    for key, value in s.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            rows += flat_stats(value, f"{name}.")
        elif isinstance(value, list) and all(isinstance(v, dict) for v in value) and value:
            for i, v in enumerate(value, 1):
                rows += flat_stats(v, f"{name}.{i}.")
        elif isinstance(value, list):
            rows.append({"metric": name, "value": ",".join(map(str, value))})
        else:
            rows.append({"metric": name, "value": value})
    return rows


@click.command("stats")
@db_option
@format_option("table on a terminal, jsonl in a pipe; json and jsonl give one object, "
               "csv one metric,value row per figure")
@reads_store
def stats_cmd(db_path: str, fmt: str | None) -> None:
    """What the store holds: counts, dates, failures, recent runs."""
    from ..store import queries

    db = _open(db_path)
    s = {STATS_NAMES.get(k, k): v for k, v in queries.stats(db).items()}
    from ..watch.state import sources_health

    s["sources"] = sources_health(db)
    fmt = fmt or ("table" if sys.stdout.isatty() else "jsonl")
    if fmt == "json":
        json.dump(s, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    if fmt == "jsonl":
        sys.stdout.write(json.dumps(s, ensure_ascii=False) + "\n")
        return
    if fmt == "csv":
        emit(flat_stats(s), "csv", "Stats", ["metric", "value"])
        return
    from rich.table import Table

    c = _console()
    t = Table(title=f"{db_path}", show_header=False)
    for key in ("articles", "stories", "actors", "mentions", "quotes", "events",
                "story_events", "failures", "first_date", "last_date"):
        if key not in s:
            continue
        label = STATS_LABELS.get(key, key.replace("_", " "))
        t.add_row(label, f"{s[key]:,}" if isinstance(s[key], int)
                  else str(s[key] or "—"))
    t.add_row("schema", ", ".join(s["schema"]))
    c.print(t)
    if s["events_by_type"]:
        emit([{"type": k, "events": v} for k, v in s["events_by_type"].items()], "table",
             "Events by type")
    if s["recent_failures"]:
        emit(s["recent_failures"], "table", "Recent failures")
    if s["sources"]:
        emit(s["sources"], "table", "Watched sources", ["url", "kind", "health", "last_poll",
                                                       "last_success", "errors", "stored",
                                                       "waiting", "failed", "last_error"])


@click.command("export")
@db_option
@click.option("--what", type=click.Choice(["events", "quotes", "actors", "articles"]),
              help="The table to export (required unless --datasette-metadata).")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]),
              default="jsonl", show_default=True)
@click.option("--out", "-o", metavar="FILE", help="Output file (default: standard output).")
@click.option("--force", is_flag=True, help="Overwrite --out if it exists (never the store).")
@click.option("--raw-csv", is_flag=True,
              help="CSV cells as stored: no apostrophe before a leading = + - @ tab or CR "
                   "(which spreadsheets would run as a formula).")
@click.option("--datasette-metadata", "metadata", metavar="FILE",
              help="Write a Datasette metadata.json labelling the store's tables and "
                   "columns (`datasette STORE -m FILE`), instead of exporting a table.")
@reads_store
def export_cmd(db_path: str, what: str | None, fmt: str, out: str | None, force: bool,
               raw_csv: bool, metadata: str | None) -> None:
    """Export a table; `--what articles --format jsonl` gives the analysis records.

    --out is written to a temporary file renamed into place; it is refused when it is
    the store (or its -wal/-shm file) or, without --force, when it exists.
    """
    from ..store.export import export, export_file

    if metadata is None and what is None:
        raise click.UsageError("Missing option '--what' (or give --datasette-metadata).")
    db = _open(db_path)
    if metadata is not None:
        _write_metadata(db, db_path, metadata, force)
        return
    try:
        if out:
            n = export_file(db, what, fmt, out, store=db_path, force=force, raw_csv=raw_csv)
        else:
            n = export(db, what, fmt, None if fmt == "parquet" else sys.stdout,
                       raw_csv=raw_csv)
    except OSError as exc:
        if not out:
            raise
        raise click.ClickException(f"{out}: cannot write ({exc.strerror or exc})") from None
    if out:
        _console(stderr=True).print(f"{n:,} {what} -> {out}")


def _write_metadata(db: Any, db_path: str, path: str, force: bool) -> None:
    from pathlib import Path

    from ..store.export import datasette_metadata

    target = Path(path)
    if target.exists() and not force:
        raise click.ClickException(f"{path}: exists (use --force to overwrite)")
    if target.resolve() == Path(db_path).resolve():
        raise click.ClickException(f"{path}: is the store")
    name = Path(db_path).stem
    try:
        target.write_text(json.dumps(datasette_metadata(db, name), indent=2) + "\n",
                          encoding="utf-8")
    except OSError as exc:
        raise click.ClickException(f"{path}: cannot write ({exc.strerror or exc})") from None
    _console(stderr=True).print(f"Datasette metadata -> {path} "
                                f"(open with: datasette {db_path} -m {path})")


# --- synthetic corpus and benchmark ------------------------------------------------------

@click.command("synth")
@click.argument("n", type=click.IntRange(min=1))
@click.option("--out", "-o", required=True, metavar="DIR|FILE",
              help="A .jsonl, .csv or .tsv file (one article a line or row), or a directory "
                   "for one file per article.")
@click.option("--seed", type=int, default=0, show_default=True,
              help="Random seed: the same seed gives the same result.")
@click.option("--dir-format", type=click.Choice(["json", "txt"]), default="json",
              show_default=True, help="File type when --out is a directory.")
def synth_cmd(n: int, out: str, seed: int, dir_format: str) -> None:
    """Write N synthetic news articles (deterministic for a seed), with wire copies."""
    from pathlib import Path

    from ..synth import write

    target = Path(out)
    if target.suffix and target.suffix not in (".jsonl", ".ndjson", ".csv", ".tsv") \
            and not target.is_dir():
        raise click.BadParameter(f"{out}: give a .jsonl, .csv or .tsv file or a directory "
                                 "(a directory is not made from a file name)",
                                 param_hint="--out")
    count = write(n, out, seed=seed, fmt=dir_format)
    _console(stderr=True).print(f"{count:,} articles -> {out}")


@click.command("ingest")
@click.option("--articles", "-n", type=click.IntRange(min=10), default=2000,
              show_default=True, help="Synthetic articles to generate.")
@click.option("--corpus", type=click.Path(exists=True, dir_okay=False),
              help="Use this JSONL corpus instead of a synthetic one.")
@click.option("--workers", default="1,2", show_default=True,
              help="Comma-separated worker counts to run.")
@click.option("--batch-size", type=click.IntRange(min=1), default=64, show_default=True)
@click.option("--seed", type=int, default=0, show_default=True,
              help="Random seed: the same seed gives the same result.")
@click.option("--no-baseline", is_flag=True, help="Skip the analyze_many baseline.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def bench_ingest_cmd(articles: int, corpus: str | None, workers: str, batch_size: int,
                     seed: int, no_baseline: bool, as_json: bool) -> None:
    """Ingest articles/s against analyze_many on the same texts, worker speed-up, memory."""
    from ..store.bench import bench_ingest

    try:
        counts = tuple(sorted({int(w) for w in workers.split(",") if w.strip()}))
    except ValueError:
        raise click.BadParameter(f"{workers!r} is not a list of numbers",
                                 param_hint="--workers") from None
    r = bench_ingest(articles, workers=counts, batch_size=batch_size, seed=seed,
                     baseline=not no_baseline, corpus=corpus)
    if as_json:
        click.echo(json.dumps(r, indent=2))
        return
    lines = [f"{r['articles']:,} articles, {r['cores']} cores, batch {batch_size}, load "
             f"average {r['load_before']:.1f} before / {r['load_after']:.1f} after "
             "(figures need an otherwise idle machine)"]
    if "analyze_many" in r:
        lines.append(f"analyze_many (warm, in-process)  {r['analyze_many']['rate']:8.2f} "
                     f"articles/s   cpu {r['analyze_many']['cpu_seconds']:.1f} s")
    for w, run in r["runs"].items():
        label = "(warm)" if w == 1 else "(cold)"
        lines.append(f"ingest --workers {w:<2} {label}       {run['rate']:8.2f} articles/s"
                     f"   cpu {run['cpu_seconds']:.1f} s (parent {run['parent_cpu_seconds']:.1f})"
                     f"   peak {run['peak_rss_mb']:,.0f} MB   {run['stored']:,} stored, "
                     f"{run['linked']:,} linked, {run['failed']} failed"
                     + (f"   x{run['speedup']:.2f}" if "speedup" in run and w != 1 else ""))
    if "ratio_single" in r:
        lines.append(f"single-worker ratio ingest/analyze_many  {r['ratio_single']:.3f}")
    _console().print("\n".join(lines))


def register(cli: click.Group, bench: click.Group | None = None) -> None:
    """Add the corpus commands to the main group, ``top`` to its ``actors`` group (made
    if missing), and ``bench ingest`` to ``bench``."""
    for cmd in (ingest_cmd, quotes_cmd, events_cmd, stats_cmd, export_cmd, synth_cmd):
        cli.add_command(cmd)
    actors = cli.commands.get("actors")
    if not isinstance(actors, click.Group):
        actors = click.Group("actors", help="Actors across the corpus.")
        cli.add_command(actors)
    actors.add_command(actors_top_cmd)
    if bench is not None:
        bench.add_command(bench_ingest_cmd)
