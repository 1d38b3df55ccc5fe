"""``communique serve --workers N``: the option, and N forked processes on one port."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from communique.cli import cli
from communique.web.workers import MAX_DEFAULT, default_workers

linux = pytest.mark.skipif(not Path("/proc/self/task").is_dir() or not hasattr(os, "fork"),
                           reason="counts the workers in /proc (Linux)")


def test_default_workers_is_one_a_core() -> None:
    n = default_workers()
    assert 1 <= n <= MAX_DEFAULT
    assert n == min(os.cpu_count() or 1, MAX_DEFAULT)


def test_workers_option_parses() -> None:
    from communique.cli.serve import bench_serve_cmd, serve

    for command in (serve, bench_serve_cmd):
        option = next(p for p in command.params if p.name == "workers")
        assert option.default is None  # the default is worked out when it runs
    runner = CliRunner()
    assert "--workers" in runner.invoke(cli, ["serve", "--help"]).output
    for bad in ("0", "-2", "many", "65"):
        result = runner.invoke(cli, ["serve", "--workers", bad])
        assert result.exit_code == 2 and "--workers" in result.output, result.output


def _children(pid: int) -> set[int]:
    return {int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()}


@pytest.fixture()
def served(store_path: Path) -> Iterator[tuple[subprocess.Popen[str], str]]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2] / "src")}
    proc = subprocess.Popen([sys.executable, "-m", "communique", "serve", "--db",
                             str(store_path), "--port", "0", "--workers", "2"],
                            stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert proc.stderr is not None
        url = None
        deadline = time.monotonic() + 60
        while url is None and time.monotonic() < deadline:
            line = proc.stderr.readline()
            assert line, f"the server stopped (code {proc.poll()})"
            found = re.search(r"on (http://127\.0\.0\.1:\d+)/, 2 worker processes", line)
            url = found and found.group(1)
        assert url, "the server did not say where it serves"
        yield proc, url
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)


@linux
def test_serve_forks_n_workers_that_answer(served) -> None:  # noqa: ANN001
    import httpx

    proc, url = served
    workers = _children(proc.pid)
    assert len(workers) == 2
    with httpx.Client(base_url=url, timeout=30) as client:
        for path in ("/api/overview", "/api/events?per_page=5", "/api/network", "/"):
            assert client.get(path).status_code == 200, path
    # a worker that dies is replaced, and the port keeps answering meanwhile (on new
    # connections: one kept alive to the dead worker is reset)
    gone = workers.pop()
    os.kill(gone, signal.SIGKILL)
    assert httpx.get(url + "/api/overview", timeout=30).status_code == 200
    deadline = time.monotonic() + 20
    while len(_children(proc.pid) - {gone}) < 2:
        assert time.monotonic() < deadline, "the dead worker was not replaced"
        time.sleep(0.1)
    assert httpx.get(url + "/api/actors", timeout=30).status_code == 200
    # SIGTERM to the parent stops every worker, then the parent
    now = _children(proc.pid)
    proc.terminate()
    assert proc.wait(30) == 0
    for pid in now:
        assert not Path(f"/proc/{pid}").exists() or \
            "zombie" in Path(f"/proc/{pid}/status").read_text()


def test_workers_share_cached_bodies_through_a_directory(tmp_path: Path) -> None:
    from communique.web import response_cache
    from communique.web.response_cache import ResponseCache

    a, b = ResponseCache(), ResponseCache()
    a.share(tmp_path, 2)
    b.share(tmp_path, 2)
    key = ("/api/events.csv", (("since", "2023-01-01"),))
    headers = [(b"content-type", b"text/csv; charset=utf-8"), (b"x-note", b"caf\xe9")]
    a.put(key, ((5, 9), b"id,type\n1,AID\n\n", 200, headers))
    assert b.get(key, (5, 9)) == ((5, 9), b"id,type\n1,AID\n\n", 200, headers)
    assert len(b) == 1  # kept in b's memory from then on
    assert b.get(key, (6, 9)) is None  # the store grew: a new generation misses
    assert ResponseCache().get(key, (5, 9)) is None  # a cache without the directory
    # each worker removes its own oldest files past its share of the bound
    old = response_cache.MAX_SHARED
    response_cache.MAX_SHARED = 3000
    try:
        c = ResponseCache()
        c.share(tmp_path, 2)
        for i in range(4):
            c.put(("/api/x", (("i", str(i)),)), ((1, 1), b"x" * 600, 200, []))
        assert [c.get(("/api/x", (("i", str(i)),)), (1, 1)) is None
                for i in range(4)] == [False] * 4  # all in c's memory still
        d = ResponseCache()
        d.share(tmp_path, 2)
        found = [d.get(("/api/x", (("i", str(i)),)), (1, 1)) is not None for i in range(4)]
        assert found == [False, False, True, True]
    finally:
        response_cache.MAX_SHARED = old
    a.share(None)
    a.put(("/api/y", ()), ((1, 1), b"y", 200, []))
    assert len(list(tmp_path.iterdir())) == 3  # no file once sharing is off


async def _never_served(scope, receive, send) -> None:  # noqa: ANN001 - an ASGI app
    raise AssertionError("no worker gets to serve here")


@pytest.mark.skipif(not hasattr(os, "fork"), reason="forks workers")
def test_workers_failing_at_start_back_off_then_give_up(monkeypatch) -> None:  # noqa: ANN001
    from communique.web import workers

    waits: list[float] = []
    real_delay = workers.restart_delay
    monkeypatch.setattr(workers, "restart_delay", lambda f, b: (waits.append(round(
        real_delay(f, b), 3)), real_delay(f, b))[1])

    def fail() -> None:
        raise RuntimeError("cannot open the store")

    t0 = time.monotonic()
    with pytest.raises(workers.WorkerStartError,
                       match="worker 1 of 1 failed to start 4 times in a row"):
        workers.serve_forked(_never_served, "127.0.0.1", 0, 1, after_fork=fail,
                             give_up=4, backoff=0.01)
    assert waits == [0.01, 0.02, 0.04]  # doubling, then no fifth start
    assert time.monotonic() - t0 < 15
    assert workers.restart_delay(20, 1.0) == workers.BACKOFF_MAX


def _starts(folder: Path, slot: int) -> int:
    """Record a start of worker ``slot`` in ``folder``; how many it had before."""
    n = len(list(folder.glob(f"{slot}-*")))
    (folder / f"{slot}-{n}").touch()
    return n


def _stop_when(done: Callable[[], bool]) -> None:
    """SIGTERM to this process once ``done()``, from a thread (at most 30 s)."""
    import threading

    def wait() -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not done():
            time.sleep(0.05)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=wait, daemon=True).start()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="forks workers")
def test_start_failures_are_counted_per_worker(tmp_path: Path) -> None:
    from communique.web import workers

    def fail_twice() -> None:  # each worker fails its first two starts, then serves
        assert workers.current_slot is not None
        if _starts(tmp_path, workers.current_slot) < 2:
            raise RuntimeError("not yet")

    # six failures in a row across the pool, two per worker: give_up=3 is never reached
    _stop_when(lambda: len(list(tmp_path.iterdir())) >= 9)
    workers.serve_forked(_never_served, "127.0.0.1", 0, 3, after_fork=fail_twice,
                         give_up=3, backoff=0.01)
    assert sorted(f.name for f in tmp_path.iterdir()) == [
        f"{slot}-{n}" for slot in range(3) for n in range(3)]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="forks workers")
def test_one_worker_failing_gives_up_while_the_others_serve(tmp_path: Path) -> None:
    from communique.web import workers

    def second_fails() -> None:
        assert workers.current_slot is not None
        _starts(tmp_path, workers.current_slot)
        if workers.current_slot == 1:
            raise RuntimeError("cannot open the store")

    with pytest.raises(workers.WorkerStartError,
                       match="worker 2 of 2 failed to start 3 times in a row"):
        workers.serve_forked(_never_served, "127.0.0.1", 0, 2, after_fork=second_fails,
                             give_up=3, backoff=0.01)
    # the serving worker was never restarted; the failing one started three times
    assert sorted(f.name for f in tmp_path.iterdir()) == ["0-0", "1-0", "1-1", "1-2"]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="forks workers")
def test_a_worker_that_ran_then_died_is_still_replaced(tmp_path: Path) -> None:
    import threading

    from communique.web import workers

    starts = tmp_path / "starts"

    def run_a_while_then_die() -> None:
        with starts.open("a") as f:
            f.write(f"{os.getpid()}\n")
        time.sleep(0.3)
        raise RuntimeError("died after running")

    def stop_after_five() -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and (not starts.exists() or
                                               len(starts.read_text().split()) < 5):
            time.sleep(0.05)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=stop_after_five, daemon=True).start()
    # give_up=2: five starts means the ones that lived past up_after reset the count
    workers.serve_forked(_never_served, "127.0.0.1", 0, 1, after_fork=run_a_while_then_die,
                         give_up=2, backoff=0.05, up_after=0.1)
    assert len(set(starts.read_text().split())) >= 5


def test_serve_reports_workers_that_cannot_start(monkeypatch, store_path: Path) -> None:  # noqa: ANN001
    from communique.web import workers

    def give_up(*_a, **_k) -> None:  # noqa: ANN002, ANN003
        raise workers.WorkerStartError("a worker failed to start 5 times in a row")

    monkeypatch.setattr(workers, "serve_forked", give_up)
    monkeypatch.setattr(workers, "prewarm", lambda app: 0)
    result = CliRunner().invoke(cli, ["serve", "--db", str(store_path), "--workers", "2"])
    assert result.exit_code == 1
    assert "failed to start 5 times in a row" in result.output
