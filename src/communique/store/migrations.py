"""Schema migrations: ordered functions, each applied once and recorded in ``_migrations``.

A new schema change is a new function appended to ``MIGRATIONS``; existing ones are never
edited, so any database, empty or years old, is brought to the current schema by running
the ones it has not recorded. Each migration runs in its own transaction with its record,
so an interrupted upgrade leaves the database at the previous version, never in between.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable

from ..events import plover

Migration = Callable[[sqlite3.Connection], None]

#: PLOVER event types with their quad class (the 5-class CAMEO comparison scheme), from
#: the one PLOVER type table (``events/data/plover_types.csv``)
PLOVER_QUADS = plover.QUAD
QUAD_NAMES = plover.QUAD_NAMES


def m001_core(db: sqlite3.Connection) -> None:
    """Articles, canonical actors, mentions, quotes, events, failures and runs."""
    db.executescript("""
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        hash TEXT NOT NULL UNIQUE,          -- sha256 of the normalized text: the store's key
        record_id TEXT,                     -- article.id in the analysis record
        text TEXT NOT NULL,
        title TEXT, url TEXT, source TEXT, published TEXT, language TEXT,
        story_id INTEGER NOT NULL,          -- id of the first article of its story
        file TEXT, position INTEGER,        -- where it was read
        record TEXT NOT NULL,               -- the analysis record as JSON, article text left out
        ingested TEXT NOT NULL
    );
    CREATE INDEX articles_story ON articles(story_id);
    CREATE INDEX articles_published ON articles(published);

    CREATE TABLE actors (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,           -- wikidata/kb id, else normalized name|country|kind
        name TEXT NOT NULL, kind TEXT, country TEXT, organization TEXT, sector TEXT,
        wikidata TEXT
    );
    CREATE INDEX actors_name ON actors(name COLLATE NOCASE);

    -- an actor as it appears in one article (role, country and sector at that date)
    CREATE TABLE article_actors (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        local_id TEXT NOT NULL,
        actor_id INTEGER NOT NULL REFERENCES actors(id),
        name TEXT NOT NULL, kind TEXT, country TEXT, organization TEXT, sector TEXT, role TEXT,
        PRIMARY KEY (article_id, local_id)
    );
    CREATE INDEX article_actors_actor ON article_actors(actor_id);

    CREATE TABLE mentions (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        actor_id INTEGER NOT NULL REFERENCES actors(id),
        local_id TEXT NOT NULL,
        start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL
    );
    CREATE INDEX mentions_article ON mentions(article_id);
    CREATE INDEX mentions_actor ON mentions(actor_id);

    CREATE TABLE quotes (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        local_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        content TEXT NOT NULL, content_start INTEGER NOT NULL, content_end INTEGER NOT NULL,
        cue TEXT, cue_start INTEGER, cue_end INTEGER,
        speaker_text TEXT, speaker_start INTEGER, speaker_end INTEGER,
        UNIQUE (article_id, local_id)
    );
    CREATE TABLE quote_speakers (
        quote_id INTEGER NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
        actor_id INTEGER NOT NULL REFERENCES actors(id),
        local_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (quote_id, position)
    );
    CREATE INDEX quote_speakers_actor ON quote_speakers(actor_id);

    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        local_id TEXT NOT NULL,
        type TEXT NOT NULL, mode TEXT, contexts TEXT NOT NULL DEFAULT '[]',
        trigger TEXT, trigger_start INTEGER, trigger_end INTEGER,
        sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL,
        negated INTEGER NOT NULL DEFAULT 0, hypothetical INTEGER NOT NULL DEFAULT 0,
        future INTEGER NOT NULL DEFAULT 0,
        quote_local_id TEXT, score REAL,
        UNIQUE (article_id, local_id)
    );
    CREATE INDEX events_type ON events(type);
    CREATE TABLE event_actors (
        event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('actor', 'recipient')),
        position INTEGER NOT NULL,
        actor_id INTEGER NOT NULL REFERENCES actors(id),
        local_id TEXT NOT NULL,
        PRIMARY KEY (event_id, role, position)
    );
    CREATE INDEX event_actors_actor ON event_actors(actor_id, role);

    CREATE TABLE failures (
        id INTEGER PRIMARY KEY,
        file TEXT NOT NULL,
        position INTEGER NOT NULL DEFAULT 0,  -- line/entry/record number; 0: the whole file
        reason TEXT NOT NULL,
        stage TEXT NOT NULL,                  -- read | analyze
        time TEXT NOT NULL,
        UNIQUE (file, position)
    );

    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        started TEXT NOT NULL, finished TEXT,
        paths TEXT, workers INTEGER,
        stored INTEGER NOT NULL DEFAULT 0, skipped INTEGER NOT NULL DEFAULT 0,
        failed INTEGER NOT NULL DEFAULT 0
    );
    """)


def m002_search(db: sqlite3.Connection) -> None:
    """Full-text search over article text and titles, and over quote content."""
    db.executescript("""
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content='articles', content_rowid='id');
    CREATE VIRTUAL TABLE quotes_fts USING fts5(
        content, content='quotes', content_rowid='id');
    """)


def m003_dedup(db: sqlite3.Connection) -> None:
    """MinHash signatures and LSH buckets for linking wire copies to one story."""
    db.executescript("""
    CREATE TABLE minhash (
        article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        signature BLOB NOT NULL
    );
    CREATE TABLE lsh (
        band INTEGER NOT NULL,
        bucket INTEGER NOT NULL,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE
    );
    CREATE INDEX lsh_bucket ON lsh(band, bucket);
    CREATE INDEX lsh_article ON lsh(article_id);
    """)


def m004_views(db: sqlite3.Connection) -> None:
    """PLOVER quad classes, the GDELT-like ``events_flat`` view and per-story counts."""
    db.execute("CREATE TABLE plover_types (type TEXT PRIMARY KEY, quad INTEGER NOT NULL, "
               "quad_name TEXT NOT NULL)")
    db.executemany("INSERT INTO plover_types VALUES (?, ?, ?)",
                   [(t, q, QUAD_NAMES[q]) for t, q in PLOVER_QUADS.items()])
    db.executescript("""
    CREATE VIEW events_flat AS
    SELECT e.id AS event_id, a.published AS date,
           x1.name AS actor1_name, x1.country AS actor1_country, x1.sector AS actor1_sector,
           x2.name AS actor2_name, x2.country AS actor2_country, x2.sector AS actor2_sector,
           e.type, e.mode, e.score, coalesce(p.quad, 0) AS quad_class, p.quad_name,
           e.contexts, e.negated, e.hypothetical, e.future, e.trigger,
           substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence,
           a.id AS article_id, a.story_id, a.source, a.url, a.title,
           ea1.actor_id AS actor1_id, ea2.actor_id AS actor2_id
    FROM events e
    JOIN articles a ON a.id = e.article_id
    LEFT JOIN event_actors ea1 ON ea1.event_id = e.id AND ea1.role = 'actor'
                              AND ea1.position = 0
    LEFT JOIN article_actors x1 ON x1.article_id = e.article_id
                               AND x1.local_id = ea1.local_id
    LEFT JOIN event_actors ea2 ON ea2.event_id = e.id AND ea2.role = 'recipient'
                              AND ea2.position = 0
    LEFT JOIN article_actors x2 ON x2.article_id = e.article_id
                               AND x2.local_id = ea2.local_id
    LEFT JOIN plover_types p ON p.type = e.type;

    -- one row per distinct event of a story, however many wire copies report it
    CREATE VIEW story_events AS
    SELECT story_id, type, actor1_id, actor2_id,
           min(date) AS date, count(DISTINCT article_id) AS copies, min(event_id) AS event_id
    FROM events_flat
    GROUP BY story_id, type, actor1_id, actor2_id;

    CREATE VIEW stories AS
    SELECT story_id, count(*) AS copies, min(published) AS first_published,
           (SELECT title FROM articles t WHERE t.id = a.story_id) AS title
    FROM articles a GROUP BY story_id;
    """)


def m005_article_dates(db: sqlite3.Connection) -> None:
    """A covering index from article id to date: the web pages join events and quotes to
    their article's date, and ``published`` sits after the text in each row, so reading it
    from the table walks the text's overflow pages (10x slower on a large store)."""
    db.execute("CREATE INDEX articles_id_published ON articles(id, published)")


