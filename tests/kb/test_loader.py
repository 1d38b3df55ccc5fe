"""Loading: package data sanity, bad-row reporting with file and line, user overrides."""

from __future__ import annotations

import csv
import time
import warnings
from importlib import resources

import pytest

from communique.kb import KBWarning, KnowledgeBase

HOLDER_HEADER = ("name,aliases,surname,country,organization,role,offices,sector,start,end,"
                 "wikidata,source\n")


def test_package_data_loads_without_problems(kb):
    assert kb.problems == []


def test_every_un_member_and_extra(kb):
    members = [c for c in kb.countries.values() if c.status == "member"]
    assert len(members) == 193
    for code in ("VAT", "PSE", "TWN", "KOS"):
        assert code in kb.countries


def test_every_row_has_a_source():
    from communique.kb.loader import package_files

    data = resources.files("communique.kb") / "data"
    names = package_files()
    assert len(names) > 5  # the breadth files are read too
    for name in names:
        rows = list(csv.DictReader((data / name).read_text(encoding="utf-8").splitlines()))
        assert rows, name
        assert all(row["source"].strip() for row in rows), name


def test_wikidata_ids_are_unique_per_person(kb):
    seen: dict[str, str] = {}
    for p in kb.persons.values():
        if p.wikidata:
            assert seen.setdefault(p.wikidata, p.name) == p.name


def _best_of(n: int, fn) -> float:
    best = float("inf")
    for _ in range(n):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def _read_data_csvs() -> None:
    for p in sorted(resources.files("communique.kb").joinpath("data").iterdir()):
        if p.name.endswith(".csv"):
            with p.open(encoding="utf-8") as f:
                for _ in csv.reader(f):
                    pass


def test_load_is_fast():
    # a ratio against reading the same CSV files in the same run, not a wall-clock bound
    # (CI machines differ): loading builds indexes, so it costs a few reads (7-11x idle)
    base = _best_of(3, _read_data_csvs)
    load = _best_of(3, lambda: KnowledgeBase.from_files(warn=False))
    assert load < 40 * base, f"KB load {load:.3f} s is {load / base:.0f}x reading its files"


def test_lookups_are_fast(kb):
    texts = [f"Mark Rutte {i}" for i in range(2000)] + ["North Korean troops"] * 10
    t = time.perf_counter()
    for text in texts:
        kb.resolve(text, "2024-11-13")
    assert (time.perf_counter() - t) / len(texts) < 0.001


def test_bad_rows_are_reported_with_file_and_line(tmp_path):
    f = tmp_path / "holders.csv"
    f.write_text(
        HOLDER_HEADER
        + "Ann Example,,,XXX,,President of Nowhere,president,GOV,2020-01-01,,,test\n"
        + "Bob Example,,,FRA,,Minister,minister,GOV,2020-13-01,,,test\n"
        + "Cy Example,,,FRA,,Minister,minister,GOV,2020-01-01,2019-01-01,,test\n"
        + ",,,FRA,,Minister,minister,GOV,2020-01-01,,,test\n"
        + "Di Example,,,FRA,,Minister,minister,XYZ,2020-01-01,,,test\n"
        + "Ed Example,,,FRA,Nonexistent Org,Chief,,GOV,2020-01-01,,,test\n"
        + "Flo Example,,,FRA,,Minister,minister,GOV,2020-01-01,,Z12,test\n"
        + "Gil Example,,,FRA,,Minister,minister,GOV,2020-01-01,,,\n"
        + "Hal Example,,,FRA,,Minister of Tests,,GOV,2020-01-01,,,test\n",
        encoding="utf-8")
    with pytest.warns(KBWarning) as caught:
        kb = KnowledgeBase.from_files([f])
    problems = kb.problems
    name = str(f)
    assert f"{name}:2: unknown country code 'XXX'" in problems
    assert any(p.startswith(f"{name}:3: bad date '2020-13-01'") for p in problems)
    assert any(p.startswith(f"{name}:4: end") for p in problems)
    assert f"{name}:5: missing required field(s): name" in problems
    assert f"{name}:6: unknown sector code 'XYZ'" in problems
    assert any(p.startswith(f"{name}:7: unknown organization") for p in problems)
    assert any(p.startswith(f"{name}:8: bad Wikidata id") for p in problems)
    assert f"{name}:9: missing required field(s): source" in problems
    assert len(caught) == len(problems) == 8
    # Bad rows are skipped, good ones kept.
    for bad in ("Ann Example", "Bob Example", "Cy Example", "Di Example", "Ed Example",
                "Flo Example", "Gil Example"):
        assert kb.lookup_person(bad, "2021-01-01") is None
    assert kb.lookup_person("Hal Example", "2021-01-01").country == "FRA"


