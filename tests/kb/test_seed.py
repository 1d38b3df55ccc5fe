"""Every actor mention of the shared seed article resolves to its gold attributes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

GOLD = Path(__file__).resolve().parents[2].parent / "shared" / "seed" / "gold.json"


@pytest.mark.skipif(not GOLD.exists(), reason="shared seed data not available")
def test_seed_mentions_resolve_to_gold(kb):
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    for actor in gold["actors"]:
        for mention in actor["mentions"]:
            got = kb.resolve(mention["text"], gold["published"])
            for field in ("kind", "country", "sector", "organization", "wikidata"):
                if actor.get(field):
                    assert got[field] == actor[field], (mention["text"], field, got)
            if actor["kind"] == "person":
                assert got["name"].split()[-1] == actor["name"].split()[-1]
            if actor.get("role_contains"):
                assert actor["role_contains"] in got["role"], (mention["text"], got)
