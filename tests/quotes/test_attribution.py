"""Statements, beliefs, perception and action; speakers of continuations and of the writer.

Sentences written for these tests. They run through the whole pipeline with the shipped
model (rules and model combined), so they hold for what a user gets.
"""

from __future__ import annotations

import pytest

from communique import analyze
from communique.options import Options
from communique.quotes import cues


def test_statements_by_default_beliefs_on_request():
    text = "The minister said the border would reopen. Her deputy fears that the talks will fail."
    default = analyze(text)
    assert [q.attribution for q in default.quotes] == ["statement"]
    assert "border" in default.quotes[0].content.text
    both = analyze(text, options=Options(beliefs=True))
    kinds = {q.attribution for q in both.quotes}
    assert kinds == {"statement", "belief"}
    belief = next(q for q in both.quotes if q.attribution == "belief")
    assert "talks will fail" in belief.content.text


def test_intentions_are_marked_and_kept_only_on_request():
    text = "The governor wants to cut the state budget by a tenth next year."
    assert analyze(text).quotes == []
    q = analyze(text, options=Options(beliefs=True)).quotes
    assert [x.attribution for x in q] in ([], ["intention"])


def test_attribution_field_round_trips():
    from communique.model import Quote

    q = analyze("The minister said the border would reopen.").quotes[0]
    d = q.to_dict()
    assert d["attribution"] == "statement"
    assert Quote.from_dict(d).attribution == "statement"
    del d["attribution"]
    assert Quote.from_dict(d).attribution == "statement"  # older records


@pytest.mark.parametrize("lemma,cls", [("realise", "perception"), ("notice", "perception"),
                                       ("attack", "action"), ("seize", "action")])
def test_perception_and_action_verbs_never_cue(lemma, cls):
    lex = cues.load()
    assert lex.classes[(lemma, "VERB")] == cls
    assert lex.get(lemma, "VERB") is None and lex.attribution(lemma, "VERB") is None


@pytest.mark.parametrize("text", [
    "I realised how badly the negotiations had gone for the opposition.",
    "The rebels attacked the northern city before dawn on Sunday.",
    "Police noticed that the convoy had left the depot early.",
])
def test_no_quote_from_perception_or_action(text):
    a = analyze(text, options=Options(beliefs=True))
    assert a.quotes == [], a.quotes


def test_writers_own_sentences_are_not_quotes():
    text = ("I think the new tariffs are a mistake. We have argued for years that trade "
            "wars hurt farmers. I believe the senators will regret this vote.")
    assert analyze(text, options=Options(beliefs=True)).quotes == []


def test_first_person_inside_quotation_marks_is_still_a_quote():
    text = '"I think the tariffs are a mistake," the senator said.'
    qs = analyze(text).quotes
    assert qs and qs[0].speaker_mention.text == "the senator"


def test_continuation_paragraph_keeps_its_speaker(speakers):
    text = ('"The ceasefire is holding in the east," said Defence Minister Lena Holm.\n\n'
            '"Our units have not fired a single shot since Monday, and we expect the '
            'other side to keep its word."\n\n'
            "The opposition leader has not commented on the agreement.")
    a = analyze(text)
    direct = [q for q in a.quotes if q.kind == "direct"]
    assert len(direct) == 2
    assert all(speakers(a, q) == ["Lena Holm"] for q in direct), direct


def test_negated_cue_after_a_quote_gives_no_speaker():
    text = ('"We will not withdraw from the town until the talks resume and the prisoners '
            'are freed."\n\nThe army has not commented.')
    a = analyze(text)
    for q in a.quotes:
        assert q.speaker_mention is None or "army" not in q.speaker_mention.text


def test_unknown_quote_model_is_refused():
    with pytest.raises(ValueError, match="quote_model"):
        Options(quote_model="neural")


def test_rules_alone_still_available():
    a = analyze("The minister said the border would reopen.",
                options=Options(quote_model="rules"))
    assert a.quotes and "border" in a.quotes[0].content.text


def test_speech_verb_after_a_preposition_takes_the_main_subject():
    # "after telling ...": the teller is the subject of the verb the preposition hangs off
    text = ("The mayor left the council meeting early after telling reporters that the "
            "bridge repairs would be finished by spring.")
    a = analyze(text)
    q = next(q for q in a.quotes if "bridge repairs" in q.content.text)
    assert q.speaker_mention is not None and q.speaker_mention.text.endswith("mayor")


def test_headline_run_into_the_first_sentence_does_not_hide_its_speaker():
    # the parse gives "said" a second subject in the headline above it
    text = ("Governor Ortiz\n\nIn a speech to farmers on Tuesday, state senator Maria Lund "
            "said the drought relief would arrive within weeks.")
    q = next(q for q in analyze(text).quotes if "drought relief" in q.content.text)
    assert q.speaker_mention is not None and q.speaker_mention.text.endswith("Lund")
