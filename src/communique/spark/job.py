"""The Spark job: inputs -> articles -> ``analyze_many`` per partition -> Parquet tables.

Reading reuses the project's readers (the same code decides what an article is and why
a record is refused), analysis runs the local ingest's batch function inside
``mapInPandas`` (spaCy loads once per Python worker, which Spark reuses across tasks),
and the output tables have the columns of ``communique export``. Nothing is collected to
the driver, so the corpus size is bounded by the cluster, not by one machine.

Usable from a notebook::

    from communique.spark.job import analyze_dataframe
    tables = analyze_dataframe(spark.read.parquet("s3://bucket/news/"))
    tables["events"].groupBy("type").count().show()
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..options import Options
from ..readers import ReadOptions
from .rows import COLUMNS

if TYPE_CHECKING:
    import pandas as pd
    from pyspark.sql import DataFrame, SparkSession

#: output tables, in the order they are written
TABLES = ("records", "failures", "articles", "actors", "quotes", "events")
#: the date column of the dated tables: published date (YYYY-MM-DD), or "unknown"
PARTITION = "day"
UNKNOWN_DAY = "unknown"
#: how finely the dated tables may be partitioned: the name and the prefix of ``day`` kept
GRAINS = {"day": 10, "month": 7, "year": 4}
DEFAULT_GRAIN = "month"

#: columns of the article rows between reading and analysis
_ARTICLE_FIELDS = ("file", "position", "hash", "id", "text", "title", "url", "source",
                   "published", "reason")
_ANALYSED_FIELDS = ("file", "position", "hash", "day", "record", "signature", "tables",
                    "reason", "stage")


def session(master: str | None = "local[2]", app: str = "communique",
            conf: dict[str, str] | None = None) -> SparkSession:
    """A SparkSession whose Python workers run this interpreter (so they import the same
    installed communique); on a cluster pass ``master=None`` and let spark-submit decide."""
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app)
    if master:
        builder = builder.master(master)
        if master.startswith("local"):
            builder = (builder.config("spark.ui.enabled", "false")
                       .config("spark.sql.shuffle.partitions", "4")
                       .config("spark.driver.memory", "4g"))
    for key, value in (conf or {}).items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


# --- schemas ------------------------------------------------------------------------------

def _spark_type(name: str) -> Any:
    """The Spark type of an export column, given as the name of a pyarrow type factory
    (as :mod:`store.export` writes its Parquet schema)."""
    import pyarrow as pa
    from pyspark.sql import types as T

    t = getattr(pa, name)()
    for test, spark_type in ((pa.types.is_boolean, T.BooleanType()),
                             (pa.types.is_integer, T.LongType()),
                             (pa.types.is_floating, T.DoubleType()),
                             (pa.types.is_string, T.StringType())):
        if test(t):
            return spark_type
    raise TypeError(f"no Spark type for export column type {name!r}")


def _article_schema() -> Any:
    from pyspark.sql import types as T

    return T.StructType([T.StructField(n, T.LongType() if n == "position" else T.StringType())
                         for n in _ARTICLE_FIELDS])


def _analysed_schema() -> Any:
    from pyspark.sql import types as T

    return T.StructType([T.StructField(n, T.LongType() if n == "position" else
                                       T.BinaryType() if n == "signature" else T.StringType())
                         for n in _ANALYSED_FIELDS])


def _tables_schema() -> Any:
    """The JSON that :func:`rows.export_rows` returns for one record, as a Spark type."""
    from pyspark.sql import types as T

    def struct(cols: list[tuple[str, str]], *extra: Any) -> Any:
        return T.StructType([T.StructField(c, _spark_type(t)) for c, t in cols] + list(extra))

    actor_cols = [c for c in COLUMNS["actors"] if c[0] != "articles"]
    quote_cols = [c for c in COLUMNS["quotes"] if c[0] != "speakers"]
    return T.StructType([
        T.StructField("article", struct(COLUMNS["articles"])),
        T.StructField("actors", T.ArrayType(struct(
            actor_cols, T.StructField("index", T.LongType())))),
        T.StructField("quotes", T.ArrayType(struct(
            quote_cols, T.StructField("speaker_actor_ids", T.ArrayType(T.LongType()))))),
        T.StructField("events", T.ArrayType(struct(COLUMNS["events"]))),
    ])


# --- reading (executor side) ---------------------------------------------------------------

def _local_name(path: str) -> str:
    """``file:/x/y`` as ``/x/y``, so a local run names files as ``communique ingest`` does."""
    if path.startswith("file://"):
        return path[7:]
    return path[5:] if path.startswith("file:") else path


def _article_row(item: Any) -> dict[str, Any]:
    """A reader :class:`Item` as an article row (or a failure row with its reason)."""
    from ..store.dedup import text_hash

    a = item.article
    if a is None:
        return {"file": item.file, "position": item.position, "reason": item.reason}
    return {"file": item.file, "position": item.position, "hash": text_hash(a.text),
            "id": a.id, "text": a.text, "title": a.title, "url": a.url, "source": a.source,
            "published": a.published, "reason": None}


def _frame(rows: list[dict[str, Any]], fields: tuple[str, ...]) -> pd.DataFrame:
    import pandas as pd

    frame = pd.DataFrame([{f: r.get(f) for f in fields} for r in rows], columns=list(fields))
    if "position" in frame:
        frame["position"] = frame["position"].astype("Int64")
    return frame


def _read_files(options: ReadOptions) -> Callable[[Iterator[pd.DataFrame]],
                                                   Iterator[pd.DataFrame]]:
    """Files (binaryFile rows) through the reader their name calls for: one file can hold
    many articles (JSONL, WARC), each read lazily as by ``communique ingest``. As when
    ingest walks a directory, files of other types are passed over, not failures."""

    def run(frames: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        from ..readers import reader_for

        for frame in frames:
            for path, content in zip(frame["path"], frame["content"], strict=True):
                where = _local_name(path)
                name = Path(where).name
                reader = reader_for(Path(name))
                if reader is None:
                    continue
                with tempfile.TemporaryDirectory() as tmp:
                    local = Path(tmp) / name
                    local.write_bytes(content)
                    rows = []
                    for item in reader(local, where, options):
                        rows.append(_article_row(item))
                        if len(rows) >= 1000:
                            yield _frame(rows, _ARTICLE_FIELDS)
                            rows = []
                    if rows:
                        yield _frame(rows, _ARTICLE_FIELDS)

    return run


def _plain(value: Any) -> Any:
    """Table cells as the JSON reader would see them (dates as ISO strings, no NaN)."""
    if value is None:
        return None
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, (_dt.datetime, _dt.date)):
        return value.isoformat()
    if hasattr(value, "isoformat"):  # pandas Timestamp
        return value.isoformat()
    if hasattr(value, "tolist"):
        return value.tolist()
    return value


def _read_records(options: ReadOptions, columns: list[str]) -> Callable[
        [Iterator[pd.DataFrame]], Iterator[pd.DataFrame]]:
    """Table rows (Parquet input, or any DataFrame) through the JSON record reader, with
    the same field names (``--field``) and the same refusals."""

    def run(frames: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        from ..errors import InputError
        from ..readers.base import Item
        from ..readers.jsonl import record_article

        for frame in frames:
            rows = []
            for rec in frame.to_dict("records"):
                file, position = rec.pop("__file"), rec.pop("__position")
                where = f"{file}:{position}"
                record = {k: _plain(rec.get(k)) for k in columns}
                warnings: list[str] = []
                try:
                    item = Item(file, position,
                                record_article(record, where, options, warnings))
                except InputError as exc:
                    item = Item(file, position, reason=exc.problem)
                rows.append(_article_row(item))
            yield _frame(rows, _ARTICLE_FIELDS)

    return run


# --- analysis (executor side) --------------------------------------------------------------

def _analyze(options: Options, batch_size: int) -> Callable[[Iterator[pd.DataFrame]],
                                                            Iterator[pd.DataFrame]]:
    """Article rows -> analysed rows, through ``store.ingest.analyze_chunk``: the batch
    function of local ingest, so a pipeline crash fails one article, not the task.
    Rows the reader refused pass through as failures of stage ``read``."""

    def run(frames: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        from ..model import Article
        from ..nlp import load
        from ..store.ingest import analyze_chunk
        from .rows import export_rows

        load(options.model)  # cached per Python worker: once per executor process
        for frame in frames:
            records = frame.to_dict("records")
            refused = [{"file": r["file"], "position": _position(r["position"]),
                        "reason": r["reason"], "stage": "read"}
                       for r in records if isinstance(r["reason"], str)]
            if refused:
                yield _frame(refused, _ANALYSED_FIELDS)
            records = [r for r in records if not isinstance(r["reason"], str)]
            for start in range(0, len(records), batch_size):
                chunk = records[start:start + batch_size]
                articles = [Article(text=r["text"], id=r["id"], title=_plain(r["title"]),
                                    url=_plain(r["url"]), source=_plain(r["source"]),
                                    published=_plain(r["published"])) for r in chunk]
                results, sigs = analyze_chunk(articles, options)[:2]  # then worker stats
                out = []
                for r, result, sig in zip(chunk, results, sigs, strict=True):
                    position = _position(r["position"])
                    row = {"file": r["file"], "position": position, "hash": r["hash"]}
                    if isinstance(result, str):
                        out.append({**row, "reason": result, "stage": "analyze"})
                        continue
                    record = result.to_dict()  # once: the record file and its table rows
                    out.append({**row, "day": record["article"]["published"] or UNKNOWN_DAY,
                                "record": json.dumps(record, ensure_ascii=False),
                                "signature": sig,
                                "tables": json.dumps(export_rows(record, r["hash"], r["file"],
                                                                 position),
                                                     ensure_ascii=False),
                                "reason": None, "stage": None})
                yield _frame(out, _ANALYSED_FIELDS)

    return run


def _position(value: Any) -> int | None:
    """A nullable long column comes to pandas as float with NaN, or as ``pd.NA``."""
    import pandas as pd

    return None if value is None or pd.isna(value) else int(value)


# --- the driver side ----------------------------------------------------------------------

def read_input(spark: SparkSession, paths: str | list[str], *, fmt: str = "auto",
               read_options: ReadOptions | None = None) -> DataFrame:
    """Article rows (or failure rows) from JSONL/JSON, text, HTML, WARC files or
    directories of them (``fmt="files"``), or Parquet tables (``fmt="parquet"``)."""
    from pyspark.sql import functions as F

    read_options = read_options or ReadOptions()
    paths = [paths] if isinstance(paths, str) else list(paths)
    if fmt == "auto":
        fmt = "parquet" if all(_is_parquet(p) for p in paths) else "files"
    if fmt == "parquet":
        df = spark.read.parquet(*paths)
        return _parse_rows(df.withColumn("__file", F.input_file_name()), read_options)
    if fmt != "files":
        raise ValueError(f"fmt must be auto, files or parquet, not {fmt!r}")
    files = (spark.read.format("binaryFile").option("recursiveFileLookup", "true")
             .load(paths).select("path", "content"))
    return files.mapInPandas(_read_files(read_options), _article_schema())


def _is_parquet(path: str) -> bool:
    p = Path(_local_name(path))
    if p.is_dir():
        files = [f for f in p.rglob("*") if f.is_file() and not f.name.startswith(("_", "."))]
        return bool(files) and all(f.name.endswith(".parquet") for f in files)
    return path.endswith(".parquet")


def _parse_rows(df: DataFrame, read_options: ReadOptions) -> DataFrame:
    """Rows of any table through the record reader; ``__file``/``__position`` say where
    each came from (a row number within its file, for failures and ``load``)."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    if "__file" not in df.columns:
        # no files: a unique, increasing row id (a row number would sort all in one task)
        df = df.withColumn("__file", F.lit("<dataframe>")) \
            .withColumn("__position", F.monotonically_increasing_id() + 1)
    if "__position" not in df.columns:  # a row number within each file: one task a file
        df = df.withColumn("__position", F.row_number().over(
            Window.partitionBy("__file").orderBy(F.monotonically_increasing_id())))
    f = read_options.fields
    wanted = {getattr(f, name).split(".")[0] for name in f.__dataclass_fields__}
    columns = [c for c in df.columns if c in wanted]
    df = df.select(*columns, F.col("__file").cast("string").alias("__file"),
                   F.col("__position").cast("long").alias("__position"))
    df = df.withColumn("__file", F.regexp_replace("__file", "^file:(//)?", ""))
    return df.mapInPandas(_read_records(read_options, columns), _article_schema())


