"""``communique serve`` and ``communique bench serve``."""

from __future__ import annotations

import ipaddress
import os

import click

from ..store.db import DEFAULT_DB
from ..web.workers import MAX_DEFAULT


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command("serve")
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, metavar="FILE",
              help="The SQLite store (opened read-only).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind; anything but loopback exposes the corpus to the network.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--workers", type=click.IntRange(min=1, max=64), default=None, metavar="N",
              help="Server processes answering at once on the one port  [default: one a "
                   f"core, at most {MAX_DEFAULT}; 1 where the platform cannot fork]")
def serve(db_path: str, host: str, port: int, workers: int | None) -> None:
    """Browse a store in a web browser: articles, actors, network, quotes, events."""
    from ..web.workers import default_workers

    workers = workers or default_workers()
    if workers > 1 and not hasattr(os, "fork"):
        click.echo("warning: --workers needs os.fork (not on this platform): one process",
                   err=True)
        workers = 1
    loopback = _is_loopback(host)
    app = _app(db_path, host, loopback, warm=workers == 1)
    if not app.state.store.indexed:
        click.echo("warning: this store predates the date index of migration m005; pages "
                   "will be slow on a large corpus (any `communique ingest` into it adds it)",
                   err=True)
    if not loopback:
        click.echo(f"warning: binding {host}: anyone who can reach this address can read "
                   "the corpus", err=True)
    if workers == 1:
        import uvicorn

        click.echo(f"communique: serving {db_path} on http://{host}:{port}/ (Ctrl-C stops)",
                   err=True)
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return
    import shutil
    import tempfile
    from pathlib import Path

    from ..web.workers import WorkerStartError, prewarm, serve_forked

    store = app.state.store
    shared = Path(tempfile.mkdtemp(prefix="communique-serve-"))  # the workers' cache files

    def load() -> None:  # once, shared by the workers; no connection crosses the fork
        click.echo(f"communique: loading {db_path}", err=True)
        app.state.aggregates.get(store.connect())
        prewarm(app)
        store.forget()

    def worker() -> None:
        store.forget()
        app.state.responses.share(shared, workers)

    try:
        serve_forked(app, host, port, workers, before_fork=load, after_fork=worker,
                     ready=lambda bound: click.echo(
                         f"communique: serving {db_path} on http://{host}:{bound}/, "
                         f"{workers} worker processes (Ctrl-C stops)", err=True))
    except WorkerStartError as exc:
        raise click.ClickException(f"serve: {exc}") from None
    finally:
        shutil.rmtree(shared, ignore_errors=True)


def _app(db_path: str, host: str, loopback: bool, *, warm: bool):  # noqa: ANN202
    from ..web.app import create_app

    return create_app(db_path, hosts=frozenset({host.lower(), "localhost", "127.0.0.1",
                                                "::1"}) if loopback else None, warm=warm)


@click.command("serve")
@click.option("--articles", type=click.IntRange(min=1), default=100_000, show_default=True,
              help="Size of the synthetic store.")
@click.option("--db", "db_path", default=None, metavar="FILE",
              help="Store to build or reuse (default: a cached file per size in the "
                   "temporary directory).")
@click.option("--requests", "n_requests", type=click.IntRange(min=1), default=200,
              show_default=True, help="Requests per route.")
@click.option("--concurrency", type=click.IntRange(min=1, max=64), default=8,
              show_default=True, help="Client threads.")
@click.option("--in-process", is_flag=True,
              help="Also time each route's requests one at a time in this process (no "
                   "HTTP, no queue).")
@click.option("--workers", type=click.IntRange(min=1, max=64), default=None, metavar="N",
              help="Server processes, as `communique serve --workers`  [default: as serve]")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def bench_serve_cmd(articles: int, db_path: str | None, n_requests: int, concurrency: int,
                    in_process: bool, workers: int | None, as_json: bool) -> None:
    """p50/p95 latency of each API route on a synthetic store, under concurrent load."""
    import json

    from ..web.bench import bench_serve

    result = bench_serve(articles, db_path=db_path, requests=n_requests,
                         concurrency=concurrency, in_process=in_process, workers=workers,
                         progress=lambda m: click.echo(m, err=True))
    if as_json:
        click.echo(json.dumps(result, indent=2))
        return
    click.echo(f"{result['articles']:,} articles, {result['events']:,} events, "
               f"{result['quotes']:,} quotes; {result['requests']} requests per route, "
               f"{result['concurrency']} client threads on loopback, {result['workers']} "
               "server processes; load average "
               f"{' '.join(map(str, result['load_average'][:3]))} before, "
               f"{' '.join(map(str, result['load_average'][3:]))} after")
    extra = f" {'in-proc p95':>12}" if in_process else ""
    click.echo(f"{'route':<36} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'req/s':>8}{extra}"
               "  target")
    for r in result["routes"]:
        target = f"p95 <= {r['target_ms']} ms: {'ok' if r['ok'] else 'MISSED'}" \
            if r.get("target_ms") else ""
        inproc = f" {r['inproc_p95_ms']:>12.1f}" if in_process else ""
        click.echo(f"{r['route']:<36} {r['p50_ms']:>8.1f} {r['p95_ms']:>8.1f} "
                   f"{r['max_ms']:>8.1f} {r['rps']:>8.1f}{inproc}  {target}")
