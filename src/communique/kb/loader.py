"""Read and validate knowledge-base CSV files (package data plus user files).

Every bad row is reported as ``file:line: problem`` and skipped; nothing is silently
accepted. A user file's rows replace the earlier rows with the same key (see KEYS), so
users extend or correct the package data without editing it.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from .normalize import key as norm_key
from .records import (
    SECTORS,
    SPECIAL_COUNTRIES,
    Country,
    Organization,
    Person,
    Place,
    Role,
    SectorTerm,
)

TABLE_ORDER = ("countries", "organizations", "places", "sectors", "office_holders")
#: Package data files: ``<table>.csv`` first, then ``<table>_*.csv`` in name order
#: (office_holders_ministers.csv, organizations_parties.csv, ...). All package files of
#: one table form one table: a key repeated across them is a duplicate, not an override.
PACKAGE_GLOBS = tuple(f"{table}*.csv" for table in TABLE_ORDER)

REQUIRED = {
    "countries": ("iso3", "name", "source"),
    "organizations": ("key", "name", "country", "sector", "source"),
    "places": ("name", "kind", "source"),
    "sectors": ("term", "sector", "kind", "source"),
    "office_holders": ("name", "country", "role", "sector", "start", "source"),
}
#: What makes two rows "the same entry" (a later file's rows replace earlier ones).
KEYS = {
    "countries": "iso3",
    "organizations": "key",
    "places": "name",
    "sectors": "term",
    "office_holders": "name + role",
}
PLACE_KINDS = frozenset({"region", "territory", "city", "sea", "river", "site"})
TERM_KINDS = frozenset({"person", "group", "organization"})
_ISO3 = re.compile(r"^[A-Z]{3}$")
_QID = re.compile(r"^Q[1-9][0-9]*$")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


class RowError(ValueError):
    """A row cannot be used; the message says why (file and line are added by the caller)."""


def parse_date(value: str, *, end: bool = False) -> dt.date | None:
    """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; empty means unknown/open (None).

    Partial dates state honest uncertainty: as a start they mean the first day of the
    period, as an end the last day.
    """
    value = value.strip()
    if not value:
        return None
    m = _DATE.match(value)
    if not m:
        raise RowError(f"bad date {value!r} (use YYYY-MM-DD, YYYY-MM or YYYY)")
    year, month, day = int(m[1]), m[2], m[3]
    try:
        if day:
            return dt.date(year, int(month), int(day))
        if month:
            mo = int(month)
            return dt.date(year, mo, calendar.monthrange(year, mo)[1] if end else 1)
        return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
    except ValueError:
        raise RowError(f"bad date {value!r}") from None


def split_list(value: str) -> tuple[str, ...]:
    """Pipe-separated list field -> tuple of non-empty stripped items."""
    return tuple(x.strip() for x in value.split("|") if x.strip())


def detect_table(header: Sequence[str]) -> str | None:
    """Which table a CSV belongs to, from its header (user files may have any name)."""
    cols = {c.strip().lower() for c in header if c}
    if "iso3" in cols:
        return "countries"
    if "term" in cols:
        return "sectors"
    if "role" in cols and "name" in cols:
        return "office_holders"
    if "key" in cols and "country" in cols:
        return "organizations"
    if "name" in cols and "kind" in cols:
        return "places"
    return None


@dataclass
class Source:
    """One CSV file's text and the label used in messages (its file name)."""

    label: str
    text: str
    package: bool

    def group(self) -> str:
        """Rows of one group are one table; a later group's rows override earlier ones."""
        return "package" if self.package else self.label


@dataclass
class Tables:
    """The merged, validated contents of all files."""

    countries: dict[str, Country] = field(default_factory=dict)
    organizations: dict[str, list[Organization]] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    sectors: dict[str, SectorTerm] = field(default_factory=dict)
    persons: dict[str, Person] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def package_files() -> list[str]:
    """Names of the package data files, in load order (see PACKAGE_GLOBS)."""
    data = resources.files("communique.kb") / "data"
    names = sorted(p.name for p in data.iterdir() if p.name.endswith(".csv"))
    out: list[str] = []
    for table in TABLE_ORDER:
        out.append(f"{table}.csv")
        out += [n for n in names if n.startswith(f"{table}_")]
    return [n for n in out if n in names]


def package_sources() -> list[Source]:
    data = resources.files("communique.kb") / "data"
    return [Source(name, (data / name).read_text(encoding="utf-8"), True)
            for name in package_files()]


def user_sources(paths: Iterable[str | Path], problems: list[str]) -> list[Source]:
    out = []
    for p in paths:
        path = Path(p).expanduser()
        try:
            out.append(Source(str(path), path.read_text(encoding="utf-8-sig"), False))
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(f"{path}: cannot read knowledge-base file: {exc}")
    return out


