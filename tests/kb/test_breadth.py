"""The breadth files: read by the loader, up to date with their tables, consistent dates."""

from __future__ import annotations

import datetime as dt
import importlib.util
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from communique.kb import KnowledgeBase
from communique.kb.loader import package_files

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "build_kb_data.py"
#: Handovers known only to the month (a partial end is the last day of the month).
SLACK = dt.timedelta(days=31)


def test_loader_reads_every_table_file_in_order():
    names = package_files()
    assert names[:1] == ["countries.csv"]
    assert names.index("office_holders.csv") < names.index("office_holders_heads.csv")
    assert "cases.csv" not in names
    kb = KnowledgeBase.from_files(warn=False)
    assert "office_holders_heads.csv" in kb.files


def test_rows_of_a_second_package_file_add_terms_rather_than_replace():
    # Putin's first presidency is in office_holders_heads.csv, the later ones in
    # office_holders.csv: both are kept.
    kb = KnowledgeBase.from_files(warn=False)
    assert kb.resolve("the Russian president", "2003-06-01")["name"] == "Vladimir Putin"
    assert kb.resolve("Putin", "2015-06-01")["role"] == "President of Russia"
    assert kb.resolve("Tony Blair", "2003-03-01")["country"] == "GBR"


def test_generated_csvs_are_up_to_date():
    spec = importlib.util.spec_from_file_location("build_kb_data", SCRIPT)
    assert spec and spec.loader
    out = subprocess.run([sys.executable, str(SCRIPT), "--check"], capture_output=True,
                         text=True, check=False)
    assert out.returncode == 0, out.stderr


def test_no_office_has_two_holders_at_once(kb):
    by_post: dict[tuple[str, str, str], list] = defaultdict(list)
    for p in kb.persons.values():
        for r in p.roles:
            by_post[(r.country, r.organization or "", r.role)].append((r.start, r.end, p.name))
    clashes = []
    for post, terms in by_post.items():
        terms.sort(key=lambda t: t[0])
        for (s1, e1, n1), (s2, _e2, n2) in zip(terms, terms[1:], strict=False):
            if e1 is None or e1 - s2 > SLACK:
                if any(w in post[2].lower() for w in ("spokes", "envoy", "co-chair")):
                    continue  # several at once by design (co-chairs: two, one of each sex)
                clashes.append(f"{post}: {n1} ({s1}..{e1}) and {n2} (from {s2})")
    assert clashes == [], "\n".join(clashes)


def test_no_organisation_or_person_name_shadows_a_country(kb):
    # An organisation or person alias that is also a country name, adjective or people
    # noun would win over the country ("PRC" is China, not a Palestinian militia).
    from communique.kb.base import ADJ, COUNTRY, ORG, PEOPLE, PERSON

    allowed = {"brussels"}  # the EU, by design (docs/kb.md)
    clashes = []
    for k, entries in kb._phrases.items():
        types = {e.type for e in entries}
        if types & {ORG, PERSON} and types & {COUNTRY, ADJ, PEOPLE} and k not in allowed:
            clashes.append(k)
    assert clashes == []
