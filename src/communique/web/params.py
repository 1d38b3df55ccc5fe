"""Request parameters shared by the routers: typed query values, the filter dataclasses
each list takes, and the read-only connection of the request's thread."""

import datetime as dt
import sqlite3
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import Depends, HTTPException, Query, Request
from fastapi import Path as PathParam

from ..store.read import EventFilter, QuoteFilter
from . import queries as Q

# --- parameters --------------------------------------------------------------------------

#: the largest SQLite integer: a larger id in a URL is a 400, not an OverflowError
MAX_ID = 2**63 - 1
RowId = Annotated[int, PathParam(ge=1, le=MAX_ID, description="A row id.")]
Named = Annotated[bool, Query(description="Proper-name actors only (no common-noun phrases).")]
Group = Annotated[Literal["actor", "country"], Query(
    description="One node per actor, or actors grouped by their country.")]
PageNo = Annotated[int, Query(ge=1, le=10000, description="1-based page number.")]
PerPage = Annotated[int, Query(ge=1, le=200, description="Rows per page (at most 200).")]
Since = Annotated[dt.date | None, Query(description="First date, inclusive (YYYY-MM-DD).")]
Until = Annotated[dt.date | None, Query(description="Last date, inclusive (YYYY-MM-DD).")]
EventType = Annotated[str | None, Query(
    pattern="^[A-Za-z]+$", description="PLOVER event type, e.g. ACCUSE.")]
Country = Annotated[str | None, Query(
    pattern="^[A-Za-z]{3}$", description="ISO 3166-1 alpha-3 code, or IGO.")]


def bad(message: str) -> HTTPException:
    return HTTPException(status_code=400, detail=message)


def etype(value: str | None) -> str | None:
    if value is None:
        return None
    if value.upper() not in Q.EVENT_TYPES:
        raise bad(f"type: {value!r} is not a PLOVER event type "
                   f"({', '.join(Q.EVENT_TYPES)})")
    return value.upper()


def period_ok(since: dt.date | None, until: dt.date | None) -> None:
    if since and until and since > until:
        raise bad(f"since ({since}) is after until ({until})")


@dataclass(frozen=True, slots=True)
class EventFilters(EventFilter):
    """The store's :class:`~communique.store.read.EventFilter` (the one the CLI's
    ``events`` builds) plus the table's sort column and direction."""

    sort: str = "date"
    order: str = "desc"


def event_filters(since: Since = None, until: Until = None, type: EventType = None,
                  actor: Annotated[int | None, Query(ge=1, le=MAX_ID, description=(
                      "Actor id (either side of the event)."))] = None,
                  country: Country = None,
                  actor_country: Annotated[str | None, Query(
                      pattern="^[A-Za-z]{3}$", description=(
                          "Country of the first actor (ISO alpha-3 or IGO)."))] = None,
                  recipient_country: Annotated[str | None, Query(
                      pattern="^[A-Za-z]{3}$", description=(
                          "Country of the first recipient (ISO alpha-3 or IGO)."))] = None,
                  quad: Annotated[int | None, Query(ge=0, le=4, description="Quad class: 1 "
                                                    "verbal coop .. 4 material conflict.")]
                  = None,
                  mode: Annotated[str | None, Query(max_length=40, pattern="^[a-z_]*$",
                                                    description=(
                      "Event mode, e.g. disapprove; none for events without one."))] = None,
                  sort: Literal["date", "score", "type", "actor", "recipient"] = "date",
                  order: Literal["asc", "desc"] = "desc") -> EventFilters:
    period_ok(since, until)
    return EventFilters(since=since, until=until, type=etype(type), actor=actor,
                        country=country.upper() if country else None, quad=quad,
                        mode=mode or None, sort=sort, order=order,
                        actor_country=actor_country.upper() if actor_country else None,
                        recipient_country=(recipient_country.upper() if recipient_country
                                           else None))


