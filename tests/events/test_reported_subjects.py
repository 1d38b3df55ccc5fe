"""The subject pronoun of a reported clause is the reporter (cameo13; sentences written for
these tests): "the ministry said it would ...", "the insurgents announced they ...". Agreement
keeps a person's "it" and one person's "they" open."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("text", "trigger", "actor"), [
    ("The Moldovan government announced that it will expel two Russian diplomats.",
     "expel", "Moldova"),
    ("The Chadian army says it has captured three rebel commanders near Abeche.",
     "captured", "Chad"),
    ("Houthi rebels said they would release forty Saudi prisoners next week.",
     "release", "Houthi"),
])
def test_reported_pronoun_is_the_reporter(events, text, trigger, actor):
    hits = [e for e in events(text) if e["trigger"] == trigger]
    assert hits, events(text)
    assert any(actor.lower() in a.lower() for e in hits for a in e["actors"]), hits


def test_a_made_clear_clause_reaches_the_reporter(events, one):
    e = one(events("The Polish government has made it clear it will not lift the embargo on "
                   "Belarus."), "REJECT")
    assert e["actors"] and "Poland" in e["actors"][0] or "Polish" in e["actors"][0], e


def test_agreement_keeps_one_persons_they_open():
    from communique import nlp as _nlp
    from communique.events.reported import reporter

    doc = _nlp.load()("The union chairman said they will not end the strike.")
    they = next(t for t in doc if t.lower_ == "they")
    assert reporter(they) is None
    doc = _nlp.load()("The Kenyan rebels said they will not end the siege.")
    they = next(t for t in doc if t.lower_ == "they")
    assert reporter(they) is not None and reporter(they).lower_ == "rebels"
    doc = _nlp.load()("Emmanuel Macron said it will not end the siege.")
    it = next(t for t in doc if t.lower_ == "it")
    assert reporter(it) is None  # a person is not "it"


def test_subject_parsed_under_the_auxiliary(events, one):
    # the small model hangs a coordinated subject on "have"
    e = one(events("Canada and Norway have opposed the proposals in the Arctic Council."),
            "REJECT")
    assert set(e["actors"]) >= {"Canada", "Norway"}, e


def test_a_thing_object_does_not_control_the_infinitive(events):
    evs = events("Kenyan police launched raids to arrest 40 suspected smugglers.")
    arrest = [e for e in evs if e["trigger"] == "arrest"]
    assert arrest and "police" in arrest[0]["actors"][0].lower(), evs
    evs = events("Ghana urged Togo to reopen the border.")
    reopen = [e for e in evs if e["trigger"] == "reopen"]
    assert not reopen or reopen[0]["actors"] == ["Togo"], evs


def test_agreeing_an_agreement_lends_the_subject(events, one):
    e = one(events("Peru and Chile have agreed a new fisheries agreement."), "AGREE")
    assert set(e["actors"]) == {"Peru", "Chile"}, e