def analyze_dataframe(df: DataFrame, options: Options | None = None, *,
                      partitions: int | None = None, batch_size: int | None = None,
                      read_options: ReadOptions | None = None) -> dict[str, DataFrame]:
    """Analyse a DataFrame of articles; returns lazy DataFrames ``records``, ``failures``,
    ``articles``, ``actors``, ``quotes`` and ``events`` (export columns, plus ``day`` on
    the dated tables).

    ``df`` is either :func:`read_input` output or any table with a ``text`` column and
    optionally ``title``, ``url``, ``source``, ``published``, ``id`` (names set by
    ``read_options.fields``). Exact duplicates (same normalized-text hash) are analysed
    once, the first by (file, position) kept, as the store would. The analysed rows
    (``tables["_analysed"]``) are persisted so every table derives from one analysis;
    unpersist them when done in a long notebook session.
    """
    from pyspark import StorageLevel
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    options = options or Options()
    read_options = read_options or ReadOptions(max_chars=options.max_chars)
    spark = df.sparkSession
    if not set(_ARTICLE_FIELDS) <= set(df.columns):
        df = _parse_rows(df, read_options)
    first = Window.partitionBy("hash").orderBy(F.col("file").asc_nulls_first(),
                                               F.col("position").asc_nulls_first())
    # refused rows have no hash: they are all kept, each its own "duplicate group" of one
    df = df.withColumn("__n", F.when(F.col("reason").isNotNull(), F.lit(1))
                       .otherwise(F.row_number().over(first))).where("__n = 1").drop("__n")
    partitions = partitions or spark.sparkContext.defaultParallelism * 4
    # the table rows are parsed from JSON before persisting, once, not once per table
    analysed = (df.repartition(partitions)
                .mapInPandas(_analyze(options, batch_size or options.batch_size),
                             _analysed_schema())
                .withColumn("tables", F.from_json("tables", _tables_schema()))
                .persist(StorageLevel.MEMORY_AND_DISK))
    ok = analysed.where(F.col("reason").isNull())
    failures = analysed.where(F.col("reason").isNotNull()).select(
        "file", "position", "reason", "stage")
    records = ok.select("file", "position", "hash", "record", "signature", PARTITION)
    parsed = ok.select("file", "position", PARTITION, F.col("tables").alias("t"))
    return {"records": records, "failures": failures, **_tables(parsed),
            "_analysed": analysed}


