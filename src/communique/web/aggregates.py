"""In-memory event arrays for the aggregate views: network, pair rankings, actor timelines.

Summing PLOVER scores per actor pair over a month of a 100,000-article store touches
tens of thousands of events and twice as many ``event_actors`` rows; SQLite does that in
about half a second, too slow for a page under load. The store is read-only to the web
process, so it keeps the few numbers these views need (per event: date, type, score,
negation; who acted on whom) in NumPy arrays, about 40 bytes per event, loaded once
and reloaded when an ingest has grown the store. SQL versions in the tests
(``tests/web/test_aggregates_sql.py``) give the same answers and hold them to it.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from .facet_arrays import FacetArrays, QuoteFacetArrays

Row = dict[str, Any]


def _ordinal(published: str | None) -> int:
    if not published:
        return -1
    try:
        return dt.date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return -1


def _month(published: str | None) -> int:
    """Months since year 0 (``YYYY-MM`` as one integer), -1 if undated."""
    o = _ordinal(published)
    if o < 0:
        return -1
    d = dt.date.fromordinal(o)
    return d.year * 12 + d.month - 1


def _row_keys(x: np.ndarray) -> np.ndarray:
    """One int64 per row of non-negative integer columns, ordered as the rows are, or the
    rows themselves if their ranges do not fit in 62 bits."""
    if not len(x):
        return x
    spans = [int(v) + 1 for v in x.max(axis=0)]
    if int(np.prod(np.array(spans, dtype=object))) >= 2**62:
        return x
    key = np.zeros(len(x), np.int64)
    for col, span in zip(x.T, spans, strict=True):
        key = key * span + col
    return key


def _unique_rows(x: np.ndarray) -> np.ndarray:
    """``np.unique(x, axis=0)`` for non-negative integer columns, through one integer
    key per row (several times faster than the structured sort of ``axis=0``)."""
    if not len(x):
        return x
    spans = (x.max(axis=0) + 1).astype(object)
    if int(np.prod(spans)) >= 2**62:
        return np.unique(x, axis=0)
    key = np.zeros(len(x), np.int64)
    for col, span in zip(x.T, spans, strict=True):
        key = key * int(span) + col
    key = np.unique(key)
    out = np.empty((len(key), x.shape[1]), np.int64)
    for j in range(x.shape[1] - 1, -1, -1):
        out[:, j] = key % int(spans[j])
        key = key // int(spans[j])
    return out


@dataclass(slots=True)
class EventArrays:
    """Column arrays over events; see the module docstring."""

    marker: tuple[Any, ...]
    types: list[str]  # type code -> PLOVER type
    # directed (event, actor, recipient) triples of non-negated events, sorted by date
    t_date: np.ndarray
    t_event: np.ndarray
    t_src: np.ndarray
    t_dst: np.ndarray
    t_type: np.ndarray
    t_score: np.ndarray
    t_first: np.ndarray  # 1 unless the reverse triple of the same event comes earlier
    # (actor, event) participation of non-negated dated events, sorted by actor
    p_actor: np.ndarray
    p_month: np.ndarray
    p_score: np.ndarray
    # every (actor, role, event), negated and undated too, sorted by actor, role (recipient
    # first), then newest first (date, event id descending): a page of them is a slice
    r_actor: np.ndarray
    r_is_actor: np.ndarray
    r_event: np.ndarray
    # (actor, article) rows of article_actors with the role held there, sorted by actor
    a_actor: np.ndarray
    a_role: np.ndarray  # code into role_names, -1 for none
    a_date: np.ndarray
    role_names: list[str]
    # (speaker, quote) with the quote's date, sorted by speaker, then newest first
    s_actor: np.ndarray
    s_quote: np.ndarray
    country: dict[int, str | None]
    # the triples' positions sorted by actor and by recipient (date order within each),
    # and the actor (recipient) ids in that order, for a binary search
    t_by_src: np.ndarray
    t_src_sorted: np.ndarray
    t_by_dst: np.ndarray
    t_dst_sorted: np.ndarray
    names: dict[int, list[str]]  # per actor, its mentions' texts, most frequent first
    facets: FacetArrays  # per-event facts for the events list's facet counts
    quote_facets: QuoteFacetArrays  # likewise per quote for the quotes list's
    quote_rows: dict[int, int]  # per actor, its quote_speakers rows

    @classmethod
    def load(cls, db: sqlite3.Connection, marker: tuple[Any, ...]) -> EventArrays:
        dates = dict(db.execute("SELECT id, published FROM articles"))
        art_date = {k: _ordinal(v) for k, v in dates.items()}
        art_month = {k: _month(v) for k, v in dates.items()}
        ev = db.execute("SELECT id, article_id, type, negated, coalesce(score, 0) "
                        "FROM events").fetchall()
        types = sorted({r[2] for r in ev})
        code = {t: i for i, t in enumerate(types)}
        n = len(ev)
        e_id = np.fromiter((r[0] for r in ev), np.int64, n)
        e_date = np.fromiter((art_date.get(r[1], -1) for r in ev), np.int64, n)
        e_month = np.fromiter((art_month.get(r[1], -1) for r in ev), np.int64, n)
        e_type = np.fromiter((code[r[2]] for r in ev), np.int16, n)
        e_neg = np.fromiter((bool(r[3]) for r in ev), np.bool_, n)
        e_score = np.fromiter((r[4] for r in ev), np.float64, n)
        del ev
        order = np.argsort(e_id)
        e_id, e_date, e_month, e_type, e_neg, e_score = (
            x[order] for x in (e_id, e_date, e_month, e_type, e_neg, e_score))

        def index(ids: np.ndarray) -> np.ndarray:
            return np.searchsorted(e_id, ids)

        tri = np.array(db.execute(
            "SELECT s.event_id, s.actor_id, r.actor_id FROM event_actors s "
            "JOIN event_actors r ON r.event_id = s.event_id AND r.role = 'recipient' "
            "WHERE s.role = 'actor' AND s.actor_id != r.actor_id").fetchall(),
            dtype=np.int64).reshape(-1, 3)
        tri = _unique_rows(tri)  # an actor listed twice in one event counts once
        ti = index(tri[:, 0])
        keep = ~e_neg[ti] if len(ti) else np.zeros(0, np.bool_)
        tri, ti = tri[keep], ti[keep]
        by_date = np.argsort(e_date[ti], kind="stable")
        tri, ti = tri[by_date], ti[by_date]
        # A->B and B->A in one event are one event for the unordered pair: count it once
        lo_, hi_ = np.minimum(tri[:, 1], tri[:, 2]), np.maximum(tri[:, 1], tri[:, 2])
        keys = _row_keys(np.stack([tri[:, 0], lo_, hi_], axis=1))
        _, first_of = np.unique(keys, axis=0 if keys.ndim > 1 else None, return_index=True)
        t_first = np.zeros(len(tri), np.int64)
        t_first[first_of] = 1
        roles = np.array(db.execute("SELECT actor_id, role = 'actor', event_id "
                                    "FROM event_actors").fetchall(),
                         dtype=np.int64).reshape(-1, 3)
        roles = _unique_rows(roles)  # sorted by actor, role, event
        part = _unique_rows(roles[:, [0, 2]])  # sorted by actor, then event
        ri = index(roles[:, 2])
        newest = np.lexsort((-roles[:, 2], -e_date[ri], roles[:, 1], roles[:, 0]))
        roles, ri = roles[newest], ri[newest]
        pi = index(part[:, 1])
        keep = (~e_neg[pi] & (e_date[pi] >= 0)) if len(pi) else np.zeros(0, np.bool_)
        part, pi = part[keep], pi[keep]
        by_actor = np.argsort(part[:, 0], kind="stable")
        part, pi = part[by_actor], pi[by_actor]
        held = db.execute("SELECT actor_id, article_id, role FROM article_actors").fetchall()
        role_names = sorted({r[2] for r in held if r[2] is not None})
        role_code = {name: i for i, name in enumerate(role_names)}
        m = len(held)
        a_actor = np.fromiter((r[0] for r in held), np.int64, m)
        a_date = np.fromiter((art_date.get(r[1], -1) for r in held), np.int64, m)
        a_role = np.fromiter((role_code.get(r[2], -1) for r in held), np.int64, m)
        del held
        by_actor = np.argsort(a_actor, kind="stable")
        said = np.array(db.execute(
            "SELECT DISTINCT qs.actor_id, q.id, q.article_id FROM quote_speakers qs "
            "JOIN quotes q ON q.id = qs.quote_id").fetchall(), dtype=np.int64).reshape(-1, 3)
        s_date = np.fromiter((art_date.get(int(x), -1) for x in said[:, 2]), np.int64,
                             len(said))
        by_speaker = np.lexsort((-said[:, 1], -s_date, said[:, 0]))
        country = dict(db.execute("SELECT id, country FROM actors"))
        by_src, by_dst = (np.argsort(tri[:, k], kind="stable") for k in (1, 2))
        return cls(marker, types, e_date[ti], tri[:, 0], tri[:, 1], tri[:, 2], e_type[ti],
                   e_score[ti], t_first, part[:, 0], e_month[pi], e_score[pi], roles[:, 0],
                   roles[:, 1].astype(np.bool_), roles[:, 2], a_actor[by_actor],
                   a_role[by_actor], a_date[by_actor], role_names, said[by_speaker, 0],
                   said[by_speaker, 1], country,
                   by_src, tri[by_src, 1], by_dst, tri[by_dst, 2],
                   _mention_names(db), FacetArrays.load(db, art_date),
                   QuoteFacetArrays.load(db, art_date), dict(db.execute(
                       "SELECT actor_id, count(*) FROM quote_speakers GROUP BY actor_id")))

    # --- pairs -----------------------------------------------------------------------------

    def pairs(self, since: str | None, until: str | None, *, etype: str | None = None,
              country: str | None = None, limit: int = 1000) -> list[Row]:
        """As :func:`queries.named_pairs`, without names: a, b, score, coop, conflict,
        events for the ``limit`` strongest unordered pairs."""
        lo = np.searchsorted(self.t_date, _ordinal(since) if since else -(2**62))
        hi = np.searchsorted(self.t_date, _ordinal(until) if until else 2**62, side="right")
        sel = slice(lo, hi)
        src, dst, score, first = (self.t_src[sel], self.t_dst[sel], self.t_score[sel],
                                  self.t_first[sel])
        mask = np.ones(len(src), np.bool_)
        if etype is not None:
            if etype not in self.types:
                return []
            mask &= self.t_type[sel] == self.types.index(etype)
        a, b = np.minimum(src, dst), np.maximum(src, dst)
        if country is not None:
            hits = np.array([k for k, v in self.country.items() if v == country], np.int64)
            mask &= np.isin(a, hits) | np.isin(b, hits)
        a, b, score, first = a[mask], b[mask], score[mask], first[mask]
        if not len(a):
            return []
        base = int(max(a.max(), b.max())) + 1
        key = a * base + b
        uniq, inv = np.unique(key, return_inverse=True)
        total = np.bincount(inv, weights=score)
        coop = np.bincount(inv, weights=np.maximum(score, 0))
        conflict = np.bincount(inv, weights=np.minimum(score, 0))
        events = np.bincount(inv, weights=first).astype(np.int64)
        pa, pb = uniq // base, uniq % base
        total_r = np.round(total, 2)
        order = np.lexsort((pb, pa, -events, -np.abs(total_r)))[:limit]
        cols = zip(pa[order].tolist(), pb[order].tolist(), total_r[order].tolist(),
                   np.round(coop[order], 2).tolist(), np.round(conflict[order], 2).tolist(),
                   events[order].tolist(), strict=True)
        return [{"a": a_, "b": b_, "score": t, "coop": c, "conflict": k, "events": n}
                for a_, b_, t, c, k, n in cols]

    # --- event lists ---------------------------------------------------------------------

    @staticmethod
    def _newest(events: np.ndarray, dates: np.ndarray, offset: int, n: int) -> list[int]:
        """Event ids ordered as the pages show them (date, then id, both descending)."""
        events, first = np.unique(events, return_index=True)
        dates = dates[first]
        order = np.lexsort((-events, -dates))[offset:offset + n]
        return events[order].tolist()

    def actor_events(self, actor_id: int, role: str, offset: int, n: int) -> list[int]:
        """Ids of the actor's events as ``role``, newest first, ``n`` from ``offset``: a
        slice (the rows are unique and in that order within an actor and role)."""
        lo, hi = np.searchsorted(self.r_actor, [actor_id, actor_id + 1])
        split = lo + int(np.searchsorted(self.r_is_actor[lo:hi], True))
        lo, hi = (split, hi) if role == "actor" else (lo, split)
        return self.r_event[lo:hi][offset:offset + n].tolist()

    def speaker_quotes(self, actor_id: int, offset: int, n: int) -> list[int]:
        """Ids of the actor's quotes, newest first (date, then id, descending): a slice."""
        lo, hi = np.searchsorted(self.s_actor, [actor_id, actor_id + 1])
        return self.s_quote[lo:hi][offset:offset + n].tolist()

    def quote_count(self, actor_id: int) -> int:
        """The actor's ``quote_speakers`` rows (``count(*)`` of them in SQL)."""
        return self.quote_rows.get(actor_id, 0)

    def edge_events(self, a: int, b: int, since: str | None, until: str | None,
                    etype: str | None, offset: int, n: int) -> list[int]:
        """Ids of the non-negated events between ``a`` and ``b`` (either way), newest
        first: the rows behind one network edge."""
        lo = np.searchsorted(self.t_date, _ordinal(since) if since else -(2**62))
        hi = np.searchsorted(self.t_date, _ordinal(until) if until else 2**62, side="right")
        src, dst = self.t_src[lo:hi], self.t_dst[lo:hi]
        mask = ((src == a) & (dst == b)) | ((src == b) & (dst == a))
        if etype is not None:
            if etype not in self.types:
                return []
            mask &= self.t_type[lo:hi] == self.types.index(etype)
        return self._newest(self.t_event[lo:hi][mask], self.t_date[lo:hi][mask], offset, n)

    # --- one actor ---------------------------------------------------------------------

    def roles(self, actor_id: int, limit: int = 50) -> list[Row]:
        """The roles the actor held (as articles named them), with first and last date
        and number of articles, earliest first."""
        lo, hi = np.searchsorted(self.a_actor, [actor_id, actor_id + 1])
        role, date = self.a_role[lo:hi], self.a_date[lo:hi]
        keep = role >= 0
        role, date = role[keep], date[keep]
        out = []
        for code in np.unique(role).tolist():
            dates = date[role == code]
            dated = dates[dates >= 0]
            first = dt.date.fromordinal(int(dated.min())).isoformat() if len(dated) else None
            last = dt.date.fromordinal(int(dated.max())).isoformat() if len(dated) else None
            out.append({"role": self.role_names[code], "first": first, "last": last,
                        "articles": int(len(dates))})
        out.sort(key=lambda r: (r["first"] is not None, r["first"] or "", r["role"]))
        return out[:limit]

    def counts(self, actor_id: int) -> Row:
        """Articles naming the actor, events as actor and as recipient."""
        lo, hi = np.searchsorted(self.a_actor, [actor_id, actor_id + 1])
        rlo, rhi = np.searchsorted(self.r_actor, [actor_id, actor_id + 1])
        acting = int(self.r_is_actor[rlo:rhi].sum())
        return {"articles": int(hi - lo), "events_as_actor": acting,
                "events_as_recipient": int(rhi - rlo) - acting}

    def articles_of(self, actor_ids: list[int]) -> list[int]:
        """For each actor, the number of its ``article_actors`` rows (articles naming it)."""
        ids = np.asarray(actor_ids, np.int64)
        return (np.searchsorted(self.a_actor, ids, side="right")
                - np.searchsorted(self.a_actor, ids)).tolist()

    def timeline(self, actor_id: int, months: int = 120) -> list[Row]:
        """Monthly cooperation and conflict of the events the actor takes part in."""
        lo, hi = np.searchsorted(self.p_actor, [actor_id, actor_id + 1])
        if lo == hi:
            return []
        months_, scores = self.p_month[lo:hi], self.p_score[lo:hi]
        uniq, inv = np.unique(months_, return_inverse=True)
        coop = np.bincount(inv, weights=np.maximum(scores, 0))
        conflict = np.bincount(inv, weights=np.minimum(scores, 0))
        count = np.bincount(inv)
        rows = [{"month": f"{int(m) // 12:04d}-{int(m) % 12 + 1:02d}",
                 "coop": float(np.round(coop[i], 2)),
                 "conflict": float(np.round(conflict[i], 2)), "events": int(count[i])}
                for i, m in enumerate(uniq)]
        return rows[-months:]

    def counterparts(self, actor_id: int) -> list[Row]:
        """Every actor this one acted on or was acted on by: summed score, events."""
        def rows(by: np.ndarray, ids: np.ndarray) -> np.ndarray:
            lo, hi = np.searchsorted(ids, [actor_id, actor_id + 1])
            return by[lo:hi]  # in date order, as a mask over the triples would give

        out_rows = rows(self.t_by_src, self.t_src_sorted)
        in_rows = rows(self.t_by_dst, self.t_dst_sorted)
        other = np.concatenate([self.t_dst[out_rows], self.t_src[in_rows]])
        score = np.concatenate([self.t_score[out_rows], self.t_score[in_rows]])
        if not len(other):
            return []
        uniq, inv = np.unique(other, return_inverse=True)
        total = np.round(np.bincount(inv, weights=score), 2).tolist()
        count = np.bincount(inv).tolist()
        return [{"id": u, "score": t, "events": n}
                for u, t, n in zip(uniq.tolist(), total, count, strict=True)]


