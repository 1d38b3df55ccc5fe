"""``communique watch`` and ``communique bench watch``: parse options, call the library."""

from __future__ import annotations

import datetime as dt
import json
import re
import sys

import click

from ..options import DEFAULT_MAX_CHARS
from .store import db_option

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(value: str) -> float:
    """Seconds in ``90``, ``90s``, ``15m``, ``1h``, ``1h30m``; raises BadParameter."""
    text = value.strip().lower()
    if re.fullmatch(r"\d+(\.\d+)?", text):
        seconds = float(text)
    else:
        parts = re.findall(r"(\d+(?:\.\d+)?)([smhd])", text)
        if not parts or "".join(n + u for n, u in parts) != text:
            raise click.BadParameter(f"{value!r} is not a duration (e.g. 90s, 15m, 1h)",
                                     param_hint="--every")
        seconds = sum(float(n) * _UNITS[u] for n, u in parts)
    if seconds < 1:
        raise click.BadParameter("must be at least 1 second", param_hint="--every")
    return seconds


def _stamp() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def poll_lines(report, n: int) -> list[str]:  # type: ignore[no-untyped-def]
    """One log line per source and one for the poll."""
    lines = []
    for s in report.sources:
        tail = " (304)" if s.status == "unchanged" else \
            f" error: {s.error}" if s.status == "error" else ""
        lines.append(f"{_stamp()} poll {n} {s.url} new={s.new} unchanged={s.unchanged} "
                     f"failed={s.failed} time={s.seconds:.1f}s{tail}")
    head = "interrupted" if report.interrupted else "done"
    lines.append(f"{_stamp()} poll {n} {head}: {report.stored} stored ({report.linked} "
                 f"linked to a story), {report.duplicates} duplicates, {report.failed} "
                 f"failed, {report.requests} requests in {report.seconds:.1f}s")
    return lines


@click.command("watch")
@click.argument("sources", nargs=-1, required=True)
@db_option
@click.option("--every", default="15m", show_default=True,
              help="Time between polls, e.g. 90s, 15m, 1h.")
@click.option("--once", is_flag=True, help="Poll every source one time and exit (cron).")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Analysis processes, as for ingest.")
@click.option("--batch-size", type=click.IntRange(min=1), default=16, show_default=True,
              help="Articles per worker task and per database transaction.")
@click.option("--timeout", type=click.FloatRange(min=0.01), default=20.0, show_default=True,
              help="Seconds per request.")
@click.option("--retries", type=click.IntRange(0, 10), default=3, show_default=True,
              help="Retries after a timeout, connection error or 5xx (never after 4xx).")
@click.option("--backoff", type=click.FloatRange(min=0), default=1.0, show_default=True,
              help="Seconds before the first retry, doubled for each next one.")
@click.option("--delay", type=click.FloatRange(min=0), default=1.0, show_default=True,
              help="Seconds between two requests to the same host.")
@click.option("--concurrency", type=click.IntRange(1, 32), default=4, show_default=True,
              help="Requests in flight at once.")
@click.option("--max-bytes", type=click.IntRange(min=1024), default=5 * 1024 * 1024,
              show_default=True, help="Refuse larger responses.")
@click.option("--max-attempts", type=click.IntRange(min=1), default=3, show_default=True,
              help="Polls that may try a failing item before it is left alone.")
@click.option("--user-agent", default=None,
              help="User-Agent header (default: communique/VERSION with the project URL).")
@click.option("--contact", metavar="EMAIL|URL",
              help="Added to the User-Agent so site owners can reach you.")
@click.option("--max-chars", type=click.IntRange(min=1), default=DEFAULT_MAX_CHARS,
              show_default=True, help="Refuse longer articles.")
