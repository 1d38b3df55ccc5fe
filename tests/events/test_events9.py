"""Constructions of issue 13 (events9): hyphenated trigger nouns kept whole, reciprocal
fights with both sides, judicial sanctions carried by serve/face and a court's "by"."""

from __future__ import annotations


def test_hyphenated_trigger_noun_is_one_noun(events, one):
    e = one(events("Isis recently launched a counter-offensive against the Syrian army."),
            "ASSAULT")
    assert e["trigger"] == "counter-offensive" and e["actors"] == ["Islamic State"]


def test_hyphenated_words_come_from_the_trigger_table():
    from communique.events.hyphens import hyphenated_words

    words = hyphenated_words()
    assert words["counter-offensive"] == "NN" and words["air-strikes"] == "NNS"
    assert words["co-operated"] == ""  # verb forms keep the tagger's tag


def test_clashes_between_two_sides(events):
    evs = events("Clashes between Syrian government troops and Kurdish fighters erupted "
                 "in Hasakah on Monday.")
    e = [x for x in evs if x["trigger"] == "Clashes"][0]
    assert e["actors"] == ["Syrian armed forces"] and e["recipients"] == ["Kurdish fighters"]


def test_infighting_keeps_the_actor_as_recipient(events, one):
    e = one(events("Infighting by local rebel forces has worsened an already dire crisis."),
            "ASSAULT")
    assert e["actors"] == e["recipients"] == ["local rebel forces"]


def test_a_sentence_served_in_a_state(events, one):
    e = one(events("John Smith is serving a seven-year jail sentence in Turkey."), "SANCTION")
    assert e["actors"] == ["Turkey"] and e["recipients"] == ["John Smith"]


def test_charges_faced_in_a_state(events, one):
    e = one(events("John Smith faces charges of terrorism in the United States."), "ACCUSE")
    assert e["actors"] == ["United States"] and e["recipients"] == ["John Smith"]


def test_convicted_by_a_court_misattached_to_the_charge(events, one):
    e = one(events("John Smith was convicted of murder by a British court."), "SANCTION")
    assert e["actors"] == ["British court"] and e["recipients"] == ["John Smith"]
