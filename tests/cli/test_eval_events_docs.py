"""``communique eval events --docs`` and ``train events``: usage and bad input."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from communique.cli import cli


def test_docs_needs_text_dir(tmp_path):
    r = CliRunner().invoke(cli, ["eval", "events", "--docs", str(tmp_path)])
    assert r.exit_code == 2 and "--text" in r.output


def test_bad_gold_file_is_one_line_naming_it(tmp_path):
    gold, text = tmp_path / "gold", tmp_path / "text"
    gold.mkdir()
    text.mkdir()
    (gold / "7.json").write_text("{not json")
    r = subprocess.run([sys.executable, "-m", "communique", "eval", "events", "--docs",
                        str(gold), "--text", str(text)], capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 2 and "7.json" in r.stderr and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_docs_scores_a_gold_of_our_own(tmp_path):
    gold, text = tmp_path / "gold", tmp_path / "text"
    gold.mkdir()
    text.mkdir()
    body = "Ruritanian troops shelled the Freedonian border town of Varna on Monday."
    (text / "1.txt").write_text(body)
    s = body.index("shelled")
    (gold / "1.json").write_text(json.dumps({"article": "1", "date": "2024-05-06", "events": [
        {"type": "ASSAULT", "trigger": [s, s + 7],
         "actors": [{"name": "Ruritanian troops", "country": None, "sector": "MIL"}]}]}))
    r = CliRunner().invoke(cli, ["eval", "events", "--docs", str(gold), "--text", str(text),
                                 "--json"])
    assert r.exit_code == 0, r.output
    docs = json.loads(r.output)["docs"]
    assert docs["events"]["gold"] == 1 and docs["articles"] == 1
    assert docs["events"]["tp"] == 1  # the coder finds this plain active assault
