"""Ingest end to end: idempotent reruns, failures that do not stop a run, workers, and a
kill -9 in the middle followed by a rerun."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from communique.store import dedup
from communique.store.ingest import ingest


def counts(db: Path) -> dict[str, int]:
    con = sqlite3.connect(db)
    tables = ("articles", "articles_fts", "minhash", "actors", "mentions", "quotes",
              "quotes_fts", "events", "failures")
    out = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
    out["stories"] = con.execute("SELECT count(DISTINCT story_id) FROM articles").fetchone()[0]
    con.close()
    return out


def corpus_hashes(path: Path) -> set[str]:
    return {dedup.text_hash(json.loads(line)["text"]) for line in path.open()}


def test_ingest_stores_and_links(ingested: Path, small_corpus: Path) -> None:
    c = counts(ingested)
    records = [json.loads(line) for line in small_corpus.open()]
    assert c["articles"] == c["articles_fts"] == c["minhash"] == len(records)
    assert c["stories"] == len({r["story"] for r in records}) < len(records)
    assert c["quotes"] > len(records) and c["quotes"] == c["quotes_fts"]
    con = sqlite3.connect(ingested)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    run = con.execute("SELECT stored, skipped, failed, finished FROM runs").fetchone()
    assert run[:3] == (len(records), 0, 0) and run[3]


def test_rerun_skips_everything(ingested: Path, small_corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy.db"
    shutil.copy(ingested, db)
    before = counts(db)
    stats = ingest([str(small_corpus)], db, workers=1)
    assert (stats.stored, stats.skipped, stats.failed) == (0, before["articles"], 0)
    assert counts(db) == before


def test_failures_do_not_stop_the_run(tmp_path: Path, monkeypatch) -> None:
    from communique import pipeline

    real = pipeline.run_stages

    def flaky(doc, article, options):  # a pipeline bug on one article
        if "EXPLODE" in article.text:
            raise RuntimeError("stage crashed")
        return real(doc, article, options)

    monkeypatch.setattr(pipeline, "run_stages", flaky)
    src = tmp_path / "in"
    src.mkdir()
    lines = [json.dumps({"text": "The minister said talks would resume on Monday."}),
             "{broken json",
             json.dumps({"text": "EXPLODE: the president spoke in Paris on Tuesday."}),
             json.dumps({"text": "x" * 3000}),
             json.dumps({"text": "Officials in Nairobi said aid would arrive soon."})]
    (src / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (src / "empty.txt").write_bytes(b"")
    (src / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (src / "good.txt").write_text("Ministers met in Geneva on Friday.", encoding="utf-8")
    db = tmp_path / "s.db"
    from communique.options import Options

    stats = ingest([str(src)], db, workers=1, batch_size=2, options=Options(max_chars=2000))
    assert stats.stored == 3 and stats.failed == 5 and not stats.interrupted
    con = sqlite3.connect(db)
    rows = {(Path(f).name, p): (stage, r) for f, p, stage, r in
            con.execute("SELECT file, position, stage, reason FROM failures")}
    assert rows[("a.jsonl", 2)][1].startswith("malformed JSON")
    assert rows[("a.jsonl", 3)] == ("analyze", "analysis failed: RuntimeError: stage crashed")
    assert "over the 2,000 limit" in rows[("a.jsonl", 4)][1]
    assert "empty" in rows[("empty.txt", 0)][1]
    assert "binary" in rows[("binary.txt", 0)][1]
    assert all("\n" not in r for _, r in rows.values())


def test_two_workers_store_the_same(ingested: Path, small_corpus: Path,
                                    tmp_path: Path) -> None:
    db = tmp_path / "w2.db"
    stats = ingest([str(small_corpus)], db, workers=2, batch_size=4)
    assert stats.stored == 24 and stats.failed == 0
    q = ("SELECT a.hash, a.story_id, (SELECT count(*) FROM quotes WHERE article_id = a.id), "
         "(SELECT count(*) FROM mentions WHERE article_id = a.id) FROM articles a ORDER BY id")
    one, two = sqlite3.connect(ingested), sqlite3.connect(db)
    assert one.execute(q).fetchall() == two.execute(q).fetchall()


CHILD = """
import sys
from communique.store.ingest import ingest
ingest([sys.argv[1]], sys.argv[2], workers=1, batch_size=4)
"""


def test_kill_9_mid_ingest_then_rerun(tmp_path: Path) -> None:
    from communique.synth import write

    corpus = tmp_path / "c.jsonl"
    write(90, corpus, seed=3)
    db = tmp_path / "k.db"
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(corpus), str(db)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stored = 0
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.2)
            if db.exists():
                try:
                    con = sqlite3.connect(db, timeout=1)
                    stored = con.execute("SELECT count(*) FROM articles").fetchone()[0]
                    con.close()
                except sqlite3.OperationalError:  # not migrated yet
                    continue
            if stored >= 12:
                os.kill(proc.pid, signal.SIGKILL)
                break
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read().decode()[-2000:]
    after_kill = counts(db)
    assert 12 <= after_kill["articles"] < 90
    # whatever was committed is whole: every article has its index rows, nothing dangles
    assert after_kill["articles"] == after_kill["articles_fts"] == after_kill["minhash"]
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    assert con.execute("SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM "
                       "quotes q WHERE q.article_id = a.id)").fetchone()[0] == 0
    con.close()
    stats = ingest([str(corpus)], db, workers=1, batch_size=8)
    assert stats.skipped == after_kill["articles"]
    assert stats.stored == 90 - after_kill["articles"] and stats.failed == 0
    con = sqlite3.connect(db)
    hashes = [h for (h,) in con.execute("SELECT hash FROM articles")]
    assert len(hashes) == len(set(hashes)) == 90
    assert set(hashes) == corpus_hashes(corpus)


def test_unusable_store_is_a_one_line_error(tmp_path: Path, small_corpus: Path) -> None:
    from communique.store.db import StoreError

    (tmp_path / "a-directory.db").mkdir()
    with pytest.raises(StoreError, match="cannot open database"):
        ingest([str(small_corpus)], tmp_path / "a-directory.db")
    (tmp_path / "junk.db").write_bytes(b"not a database at all " * 200)
    with pytest.raises(StoreError):
        ingest([str(small_corpus)], tmp_path / "junk.db")
    assert (tmp_path / "junk.db").read_bytes() == b"not a database at all " * 200


def test_ingest_leaves_planner_statistics(tmp_path: Path) -> None:
    from communique.synth import write

    corpus = tmp_path / "two.jsonl"
    write(2, corpus, seed=3)
    db = tmp_path / "two.db"
    assert ingest([str(corpus)], db, workers=1).stored == 2
    con = sqlite3.connect(db)
    stats = {t for (t,) in con.execute("SELECT DISTINCT tbl FROM sqlite_stat1")}
    assert {"articles", "mentions"} <= stats, stats
    con.close()
