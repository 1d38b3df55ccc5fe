"""Unnamed voices the article names next: "A Pentagon spokesman said ... . "...," said
Cmdr Sean Robertson."

News reports an organisation's words through an unnamed voice ("a spokesman for X",
"an SDF official") and then quotes on with the voice's name. A person named as the speaker
of the very next quote, in the same or the next sentence, whom the article did not
mention before the voice and whose country nothing else states, is that voice: they take
the organisation's country (and the organisation, and its sector when they have none).
Runs after the quote stage, which says who speaks each quote.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from spacy.tokens import Token

from .index import VOICE_NOUNS, ActorIndex

__all__ = ["name_voices"]

#: how many sentences after the voice's words the named quote may start
GAP = 1


class _Draft(Protocol):
    kind: str
    content: tuple[int, int]
    speakers: list[int]
    speaker_mention: tuple[int, int] | None


def _head(index: ActorIndex, span: tuple[int, int]) -> Token | None:
    sp = index.doc.char_span(span[0], span[1], alignment_mode="expand")
    return sp.root if sp is not None and len(sp) else None


def _unnamed_voice(index: ActorIndex, d: _Draft) -> int | None:
    """The organisation or state an indefinite singular voice ("a spokesman for X")
    speaking ``d`` stands for."""
    if d.speaker_mention is None or len(d.speakers) != 1:
        return None
    head = _head(index, d.speaker_mention)
    if head is None or head.pos_ != "NOUN" or head.tag_ != "NN" or (
            head.lemma_.lower() not in VOICE_NOUNS and head.lower_ not in VOICE_NOUNS):
        return None
    if not any(c.dep_ == "det" and c.lower_ in ("a", "an", "one") or
               c.dep_ == "nummod" and c.lower_ == "one" for c in head.children):
        return None
    cid = index.canonical(d.speakers[0])
    cl = index.clusters[cid]
    if cl.kind not in ("organization", "country") or not cl.country:
        return None
    return cid


def _named_person(index: ActorIndex, d: _Draft, after: int) -> int | None:
    """The person named as the speaker of ``d``, first mentioned after token ``after``,
    with no country yet and not one the knowledge base knows."""
    if d.speaker_mention is None or len(d.speakers) != 1:
        return None
    head = _head(index, d.speaker_mention)
    m = index.mention_at(head) if head is not None else None
    if m is None or m.label != "PERSON":
        return None
    cid = index.canonical(d.speakers[0])
    cl = index.clusters[cid]
    if cl.kind != "person" or cl.known or cl.country and not cl.guessed or not cl.mentions \
            or min(x.start for x in cl.mentions) <= after:
        return None
    return cid


def name_voices(index: ActorIndex, drafts: Sequence[_Draft]) -> None:
    """Give a person named right after an unnamed voice's words that voice's
    organisation (see module docstring)."""
    doc = index.doc
    ds = sorted((d for d in drafts if d.speaker_mention is not None),
                key=lambda d: d.content[0])
    for a, b in zip(ds, ds[1:], strict=False):
        org = _unnamed_voice(index, a)
        if org is None or b.kind != "direct" or a.speaker_mention is None:
            continue
        voice = doc.char_span(*a.speaker_mention, alignment_mode="expand")
        end_a = doc.char_span(a.content[0], a.content[1], alignment_mode="expand")
        start_b = doc.char_span(b.content[0], b.content[1], alignment_mode="expand")
        if voice is None or end_a is None or start_b is None or not len(start_b):
            continue
        if index.sentence_index(start_b[0].i) - index.sentence_index(end_a[-1].i) > GAP:
            continue
        pid = _named_person(index, b, voice[-1].i)
        if pid is None:
            continue
        person, cl = index.clusters[pid], index.clusters[org]
        person.country, person.guessed = cl.country, False
        if person.organization is None:
            person.organization = cl.organization or cl.name
        if person.sector is None:
            person.sector = cl.sector
