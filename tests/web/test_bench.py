"""``bench serve`` end to end on a small synthetic store."""

from __future__ import annotations

from pathlib import Path

from communique.model import Analysis
from communique.web.bench import bench_serve, synthetic_records
from communique.web.workers import default_workers


def test_synthetic_records_keep_the_contract() -> None:
    for record in synthetic_records(40, seed=3):
        text = record["article"]["text"]
        Analysis.from_dict(record)
        for a in record["actors"]:
            assert all(text[m["start"]:m["end"]] == m["text"] for m in a["mentions"])
        for q in record["quotes"]:
            for key in ("content", "cue", "speaker_mention"):
                span = q[key]
                assert text[span["start"]:span["end"]] == span["text"]
        for e in record["events"]:
            assert text[e["trigger"]["start"]:e["trigger"]["end"]] == e["trigger"]["text"]


def test_bench_serve_small(tmp_path: Path) -> None:
    db = tmp_path / "bench.db"
    result = bench_serve(300, db_path=db, requests=6, concurrency=2)
    assert result["articles"] == 300 and result["events"] > 300
    assert {r["route"] for r in result["routes"]} >= {"actor", "network (one month)",
                                                      "quote search"}
    assert all(r["errors"] == 0 for r in result["routes"]), result["routes"]
    assert all(0 < r["p50_ms"] <= r["p95_ms"] <= r["max_ms"] for r in result["routes"])
    assert {"events JSONL (1000 rows)", "quotes JSONL (1000 rows)", "actors (kind)",
            "overview timeline (year, uncached)"} <= {r["route"] for r in result["routes"]
                                                      if r.get("target_ms") == 300}
    assert len(result["load_average"]) == 6
    assert result["workers"] == default_workers()  # as `communique serve` runs by default
    built = db.stat().st_mtime_ns
    again = bench_serve(300, db_path=db, requests=2, concurrency=1, in_process=True,
                        workers=1)
    assert again["workers"] == 1
    assert db.stat().st_mtime_ns == built  # the cached store is reused, not rebuilt
    assert all(0 < r["inproc_p50_ms"] <= r["inproc_p95_ms"] for r in again["routes"])


def test_bench_store_has_planner_statistics(tmp_path: Path) -> None:
    import sqlite3

    from communique.web.bench import build_store

    db = sqlite3.connect(build_store(60, tmp_path / "bench.db"))
    tables = {t for (t,) in db.execute("SELECT DISTINCT tbl FROM sqlite_stat1")}
    db.close()
    assert {"articles", "events", "event_actors"} <= tables, tables