def _tables(parsed: DataFrame) -> dict[str, DataFrame]:
    from pyspark.sql import functions as F

    def names(what: str) -> list[str]:
        return [c for c, _ in COLUMNS[what]]

    articles = parsed.select("t.article.*", PARTITION).select(*names("articles"), PARTITION)
    events = (parsed.select(PARTITION, F.explode("t.events").alias("e"))
              .select("e.*", PARTITION).select(*names("events"), PARTITION))

    mentions = parsed.select("file", "position",
                             F.explode("t.actors").alias("a")).select("file", "position", "a.*")
    first = F.struct("file", "position", "index")

    def first_known(col: str) -> Any:  # the store keeps the first non-empty value
        return F.min_by(col, F.when(F.col(col).isNotNull(), first))

    actors = (mentions.groupBy("actor_id", "key")
              .agg(F.min_by("name", first).alias("name"), F.min_by("kind", first).alias("kind"),
                   first_known("country").alias("country"),
                   first_known("organization").alias("organization"),
                   first_known("sector").alias("sector"),
                   F.min_by("wikidata", first).alias("wikidata"),
                   F.count("*").alias("articles"), F.sum("mentions").alias("mentions"),
                   F.sum("quotes").alias("quotes"))
              .select(*names("actors")))

    quotes = parsed.select(PARTITION, F.explode("t.quotes").alias("q")).select("q.*", PARTITION)
    speakers = (quotes.select("quote_id", F.posexplode("speaker_actor_ids")
                              .alias("pos", "actor_id"))
                .join(actors.select("actor_id", "name"), "actor_id")
                .groupBy("quote_id")
                .agg(F.array_sort(F.collect_list(F.struct("pos", "name"))).alias("names"))
                .select("quote_id",
                        F.concat_ws(" & ", F.col("names.name")).alias("speakers")))
    quotes = quotes.join(speakers, "quote_id", "left").select(*names("quotes"), PARTITION)
    return {"articles": articles, "actors": actors, "quotes": quotes, "events": events}


