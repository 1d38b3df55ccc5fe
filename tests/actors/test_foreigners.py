"""Foreigners in an article about another country, and resolver slips (branch actors5):
sentences written for these tests."""

from __future__ import annotations

from actor_helpers import actor

from communique import analyze

SYRIA = ("Syrian forces attacked the town. The Syrian army said it had won. Syria's "
         "government said so. ")


def test_where_a_person_is_from_gives_their_country_over_the_articles():
    a = analyze(SYRIA + "Tom Reed, 24, from Bournemouth, fought with the YPG. Like Ann "
                "Cole, Sam Bird grew up in west London. Lord Hale said it was wrong.",
                published="2019-03-01")
    assert actor(a, "Tom Reed").country == "GBR"
    assert actor(a, "Sam Bird").country == "GBR"
    assert actor(a, "Ann Cole").country == "GBR"
    assert actor(a, "Hale").country == "GBR"


def test_a_foreign_volunteer_and_a_foreign_movements_activist_take_no_article_country():
    a = analyze(SYRIA + "Dan Fry, a foreign volunteer, said he stayed. Eda Kaya, an "
                "activist with the Kurdish Women's Movement, said no.",
                published="2019-03-01")
    assert actor(a, "Dan Fry").country is None
    assert actor(a, "Eda Kaya").country is None


def test_a_nationality_with_a_relative_is_a_person_of_it():
    a = analyze(SYRIA + "Her children, born to her and her Dutch husband, died.",
                published="2019-03-01")
    x = actor(a, "Dutch husband")
    assert (x.kind, x.country, x.sector) == ("person", "NLD", "CVL")


def test_the_uns_envoy_for_a_country_is_the_uns():
    a = analyze(SYRIA + "The siege that the UN's Syria envoy has said could match Aleppo "
                "went on.", published="2018-07-01")
    assert actor(a, "the UN's Syria envoy").country == "IGO"


def test_a_statement_from_the_white_house_is_the_us_governments_words():
    a = analyze("\"We will leave,\" the announcement from the White House said.",
                published="2019-03-01")
    q = a.quotes[0]
    assert next(x for x in a.actors if x.id == q.speakers[0]).country == "USA"
