"""Opening a store: one SQLite file in WAL mode with foreign keys, migrated on open."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..errors import CommuniqueError
from .migrations import ANALYSIS_LIMIT, migrate

DEFAULT_DB = "communique.db"


class StoreError(CommuniqueError):
    """The database cannot be opened or is not a communique store."""


#: the table every communique store has (the record of its applied migrations)
RECORD_TABLE = "_migrations"


def damaged(path: str | Path, exc: BaseException) -> str:
    """The one-line message for a store SQLite cannot read: damaged (corrupt pages, not
    a database) with the way to get the readable rows back, or another reason."""
    text = " ".join(str(exc).split())
    if "malformed" in text or "not a database" in text:
        return (f"{path}: the store is damaged ({text}); recover what is readable with "
                f"`sqlite3 {path} \".recover\" | sqlite3 recovered.db`")
    return f"{path}: cannot read the store ({text})"


def _check_ours(db: sqlite3.Connection, path: Path, force: bool) -> None:
    """Refuse a database of another application (tables, but no migration record)."""
    names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if names and RECORD_TABLE not in names and not force:
        raise StoreError(f"{path}: not a communique database (it has {len(names)} table(s) "
                         "but no communique migration record); use --force to add "
                         "communique's tables to it")


def connect(path: str | Path = DEFAULT_DB, *, readonly: bool = False,
            force: bool = False) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit, one per batch).

    WAL lets queries run while an ingest writes; ``synchronous=NORMAL`` keeps every
    committed batch through a killed process (only a power loss can cost the last ones).
    A read-only open of a missing file is an error rather than a new empty store; a
    database of another application (tables but no ``_migrations``) is refused unless
    ``force``.
    """
    path = Path(path)
    if readonly and not path.exists():
        raise StoreError(f"{path}: no such database (run `communique ingest` first)")
    db: sqlite3.Connection | None = None
    try:
        if readonly:
            db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(path, isolation_level=None, timeout=30)
        db.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            _check_ours(db, path, force)
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
            migrate(db)
        else:
            names = {r[0] for r in db.execute("SELECT name FROM sqlite_master")}
            if "articles" not in names or RECORD_TABLE not in names:
                raise StoreError(f"{path}: not a communique database (no articles table "
                                 "or no migration record)")
    except (StoreError, sqlite3.DatabaseError) as exc:
        if db is not None:
            db.close()
        if isinstance(exc, StoreError):
            raise
        if "malformed" in str(exc):  # the schema itself is damaged
            raise StoreError(damaged(path, exc)) from None
        raise StoreError(f"{path}: cannot open database ({exc})") from None
    db.row_factory = sqlite3.Row
    return db


def analyze(db: sqlite3.Connection) -> None:
    """Refresh the planner's statistics (``sqlite_stat1``): an approximate ``ANALYZE``
    (see :data:`ANALYSIS_LIMIT`), run at the end of an ingest and of a bench build. Without
    them SQLite guesses each index's selectivity and can pick a poor one for the events
    list's joins."""
    db.execute(f"PRAGMA analysis_limit={ANALYSIS_LIMIT}")
    db.execute("ANALYZE")
    db.commit()
