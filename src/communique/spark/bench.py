"""``bench spark``: articles/s of the Spark job on 1 and 2 local cores, and against ingest.

Every run gets a fresh process (a fresh JVM for Spark), and the same synthetic corpus.
A Spark run is timed from the job's start to its last table written, after one trivial
job has warmed the JVM and Python worker daemon, so the time includes what a user pays
per job (reading, spaCy loading in each worker, analysis, shuffles, Parquet writing) but
not the fixed start-up of a session, which a notebook or cluster pays once. The local
ingest (``communique ingest --workers N``) is timed the same way, cold, into SQLite.
A run on N local cores is confined to N CPUs (when the machine has more), so the
speed-up compares one core with two, not one task thread plus a free core with two.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import tempfile
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from ..synth import write as write_corpus
from .job import DEFAULT_GRAIN


def _spark_child(corpus: str, out: str, master: str, partitions: int | None,
                 partition_by: str) -> dict[str, Any]:
    from .job import run, session

    spark = session(master, conf={"spark.ui.showConsoleProgress": "false"})
    try:
        spark.range(4).mapInPandas(lambda frames: frames, "id long").collect()  # warm-up
        result = run(corpus, out, spark=spark, partitions=partitions,
                     partition_by=partition_by)
    finally:
        spark.stop()
    result.update(_usable_cpus())
    result["rate"] = result["articles"] / result["seconds"]
    result["analyze_rate"] = result["articles"] / result["analyze_seconds"]
    return result


def _ingest_child(corpus: str, db: str, workers: int) -> dict[str, Any]:
    from ..store.ingest import ingest

    s = ingest([corpus], db, workers=workers)
    return {"articles": s.stored, "failures": s.failed, "seconds": s.elapsed,
            "rate": s.stored / s.elapsed if s.elapsed else 0.0, **_usable_cpus()}


def _usable_cpus() -> dict[str, Any]:
    """How many CPUs this process may run on (reported by every run)."""
    n = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {"cpus": n or 1}


def _pin(cpus: int) -> None:
    os.sched_setaffinity(0, sorted(os.sched_getaffinity(0))[:cpus])


def _cores(master: str) -> int | None:
    """N of ``local[N]``; None for ``local[*]`` or a cluster."""
    m = re.fullmatch(r"local\[(\d+)\]", master)
    return int(m.group(1)) if m else None


def _in_child(fn: Callable[..., dict[str, Any]], *args: Any, cpus: int | None = None
              ) -> dict[str, Any]:
    """``fn(*args)`` in a fresh process, not a daemon: ingest starts its own workers.
    With ``cpus``, the process and all it starts (the JVM, Python workers) may run on that
    many CPUs only: ``local[1]`` alone is otherwise helped by a second core, which runs
    the JVM's own threads (Arrow conversion, shuffles, garbage collection) beside the
    Python worker. The 1-minute load average at the end says how much else the machine
    was running."""
    ctx = multiprocessing.get_context("spawn")
    pin = cpus if cpus and hasattr(os, "sched_setaffinity") and \
        cpus < len(os.sched_getaffinity(0)) else None
    with ProcessPoolExecutor(max_workers=1, mp_context=ctx, initializer=_pin if pin else None,
                             initargs=(pin,) if pin else ()) as pool:
        result = pool.submit(fn, *args).result()
    result["load"] = os.getloadavg()[0]
    return result


def bench_spark(n: int = 400, *, masters: tuple[str, ...] = ("local[1]", "local[2]"),
                ingest_workers: int | None = 2, partitions: int | None = None,
                partition_by: str = DEFAULT_GRAIN, pin: bool = True, seed: int = 0,
                workdir: str | None = None,
                progress: Callable[[str, dict[str, Any]], None] | None = None
                ) -> dict[str, Any]:
    """Figures for ``n`` synthetic articles: per master and for ingest, articles/s and
    seconds (each passed to ``progress`` as it ends); ``speedup`` of the last master over
    the first; ``overhead``: how much longer Spark on ``local[ingest_workers]`` takes
    than ingest with as many workers."""
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        corpus = str(Path(tmp) / "corpus.jsonl")
        write_corpus(n, corpus, seed=seed)
        out: dict[str, Any] = {"n": n, "spark": {}}
        for master in masters:
            out["spark"][master] = _in_child(_spark_child, corpus,
                                             str(Path(tmp) / f"out-{len(out['spark'])}"),
                                             master, partitions, partition_by,
                                             cpus=_cores(master) if pin else None)
            if progress:
                progress(f"spark {master}", out["spark"][master])
        runs = list(out["spark"].values())
        if len(runs) > 1:
            out["speedup"] = runs[-1]["rate"] / runs[0]["rate"]
            out["analyze_speedup"] = runs[-1]["analyze_rate"] / runs[0]["analyze_rate"]
        if ingest_workers:
            out["ingest"] = _in_child(_ingest_child, corpus, str(Path(tmp) / "bench.db"),
                                      ingest_workers, cpus=ingest_workers if pin else None)
            if progress:
                progress(f"ingest --workers {ingest_workers}", out["ingest"])
            same = out["spark"].get(f"local[{ingest_workers}]")
            if same:
                out["overhead"] = same["seconds"] / out["ingest"]["seconds"] - 1.0
    return out
