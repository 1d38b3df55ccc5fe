"""``communique load``: a Spark output directory into the local store, through its writer.

Runs without Spark (pyarrow only), so results computed on a cluster can be copied to a
laptop and explored there. Every record goes through :class:`store.writer.Writer`, the
store's one write path: the same hash key skips what is stored (a rerun adds nothing),
and the same MinHash linking joins wire copies into stories, which the Spark job leaves
undone because it needs the corpus in order. Records are loaded a date partition at a
time (a day, month or year, as the job wrote them; oldest first, then undated), in
(day, file, position) order within it, so one partition is in memory at a time and a
story's first copy is the earliest one.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import CommuniqueError
from ..store import dedup
from ..store.db import connect
from ..store.writer import Analysed, Failed, Writer
from .job import GRAINS, PARTITION, UNKNOWN_DAY


class LoadError(CommuniqueError):
    """The directory is not the output of ``communique spark analyze``."""


@dataclass(slots=True)
class LoadStats:
    stored: int = 0
    skipped: int = 0  # hash already in the store (an earlier load or ingest)
    linked: int = 0
    failed: int = 0  # failures recorded (from the job, or refused by the store)
    seconds: float = 0.0


def _partitions(records: Path) -> list[Path]:
    """The date partitions of the records table, oldest first and "unknown" last."""
    parts = [p for p in records.iterdir() if p.is_dir() and "=" in p.name
             and p.name.split("=", 1)[0] in GRAINS]
    return sorted(parts, key=lambda p: (p.name.endswith(f"={UNKNOWN_DAY}"), p.name))


def _rows(path: Path, columns: list[str]) -> list[dict[str, Any]]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    files = sorted(f for f in path.rglob("*.parquet") if not f.name.startswith((".", "_")))
    rows: list[dict[str, Any]] = []
    for f in files:  # a column the partitioning moved to the directory name is absent
        try:
            names = set(pq.read_schema(f).names)
            rows.extend(pq.read_table(f, columns=[c for c in columns if c in names])
                        .to_pylist())
        except (pa.ArrowException, OSError) as exc:
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise LoadError(f"{f}: not a readable Parquet table ({first})") from None
        missing = {"file", "position"} - names
        if missing:
            raise LoadError(f"{f}: no {', '.join(sorted(missing))} column "
                            "(is it `communique spark analyze` output?)")
    return rows


def _key(row: dict[str, Any]) -> tuple[str, str, int]:
    """Publication order: ``day`` is in the files unless the partitions are days."""
    return (row.get(PARTITION) or "", row.get("file") or "", row.get("position") or 0)


def _batches(rows: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


def load(out_dir: str | Path, db_path: str | Path, *, batch_size: int = 64) -> LoadStats:
    """Store every record and failure of a Spark output directory (idempotent)."""
    out = Path(out_dir)
    records = out / "records"
    if not records.is_dir():
        raise LoadError(f"{out}: no records/ table (is it `communique spark analyze` output?)")
    stats = LoadStats()
    t0 = time.perf_counter()
    db = connect(db_path)
    writer = Writer(db)
    run_id = writer.start_run([str(out)], 0)
    try:
        for part in _partitions(records):
            rows = sorted(_rows(part, ["file", "position", "hash", "record", "signature",
                                      PARTITION]),
                          key=_key)
            for chunk in _batches(rows, batch_size):
                batch: list[Analysed | Failed] = []
                skipped: list[tuple[str, int | None]] = []
                for r in chunk:
                    file, position = r["file"], r["position"]
                    if writer.is_stored(r["hash"]):
                        skipped.append((file, position))
                        continue
                    # the contract dict as parsed: the writer takes it as it is
                    record = json.loads(r["record"])
                    sig = r["signature"] or dedup.signature(record["article"]["text"])
                    batch.append(Analysed(file, position, r["hash"], record, sig))
                result = writer.write(batch, skipped)
                stats.stored += result.stored
                stats.skipped += len(skipped) + result.duplicates
                stats.linked += result.linked
                stats.failed += len(result.failed)
        failures = out / "failures"
        if failures.is_dir():
            rows = sorted(_rows(failures, ["file", "position", "reason", "stage"]), key=_key)
            for chunk in _batches(rows, 1000):
                result = writer.write([Failed(r["file"] or "<input>", r["position"],
                                              r["reason"], r["stage"] or "read")
                                       for r in chunk])
                stats.failed += len(result.failed)
    finally:
        stats.seconds = time.perf_counter() - t0
        try:
            writer.finish_run(run_id, stats.stored, stats.skipped, stats.failed)
        finally:
            db.close()
    return stats
