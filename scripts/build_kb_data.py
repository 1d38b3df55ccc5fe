"""Build the knowledge base's breadth CSVs from the compact tables in scripts/kb_tables/.

    python scripts/build_kb_data.py          # write src/communique/kb/data/*_<name>.csv
    python scripts/build_kb_data.py --check  # exit 1 if a CSV is not up to date

Two kinds of table, both UTF-8 text, ``#`` starts a comment line:

``<name>.holders.txt`` -> ``office_holders_<name>.csv``::

    source: <text for the source column of the rows below>
    @ TUR | Prime Minister of Turkey | PM      # country[/org] | role | offices [| sector]
    2002-11-18 2003-03-14 Abdullah Gül
    2003-03-14 2014-08-28 Recep Tayyip Erdoğan ; Erdogan|Tayyip Erdogan ; surname

  Each holder line is ``START END NAME [; ALIASES [; SURNAME]]``; END ``-`` means still
  in office. Offices are a preset (see OFFICES) or a ``|`` list; ``+x|y`` adds to a
  preset (``PM+taoiseach``). Sector defaults to GOV.

``<name>.orgs.txt`` -> ``organizations_<name>.csv``::

    source: ...
    @ TUR                                    # default country of the rows below
    KEY ; NAME ; ALIASES ; SECTOR [; START [; END [; PARENT [; COUNTRY]]]]

  An empty NAME means the key is the name.

``<name>.places.txt`` -> ``places_<name>.csv``::

    source: ...
    @ SYR                                    # default country (``@ -`` for none)
    NAME ; ALIASES ; KIND [; COUNTRY]        # kind: region, territory, city, sea, river, site
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
TABLES = ROOT / "scripts" / "kb_tables"
DATA = ROOT / "src" / "communique" / "kb" / "data"

HOLDER_COLS = ("name", "aliases", "surname", "country", "organization", "role", "offices",
               "sector", "start", "end", "wikidata", "source")
ORG_COLS = ("key", "name", "aliases", "country", "sector", "parent", "start", "end",
            "wikidata", "source")

#: Office presets. "leader" marks the one paramount executive of a place at a time.
OFFICES = {
    "P": "president|head of state|head of government|leader",  # executive president
    "Pl": "president|head of state|leader",  # semi-presidential: the president leads
    "Ph": "president|head of state",  # ceremonial or non-executive president
    "Pi": "president|interim president|acting president|head of state|leader",
    "PM": "prime minister|premier|head of government|leader",
    "PMn": "prime minister|premier|head of government",  # not the paramount executive
    "K": "king|monarch|head of state",
    "Kl": "king|monarch|head of state|leader",
    "E": "emir|monarch|head of state|leader",
    "FM": "foreign minister|top diplomat",
    "DM": "defence minister",
    "IM": "interior minister",
    "FinM": "finance minister",
    "SG": "secretary general|leader",
    "DG": "director general|director|leader",
    "HEAD": "head|leader",
    "ENV": "special envoy|envoy",
}


#: Letters that accent folding (NFKD) keeps: the generator adds a plain-letter alias.
PLAIN = str.maketrans({"ı": "i", "İ": "I", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O",
                       "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "Ae"})


class TableError(ValueError):
    pass


def _aliases(name: str, given: str) -> str:
    items = [a.strip() for a in given.split("|") if a.strip()]
    for text in (name, *items):
        t = text.translate(PLAIN)
        if t != text and t not in items and t != name:
            items.append(t)
    return "|".join(a for a in items if a != name)


def _offices(spec: str) -> str:
    spec = spec.strip()
    base, plus, extra = spec.partition("+")
    if base in OFFICES:
        return OFFICES[base] + ("|" + extra if plus else "")
    if plus:
        raise TableError(f"unknown office preset {base!r}")
    return spec

T = TypeVar("T")


def _lines(path: Path):
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.split(" #", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
        if line:
            yield n, line


def _sections(path: Path, header: Callable[[str, str], T]
              ) -> Iterator[tuple[str, str, T | None, str]]:
    """(where, source, header, line) for each data line of a table: a ``source:`` line
    sets the source of the lines below it, an ``@`` line their header (parsed by
    ``header(where, text after @)``, so that a bad header fails on its own line)."""
    source = ""
    head: T | None = None
    for n, line in _lines(path):
        where = f"{path.name}:{n}"
        if line.startswith("source:"):
            source = line.split(":", 1)[1].strip()
        elif line.startswith("@"):
            head = header(where, line[1:].strip())
        else:
            yield where, source, head, line


def _holder_header(where: str, text: str) -> dict[str, str]:
    parts = [p.strip() for p in text.split("|", 2)]
    if len(parts) < 3:
        raise TableError(f"{where}: header needs country | role | offices")
    rest = parts[2].rsplit("|", 1) if parts[2].count("|") else [parts[2]]
    sector = "GOV"
    if len(rest) == 2 and rest[1].strip().isupper() and len(rest[1].strip()) == 3:
        offices, sector = rest[0], rest[1].strip()
    else:
        offices = parts[2]
    country, _, org = parts[0].partition("/")
    return {"country": country.strip(), "organization": org.strip(),
            "role": parts[1], "offices": _offices(offices), "sector": sector}


def build_holders(path: Path) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for where, source, head, line in _sections(path, _holder_header):
        if head is None or not source:
            raise TableError(f"{where}: holder line before a source: and @ header")
        fields = [f.strip() for f in line.split(";")]
        words = fields[0].split()
        if len(words) < 3:
            raise TableError(f"{where}: expected START END NAME")
        start, end, name = words[0], words[1], " ".join(words[2:])
        rows.append({
            "name": name, "aliases": _aliases(name, fields[1] if len(fields) > 1 else ""),
            "surname": fields[2] if len(fields) > 2 else "",
            **head, "start": start, "end": "" if end == "-" else end,
            "wikidata": "", "source": source,
        })
    return rows


def build_orgs(path: Path) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for where, source, country, line in _sections(path, lambda _w, text: text):
        f = [x.strip() for x in line.split(";")]
        if len(f) < 4 or not source:
            raise TableError(f"{where}: expected KEY ; NAME ; ALIASES ; SECTOR (after source:)")
        f += [""] * (8 - len(f))
        rows.append({"key": f[0], "name": f[1] or f[0], "aliases": _aliases(f[1] or f[0], f[2]),
                     "country": f[7] or country or "", "sector": f[3], "parent": f[6],
                     "start": f[4], "end": f[5], "wikidata": "", "source": source})
    return rows


PLACE_COLS = ("name", "aliases", "country", "kind", "sector", "source")


def build_places(path: Path) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for where, source, country, line in _sections(
            path, lambda _w, text: text.replace("-", "")):  # "@ -": no default country
        f = [x.strip() for x in line.split(";")]
        if len(f) < 3 or not source:
            raise TableError(f"{where}: expected NAME ; ALIASES ; KIND (after source:)")
        f += [""] * (4 - len(f))
        rows.append({"name": f[0], "aliases": _aliases(f[0], f[1]),
                     "country": f[3] or country or "", "kind": f[2], "sector": "",
                     "source": source})
    return rows


def render(rows: list[dict[str, str]], cols: tuple[str, ...]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=cols, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue()


def outputs() -> dict[Path, str]:
    """Every generated CSV and its text."""
    out: dict[Path, str] = {}
    for path in sorted(TABLES.glob("*.holders.txt")):
        name = path.name.removesuffix(".holders.txt")
        out[DATA / f"office_holders_{name}.csv"] = render(build_holders(path), HOLDER_COLS)
    for path in sorted(TABLES.glob("*.orgs.txt")):
        name = path.name.removesuffix(".orgs.txt")
        out[DATA / f"organizations_{name}.csv"] = render(build_orgs(path), ORG_COLS)
    for path in sorted(TABLES.glob("*.places.txt")):
        name = path.name.removesuffix(".places.txt")
        out[DATA / f"places_{name}.csv"] = render(build_places(path), PLACE_COLS)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="fail if a CSV is out of date")
    args = ap.parse_args(argv)
    try:
        files = outputs()
    except TableError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    stale = []
    for path, text in files.items():
        old = path.read_text(encoding="utf-8") if path.exists() else None
        if old != text:
            stale.append(path.name)
            if not args.check:
                path.write_text(text, encoding="utf-8")
    for path in sorted(DATA.glob("*_*.csv")):
        if path not in files and path.name.startswith(("office_holders_", "organizations_",
                                                                  "places_")):
            stale.append(f"{path.name} (no table)")
    if args.check:
        for s in stale:
            print(f"out of date: {s}", file=sys.stderr)
        return 1 if stale else 0
    for path, text in files.items():
        print(f"{path.relative_to(ROOT)}: {text.count(chr(10)) - 1} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