#: names listed per actor ("seen as")
NAMES = 20


def _mention_names(db: sqlite3.Connection, limit: int = NAMES) -> dict[int, list[str]]:
    """Per actor, the texts of its mentions, most frequent first (then by text), at most
    ``limit``: the actor page's "seen as", read once instead of grouping an actor's
    thousands of mentions on each first visit (the SQL reference is
    :func:`communique.web.actor_queries.mention_names`)."""
    found: dict[int, list[tuple[int, str]]] = {}
    for actor, text, n in db.execute(
            "SELECT actor_id, text, count(*) FROM mentions GROUP BY actor_id, text"):
        found.setdefault(actor, []).append((-n, text))
    return {a: [t for _, t in sorted(v)[:limit]] for a, v in found.items()}


class Aggregates:
    """The arrays of one store: loaded once (the first caller waits), then rebuilt in a
    background thread when the store has grown, checked at most every ``refresh``
    seconds; requests keep using the previous arrays until the new ones are ready, so
    an ingest running beside the server never stalls a page."""

    def __init__(self, connect: Callable[[], sqlite3.Connection],
                 marker: Callable[[sqlite3.Connection], tuple[Any, ...]],
                 refresh: float = 30.0) -> None:
        self.connect = connect
        self.marker = marker
        self.refresh = refresh
        self._arrays: EventArrays | None = None
        self._checked = 0.0
        self._reloading: threading.Thread | None = None
        self._lock = threading.Lock()

    def get(self, db: sqlite3.Connection) -> EventArrays:
        arrays = self._arrays
        if arrays is None:
            with self._lock:
                if self._arrays is None:
                    self._arrays = EventArrays.load(db, self.marker(db))
                    self._checked = time.monotonic()
                return self._arrays
        if time.monotonic() - self._checked >= self.refresh:
            with self._lock:
                if (time.monotonic() - self._checked >= self.refresh
                        and self._reloading is None):
                    self._checked = time.monotonic()
                    if self.marker(db) != arrays.marker:
                        self._reloading = threading.Thread(
                            target=self._reload, name="communique-reload", daemon=True)
                        self._reloading.start()
        return arrays

    def _reload(self) -> None:
        try:
            db = self.connect()
            self._arrays = EventArrays.load(db, self.marker(db))
        finally:
            self._reloading = None

    def wait(self) -> None:
        """Block until a background rebuild in progress (if any) is done."""
        thread = self._reloading
        if thread is not None:
            thread.join()
