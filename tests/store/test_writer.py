"""The writer on hand-made records: whole-or-nothing articles, canonical actors, the flat
event view, failures, and near-duplicate story linking."""

from __future__ import annotations

from pathlib import Path

from communique.store import dedup
from communique.store.db import connect
from communique.store.writer import Analysed, Failed, Writer, actor_key


def item(analysis, file: str = "f.jsonl", position: int | None = 1) -> Analysed:
    text = analysis.article.text
    return Analysed(file, position, dedup.text_hash(text), analysis, dedup.signature(text))


def test_article_stored_whole_with_flat_events(tmp_path: Path, analyses) -> None:
    make, text_n = analyses
    db = connect(tmp_path / "s.db")
    w = Writer(db)
    r = w.write([item(make(text_n(1)), position=1), item(make(text_n(2)), position=2)])
    assert (r.stored, r.duplicates, r.failed) == (2, 0, [])
    assert db.execute("SELECT count(*) FROM actors").fetchone()[0] == 2  # canonical
    assert db.execute("SELECT count(*) FROM article_actors").fetchone()[0] == 4
    row = dict(db.execute("SELECT * FROM events_flat ORDER BY event_id").fetchone())
    assert row["actor1_name"] == "Emmanuel Macron" and row["actor1_country"] == "FRA"
    assert row["actor2_name"] == "Germany" and row["actor2_sector"] == "GOV"
    assert (row["type"], row["mode"], row["score"], row["quad_class"]) == \
        ("ACCUSE", "disapprove", -3.0, 3)
    assert row["date"] == "2023-05-01"
    assert row["sentence"] == text_n(1)[: text_n(1).index(".") + 1]
    hits = db.execute("SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH 'act'").fetchall()
    assert len(hits) == 2
    assert db.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH "
                      "'filler1x3'").fetchone()[0] == 1


def test_same_text_is_stored_once(tmp_path: Path, analyses) -> None:
    make, text_n = analyses
    w = Writer(connect(tmp_path / "s.db"))
    assert w.write([item(make(text_n(1)))]).stored == 1
    again = make("  " + text_n(1).replace(". ", ".\n\n", 1) + "\n")  # same normalized
    r = w.write([item(again)])
    assert (r.stored, r.duplicates) == (0, 1)


def test_bad_record_fails_alone(tmp_path: Path, analyses) -> None:
    make, text_n = analyses
    db = connect(tmp_path / "s.db")
    w = Writer(db)
    r = w.write([item(make(text_n(1)), position=1), item(make(text_n(2), bad=True), position=2),
                 Failed("f.jsonl", 3, "malformed JSON: x"), item(make(text_n(3)), position=4)])
    assert r.stored == 2 and len(r.failed) == 2
    for table in ("articles", "articles_fts", "minhash"):
        assert db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 2
    assert db.execute("SELECT count(*) FROM quotes").fetchone()[0] == 2  # nothing partial
    assert db.execute("SELECT count(*) FROM mentions WHERE article_id NOT IN "
                      "(SELECT id FROM articles)").fetchone()[0] == 0
    fails = db.execute("SELECT position, stage, reason FROM failures ORDER BY position")
    assert [(p, s) for p, s, _ in fails] == [(2, "store"), (3, "read")]
    # the same input read correctly later clears its failure
    w.write([item(make(text_n(5)), position=3)])
    assert db.execute("SELECT count(*) FROM failures WHERE position = 3").fetchone()[0] == 0


def test_actor_keys() -> None:
    assert actor_key({"name": "Emmanuel Macron", "wikidata": "Q3052772"}) == "wd:Q3052772"
    a = actor_key({"name": "The  Élysée!", "country": "FRA", "kind": "organization"})
    assert a == "name:elysee|FRA|organization"
    assert actor_key({"name": "John Smith", "country": "USA", "kind": "person"}) != \
        actor_key({"name": "John Smith", "country": "GBR", "kind": "person"})


def test_near_duplicates_link_to_one_story(tmp_path: Path, analyses) -> None:
    from communique.model import Analysis, Article
    from communique.synth import generate

    records = list(generate(120, seed=11))
    db = connect(tmp_path / "s.db")
    w = Writer(db)
    batch = [item(Analysis(Article(text=r["text"], published=r["published"])), position=i)
             for i, r in enumerate(records, 1)]
    r = w.write(batch)
    copies = len(records) - len({x["story"] for x in records})
    assert r.stored == len(records) and r.linked == copies > 5
    stored = {p: s for p, s in db.execute("SELECT position, story_id FROM articles")}
    # articles are linked exactly as generated: same synthetic story <=> same story_id
    by_story: dict[str, set[int]] = {}
    for i, rec in enumerate(records, 1):
        by_story.setdefault(rec["story"], set()).add(stored[i])
    assert all(len(ids) == 1 for ids in by_story.values())
    assert len({next(iter(ids)) for ids in by_story.values()}) == len(by_story)


def test_actor_filter_takes_a_name_a_country_a_key_or_an_id(tmp_path: Path,
                                                          analyses) -> None:  # noqa: ANN001
    """The CLI's --actor / --recipient name an actor as the web does: by id or key too."""
    from communique.store import queries

    make, text_n = analyses
    db = connect(tmp_path / "k.db")
    Writer(db).write([item(make(text_n(1)))])
    key, actor_id = db.execute("SELECT key, id FROM actors WHERE name = 'Emmanuel Macron'"
                               ).fetchone()
    for value in ("macron", "FRA", key, str(actor_id)):
        assert [r["type"] for r in queries.events(db, actor=value)] == ["ACCUSE"], value
        assert queries.events(db, recipient=value) == []
        assert queries.actor_exists(db, value)
    assert [r["type"] for r in queries.events(db, recipient="DEU")] == ["ACCUSE"]
    assert not queries.actor_exists(db, "Zzyzx Foobar")
