"""Name variants and split or mistyped names within one article (branch actors12):
sentences written for these tests."""

from __future__ import annotations

from actor_helpers import actor

from communique import analyze
from communique import nlp as _nlp


def ents(text):
    return [(e.text, e.label_) for e in _nlp.load()(text).ents]


def test_a_courtesy_title_makes_a_place_like_name_a_person_everywhere():
    a = analyze("Ahmet Karaca said the border was closed. Mr Karaca, 54, added that "
                "trade had stopped.", published="2019-03-01")
    x = actor(a, "Ahmet Karaca")
    assert x.kind == "person"
    assert len(x.mentions) == 2
    assert [q.speakers for q in a.quotes] == [[x.id], [x.id]]


def test_a_name_the_model_runs_across_a_semicolon_is_two_names():
    found = ents("Militants took the historic city of Palmyra; Isis destroyed a "
                 "monastery there.")
    assert ("Palmyra; Isis", "ORG") not in found
    assert any(t == "Isis" for t, _ in found)
