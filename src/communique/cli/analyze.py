"""``communique analyze``: one or more articles to records or tables."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator

import click

from ..errors import InputError
from ..inputs import read_article
from ..model import Article, iso_date
from ..options import DEFAULT_MAX_CHARS, QUOTE_MODELS, Options
from ..readers import ReadOptions, read_paths
from .reading import field_options, fields_from


@click.command("analyze")
@click.argument("paths", nargs=-1, required=True)
@click.option("--date", "published", metavar="YYYY-MM-DD",
              help="Publication date of the article(s); used to resolve roles held on it.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "jsonl"]),
              default=None, help="table (default on a terminal), jsonl (one record a "
              "line, default in a pipe) or json (one JSON value: an object for one input, "
              "an array for several).")
@click.option("--max-chars", type=click.IntRange(min=1), default=DEFAULT_MAX_CHARS,
              show_default=True, help="Refuse longer articles (bounds memory).")
@click.option("--no-indirect", is_flag=True, help="Only quotes in quotation marks.")
@click.option("--beliefs", is_flag=True,
              help="Also keep attributed beliefs and intentions, not only statements.")
@click.option("--quote-model", type=click.Choice(QUOTE_MODELS), default="combined",
              show_default=True, help="Quotes from rules and trained model, or either alone.")
@field_options
@click.option("--kb", "kb_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Extra knowledge-base CSV (adds or overrides rows); repeatable.")
def analyze_cmd(paths: tuple[str, ...], published: str | None, fmt: str | None,
                max_chars: int, no_indirect: bool, beliefs: bool, quote_model: str,
                kb_files: tuple[str, ...], text_field: str | None,
                published_field: str | None, id_field: str | None, title_field: str | None,
                url_field: str | None) -> None:
    """Analyse articles: quotes, speakers, actors, events.

    PATH is a .txt or .html file, a JSON/JSONL file, a CSV/TSV file (a header row, then
    one article a row), a feed, a WARC, a directory, or - for the text of one article on
    standard input. Several articles give one JSON line
    each, in input order. An unreadable input is reported on stderr in one line and
    skipped; the exit status is then 1.
    """
    if published:
        try:
            iso_date(published)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--date") from None
    from ..pipeline import analyze_many
    from .render import analysis_tables

    options = Options(max_chars=max_chars, indirect=not no_indirect, kb_files=kb_files,
                      beliefs=beliefs, quote_model=quote_model)
    failed = 0

    read_options = ReadOptions(max_chars=max_chars, fields=fields_from(
        text_field=text_field, published_field=published_field, id_field=id_field,
        title_field=title_field, url_field=url_field))

    def articles() -> Iterator[Article]:
        nonlocal failed
        for path in paths:
            if path == "-":  # the raw text of one article
                try:
                    article, warnings = read_article(path, published=published,
                                                     max_chars=max_chars)
                except InputError as exc:
                    failed += 1
                    click.echo(f"error: {exc}", err=True)
                    continue
                for w in warnings:
                    click.echo(f"warning: {w}", err=True)
                yield article
                continue
            # .txt, .html, .json/.jsonl(.gz), feeds, WARC: the same readers as ingest
            for item in read_paths([path], read_options):
                for w in item.warnings:
                    click.echo(f"warning: {w}", err=True)
                if item.article is None:
                    failed += 1
                    click.echo(f"error: {item.where}: {item.reason}", err=True)
                    continue
                if published:
                    item.article.published = published
                yield item.article

    fmt = fmt or ("table" if sys.stdout.isatty() else "jsonl")
    if fmt == "json":  # one JSON value: an object for one record, else an array
        records = [a.to_dict() for a in analyze_many(articles(), options=options)]
        value = records[0] if len(records) == 1 and len(paths) == 1 else records
        json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    for analysis in analyze_many(articles(), options=options) if fmt != "json" else ():
        if fmt == "table":
            for renderable in analysis_tables(analysis):
                _console().print(renderable)
        else:
            sys.stdout.write(json.dumps(analysis.to_dict(), ensure_ascii=False))
            sys.stdout.write("\n")
            sys.stdout.flush()
    if failed:
        sys.exit(1)


def _console():
    from .console import make_console

    return make_console()
