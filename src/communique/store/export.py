"""Export tables of a store as JSON Lines, CSV or Parquet, streaming.

``articles`` as JSON Lines are the analysis records themselves (the JSON contract), so an
exported corpus reads back with ``Analysis.from_dict``. Everything else is flat rows.
Parquet columns have fixed types per table, so an all-empty first batch cannot change
the schema of a later one.
"""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from operator import itemgetter
from pathlib import Path
from typing import IO, Any

from ..errors import CommuniqueError
from .record import records

WHAT = ("events", "quotes", "actors", "articles")
FORMATS = ("jsonl", "csv", "parquet")
_BATCH = 5000

_S, _I, _F, _B = "string", "int64", "float64", "bool_"

#: per table: (SQL, [(column, parquet type)])
QUERIES: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "events": (
        "SELECT event_id, date, actor1_name, actor1_country, actor1_sector, actor2_name, "
        "actor2_country, actor2_sector, type, mode, score, quad_class, quad_name, contexts, "
        "negated, hypothetical, future, main, trigger, sentence, article_id, story_id, source, "
        "url FROM events_flat ORDER BY event_id",
        [("event_id", _I), ("date", _S), ("actor1_name", _S), ("actor1_country", _S),
         ("actor1_sector", _S), ("actor2_name", _S), ("actor2_country", _S),
         ("actor2_sector", _S), ("type", _S), ("mode", _S), ("score", _F),
         ("quad_class", _I), ("quad_name", _S), ("contexts", _S), ("negated", _B),
         ("hypothetical", _B), ("future", _B), ("main", _B), ("trigger", _S), ("sentence", _S),
         ("article_id", _I), ("story_id", _I), ("source", _S), ("url", _S)]),
    "quotes": (
        "SELECT q.id AS quote_id, a.published AS date, "
        "(SELECT group_concat(name, ' & ') FROM (SELECT x.name FROM quote_speakers qs "
        " JOIN actors x ON x.id = qs.actor_id WHERE qs.quote_id = q.id ORDER BY qs.position))"
        " AS speakers, "
        "(SELECT group_concat(actor_id, ' ') FROM (SELECT actor_id FROM quote_speakers qs "
        " WHERE qs.quote_id = q.id ORDER BY qs.position)) AS speaker_ids, "
        "q.kind, q.content, q.cue, q.speaker_text, q.content_start, q.content_end, "
        "a.id AS article_id, a.story_id, a.source, a.url "
        "FROM quotes q JOIN articles a ON a.id = q.article_id ORDER BY q.id",
        [("quote_id", _I), ("date", _S), ("speakers", _S), ("speaker_ids", _S), ("kind", _S),
         ("content", _S), ("cue", _S), ("speaker_text", _S), ("content_start", _I),
         ("content_end", _I), ("article_id", _I), ("story_id", _I), ("source", _S),
         ("url", _S)]),
    "actors": (
        "SELECT x.id AS actor_id, x.key, x.name, x.kind, x.country, x.organization, x.sector, "
        "x.wikidata, (SELECT count(*) FROM article_actors aa WHERE aa.actor_id = x.id) "
        "AS articles, (SELECT count(*) FROM mentions m WHERE m.actor_id = x.id) AS mentions, "
        "(SELECT count(*) FROM quote_speakers qs WHERE qs.actor_id = x.id) AS quotes "
        "FROM actors x ORDER BY x.id",
        [("actor_id", _I), ("key", _S), ("name", _S), ("kind", _S), ("country", _S),
         ("organization", _S), ("sector", _S), ("wikidata", _S), ("articles", _I),
         ("mentions", _I), ("quotes", _I)]),
    "articles": (
        "SELECT a.id AS article_id, a.hash, a.record_id, a.story_id, a.published, a.title, "
        "a.source, a.url, a.file, a.position, a.text, "
        "(SELECT count(*) FROM article_actors aa WHERE aa.article_id = a.id) AS actors, "
        "(SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS quotes, "
        "(SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events "
        "FROM articles a ORDER BY a.id",
        [("article_id", _I), ("hash", _S), ("record_id", _S), ("story_id", _I),
         ("published", _S), ("title", _S), ("source", _S), ("url", _S), ("file", _S),
         ("position", _I), ("text", _S), ("actors", _I), ("quotes", _I), ("events", _I)]),
}


class ExportError(CommuniqueError):
    """An export that cannot be written as asked."""