def write_tables(tables: dict[str, DataFrame], out_dir: str, *,
                 partition_by: str = DEFAULT_GRAIN) -> None:
    """Each table as a Parquet dataset under ``out_dir``; dated ones partitioned by
    publication ``day``, ``month`` (the default) or ``year``, one file per partition,
    rows in (day, file, position) order, so a date range is read without scanning the rest.

    Month is the default because a partition should hold many megabytes: a daily split of
    a corpus with tens of articles a day writes thousands of tiny files, whose per-file
    cost then dominates the job. Below ``day``, the ``day`` column stays in the files.
    """
    from pyspark.sql import functions as F

    if partition_by not in GRAINS:
        raise ValueError(f"partition_by must be one of {', '.join(GRAINS)}, "
                         f"not {partition_by!r}")
    out = out_dir.rstrip("/")
    # an explicit count: with none, adaptive execution may merge a small shuffle into one
    # task, which then writes every partition alone
    tasks = max(1, tables[TABLES[0]].sparkSession.sparkContext.defaultParallelism)
    for what in TABLES:
        df = tables[what]
        if PARTITION not in df.columns:
            df.coalesce(1).write.mode("overwrite").parquet(f"{out}/{what}")
            continue
        if partition_by != PARTITION:
            df = df.withColumn(partition_by, F.when(F.col(PARTITION) == UNKNOWN_DAY,
                                                    F.lit(UNKNOWN_DAY))
                               .otherwise(F.substring(PARTITION, 1, GRAINS[partition_by])))
        order = [c for c in (PARTITION, "file", "position") if c in df.columns]
        (df.repartition(tasks, partition_by).sortWithinPartitions(partition_by, *order)
         .write.mode("overwrite").partitionBy(partition_by).parquet(f"{out}/{what}"))


