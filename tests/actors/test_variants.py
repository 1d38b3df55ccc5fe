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


def test_its_spokesman_and_the_groups_spokesman_are_the_groups_people():
    for line in ("Its spokesman, Dilan Sorkhi, said the fighting was over.",
                 "A spokesman for the group, Dilan Sorkhi, said the fighting was over.",
                 "\u201cWe will stay,\u201d said the group's spokesman, Dilan Sorkhi."):
        a = analyze("The Syrian Democratic Forces took the town on Monday. " + line,
                    published="2019-03-01")
        x = actor(a, "Dilan Sorkhi")
        assert (x.kind, x.country, x.sector) == ("person", "SYR", "REB"), line


def test_a_one_word_name_with_a_who_clause_or_a_role_apposition_is_a_person():
    a = analyze("Abdulrahman, who asked to be identified only by his first name, said the "
                "bombs fell all night.", published="2019-03-01")
    assert actor(a, "Abdulrahman").kind == "person"


def test_a_one_word_name_described_as_a_private_person_is_no_office_holder():
    a = analyze("The shelling went on all night. \u201cThere is no food,\u201d said Ahmed, a "
                "34-year-old father of three from Raqqa.", published="2019-03-01")
    x = actor(a, "Ahmed")
    assert (x.name, x.sector) == ("Ahmed", "CVL")
    assert x.country == "SYR"


def test_an_armed_groups_commander_has_the_groups_sector_not_the_armys():
    a = analyze("The Syrian Democratic Forces fought back. \u201cWe will hold the city,\u201d "
                "said Rezan Hemo, the commander of the SDF. Rebel commander Abu Faris "
                "said his men held the line.", published="2019-03-01")
    assert actor(a, "Rezan Hemo").sector == "REB"
    assert actor(a, "Abu Faris").sector == "REB"


def test_a_kurdish_official_takes_the_country_of_the_kurdish_group_named():
    a = analyze("The Syrian Democratic Forces took the town. A senior Kurdish official, "
                "Aldar Kheli, said the talks had failed.", published="2019-03-01")
    assert actor(a, "Aldar Kheli").country == "SYR"
    b = analyze("The talks had failed, a senior Kurdish official, Aldar Kheli, said.",
                published="2019-03-01")
    assert actor(b, "Aldar Kheli").country is None


def test_kurdish_officials_take_the_country_of_the_kurdish_group_named():
    a = analyze("The Syrian Democratic Forces took the town. Kurdish officials said 20 "
                "civilians had been killed.", published="2019-03-01")
    assert actor(a, "Kurdish officials").country == "SYR"