def m006_counted_events(db: sqlite3.Connection) -> None:
    """Per-story counts leave negated events out: "did not attack" is kept and flagged in
    the record but is never an event in an aggregate."""
    db.executescript("""
    DROP VIEW story_events;
    CREATE VIEW story_events AS
    SELECT story_id, type, actor1_id, actor2_id,
           min(date) AS date, count(DISTINCT article_id) AS copies, min(event_id) AS event_id
    FROM events_flat
    WHERE negated = 0
    GROUP BY story_id, type, actor1_id, actor2_id;
    """)


def m007_event_scores(db: sqlite3.Connection) -> None:
    """Events in score order, overall and within a type: the events table sorted by score
    reads the first page from an index instead of sorting every event (2 s at 100,000
    articles). (type, score) serves type lookups too, so it replaces the type index."""
    db.executescript("""
    CREATE INDEX events_score ON events(score);
    CREATE INDEX events_type_score ON events(type, score);
    DROP INDEX events_type;
    """)


def m008_watch(db: sqlite3.Connection) -> None:
    """State of ``communique watch``: per source its HTTP validators and health, per item
    URL when it was first seen and where it stands. An item waiting for analysis keeps
    its extracted article (``fetched``), so a killed watch never fetches it again.
    Indexes on the articles' URL and origin make the URL dedupe one lookup."""
    db.executescript("""
    CREATE TABLE watch_sources (
        url TEXT PRIMARY KEY,
        kind TEXT,                            -- feed | sitemap | index | unknown
        parent TEXT,                          -- the sitemap index that listed it
        etag TEXT, last_modified TEXT,
        last_poll TEXT, last_success TEXT, last_status INTEGER,
        errors INTEGER NOT NULL DEFAULT 0,    -- consecutive failed polls
        total_errors INTEGER NOT NULL DEFAULT 0,
        last_error TEXT
    );
    CREATE TABLE watch_items (
        url TEXT PRIMARY KEY,                 -- canonical URL of the listed item
        source TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        status TEXT NOT NULL,                 -- pending | fetched | stored | duplicate | failed
        attempts INTEGER NOT NULL DEFAULT 0,
        last_attempt TEXT,
        reason TEXT,
        title TEXT, published TEXT, author TEXT,
        page_url TEXT,                        -- canonical URL of the fetched page
        article_id INTEGER,
        fetched TEXT                          -- extracted article (JSON) awaiting analysis
    );
    CREATE INDEX watch_items_source ON watch_items(source, status);
    CREATE INDEX watch_items_status ON watch_items(status);
    CREATE INDEX watch_items_page ON watch_items(page_url);
    CREATE INDEX articles_url ON articles(url);
    CREATE INDEX articles_file ON articles(file);
    """)


