"""The scorer reads a predicted quote in PolNeAR's span conventions."""

from __future__ import annotations

from communique.evaluate.polnear import GoldAttribution, corpus_pieces, predictions, score_doc
from communique.model import Analysis, Article, Quote, Span


def _quote(text: str, n: int, inner: str, kind: str = "direct") -> Quote:
    s = text.index(inner)
    cue = text.index("noted")
    return Quote(id=f"Q{n}", kind=kind, content=Span.of(text, s, s + len(inner)),
                 cue=Span.of(text, cue, cue + 5), speaker_mention=Span.of(text, 0, 0))


def test_a_quote_split_by_its_cue_keeps_its_inner_marks():
    text = '“The bridge can wait,” the mayor noted, “but the school cannot.”'
    rec = Analysis(article=Article(text=text, id="x"), quotes=[
        _quote(text, 1, "The bridge can wait,"), _quote(text, 2, "but the school cannot.")])
    (pred,) = predictions(rec)
    a, b = text.index("“The"), text.index("wait,”") + 6
    c, d = text.index("“but"), len(text)
    gold = [GoldAttribution(content=[(a, b), (c, d)])]
    assert score_doc(text, gold, [pred])["exact_g"] == 1


def test_a_span_breaks_at_a_paragraph_end():
    text = "She noted the costs rose.\n\nThe rest is unknown."
    assert corpus_pieces(text, 10, len(text), False) == [
        (10, 25), (27, len(text))]


def test_indirect_content_takes_no_neighbouring_mark():
    text = 'He called it "late" and noted the date'
    s = text.index("the date")
    assert corpus_pieces(text, s, len(text), False) == [(s, len(text))]
    q = text.index("late")
    assert corpus_pieces(text, q, q + 4, True) == [(q - 1, q + 5)]