def load_tables(sources: Sequence[Source]) -> Tables:
    """Parse, validate and merge sources into Tables (problems collected, not raised)."""
    t = Tables()
    by_table: dict[str, list[tuple[str, list[tuple[str, dict[str, str]]]]]] = {
        name: [] for name in TABLE_ORDER
    }
    for src in sources:
        reader = csv.DictReader(io.StringIO(src.text))
        header = reader.fieldnames or []
        table = detect_table(header)
        if table is None:
            t.problems.append(f"{src.label}:1: unrecognised header {header!r}; file skipped")
            continue
        reader.fieldnames = [h.strip().lower() for h in header]
        missing = [c for c in REQUIRED[table] if c not in reader.fieldnames]
        if missing:
            t.problems.append(f"{src.label}:1: missing column(s) {', '.join(missing)}; "
                              "file skipped")
            continue
        rows = []
        for row in reader:
            vals = {k: (v or "").strip() for k, v in row.items() if k}
            if not any(vals.values()) or next(iter(vals.values()), "").startswith("#"):
                continue
            rows.append((f"{src.label}:{reader.line_num}", vals))
        groups = by_table[table]
        if groups and groups[-1][0] == src.group():
            groups[-1][1].extend(rows)
        else:
            groups.append((src.group(), rows))
        t.files.append(src.label)

    loaders = {
        "countries": _load_countries,
        "organizations": _load_organizations,
        "places": _load_places,
        "sectors": _load_sectors,
        "office_holders": _load_holders,
    }
    for table in TABLE_ORDER:
        loaders[table](t, by_table[table])
    return t


# ---------------------------------------------------------------- per-table loaders

def _required(table: str, vals: dict[str, str]) -> None:
    empty = [c for c in REQUIRED[table] if not vals.get(c)]
    if empty:
        raise RowError(f"missing required field(s): {', '.join(empty)}")


def _country_code(t: Tables, code: str, *, allow_empty: bool = False) -> str | None:
    code = code.strip().upper()
    if not code and allow_empty:
        return None
    if code in t.countries or code in SPECIAL_COUNTRIES:
        return code
    raise RowError(f"unknown country code {code!r}")


def _sector(code: str, *, allow_empty: bool = False) -> str | None:
    code = code.strip().upper()
    if not code and allow_empty:
        return None
    if code not in SECTORS:
        raise RowError(f"unknown sector code {code!r}")
    return code


def _dates(vals: dict[str, str]) -> tuple[dt.date | None, dt.date | None]:
    start = parse_date(vals.get("start", ""))
    end = parse_date(vals.get("end", ""), end=True)
    if start and end and end < start:
        raise RowError(f"end {vals['end']} is before start {vals['start']}")
    return start, end


def _wikidata(value: str) -> str | None:
    value = value.strip()
    if value and not _QID.match(value):
        raise RowError(f"bad Wikidata id {value!r} (expected Q followed by digits)")
    return value or None


def _each(t: Tables, table: str, files, build, key_of, *, multi: bool):
    """Validate rows group by group (the package files form one group, each user file
    another); a later group's rows replace earlier rows with that key.

    Returns {key: [record, ...]} in load order.
    """
    merged: dict[str, list] = {}
    for _group, rows in files:
        seen: dict[str, str] = {}
        fresh: dict[str, list] = {}
        for where, vals in rows:
            try:
                _required(table, vals)
                rec = build(vals, where)
            except RowError as exc:
                t.problems.append(f"{where}: {exc}")
                continue
            k = key_of(rec)
            if k in seen and not multi:
                first = seen[k]
                if first.rsplit(":", 1)[0] == where.rsplit(":", 1)[0]:
                    first = "line " + first.rsplit(":", 1)[1]
                t.problems.append(f"{where}: duplicate {KEYS[table]} {k!r} "
                                  f"(first at {first}); row skipped")
                continue
            seen.setdefault(k, where)
            fresh.setdefault(k, []).append(rec)
        merged.update(fresh)  # whole-entry replacement by the later file
    return merged


def _load_countries(t: Tables, files) -> None:
    def build(v: dict[str, str], where: str) -> Country:
        iso = v["iso3"].upper()
        if not _ISO3.match(iso):
            raise RowError(f"bad country code {v['iso3']!r} (three letters A-Z)")
        metos = []
        for item in split_list(v.get("metonyms", "")):
            text, _, sec = item.partition(":")
            metos.append((text.strip(), _sector(sec) if sec.strip() else "GOV"))
        _dates(v)
        return Country(iso, v["name"], v.get("official_name") or v["name"],
                       split_list(v.get("aliases", "")), split_list(v.get("adjectives", "")),
                       split_list(v.get("people", "")), v.get("capital", ""), tuple(metos),
                       v.get("status", ""), where)

    merged = _each(t, "countries", files, build, lambda c: c.iso3, multi=False)
    t.countries = {k: recs[-1] for k, recs in merged.items()}


