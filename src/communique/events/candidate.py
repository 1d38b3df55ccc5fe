"""What the event passes hand each other: the :class:`Candidate` a trigger starts, and the
:class:`EventDraft` the stage returns (cluster ids and character spans, before record ids)."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from .lexicon import NEEDS_RECIPIENT, QUAD, Trigger

#: CAMEO roots to the quad classes of 5-class CAMEO data: 01-02 no event, 03-05 verbal
#: and 06-08 material cooperation, 09-13 and 16 verbal conflict (as SANCTION in PLOVER's
#: quad table), 14-15 and 17-20 material conflict
CAMEO_QUAD = {f"{n:02d}": q for q, ns in ((0, (1, 2)), (1, (3, 4, 5)), (2, (6, 7, 8)),
                                          (3, (9, 10, 11, 12, 13, 16)),
                                          (4, (14, 15, 17, 18, 19, 20))) for n in ns}


@dataclass(slots=True)
class EventDraft:
    """An event before record ids exist: cluster ids, character spans, and how it was found."""

    type: str
    mode: str | None
    trigger: tuple[int, int]
    sentence: tuple[int, int]
    actors: list[int] = field(default_factory=list)
    recipients: list[int] = field(default_factory=list)
    contexts: list[str] = field(default_factory=list)
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    quote: int | None = None  # index into the quote drafts
    score: float = 0.0
    cameo: str | None = None  # CAMEO root of the trigger, for cross-walks with CAMEO data
    pattern: str = ""  # the lexicon row (file:line pattern) or rule that fired
    path: list[str] = field(default_factory=list)  # parse steps, for ``events explain``
    token: int = -1
    depth: int = 0  # hops from the sentence root, report and support verbs not counted
    actor_spans: list[tuple[int, int]] = field(default_factory=list)
    recipient_spans: list[tuple[int, int]] = field(default_factory=list)
    reciprocal: bool = False
    absorbed: list[str] = field(default_factory=list)
    needs_recipient: bool = False  # the lexicon row says need=recipient
    main: bool = False  # the sentence's main event (``stage.mark_main``)
    modifier: bool = False  # the trigger modifies a noun ("US-BACKED fighters"): in passing
    mutual: bool = False  # a fight within one side: its actor is its recipient too

    @property
    def complete(self) -> bool:
        """PLOVER codes an event only with an actor, and a recipient where the type needs one
        (joint action of several actors, "X and Y cooperated", has them all as actors)."""
        if self.needs_recipient and not self.recipients:
            return False
        return bool(self.actors) and (bool(self.recipients) or self.type not in NEEDS_RECIPIENT
                                      or (self.type == "COOPERATE" and len(self.actors) > 1))

    @property
    def happened(self) -> bool:
        """Not negated and not hypothetical."""
        return not (self.negated or self.hypothetical)

    @property
    def news(self) -> bool:
        """Something that happened and is not a noun's modifier ("US-BACKED fighters" is
        mentioned in passing): what may be a sentence's main event (``stage.main_event``,
        ``classifier.pick_main``, the options of ``mainpick``)."""
        return self.happened and not self.modifier

    @property
    def quad(self) -> int:
        """The quad class of CAMEO-coded data: from the trigger's CAMEO root when the lexicon
        gives one, else from the PLOVER type. 0 is CAMEO 01/02 (statements and appeals)."""
        if self.cameo and self.cameo in CAMEO_QUAD:
            return CAMEO_QUAD[self.cameo]
        return QUAD[self.type]


@dataclass(slots=True)
class SpanNotes:
    """What the argument pass notes for the phrase spans the evaluation scores (written by
    ``arguments``, read only by ``spans``; production never reads them)."""

    unresolved: dict[str, list[Token]] = field(default_factory=dict)  # heads naming no actor
    outer: dict[int, Token] = field(default_factory=dict)  # actor token -> its phrase
    placed: bool = False  # the recipient is only the place the act happened in
    span_to: Token | None = None  # a locative after the recipient phrase that belongs to it
    reciprocal_heads: list[Token] | None = None  # a meeting's participants (CONSULT)


@dataclass(slots=True)
class Candidate:
    """A trigger match on its way to an event. Who writes what:

    - trigger matching (``arguments.candidates``): ``tok``, ``row`` and the coding it gives
      (``type``, ``mode``, ``cameo``, ``frame``, ``pattern``, ``contexts``);
    - arguments (``arguments``): ``actor_heads``/``actors``, ``recipient_heads``/
      ``recipients``, ``head_ids``, ``arg_nodes``, ``governor``, ``notes``;
    - frames (``frames``): ``dropped``, ``absorbed``, ``content``, and the coding again when
      a content frame recodes it;
    - modality (``modality``): ``negated``, ``hypothetical``, ``future``, ``refusal``,
      ``recoded_from``, ``refused``;
    - every pass appends its reasons to ``path`` (for ``events explain``).
    """

    tok: Token
    row: Trigger | None
    type: str
    mode: str | None
    cameo: str | None
    frame: str
    pattern: str
    contexts: tuple[str, ...] = ()
    actor_heads: list[Token] = field(default_factory=list)
    recipient_heads: list[Token] = field(default_factory=list)
    actors: list[int] = field(default_factory=list)
    recipients: list[int] = field(default_factory=list)
    head_ids: dict[int, list[int]] = field(default_factory=dict)
    arg_nodes: list[Token] = field(default_factory=list)  # argument heads as parsed
    governor: Token | None = None  # support verb a nominal trigger borrowed its subject from
    notes: SpanNotes = field(default_factory=SpanNotes)
    dropped: bool = False
    absorbed: list[str] = field(default_factory=list)
    content: Candidate | None = None  # the event a content frame absorbed ("agreed TO LIFT")
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    refusal: bool = False
    recoded_from: str | None = None
    refused: str | None = None  # the cooperative type a REJECT refuses
    path: list[str] = field(default_factory=list)