def test_bad_country_rows(tmp_path):
    f = tmp_path / "my_countries.csv"
    f.write_text("iso3,name,aliases,metonyms,source\n"
                 "XY,Shortland,,,test\n"
                 "ATL,Atlantis,Atlantica,Poseidonia:NAVY,test\n"
                 "ATL,Atlantis,,,test\n"
                 "ATL,Atlantis Again,,,test\n", encoding="utf-8")
    kb = KnowledgeBase.from_files([f], warn=False)
    assert any(p.startswith(f"{f}:2: bad country code 'XY'") for p in kb.problems)
    assert f"{f}:3: unknown sector code 'NAVY'" in kb.problems
    assert any(p.startswith(f"{f}:5: duplicate iso3 'ATL'") for p in kb.problems)
    assert kb.countries["ATL"].name == "Atlantis"


def test_unrecognised_and_unreadable_files(tmp_path):
    f = tmp_path / "odd.csv"
    f.write_text("foo,bar\n1,2\n", encoding="utf-8")
    kb = KnowledgeBase.from_files([f, tmp_path / "missing.csv"], warn=False)
    assert any(p.startswith(f"{f}:1: unrecognised header") for p in kb.problems)
    assert any("missing.csv" in p and "cannot read" in p for p in kb.problems)


def test_user_file_adds_and_overrides(tmp_path):
    f = tmp_path / "extra.csv"
    f.write_text(
        HOLDER_HEADER
        + "Dick Schoof,,,NLD,,Prime Minister of the Netherlands,prime minister|leader,GOV,"
          "2024-07-02,2026-01-31,,my newsroom\n"
        + "Ann Newperson,Newperson,,NLD,,Prime Minister of the Netherlands,"
          "prime minister|leader,GOV,2026-02-01,,,my newsroom\n",
        encoding="utf-8")
    orgs = tmp_path / "orgs.csv"
    orgs.write_text("key,name,aliases,country,sector,source\n"
                    "Hamas,Hamas,,PSE,GOV,my newsroom\n"
                    "Acme Militia,Acme Militia,Acmes,UGA,REB,my newsroom\n", encoding="utf-8")
    kb = KnowledgeBase.from_files([f, orgs], warn=False)
    assert kb.problems == []
    assert kb.resolve("the Dutch prime minister", "2026-03-01")["name"] == "Ann Newperson"
    assert kb.resolve("Dick Schoof", "2026-03-01")["sector"] == "ELI"
    assert kb.resolve("Newperson", "2026-03-01")["country"] == "NLD"
    assert kb.resolve("Hamas", "2024-01-01")["sector"] == "GOV"  # override wins
    assert kb.resolve("Acme Militia fighters")["country"] == "UGA"
    # The package data itself is untouched.
    assert KnowledgeBase.from_files(warn=False).resolve("Hamas")["sector"] == "REB"


def test_env_var_and_cache(tmp_path, monkeypatch):
    f = tmp_path / "sectors_extra.csv"
    f.write_text("term,sector,kind,source\nfrobnicators,LAB,group,test\n", encoding="utf-8")
    monkeypatch.setenv("COMMUNIQUE_KB", str(f))
    with warnings.catch_warnings():
        warnings.simplefilter("error", KBWarning)
        kb = KnowledgeBase.load()
    assert kb.resolve("Finnish frobnicators")["sector"] == "LAB"
    assert KnowledgeBase.load() is kb
    monkeypatch.delenv("COMMUNIQUE_KB")
    assert KnowledgeBase.load().sector_of("frobnicators") is None


def test_partial_dates(tmp_path):
    f = tmp_path / "h.csv"
    f.write_text(HOLDER_HEADER
                 + "Pat Partial,,,FRA,,Envoy of France,envoy,GOV,2019-05,2020,,test\n",
                 encoding="utf-8")
    kb = KnowledgeBase.from_files([f], warn=False)
    role = kb.persons["pat partial"].roles[0]
    assert role.start.isoformat() == "2019-05-01" and role.end.isoformat() == "2020-12-31"


def test_pickle_round_trip(kb):
    import pickle

    copy = pickle.loads(pickle.dumps(kb))
    assert copy.resolve("Mark Rutte", "2020-01-01") == kb.resolve("Mark Rutte", "2020-01-01")
