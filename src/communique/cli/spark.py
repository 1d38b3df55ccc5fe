"""Spark commands: ``spark analyze`` (the job), ``load`` (its output into the store) and
``bench spark``. PySpark is imported only when a Spark command runs, so the rest of the
CLI works without the ``spark`` extra."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..options import DEFAULT_MAX_CHARS, Options

#: partition grains (name -> characters of the ISO date); spark.job checks they agree
GRAINS = {"day": 10, "month": 7, "year": 4}
DEFAULT_GRAIN = "month"


def _need_pyspark() -> None:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        raise click.ClickException("PySpark is not installed: pip install 'communique[spark]' "
                                   "(and Java 17)") from None


@click.group("spark")
def spark() -> None:
    """Run the analysis on Apache Spark (local cores or a cluster)."""


@spark.command("analyze")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", "out_dir", required=True, metavar="DIR",
              help="Output directory (local path or any Hadoop URI, e.g. s3a://...).")
@click.option("--master", default="local[*]", show_default=True, metavar="URL",
              help="Spark master, e.g. local[2]; '' keeps the one spark-submit set.")
@click.option("--partitions", type=click.IntRange(min=1), default=None,
              help="Analysis partitions (default: 4 per core).")
@click.option("--format", "fmt", type=click.Choice(["auto", "files", "parquet"]),
              default="auto", show_default=True,
              help="files: JSONL/JSON/CSV/TSV/text/HTML/WARC by name; parquet: tables of articles.")
@click.option("--field", "fields", multiple=True, metavar="ATTR=NAME",
              help="Field holding an attribute, e.g. --field text=body (repeatable).")
@click.option("--max-chars", type=click.IntRange(min=1), default=DEFAULT_MAX_CHARS,
              show_default=True, help="Refuse longer articles.")
@click.option("--partition-by", type=click.Choice(list(GRAINS)), default=DEFAULT_GRAIN,
              show_default=True,
              help="Date partitions of the output tables: day suits archives with "
                   "thousands of articles a day; finer than the corpus writes tiny files.")
def analyze_cmd(inputs: tuple[str, ...], out_dir: str, master: str,
                partitions: int | None, fmt: str, fields: tuple[str, ...],
                max_chars: int, partition_by: str) -> None:
    """Analyse INPUTS on Spark into Parquet tables under --out: articles, actors, quotes,
    events (the columns of `communique export`), records (for `communique load`) and
    failures (every refused record with its reason)."""
    _need_pyspark()
    from pyspark.errors import PySparkException

    from ..readers import Fields, ReadOptions
    from ..spark.job import run, session

    for path in inputs:  # local paths are checked before a JVM starts
        if "://" not in path and not path.startswith("file:") and not Path(path).exists():
            raise click.ClickException(f"{path}: no such file or directory")
    read_options = ReadOptions(fields=Fields.parse(list(fields)), max_chars=max_chars)
    try:
        result = run(list(inputs), out_dir, spark=session(master or None),
                     partitions=partitions, fmt=fmt, options=Options(max_chars=max_chars),
                     read_options=read_options, partition_by=partition_by)
    except PySparkException as exc:  # e.g. a remote path that does not exist
        text = str(exc).strip()
        raise click.ClickException(text.splitlines()[0] if text else type(exc).__name__
                                   ) from None
    click.echo(f"{result['articles']:,} articles analysed, {result['failures']:,} failures, "
               f"in {result['seconds']:.1f} s -> {out_dir}", err=True)


@click.command("load")
@click.argument("out_dir", metavar="DIR", type=click.Path(exists=True, file_okay=False))
@click.option("--db", "db_path", default="communique.db", show_default=True, metavar="FILE",
              help="The SQLite store.")
@click.option("--batch-size", type=click.IntRange(min=1), default=64, show_default=True,
              help="Articles per database transaction.")
def load_cmd(out_dir: str, db_path: str, batch_size: int) -> None:
    """Load the output of `communique spark analyze` into the store (idempotent: what is
    stored already is skipped; wire copies are linked into stories as by ingest)."""
    from ..spark.load import load

    s = load(out_dir, db_path, batch_size=batch_size)
    click.echo(f"{s.stored:,} stored ({s.linked:,} linked to an earlier story), "
               f"{s.skipped:,} already stored, {s.failed:,} failures recorded, "
               f"in {s.seconds:.1f} s -> {db_path}", err=True)


@click.command("spark")
@click.option("--articles", "n", type=click.IntRange(min=1), default=400, show_default=True,
              help="Synthetic articles in the corpus.")
@click.option("--partitions", type=click.IntRange(min=1), default=None,
              help="Analysis partitions (default: 4 per core).")
@click.option("--partition-by", type=click.Choice(list(GRAINS)), default=DEFAULT_GRAIN,
              show_default=True, help="Date partitions of the output tables.")
@click.option("--no-ingest", is_flag=True, help="Skip the local ingest comparison.")
@click.option("--no-pin", is_flag=True,
              help="Let local[1] use every CPU (its JVM threads then run beside the task).")
def bench_spark_cmd(n: int, partitions: int | None, partition_by: str,
                    no_ingest: bool, no_pin: bool) -> None:
    """Spark job articles/s on local[1] and local[2], the speed-up, and Spark's overhead
    against local `ingest --workers 2` on the same synthetic corpus."""
    _need_pyspark()
    from ..spark.bench import bench_spark

    def show(name: str, run: dict[str, Any]) -> None:
        line = (f"{name:<20} {run['rate']:7.2f} articles/s "
                f"({run['articles']} in {run['seconds']:.1f} s")
        if "analyze_seconds" in run:
            line += (f"; reading and analysis {run['analyze_seconds']:.1f} s, "
                     f"{run['analyze_rate']:.2f} articles/s")
        click.echo(f"{line}; on {run['cpus']} CPU{'s' * (run['cpus'] > 1)}; "
                   f"load average {run['load']:.1f})")

    click.echo(f"corpus: {n} synthetic articles; output partitioned by {partition_by}")
    r = bench_spark(n, partitions=partitions, partition_by=partition_by, pin=not no_pin,
                    ingest_workers=None if no_ingest else 2, progress=show)
    if "speedup" in r:
        click.echo(f"speed-up local[2] / local[1]: {r['speedup']:.2f}x "
                   f"(reading and analysis alone: {r['analyze_speedup']:.2f}x)")
    if "overhead" in r:
        click.echo(f"spark overhead vs ingest --workers 2: {100 * r['overhead']:+.0f}% time")
