"""Each quote form the stage handles, on sentences written for these tests."""

from __future__ import annotations

import pytest

from communique import analyze


def only(text: str, kind: str | None = None):
    a = analyze(text)
    qs = [q for q in a.quotes if kind is None or q.kind == kind]
    assert qs, f"no {kind or ''} quote in {text!r}: {a.quotes}"
    return a, qs


def test_direct_with_attribution_after(speakers):
    a, qs = only('"We will reopen the crossing on Friday," Anna Berg said.', "direct")
    q = qs[0]
    assert q.content.text == "We will reopen the crossing on Friday,"
    assert q.cue.text == "said"
    assert speakers(a, q) == ["Anna Berg"]
    assert q.speaker_mention.text == "Anna Berg"


def test_direct_with_inverted_attribution(speakers):
    a, qs = only('"The talks are over for now," said Tomas Varga, the chief negotiator.')
    assert speakers(a, qs[0]) == ["Tomas Varga"]


def test_colon_lead_in(speakers):
    a, qs = only('Foreign Minister Anna Berg said: "Our patience has limits."', "direct")
    assert qs[0].content.text == "Our patience has limits."
    assert speakers(a, qs[0]) == ["Anna Berg"]


def test_attribution_in_the_middle_gives_both_halves_the_speaker(speakers):
    text = '"Our patience," Anna Berg said, "is not without limits."'
    a, qs = only(text, "direct")
    assert [q.content.text for q in qs] == ["Our patience,", "is not without limits."]
    assert all(speakers(a, q) == ["Anna Berg"] for q in qs)


def test_quote_over_two_paragraphs(speakers):
    text = ('Anna Berg spoke to reporters in Oslo on Monday.\n\n'
            '"The first thing we need is a ceasefire that holds.\n\n'
            '"Then we can talk about everything else," she said.')
    a, qs = only(text, "direct")
    q = qs[0]
    assert q.content.text.startswith("The first thing")
    assert q.content.text.endswith("everything else,")
    assert speakers(a, q) == ["Anna Berg"]


@pytest.mark.parametrize("marks", [("“", "”"), ("‘", "’"), ("'", "'"), ("«", "»")])
def test_curly_single_and_guillemet_marks(marks, speakers):
    o, c = marks
    a, qs = only(f"{o}We are ready to sign the agreement today,{c} Tomas Varga said.", "direct")
    assert qs[0].content.text == "We are ready to sign the agreement today,"
    assert speakers(a, qs[0]) == ["Tomas Varga"]


def test_dash_credit(speakers):
    text = '"A promise without a date is only a wish." — Maria Lindqvist'
    a, qs = only(text, "direct")
    assert speakers(a, qs[0]) == ["Maria Lindqvist"]
    assert qs[0].speaker_mention.text == "Maria Lindqvist"


def test_editorial_insertion_in_brackets_stays_inside_the_quote(speakers):
    text = ('Tomas Varga met the envoys on Monday. '
            '"We told (the Kremlin) that the border stays closed," he said.')
    a, qs = only(text, "direct")
    assert "(the Kremlin)" in qs[0].content.text
    assert speakers(a, qs[0]) == ["Tomas Varga"]
    assert qs[0].speaker_mention.text == "he"


def test_mixed_quote_content_is_the_reported_clause(speakers):
    text = 'Anna Berg said the proposal was "dead on arrival" and would be withdrawn.'
    a, qs = only(text, "mixed")
    q = qs[0]
    assert '"dead on arrival"' in q.content.text
    assert q.content.text.startswith("the proposal")
    assert speakers(a, q) == ["Anna Berg"]


def test_mixed_quote_with_its_object(speakers):
    a, qs = only('Anna Berg called the new proposal "a trap for the unwary".', "mixed")
    assert qs[0].content.text == 'the new proposal "a trap for the unwary"'
    assert speakers(a, qs[0]) == ["Anna Berg"]


def test_a_belief_verb_yields_to_the_speech_verb_above_it(speakers):
    text = 'Anna Berg told reporters she would consider any delay "a betrayal".'
    a, qs = only(text, "mixed")
    assert qs[0].cue.text == "told"
    assert qs[0].content.text.startswith("she would consider")
    assert speakers(a, qs[0]) == ["Anna Berg"]


def test_pronoun_speaker_resolved_to_previous_subject(speakers):
    text = ('Tomas Varga arrived in Vienna for the talks. '
            '"Nobody should expect miracles this week," he added.')
    a, qs = only(text, "direct")
    assert qs[0].speaker_mention.text == "he"
    assert speakers(a, qs[0]) == ["Tomas Varga"]


