"""The knowledge-base entity layer after the model's NER, and in-article linking."""

from __future__ import annotations

import ast
from pathlib import Path

from actor_helpers import actor
from spacy.tokens import Span

from communique import analyze
from communique import nlp as _nlp
from communique.actors import entities

SRC = Path(__file__).resolve().parents[2] / "src" / "communique"




def ents(text):
    return [(e.text, e.label_, e.kb_id_) for e in _nlp.load()(text).ents]


def test_the_layer_runs_after_the_ner():
    names = _nlp.load().pipe_names
    assert names.index(entities.FACTORY) == names.index("ner") + 1


def test_a_full_name_tagged_as_organisation_is_the_person_named_later():
    a = analyze("The school was opened on Monday by Nadia Farouk, a teacher. Nadia said it "
                "was safe. Mr Farouk's brother agreed with Farouk.", published="2020-02-02")
    x = actor(a, "Farouk")
    assert x.kind == "person" and len(a.actors) == 1


def test_a_known_organisation_with_common_words_is_one_span():
    got = ents("An Islamic State execution squad was caught near the border.")
    assert ("Islamic State", "ORG", "org:Islamic State") in got
    assert not [e for e in got if e[0] in ("Islamic", "State")]


def test_known_names_whatever_the_spelling():
    got = {e[0]: e for e in ents("Staff of Medecins Sans Frontieres and Unicef arrived.")}
    assert got["Medecins Sans Frontieres"][2] == "org:MSF"
    assert got["Unicef"][2] == "org:UNICEF"


def test_gazetteer_town_is_a_place_with_its_country():
    a = analyze("Shells fell on Manbij overnight, residents told reporters.",
                published="2019-01-10")
    m = actor(a, "Manbij")
    assert m.kind == "location" and m.country == "SYR"


def test_a_place_never_speaks():
    a = analyze("Manbij said nothing. \u201cWe are ready,\u201d Manbij said.",
                published="2019-01-10")
    assert all(not q.speakers for q in a.quotes)


def test_a_capital_still_speaks_for_its_government():
    a = analyze("\u201cWe will not accept this,\u201d Ankara said on Friday.",
                published="2019-01-10")
    sp = {x.id: x for x in a.actors}[a.quotes[0].speakers[0]]
    assert sp.country == "TUR" and sp.sector == "GOV"


def test_a_town_name_that_is_a_surname_stays_the_person():
    got = ents("John Bolton met envoys. Later Bolton flew home.")
    assert ("Bolton", "PERSON", "") in [(t, lab, "") for t, lab, _ in got]


def test_capitalised_words_up_to_an_organisation_head_are_one_org():
    doc = _nlp.load()("Fighters of the Free Harbour Liberation Front retreated on Monday.")
    fragment = Span(doc, 4, 5, label="PERSON")  # the kind of piece the model makes
    got = entities._org_runs(doc, [fragment])
    assert [(s.text, s.label_) for s in got] == [("Free Harbour Liberation Front", "ORG")]


def test_two_unknown_one_word_entities_side_by_side_are_one_person():
    doc = _nlp.load()("Yesterday Kerem Oztaskin criticised the plan.")
    spans = entities._join_split_names(doc, [Span(doc, 1, 2, label="GPE"),
                                             Span(doc, 2, 3, label="GPE")])
    assert [(s.text, s.label_) for s in spans] == [("Kerem Oztaskin", "PERSON")]


def test_patterns_are_cached_on_disk(tmp_path, monkeypatch):
    monkeypatch.setenv("COMMUNIQUE_CACHE", str(tmp_path))
    from communique.kb import KnowledgeBase
    nlp = _nlp.load()
    first = entities.patterns(nlp, KnowledgeBase.load())
    files = list(tmp_path.glob("kb-entities-*.pkl"))
    assert len(files) == 1 and first
    files[0].write_bytes(b"not a pickle")  # a broken cache is rebuilt, not an error
    assert entities.patterns(nlp, KnowledgeBase.load()) == first


def test_first_name_and_mr_surname_join_the_full_name():
    a = analyze("The school was opened on Monday by Omar Khalil, a teacher. Omar said it "
                "was safe. Mr Khalil's brother agreed with Khalil.", published="2020-02-02")
    x = actor(a, "Omar Khalil")
    assert {"Omar", "Khalil"} <= {m.text for m in x.mentions}
    assert len([y for y in a.actors if y.kind == "person"]) == 1


def test_acronym_and_expansion_are_one_actor():
    a = analyze("The Northern Relief Committee (NRC) sent trucks. Later the NRC said the "
                "roads were open.", published="2020-02-02")
    x = actor(a, "Northern Relief Committee")
    assert sum(m.text == "NRC" for m in x.mentions) == 2


def test_acronym_matching_the_capitals_of_an_organisation():
    a = analyze("The Coastal Defence Union held talks. CDU officials said little.",
                published="2020-02-02")
    assert actor(a, "CDU") is actor(a, "Coastal Defence Union")


def test_apposition_gives_the_role_and_one_actor():
    a = analyze("The Lebanese prime minister, Saad Hariri, spoke on Monday.",
                published="2019-03-14")
    x = actor(a, "Saad Hariri")
    assert any(m.text == "Lebanese prime minister" for m in x.mentions)
    assert x.country == "LBN"


def test_role_phrase_from_apposition_for_an_unknown_person():
    a = analyze("Colombia's defence minister, Ramiro Quintero, visited the base.",
                published="2021-05-01")
    x = actor(a, "Ramiro Quintero")
    assert x.country == "COL" and x.sector == "GOV"


def test_private_person_with_a_nationality():
    a = analyze("British volunteer Tom Ellery said he would stay.", published="2019-03-14")
    x = actor(a, "Tom Ellery")
    assert x.country == "GBR" and x.sector == "CVL"


def test_named_person_without_any_office_is_civilian():
    a = analyze("Mariam Odeh described the night the shelling began.", published="2019-03-14")
    assert actor(a, "Mariam Odeh").sector == "CVL"


def _runtime_imports(path: Path) -> set[str]:
    """Modules imported outside ``if TYPE_CHECKING`` blocks, anywhere in the file."""
    tree = ast.parse(path.read_text())
    skip = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip |= {id(n) for b in node.body for n in ast.walk(b)}
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and id(node) not in skip:
            out.add(node.module or "")
    return out


def test_no_import_cycles_between_stage_and_resolve_or_base_and_resolver():
    assert "stage" not in _runtime_imports(SRC / "actors" / "resolve.py")
    assert "base" not in _runtime_imports(SRC / "kb" / "resolver.py")
    assert "resolve" in _runtime_imports(SRC / "actors" / "stage.py")


def test_a_town_is_no_event_actor():
    a = analyze("Manbij attacked the convoy near the river.", published="2019-01-10")
    places = {x.id for x in a.actors if x.kind == "location"}
    assert all(not set(e.actors) & places for e in a.events)