@click.option("--quiet", "-q", is_flag=True, help="Only the line per poll, no live line.")
def watch_cmd(sources: tuple[str, ...], db_path: str, every: str, once: bool, workers: int,
              batch_size: int, timeout: float, retries: int, backoff: float, delay: float,
              concurrency: int, max_bytes: int, max_attempts: int, user_agent: str | None,
              contact: str | None, max_chars: int, quiet: bool) -> None:
    """Keep the store current from RSS/Atom feeds, news sitemaps (and sitemap indexes)
    or files listing such URLs one a line.

    Polls every source now and then every --every until Ctrl-C or SIGTERM (the batch in
    flight is finished or rolled back); --once polls one time. Unchanged feeds cost one
    304; new items are fetched (robots.txt respected), extracted, analysed and stored once
    (same canonical URL or same text: skipped). Failures are recorded and retried on
    later polls; `communique stats` and the web UI's Sources page show each source's
    health. Prints one line per source and poll (a live line too on a terminal).
    """
    from ..options import Options
    from ..watch import HttpOptions, WatchOptions, expand_sources
    from ..watch import watch as run
    from ..watch.http import DEFAULT_AGENT

    seconds = parse_duration(every)
    urls = expand_sources(sources)
    if not urls:
        raise click.UsageError("no sources: the files given list no URL")
    opts = WatchOptions(
        http=HttpOptions(timeout=timeout, retries=retries, backoff=backoff, delay=delay,
                         concurrency=concurrency, max_bytes=max_bytes,
                         user_agent=user_agent or DEFAULT_AGENT, contact=contact),
        analysis=Options(max_chars=max_chars, batch_size=min(batch_size, 64)),
        workers=workers, batch_size=batch_size, max_attempts=max_attempts)
    from .console import make_console

    err = make_console(stderr=True)
    live = None
    count = [0]
    if not quiet and err.is_terminal:
        live = err.status("watch: listing sources")

        def progress(r) -> None:  # type: ignore[no-untyped-def]
            live.update(f"poll {count[0] + 1}: {r.stored} stored, {r.duplicates} duplicates, "
                        f"{r.failed} failed, {r.fetched} pages fetched")
    else:
        progress = None  # type: ignore[assignment]

    def on_poll(r) -> None:  # type: ignore[no-untyped-def]
        count[0] += 1
        if live is not None:
            live.stop()
        for line in poll_lines(r, count[0]):
            click.echo(line)
        sys.stdout.flush()
        if live is not None and not (once or r.interrupted):
            live.update(f"next poll in {every}")
            live.start()

    if live is not None:
        live.start()
    try:
        reports = run(db_path, urls, opts, every=seconds, once=once, progress=progress,
                      on_poll=on_poll)
    finally:
        if live is not None:
            live.stop()
    if reports and reports[-1].interrupted:
        err.print("stopped: everything counted above is committed; fetched articles not "
                  "yet stored are kept for the next run")


@click.command("watch")
@click.option("--feeds", type=click.IntRange(min=1), default=20, show_default=True)
@click.option("--items", type=click.IntRange(min=1), default=50, show_default=True,
              help="Items per feed.")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True)
@click.option("--batch-size", type=click.IntRange(min=1), default=16, show_default=True)
@click.option("--concurrency", type=click.IntRange(1, 32), default=4, show_default=True)
@click.option("--seed", type=int, default=0, show_default=True,
              help="Random seed: the same seed gives the same result.")
@click.option("--no-baseline", is_flag=True, help="Skip the ingest baseline.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def bench_watch_cmd(feeds: int, items: int, workers: int, batch_size: int, concurrency: int,
                    seed: int, no_baseline: bool, as_json: bool) -> None:
    """Watch articles/s end to end from a local server, the fetch and analysis shares,
    against ingest of the same articles from a file."""
    from ..watch.bench import bench_watch

    r = bench_watch(feeds, items, workers=workers, batch_size=batch_size,
                    concurrency=concurrency, seed=seed, baseline=not no_baseline)
    if as_json:
        click.echo(json.dumps(r, indent=2))
        return
    w = r["watch"]
    lines = [f"{r['articles']:,} articles from {feeds} feeds x {items} items on a local "
             f"server, workers {workers}, {r['cores']} cores, load average "
             f"{r['load_before']:.1f} before / {r['load_after']:.1f} after",
             f"watch --once (end to end)   {w['rate']:8.2f} articles/s   {w['stored']:,} "
             f"stored, {w['linked']:,} linked, {w['failed']} failed, {w['requests']:,} "
             f"requests in {w['seconds']:.1f} s",
             f"  time share: fetch + extract {w['fetch_share']:.0%} ({w['fetch_seconds']:.1f} s"
             f" busy), analysis {1 - w['fetch_share']:.0%} ({w['analysis_seconds']:.1f} s "
             "CPU)",
             f"second poll (all 304)       {r['repoll']['seconds']:8.2f} s   "
             f"{r['repoll']['requests']} requests, {r['repoll']['stored']} stored"]
    if "ingest" in r:
        i = r["ingest"]
        lines.append(f"ingest of the same texts    {i['rate']:8.2f} articles/s   "
                     f"{i['cpu_rate']:.2f} per CPU second")
        lines.append(f"ratio watch/ingest          {r['ratio']:.3f} wall clock, "
                     f"{r['cpu_ratio']:.3f} CPU (watch: {w['cpu_rate']:.2f} per CPU second)")
    click.echo("\n".join(lines))
