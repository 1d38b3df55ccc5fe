"""The subject pronoun of a reported clause: "the government said IT will lift the ban",
"the rebels announced THEY would lay down their arms". Such a pronoun is, in news, the
one who reports the clause; the coder takes the reporting verb's subject as the actor
when the actor stage left the pronoun open (it resolves "they" itself where it can).

Agreement is checked on the reporter: "it" stands for a body, not a person or a plural
("Turkey's president says it will ..." is left to the nearest earlier state); "they" for
a plural or a group ("the rebels", "the FARC"), not for one person ("the chairman said
they ..." is his union, which the sentence does not name)."""

from __future__ import annotations

from spacy.tokens import Token

#: pronouns a reported clause's subject may be
REPORTED = {"it", "they"}
#: the clause relations that hang a reported clause on its reporting verb
CLAUSE_DEPS = {"ccomp", "xcomp", "advcl"}
_PLURAL_TAGS = {"NNS", "NNPS"}


def reporter(pron: Token) -> Token | None:
    """The subject of the verb that reports the clause ``pron`` is the subject of, when
    it agrees with the pronoun; None otherwise."""
    low = pron.lower_
    if low not in REPORTED or pron.dep_ not in ("nsubj", "nsubjpass"):
        return None
    verb = pron.head
    subj = None
    for _ in range(3):  # "has made it clear (that) it will not lift": up past "clear"
        while verb.dep_ == "conj" and verb.head is not verb:
            verb = verb.head  # "said it would lift the ban and RESTORE ties"
        if verb.dep_ not in CLAUSE_DEPS or verb.head is verb:
            return None
        if verb.dep_ == "advcl" and verb.head.pos_ != "ADJ" and not any(
                ch.dep_ == "mark" and ch.lower_ == "that" for ch in verb.children):
            return None  # "will withdraw if it ...": a condition, not a report
        verb = verb.head
        subj = next((ch for ch in verb.children if ch.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.pos_ != "PRON":
            break
    if subj is None or subj.pos_ == "PRON" or subj.i > pron.i:
        return None
    plural = subj.tag_ in _PLURAL_TAGS or any(ch.dep_ == "conj" for ch in subj.children)
    if low == "it":
        return None if plural or subj.ent_type_ == "PERSON" else subj
    return subj if plural or subj.ent_type_ in ("ORG", "NORP") else None
