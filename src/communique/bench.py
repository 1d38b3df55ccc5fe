"""Benchmarks that print figures as ratios against a baseline measured in the same run."""

from __future__ import annotations

import time
from collections.abc import Sequence

from . import nlp as _nlp
from .model import Article
from .options import Options
from .pipeline import analyze_many


def bench_speed(texts: Sequence[str], *, options: Options | None = None, repeat: int = 2,
                batch_size: int = 32) -> dict[str, float]:
    """Articles/s of the bare spaCy pipeline and of ``analyze_many`` on the same texts.

    The two are interleaved ``repeat`` times and the best run of each kept. The ratio is
    taken from this process's CPU time, so other load on a shared machine does not skew
    it; wall-clock figures are reported beside it.
    """
    options = options or Options()
    nlp = _nlp.load(options.model, tuple(options.kb_files))
    for _ in nlp.pipe(texts[:4], disable=_nlp.BARE):  # warm-up
        pass
    best_spacy = best_ours = float("inf")
    cpu_spacy = cpu_ours = float("inf")
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        for _doc in nlp.pipe(texts, batch_size=batch_size, disable=_nlp.BARE):
            pass
        best_spacy = min(best_spacy, time.perf_counter() - t0)
        cpu_spacy = min(cpu_spacy, time.process_time() - c0)
        t0, c0 = time.perf_counter(), time.process_time()
        for _a in analyze_many((Article(text=t) for t in texts), batch_size=batch_size,
                               options=options):
            pass
        best_ours = min(best_ours, time.perf_counter() - t0)
        cpu_ours = min(cpu_ours, time.process_time() - c0)
    n = len(texts)
    return {
        "articles": n,
        "words": sum(len(t.split()) for t in texts),
        "spacy_articles_per_s": n / best_spacy,
        "communique_articles_per_s": n / best_ours,
        "spacy_cpu_articles_per_s": n / cpu_spacy,
        "communique_cpu_articles_per_s": n / cpu_ours,
        "wall_ratio": best_spacy / best_ours,
        # CPU time of this process only: other load on the machine does not count
        "ratio": cpu_spacy / cpu_ours,
    }
