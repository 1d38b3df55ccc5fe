"""A small store built through the real ingest path, shared by the web tests."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest

XSS_TITLE = "<script>alert('title')</script> Border talks"
XSS_SOURCE = "<b>Evil Wire</b>"
XSS_TEXT = (
    "PARIS (Reuters) - French President Emmanuel Macron said on Monday that "
    "<script>alert(1)</script> was \"not acceptable <img src=x onerror=alert(2)>\". "
    "Russia condemned Germany over the new sanctions.\n\n"
    "German Chancellor Olaf Scholz met Macron in Berlin on Tuesday.")


@pytest.fixture(scope="session")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """About thirty synthetic articles and one hostile one, ingested (spaCy and all)."""
    from communique.store.ingest import ingest
    from communique.synth import write

    root = tmp_path_factory.mktemp("webstore")
    corpus = root / "corpus"
    corpus.mkdir()
    write(30, corpus / "synth.jsonl", seed=7)
    (corpus / "hostile.jsonl").write_text(json.dumps({
        "title": XSS_TITLE, "source": XSS_SOURCE, "published": "2023-03-05",
        "url": "javascript:alert(3)", "text": XSS_TEXT}) + "\n", encoding="utf-8")
    db = root / "web.db"
    stats = ingest([str(corpus)], db, workers=1)
    assert stats.stored == 31 and stats.failed == 0
    return db


@pytest.fixture(scope="session")
def client(store_path: Path):  # noqa: ANN201
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from communique.web import create_app

    with TestClient(create_app(store_path)) as c:
        yield c


@pytest.fixture(scope="session")
def hostile_id(client) -> int:  # noqa: ANN001
    found = client.get("/api/quotes", params={"q": "acceptable"}).json()["items"]
    ids = {q["article_id"] for q in found if q["title"] == XSS_TITLE}
    assert ids, "the hostile article should be stored with its quote"
    return ids.pop()
