"""The analysis record: dataclasses whose ``to_dict()`` is the JSON contract.

The contract (``communique.analysis/1``) is read by tools outside this project, so field
names here are stable: add fields, never rename or drop them. Every span is a character
offset into ``Article.text`` with ``text[start:end] == span.text``.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

SCHEMA = "communique.analysis/1"

ACTOR_KINDS = ("person", "country", "organization", "group", "location", "other")
QUOTE_KINDS = ("direct", "mixed", "indirect")


@dataclass(frozen=True, slots=True)
class Span:
    """A slice of the article text; ``text`` is always the exact slice."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, source: str, start: int, end: int) -> Span:
        return cls(start, end, source[start:end])

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> Span | None:
        return None if d is None else cls(int(d["start"]), int(d["end"]), d["text"])


def text_id(text: str) -> str:
    """The default article id: sha256 of the exact text, so the same text gets the same id."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def iso_date(value: Any) -> str | None:
    """A date, datetime or ``YYYY-MM-DD...`` string as ``YYYY-MM-DD`` (None stays None);
    anything else raises ValueError or TypeError."""
    if value is None or value == "":
        return None
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return _dt.date.fromisoformat(value.strip()[:10]).isoformat()
        except ValueError:
            raise ValueError(f"published date {value!r} is not YYYY-MM-DD") from None
    raise TypeError(f"published must be a date or ISO string, not {type(value).__name__}")


@dataclass(slots=True)
class Article:
    """One input article. Readers produce the final ``text``; no stage changes it."""

    text: str
    id: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None
    language: str = "en"

    def __post_init__(self) -> None:
        if not isinstance(self.text, str):
            raise TypeError(f"article text must be str, not {type(self.text).__name__}")
        self.published = iso_date(self.published)
        if not self.id:
            self.id = text_id(self.text)

    @property
    def published_date(self) -> _dt.date | None:
        return _dt.date.fromisoformat(self.published) if self.published else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "title": self.title,
            "url": self.url,
            "source": self.source,
            "published": self.published,
            "language": self.language,
        }


@dataclass(slots=True)
class Actor:
    """A person, state, organisation or group, with every mention of it in the article."""

    id: str
    name: str
    kind: str = "other"
    country: str | None = None
    organization: str | None = None
    sector: str | None = None
    role: str | None = None
    wikidata: str | None = None
    mentions: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "country": self.country,
            "organization": self.organization,
            "sector": self.sector,
            "role": self.role,
            "wikidata": self.wikidata,
            "mentions": [m.to_dict() for m in sorted(self.mentions, key=lambda m: m.start)],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Actor:
        return cls(
            id=d["id"], name=d["name"], kind=d["kind"], country=d.get("country"),
            organization=d.get("organization"), sector=d.get("sector"), role=d.get("role"),
            wikidata=d.get("wikidata"),
            mentions=[Span(m["start"], m["end"], m["text"]) for m in d.get("mentions", [])],
        )


@dataclass(slots=True)
class Quote:
    """What was said (``content``), how (``cue``) and by whom (``speakers``: actor ids)."""

    id: str
    kind: str
    content: Span
    cue: Span | None = None
    speakers: list[str] = field(default_factory=list)
    speaker_mention: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "content": self.content.to_dict(),
            "cue": self.cue.to_dict() if self.cue else None,
            "speakers": list(self.speakers),
            "speaker_mention": self.speaker_mention.to_dict() if self.speaker_mention else None,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Quote:
        content = Span.from_dict(d["content"])
        assert content is not None
        return cls(
            id=d["id"], kind=d["kind"], content=content, cue=Span.from_dict(d.get("cue")),
            speakers=list(d.get("speakers", [])),
            speaker_mention=Span.from_dict(d.get("speaker_mention")),
        )


@dataclass(slots=True)
class Event:
    """A PLOVER event: type, mode and contexts, who acted and who was acted upon."""

    id: str
    type: str
    trigger: Span | None
    sentence: tuple[int, int]
    mode: str | None = None
    contexts: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    quote: str | None = None
    score: float = 0.0
    main: bool = False  # the sentence's main event, not one mentioned in passing

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "mode": self.mode,
            "contexts": list(self.contexts),
            "actors": list(self.actors),
            "recipients": list(self.recipients),
            "trigger": self.trigger.to_dict() if self.trigger else None,
            "sentence": {"start": self.sentence[0], "end": self.sentence[1]},
            "negated": self.negated,
            "hypothetical": self.hypothetical,
            "future": self.future,
            "quote": self.quote,
            "score": self.score,
            "main": self.main,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        return cls(
            id=d["id"], type=d["type"], trigger=Span.from_dict(d.get("trigger")),
            sentence=(d["sentence"]["start"], d["sentence"]["end"]), mode=d.get("mode"),
            contexts=list(d.get("contexts", [])), actors=list(d.get("actors", [])),
            recipients=list(d.get("recipients", [])), negated=bool(d.get("negated")),
            hypothetical=bool(d.get("hypothetical")), future=bool(d.get("future")),
            quote=d.get("quote"), score=float(d.get("score", 0.0)),
            main=bool(d.get("main", False)),
        )


@dataclass(slots=True)
class Analysis:
    """The result of analysing one article; ``to_dict()`` is exactly the JSON contract."""

    article: Article
    actors: list[Actor] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "article": self.article.to_dict(),
            "actors": [a.to_dict() for a in self.actors],
            "quotes": [q.to_dict() for q in self.quotes],
            "events": [e.to_dict() for e in self.events],
        }

    def to_json(self, *, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Analysis:
        if d.get("schema") != SCHEMA:
            raise ValueError(f"not a {SCHEMA} record (schema={d.get('schema')!r})")
        a = d["article"]
        article = Article(
            text=a["text"], id=a.get("id"), title=a.get("title"), url=a.get("url"),
            source=a.get("source"), published=a.get("published"),
            language=a.get("language") or "en",
        )
        return cls(
            article=article,
            actors=[Actor.from_dict(x) for x in d.get("actors", [])],
            quotes=[Quote.from_dict(x) for x in d.get("quotes", [])],
            events=[Event.from_dict(x) for x in d.get("events", [])],
        )

    def actor(self, actor_id: str) -> Actor | None:
        for a in self.actors:
            if a.id == actor_id:
                return a
        return None
