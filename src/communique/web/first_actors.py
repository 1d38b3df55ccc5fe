"""Each event's first actor and first recipient (id, name and country as the article
holds them), in memory for the events list and its downloads.

A 1000-row events download spent about half of its SQL on these: per row an
``event_actors`` and an ``article_actors`` lookup for either side (two b-tree seeks
each, about 5 ms of the 10). The facet arrays already read them from ``events_flat``
(the one definition of an event's first actor and recipient) when they load; kept
here by event id, a page's are one binary search and a few list lookups."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

#: the columns of :data:`communique.web.queries._EVENT_COLUMNS` filled from here
COLUMNS = ("actor_id", "actor_name", "actor_country",
           "recipient_id", "recipient_name", "recipient_country")


def _codes(values: list[Any]) -> tuple[list[Any], np.ndarray]:
    """The distinct values and each value's code into them (-1 for None)."""
    names = sorted({v for v in values if v is not None})
    code = {v: i for i, v in enumerate(names)}
    return names, np.fromiter((code.get(v, -1) if v is not None else -1 for v in values),
                              np.int32, len(values))


@dataclass(slots=True)
class FirstActors:
    """Per event, sorted by event id: the first actor's and recipient's ids (-1 none),
    and codes into ``names`` and ``countries`` (-1 none)."""

    event: np.ndarray
    ids: np.ndarray  # shape (2, n): actor, recipient
    name: np.ndarray  # shape (2, n)
    country: np.ndarray  # shape (2, n)
    names: list[str]
    countries: list[str]

    @classmethod
    def build(cls, event: list[int], actor: list[int | None], actor_name: list[str | None],
              actor_country: list[str | None], recipient: list[int | None],
              recipient_name: list[str | None],
              recipient_country: list[str | None]) -> FirstActors:
        n = len(event)
        order = np.argsort(np.fromiter(event, np.int64, n), kind="stable")
        names, name = _codes(actor_name + recipient_name)
        countries, country = _codes(actor_country + recipient_country)
        ids = np.array([[-1 if v is None else v for v in actor],
                        [-1 if v is None else v for v in recipient]],
                       np.int64).reshape(2, n)
        return cls(np.fromiter(event, np.int64, n)[order], ids[:, order],
                   name.reshape(2, n)[:, order], country.reshape(2, n)[:, order],
                   names, countries)

    def lookup(self, events: Sequence[int]) -> list[list[Any]] | None:
        """The six :data:`COLUMNS` of each of ``events`` (column-wise), or None if one
        is not held (an event stored after the arrays loaded)."""
        want = np.asarray(events, np.int64)
        pos = np.searchsorted(self.event, want)
        if len(want) and (pos.max() >= len(self.event)
                          or not np.array_equal(self.event[pos], want)):
            return None
        out: list[list[Any]] = []
        for side in (0, 1):
            out.append([None if v < 0 else v for v in self.ids[side, pos].tolist()])
            out.append([None if c < 0 else self.names[c]
                        for c in self.name[side, pos].tolist()])
            out.append([None if c < 0 else self.countries[c]
                        for c in self.country[side, pos].tolist()])
        return out
