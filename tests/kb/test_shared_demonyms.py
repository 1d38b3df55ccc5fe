"""A demonym two countries share ("Congolese", "Guinean") before a known person's
name: the person's own office decides the country; without a name the table's
country stays."""

import pytest

from communique.kb import KnowledgeBase
from communique.kb.interpret import _shared_demonyms


@pytest.mark.parametrize(("text", "date", "country"), [
    ("Congolese President Denis Sassou Nguesso", "2016-03-01", "COG"),
    ("Congolese President Felix Tshisekedi", "2021-03-01", "COD"),
    ("Guinean President Umaro Sissoco Embalo", "2022-05-01", "GNB"),
    ("Guinean President Alpha Conde", "2016-05-01", "GIN"),
])
def test_the_persons_office_decides(kb: KnowledgeBase, text: str, date: str,
                                    country: str) -> None:
    got = kb.resolve(text, date)
    assert (got["kind"], got["country"], got["sector"]) == ("person", country, "GOV")


def test_without_a_name_the_adjective_keeps_its_country(kb: KnowledgeBase) -> None:
    assert kb.resolve("the Congolese president", "2016-03-01")["country"] == "COD"


def test_a_stated_office_the_person_never_held_stays_stated(kb: KnowledgeBase) -> None:
    # an office neither country gave the person: the text's country is kept
    got = kb.resolve("Congolese foreign minister Denis Sassou Nguesso", "2016-03-01")
    assert got["country"] == "COD"


def test_every_row_names_known_countries(kb: KnowledgeBase) -> None:
    for adjective, others in _shared_demonyms().items():
        assert others, adjective
        assert all(c in kb.countries for c in others), adjective
