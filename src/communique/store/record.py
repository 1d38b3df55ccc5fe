"""An article's analysis record as the store holds it now: read from the normalised tables.

The writer keeps each record as it was analysed (``articles.record``, without its text)
beside the normalised tables every list reads. A corrective migration changes the
tables; so that it reaches every page, the article page, its record download and the
``articles`` export read the record *from the tables* too: events whole (every field of
the contract has a column), actors and quotes field by field (name, kind, country,
organization, sector, role, mentions; kind, content, cue, speakers), over the stored
record for what no table holds (an article's language, a quote's attribution). An event
or quote a migration deleted is gone from the record; one it added appears.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from typing import Any

Row = dict[str, Any]


def _span(text: str | None, start: int | None, end: int | None) -> Row | None:
    return None if start is None or end is None else {"start": start, "end": end,
                                                      "text": text}


def _actors(db: sqlite3.Connection, article_id: int, stored: list[Row]) -> list[Row]:
    old = {a.get("id"): a for a in stored}
    mentions: dict[str, list[Row]] = {}
    for local, start, end, text in db.execute(
            'SELECT local_id, start, "end", text FROM mentions WHERE article_id = ? '
            "ORDER BY start, id", (article_id,)):
        mentions.setdefault(local, []).append({"start": start, "end": end, "text": text})
    out = []
    for local, name, kind, country, org, sector, role, wikidata in db.execute(
            "SELECT aa.local_id, aa.name, aa.kind, aa.country, aa.organization, aa.sector, "
            "aa.role, x.wikidata FROM article_actors aa LEFT JOIN actors x "
            "ON x.id = aa.actor_id WHERE aa.article_id = ? ORDER BY aa.rowid", (article_id,)):
        prev = old.get(local, {})
        out.append({**prev, "id": local, "name": name, "kind": kind, "country": country,
                    "organization": org, "sector": sector, "role": role,
                    "wikidata": wikidata if wikidata is not None else prev.get("wikidata"),
                    "mentions": mentions.get(local, [])})
    return out


def _quotes(db: sqlite3.Connection, article_id: int, stored: list[Row]) -> list[Row]:
    old = {q.get("id"): q for q in stored}
    speakers: dict[int, list[str]] = {}
    for qid, local in db.execute(
            "SELECT qs.quote_id, qs.local_id FROM quote_speakers qs JOIN quotes q "
            "ON q.id = qs.quote_id WHERE q.article_id = ? ORDER BY qs.quote_id, qs.position",
            (article_id,)):
        speakers.setdefault(qid, []).append(local)
    out = []
    for (qid, local, kind, content, c_start, c_end, cue, cue_start, cue_end, who, w_start,
         w_end) in db.execute(
            "SELECT id, local_id, kind, content, content_start, content_end, cue, cue_start, "
            "cue_end, speaker_text, speaker_start, speaker_end FROM quotes "
            "WHERE article_id = ? ORDER BY id", (article_id,)):
        out.append({**old.get(local, {}), "id": local, "kind": kind,
                    "content": _span(content, c_start, c_end),
                    "cue": _span(cue, cue_start, cue_end), "speakers": speakers.get(qid, []),
                    "speaker_mention": _span(who, w_start, w_end)})
    return out


def _events(db: sqlite3.Connection, article_id: int) -> list[Row]:
    sides: dict[int, dict[str, list[str]]] = {}
    for eid, role, local in db.execute(
            "SELECT ea.event_id, ea.role, ea.local_id FROM event_actors ea JOIN events e "
            "ON e.id = ea.event_id WHERE e.article_id = ? ORDER BY ea.event_id, ea.role, "
            "ea.position", (article_id,)):
        key = "actors" if role == "actor" else "recipients"
        sides.setdefault(eid, {"actors": [], "recipients": []})[key].append(local)
    out = []
    for (eid, local, etype, mode, contexts, trig, t_start, t_end, s_start, s_end, neg, hyp,
         fut, quote, score, main) in db.execute(
            "SELECT id, local_id, type, mode, contexts, trigger, trigger_start, trigger_end, "
            "sentence_start, sentence_end, negated, hypothetical, future, quote_local_id, "
            "score, main FROM events WHERE article_id = ? ORDER BY id", (article_id,)):
        who = sides.get(eid, {"actors": [], "recipients": []})
        out.append({"id": local, "type": etype, "mode": mode,
                    "contexts": json.loads(contexts or "[]"), "actors": who["actors"],
                    "recipients": who["recipients"], "trigger": _span(trig, t_start, t_end),
                    "sentence": {"start": s_start, "end": s_end}, "negated": bool(neg),
                    "hypothetical": bool(hyp), "future": bool(fut), "quote": quote,
                    "score": score if score is not None else 0.0, "main": bool(main)})
    return out


def _record(db: sqlite3.Connection, article_id: int, text: str, blob: str | None,
            meta: tuple[Any, ...]) -> Row:
    rec = json.loads(blob or "{}")
    stored = rec.get("article") or {}
    record_id, title, url, source, published, language = meta
    rec["article"] = {"id": record_id if record_id is not None else stored.get("id"),
                      "text": text, "title": title, "url": url, "source": source,
                      "published": published, "language": language or stored.get("language"),
                      **{k: v for k, v in stored.items() if k not in _ARTICLE_KEYS}}
    rec["actors"] = _actors(db, article_id, rec.get("actors") or [])
    rec["quotes"] = _quotes(db, article_id, rec.get("quotes") or [])
    rec["events"] = _events(db, article_id)
    return rec


_ARTICLE_KEYS = ("id", "text", "title", "url", "source", "published", "language")
_ARTICLE = ("SELECT id, text, record, record_id, title, url, source, published, language "
            "FROM articles")


def article_record(db: sqlite3.Connection, article_id: int) -> Row | None:
    """The analysis record of one stored article (the JSON contract, text included), as
    the tables hold it now (module docstring); None if there is no such article."""
    row = db.execute(f"{_ARTICLE} WHERE id = ?", (article_id,)).fetchone()
    return None if row is None else _record(db, row[0], row[1], row[2], row[3:])


def records(db: sqlite3.Connection) -> Iterator[Row]:
    """Every stored record, as :func:`article_record` reads it, in ingest order."""
    for (article_id,) in db.execute("SELECT id FROM articles ORDER BY id").fetchall():
        found = article_record(db, article_id)
        if found is not None:
            yield found
