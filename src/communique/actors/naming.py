"""Turning parser output into clean actor names, titles and kinds.

Fixes the small English pipeline's known slips before clustering: possessives kept in
entities ("Donald Trump's"), a leading "the", bracketed editorial names split in two
("(Russian President Vladimir) Putin"), and honorifics inside person names.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from spacy.tokens import Doc, Token

HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "mr.", "mrs.", "ms.", "dr.",
              "sen", "sen.", "rep", "rep.", "gov", "gov.", "gen", "gen.", "lt", "lt.",
              "col", "col.", "adm", "adm.", "prof", "prof.", "president", "prime",
              "minister", "senator", "governor", "general", "king", "queen", "prince",
              "princess", "sheikh", "pope", "chancellor", "secretary"}
COURTESY = {"mr", "mrs", "ms", "miss", "mr.", "mrs.", "ms.", "dr", "dr.", "sir", "dame"}
POSSESSIVE = {"'s", "’s", "'", "’"}

#: singular nouns that name a person when they head a speaker phrase
PERSON_NOUNS = {
    "spokesman", "spokeswoman", "spokesperson", "official", "minister", "president",
    "source", "aide", "adviser", "advisor", "diplomat", "ambassador", "senator",
    "lawmaker", "leader", "analyst", "expert", "chief", "secretary", "general",
    "commander", "officer", "director", "governor", "mayor", "candidate", "nominee",
    "chairman", "chairwoman", "chair", "head", "envoy", "premier", "chancellor", "king",
    "queen", "prince", "representative", "congressman", "congresswoman", "strategist",
    "economist", "professor", "researcher", "witness", "resident", "man", "woman",
    "negotiator", "prosecutor", "judge", "attorney", "lawyer", "campaigner", "activist",
    "manager", "vice", "deputy", "colonel", "lieutenant", "sergeant", "soldier", "pollster",
    "surrogate", "supporter", "critic", "voter", "member", "founder", "executive", "ceo",
    "reporter", "journalist", "editor", "columnist", "author", "writer", "veteran",
    # people outside office who are quoted ("a teacher asked", "the farmer said")
    "teacher", "parent", "mother", "father", "wife", "husband", "son", "daughter", "friend",
    "neighbor", "neighbour", "doctor", "nurse", "farmer", "worker", "employee", "student",
    "owner", "victim", "survivor", "refugee", "protester", "demonstrator", "citizen",
    "businessman", "businesswoman", "scientist", "historian", "cleric", "priest", "pastor",
    "bishop", "imam", "rabbi", "coach", "commentator", "donor", "investor", "banker",
    "staffer", "volunteer", "organizer", "organiser", "delegate", "legislator", "politician",
    "colleague", "detainee", "prisoner", "dissident", "inspector", "commissioner",
}
ORG_NOUNS = {
    "government", "ministry", "agency", "company", "campaign", "committee", "department",
    "office", "newspaper", "paper", "network", "group", "party", "administration",
    "council", "commission", "court", "parliament", "army", "military", "police",
    "embassy", "organization", "organisation", "union", "alliance", "bank", "firm",
    "foundation", "institute", "coalition", "board", "team", "kremlin", "cabinet",
}


@dataclass(slots=True)
class Ent:
    """A cleaned entity: token range, label, the words of its name and any stated title."""

    start: int
    end: int
    label: str
    words: list[str]
    title: str | None = None
    origin: str | None = None  # "of Uganda" right after a person's name
    ref: str = ""  # the knowledge-base entity layer's id ("org:NATO", "geo:SYR")


def fold(text: str) -> str:
    """Without accents: "Erdoğan" and "Erdogan" are one name."""
    s = unicodedata.normalize("NFKD", text)
    return "".join(c for c in s if not unicodedata.combining(c))


def char_bounds(doc: Doc, start: int, end: int) -> tuple[int, int]:
    last = doc[end - 1]
    return doc[start].idx, last.idx + len(last.text)


def _strip(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while end > start and (doc[end - 1].text in POSSESSIVE or doc[end - 1].is_punct):
        end -= 1
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct):
        start += 1
    return start, end


#: words that make the capitalised words before a name a title ("German Chancellor")
TITLE_WORDS = HONORIFICS | {
    "chancellor", "premier", "secretary-general", "spokesman", "spokeswoman", "chief",
    "ambassador", "envoy", "commander", "mayor", "leader", "chairman", "chairwoman", "head",
    "director", "justice", "speaker", "representative", "foreign", "defence", "defense",
    "vice", "deputy", "emir", "crown", "sultan", "ayatollah", "marshal", "admiral",
    "colonel", "lieutenant", "major", "captain", "commissioner", "high", "rep.", "sen.",
}


def _title_before(doc: Doc, start: int, end: int) -> str | None:
    """Capitalised title words right before a name: "NATO Secretary General" Mark Rutte.

    Read off the words rather than the parse: the small model often mis-attaches a
    title ("German Chancellor" as a conjunct of the previous name).
    """
    j = start - 1
    first = start
    while j >= 0 and start - j <= 6:
        t = doc[j]
        if t.ent_type_ == "PERSON" or not (t.is_alpha or t.text.endswith(".")):
            break
        lower_title = t.lower_ in TITLE_WORDS | PERSON_NOUNS or (
            t.pos_ == "NOUN" and t.dep_ == "compound")
        if not (t.is_title or t.is_upper or lower_title) or (
                t.is_sent_start and t.lower_ in ("the", "a")):
            break
        first = j
        j -= 1
    words = doc[first:start]
    if first == start or not any(w.lower_ in TITLE_WORDS | PERSON_NOUNS for w in words):
        return None
    # drop leading words that are not part of the title ("Speaking NATO ...")
    while len(words) and words[0].pos_ in ("VERB", "ADP", "DET"):
        words = words[1:]
    if all(w.lower_ in COURTESY for w in words):
        return None  # "Mr" is no role
    return words.text or None


#: parts of speech that do not open a person's name
_NOT_NAME_POS = {"NOUN", "ADP", "VERB", "AUX", "PRON", "SCONJ", "CCONJ"}


def entities(doc: Doc) -> list[Ent]:
    """The document's entities, cleaned; a bracketed first part joins the name after it."""
    out: list[Ent] = []
    ents = list(doc.ents)
    skip = set()
    for k, ent in enumerate(ents):
        if k in skip:
            continue
        start, end = _strip(doc, ent.start, ent.end)
        if start >= end:
            continue
        label = ent.label_
        words = [t.text for t in doc[start:end]]
        title = None
        if label == "PERSON":
            # "Photographs of Alan's": common words the model took into the name
            while end - start > 1 and doc[start].pos_ in _NOT_NAME_POS \
                    and doc[start].lower_ not in TITLE_WORDS | PERSON_NOUNS:
                start += 1
                words.pop(0)
            while words and words[0].lower() in HONORIFICS:
                words.pop(0)
            title = _title_before(doc, start, end)
            # "(Russian President Vladimir) Putin": one person across the bracket.
            nxt = ents[k + 1] if k + 1 < len(ents) else None
            if (nxt is not None and nxt.label_ == "PERSON" and nxt.start == end + 1
                    and doc[end].text == ")"):
                ns, ne = _strip(doc, nxt.start, nxt.end)
                words = words + [t.text for t in doc[ns:ne]]
                out.append(Ent(start, end, label, words, title))
                out.append(Ent(ns, ne, label, words, title))
                skip.add(k + 1)
                continue
        if not words:
            continue
        origin = None
        if label == "PERSON" and end + 1 < len(doc) and doc[end].lower_ == "of" \
                and doc[end + 1].ent_type_ == "GPE":
            j = end + 2
            while j < len(doc) and doc[j].ent_type_ == "GPE" and doc[j].ent_iob_ == "I":
                j += 1
            origin = "of " + doc[end + 1:j].text
        out.append(Ent(start, end, label, words, title, origin, ent.kb_id_))
    return out


