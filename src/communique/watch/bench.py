"""``bench watch``: watch articles/s end to end from a local news site, same-run baseline.

The site is static files (feeds and article pages made from :mod:`communique.synth`
records) served by ``http.server`` in a child process on 127.0.0.1, so the server does
not share this process's interpreter lock. One ``poll`` reads every feed, fetches,
extracts, analyses and stores every article; a second poll shows the cost of unchanged
feeds (all 304). The baseline is ``ingest`` of the same records from a JSONL file in the
same run; both have spaCy loaded before the clock starts. On a shared machine the
wall-clock ratio moves with the load; the CPU ratio (articles per CPU second, workers
included) much less. The fetch share is the fetch
threads' summed busy time (request and extraction) over that plus the analysis CPU time:
the two overlap, so it says where the work goes, not what the wall clock waits on.
"""

from __future__ import annotations

import html
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from ..synth import generate
from .http import HttpOptions
from .poll import WatchOptions, poll

_SERVER = """
import functools, http.server, sys
class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass
srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                      functools.partial(Quiet, directory=sys.argv[1]))
srv.daemon_threads = True
print(srv.server_address[1], flush=True)
srv.serve_forever()
"""


def _page(record: dict[str, str]) -> str:
    title = html.escape(record["title"])
    body = "".join(f"<p>{html.escape(p)}</p>" for p in record["text"].split("\n\n")
                   if p.strip())
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title>"
            f"<meta property='article:published_time' content='{record['published']}'>"
            f"</head><body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{body}"
            "</article><footer>local benchmark site</footer></body></html>")


def write_site(root: Path, feeds: int, items: int, seed: int = 0) -> list[dict[str, str]]:
    """Feeds ``feed-N.xml`` of ``items`` entries each, pages ``a/N.html``; returns the
    records, in feed order."""
    records = list(generate(feeds * items, seed=seed))
    (root / "a").mkdir(parents=True)
    (root / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n")
    for n, rec in enumerate(records):
        (root / "a" / f"{n}.html").write_text(_page(rec), encoding="utf-8")
    for f in range(feeds):
        entries = "".join(
            f"<item><title>{html.escape(records[n]['title'])}</title>"
            f"<link>/a/{n}.html</link></item>"
            for n in range(f * items, (f + 1) * items))
        (root / f"feed-{f}.xml").write_text(
            f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {f}</title>'
            f"<link>/</link>{entries}</channel></rss>", encoding="utf-8")
    return records


def bench_watch(feeds: int = 20, items: int = 50, *, workers: int = 1, batch_size: int = 16,
                concurrency: int = 4, seed: int = 0, baseline: bool = True,
                workdir: str | None = None) -> dict[str, Any]:
    from .. import nlp
    from ..store.ingest import ingest

    out: dict[str, Any] = {"feeds": feeds, "items": items, "workers": workers,
                           "cores": os.cpu_count(), "load_before": os.getloadavg()[0]}
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        root = Path(tmp) / "site"
        records = write_site(root, feeds, items, seed)
        out["articles"] = len(records)
        server = subprocess.Popen([sys.executable, "-c", _SERVER, str(root)],
                                  stdout=subprocess.PIPE, text=True)
        try:
            assert server.stdout is not None
            port = int(server.stdout.readline().strip())
            base = f"http://127.0.0.1:{port}"
            sources = [f"{base}/feed-{f}.xml" for f in range(feeds)]
            opts = WatchOptions(http=HttpOptions(delay=0.0, concurrency=concurrency,
                                                 timeout=30.0),
                                workers=workers, batch_size=batch_size)
            if workers == 1:
                nlp.load()  # as for the baseline: the model is loaded before the clock
            db = Path(tmp) / "watch.db"
            c0 = time.process_time()
            r = poll(db, sources, opts)
            cpu = time.process_time() - c0 + (r.analysis_seconds if workers > 1 else 0.0)
            busy = r.fetch_seconds + r.analysis_seconds
            out["watch"] = {"stored": r.stored, "linked": r.linked, "failed": r.failed,
                            "duplicates": r.duplicates, "requests": r.requests,
                            "seconds": r.seconds, "rate": r.rate, "cpu_seconds": cpu,
                            "cpu_rate": r.stored / cpu if cpu else 0.0,
                            "fetch_seconds": r.fetch_seconds,
                            "analysis_seconds": r.analysis_seconds,
                            "fetch_share": r.fetch_seconds / busy if busy else 0.0}
            t0 = time.perf_counter()
            again = poll(db, sources, opts)
            out["repoll"] = {"seconds": time.perf_counter() - t0, "requests": again.requests,
                             "stored": again.stored,
                             "not_modified": sum(s.status == "unchanged"
                                                 for s in again.sources)}
        finally:
            server.terminate()
            server.wait(timeout=10)
        if baseline:
            corpus = Path(tmp) / "corpus.jsonl"
            with open(corpus, "w", encoding="utf-8") as f:
                for rec in records:
                    f.write(json.dumps(rec, ensure_ascii=False) + "\n")
            c0 = time.process_time()
            s = ingest([str(corpus)], Path(tmp) / "ingest.db", workers=workers,
                       batch_size=batch_size)
            cpu = time.process_time() - c0 + (sum(s.worker_cpu_s.values()) if workers > 1
                                              else 0.0)
            out["ingest"] = {"stored": s.stored, "seconds": s.elapsed, "rate": s.rate,
                             "cpu_seconds": cpu, "cpu_rate": s.stored / cpu if cpu else 0.0}
            out["ratio"] = out["watch"]["rate"] / s.rate if s.rate else 0.0
            out["cpu_ratio"] = (out["watch"]["cpu_rate"] / out["ingest"]["cpu_rate"]
                                if out["ingest"]["cpu_rate"] else 0.0)
    out["load_after"] = os.getloadavg()[0]
    return out