#: first characters that make a spreadsheet read a cell as a formula (OWASP CSV injection)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A cell a spreadsheet shows as text: a string starting with ``= + - @``, tab or CR
    gets a leading apostrophe (OWASP's advice against CSV injection); numbers, booleans
    and other strings are unchanged."""
    return csv_cells((value,))[0]


def csv_cells(values: Iterable[Any]) -> list[Any]:
    """:func:`csv_cell` of each value, in one pass (no call per cell: a 1000-row page of
    twenty columns is 20,000 cells)."""
    return ["'" + v if isinstance(v, str) and v.startswith(FORMULA_STARTS) else v
            for v in values]


def write_csv(out: IO[str], columns: Sequence[str], rows: Iterable[Mapping[str, Any]], *,
              raw: bool = False) -> int:
    """A header and ``rows`` as CSV, cells through :func:`csv_cell` unless ``raw``;
    columns missing from a row are empty, extra keys ignored. Returns the rows written."""
    w = csv.writer(out, lineterminator="\n")
    w.writerow(columns)
    pick = itemgetter(*columns) if len(columns) > 1 else None
    n = 0
    for row in rows:
        try:  # every column there (the rows of one query): one C call
            cells = pick(row) if pick else [row[columns[0]]] if columns else []
        except KeyError:
            cells = [row.get(c) for c in columns]
        w.writerow(cells if raw else csv_cells(cells))
        n += 1
    return n


def rows(db: sqlite3.Connection, what: str) -> Iterator[dict[str, Any]]:
    sql, columns = QUERIES[what]
    names = [c for c, _ in columns]
    flags = [c for c, t in columns if t == _B]  # SQLite stores booleans as 0/1
    for r in db.execute(sql):
        row = dict(zip(names, r, strict=True))
        for c in flags:
            if row[c] is not None:
                row[c] = bool(row[c])
        yield row


def export(db: sqlite3.Connection, what: str, fmt: str, out: IO[str] | str | None, *,
           raw_csv: bool = False) -> int:
    """Write ``what`` as ``fmt`` to ``out`` (a text stream, or a path for Parquet); CSV
    cells are neutralised (:func:`csv_cell`) unless ``raw_csv``."""
    if what not in WHAT:
        raise ExportError(f"--what: {what!r} is not one of {', '.join(WHAT)}")
    n = 0
    if fmt == "parquet":
        if out is None or not isinstance(out, str):
            raise ExportError("--format parquet needs --out FILE (Parquet is not for a pipe)")
        return _parquet(db, what, out)
    assert out is not None and not isinstance(out, str)
    if fmt == "jsonl":
        source = records(db) if what == "articles" else rows(db, what)
        for rec in source:
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
    elif fmt == "csv":
        columns = [c for c, _ in QUERIES[what][1]]
        n = write_csv(out, columns, rows(db, what), raw=raw_csv)
    else:
        raise ExportError(f"--format: {fmt!r} is not one of {', '.join(FORMATS)}")
    return n


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist: compare the names
        return a.resolve() == b.resolve()


def export_file(db: sqlite3.Connection, what: str, fmt: str, out: str | Path, *,
                store: str | Path, force: bool = False, raw_csv: bool = False) -> int:
    """Export to the file ``out``, never over the store: refused when ``out`` is the
    store or its ``-wal``/``-shm`` file (same inode or same name), or when it exists and
    ``force`` is not set. Written to a temporary file in the same directory and renamed
    into place, so a failed export leaves no partial file and an old ``out`` intact."""
    target, store = Path(out), Path(store)
    for suffix in ("", "-wal", "-shm", "-journal"):
        if _same_file(target, Path(f"{store}{suffix}")):
            raise ExportError(f"{out}: is the store {store}{suffix} itself; choose another "
                              "output file")
    if target.is_dir():
        raise ExportError(f"{out}: is a directory; give a file name")
    if (target.exists() or target.is_symlink()) and not force:
        raise ExportError(f"{out}: already exists; use --force to overwrite it")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                               dir=target.parent if str(target.parent) else ".")
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # as an ordinary new file, not mkstemp's 0600
        if fmt == "parquet":
            os.close(fd)
            n = export(db, what, fmt, tmp)
        else:
            with open(fd, "w", encoding="utf-8", newline="") as f:
                n = export(db, what, fmt, f, raw_csv=raw_csv)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return n


def _parquet(db: sqlite3.Connection, what: str, path: str) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = QUERIES[what][1]
    schema = pa.schema([(c, getattr(pa, t)()) for c, t in columns])
    n = 0
    with pq.ParquetWriter(path, schema) as writer:
        batch: list[dict[str, Any]] = []
        for rec in rows(db, what):
            batch.append(rec)
            if len(batch) >= _BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n += len(batch)
                batch = []
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n


def datasette_metadata(db: sqlite3.Connection, name: str = "communique") -> dict[str, Any]:
    """A Datasette ``metadata.json`` for a store: a title, and a description of every
    table and column the store has that ``data/datasette_labels.csv`` labels."""
    from importlib.resources import files

    present: dict[str, set[str]] = {}
    for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type IN "
                               "('table', 'view') AND name NOT LIKE 'sqlite_%'"):
        present[table] = {r[1] for r in db.execute(f'PRAGMA table_info("{table}")')}
    tables: dict[str, dict[str, Any]] = {}
    text = files("communique.store").joinpath("data/datasette_labels.csv").read_text("utf-8")
    for row in csv.DictReader(text.splitlines()):
        table, column = row["table"], row["column"]
        if table not in present or (column and column not in present[table]):
            continue
        entry = tables.setdefault(table, {})
        if column:
            entry.setdefault("columns", {})[column] = row["label"]
        else:
            entry["description"] = row["label"]
    return {"title": f"{name}: news analysis store",
            "description": "Articles, actors with their roles, quotes with speakers and "
                           "PLOVER events, as written by communique.",
            "databases": {name: {"tables": tables}}}