def entity_name(doc: Doc, ent: Ent) -> str:
    return doc[ent.start:ent.end].text


def phrase_tokens(head: Token) -> list[Token]:
    """The tokens of a noun phrase without relative clauses, appositions, conjuncts or
    time phrases: "a group of doctors in 2015" is the group of doctors, not "in 2015"."""
    keep = [head]
    stack = [c for c in head.children]
    while stack:
        c = stack.pop()
        if c.dep_ in ("relcl", "acl", "appos", "punct", "cc", "conj", "advmod", "parataxis"):
            continue
        if c.i > head.i and (c.ent_type_ in ("DATE", "TIME") or (c.dep_ == "prep" and any(
                p.ent_type_ in ("DATE", "TIME") for p in c.children if p.dep_ == "pobj"))):
            continue
        keep.append(c)
        stack.extend(c.children)
    keep.sort(key=lambda t: t.i)
    # keep it contiguous around the head
    lo = hi = keep.index(head)
    while lo > 0 and keep[lo - 1].i == keep[lo].i - 1:
        lo -= 1
    while hi + 1 < len(keep) and keep[hi + 1].i == keep[hi].i + 1:
        hi += 1
    return keep[lo:hi + 1]


def phrase_name(tokens: list[Token]) -> str:
    words = list(tokens)
    while words and words[0].lower_ in ("a", "an", "the", "one", "another", "some"):
        words.pop(0)
    if not words:
        words = list(tokens)
    doc = words[0].doc
    return doc[words[0].i:words[-1].i + 1].text


def common_noun_kind(head: Token) -> str:
    low = head.lemma_.lower()
    if low in ORG_NOUNS:
        return "organization"
    if head.tag_ in ("NNS", "NNPS"):
        return "group"
    if low in PERSON_NOUNS:
        return "person"
    return "other"
