"""``communique bench``: speed figures, always against a baseline from the same run."""

from __future__ import annotations

from pathlib import Path

import click

from ..inputs import read_article
from .console import make_console


def _sample_texts() -> list[str]:
    from importlib import resources

    root = resources.files("communique") / "samples"
    return [p.read_text(encoding="utf-8") for p in sorted(root.iterdir(), key=lambda p: p.name)
            if p.name.endswith(".txt")]


@click.group("bench")
def bench() -> None:
    """Benchmarks (figures are ratios against a baseline measured in the same run)."""


@bench.command("speed")
@click.argument("paths", nargs=-1)
@click.option("--polnear", type=click.Path(exists=True, file_okay=False),
              help="Use the texts of a PolNeAR corpus split as the workload.")
@click.option("--split", default="dev", show_default=True,
              help="The split (subdirectory) of the corpus to read.")
@click.option("--limit", type=click.IntRange(min=1), default=200, show_default=True,
              help="Articles in the workload.")
@click.option("--repeat", type=click.IntRange(min=1), default=2, show_default=True,
              help="Timed runs (the best one counts).")
@click.option("--parts/--no-parts", default=True, show_default=True,
              help="Also time the stages added one at a time (CPU ms per article).")
def speed(paths: tuple[str, ...], polnear: str | None, split: str, limit: int,
          repeat: int, parts: bool) -> None:
    """analyze_many articles/s against bare spaCy on the same texts, and their ratio.

    The workload is PATHS (.txt), a PolNeAR split, or the bundled sample articles.
    """
    from ..bench import bench_speed

    if paths:
        texts = [read_article(p)[0].text for p in paths]
    elif polnear:
        files = sorted((Path(polnear) / split / "text").glob("*.txt"))[:limit]
        texts = [f.read_text(encoding="utf-8") for f in files]
    else:
        texts = _sample_texts()
    if not texts:
        raise click.UsageError("no texts to benchmark")
    r = bench_speed(texts, repeat=repeat, parts=parts)
    make_console().print(
        f"{r['articles']} articles, {r['words']:,} words          wall clock    CPU time\n"
        f"bare spaCy      articles/s {r['spacy_articles_per_s']:10.2f} "
        f"{r['spacy_cpu_articles_per_s']:10.2f}\n"
        f"analyze_many    articles/s {r['communique_articles_per_s']:10.2f} "
        f"{r['communique_cpu_articles_per_s']:10.2f}\n"
        f"ratio (CPU)     {r['ratio']:.3f}   (wall {r['wall_ratio']:.3f}; "
        "1.0 = extraction costs nothing)")
    if r["parts_ms"]:
        make_console().print("cost per article (CPU ms): " + ", ".join(
            f"{k} {v:.1f}" for k, v in r["parts_ms"].items()))