def test_pronoun_inside_a_quote_is_not_an_antecedent(speakers):
    text = ('Anna Berg spoke after the meeting. '
            '"We need to raise the cost for Viktor Kessel and his friends," she said.')
    a, qs = only(text, "direct")
    assert speakers(a, qs[0]) == ["Anna Berg"]


def test_surname_and_role_speakers(speakers):
    text = ('Finnish President Alexander Stubb arrived in Tallinn on Monday. '
            'The president said the two countries would share radar data. '
            '"This is good news for the whole region," Stubb told reporters.')
    a = analyze(text)
    by_kind = {q.kind: q for q in a.quotes}
    assert speakers(a, by_kind["indirect"]) == ["Alexander Stubb"]
    assert speakers(a, by_kind["direct"]) == ["Alexander Stubb"]


def test_joint_speakers(speakers):
    text = ('Anna Berg met Tomas Varga in Riga on Friday. '
            'He and Berg condemned the shelling of the port, describing it as "a crime".')
    a = analyze(text)
    joint = [q for q in a.quotes if len(q.speakers) == 2]
    assert joint, a.quotes
    assert sorted(speakers(a, joint[0])) == ["Anna Berg", "Tomas Varga"]
    assert joint[0].speaker_mention.text == "He and Berg"


@pytest.mark.parametrize("sentence, cue, content", [
    ("The minister said that the border would reopen next week.", "said",
     "that the border would reopen next week"),
    ("Anna Berg warned that the talks could collapse within days.", "warned",
     "that the talks could collapse within days"),
    ("Anna Berg urged the rebels to lay down their weapons.", "urged",
     "the rebels to lay down their weapons"),
    ("Anna Berg called for an immediate ceasefire in the north.", "called for",
     "an immediate ceasefire in the north"),
    ("Anna Berg pointed to the support the rebels have received from abroad.", "pointed to",
     "the support the rebels have received from abroad"),
    ("Anna Berg condemned the attack on the hospital.", "condemned",
     "the attack on the hospital"),
])
def test_indirect_reported_speech(sentence, cue, content):
    a, qs = only(sentence, "indirect")
    q = qs[0]
    assert q.cue.text == cue
    assert q.content.text == content


def test_content_before_the_cue(speakers):
    a, qs = only("The convoy will cross the border on Friday, officials said.", "indirect")
    q = qs[0]
    assert q.cue.text == "said"
    assert q.content.text == "The convoy will cross the border on Friday"
    assert q.speaker_mention.text == "officials"


def test_relative_pronoun_speaker_is_its_antecedent(speakers):
    text = "The talks were praised by Anna Berg, who said that both sides had shown courage."
    a, qs = only(text, "indirect")
    assert qs[0].speaker_mention.text == "who"
    assert speakers(a, qs[0]) == ["Anna Berg"]


def test_it_as_speaker_is_shown_not_guessed():
    a, qs = only("The ministry issued a report. It says that exports fell by a third.",
                 "indirect")
    (q,) = [q for q in qs if q.cue.text == "says"]
    assert q.speaker_mention.text == "It" and q.speakers == []


def test_according_to():
    text = "The convoy was stopped at the border, according to the interior ministry."
    a, qs = only(text, "indirect")
    q = qs[0]
    assert q.cue.text == "according to"
    assert q.content.text == "The convoy was stopped at the border"
    assert "ministry" in q.speaker_mention.text


def test_unmatched_mark_keeps_the_rest_of_the_article(speakers):
    text = ('Anna Berg said "the talks will go on.\n\n'
            'Later that day, Tomas Varga spoke. "We are not leaving," he said.')
    a = analyze(text)
    direct = [q for q in a.quotes if q.kind == "direct"]
    assert [q.content.text for q in direct] == ["We are not leaving,"]
    assert speakers(a, direct[0]) == ["Tomas Varga"]


def test_scare_quotes_and_titles_are_not_quotes():
    a = analyze('The so-called "peace plan" was discussed in the film "Cold Border" last year.')
    assert a.quotes == []


def test_no_quotes_in_plain_narrative():
    a = analyze("The convoy crossed the river at dawn and reached the city by noon.")
    assert a.quotes == []


def test_spans_are_exact_slices_of_the_text():
    text = ('Anna Berg said: "Our patience has limits." '
            'Tomas Varga said the offer was "too little, too late".')
    a = analyze(text)
    for q in a.quotes:
        for span in (q.content, q.cue, q.speaker_mention):
            if span is not None:
                assert text[span.start:span.end] == span.text


