"""The pipeline: parse, then the actor, quote and event stages, batch in, records out.

``analyze_many`` is the one code path: ``analyze`` is a batch of one, and ingest workers
or a Spark executor call the same function on their share of articles.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal, overload

from spacy.tokens import Doc

from . import events as _events
from . import nlp as _nlp
from .actors import ActorIndex, find_actors
from .actors.voices import name_voices
from .errors import InputError
from .kb import KnowledgeBase
from .model import Analysis, Article, Quote, Span, iso_date
from .options import Options
from .parsed import text_of
from .quotes import cues as _cues
from .quotes import find_quotes, find_regions, quoted_mask
from .quotes import learn as _learn


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that could not be analysed, in its place in the stream."""

    position: int
    article: Article | None
    reason: str


def _as_article(item: str | Article, published: str | None = None) -> Article:
    if isinstance(item, Article):
        return item
    if isinstance(item, str):
        return Article(text=item, published=published)
    raise TypeError(f"expected str or Article, not {type(item).__name__}")


def check_article(article: Article, options: Options, where: str = "") -> None:
    """Refuse inputs the pipeline cannot handle safely (raises :class:`InputError`)."""
    n = len(article.text)
    if n > options.max_chars:
        raise InputError(where or f"article {article.id[:12]}",
                         f"article is {n:,} characters, over the {options.max_chars:,} limit "
                         "(split it, or raise the limit with --max-chars)")


@dataclass(slots=True)
class Staged:
    """What the stages found on one parsed text, before record ids exist."""

    index: ActorIndex
    quotes: list  # quote drafts
    events: list  # event drafts (``events.EventDraft``)


def find_all(doc: Doc, options: Options, *, published: str | None = None,
             complete_only: bool = True, spans: bool = False) -> Staged:
    """Actors, then quotes, then events on one parsed text: the pipeline's stages, which
    ``events explain`` and the evaluation call too (with ``complete_only=False`` for events
    PLOVER would not code, ``spans=True`` for their phrase spans)."""
    text = text_of(doc)
    regions = find_regions(text)
    kb = KnowledgeBase.load(list(options.kb_files) or None) if options.knowledge_base else None
    index = find_actors(doc, quoted_mask(text, regions), published=published, kb=kb)
    drafts = []
    if options.quotes:
        lexicon = _cues.load(tuple(options.cue_files))
        model = _learn.load() if options.quote_model != "rules" else None
        drafts = find_quotes(doc, regions, index, lexicon, indirect=options.indirect,
                             model=model, mode=options.quote_model, beliefs=options.beliefs)
        if kb is not None:
            name_voices(index, drafts)  # "a spokesman said ... ", said NAME": the voice
    event_drafts = []
    if options.events:  # before index.actors(): events may add common-noun actors
        event_lexicon = _events.load(tuple(options.event_files))
        event_drafts = _events.find_events(doc, index, drafts, event_lexicon,
                                           complete_only=complete_only, spans=spans)
    return Staged(index, drafts, event_drafts)


def run_stages(doc: Doc, article: Article, options: Options) -> Analysis:
    """The stages on one parsed article: actors, then quotes, then events."""
    text = article.text
    staged = find_all(doc, options, published=article.published)
    index, drafts, event_drafts = staged.index, staged.quotes, staged.events
    actors, ids = index.actors()
    quotes = []
    for n, d in enumerate(drafts, 1):
        speakers = list(dict.fromkeys(ids[c] for c in d.speakers if c in ids))
        quotes.append(Quote(
            id=f"Q{n}",
            kind=d.kind,
            content=Span.of(text, *d.content),
            cue=Span.of(text, *d.cue) if d.cue else None,
            speakers=speakers,
            speaker_mention=Span.of(text, *d.speaker_mention) if d.speaker_mention else None,
            attribution=d.attribution,
        ))
    if options.events and options.main_events:
        # the learned choice replaces the rules' (``stage.mark_main``) on the events the
        # record keeps
        from .events.classifier import mark_main

        kept = [e for e in event_drafts if any(c in ids for c in e.actors)]
        for e in event_drafts:
            e.main = False
        for n in mark_main(doc, kept):
            kept[n].main = True
    events = _events.to_records(event_drafts, ids, text)
    return Analysis(article=article, actors=actors, quotes=quotes, events=events)


@overload
def analyze_many(items: Iterable[str | Article], *, n_process: int = ...,
                 batch_size: int | None = ..., options: Options | None = ...,
                 on_error: Literal["raise"] = ...) -> Iterator[Analysis]: ...
@overload
def analyze_many(items: Iterable[str | Article], *, n_process: int = ...,
                 batch_size: int | None = ..., options: Options | None = ...,
                 on_error: Literal["yield"]) -> Iterator[Analysis | Failure]: ...


def analyze_many(items, *, n_process=1, batch_size=None, options=None, on_error="raise"):
    """Analyse many articles, streaming results in input order with bounded memory.

    Texts go through spaCy's ``nlp.pipe`` in batches of ``batch_size``; at most a few
    batches are held at once, whatever the number of inputs. An input that cannot be
    analysed raises :class:`InputError` (``on_error="raise"``) or is yielded in its place
    as a :class:`Failure` (``on_error="yield"``), so a long run goes on.
    """
    options = options or Options()
    if on_error not in ("raise", "yield"):
        raise ValueError("on_error must be 'raise' or 'yield'")
    nlp = _nlp.load(options.model, tuple(options.kb_files))
    bare = [] if options.knowledge_base else _nlp.BARE

    def feed() -> Iterator[tuple[str, tuple[int, Article | None, str | None]]]:
        for pos, item in enumerate(items):
            try:
                article = _as_article(item)
                check_article(article, options)
            except (InputError, TypeError, ValueError) as exc:
                # an empty text keeps the input's place in the stream at no cost
                yield "", (pos, None if not isinstance(item, Article) else item, str(exc))
                continue
            yield article.text, (pos, article, None)

    stream = nlp.pipe(feed(), as_tuples=True, n_process=n_process, disable=bare,
                      batch_size=batch_size or options.batch_size)
    for doc, (pos, article, error) in stream:
        if error is not None or article is None:
            if on_error == "raise":
                raise InputError("", error or "unreadable input")
            yield Failure(pos, article, error or "unreadable input")
            continue
        yield run_stages(doc, article, options)


def analyze(text: str | Article, *, published: str | None = None,
            options: Options | None = None) -> Analysis:
    """Analyse one article: quotes with speakers, actors and events, as an :class:`Analysis`."""
    article = _as_article(text, published)
    if published is not None and isinstance(text, Article) and not text.published:
        article.published = iso_date(published)
    return next(iter(analyze_many([article], options=options)))
