"""A known person's surname after another given name is another person (sentences of our
own): the knowledge base's alias "Maliki" must not make every al-Maliki the former
prime minister."""

from __future__ import annotations


def test_another_given_name_before_a_known_surname_is_someone_else(kb):
    r = kb.resolve("Turki al-Maliki", "2019-03-02")
    assert r["name"] == "Turki al-Maliki" and r["country"] is None
    r = kb.resolve("Sarah Trump", "2019-03-02")
    assert r["name"] == "Sarah Trump" and r["country"] is None


def test_a_stated_title_before_the_other_person_stays_theirs(kb):
    r = kb.resolve("coalition spokesman Turki al-Maliki", "2019-03-02")
    assert r["name"] == "Turki al-Maliki" and r["kind"] == "person"
    assert r["country"] != "IRQ"


def test_titles_and_honorifics_before_a_known_surname_still_find_the_holder(kb):
    for text in ("Mr al-Maliki", "Prime Minister Maliki", "Iraqi PM Maliki"):
        assert kb.resolve(text, "2010-01-01")["name"] == "Nouri al-Maliki", text
    assert kb.resolve("President Trump", "2019-03-02")["name"] == "Donald Trump"
    assert kb.resolve("Defence Secretary Esper", "2019-09-02")["name"] == "Mark Esper"


def test_foreign_ministry_spokespeople_and_un_ambassadors_of_much_covered_states(kb):
    r = kb.resolve("the Iranian foreign ministry spokesman", "2018-05-01")
    assert r["name"] == "Bahram Qasemi" and r["country"] == "IRN"
    r = kb.resolve("Indian foreign ministry spokesman", "2019-02-27")
    assert r["name"] == "Raveesh Kumar"
    assert kb.resolve("Syria's UN ambassador", "2018-04-10")["name"] == "Bashar Jaafari"
    assert kb.resolve("Hami Aksoy", "2019-10-10")["country"] == "TUR"
    r = kb.resolve("Pervin Buldan", "2019-10-10")
    assert r["country"] == "TUR" and r["sector"] == "OPP"


def test_a_new_row_with_a_common_surname_does_not_take_the_bare_surname(kb):
    # Iraq's foreign minister of the day keeps "Jaafari"; "Khan" is nobody in particular
    assert kb.resolve("Jaafari", "2018-04-10")["name"] == "Ibrahim al-Jaafari"
    assert kb.resolve("Khan", "2025-03-01")["name"] != "Shafqat Ali Khan"


def test_a_given_name_from_the_persons_own_names_is_that_person(kb):
    # "Mohammad" is in the KB person's alias "Abu Mohammad al-Julani": a spelling
    # variant of that name, not another person who shares the surname
    for text in ("Abu Mohammad al-Jolani", "Mohammad al-Jolani"):
        r = kb.resolve(text, "2020-01-01")
        assert (r["kind"], r["country"], r["sector"]) == ("person", "SYR", "REB"), text
    assert kb.resolve("Turki al-Maliki", "2018-01-01")["name"] != "Nouri al-Maliki"
