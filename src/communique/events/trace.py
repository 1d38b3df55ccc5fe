"""The stages up to events on one parsed text, keeping what the record drops: every
candidate event with its lexicon row and parse path (for ``events explain`` and for the
evaluation, which also scores events PLOVER would not code)."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from ..actors import ActorIndex, find_actors
from ..kb import KnowledgeBase
from ..options import Options
from ..quotes import cues as _cues
from ..quotes import find_quotes, find_regions, quoted_mask
from . import lexicon as _lexicon
from .stage import EventDraft, find_events


@dataclass(slots=True)
class Traced:
    doc: Doc
    index: ActorIndex
    drafts: list
    events: list[EventDraft]

    def name(self, cid: int) -> str:
        if cid < 0:  # a common-noun actor not created in the index
            return self.doc[-1 - cid].text
        return self.index.clusters[cid].name


def trace(doc: Doc, options: Options | None = None, *, published: str | None = None,
          complete_only: bool = False) -> Traced:
    """Actors, quotes and events of a parsed text, as the pipeline finds them."""
    options = options or Options()
    text = doc.text
    regions = find_regions(text)
    kb = KnowledgeBase.load(list(options.kb_files) or None) if options.knowledge_base else None
    index = find_actors(doc, quoted_mask(text, regions), published=published, kb=kb)
    drafts = []
    if options.quotes:
        drafts = find_quotes(doc, regions, index, _cues.load(tuple(options.cue_files)),
                             indirect=options.indirect)
    lex = _lexicon.load(tuple(options.event_files))
    events = find_events(doc, index, drafts, lex, complete_only=complete_only)
    return Traced(doc, index, drafts, events)
