"""The web's event facets on the command line (issue 17): ``events --country``,
``--actor-country``, ``--recipient-country``, ``--quad``, ``--mode`` and ``quotes
--speaker-id`` give the rows the web's JSON twin gives for the same filter, through the
one store read layer, and each row meets its filter."""

from __future__ import annotations

import json
import warnings
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from communique.cli import cli as communique
from communique.store.db import connect


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Thirty synthetic articles through the real ingest path."""
    from communique.store.ingest import ingest
    from communique.synth import write

    root = tmp_path_factory.mktemp("clistore")
    write(30, root / "synth.jsonl", seed=7)
    db = root / "cli.db"
    assert ingest([str(root / "synth.jsonl")], db, workers=1).stored == 30
    return db


@pytest.fixture(scope="module")
def client(store: Path) -> Iterator[Any]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from communique.web import create_app

    with TestClient(create_app(store)) as c:
        yield c


def run(store: Path, *args: str) -> Any:
    return CliRunner().invoke(communique, [*args, "--db", str(store)])


def cli_rows(store: Path, *args: str) -> list[dict[str, Any]]:
    r = CliRunner().invoke(communique, [*args, "--db", str(store), "--limit", "0",
                                        "--format", "jsonl"], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    return [json.loads(line) for line in r.output.splitlines() if line.strip()]


def web_rows(client: Any, route: str, **params: Any) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    page = 1
    while True:
        body = client.get(route, params={**params, "page": page, "per_page": 200})
        assert body.status_code == 200, body.text
        data = body.json()
        out += data["items"]
        if not data["has_next"]:
            return out
        page += 1


@pytest.fixture(scope="module")
def held(store: Path) -> dict[str, Any]:
    """Values the store holds: the commonest first-actor and first-recipient countries,
    quad class and mode, and the commonest speaker's id."""
    db = connect(store, readonly=True)
    try:
        def top(sql: str) -> Any:
            row = db.execute(sql).fetchone()
            assert row is not None, sql
            return row[0]

        side = ("SELECT x.country FROM event_actors ea JOIN actors x ON x.id = ea.actor_id "
                "WHERE ea.role = '{}' AND ea.position = 0 AND x.country IS NOT NULL "
                "GROUP BY x.country ORDER BY count(*) DESC, x.country LIMIT 1")
        return {
            "actor_country": top(side.format("actor")),
            "recipient_country": top(side.format("recipient")),
            "quad": top("SELECT coalesce(p.quad, 0) FROM events e LEFT JOIN plover_types p "
                        "ON p.type = e.type GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"),
            "mode": top("SELECT mode FROM events WHERE mode IS NOT NULL GROUP BY mode "
                        "ORDER BY count(*) DESC, mode LIMIT 1"),
            "speaker_id": top("SELECT actor_id FROM quote_speakers GROUP BY actor_id "
                              "ORDER BY count(*) DESC, actor_id LIMIT 1"),
        }
    finally:
        db.close()


def test_facet_options_give_the_web_rows(store: Path, client: Any,
                                         held: dict[str, Any]) -> None:
    h = held
    ac, rc = h["actor_country"], h["recipient_country"]
    cases = [
        ((), {}),
        (("--country", ac.lower()), {"country": ac}),
        (("--actor-country", ac), {"actor_country": ac}),
        (("--recipient-country", rc), {"recipient_country": rc}),
        (("--quad", str(h["quad"])), {"quad": h["quad"]}),
        (("--mode", h["mode"]), {"mode": h["mode"]}),
        (("--mode", "none"), {"mode": "none"}),
        (("--actor-country", ac, "--quad", str(h["quad"])),
         {"actor_country": ac, "quad": h["quad"]}),
    ]
    sizes = []
    for args, params in cases:
        cli_ids = Counter(r["event_id"] for r in cli_rows(store, "events", *args))
        web_ids = Counter(r["event_id"] for r in web_rows(client, "/api/events", **params))
        assert cli_ids == web_ids, (args, params)
        sizes.append(sum(cli_ids.values()))
    assert all(n > 0 for n in sizes) and all(n < sizes[0] for n in sizes[1:]), sizes


def test_each_row_meets_its_filter(store: Path, held: dict[str, Any]) -> None:
    ac, rc = held["actor_country"], held["recipient_country"]
    rows = cli_rows(store, "events", "--actor-country", ac)
    assert rows and all(r["actor1_country"] == ac for r in rows)
    rows = cli_rows(store, "events", "--recipient-country", rc)
    assert rows and all(r["actor2_country"] == rc for r in rows)
    either = cli_rows(store, "events", "--country", ac)
    assert all(ac in (r["actor1_country"], r["actor2_country"]) for r in either)
    assert len(either) >= len(cli_rows(store, "events", "--actor-country", ac))
    rows = cli_rows(store, "events", "--quad", str(held["quad"]))
    assert rows and all(r["quad_class"] == held["quad"] for r in rows)
    rows = cli_rows(store, "events", "--mode", held["mode"].upper())  # case aside
    assert rows and all(r["mode"] == held["mode"] for r in rows)
    assert all(not r["mode"] for r in cli_rows(store, "events", "--mode", "none"))


def test_speaker_id_gives_the_web_speaker_facet(store: Path, client: Any,
                                                held: dict[str, Any]) -> None:
    sid = held["speaker_id"]
    cli_ids = Counter((r["article_id"], r["quote_id"])
                      for r in cli_rows(store, "quotes", "--speaker-id", str(sid)))
    web_ids = Counter((r["article_id"], r["local_id"])
                      for r in web_rows(client, "/api/quotes", speaker_id=sid))
    assert cli_ids and cli_ids == web_ids
    assert sum(cli_ids.values()) < len(cli_rows(store, "quotes"))


def test_bad_values_are_one_line_errors(store: Path) -> None:
    r = run(store, "events", "--country", "France")
    assert r.exit_code == 2 and "three-letter code" in r.output
    r = run(store, "events", "--quad", "7")
    assert r.exit_code == 2
    r = run(store, "events", "--mode", "no_such_mode")
    assert r.exit_code == 1 and r.output.startswith("Error: --mode:")
    assert "accepted:" in r.output and "Traceback" not in r.output
    r = run(store, "events", "--country", "ZZZ", "--format", "jsonl")  # well-formed: none
    assert r.exit_code == 0 and r.output == ""