#: the quotes list's filter: the store's (the CLI's ``quotes`` builds the same), ``q``
#: its ``search``
QuoteFilters = QuoteFilter


def quote_filters(q: Annotated[str | None, Query(max_length=200, description=(
                      "Full-text search: plain words are ANDed; FTS5 syntax such as "
                      "\"exact phrase\" or OR is passed through."))] = None,
                  speaker: Annotated[str | None, Query(max_length=100, description=(
                      "Part of a speaker's canonical name."))] = None,
                  speaker_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
                  since: Since = None, until: Until = None,
                  kind: Literal["direct", "mixed", "indirect"] | None = None) -> QuoteFilters:
    period_ok(since, until)
    return QuoteFilter(search=q, speaker=speaker, speaker_id=speaker_id, since=since,
                       until=until, kind=kind)


@dataclass(frozen=True, slots=True)
class ArticleFilters:
    q: str | None
    source: str | None
    story: int | None
    since: dt.date | None
    until: dt.date | None


def article_filters(q: Annotated[str | None, Query(max_length=200, description=(
                        "Full-text search of titles and text, as for quotes."))] = None,
                    source: Annotated[str | None, Query(max_length=200, description=(
                        "Exact source name, e.g. a wire."))] = None,
                    story: Annotated[int | None, Query(ge=1, le=MAX_ID, description=(
                        "Story id: the copies of one wire story."))] = None,
                    since: Since = None, until: Until = None) -> ArticleFilters:
    period_ok(since, until)
    return ArticleFilters(q, source, story, since, until)


@dataclass(frozen=True, slots=True)
class NetworkFilters:
    since: dt.date | None
    until: dt.date | None
    type: str | None
    country: str | None


def network_filters(since: Since = None, until: Until = None, type: EventType = None,
                    country: Country = None) -> NetworkFilters:
    period_ok(since, until)
    return NetworkFilters(since, until, etype(type), country.upper() if country else None)


def web_url(url: str | None) -> str | None:
    """A stored URL fit for a link: http(s) only (escaping does not stop ``javascript:``)."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def marker(db: sqlite3.Connection) -> tuple[Any, ...]:
    """Changes whenever an ingest adds to the store: the key that invalidates caches."""
    return tuple(db.execute("SELECT max(id), (SELECT max(id) FROM events) "
                            "FROM articles").fetchone())


def get_db(request: Request) -> sqlite3.Connection:
    """This thread's read-only connection to the app's store."""
    return request.app.state.store.connect()


Db = Annotated[sqlite3.Connection, Depends(get_db)]
ActorQ = Annotated[str | None, Query(max_length=100, description="Part of the name.")]
Role = Annotated[Literal["actor", "recipient"], Query(
    description="List the events where the actor acts, or is acted upon.")]
EdgeLimit = Annotated[int, Query(ge=1, le=1000, description="Strongest edges kept.")]
HtmlPage = Annotated[int, Query(alias="page", ge=1, le=10000)]
FilePage = Annotated[int, Query(ge=1, le=10000, description=(
    "Rows per file (at most 10,000; use page for more)."))]
Raw = Annotated[bool, Query(description=(
    "Cells as stored: no apostrophe before a leading = + - @ tab or CR (which "
    "spreadsheets would run as a formula)."))]


def arrays(request: Request, db: sqlite3.Connection) -> Any:
    """The store's in-memory event arrays (loaded once, reloaded when the store grows)."""
    return request.app.state.aggregates.get(db)


def cached(request: Request, db: sqlite3.Connection, key: tuple[Any, ...],
           compute: Any) -> Any:
    """``compute()`` kept in the app's cache under ``key`` until the store grows."""
    cache: dict[tuple[Any, ...], tuple[Any, Any]] = request.app.state.cache
    mark = marker(db)
    hit = cache.get(key)
    if hit is not None and hit[0] == mark:
        return hit[1]
    value = compute()
    if len(cache) >= 256:
        cache.pop(next(iter(cache)), None)
    cache[key] = (mark, value)
    return value
