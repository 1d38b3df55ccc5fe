"""The training command works end to end on a handful of articles (CI never trains the
shipped model; this proves the command does)."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from communique.quotes.learn import AttributionModel


@pytest.mark.slow
def test_train_quotes_on_a_few_articles(shared, tmp_path):
    out = tmp_path / "attribution.npz"
    r = subprocess.run([sys.executable, "-m", "communique", "train", "quotes", "--polnear",
                        str(shared / "corpora/polnear"), "--limit", "6", "--folds", "2",
                        "--out", str(out)], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    meta = json.loads(out.with_suffix(".json").read_text())
    assert meta["training_data"]["articles"] == 6 and meta["seed"] == 0
    assert set(meta["cross_validation"]) >= {"rules", "model", "combined"}
    assert set(meta["dev"]) >= {"rules", "model", "combined"}
    model = AttributionModel.read(out)
    assert model.cue_w.any() and 0 < model.threshold < 1
    # seeded: the same command gives the same weights
    out2 = tmp_path / "again.npz"
    r = subprocess.run([sys.executable, "-m", "communique", "train", "quotes", "--polnear",
                        str(shared / "corpora/polnear"), "--limit", "6", "--folds", "0",
                        "--out", str(out2)], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    again = AttributionModel.read(out2)
    assert np.array_equal(model.cue_w, again.cue_w)
    assert np.array_equal(model.content_w, again.content_w)


def test_shipped_model_is_small_and_documented():
    from importlib import resources

    data = resources.files("communique.quotes") / "data"
    weights = data / "attribution.npz"
    assert weights.is_file()
    assert len(weights.read_bytes()) < 25 * 1024 * 1024
    meta = json.loads((data / "attribution.json").read_text())
    assert meta["training_data"]["split"] == "train" and meta["commit"]
    assert {"rules", "model", "combined"} <= set(meta["cross_validation"])
