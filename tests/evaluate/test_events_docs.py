"""Scoring events from the JSON record: document gold matching and the record's class."""

from __future__ import annotations

from communique.evaluate.events_docs import record_class, score_docs, side_right
from communique.events.docgold import GoldArg, GoldEvent

ACTORS = [{"id": "A1", "name": "Ruritania", "country": "RUR"},
          {"id": "A2", "name": "Freedonia", "country": "FRE"},
          {"id": "A3", "name": "the rebels", "country": None}]


def _ev(typ, trig, sent=(0, 100), actors=(), recipients=(), **flags):
    return {"type": typ, "trigger": {"start": trig, "end": trig + 5, "text": "x" * 5},
            "sentence": {"start": sent[0], "end": sent[1]}, "actors": list(actors),
            "recipients": list(recipients), "negated": flags.get("negated", False),
            "hypothetical": flags.get("hypothetical", False), "future": False}


def test_match_needs_type_and_sentence_and_is_one_to_one():
    gold = [GoldEvent("ASSAULT", (10, 16), actors=[GoldArg("Ruritania", "RUR")],
                      recipients=[GoldArg("Freedonia", "FRE")]),
            GoldEvent("ASSAULT", (40, 46), actors=[GoldArg("Freedonia", "FRE")]),
            GoldEvent("REQUEST", (150, 156))]
    record = {"actors": ACTORS, "events": [
        dict(_ev("ASSAULT", 10, actors=["A1"], recipients=["A2"]), main=True),  # all right
        _ev("ASSAULT", 12, actors=["A2"]),  # same sentence: takes the second gold event
        _ev("REQUEST", 150),  # gold REQUEST is in the next sentence: no match
        _ev("SANCTION", 60)]}
    r = score_docs([(gold, record)])
    assert r["events"]["tp"] == 2 and r["events"]["predicted"] == 4
    assert r["events"]["gold"] == 3
    assert r["by_type"]["ASSAULT"]["recall"] == 1.0
    assert r["by_type"]["REQUEST"]["tp"] == 0
    assert r["actor_country_accuracy"] == 1.0
    assert r["recipient_country_accuracy"] == 1.0
    # shown: 4; right type, actor and recipient: the first two (the second has no
    # recipient, as its gold)
    assert r["all_right_of_shown"] == 0.5
    assert r["main_precision"] == 1.0 and r["main_shown"] == 1
    assert r["other_precision"] == 1 / 3
    assert r["type_accuracy"] == 1.0  # only the first gold trigger overlaps a prediction


def test_sides_compare_countries_else_names_and_meetings_are_symmetric():
    index = {a["id"]: a for a in ACTORS}
    assert side_right([GoldArg("Ruritanian army", "RUR")], ["A1"], index)
    assert not side_right([GoldArg("Freedonia", "FRE")], ["A1"], index)
    assert side_right([GoldArg("rebels", None)], ["A3"], index)
    assert side_right([], [], index) and not side_right([], ["A1"], index)
    gold = [GoldEvent("CONSULT", (10, 15), actors=[GoldArg("Ruritania", "RUR")],
                      recipients=[GoldArg("Freedonia", "FRE")])]
    record = {"actors": ACTORS, "events": [_ev("CONSULT", 10, actors=["A1", "A2"])]}
    assert score_docs([(gold, record)])["all_right_of_shown"] == 1.0


def test_record_class_by_main_event_or_first_event_that_happened():
    rec = {"events": [_ev("ASSAULT", 0, hypothetical=True), _ev("CONSULT", 20),
                      _ev("ACCUSE", 40)]}
    assert record_class(rec, main="first") == 1  # the hypothetical assault does not count
    assert record_class(rec, main="main") == 0  # no main event: no news
    assert record_class(rec, main="main-else-first") == 1
    rec["events"][2]["main"] = True
    assert record_class(rec, main="main") == record_class(rec, main="main-else-first") == 3
    assert record_class(rec, main="first") == 1
    assert record_class({"events": [_ev("AID", 0, negated=True)]}, main="first") == 0
    assert record_class({"events": []}) == 0
