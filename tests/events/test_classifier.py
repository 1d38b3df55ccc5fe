"""The sentence-level quad classifier: a short seeded training run on sentences of our
own (CI never trains the shipped model), and the shipped model marking main events."""

from __future__ import annotations

import numpy as np

from communique.events.classifier import (
    HASH_DIM,
    RULE_DIM,
    SentenceModel,
    load_model,
    pick_main,
)
from communique.events.stage import EventDraft

ROWS = [
    ("The spokesman said the weather in the capital was mild.", 0),
    ("The minister spoke about the history of the harbour.", 0),
    ("Ruritania and Freedonia agreed to hold talks next month.", 1),
    ("The president praised the neighbouring government for its help.", 1),
    ("Freedonia sent two hundred tonnes of grain to Ruritania.", 2),
    ("The navy delivered medical supplies to the island's hospitals.", 2),
    ("The foreign ministry condemned the Ruritanian government.", 3),
    ("The opposition accused the prime minister of lying.", 3),
    ("Rebels attacked an army base near the northern border.", 4),
    ("Government troops shelled the rebel-held town overnight.", 4),
]


def _draft(typ: str, start: int, depth: int = 0, **flags) -> EventDraft:
    return EventDraft(type=typ, mode=None, trigger=(start, start + 4), sentence=(0, 99),
                      depth=depth, **flags)


def test_pick_main_follows_the_class_then_the_rules():
    evs = [_draft("ASSAULT", 30, depth=2), _draft("CONSULT", 5, depth=0),
           _draft("ACCUSE", 50, depth=0, negated=True)]
    assert pick_main(evs, 0) is None
    assert pick_main(evs, 4) is evs[0]  # the class picks the buried assault
    assert pick_main(evs, 1) is evs[1]
    assert pick_main(evs, 3) is evs[1]  # the accusation did not happen: the rules' choice
    assert pick_main([], 2) is None


def test_training_on_a_few_sentences_is_seeded_and_saves_weights(tmp_path):
    from communique.events.train import featurize, fit, scores

    data = featurize(ROWS)
    assert data.x.shape == (len(ROWS), 2 * 96 + HASH_DIM + RULE_DIM)
    a = fit(data.x, data.y)
    b = fit(data.x, data.y)
    assert np.array_equal(a.coef, b.coef)  # seeded: the same weights twice
    assert scores(data.y, a.predict(data.x))["accuracy"] >= 0.9  # fits what it saw
    a.save(tmp_path / "m.npz")
    c = SentenceModel.read(tmp_path / "m.npz")
    assert np.array_equal(c.predict(data.x), a.predict(data.x))


def test_shipped_model_marks_at_most_one_main_event_per_sentence():
    from communique import analyze

    assert load_model() is not None  # the weights ship inside the package
    text = ("Rebels attacked an army base near the northern border on Monday. "
            "The spokesman said the weather in the capital was mild.")
    a = analyze(text)
    per_sentence: dict[int, int] = {}
    for e in a.events:
        per_sentence[e.sentence[0]] = per_sentence.get(e.sentence[0], 0) + e.main
    assert all(v <= 1 for v in per_sentence.values())
    assert any(e.main and e.type == "ASSAULT" for e in a.events)


def test_ranker_picks_the_best_scoring_option():
    from communique.events.mainpick import MainRanker, labels, options

    evs = [_draft("ASSAULT", 30, depth=3), _draft("CONSULT", 5, depth=0)]
    p = np.asarray([0.1, 0.2, 0.1, 0.1, 0.5])
    opts = options(evs, p)
    assert opts[0][0] is None and [e for e, _ in opts[1:]] == evs
    by_p = MainRanker(("p",), np.asarray([1.0], np.float32), 0.0)
    assert by_p.pick(evs, p) is evs[0]  # the likelier class, however deep
    nothing = MainRanker(("none",), np.asarray([5.0], np.float32), 0.0)
    assert nothing.pick(evs, p) is None
    assert labels(opts, 4) == [0, 1, 0]
    assert labels(opts, 0) == [1, 0, 0]
    assert labels(opts, 2) == [0, 0, 0]  # an event none of the candidates has


def test_training_ships_the_ranker_with_the_weights(tmp_path):
    report = train_rows(tmp_path)
    m = SentenceModel.read(tmp_path / "m.npz")
    assert m.ranker is not None and "none" in m.ranker.names
    assert report["sha256"]


def train_rows(tmp_path):
    from communique.events.train import train

    f = tmp_path / "rows.tsv"
    f.write_text("".join(f"{s}\t{y}\n" for s, y in ROWS), encoding="utf-8")
    return train(f, tmp_path / "m.npz", cv=False)


def test_news_is_one_predicate_for_the_rules_the_class_and_the_ranker():
    """Happened and not a noun's modifier: the same test in ``stage.main_event``,
    ``classifier.pick_main`` and ``mainpick.options`` (events13)."""
    from communique.events.mainpick import options
    from communique.events.stage import main_event

    backed = _draft("SUPPORT", 5, depth=0, modifier=True)  # "Freedonia-BACKED rebels"
    future = _draft("ASSAULT", 20, depth=0, hypothetical=True)
    shelled = _draft("ASSAULT", 40, depth=1)
    evs = [backed, future, shelled]
    assert [e.news for e in evs] == [False, False, True]
    assert backed.happened and not future.happened
    assert main_event(evs) is shelled
    assert pick_main(evs, 1) is shelled  # no news of the class: the rules' choice
    assert pick_main(evs, 4) is shelled
    p = np.asarray([0.2, 0.2, 0.2, 0.2, 0.2])
    assert [e for e, _ in options(evs, p)] == [None, shelled]
    assert main_event([backed, future]) is None
