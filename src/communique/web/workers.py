"""``communique serve --workers N``: one listening socket, N pre-forked server processes.

A request's Python work holds the interpreter lock, so one server process answers one
request at a time however many threads it has: eight readers asking for eight cold pages
at once wait in one queue, and on a loaded machine the last of them waits a second. N
processes answer N at a time, one per core.

The parent opens the store, loads the event arrays once (:mod:`communique.web.aggregates`,
tens of MB at 100,000 articles), binds the socket, then forks the workers: they share the
arrays' memory copy-on-write (NumPy buffers, never written) and begin warm, so the port
answers only once every worker can. Each worker then keeps its own SQLite read-only
connections, response cache and reloads (after an ingest) on its own. The parent
holds no connection and runs no thread while it forks; it restarts a worker that dies
and stops them all on SIGINT or SIGTERM. Needs ``os.fork`` (not Windows: one process
there).
"""

from __future__ import annotations

import gc
import os
import signal
import socket
import sys
import time
from collections.abc import Callable
from typing import Any

#: most workers by default: each holds its own caches, and past the cores they only queue
MAX_DEFAULT = 8
#: seconds a worker has to finish its requests after SIGTERM before it is killed
STOP_GRACE = 10.0
SIGNALS = (signal.SIGINT, signal.SIGTERM)
#: a worker that dies sooner than this many seconds after its fork failed to start
UP_AFTER = 10.0
#: consecutive start failures of one worker (its slot) after which the parent gives up
GIVE_UP = 5
#: seconds before the first restart after a start failure, doubled at each further one;
#: also the least time between two restarts of workers that had started
BACKOFF = 1.0
#: most seconds between two restarts
BACKOFF_MAX = 30.0


class WorkerStartError(RuntimeError):
    """The workers keep failing at start: :func:`serve_forked` gave up restarting them."""


def default_workers() -> int:
    """One worker per core (``os.cpu_count()``), at most :data:`MAX_DEFAULT`; 1 where the
    platform cannot fork."""
    if not hasattr(os, "fork"):
        return 1
    return max(1, min(os.cpu_count() or 1, MAX_DEFAULT))


#: pages and routes each kind of which is asked once in the parent before it forks, so
#: every worker starts with the overview and an actor's summary cached, its modules
#: imported and its SQL prepared, rather than paying for them in its first requests
WARM_PATHS = ("/", "/api/overview", "/api/overview/timeline", "/api/actors", "/actors",
              "/api/network", "/network", "/api/events?per_page=100", "/events",
              "/api/events.csv?per_page=1000", "/api/events.jsonl?per_page=1000",
              "/api/quotes?per_page=100", "/quotes", "/api/quotes.csv?per_page=1000",
              "/api/quotes.jsonl?per_page=1000", "/api/events/facets", "/api/quotes/facets")


def prewarm(app: Any, paths: tuple[str, ...] = WARM_PATHS, *, wait: float = 10.0) -> int:
    """Ask ``app`` for ``paths`` (and the busiest actor's pages) in this process; returns
    how many answered 200. Waits up to ``wait`` seconds for the threads the requests ran
    in to end, as nothing may run beside a fork."""
    import threading
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    ok = 0
    client = TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False)
    try:
        actors = client.get("/api/actors").json().get("items") or []
    except ValueError:
        actors = []
    extra = tuple(f"{p}/{actors[0]['id']}" for p in ("/api/actors", "/actors")
                  if actors and "id" in actors[0])
    for path in paths + extra:
        ok += client.get(path).status_code == 200
    deadline = time.monotonic() + wait
    while threading.active_count() > 1 and time.monotonic() < deadline:
        time.sleep(0.02)
    gc.collect()  # the requests' connections, held by their threads' locals, close
    return ok


#: in a worker, its slot (0 .. N-1: the worker it replaces has the same); None in the parent
current_slot: int | None = None


def restart_delay(failures: int, backoff: float) -> float:
    """Seconds before restarting a worker after ``failures`` consecutive start failures of
    its slot: ``backoff``, doubled at each further one, at most :data:`BACKOFF_MAX`."""
    return min(BACKOFF_MAX, backoff * 2 ** (failures - 1))