def m009_plover_types(db: sqlite3.Connection) -> None:
    """The store's PLOVER types from the one type table: m004 stored SANCTION as material
    conflict (quad 4) while the lexicon and the PLOVER manual's quad table have it verbal
    conflict (3). Every type's quad and quad name are rewritten from the table, which
    corrects the quad class of stored SANCTION events in ``events_flat`` (and the exports,
    web filters and counts read through it), and each type gets its base score. Events get
    ``main``, the sentence's main event, shown in ``events_flat`` and ``story_events``."""
    db.execute("ALTER TABLE plover_types ADD COLUMN score REAL")
    db.executemany(
        "INSERT INTO plover_types (type, quad, quad_name, score) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(type) DO UPDATE SET quad = excluded.quad, "
        "quad_name = excluded.quad_name, score = excluded.score",
        [(t, q, plover.QUAD_NAMES[q], plover.BASE_SCORE[t]) for t, q in plover.QUAD.items()])
    # the sentence's main event (records before this have none: 0), in the flat view and
    # the per-story counts, which tell the news of a sentence from events in passing
    db.executescript("""
    ALTER TABLE events ADD COLUMN main INTEGER NOT NULL DEFAULT 0;
    DROP VIEW story_events;
    DROP VIEW events_flat;
    CREATE VIEW events_flat AS
    SELECT e.id AS event_id, a.published AS date,
           x1.name AS actor1_name, x1.country AS actor1_country, x1.sector AS actor1_sector,
           x2.name AS actor2_name, x2.country AS actor2_country, x2.sector AS actor2_sector,
           e.type, e.mode, e.score, coalesce(p.quad, 0) AS quad_class, p.quad_name,
           e.contexts, e.negated, e.hypothetical, e.future, e.main, e.trigger,
           substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence,
           a.id AS article_id, a.story_id, a.source, a.url, a.title,
           ea1.actor_id AS actor1_id, ea2.actor_id AS actor2_id
    FROM events e
    JOIN articles a ON a.id = e.article_id
    LEFT JOIN event_actors ea1 ON ea1.event_id = e.id AND ea1.role = 'actor'
                              AND ea1.position = 0
    LEFT JOIN article_actors x1 ON x1.article_id = e.article_id
                               AND x1.local_id = ea1.local_id
    LEFT JOIN event_actors ea2 ON ea2.event_id = e.id AND ea2.role = 'recipient'
                              AND ea2.position = 0
    LEFT JOIN article_actors x2 ON x2.article_id = e.article_id
                               AND x2.local_id = ea2.local_id
    LEFT JOIN plover_types p ON p.type = e.type;
    -- main: 1 when some copy reports the event as its sentence's news
    CREATE VIEW story_events AS
    SELECT story_id, type, actor1_id, actor2_id,
           min(date) AS date, count(DISTINCT article_id) AS copies, min(event_id) AS event_id,
           max(main) AS main
    FROM events_flat
    WHERE negated = 0
    GROUP BY story_id, type, actor1_id, actor2_id;
    """)


