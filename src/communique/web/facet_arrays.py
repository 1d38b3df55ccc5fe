"""Facet counts of the events list from in-memory arrays, loaded with the aggregates.

Counting a month of a 100,000-article store in SQL reads about 33,000 events and their
actor rows (0.2-0.7 s a request, seconds under load). Per event the facets need only a
date, a type, a mode, three flags and the countries of the first actor and first
recipient, and per (actor, event) one row: a few NumPy arrays sorted by date, so a
period is a slice and every facet one ``bincount``. The counts are those of
:func:`communique.web.facets.event_facets` in SQL (the tests hold the two together):
``actor`` either side of an event, ``country`` of its first actor or first recipient,
``actor_country`` / ``recipient_country`` of the first actor / first recipient alone.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from ..store.read import NO_MODE
from .first_actors import FirstActors

Row = dict[str, Any]

class EventFilterLike(Protocol):
    since: Any
    until: Any
    type: str | None
    actor: int | None
    country: str | None
    quad: int | None
    mode: str | None
    actor_country: str | None
    recipient_country: str | None


def _codes(values: list[Any]) -> tuple[list[Any], dict[Any, int]]:
    names = sorted({v for v in values if v is not None}, key=str)
    return names, {v: i for i, v in enumerate(names)}


@dataclass(slots=True)
class FacetArrays:
    """Per event (sorted by date, undated first) and per (actor, event) participation."""

    date: np.ndarray  # date ordinal, -1 undated
    type: np.ndarray  # code into types
    mode: np.ndarray  # code into modes ('' for none)
    quad: np.ndarray
    negated: np.ndarray
    hypothetical: np.ndarray
    future: np.ndarray
    country1: np.ndarray  # code into countries of the first actor, -1 none
    country2: np.ndarray  # likewise of the first recipient
    types: list[str]
    modes: list[str]
    countries: list[str]
    p_event: np.ndarray  # index into the event arrays
    p_actor: np.ndarray  # actor id (one row per distinct actor of an event)
    quad_dates: list[np.ndarray]  # per quad class 0-4, its dated events' dates, sorted
    first: FirstActors | None = None  # each event's first actor and recipient, by id
    ids: np.ndarray | None = None  # event id, in the order of the event arrays

    @classmethod
    def load(cls, db: sqlite3.Connection, art_date: dict[int, int]) -> FacetArrays:
        # the flat view is the one definition of an event's first actor and recipient
        ev = db.execute("SELECT event_id, article_id, type, coalesce(mode, ''), negated, "
                        "hypothetical, future, actor1_country, actor2_country, quad_class, "
                        "actor1_id, actor1_name, actor2_id, actor2_name "
                        "FROM events_flat").fetchall()
        n = len(ev)
        types, tcode = _codes([r[2] for r in ev])
        modes, mcode = _codes([r[3] for r in ev])
        countries, ccode = _codes([r[7] for r in ev] + [r[8] for r in ev])
        ids = np.fromiter((r[0] for r in ev), np.int64, n)
        date = np.fromiter((art_date.get(r[1], -1) for r in ev), np.int64, n)
        cols = [np.fromiter((tcode[r[2]] for r in ev), np.int32, n),
                np.fromiter((mcode[r[3]] for r in ev), np.int32, n),
                np.fromiter((r[9] or 0 for r in ev), np.int32, n),
                np.fromiter((bool(r[4]) for r in ev), np.bool_, n),
                np.fromiter((bool(r[5]) for r in ev), np.bool_, n),
                np.fromiter((bool(r[6]) for r in ev), np.bool_, n),
                np.fromiter((ccode.get(r[7], -1) for r in ev), np.int32, n),
                np.fromiter((ccode.get(r[8], -1) for r in ev), np.int32, n)]
        first = FirstActors.build(
            [r[0] for r in ev], [r[10] for r in ev], [r[11] for r in ev],
            [r[7] for r in ev], [r[12] for r in ev], [r[13] for r in ev],
            [r[8] for r in ev])
        del ev
        order = np.lexsort((ids, date))
        ids, date = ids[order], date[order]
        cols = [c[order] for c in cols]
        part = np.array(db.execute("SELECT DISTINCT event_id, actor_id FROM event_actors")
                        .fetchall(), dtype=np.int64).reshape(-1, 2)
        pos, found = _positions(ids, part[:, 0])
        quad = np.clip(cols[2], 0, 4)
        by_quad = [date[(quad == q) & (date >= 0)] for q in range(5)]  # stays sorted
        return cls(date, *cols, types, modes, countries, pos[found], part[found, 1],
                   by_quad, first, ids)

    def _mask(self, f: EventFilterLike) -> np.ndarray:
        mask = _period(self.date, f.since, f.until)
        if f.type:
            mask &= self.type == (self.types.index(f.type) if f.type in self.types else -2)
        if f.quad is not None:
            mask &= self.quad == f.quad
        if f.mode:  # modes hold '' for none (the filter's "none")
            mode = "" if f.mode == NO_MODE else f.mode
            mask &= self.mode == (self.modes.index(mode) if mode in self.modes else -2)
        mask &= self._sides(f)
        if f.actor is not None:
            mine = np.zeros(len(self.date), np.bool_)
            mine[self.p_event[self.p_actor == f.actor]] = True
            mask &= mine
        return mask

    def side_ids(self, f: EventFilterLike, cap: int) -> list[int] | None:
        """The ids of the events whose first actor or recipient has the filter's country
        (``country``, ``actor_country``, ``recipient_country``) in its period widened by
        a day each side: a superset of the list's matches, for the list to look up
        instead of walking the date index past every event of other countries. None
        when there is no side filter or more than ``cap`` events qualify (a common
        country: the walk fills a page soon)."""
        if self.ids is None or not (f.country or getattr(f, "actor_country", None)
                                    or getattr(f, "recipient_country", None)):
            return None
        day = dt.timedelta(days=1)
        since = f.since - day if f.since and f.since > dt.date.min + day else None
        until = f.until + day if f.until and f.until < dt.date.max - day else None
        hits = np.flatnonzero(_period(self.date, since, until) & self._sides(f))
        return None if len(hits) > cap else self.ids[hits].tolist()

    def _sides(self, f: EventFilterLike) -> np.ndarray:
        """Which events the filter's country, actor country and recipient country keep."""
        def code(country: str) -> int:
            return self.countries.index(country) if country in self.countries else -2

        mask = np.ones(len(self.date), np.bool_)
        if f.country:
            mask &= (self.country1 == code(f.country)) | (self.country2 == code(f.country))
        for value, side in ((getattr(f, "actor_country", None), self.country1),
                            (getattr(f, "recipient_country", None), self.country2)):
            if value:
                mask &= side == code(value)
        return mask

    def span(self, since: str | None, until: str | None) -> tuple[int, int] | None:
        """Date ordinals of the first and last dated event between ``since`` and
        ``until`` (ISO dates, inclusive), or None if there is none."""
        lo = np.searchsorted(self.date, max(_iso_ordinal(since), 0))
        hi = np.searchsorted(self.date, _iso_ordinal(until) if until else 2**62,
                             side="right")
        return (int(self.date[lo]), int(self.date[hi - 1])) if hi > lo else None

    def quad_counts(self, edges: np.ndarray) -> np.ndarray:
        """Dated events (negated too) per bucket and quad class: ``edges`` are the
        buckets' first days and, last, the day after the last bucket (date ordinals,
        ascending); row ``i`` counts days ``edges[i] <= d < edges[i + 1]``. A few binary
        searches per quad over its sorted dates, whatever the period's length."""
        return np.stack([np.diff(np.searchsorted(d, edges)) for d in self.quad_dates],
                        axis=1) if len(edges) > 1 else np.zeros((0, 5), np.int64)

    def counts(self, f: EventFilterLike, top: int) -> tuple[Row, list[tuple[int, int]]]:
        """The facets of ``f`` but the actors' names: ``(facets, [(actor id, count)])``
        with the actors ranked by count (ties at the cut kept, for the caller to order)."""
        mask = self._mask(f)

        def tally(codes: np.ndarray, names: list[Any], size: int) -> list[tuple[Any, int]]:
            counts = np.bincount(codes[mask], minlength=size)
            return [(names[i], int(c)) for i, c in enumerate(counts.tolist()) if c]

        c1, c2 = self.country1[mask], self.country2[mask]
        size = len(self.countries) + 1
        per_country = (np.bincount(c1[c1 >= 0], minlength=size)
                       + np.bincount(c2[(c2 >= 0) & (c2 != c1)], minlength=size))
        facets = {
            "total": int(mask.sum()),
            "flags": {k: int(getattr(self, k)[mask].sum())
                      for k in ("negated", "hypothetical", "future")},
            "type": tally(self.type, self.types, len(self.types)),
            "mode": tally(self.mode, self.modes, len(self.modes)),
            "quad": tally(self.quad, list(range(5)), 5),
            "country": [(self.countries[i], int(c))
                        for i, c in enumerate(per_country.tolist()) if c and i < size - 1],
            "actor_country": _named(c1, self.countries),
            "recipient_country": _named(c2, self.countries),
        }
        return facets, _top(self.p_actor[mask[self.p_event]] if len(self.p_actor) else
                            np.zeros(0, np.int64), top)


