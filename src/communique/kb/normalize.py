"""Text normalisation shared by the loader (index keys) and the resolver (queries).

Both sides go through the same functions, so "Élysée" = "Elysee", "U.S." = "US",
"al-Qaeda" = "al Qaeda" and "Trump's" = "Trump" without any per-entry variants.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import NamedTuple

_QUOTES = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00b4": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-", "\u2010": "-", "\u2011": "-",
    "\u00a0": " ",
})
# Characters that never belong to a name: turned into spaces before splitting.
_SPLIT = re.compile(r"[\s()\[\]{}\"/;:!?*|<>]+|(?<!\d),|,(?!\d)")
_POSSESSIVE = re.compile(r"(?:'s|')$", re.IGNORECASE)


class Token(NamedTuple):
    """One word of a mention.

    ``raw`` keeps case but drops periods and apostrophes (acronym checks), ``key`` is the
    folded index form, ``text`` the surface as written (to quote stated roles), and
    ``hyphen`` says the token was joined to the previous one by a hyphen.
    """

    raw: str
    key: str
    possessive: bool
    text: str
    hyphen: bool


def fold(text: str) -> str:
    """Case- and accent-insensitive form of a string (no tokenisation)."""
    if text.isascii():
        return text.casefold()
    text = unicodedata.normalize("NFKD", text.translate(_QUOTES))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.casefold()


def strip_accents(text: str) -> str:
    """Remove diacritics but keep case (used for acronym comparison)."""
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text.translate(_QUOTES))
    return "".join(c for c in text if not unicodedata.combining(c))


_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue",
                          "ß": "ss"})


def umlaut_variant(text: str) -> str | None:
    """"Schäuble" -> "Schaeuble": the German transliteration of a name's umlauts (English
    news writes both), else None when the name has none."""
    out = text.translate(_UMLAUTS)
    return out if out != text else None


# Russian and Central Asian surnames are written with and without the softening "y"
# ("Tokayev"/"Tokaev", "Mirziyoyev"/"Mirziyoev", "Bakiyev"/"Bakiev") and Turkmen ones with a final
# "-ow" for "-ov" ("Berdimuhamedow"/"Berdimuhamedov"); news writes every form.
_SOFT_Y = re.compile(r"(?<=[aeiou])y(?=[eo]v\b)")
_SOFT_NO_Y = re.compile(r"(?<=[aio])(?=[eo]v\b)")
_FINAL_OW = re.compile(r"(?<=[a-z])ow\b")


def translit_variants(text: str) -> list[str]:
    """Other romanisations of a person's name: "Tokayev" -> ["Tokaev"], "Tokaev" ->
    ["Tokayev"], "Berdimuhamedow" -> ["Berdimuhamedov"]; [] when none applies."""
    out = []
    for pat, rep in ((_SOFT_Y, ""), (_SOFT_NO_Y, "y"), (_FINAL_OW, "ov")):
        alt = pat.sub(rep, text)
        if alt != text and alt not in out:
            out.append(alt)
    return out


def tokens(text: str) -> list[Token]:
    """Split a mention into tokens: hyphens split words, periods and apostrophes vanish.

    A trailing possessive ("Trump's", "Workers'") is removed and flagged on the token.
    """
    out: list[Token] = []
    text = strip_accents(text)
    for chunk in _SPLIT.split(text):
        if not chunk:
            continue
        for n, part in enumerate(chunk.split("-")):
            surface = part.strip(",'")
            part = part.strip(".,'")
            if not part:
                continue
            poss = False
            if "'" in part:
                stripped = _POSSESSIVE.sub("", part)
                poss = stripped != part
                part = stripped.replace("'", "")
            part = part.replace(".", "").replace(",", "")
            if not part:
                continue
            out.append(Token(part, part.casefold(), poss, surface, n > 0))
    return out


def surface(toks: list[Token]) -> str:
    """Rebuild the written form of a run of tokens (hyphens restored, and a possessive
    on the last word dropped: "Donald Trump's" -> "Donald Trump")."""
    out = ""
    for n, t in enumerate(toks):
        text = t.text
        if t.possessive and n == len(toks) - 1:
            text = _POSSESSIVE.sub("", text.rstrip("."))
        out += ("-" if t.hyphen else " ") + text if out else text
    return out


@functools.lru_cache(maxsize=65536)
def key(text: str, *, drop_the: bool = True) -> str:
    """The index key of a whole name: folded tokens joined by single spaces."""
    toks = [t.key for t in tokens(text)]
    if drop_the and len(toks) > 1 and toks[0] == "the":
        toks = toks[1:]
    return " ".join(toks)


def acronym_form(text: str) -> str | None:
    """The case-sensitive form of an all-capitals alias ("U.S." -> "US"), else None.

    Short acronyms ("US", "WHO", "IS", "AU") must match in capitals only, or they
    would fire on the words "us", "who", "is", "au". Longer ones ("NATO", "Nato",
    "nato") are safe to match in any case, so they are ordinary keys.
    """
    compact = strip_accents(text).replace(".", "").replace(" ", "")
    if not (2 <= len(compact) <= 3) or not compact.isalpha():
        return None
    return compact if compact.isupper() else None
