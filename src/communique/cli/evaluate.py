"""``communique eval``: score the pipeline against public gold data."""

from __future__ import annotations

import json

import click
from rich.table import Table

from ..options import QUOTE_MODELS, Options
from .console import make_console


@click.group("eval")
def eval_group() -> None:
    """Evaluate against annotated corpora."""


@eval_group.command("quotes")
@click.option("--polnear", "root", required=True, type=click.Path(exists=True, file_okay=False),
              help="PolNeAR-format corpus directory (with train/ and dev/).")
@click.option("--split", default="dev", show_default=True,
              help="The split (subdirectory) of the corpus to read.")
@click.option("--limit", type=click.IntRange(min=1), help="Only the first N articles.")
@click.option("--quote-model", type=click.Choice(QUOTE_MODELS), default="combined",
              show_default=True, help="Rules and trained model, or either alone.")
@click.option("--statements-only", is_flag=True,
              help="Score the default record (statements only); by default beliefs and "
                   "intentions are kept, as PolNeAR annotates them.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def eval_quotes(root: str, split: str, limit: int | None, quote_model: str,
                statements_only: bool, as_json: bool) -> None:
    """Quote precision, recall and F1 (overlap and exact; all and quoted), speaker and cue
    accuracy, and speed, on a PolNeAR split."""
    from ..evaluate import evaluate_polnear

    options = Options(quote_model=quote_model, beliefs=not statements_only)
    r = evaluate_polnear(root, split, limit=limit, options=options)
    if as_json:
        click.echo(json.dumps(r, indent=2))
        return
    t = Table(title=f"PolNeAR {split}: {r['articles']} articles")
    for col in ("subset", "match", "precision", "recall", "F1"):
        t.add_column(col)
    for key, subset, match in (("all_overlap", "all attributions", "overlap"),
                               ("all_exact", "all attributions", "exact"),
                               ("quoted_overlap", "quoted", "overlap"),
                               ("quoted_exact", "quoted", "exact")):
        m = r[key]
        t.add_row(subset, match, f"{m['precision']:.3f}", f"{m['recall']:.3f}",
                  f"{m['f1']:.3f}")
    console = make_console()
    console.print(t)
    console.print(f"speaker accuracy {r['speaker_accuracy']:.3f}   "
                  f"cue accuracy {r['cue_accuracy']:.3f}   "
                  f"{r['articles_per_second']:.2f} articles/s")