def run(paths: str | list[str], out_dir: str, *, master: str | None = "local[2]",
        partitions: int | None = None, fmt: str = "auto", options: Options | None = None,
        read_options: ReadOptions | None = None, spark: SparkSession | None = None,
        partition_by: str = DEFAULT_GRAIN) -> dict[str, Any]:
    """Read, analyse and write everything; returns counts and seconds: in all, and for
    reading with analysis (``analyze_seconds``), the part that scales with cores."""
    from pyspark.sql import functions as F

    options = options or Options()
    spark = spark or session(master)
    t0 = time.perf_counter()
    df = read_input(spark, paths, fmt=fmt,
                    read_options=read_options or ReadOptions(max_chars=options.max_chars))
    tables = analyze_dataframe(df, options, partitions=partitions)
    analysed = tables["_analysed"]
    try:
        # materialise the persisted analysis once, counting as it goes
        counts = analysed.groupBy(F.col("reason").isNull().alias("ok")).count().collect()
        t1 = time.perf_counter()
        write_tables(tables, out_dir, partition_by=partition_by)
    finally:
        analysed.unpersist()
    by = {row["ok"]: row["count"] for row in counts}
    return {"articles": by.get(True, 0), "failures": by.get(False, 0),
            "seconds": time.perf_counter() - t0, "analyze_seconds": t1 - t0, "out": out_dir}
