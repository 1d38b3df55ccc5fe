"""One record to rows: the store's normalised rows of one analysis record.

The writer inserts these rows (numbering articles, actors, quotes and events as SQLite
does); the Spark job turns the same rows into its export tables, with ids derived from
content (:mod:`communique.spark.rows`). Nothing else reads a record into rows, so "who
is the first actor and the first recipient of an event" (:func:`first_sides`) and every
column are defined here once.

The input is the record dataclass (:class:`~communique.model.Analysis`) or its contract
dict (``to_dict()`` output, or a parsed record file): the contract writes every key, so
they are indexed, not guessed with ``.get()``; a dict missing one is refused
(``KeyError``), as is a second actor with one local id (``ValueError``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..actors import keys
from ..kb import KnowledgeBase
from ..model import SCHEMA, Analysis

Row = dict[str, Any]


def actor_key(actor: Row) -> str:
    """The corpus-wide identity of a record's actor (:func:`communique.actors.keys.actor_key`
    with the package knowledge base)."""
    return keys.actor_key(actor, KnowledgeBase.load())


@dataclass(slots=True)
class RecordRows:
    """The rows of one record, with local ids (``A1``, ``Q1``, ``E1``) for references."""

    article: Row  # record_id, text, title, url, source, published, language
    stored: str  # the record as JSON without its text (``articles.record``)
    actors: list[Row]  # local_id, key, named, name, kind, country, ... role, wikidata
    mentions: list[Row]  # local_id, start, end, text
    quotes: list[Row]  # local_id, kind, content(_start/_end), cue.., speaker_text..
    quote_speakers: list[tuple[str, str, int]]  # (quote local id, actor local id, position)
    events: list[Row]  # local_id, type, mode, contexts (JSON), trigger.., sentence_start..
    event_actors: list[tuple[str, str, int, str]]  # (event local id, role, position, actor)


def _span(d: Row | None, prefix: str) -> Row:
    return {prefix: d and d["text"], f"{prefix}_start": d and d["start"],
            f"{prefix}_end": d and d["end"]}


def first_sides(event: Row, known: set[str] | dict[str, Any]) -> tuple[str | None,
                                                                       str | None]:
    """An event's first actor and first recipient among the article's actors ``known``
    (local ids): the GDELT-like pair every flat view shows (``events_flat``'s
    ``actor1``/``actor2``: position 0 of each role as stored)."""
    actor = next((a for a in event["actors"] if a in known), None)
    recipient = next((a for a in event["recipients"] if a in known), None)
    return actor, recipient


def record_rows(record: Analysis | Row) -> RecordRows:
    """The rows of ``record`` (module docstring)."""
    d = record.to_dict() if isinstance(record, Analysis) else record
    if d["schema"] != SCHEMA:
        raise ValueError(f"not a {SCHEMA} record (schema={d['schema']!r})")
    art = d["article"]
    article = {"record_id": art["id"], "text": art["text"], "title": art["title"],
               "url": art["url"], "source": art["source"], "published": art["published"],
               "language": art["language"]}
    stored = json.dumps(dict(d, article={k: v for k, v in art.items() if k != "text"}),
                        ensure_ascii=False)
    actors, mentions, seen = [], [], set()
    for a in d["actors"]:
        local = a["id"]
        if local in seen:
            raise ValueError(f"actor id {local!r} appears twice")
        seen.add(local)
        key = actor_key(a)
        actors.append({"local_id": local, "key": key, "named": keys.is_named(a["name"], key),
                       **{k: a[k] for k in ("name", "kind", "country", "organization",
                                            "sector", "role", "wikidata")}})
        mentions.extend({"local_id": local, "start": m["start"], "end": m["end"],
                         "text": m["text"]} for m in a["mentions"])
    quotes, speakers = [], []
    for q in d["quotes"]:
        content = q["content"]
        quotes.append({"local_id": q["id"], "kind": q["kind"], "content": content["text"],
                       "content_start": content["start"], "content_end": content["end"],
                       **_span(q["cue"], "cue"), **_span(q["speaker_mention"], "speaker")})
        # a speaker's position is its place in the record's list (an unknown id skipped)
        speakers.extend((q["id"], s, n) for n, s in enumerate(q["speakers"]) if s in seen)
    events, sides = [], []
    for e in d["events"]:
        events.append({"local_id": e["id"], "type": e["type"], "mode": e["mode"],
                       "contexts": json.dumps(e["contexts"] or []), **_span(e["trigger"],
                                                                             "trigger"),
                       "sentence_start": e["sentence"]["start"],
                       "sentence_end": e["sentence"]["end"], "negated": bool(e["negated"]),
                       "hypothetical": bool(e["hypothetical"]), "future": bool(e["future"]),
                       "quote": e["quote"], "score": e["score"], "main": bool(e["main"])})
        for role, field in (("actor", "actors"), ("recipient", "recipients")):
            sides.extend((e["id"], role, n, a) for n, a in
                         enumerate(a for a in e[field] if a in seen))
    return RecordRows(article, stored, actors, mentions, quotes, speakers, events, sides)
