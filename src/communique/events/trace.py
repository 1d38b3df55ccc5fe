"""The stages up to events on one parsed text, keeping what the record drops: every
candidate event with its lexicon row and parse path (for ``events explain`` and for the
evaluation, which also scores events PLOVER would not code)."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from ..actors import ActorIndex
from ..options import Options
from .stage import EventDraft


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
          complete_only: bool = False, spans: bool = True) -> Traced:
    """Actors, quotes and events of a parsed text, found by the pipeline's own stages
    (:func:`communique.pipeline.find_all`)."""
    from ..pipeline import find_all

    options = options or Options()
    staged = find_all(doc, options, published=published, complete_only=complete_only,
                      spans=spans)
    return Traced(doc, staged.index, staged.quotes, staged.events)