def test_a_verb_in_the_next_sentence_reports_only_if_someone_speaks(speakers):
    """After a quote that ends a sentence, "The session continued." or "The mayor
    answered." starts a new sentence, so the quote goes on with the speaker before it;
    a name after it ("Karin Holm said so") still reports it."""
    text = ('"The offer is serious," the envoy said after the meeting. "We expect an '
            'answer within days." The session continued.')
    a, qs = only(text, "direct")
    assert [q.content.text for q in qs] == ["The offer is serious,",
                                            "We expect an answer within days."]
    assert [speakers(a, q) for q in qs] == [["envoy"], ["envoy"]]
    assert all(q.cue.text == "said" for q in qs)
    a, qs = only('"The border stays closed." Karin Holm said so on Friday.', "direct")
    assert speakers(a, qs[0]) == ["Karin Holm"]
    text = ('A teacher had a question for the mayor. "As a parent, I worry about the '
            'schools," she said. "Will the budget pay for new teachers?" The mayor answered '
            'at length.')
    a, qs = only(text, "direct")
    assert [speakers(a, q) for q in qs] == [["teacher"], ["teacher"]]


def test_according_to_when_the_parser_swallows_the_clause():
    """The small model sometimes reads "According to X, the offer smells of ..." with
    "smells" a noun in apposition to X, so the clause hangs inside the source (a parse
    built by hand): the source then ends at the first comma, past an apposition."""
    from spacy.tokens import Doc

    from communique.actors import find_actors
    from communique.nlp import load
    from communique.quotes import cues
    from communique.quotes.marks import find_regions, quoted_mask
    from communique.quotes.stage import find_quotes

    words = ["According", "to", "Tom", "Hale", ",", "a", "union", "leader", ",", "the",
             "offer", "smells", "of", "contempt", "."]
    doc = Doc(load().vocab, words=words,
              heads=[0, 0, 3, 1, 3, 7, 7, 3, 3, 11, 11, 3, 11, 12, 0],
              deps=["ROOT", "prep", "compound", "pobj", "punct", "det", "compound", "appos",
                    "punct", "det", "compound", "appos", "prep", "pobj", "punct"],
              pos=["VERB", "ADP", "PROPN", "PROPN", "PUNCT", "DET", "NOUN", "NOUN", "PUNCT",
                   "DET", "NOUN", "NOUN", "ADP", "NOUN", "PUNCT"],
              ents=["O", "O", "B-PERSON", "I-PERSON"] + ["O"] * 11)
    regions = find_regions(doc.text)
    index = find_actors(doc, quoted_mask(doc.text, regions))
    drafts = find_quotes(doc, regions, index, cues.load(()))
    assert [doc.text[slice(*d.content)] for d in drafts] == ["the offer smells of contempt"]
    assert doc.text[slice(*drafts[0].speaker_mention)] == "Tom Hale"


def test_a_line_labelled_with_a_name_is_that_speakers(speakers):
    """Transcripts and headlines: "NAME: words" at the start of a line; a place, a heading
    word or a line in the middle of a sentence is no label."""
    text = ("Interview with the defence minister Karin Holm.\n\n"
            "HOST: Will the army buy the new tanks this year?\n\n"
            "HOLM: We will decide in the spring, not before.\n\n"
            "OSLO: The talks went on late into the night.\n\n"
            "Update: the vote was delayed to Friday.\n\n"
            "Holm: Budget 'Will Not Be Cut' Next Year\n")
    a = analyze(text)
    labelled = [q for q in a.quotes if q.cue and q.cue.text == ":"]
    assert [q.content.text for q in labelled] == [
        "Will the army buy the new tanks this year?",
        "We will decide in the spring, not before.",
        "Budget 'Will Not Be Cut' Next Year"]
    assert [speakers(a, q) for q in labelled[1:]] == [["Karin Holm"], ["Karin Holm"]]
    assert [q.kind for q in labelled] == ["indirect", "indirect", "mixed"]
    assert labelled[1].speaker_mention.text == "HOLM"


def test_a_quote_right_after_the_previous_quotes_credit_continues_it():
    # the second sentence in marks follows "she said." in the same paragraph: same cue,
    # same speaker mention, even when the pronoun resolves to no actor
    a, qs = only('“We rebuilt the pier in six weeks,” she said. '
                 '“The harbour board paid for every plank.”', "direct")
    assert [q.content.text for q in qs] == ["We rebuilt the pier in six weeks,",
                                            "The harbour board paid for every plank."]
    assert [q.cue.text for q in qs] == ["said", "said"]
    assert [q.speaker_mention.text for q in qs] == ["she", "she"]


def test_an_imperative_conjoined_to_a_finite_verb_inherits_no_speaker():
    a = analyze("Yes, there have been repeated bomb attacks against Peru by a band of "
                "zealots the regime is partly responsible for arming: but note they have "
                "repeatedly targeted farmers.")
    assert not any(q.speaker_mention and "attacks" in q.speaker_mention.text
                   for q in a.quotes)
