"""The canonical seed article, scored by the shared scorer (when ../shared exists)."""

from __future__ import annotations

import subprocess
import sys


def test_seed_quotes_meet_the_bar(shared, tmp_path):
    out = tmp_path / "seed.json"
    r = subprocess.run([sys.executable, "-m", "communique", "analyze",
                        str(shared / "seed/article.txt"), "--date", "2024-11-13",
                        "--format", "json"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    out.write_text(r.stdout)
    score = subprocess.run([sys.executable, str(shared / "seed/score.py"), str(out)],
                           capture_output=True, text=True, timeout=60)
    lines = score.stdout.splitlines()
    assert not [x for x in lines if x.startswith("PROBLEM")], score.stdout
    required = [x for x in lines if x.startswith("quote") and "[required]" in x]
    expected = [x for x in lines if x.startswith("quote") and "[expected]" in x]
    extra = [x for x in lines if x.startswith("quote   EXTRA")]
    assert required and all(" ok " in x for x in required), score.stdout
    assert sum(" ok " in x for x in expected) >= len(expected) - 1, score.stdout
    assert len(extra) <= 1, score.stdout
