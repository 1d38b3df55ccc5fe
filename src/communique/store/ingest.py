"""Ingest: readers -> (worker pool running ``analyze_many``) -> the one writer.

The parent process reads, hashes and skips what is stored, hands chunks of articles to
the workers (each loads spaCy once), and writes each chunk's results, in input order, in
one transaction. At most ``2 * workers`` chunks are in flight, so memory stays bounded
whatever the corpus size. With one worker everything runs in-process: no pickling, and
the same ``analyze_many`` call path as the library.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import signal
import sqlite3
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import CommuniqueError
from ..model import Analysis, Article
from ..options import Options
from ..pipeline import Failure, analyze_many
from ..readers import Item, ReadOptions, read_paths
from ..readers import reader_for as _reader_for
from . import dedup
from .db import StoreError, analyze, connect, damaged
from .writer import Analysed, Failed, Writer

#: a chunk is written when it holds this many non-article entries (failures, skips), so
#: a rerun over a fully stored corpus still commits and reports progress as it goes
MAX_PASSENGERS = 2000
#: JSONL bytes that ``estimate_total`` counts lines in before giving up on a total
COUNT_BYTES = 1 << 30
#: failures and warnings kept by name in ``IngestStats`` for the summary
SHOWN = 20


@dataclass(slots=True)
class IngestStats:
    """Counts of one ingest run, updated after every committed batch."""

    stored: int = 0
    skipped: int = 0  # already stored (same normalized-text hash), or repeated in this run
    linked: int = 0  # stored as a near-duplicate copy of an earlier story
    failed: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    #: the first ``SHOWN`` failures as ``FILE[:LINE]: reason``, and warnings, in order
    failures_shown: list[str] = field(default_factory=list)
    warnings_shown: list[str] = field(default_factory=list)
    warnings: int = 0
    elapsed: float = 0.0
    interrupted: bool = False
    #: stopped at ``limit`` stored articles (the input may hold more: a rerun goes on)
    limited: bool = False
    peak_rss_mb: float = 0.0
    worker_rss_mb: dict[int, float] = field(default_factory=dict)
    worker_cpu_s: dict[int, float] = field(default_factory=dict)  # cumulative, per process

    @property
    def done(self) -> int:
        return self.stored + self.skipped + self.failed

    @property
    def rate(self) -> float:
        return self.stored / self.elapsed if self.elapsed else 0.0


@dataclass(slots=True)
class _Chunk:
    articles: list[tuple[str, int | None, str, Article]] = field(default_factory=list)
    failures: list[Failed] = field(default_factory=list)
    skipped: list[tuple[str, int | None]] = field(default_factory=list)


# --- worker side ---------------------------------------------------------------------------

def _init_worker(model: str, parent: int) -> None:
    """Load spaCy once per worker; leave Ctrl-C to the parent, which stops the pool; and
    exit as soon as the parent dies (kill -9), rather than linger holding a model."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent(parent)
    from .. import nlp

    nlp.load(model)


#: seconds between two looks at the parent where the kernel cannot signal its death
PARENT_POLL = 0.1


def die_with_parent(parent: int) -> None:
    """Exit when process ``parent`` dies: on Linux the kernel kills us at once
    (``PR_SET_PDEATHSIG``); elsewhere, and as a fallback, a thread polls the parent id
    every ``PARENT_POLL`` seconds (a thread, so it works while the model computes)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux
        pass
    if os.getppid() != parent:  # died before the above took effect
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="parent-watch").start()


def analyze_chunk(articles: Sequence[Article], options: Options
                  ) -> tuple[list[Analysis | str], list[bytes | None], int, float, float]:
    """Analyse a chunk: per article an Analysis or a one-line failure reason, with its
    MinHash signature. A crash inside the pipeline fails only the article that caused it:
    the chunk is retried one article at a time."""
    results: list[Analysis | str]
    try:
        results = [r if isinstance(r, Analysis) else _reason(r)
                   for r in analyze_many(articles, options=options, on_error="yield",
                                         batch_size=options.batch_size)]
    except Exception:  # a pipeline bug on one article: isolate it
        results = []
        for article in articles:
            try:
                r = next(iter(analyze_many([article], options=options, on_error="yield")))
                results.append(r if isinstance(r, Analysis) else _reason(r))
            except Exception as exc:
                first = str(exc).splitlines()[0] if str(exc) else ""
                results.append(f"analysis failed: {type(exc).__name__}: {first}"[:500])
    sigs = [dedup.signature(a.article.text) if isinstance(a, Analysis) else None
            for a in results]
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return results, sigs, os.getpid(), peak_rss_mb(), usage.ru_utime + usage.ru_stime


def peak_rss_mb() -> float:
    """This process's peak resident memory. Linux's ``VmHWM`` is its own; ``ru_maxrss``
    (the fallback) keeps the peak of the process it was forked from, across exec."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _reason(f: Failure) -> str:
    return f.reason.splitlines()[0] if f.reason else "analysis failed"


