"""Shared fixtures: the spaCy pipeline loads once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: beside the repo; COMMUNIQUE_SHARED points elsewhere (a git worktree's parent has none)
SHARED = Path(os.environ.get("COMMUNIQUE_SHARED") or ROOT.parent / "shared")


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared evaluation material beside the repo (CI has it); skip when absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture(scope="session")
def nlp():
    from communique.nlp import load

    return load()


def _speakers(analysis, quote) -> list[str]:
    names = {a.id: a.name for a in analysis.actors}
    return [names[s] for s in quote.speakers]


@pytest.fixture(scope="session")
def speakers():
    """``speakers(analysis, quote)``: the names of a quote's speakers."""
    return _speakers


def _run_cli(capsys, args: list[str]) -> tuple[int, str, str]:
    """``communique ARGS`` in-process through the real entry point: (exit code, stdout,
    stderr), so a test sees exactly what a user sees (one-line errors, no traceback)."""
    import sys

    from communique.cli import main

    capsys.readouterr()
    argv = sys.argv
    sys.argv = ["communique", *args]
    code = 0
    try:
        main()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        sys.argv = argv
    out, err = capsys.readouterr()
    assert "Traceback" not in err, err
    return code, out, err


@pytest.fixture
def run_cli(capsys):
    """``run_cli(*args)`` -> (exit code, stdout, stderr) of the real ``communique`` CLI."""
    return lambda *args: _run_cli(capsys, [str(a) for a in args])


def _store_intact(path) -> dict[str, int]:
    """Assert a store passes SQLite's and both FTS5 indexes' integrity checks and has no
    dangling foreign key; return its row counts per table."""
    import sqlite3

    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        for fts in ("articles_fts", "quotes_fts"):
            con.execute(f"INSERT INTO {fts} ({fts}) VALUES ('integrity-check')")
        tables = ("articles", "articles_fts", "minhash", "actors", "mentions", "quotes",
                  "quotes_fts", "events", "failures")
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
        assert counts["articles"] == counts["articles_fts"] == counts["minhash"]
        assert counts["quotes"] == counts["quotes_fts"]
        return counts
    finally:
        con.close()


@pytest.fixture
def store_intact():
    """``store_intact(path)``: integrity, FTS and foreign-key checks; the row counts."""
    return _store_intact
