"""``bench ingest``: ingest speed against ``analyze_many`` on the same texts, same run.

The baseline is the library call alone (warm, in this process). Each ingest runs in a
fresh process: with one worker spaCy is loaded there before the clock starts, as for the
baseline, so the ratio measures what ingest adds per article (reading, hashing, MinHash,
writing); with several workers their start-up, spaCy included, is inside the timed run.
Peak memory is the ingest process's peak resident size plus each worker's.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from ..options import Options
from ..pipeline import analyze_many
from ..readers import read_paths
from ..synth import write as write_corpus

_CHILD = """
import json, sys, time
from communique.store.ingest import ingest
if int(sys.argv[3]) == 1:  # in-process analysis: load spaCy before the clock, as the
    from communique import nlp  # baseline does; workers load theirs inside the timed run
    nlp.load()
cpu = time.process_time()
s = ingest([sys.argv[1]], sys.argv[2], workers=int(sys.argv[3]), batch_size=int(sys.argv[4]))
cpu = time.process_time() - cpu
workers = sum(s.worker_cpu_s.values()) if int(sys.argv[3]) > 1 else 0.0
print(json.dumps({"stored": s.stored, "failed": s.failed, "linked": s.linked,
                  "seconds": s.elapsed, "peak_rss_mb": s.peak_rss_mb,
                  "cpu_seconds": cpu + workers, "parent_cpu_seconds": cpu,
                  "rate": s.stored / s.elapsed if s.elapsed else 0.0}))
"""


def _run_child(corpus: str, db: str, workers: int, batch_size: int) -> dict[str, Any]:
    """One ingest in a fresh interpreter, so its memory and start-up are its own."""
    proc = subprocess.run([sys.executable, "-c", _CHILD, corpus, db, str(workers),
                           str(batch_size)], capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        raise RuntimeError(f"benchmark ingest run failed: {tail}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def bench_ingest(n: int = 2000, *, workers: tuple[int, ...] = (1, 2), batch_size: int = 64,
                 seed: int = 0, baseline: bool = True, corpus: str | None = None,
                 workdir: str | None = None) -> dict[str, Any]:
    """Figures for ``n`` synthetic articles (or an existing ``corpus`` JSONL)."""
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        path = corpus or str(Path(tmp) / "corpus.jsonl")
        if corpus is None:
            write_corpus(n, path, seed=seed)
        out: dict[str, Any] = {"articles": n, "batch_size": batch_size, "runs": {},
                               "cores": os.cpu_count(), "load_before": os.getloadavg()[0]}
        if baseline:
            articles = [it.article for it in read_paths([path]) if it.article is not None]
            out["articles"] = len(articles)
            out["chars"] = sum(len(a.text) for a in articles)
            options = Options()
            for _ in analyze_many(articles[:8], options=options):  # warm: spaCy loaded
                pass
            t0, c0 = time.perf_counter(), time.process_time()
            for _ in analyze_many(articles, options=options, batch_size=batch_size):
                pass
            seconds = time.perf_counter() - t0
            out["analyze_many"] = {"seconds": seconds, "rate": len(articles) / seconds,
                                   "cpu_seconds": time.process_time() - c0}
            del articles
        for w in workers:
            db = str(Path(tmp) / f"bench-{w}.db")
            out["runs"][w] = _run_child(path, db, w, batch_size)
        out["load_after"] = os.getloadavg()[0]
        if baseline and 1 in out["runs"]:
            out["ratio_single"] = out["runs"][1]["rate"] / out["analyze_many"]["rate"]
        if 1 in out["runs"]:
            for r in out["runs"].values():
                r["speedup"] = r["rate"] / out["runs"][1]["rate"]
    return out
