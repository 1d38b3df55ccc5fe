"""A quote in its sentence: the text just before and after a listed quote, so the quotes
list (and an actor's latest quotes) show it marked inside the sentence it was said in, as
the events list marks a trigger in its sentence.

Only for pages (a page holds at most a few hundred quotes): one query reads a window of
each quote's article text around it; downloads keep their columns.
"""

from __future__ import annotations

import json
import re
import sqlite3
from typing import Any

Row = dict[str, Any]

#: characters of article text read either side of a quote
WINDOW = 400
#: most characters of context shown either side (cut at a word, with an ellipsis)
SHOWN = 200

_START = re.compile(r"(?:[.!?][\"'”’)]*\s+|\n\s*)")
_END = re.compile(r"(?:[.!?][\"'”’)]*(?=\s|$)|\n)")


def around(before: str, after: str) -> tuple[str, str]:
    """The part of ``before`` since its last sentence end, and of ``after`` up to its
    first (both whitespace-normalised and cut to :data:`SHOWN` characters)."""
    starts = [m.end() for m in _START.finditer(before)]
    head = before[starts[-1]:] if starts else before
    end = _END.search(after)
    tail = after[:end.end()] if end else after
    head, tail = head.replace("\n", " "), tail.replace("\n", " ")
    if len(head) > SHOWN:
        head = "…" + head[-SHOWN:].split(" ", 1)[-1]
    if len(tail) > SHOWN:
        tail = tail[:SHOWN].rsplit(" ", 1)[0] + "…"
    return head, tail


def quote_contexts(db: sqlite3.Connection, data: Any) -> dict[int, tuple[str, str]]:
    """``(before, after)`` for every quote row (a dict with ``quote_id`` and ``content``)
    in ``data`` (nested dicts and lists, a page's data), by quote id; the rows are not
    changed (they may be a cached summary the JSON twin also serves)."""
    ids: list[int] = []

    def walk(x: Any, depth: int = 0) -> None:
        if depth > 4:
            return
        if isinstance(x, dict):
            if "content" in x and isinstance(x.get("quote_id"), int):
                ids.append(x["quote_id"])
            for k, v in x.items():
                if isinstance(v, dict | list) and k != "record":
                    walk(v, depth + 1)
        elif isinstance(x, list):
            for v in x:
                walk(v, depth + 1)

    walk(data)
    if not ids:
        return {}
    got: dict[int, tuple[str, str]] = {}
    for qid, start, end, from_, window in db.execute(
            "SELECT q.id, q.content_start, q.content_end, max(q.content_start - ?, 0), "
            "substr(a.text, max(q.content_start - ?, 0) + 1, "
            "q.content_end - max(q.content_start - ?, 0) + ?) "
            "FROM quotes q JOIN articles a ON a.id = q.article_id "
            "WHERE q.id IN (SELECT value FROM json_each(?))",
            (WINDOW, WINDOW, WINDOW, WINDOW, json.dumps(sorted(set(ids))))):
        if window is None or start is None or end is None:
            continue
        got[qid] = around(window[:start - from_], window[end - from_:])
    return got
