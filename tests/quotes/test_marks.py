from communique.quotes.marks import find_regions, quoted_mask


def texts(s: str) -> list[str]:
    return [s[r.start:r.end] for r in find_regions(s)]


def test_straight_and_curly_double_marks():
    assert texts('He said "yes" and “no”.') == ['"yes"', "“no”"]


def test_single_marks_are_not_confused_with_apostrophes():
    s = "The minister's aide called it 'a dead end' on Monday, and didn't elaborate."
    assert texts(s) == ["'a dead end'"]
    assert texts("Rock 'n' roll in the '90s isn't a quote.") == []


def test_curly_single_and_plural_possessive():
    assert texts("She called the allies’ plan ‘a good start’.") == ["‘a good start’"]


def test_guillemets():
    assert texts("«Nous continuerons», a-t-il dit. ‹Oui›") == ["«Nous continuerons»", "‹Oui›"]


def test_quote_over_paragraphs_reopened_at_each_paragraph():
    s = '"The first part goes on.\n\n"And the second part ends here," she said.'
    regions = find_regions(s)
    assert len(regions) == 1
    assert regions[0].paragraphs == 2
    assert s[regions[0].start:regions[0].end].endswith('here,"')


def test_unmatched_mark_does_not_swallow_the_rest():
    s = 'He said "this never closes.\n\nLater, "a real quote," she said. And "another".'
    assert texts(s) == ['"a real quote,"', '"another"']


def test_nested_quotes_belong_to_the_outer_region():
    s = '"He told me \'never again\' and left," she said.'
    assert texts(s) == ['"He told me \'never again\' and left,"']


def test_mask_marks_quoted_characters():
    s = 'a "b" c'
    assert list(quoted_mask(s)) == [0, 0, 1, 1, 1, 0, 0]


def test_empty_and_markless_text():
    assert find_regions("") == []
    assert find_regions("No quotes at all.") == []


def test_a_closing_mark_typed_at_the_start_still_opens():
    assert texts("”We are leaving,” she said.") == ["”We are leaving,”"]
    assert texts("The end.” Then more.") == []
