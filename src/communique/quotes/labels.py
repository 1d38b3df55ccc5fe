"""Transcript and headline lines: "NAME: words" is that speaker's quote."""

from __future__ import annotations

import re

from .draft import Draft

#: a line that opens with up to four capitalised words and a colon: "PENCE: Well, ...",
#: "Rutte: Europe must spend more" (quotation marks may open the line)
_LABEL = re.compile(r"(?m)^[ \t\"“'‘]*((?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w.’'-]*):[ \t]+(\S.*)$")
#: labels before a colon that name no one
NOT_SPEAKERS = {"note", "update", "updated", "editor's note", "photo", "source", "related",
                "read more", "watch", "video", "q", "a", "question", "answer", "correction",
                "disclosure", "warning", "breaking", "live", "analysis", "opinion", "poll",
                "exclusive", "see also", "also", "images", "credit", "contact", "email"}


def labelled_lines(ctx, drafts: list[Draft]) -> list[Draft]:
    """Transcripts and headlines: a line that opens with a speaker's name and a colon is
    that speaker's words ("WALLACE: If I may ...", "Rutte: Europe must spend more"). The
    label must be a name: a person or organisation the parser or the actor index knows,
    or an all-capital transcript label; a place ("WASHINGTON:") or a heading word
    ("Update:") is none."""
    out: list[Draft] = []
    taken = [d.content for d in drafts if d.cue is not None]
    for m in _LABEL.finditer(ctx.text):
        label = m.group(1)
        if label.lower() in NOT_SPEAKERS:
            continue
        span = ctx.doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        head = span[-1]
        if any(t.ent_type_ in ("GPE", "LOC", "DATE", "TIME", "CARDINAL") for t in span):
            continue
        kb = ctx.index.kb
        if kb is not None and kb.lookup_place(label.title() if label.isupper() else label):
            continue  # a dateline or a place heading
        if head.i in ctx.region_of_token:
            continue
        named = any(t.ent_type_ in ("PERSON", "ORG", "NORP") for t in span)
        known = ctx.index.mention_at(head) is not None
        if not (named or known or (label.isupper() and len(label) > 2)):
            continue
        content = (m.start(2), m.end(2))
        while content[1] > content[0] and ctx.text[content[1] - 1].isspace():
            content = (content[0], content[1] - 1)
        if any(ts <= content[0] and content[1] <= te for ts, te in taken):
            continue  # already the content of an attribution with its own cue
        colon = m.end(1)
        kind = "mixed" if any(content[0] <= r.start and r.end <= content[1]
                              for r in ctx.regions) else "indirect"
        out.append(Draft(kind, content, (colon, colon + 1), ctx.index.resolve_phrase(head),
                         (span[0].idx, head.idx + len(head.text))))
    return out
