"""Hyphenated trigger words kept whole by the tokenizer ("counter-offensive", "air-strikes").

spaCy's English tokenizer splits a hyphen between letters, so "counter-offensive" reaches
the tagger as "counter - offensive" (tagged noun, adjective, adjective) and no lexicon row
written with a hyphen can match. Every hyphenated pattern of the package's trigger table
(``data/triggers.csv``) becomes a tokenizer special case, in its inflected forms (plural
of a noun; third person, past and participle of a verb) and with a capital first letter,
so the parser sees one noun or verb. The tagger, which reads "counter-offensive" as an
adjective by its ending, is corrected by the attribute ruler: a hyphenated lexicon noun is
a noun (NN, or NNS in the plural).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .plover import _rows

if TYPE_CHECKING:
    from spacy.language import Language


def _forms(word: str, pos: str) -> dict[str, str]:
    """Lower-case surface forms of a pattern -> the fine tag a noun form gets ("" for
    verbs: the tagger's own tag stands)."""
    stem = word[:-1] if word.endswith("e") else word
    if pos == "noun":
        return {word: "NN", word + ("es" if word.endswith(("s", "sh", "ch", "x")) else "s"):
                "NNS"}
    if pos == "verb":
        return dict.fromkeys((word, word + "s", stem + "ed", stem + "ing"), "")
    return {word: ""}


def hyphenated_words() -> dict[str, str]:
    """The lower-case surface forms of the hyphenated one-word patterns of the trigger
    table, each with the tag a noun form gets."""
    out: dict[str, str] = {}
    for row in _rows("triggers.csv"):
        pattern = (row.get("pattern") or "").strip().lower()
        if " " in pattern or "-" not in pattern.strip("-"):
            continue
        for w, tag in _forms(pattern, (row.get("pos") or "").strip()).items():
            out[w] = out.get(w) or tag
    return out


def add_to(nlp: Language) -> None:
    """Keep the hyphenated trigger words one token in ``nlp``'s tokenizer, nouns tagged as
    nouns."""
    from spacy.symbols import ORTH

    words = hyphenated_words()
    for w in sorted(words):
        for form in (w, w[:1].upper() + w[1:]):
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe("attribute_ruler")
    for w, tag in sorted(words.items()):
        if tag:
            ruler.add(patterns=[[{"LOWER": w}]], attrs={"TAG": tag, "POS": "NOUN"})