def _child(app: Any, sock: socket.socket, host: str, port: int, parent: int, slot: int,
           after_fork: Callable[[], None]) -> None:
    """A worker: uvicorn on the inherited socket until SIGTERM/SIGINT; never returns."""
    global current_slot
    code = 0
    try:
        from ..store.ingest import die_with_parent

        current_slot = slot
        # uvicorn raises the signal it stopped on again once done: make that a no-op here
        for s in SIGNALS:
            signal.signal(s, lambda *_: None)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, SIGNALS)
        die_with_parent(parent)
        after_fork()
        import uvicorn

        config = uvicorn.Config(app, host=host, port=port, log_level="warning")
        uvicorn.Server(config).run(sockets=[sock])
    except BaseException:  # noqa: BLE001 - a worker reports and exits, whatever it was
        import traceback

        traceback.print_exc()
        code = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def serve_forked(app: Any, host: str, port: int, workers: int, *,
                 before_fork: Callable[[], None] = lambda: None,
                 after_fork: Callable[[], None] = lambda: None,
                 ready: Callable[[int], None] | None = None,
                 give_up: int = GIVE_UP, backoff: float = BACKOFF,
                 up_after: float = UP_AFTER) -> None:
    """Serve ``app`` from ``workers`` forked processes on one socket at ``host:port``;
    returns when they have stopped. ``before_fork`` runs once in the parent (load what the
    workers should share; leave no thread or connection open), ``after_fork`` in each
    worker; ``ready(port)`` once the socket is bound and the workers forked.

    A worker that dies is replaced, in its slot (:data:`current_slot`). Start failures are
    counted per slot: one that dies within ``up_after`` seconds of its fork failed to start,
    and its slot's next restart waits :func:`restart_delay` (``backoff`` seconds, doubled
    at each further consecutive failure of that slot), while the other slots keep serving
    and restarting on their own; after ``give_up`` in a row in one slot the other workers
    are stopped and :class:`WorkerStartError` raised. A worker that ran longer resets its
    slot's count; such replacements come at most one each ``backoff`` seconds."""
    import uvicorn

    before_fork()
    config = uvicorn.Config(app, host=host, port=port, log_level="warning")
    sock = config.bind_socket()
    sock.listen(config.backlog)  # connections wait in the kernel until a worker is up
    bound = int(sock.getsockname()[1])
    gc.collect()
    gc.freeze()  # the loaded objects stay in shared pages (no collector writes to them)
    parent = os.getpid()
    children: set[int] = set()
    born: dict[int, tuple[int, float]] = {}  # pid -> (slot, fork time)
    stopping = False

    def spawn(slot: int) -> None:
        # no signal between the fork and the worker's own handlers (the parent's would
        # run in the worker and stop its siblings)
        signal.pthread_sigmask(signal.SIG_BLOCK, SIGNALS)
        try:
            pid = os.fork()
            if pid == 0:
                _child(app, sock, host, bound, parent, slot, after_fork)
            children.add(pid)
            born[pid] = (slot, time.monotonic())
        finally:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, SIGNALS)

    def stop(_sig: int, _frame: Any) -> None:
        nonlocal stopping
        stopping = True
        for pid in list(children):
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass

    previous = {s: signal.signal(s, stop) for s in SIGNALS}
    try:
        for slot in range(workers):
            spawn(slot)
        if ready:
            ready(bound)
        failures = [0] * workers  # consecutive start failures, per slot
        due: dict[int, float] = {}  # slot -> when its worker is restarted
        next_ran = 0.0  # earliest restart of a worker that had started
        while children or (due and not stopping):
            if due and not stopping:
                reaped = _reap(min(due.values()), lambda: stopping)
            else:
                try:
                    reaped = os.wait()
                except ChildProcessError:
                    break
                except InterruptedError:  # pragma: no cover - PEP 475 retries os.wait
                    continue
            if reaped:
                pid, status = reaped
                children.discard(pid)
                slot, forked = born.pop(pid, (-1, 0.0))
                now = time.monotonic()
                if stopping:
                    if children:
                        _kill_late(children)
                elif slot >= 0:  # a worker died: replace it
                    failures[slot] = failures[slot] + 1 if now - forked < up_after else 0
                    if failures[slot] >= give_up:
                        stop(0, None)
                        _kill_late(children)
                        raise WorkerStartError(
                            f"worker {slot + 1} of {workers} failed to start "
                            f"{failures[slot]} times in a row (last exit status "
                            f"{os.waitstatus_to_exitcode(status)}, its error above); "
                            "giving up")
                    if failures[slot]:
                        due[slot] = now + restart_delay(failures[slot], backoff)
                    else:
                        due[slot] = next_ran = max(now, next_ran + backoff)
            now = time.monotonic()
            for slot in sorted(s for s, at in due.items() if at <= now):
                if not stopping:
                    spawn(slot)
                del due[slot]
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
        for pid in list(children):  # an error in the parent: leave no worker behind
            try:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
        sock.close()


def _reap(until: float, stopped: Callable[[], bool]) -> tuple[int, int] | None:
    """The (pid, status) of a worker that ends before the monotonic time ``until``, polled;
    None once ``until`` has come or ``stopped()`` (a signal handler sets it)."""
    while not stopped() and (left := until - time.monotonic()) > 0:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:  # no worker at all: only a restart is awaited
            pid, status = 0, 0
        if pid:
            return pid, status
        time.sleep(min(left, 0.02))
    return None


def _kill_late(children: set[int]) -> None:
    """After SIGTERM: wait up to :data:`STOP_GRACE` seconds for the workers, then kill."""
    deadline = time.monotonic() + STOP_GRACE
    while children and time.monotonic() < deadline:
        for pid in list(children):
            try:
                done, _ = os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                done = pid
            if done:
                children.discard(pid)
        time.sleep(0.05)
    for pid in list(children):
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        children.discard(pid)