class QuoteFilterLike(Protocol):
    since: Any
    until: Any
    kind: str | None
    speaker_id: int | None


@dataclass(slots=True)
class QuoteFacetArrays:
    """Per quote (sorted by date, undated first): id, date, kind; per (speaker, quote)
    one row. The quotes list's facets: kinds and the busiest speakers."""

    id: np.ndarray
    date: np.ndarray
    kind: np.ndarray
    kinds: list[str]
    p_quote: np.ndarray  # index into the quote arrays
    p_actor: np.ndarray

    @classmethod
    def load(cls, db: sqlite3.Connection, art_date: dict[int, int]) -> QuoteFacetArrays:
        qs = db.execute("SELECT id, article_id, kind FROM quotes").fetchall()
        n = len(qs)
        kinds, kcode = _codes([r[2] for r in qs])
        ids = np.fromiter((r[0] for r in qs), np.int64, n)
        date = np.fromiter((art_date.get(r[1], -1) for r in qs), np.int64, n)
        kind = np.fromiter((kcode[r[2]] for r in qs), np.int32, n)
        del qs
        order = np.lexsort((ids, date))
        ids, date, kind = ids[order], date[order], kind[order]
        part = np.array(db.execute("SELECT DISTINCT quote_id, actor_id FROM quote_speakers")
                        .fetchall(), dtype=np.int64).reshape(-1, 2)
        pos, found = _positions(ids, part[:, 0])
        return cls(ids, date, kind, kinds, pos[found], part[found, 1])

    def counts(self, f: QuoteFilterLike, top: int, *, speakers: np.ndarray | None = None,
               quotes: np.ndarray | None = None) -> tuple[int, list[tuple[str, int]],
                                                          list[tuple[int, int]]]:
        """Total, kinds and the ranked ``(speaker id, count)`` of the quotes matching
        ``f`` and, when given, having one of ``speakers`` and being one of ``quotes``
        (ids: a name's actors, a search's matches)."""
        mask = _period(self.date, f.since, f.until)
        if f.kind:
            mask &= self.kind == (self.kinds.index(f.kind) if f.kind in self.kinds else -2)
        for wanted in ([f.speaker_id] if f.speaker_id is not None else None, speakers):
            if wanted is not None:
                mine = np.zeros(len(self.id), np.bool_)
                mine[self.p_quote[np.isin(self.p_actor, np.asarray(wanted, np.int64))]] = True
                mask &= mine
        if quotes is not None:
            pos, found = _positions(self.id, np.asarray(quotes, np.int64))
            hits = np.zeros(len(self.id), np.bool_)
            hits[pos[found]] = True
            mask &= hits
        kinds = np.bincount(self.kind[mask], minlength=len(self.kinds))
        return (int(mask.sum()), [(self.kinds[i], int(c)) for i, c in
                                  enumerate(kinds.tolist()) if c],
                _top(self.p_actor[mask[self.p_quote]] if len(self.p_actor) else
                     np.zeros(0, np.int64), top))


