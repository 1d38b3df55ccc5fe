"""``communique train``: fit the learned parts of the pipeline (seeded; CI never trains)."""

from __future__ import annotations

import json

import click


@click.group("train")
def train_group() -> None:
    """Train the pipeline's learned models from annotated files."""


@train_group.command("events")
@click.option("--cameo", "cameo", required=True, type=click.Path(exists=True, dir_okay=False),
              help="5-class CAMEO sentence file (sentence<TAB>0..4).")
@click.option("--out", "out", type=click.Path(dir_okay=False),
              help="Where to write the weights (.npz); default: the packaged model.")
@click.option("--cv/--no-cv", default=True, show_default=True,
              help="Report 5-fold out-of-fold figures before fitting on all rows.")
@click.option("--limit", type=click.IntRange(min=1), help="Only the first N sentences.")
def train_events(cameo: str, out: str | None, cv: bool, limit: int | None) -> None:
    """Fit the sentence-level quad classifier that picks each sentence's main event
    (seed 13), print out-of-fold figures of the rules, the classifier and both, and
    save the weights."""
    from ..events.classifier import MODEL_PATH
    from ..events.train import train

    report = train(cameo, out or MODEL_PATH, cv=cv, limit=limit)
    click.echo(json.dumps(report, indent=2))