# --- parent side ---------------------------------------------------------------------------

def estimate_total(paths: Iterable[str]) -> int | None:
    """Articles the paths hold, counted cheaply (JSONL lines, one per single-article file);
    ``None`` when a feed, WARC, stdin or over ``COUNT_BYTES`` of JSONL make the number
    unknown (or too slow to know) before reading."""
    import gzip
    import zlib

    from ..readers import expand_paths

    total = 0
    budget = COUNT_BYTES
    for arg in paths:
        if arg == "-":
            return None
        for path, _, problem in expand_paths(arg):
            if path is None or problem:
                total += 1
                continue
            name = path.name.lower()
            reader = _reader_for(path)
            if reader is None:
                total += 1
            elif name.endswith((".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")):
                budget -= path.stat().st_size * (4 if name.endswith(".gz") else 1)
                if budget < 0:
                    return None
                opener = gzip.open if name.endswith(".gz") else open
                try:
                    with opener(path, "rb") as f:
                        for line in f:  # unpacked bytes count against the budget too
                            budget -= len(line)
                            if budget < 0:
                                return None
                            total += bool(line.strip())
                except (OSError, EOFError, zlib.error):
                    total += 1
            elif name.endswith((".json", ".json.gz", ".txt", ".text", ".html", ".htm",
                                ".xhtml")) or not path.suffix:
                total += 1
            else:
                return None
    return total


@dataclass(slots=True)
class _Budget:
    """New articles ``_chunks`` may still hand out (None: no limit), and whether it
    stopped because they ran out (rather than at the end of the input)."""

    left: int | None = None
    spent: bool = False


def _chunks(items: Iterator[Item], writer: Writer, inflight: set[str], size: int,
            stats: IngestStats, budget: _Budget | None = None) -> Iterator[_Chunk]:
    """Group reader output into chunks of ``size`` new articles (hash not stored yet),
    handing out no more than ``budget.left`` of them; the next item stays unread in
    ``items``, so the same iterator can go on later."""
    budget = budget or _Budget()
    chunk = _Chunk()
    for item in _until_spent(items, budget):
        stats.warnings += len(item.warnings)
        room = SHOWN - len(stats.warnings_shown)
        if room > 0 and item.warnings:
            stats.warnings_shown.extend(item.warnings[:room])
        if item.article is None:
            chunk.failures.append(Failed(item.file, item.position, item.reason or "unreadable"))
        else:
            h = dedup.text_hash(item.article.text)
            if h in inflight or writer.is_stored(h):
                chunk.skipped.append((item.file, item.position))
            else:
                inflight.add(h)
                chunk.articles.append((item.file, item.position, h, item.article))
                if budget.left is not None:
                    budget.left -= 1
        if len(chunk.articles) >= size or \
                len(chunk.failures) + len(chunk.skipped) >= MAX_PASSENGERS:
            yield chunk
            chunk = _Chunk()
    if chunk.articles or chunk.failures or chunk.skipped:
        yield chunk


def _until_spent(items: Iterator[Item], budget: _Budget) -> Iterator[Item]:
    """``items`` until ``budget`` is spent, checked before each item is read."""
    while budget.left is None or budget.left > 0:
        try:
            yield next(items)
        except StopIteration:
            return
    budget.spent = True