def m010_actor_keys(db: sqlite3.Connection) -> None:
    """One canonical key per real-world actor: the knowledge-base id where the knowledge
    base knows the actor (``kb:person:...``, ``kb:org:...``, ``kb:country:...``), else the
    normalised name with country and kind. Existing actors get their new key; actors that
    now share one are merged into the first (their mentions, quotes and events follow),
    and a ``named`` flag tells proper-name actors from common-noun phrases."""
    from ..actors.keys import is_named
    from .rows import actor_key

    db.execute("ALTER TABLE actors ADD COLUMN named INTEGER NOT NULL DEFAULT 1")
    keep: dict[str, int] = {}
    final: dict[int, str] = {}
    dup: dict[int, int] = {}
    cols = "id, name, kind, country, organization, sector, wikidata"
    for row in db.execute(f"SELECT {cols} FROM actors ORDER BY id").fetchall():
        rec = dict(zip(cols.split(", "), row, strict=True))
        k = actor_key(rec)
        if k in keep:
            dup[rec["id"]] = keep[k]
        else:
            keep[k] = rec["id"]
            final[rec["id"]] = k
    for src, dst in dup.items():
        for table in ("article_actors", "mentions", "quote_speakers", "event_actors"):
            db.execute(f"UPDATE {table} SET actor_id = ? WHERE actor_id = ?", (dst, src))
        db.execute("UPDATE actors SET "
                   "country = coalesce(country, (SELECT country FROM actors WHERE id = ?)), "
                   "sector = coalesce(sector, (SELECT sector FROM actors WHERE id = ?)) "
                   "WHERE id = ?", (src, src, dst))
        db.execute("DELETE FROM actors WHERE id = ?", (src,))
    db.execute("UPDATE actors SET key = '~' || id")  # no clash while keys change
    for aid, k in final.items():
        name = db.execute("SELECT name FROM actors WHERE id = ?", (aid,)).fetchone()[0]
        db.execute("UPDATE actors SET key = ?, named = ? WHERE id = ?",
                   (k, int(is_named(name, k)), aid))
    db.execute("CREATE INDEX actors_named_country ON actors(named, country)")


