"""The actor stage in documents: clustering, the small model's slips, dated identities."""

from __future__ import annotations

from actor_helpers import actor

from communique import Options, analyze


def test_possessive_is_not_part_of_the_name():
    a = analyze("Donald Trump’s return worried allies. Trump's aides said little.",
                published="2025-03-01")
    t = actor(a, "Donald Trump")
    assert t.kind == "person" and t.name == "Donald Trump" and t.country == "USA"
    assert all(not m.text.endswith(("’s", "'s")) for m in t.mentions)


def test_a_known_surname_is_never_an_organisation():
    a = analyze("Trump has questioned the alliance. Trump met Macron in Paris.",
                published="2025-03-01")
    assert all(x.kind == "person" for x in a.actors if x.name == "Donald Trump")
    assert not [x for x in a.actors if "Trump" in x.name and x.kind == "organization"]


def test_bracketed_editorial_name_is_one_person():
    a = analyze('"We must raise the cost for (Russian President Vladimir) Putin," she said.',
                published="2024-11-13")
    p = actor(a, "Putin")
    assert p.name == "Vladimir Putin" and p.country == "RUS"
    assert {m.text for m in p.mentions} == {"Vladimir", "Putin"}


def test_role_held_on_the_publication_date():
    text = "Mark Rutte spoke to reporters in Brussels."
    assert actor(analyze(text, published="2020-01-01"), "Mark Rutte").country == "NLD"
    late = actor(analyze(text, published="2024-11-13"), "Mark Rutte")
    assert late.country == "IGO" and late.organization == "NATO"
    assert "Secretary General" in late.role


def test_mentions_cluster_by_surname_pronoun_and_title():
    text = ("German Chancellor Friedrich Merz arrived in Warsaw. Merz met Polish leaders. "
            "The chancellor said the talks went well, and he thanked his hosts.")
    a = analyze(text, published="2025-09-01")
    m = actor(a, "Friedrich Merz")
    texts = [x.text for x in m.mentions]
    assert "Merz" in texts and "The chancellor" in texts and "he" in texts
    assert m.country == "DEU" and "Chancellor" in m.role


def test_nationality_with_a_force_noun_is_that_force():
    a = analyze("North Korean troops were seen near Kursk alongside Russian soldiers.",
                published="2024-11-13")
    g = actor(a, "North Korean troops")
    assert (g.kind, g.country, g.sector) == ("organization", "PRK", "MIL")
    assert actor(a, "Russian soldiers").country == "RUS"


def test_metonyms_resolve_to_the_government():
    a = analyze("The Kremlin rejected the proposal, while Washington welcomed it.",
                published="2024-11-13")
    k = actor(a, "Kremlin")
    assert (k.country, k.sector) == ("RUS", "GOV")
    w = actor(a, "Washington")
    assert (w.country, w.sector) == ("USA", "GOV")


def test_a_capital_after_in_is_a_place():
    a = analyze("Leaders met in Paris on Monday.", published="2024-11-13")
    p = actor(a, "Paris")
    assert p.kind == "location" and p.country == "FRA"


def test_adjective_and_name_of_a_country_are_one_actor():
    a = analyze("French officials said France would send more aid.", published="2024-11-13")
    fr = [x for x in a.actors if x.country == "FRA" and x.kind == "country"]
    assert len(fr) == 1


def test_unknown_person_keeps_the_stated_title_and_country():
    a = analyze("Lt. Gen. Okello Amuru of Uganda said the border was calm.")
    p = actor(a, "Okello Amuru")
    assert (p.kind, p.country, p.sector) == ("person", "UGA", "MIL")
    a = analyze("Ugandan army chief Okello Amuru said the border was calm.")
    p = actor(a, "Okello Amuru")
    assert (p.country, p.sector) == ("UGA", "MIL") and "army chief" in p.role


def test_knowledge_base_can_be_switched_off():
    a = analyze("Mark Rutte spoke.", options=Options(knowledge_base=False))
    r = actor(a, "Mark Rutte")
    assert r.kind == "person" and r.country is None


def test_user_kb_file_overrides(tmp_path):
    extra = tmp_path / "extra.csv"
    extra.write_text(
        "name,aliases,surname,country,organization,role,offices,sector,start,end,wikidata,source\n"
        "Okello Amuru,,Amuru,UGA,,Chief of Defence Forces of Uganda,,MIL,2020-01-01,,,test\n")
    a = analyze("Okello Amuru said the border was calm.", published="2024-01-01",
                options=Options(kb_files=(str(extra),)))
    p = actor(a, "Okello Amuru")
    assert (p.country, p.sector) == ("UGA", "MIL")
