"""One poll of every source, and the schedule that repeats it.

A poll has two phases. Listings: every source is fetched with its validators (a 304
costs nothing more); a sitemap index brings its child sitemaps, fetched the same way;
each listing's new entries become pending items in the same transaction as its
validators. Items: every pending, fetched or retryable failed item of the polled
sources is fetched by a small thread pool while the analysis runs in the ingest worker
pool (:mod:`communique.store.ingest`), so fetching and analysis overlap; each chunk of
articles is written by the store's one writer, deduplicated by canonical URL and text
hash, near-duplicates linked into stories.

Ctrl-C or SIGTERM stops the poll: the batch in flight is rolled back, articles
fetched but not yet stored wait in the watch state, and the next run goes on from there.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Analysis
from ..options import Options
from ..readers.base import ReadOptions
from ..store import dedup
from ..store import ingest as _ingest
from ..store.db import StoreError, connect
from ..store.writer import Analysed, Failed, Writer
from . import state
from .http import Client, FetchError, HttpOptions
from .page import Page, fetch_page
from .sources import ListingError, parse


@dataclass(frozen=True, slots=True)
class WatchOptions:
    """How a watch polls (``http``: politeness and limits) and analyses."""

    http: HttpOptions = field(default_factory=HttpOptions)
    analysis: Options = field(default_factory=Options)
    workers: int = 1  # analysis processes, as `ingest --workers`
    batch_size: int = 16  # articles per worker task and per transaction
    max_attempts: int = 3  # polls that may try a failing item before it is left alone
    max_sitemaps: int = 50  # child sitemaps read from one sitemap index


@dataclass(slots=True)
class SourceReport:
    """One source in one poll: ``status`` is ok, unchanged (304) or error."""

    url: str
    status: str = "ok"
    new: int = 0  # articles stored
    unchanged: int = 0  # listed items already known
    failed: int = 0  # items that failed in this poll
    listed: int = 0  # new items the listing brought
    seconds: float = 0.0  # its listing's and items' request and extraction time
    error: str | None = None


@dataclass(slots=True)
class PollReport:
    sources: list[SourceReport] = field(default_factory=list)
    stored: int = 0
    linked: int = 0
    duplicates: int = 0
    failed: int = 0
    fetched: int = 0
    requests: int = 0
    seconds: float = 0.0
    fetch_seconds: float = 0.0  # summed busy time of the fetch threads
    analysis_seconds: float = 0.0  # summed CPU time of the analysis
    interrupted: bool = False

    @property
    def rate(self) -> float:
        return self.stored / self.seconds if self.seconds else 0.0


Progress = Callable[[PollReport], None]


def _listings(client: Client, db, sources: Sequence[str], opts: WatchOptions,  # type: ignore[no-untyped-def]
              reports: dict[str, SourceReport], owner: dict[str, str]) -> None:
    """Fetch every listing (and an index's sitemaps) and record it; fills ``owner``:
    each polled listing URL -> the source argument it came from."""
    with ThreadPoolExecutor(max_workers=max(1, opts.http.concurrency),
                            thread_name_prefix="watch-list") as pool:
        def submit(url: str, parent: str | None, depth: int) -> Future:  # type: ignore[type-arg]
            etag, modified = state.validators(db, url)
            f = pool.submit(client.get, url, etag=etag, last_modified=modified)
            f.meta = (url, parent, depth)  # type: ignore[attr-defined]
            return f

        pending = {submit(url, None, 0) for url in sources}
        for url in sources:
            owner[url] = url
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for f in done:
                url, parent, depth = f.meta  # type: ignore[attr-defined]
                report = reports[owner[url]]
                try:
                    r = f.result()
                    report.seconds += r.seconds
                    if r.not_modified:
                        state.record_unchanged(db, url, None, parent)
                        if url == report.url and report.status == "ok":
                            report.status = "unchanged"
                        if depth == 0:  # an unchanged index: its sitemaps may have changed
                            for child in state.children(db, url)[:opts.max_sitemaps]:
                                if child not in owner:
                                    owner[child] = owner[url]
                                    pending.add(submit(child, url, depth + 1))
                        continue
                    listing = parse(r.body, r.url)
                except (FetchError, ListingError, ValueError) as exc:
                    reason = exc.reason if isinstance(exc, FetchError) else \
                        str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
                    status = exc.status if isinstance(exc, FetchError) else None
                    state.record_error(db, url, parent, reason, status)
                    report.status, report.error = "error", reason
                    continue
                new, known = state.record_listing(
                    db, url, listing.kind, parent, r.status, r.headers.get("etag"),
                    r.headers.get("last-modified"), listing.entries)
                report.listed += new
                report.unchanged += known
                if listing.kind == "index" and depth == 0:
                    for child in listing.sitemaps[:opts.max_sitemaps]:
                        if child not in owner:
                            owner[child] = owner[url]
                            pending.add(submit(child, url, depth + 1))


def poll(db_path: str | Path, sources: Sequence[str], options: WatchOptions | None = None,
         *, progress: Progress | None = None) -> PollReport:
    """Poll every source once (see the module docstring); never raises on a source's
    or an item's failure, which are recorded in the store."""
    opts = options or WatchOptions()
    report = PollReport()
    reports = {url: SourceReport(url) for url in sources}
    report.sources = list(reports.values())
    t0 = time.perf_counter()
    db = connect(db_path)
    writer = Writer(db)
    client = Client(opts.http)
    previous = _ingest._term_as_interrupt()
    try:
        state.reconcile(db)
        owner: dict[str, str] = {}
        _listings(client, db, sources, opts, reports, owner)
        if progress:
            progress(report)
        items = state.due(db, list(owner), opts.max_attempts)
        if items:
            run_id = writer.start_run(list(sources), opts.workers)
            try:
                _items(db, writer, client, items, owner, opts, report, reports, progress)
            finally:
                writer.finish_run(run_id, report.stored, report.duplicates, report.failed)
    except KeyboardInterrupt:
        report.interrupted = True
    except sqlite3.Error as exc:  # disk full, locked by another writer, ...
        raise StoreError(f"{db_path}: cannot write ({exc}); the {report.stored:,} articles "
                         "committed before are kept: fix this and rerun") from None
    finally:
        if previous is not None:
            import signal

            signal.signal(signal.SIGTERM, previous)
        report.requests = client.requests
        client.close()
        db.close()
        report.seconds = time.perf_counter() - t0
    return report


def _items(db, writer: Writer, client: Client, items, owner: dict[str, str],  # type: ignore[no-untyped-def]
           opts: WatchOptions, report: PollReport, reports: dict[str, SourceReport],
           progress: Progress | None) -> None:
    read_options = ReadOptions(max_chars=opts.analysis.max_chars)
    source_of = {row["url"]: reports[owner[row["source"]]] for row in items}
    inflight: set[str] = set()
    pool = ThreadPoolExecutor(max_workers=max(1, opts.http.concurrency),
                              thread_name_prefix="watch-page")

    def task(row) -> Page:  # type: ignore[no-untyped-def]
        article = state.fetched_article(row)
        if article is not None:
            return Page(row["url"], article, row["author"], from_state=True)
        return fetch_page(client, row["url"], read_options, title=row["title"],
                          published=row["published"])

    def failed(page_url: str, reason: str, permanent: bool) -> None:
        state.mark_failed(db, page_url, reason, permanent=permanent,
                          max_attempts=opts.max_attempts)
        source_of[page_url].failed += 1
        report.failed += 1

    def chunks() -> Iterator[_ingest._Chunk]:
        futures = [pool.submit(task, row) for row in items]
        chunk = _ingest._Chunk()
        done_urls: list[tuple[str, str, int | None]] = []
        for future in _as_done(futures):
            if future is None:  # fetching is the bottleneck: analyse what is there now
                if chunk.articles:
                    state.mark_done(db, done_urls)
                    done_urls = []
                    yield chunk
                    chunk = _ingest._Chunk()
                continue
            page = future.result()
            report.fetch_seconds += page.seconds
            source_of[page.url].seconds += page.seconds
            if page.article is None:
                failed(page.url, page.reason or "cannot fetch", page.permanent)
                chunk.failures.append(Failed(page.url, None, page.reason or "cannot fetch",
                                             "fetch"))
            else:
                a = page.article
                if not page.from_state:
                    report.fetched += 1
                    state.mark_fetched(db, page.url, a, page.author)
                h = dedup.text_hash(a.text)
                same = _stored_copy(db, a.url, h, page.url)
                if same is not None or h in inflight:
                    done_urls.append((page.url, "duplicate", same))
                    chunk.skipped.append((page.url, None))
                    report.duplicates += 1
                    source_of[page.url].unchanged += 1
                else:
                    inflight.add(h)
                    chunk.articles.append((page.url, None, h, a))
            if len(chunk.articles) >= opts.batch_size or \
                    len(chunk.failures) + len(chunk.skipped) >= _ingest.MAX_PASSENGERS:
                state.mark_done(db, done_urls)
                done_urls = []
                yield chunk
                chunk = _ingest._Chunk()
        state.mark_done(db, done_urls)
        if chunk.articles or chunk.failures or chunk.skipped:
            yield chunk

    def commit(chunk: _ingest._Chunk, outcome: tuple | None) -> None:  # type: ignore[type-arg]
        batch: list[Analysed | Failed] = list(chunk.failures)
        if outcome is not None:
            results, sigs, _pid, _rss, cpu = outcome
            if opts.workers > 1:
                cpus[_pid] = max(cpus.get(_pid, 0.0), cpu)
            for (url, position, h, _), result, sig in zip(chunk.articles, results, sigs,
                                                          strict=True):
                if isinstance(result, Analysis) and sig is not None:
                    batch.append(Analysed(url, position, h, result, sig))
                else:
                    batch.append(Failed(url, position, str(result), "analyze"))
        r = writer.write(batch, chunk.skipped)
        outcomes: list[tuple[str, str, int | None]] = []
        failures = {f.file: f.reason for f in r.failed if f.stage != "fetch"}
        for url, _, h, _ in chunk.articles:
            inflight.discard(h)
            if url in failures:
                failed(url, failures[url], False)
                continue
            row = db.execute("SELECT id, file FROM articles WHERE hash = ?", (h,)).fetchone()
            mine = row is not None and row["file"] == url
            outcomes.append((url, "stored" if mine else "duplicate",
                             row["id"] if row else None))
            if mine:
                source_of[url].new += 1
            else:
                report.duplicates += 1
        state.mark_done(db, outcomes)
        report.stored += r.stored
        report.linked += r.linked
        if progress:
            progress(report)

    cpus: dict[int, float] = {}
    try:
        if opts.workers <= 1:
            for chunk in chunks():
                outcome = None
                if chunk.articles:
                    c0 = time.process_time()
                    outcome = _ingest.analyze_chunk([a for *_, a in chunk.articles],
                                                    opts.analysis)
                    report.analysis_seconds += time.process_time() - c0
                commit(chunk, outcome)
        else:
            _ingest.run_parallel(chunks(), opts.workers, opts.analysis, commit)
            report.analysis_seconds += sum(cpus.values())
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def _as_done(futures: list[Future]) -> Iterator[Future | None]:  # type: ignore[type-arg]
    """Futures in the order they finish, and None each time the next one is not ready
    yet (the caller may do something useful before waiting)."""
    pending = set(futures)
    while pending:
        done, pending = wait(pending, timeout=0)
        if not done:
            yield None
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
        yield from done


def _stored_copy(db, url: str | None, h: str, item_url: str) -> int | None:  # type: ignore[no-untyped-def]
    """The id of a stored article with this text or canonical URL (not this item's)."""
    row = db.execute("SELECT id FROM articles WHERE hash = ?", (h,)).fetchone()
    if row is None and url:
        row = db.execute("SELECT id FROM articles WHERE url = ? AND coalesce(file, '') != ?",
                         (url, item_url)).fetchone()
    return int(row[0]) if row else None


def watch(db_path: str | Path, sources: Sequence[str], options: WatchOptions | None = None,
          *, every: float = 900.0, once: bool = False, progress: Progress | None = None,
          on_poll: Progress | None = None, polls: int | None = None) -> list[PollReport]:
    """Poll now, then every ``every`` seconds until interrupted (Ctrl-C, SIGTERM) or
    ``polls`` polls are done; ``once``: one poll. Returns the reports of the polls."""
    reports: list[PollReport] = []
    previous = _ingest._term_as_interrupt()
    try:
        while True:
            started = time.monotonic()
            r = poll(db_path, sources, options, progress=progress)
            reports.append(r)
            if on_poll:
                on_poll(r)
            if once or r.interrupted or (polls is not None and len(reports) >= polls):
                break
            rest = every - (time.monotonic() - started)
            while rest > 0:
                time.sleep(min(rest, 1.0))
                rest = every - (time.monotonic() - started)
    except KeyboardInterrupt:
        if reports:
            reports[-1].interrupted = True
        else:
            reports.append(PollReport(interrupted=True))
    finally:
        if previous is not None:
            import signal

            signal.signal(signal.SIGTERM, previous)
    return reports
