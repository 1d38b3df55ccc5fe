"""``communique train``: fit the learned components on annotated corpora."""

from __future__ import annotations

from pathlib import Path

import click


def _default_out() -> Path:
    from importlib import resources

    from ..quotes.learn import WEIGHTS

    return Path(str(resources.files("communique.quotes") / "data" / WEIGHTS))


@click.group("train")
def train() -> None:
    """Train the learned components (seeded, reproducible; CI never trains)."""


@train.command("quotes")
@click.option("--polnear", "root", required=True, type=click.Path(exists=True, file_okay=False),
              help="PolNeAR-format corpus directory (train/ is fitted, dev/ scored).")
@click.option("--out", type=click.Path(dir_okay=False),
              help="Weights file (.npz; metadata beside it as .json). Default: the "
                   "package's own model.")
@click.option("--seed", type=int, default=0, show_default=True,
              help="Random seed: the same seed gives the same result.")
@click.option("--folds", type=click.IntRange(min=0), default=5, show_default=True,
              help="Cross-validation folds on train for the thresholds (0: no CV).")
@click.option("--limit", type=click.IntRange(min=1),
              help="Only the first N articles of each split (a quick check).")
def train_quotes_cmd(root: str, out: str | None, seed: int, folds: int,
                     limit: int | None) -> None:
    """Train the quote attribution model (cue and content models) on PolNeAR train,
    choose its thresholds by cross-validation, score rules / model / combination on
    dev, and write the weights with their metadata."""
    from ..quotes.train import train_quotes

    meta = train_quotes(root, out or _default_out(), seed=seed, folds=folds, limit=limit,
                        log=click.echo)
    for mode, fig in meta.get("dev", {}).items():
        if isinstance(fig, dict):
            click.echo(f"dev {mode:9s} " + "  ".join(f"{k} {v:.3f}" for k, v in fig.items()))


@train.command("events")
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
    import json

    from ..events.classifier import MODEL_PATH
    from ..events.train import train as train_classifier

    report = train_classifier(cameo, out or MODEL_PATH, cv=cv, limit=limit)
    click.echo(json.dumps(report, indent=2))
