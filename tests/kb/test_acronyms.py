"""Acronyms several bodies bear (kb/acronyms.py, data/acronyms.csv): the stated
country's body, else the default on the date (facts from public record)."""

from __future__ import annotations

import datetime as dt

import pytest

from communique.kb import KnowledgeBase, acronyms


@pytest.mark.parametrize(("text", "date", "country", "sector"), [
    ("the Malawian DPP", "2020-06-01", "MWI", "PTY"),     # the alias names Taiwan's
    ("the DPP", "2020-06-01", "TWN", "PTY"),
    ("Guyana's PPP", "2020-06-01", "GUY", "PTY"),
    ("the PPP", "2020-06-01", "PAK", "PTY"),              # the default on the date
    ("the RCD", "2001-06-01", "COD", "REB"),              # Congo's rebels then
    ("the RCD", "2012-06-01", "DZA", "PTY"),              # Algeria's party later
    ("Nigeria's DSS", "2020-06-01", "NGA", "SPY"),
    ("the Singaporean SAF", "2020-06-01", "SGP", "MIL"),
])
def test_acronyms_by_country_and_date(kb: KnowledgeBase, text: str, date: str,
                                      country: str, sector: str) -> None:
    got = kb.resolve(text, date)
    assert (got["country"], got["sector"]) == (country, sector), got


def test_a_stated_country_keeps_its_acronym_from_another_states_body(kb: KnowledgeBase
                                                                       ) -> None:
    # no row for a Zambian "LDP": not Japan's party, the stated country with the sector
    got = kb.resolve("Zambia's LDP", "2020-06-01")
    assert (got["country"], got["sector"]) == ("ZMB", "PTY")
    # an acronym with no default names no one without a country
    day = dt.date(2020, 6, 1)
    assert acronyms.lookup("SAF", None, day) is None
    assert acronyms.lookup("SAF", "SDN", day).sector == "MIL"