def _named(codes: np.ndarray, names: list[str]) -> list[tuple[str, int]]:
    """``(name, count)`` of the codes into ``names`` (-1, none, left out)."""
    counts = np.bincount(codes[codes >= 0], minlength=len(names))
    return [(names[i], int(c)) for i, c in enumerate(counts.tolist()) if c]


def _iso_ordinal(day: str | None) -> int:
    import datetime as dt

    return dt.date.fromisoformat(day[:10]).toordinal() if day else -1


def _positions(sorted_ids: np.ndarray, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Indices of ``wanted`` ids in ``sorted_ids`` (any order) and which were found."""
    if not len(sorted_ids):
        return np.zeros(len(wanted), np.int64), np.zeros(len(wanted), np.bool_)
    by_id = np.argsort(sorted_ids)
    at = np.minimum(np.searchsorted(sorted_ids, wanted, sorter=by_id), len(sorted_ids) - 1)
    pos = by_id[at]
    return pos, sorted_ids[pos] == wanted


def _period(date: np.ndarray, since: Any, until: Any) -> np.ndarray:
    lo = np.searchsorted(date, since.toordinal()) if since else 0
    hi = np.searchsorted(date, until.toordinal(), side="right") if until else len(date)
    mask = np.zeros(len(date), np.bool_)
    mask[lo:hi] = True
    if since:  # an undated row is in no period
        mask &= date >= 0
    return mask


def _top(actors: np.ndarray, top: int) -> list[tuple[int, int]]:
    """``(actor id, rows)`` most first, cut to ``top`` with the ties at the cut kept."""
    counts = np.bincount(actors) if len(actors) else np.zeros(0, np.int64)
    ids = np.flatnonzero(counts)
    ranked = ids[np.argsort(-counts[ids], kind="stable")]
    if len(ranked) > top:
        ranked = ranked[counts[ranked] >= counts[ranked[top - 1]]]
    return [(int(a), int(counts[a])) for a in ranked.tolist()]
