"""The click commands (registered into the main CLI elsewhere)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from communique.cli.actors import actors, eval_actors


def test_resolve_json():
    out = CliRunner().invoke(actors, ["resolve", "Mark Rutte", "--date", "2020-01-01",
                                      "--format", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert (data["country"], data["sector"]) == ("NLD", "GOV")
    assert "Prime Minister" in data["role"]


def test_resolve_table():
    out = CliRunner().invoke(actors, ["resolve", "Mark Rutte", "--date", "2024-11-13"])
    assert out.exit_code == 0
    assert "NATO Secretary General" in out.output


def test_resolve_bad_date():
    out = CliRunner().invoke(actors, ["resolve", "Mark Rutte", "--date", "yesterday"])
    assert out.exit_code == 2


def test_list_filters():
    out = CliRunner().invoke(actors, ["list", "--country", "NLD", "--role", "prime minister",
                                      "--on", "2020-01-01", "--format", "json"])
    assert out.exit_code == 0, out.output
    assert [row["name"] for row in json.loads(out.output)] == ["Mark Rutte"]


def test_list_with_user_file_and_warning(tmp_path):
    f = tmp_path / "h.csv"
    f.write_text("name,country,role,sector,start,source\n"
                 "Ann Example,XXX,President,GOV,2020-01-01,test\n", encoding="utf-8")
    out = CliRunner().invoke(actors, ["list", "--country", "FRA", "--kb", str(f)])
    assert out.exit_code == 0
    assert f"{f}:2: unknown country code 'XXX'" in out.output


def test_eval_actors_default_file():
    out = CliRunner().invoke(eval_actors, ["--json", "--min-country", "0.95",
                                           "--min-sector", "0.85"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)["cases"] >= 250


def test_eval_actors_floor_failure(tmp_path):
    f = tmp_path / "c.csv"
    f.write_text("text,date,country,sector\nMark Rutte,2020-01-01,IGO,IGO\n", encoding="utf-8")
    out = CliRunner().invoke(eval_actors, [str(f), "--min-country", "0.9"])
    assert out.exit_code == 1
