"""Export rows from one analysis record, without a database.

The SQLite export builds its rows with SQL over the stored tables
(:data:`communique.store.export.QUERIES`). A Spark executor has no store, so the same
columns are computed here from the record itself, article by article. Integer ids that
the store would number on insert are derived from content instead (a 63-bit hash of the
text hash, actor key or local id), so every executor gives the same id to the same thing
without coordination. Only two columns need the whole corpus and are finished in Spark:
an actor's totals and a quote's canonical speaker names.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from ..events.plover import QUAD as PLOVER_QUADS
from ..events.plover import QUAD_NAMES
from ..store.export import QUERIES
from ..store.writer import actor_key

#: the exported columns of each table, in order, as (name, Parquet type)
COLUMNS: dict[str, list[tuple[str, str]]] = {what: cols for what, (_, cols) in QUERIES.items()}


def stable_id(*parts: str) -> int:
    """A positive 63-bit integer from strings: the same on every executor and every run."""
    digest = hashlib.blake2b("\x1f".join(parts).encode("utf-8", "surrogatepass"),
                             digest_size=8).digest()
    return int.from_bytes(digest, "big") & ((1 << 63) - 1)


def article_id(text_hash: str) -> int:
    return stable_id("article", text_hash)


def actor_id(key: str) -> int:
    return stable_id("actor", key)


def record_rows(record: dict[str, Any], text_hash: str, file: str | None,
                position: int | None) -> dict[str, Any]:
    """The rows one record contributes: ``article`` (one row), ``actors`` (one per actor
    in the article, with ``key`` and per-article counts, summed per key in Spark),
    ``quotes`` (``speaker_actor_ids`` instead of names, joined in Spark) and ``events``.

    A story is not linked to earlier wire copies here (that needs the corpus in order):
    ``story_id`` is the article's own id until ``communique load`` links it.
    """
    art = record["article"]
    text = art["text"]
    aid = article_id(text_hash)
    story = aid
    actors = record.get("actors") or []
    quotes = record.get("quotes") or []
    events = record.get("events") or []
    published, source, url = art.get("published"), art.get("source"), art.get("url")

    local = {a["id"]: a for a in actors}
    keys = {a["id"]: actor_key(a) for a in actors}
    quoted: dict[str, int] = {}
    for q in quotes:
        for s in q.get("speakers") or []:
            if s in local:
                quoted[s] = quoted.get(s, 0) + 1

    actor_rows = [{
        "actor_id": actor_id(keys[a["id"]]), "key": keys[a["id"]], "name": a["name"],
        "kind": a.get("kind"), "country": a.get("country"),
        "organization": a.get("organization"), "sector": a.get("sector"),
        "wikidata": a.get("wikidata"), "mentions": len(a.get("mentions") or []),
        "quotes": quoted.get(a["id"], 0), "index": n,
    } for n, a in enumerate(actors)]

    quote_rows = []
    for q in quotes:
        content, cue, who = q["content"], q.get("cue"), q.get("speaker_mention")
        speakers = [actor_id(keys[s]) for s in q.get("speakers") or [] if s in keys]
        quote_rows.append({
            "quote_id": stable_id("quote", text_hash, q["id"]), "date": published,
            "speaker_actor_ids": speakers,
            "speaker_ids": " ".join(map(str, speakers)) if speakers else None,
            "kind": q["kind"], "content": content["text"], "cue": cue and cue["text"],
            "speaker_text": who and who["text"], "content_start": content["start"],
            "content_end": content["end"], "article_id": aid, "story_id": story,
            "source": source, "url": url,
        })

    event_rows = []
    for e in events:
        first_actor = next((local[x] for x in e.get("actors") or [] if x in local), None)
        first_recipient = next((local[x] for x in e.get("recipients") or [] if x in local),
                               None)
        sentence, trigger = e["sentence"], e.get("trigger")
        quad = PLOVER_QUADS.get(e["type"])
        event_rows.append({
            "event_id": stable_id("event", text_hash, e["id"]), "date": published,
            **_side("actor1", first_actor), **_side("actor2", first_recipient),
            "type": e["type"], "mode": e.get("mode"), "score": e.get("score"),
            "quad_class": quad or 0, "quad_name": QUAD_NAMES[quad] if quad else None,
            "contexts": json.dumps(e.get("contexts") or []),
            "negated": bool(e.get("negated")), "hypothetical": bool(e.get("hypothetical")),
            "future": bool(e.get("future")), "main": bool(e.get("main")),
            "trigger": trigger and trigger["text"],
            "sentence": text[sentence["start"]:sentence["end"]], "article_id": aid,
            "story_id": story, "source": source, "url": url,
        })

    article_row = {
        "article_id": aid, "hash": text_hash, "record_id": art.get("id"), "story_id": story,
        "published": published, "title": art.get("title"), "source": source, "url": url,
        "file": file, "position": position, "text": text, "actors": len(actors),
        "quotes": len(quotes), "events": len(events),
    }
    return {"article": article_row, "actors": actor_rows, "quotes": quote_rows,
            "events": event_rows}


def _side(prefix: str, actor: dict[str, Any] | None) -> dict[str, Any]:
    a = actor or {}
    return {f"{prefix}_name": a.get("name"), f"{prefix}_country": a.get("country"),
            f"{prefix}_sector": a.get("sector")}
