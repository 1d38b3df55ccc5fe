"""Export rows from one analysis record, without a database.

The SQLite export builds its rows with SQL over the stored tables
(:data:`communique.store.export.QUERIES`). A Spark executor has no store, so the same
columns are computed here from the store's rows of the record
(:func:`communique.store.rows.record_rows`, which the writer inserts), article by
article. Integer ids that the store would number on insert are derived from content
instead (a 63-bit hash of the text hash, actor key or local id), so every executor gives
the same id to the same thing without coordination. Only two columns need the whole
corpus and are finished in Spark: an actor's totals and a quote's canonical speaker names.
"""

from __future__ import annotations

import hashlib
from typing import Any

from ..events.plover import QUAD as PLOVER_QUADS
from ..events.plover import QUAD_NAMES
from ..model import Analysis
from ..store.export import QUERIES
from ..store.rows import first_sides, record_rows

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


def export_rows(record: Analysis | dict[str, Any], text_hash: str, file: str | None,
                position: int | None) -> dict[str, Any]:
    """The export rows one record contributes, from the store's rows of it
    (:func:`communique.store.rows.record_rows`, the writer's too): ``article`` (one row),
    ``actors`` (one per actor in the article, with ``key`` and per-article counts,
    summed per key in Spark), ``quotes`` (``speaker_actor_ids`` instead of names, joined
    in Spark) and ``events`` (first actor and first recipient as the store's flat view).

    A story is not linked to earlier wire copies here (that needs the corpus in order):
    ``story_id`` is the article's own id until ``communique load`` links it.
    """
    r = record_rows(record)
    art = r.article
    text = art["text"]
    aid = article_id(text_hash)
    story = aid
    published, source, url = art["published"], art["source"], art["url"]
    local = {a["local_id"]: a for a in r.actors}
    ids = {k: actor_id(a["key"]) for k, a in local.items()}
    quoted: dict[str, int] = {}
    said: dict[str, list[int]] = {}
    for q, s, _ in r.quote_speakers:
        quoted[s] = quoted.get(s, 0) + 1
        said.setdefault(q, []).append(ids[s])
    mentions: dict[str, int] = {}
    for m in r.mentions:
        mentions[m["local_id"]] = mentions.get(m["local_id"], 0) + 1
    sides: dict[str, dict[str, list[str]]] = {}
    for e, role, _, a in r.event_actors:
        sides.setdefault(e, {"actors": [], "recipients": []})[f"{role}s"].append(a)

    actor_rows = [{
        "actor_id": ids[a["local_id"]], "key": a["key"], "name": a["name"],
        "kind": a["kind"], "country": a["country"], "organization": a["organization"],
        "sector": a["sector"], "wikidata": a["wikidata"],
        "mentions": mentions.get(a["local_id"], 0), "quotes": quoted.get(a["local_id"], 0),
        "index": n,
    } for n, a in enumerate(r.actors)]

    quote_rows = []
    for q in r.quotes:
        speakers = said.get(q["local_id"], [])
        quote_rows.append({
            "quote_id": stable_id("quote", text_hash, q["local_id"]), "date": published,
            "speaker_actor_ids": speakers,
            "speaker_ids": " ".join(map(str, speakers)) if speakers else None,
            "kind": q["kind"], "content": q["content"], "cue": q["cue"],
            "speaker_text": q["speaker"], "content_start": q["content_start"],
            "content_end": q["content_end"], "article_id": aid, "story_id": story,
            "source": source, "url": url,
        })

    event_rows = []
    for e in r.events:
        first_actor, first_recipient = first_sides(
            sides.get(e["local_id"], {"actors": [], "recipients": []}), local)
        quad = PLOVER_QUADS.get(e["type"])
        event_rows.append({
            "event_id": stable_id("event", text_hash, e["local_id"]), "date": published,
            **_side("actor1", local.get(first_actor or "")),
            **_side("actor2", local.get(first_recipient or "")),
            "type": e["type"], "mode": e["mode"], "score": e["score"],
            "quad_class": quad or 0, "quad_name": QUAD_NAMES[quad] if quad else None,
            "contexts": e["contexts"], "negated": e["negated"],
            "hypothetical": e["hypothetical"], "future": e["future"], "main": e["main"],
            "trigger": e["trigger"], "sentence": text[e["sentence_start"]:e["sentence_end"]],
            "article_id": aid, "story_id": story, "source": source, "url": url,
        })

    article_row = {
        "article_id": aid, "hash": text_hash, "record_id": art["record_id"],
        "story_id": story, "published": published, "title": art["title"], "source": source,
        "url": url, "file": file, "position": position, "text": text,
        "actors": len(r.actors), "quotes": len(r.quotes), "events": len(r.events),
    }
    return {"article": article_row, "actors": actor_rows, "quotes": quote_rows,
            "events": event_rows}


def _side(prefix: str, actor: dict[str, Any] | None) -> dict[str, Any]:
    a = actor or {}
    return {f"{prefix}_name": a.get("name"), f"{prefix}_country": a.get("country"),
            f"{prefix}_sector": a.get("sector")}