def m011_covering_indexes(db: sqlite3.Connection) -> None:
    """A mention's actor with its text in one index, so the web's "seen as" names
    (grouped per actor when the arrays load) are read from the index alone: a table
    lookup per mention before, 3.8 s -> 0.1 s at 100,000 articles. It replaces the
    actor-only index, of which it is a prefix."""
    db.executescript("""
    CREATE INDEX mentions_actor_text ON mentions(actor_id, text);
    DROP INDEX IF EXISTS mentions_actor;
    """)


#: rows ANALYZE samples of each index (SQLite's ``analysis_limit``): statistics good
#: enough for the planner in milliseconds, whatever the size of the store
ANALYSIS_LIMIT = 1000


def m012_event_actor_indexes(db: sqlite3.Connection) -> None:
    """An event's actors and an actor's events read from indexes alone. The events list
    joins each event's first actor and recipient by (event_id, role, position) and needs
    their actor_id and local_id: through the primary key that is a table lookup per row,
    with the covering index none (a deep events page at 100,000 articles, 476 -> 146 ms
    together with ANALYZE). The actor filter reads event_id from (actor_id, role,
    event_id), which replaces the (actor_id, role) index, a prefix of it. Without
    statistics SQLite prefers the unique primary key for the join, so the table is
    analysed (approximately: ``analysis_limit``) here, as every ingest does after."""
    db.executescript(f"""
    CREATE INDEX event_actors_cover ON event_actors(event_id, role, position, actor_id,
                                                    local_id);
    CREATE INDEX event_actors_actor_event ON event_actors(actor_id, role, event_id);
    DROP INDEX IF EXISTS event_actors_actor;
    PRAGMA analysis_limit = {ANALYSIS_LIMIT};
    ANALYZE event_actors;
    """)


MIGRATIONS: list[Migration] = [m001_core, m002_search, m003_dedup, m004_views,
                               m005_article_dates, m006_counted_events, m007_event_scores,
                               m008_watch, m009_plover_types, m010_actor_keys,
                               m011_covering_indexes, m012_event_actor_indexes]


def applied(db: sqlite3.Connection) -> list[str]:
    db.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, "
               "applied TEXT NOT NULL)")
    return [r[0] for r in db.execute("SELECT name FROM _migrations ORDER BY rowid")]


def migrate(db: sqlite3.Connection) -> list[str]:
    """Apply the migrations ``db`` has not recorded, in order; returns their names.

    Needs a connection in autocommit mode (``isolation_level=None``) so each migration
    and its record commit together.
    """
    done = set(applied(db))
    ran: list[str] = []
    for migration in MIGRATIONS:
        name = migration.__name__
        if name in done:
            continue
        db.execute("BEGIN IMMEDIATE")
        try:
            if name in {r[0] for r in db.execute("SELECT name FROM _migrations")}:
                db.execute("ROLLBACK")  # another process applied it meanwhile
                continue
            _run_in_transaction(db, migration)
            db.execute("INSERT INTO _migrations (name, applied) VALUES (?, ?)",
                       (name, dt.datetime.now(dt.UTC).isoformat(timespec="seconds")))
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        ran.append(name)
    return ran


def _run_in_transaction(db: sqlite3.Connection, migration: Migration) -> None:
    """``executescript`` commits first; run its statements one by one instead."""

    class _Tx:
        def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
            return getattr(db, name)

        def executescript(self, script: str) -> None:
            for statement in _split(script):
                db.execute(statement)

    migration(_Tx())  # type: ignore[arg-type]


def _split(script: str) -> list[str]:
    """SQL statements of a script (no semicolons inside literals in our migrations)."""
    statements, current = [], []
    for line in script.splitlines():
        stripped = line.split("--", 1)[0]
        current.append(stripped)
        if stripped.rstrip().endswith(";"):
            statement = "\n".join(current).strip()
            if sqlite3.complete_statement(statement):
                statements.append(statement)
                current = []
    rest = "\n".join(current).strip()
    if rest:
        statements.append(rest)
    return statements