def ingest(paths: Sequence[str], db_path: str | Path = "communique.db", *, workers: int = 1,
           batch_size: int = 64, options: Options | None = None,
           read_options: ReadOptions | None = None,
           progress: Callable[[IngestStats], None] | None = None,
           stdin=None, force: bool = False,
           limit: int | None = None) -> IngestStats:  # type: ignore[no-untyped-def]
    """Read, analyse and store everything in ``paths``; see the module docstring.

    ``limit`` stops once that many new articles are stored (an article whose analysis
    fails does not count); what is stored is skipped by a rerun, which stores the next.

    A database of another application is refused unless ``force`` (see ``db.connect``).

    Ctrl-C stops after rolling back the batch in flight: the returned stats have
    ``interrupted`` set and everything counted in them is committed.
    """
    options = options or Options()
    read_options = read_options or ReadOptions(max_chars=options.max_chars)
    db = connect(db_path, force=force)
    writer = Writer(db)
    run_id = writer.start_run(paths, workers)
    stats = IngestStats()
    inflight: set[str] = set()
    t0 = time.perf_counter()
    items = iter(read_paths(paths, read_options, stdin=stdin))

    def commit(chunk: _Chunk, outcome: tuple | None) -> None:  # type: ignore[type-arg]
        batch: list[Analysed | Failed] = list(chunk.failures)
        if outcome is not None:
            results, sigs, pid, rss, cpu = outcome
            stats.worker_rss_mb[pid] = max(stats.worker_rss_mb.get(pid, 0.0), rss)
            stats.worker_cpu_s[pid] = max(stats.worker_cpu_s.get(pid, 0.0), cpu)
            for (file, position, h, _), result, sig in zip(chunk.articles, results, sigs,
                                                           strict=True):
                if isinstance(result, Analysis) and sig is not None:
                    batch.append(Analysed(file, position, h, result, sig))
                else:
                    batch.append(Failed(file, position, str(result), "analyze"))
        r = writer.write(batch, chunk.skipped)
        for _, _, h, _ in chunk.articles:
            inflight.discard(h)
        stats.stored += r.stored
        stats.skipped += len(chunk.skipped) + r.duplicates
        stats.linked += r.linked
        stats.failed += len(r.failed)
        for f in r.failed[:SHOWN - len(stats.failures_shown)]:
            stats.failures_shown.append(f"{f.file}:{f.position}: {f.reason}" if f.position
                                        else f"{f.file}: {f.reason}")
        stats.reasons.update(_reason_kind(f.reason) for f in r.failed)
        stats.elapsed = time.perf_counter() - t0
        if progress:
            progress(stats)

    budget: _Budget | None = None

    def next_round() -> Iterator[_Chunk] | None:
        """The chunks of the next round, or None when done. Without a limit there is one
        round; with one, rounds (on the same reader) until ``limit`` articles are stored,
        since an article handed out may fail its analysis or turn out a duplicate."""
        nonlocal budget
        if budget is not None and (not budget.spent or stats.stored >= (limit or 0)):
            stats.limited = budget.spent
            return None
        budget = _Budget(None if limit is None else limit - stats.stored)
        return _chunks(items, writer, inflight, batch_size, stats, budget)

    previous = _term_as_interrupt()
    try:
        if workers <= 1:
            while (chunks := next_round()) is not None:
                for chunk in chunks:
                    commit(chunk, analyze_chunk([a for *_, a in chunk.articles], options)
                           if chunk.articles else None)
        else:
            run_parallel(next_round, workers, options, commit)
    except KeyboardInterrupt:
        stats.interrupted = True
    except sqlite3.Error as exc:  # disk full, file locked by another writer, damaged, ...
        if "malformed" in str(exc) or "not a database" in str(exc):
            raise StoreError(damaged(db_path, exc)) from None
        raise StoreError(f"{db_path}: cannot write ({exc}); the {stats.stored:,} articles "
                         "committed before are kept: fix this and rerun") from None
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
        stats.elapsed = time.perf_counter() - t0
        stats.peak_rss_mb = peak_rss_mb() + (sum(stats.worker_rss_mb.values())
                                             if workers > 1 else 0.0)
        try:
            writer.finish_run(run_id, stats.stored, stats.skipped, stats.failed)
            analyze(db)  # the planner's statistics for what was just stored
        except sqlite3.Error:
            pass  # the run record is informational; the error above says what happened
        finally:
            db.close()
    return stats


def _term_as_interrupt():  # type: ignore[no-untyped-def]
    """Make SIGTERM stop an ingest like Ctrl-C (batch rolled back, workers stopped);
    returns the previous handler, or None off the main thread where signals are not ours."""
    if threading.current_thread() is not threading.main_thread():
        return None

    def handler(signum, frame):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt

    return signal.signal(signal.SIGTERM, handler)


def run_parallel(rounds: Callable[[], Iterator[_Chunk] | None] | Iterator[_Chunk], workers: int,
              options: Options,
              commit: Callable[[_Chunk, tuple | None], None]) -> None:  # type: ignore[type-arg]
    """Analyse chunks on one pool of workers: one iterator of them, or a function giving
    each round's (None when done); a round is written in full before the next is asked
    for (its size depends on what was stored)."""
    if not callable(rounds):
        once = iter([rounds])
        rounds = lambda: next(once, None)  # noqa: E731
    ctx = multiprocessing.get_context("spawn")  # no fork of a threaded parent
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx,
                               initializer=_init_worker,
                               initargs=(options.model, os.getpid()))
    pending: deque[tuple[_Chunk, Future | None]] = deque()  # type: ignore[type-arg]

    def drain_one() -> None:
        chunk, future = pending.popleft()
        try:
            commit(chunk, future.result() if future is not None else None)
        except BrokenProcessPool:
            raise CommuniqueError("an analysis worker died (out of memory?); everything "
                                  "committed so far is kept: rerun to continue") from None

    try:
        while (chunks := rounds()) is not None:
            for chunk in chunks:
                future = pool.submit(analyze_chunk, [a for *_, a in chunk.articles],
                                     options) if chunk.articles else None
                pending.append((chunk, future))
                while len(pending) > 2 * workers:
                    drain_one()
            while pending:
                drain_one()
    finally:
        for _, future in pending:
            if future is not None:
                future.cancel()
        if pending:  # interrupted: do not wait for chunks nobody will write
            for proc in list(getattr(pool, "_processes", {}).values()):
                proc.terminate()
        pool.shutdown(wait=True, cancel_futures=True)


def _reason_kind(reason: str) -> str:
    """The reason without its variable details, to summarise failures by kind."""
    import re

    kind = re.sub(r"\d[\d,]*", "N", reason.split(" (")[0])
    return kind[:80]
