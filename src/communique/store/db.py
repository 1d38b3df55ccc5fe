"""Opening a store: one SQLite file in WAL mode with foreign keys, migrated on open."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..errors import CommuniqueError
from .migrations import migrate

DEFAULT_DB = "communique.db"


class StoreError(CommuniqueError):
    """The database cannot be opened or is not a communique store."""


def connect(path: str | Path = DEFAULT_DB, *, readonly: bool = False) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit, one per batch).

    WAL lets queries run while an ingest writes; ``synchronous=NORMAL`` keeps every
    committed batch through a killed process (only a power loss can cost the last ones).
    A read-only open of a missing file is an error rather than a new empty store.
    """
    path = Path(path)
    if readonly and not path.exists():
        raise StoreError(f"{path}: no such database (run `communique ingest` first)")
    try:
        if readonly:
            db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(path, isolation_level=None, timeout=30)
        db.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
            migrate(db)
        else:
            names = {r[0] for r in db.execute("SELECT name FROM sqlite_master")}
            if "articles" not in names:
                raise StoreError(f"{path}: not a communique database (no articles table)")
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: cannot open database ({exc})") from None
    db.row_factory = sqlite3.Row
    return db