def _load_organizations(t: Tables, files) -> None:
    def build(v: dict[str, str], where: str) -> Organization:
        country = _country_code(t, v["country"])
        start, end = _dates(v)
        return Organization(v["key"], v["name"], split_list(v.get("aliases", "")), country,
                            _sector(v["sector"]), v.get("parent", ""), start, end,
                            _wikidata(v.get("wikidata", "")), where)

    merged = _each(t, "organizations", files, build, lambda o: norm_key(o.key), multi=True)
    orgs: dict[str, list[Organization]] = {}
    for recs in merged.values():
        recs.sort(key=lambda o: o.start or dt.date.min)
        orgs[recs[0].key] = recs
    keys = {norm_key(k) for k in orgs}
    for recs in orgs.values():
        for o in recs:
            if o.parent and norm_key(o.parent) not in keys:
                t.problems.append(f"{o.where}: unknown parent organisation {o.parent!r} "
                                  "(parent ignored)")
    t.organizations = orgs


def _load_places(t: Tables, files) -> None:
    def build(v: dict[str, str], where: str) -> Place:
        kind = v["kind"].lower()
        if kind not in PLACE_KINDS:
            raise RowError(f"unknown place kind {v['kind']!r} "
                           f"(one of {', '.join(sorted(PLACE_KINDS))})")
        return Place(v["name"], split_list(v.get("aliases", "")),
                     _country_code(t, v.get("country", ""), allow_empty=True), kind,
                     _sector(v.get("sector", ""), allow_empty=True), where)

    merged = _each(t, "places", files, build, lambda p: norm_key(p.name), multi=False)
    t.places = {k: recs[-1] for k, recs in merged.items()}


def _load_sectors(t: Tables, files) -> None:
    def build(v: dict[str, str], where: str) -> SectorTerm:
        kind = v["kind"].lower()
        if kind not in TERM_KINDS:
            raise RowError(f"unknown kind {v['kind']!r} (person, group or organization)")
        weak = v.get("weak", "").lower() in {"yes", "y", "true", "1"}
        office = norm_key(v.get("office", "")) or None
        return SectorTerm(v["term"], _sector(v["sector"]), kind, weak, office, where)

    merged = _each(t, "sectors", files, build, lambda s: norm_key(s.term), multi=False)
    t.sectors = {k: recs[-1] for k, recs in merged.items()}


def _load_holders(t: Tables, files) -> None:
    org_keys = {norm_key(k): k for k in t.organizations}
    for k, recs in t.organizations.items():
        for alias in (recs[-1].name, *recs[-1].aliases):
            org_keys.setdefault(norm_key(alias), k)
    office_terms = sorted(
        ((k, s.office) for k, s in t.sectors.items() if s.office),
        key=lambda kv: -len(kv[0]),
    )

    def derive_offices(role: str) -> frozenset[str]:
        padded = f" {norm_key(role)} "
        return frozenset(off for term, off in office_terms if f" {term} " in padded)

    def build(v: dict[str, str], where: str) -> tuple[Role, dict[str, str]]:
        country = _country_code(t, v["country"])
        org = v.get("organization", "")
        if org:
            if norm_key(org) not in org_keys:
                raise RowError(f"unknown organization {org!r} (not in organizations.csv)")
            org = org_keys[norm_key(org)]
        start, end = _dates(v)
        if start is None:  # pragma: no cover - _required guarantees it
            raise RowError("missing start date")
        offices = frozenset(norm_key(o) for o in split_list(v.get("offices", "")))
        role = Role(v["name"], country, org or None, v["role"],
                    offices or derive_offices(v["role"]), _sector(v["sector"]), start, end,
                    where)
        _wikidata(v.get("wikidata", ""))
        return role, v

    merged = _each(t, "office_holders", files, build,
                   lambda rv: (norm_key(rv[0].person), norm_key(rv[0].role)), multi=True)
    persons: dict[str, Person] = {}
    for recs in merged.values():
        for role, v in recs:
            p = persons.setdefault(norm_key(role.person), Person(role.person))
            p.roles.append(role)
            p.aliases.update(split_list(v.get("aliases", "")))
            sur = v.get("surname", "").strip()
            if sur and p.surname is None:
                p.surname = sur
            qid = v.get("wikidata", "").strip() or None
            if qid:
                if p.wikidata and p.wikidata != qid:
                    t.problems.append(f"{role.where}: Wikidata id {qid} differs from "
                                      f"{p.wikidata} given for {p.name} earlier")
                else:
                    p.wikidata = qid
    for p in persons.values():
        p.roles.sort(key=lambda r: r.start)
    t.persons = persons
