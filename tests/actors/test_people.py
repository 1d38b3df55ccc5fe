"""What the text says about people the knowledge base lacks (actors/people.py), and
name variants of one person (actors/stage.py). Sentences written for these tests."""

from __future__ import annotations

from actor_helpers import actor

from communique import analyze


def test_a_country_name_before_expert_is_the_subject_not_the_nationality():
    a = analyze("Peter Wolf, an Iran analyst, said the talks had failed.",
                published="2021-05-04")
    p = actor(a, "Peter Wolf")
    assert p.kind == "person" and p.country is None and p.sector == "EDU"
    assert actor(a, "Iran").kind == "country"  # still a mention of its own


def test_an_analyst_at_an_institute_in_a_capital_takes_its_country():
    a = analyze("Peter Wolf, an Iran analyst at the Brookings Institution in Washington, "
                "said the talks had failed.", published="2021-05-04")
    p = actor(a, "Peter Wolf")
    assert p.country == "USA" and p.sector == "EDU"


def test_a_spokeswoman_for_an_armed_group_takes_its_country_and_sector():
    a = analyze("Mira Haddad, a spokeswoman for the SDF, said the town had fallen.",
                published="2019-02-10")
    p = actor(a, "Mira Haddad")
    assert (p.country, p.sector, p.organization) == ("SYR", "REB", "SDF")


def test_a_place_of_origin_gives_a_private_person_a_country():
    a = analyze("Those were the words of Sam Cole, a cheerful 40-year-old bus driver from "
                "south London, as the troops advanced.", published="2019-02-10")
    p = actor(a, "Sam Cole")
    assert p.country == "GBR" and p.sector == "CVL"


def test_coordinated_names_share_the_description_before_them():
    a = analyze("The victims included the British aid workers Tim Ross and Ann Lee.",
                published="2016-02-10")
    for name in ("Tim Ross", "Ann Lee"):
        p = actor(a, name)
        assert (p.country, p.sector) == ("GBR", "NGO"), name


def test_a_relative_shares_the_country_of_the_person_named():
    a = analyze("The dead included the US reporter Bob Fay. Fay's mother Ruth said she "
                "hoped for a trial.", published="2016-02-10")
    assert actor(a, "Bob Fay").country == "USA"
    r = actor(a, "Ruth")
    assert r.country == "USA" and r.sector == "CVL"


def test_an_unnamed_speaker_takes_the_stated_nationality():
    a = analyze('"We have no water," said a Canadian mother of three in the camp.',
                published="2019-02-10")
    q = a.quotes[0]
    sp = next(x for x in a.actors if x.id == q.speakers[0])
    assert sp.kind == "person" and sp.country == "CAN"


def test_a_known_person_working_for_an_organisation_takes_that_role():
    a = analyze("Jan Egeland, a humanitarian adviser to the UN, said the border must open.",
                published="2018-07-01")
    p = actor(a, "Jan Egeland")
    assert p.country == "IGO" and p.sector == "IGO"


def test_a_name_the_model_tags_otherwise_is_a_person_when_a_role_describes_it():
    a = analyze("The 30-year-old Nadia Karim – an activist with the Women’s Union – "
                "struggles to speak. “It is hard,” she tells me.", published="2019-02-10")
    p = actor(a, "Nadia Karim")
    assert p.kind == "person"
    assert "she" in [m.text for m in p.mentions]


def test_common_words_opening_a_person_entity_are_not_the_name():
    a = analyze("Photographs of Alan’s body dominated front pages, and touched a nerve with "
                "Hosseini.", published="2017-09-01")
    assert not [x for x in a.actors if x.name.startswith("Photographs")]
    assert actor(a, "Alan").kind == "person"


def test_the_department_binds_to_the_department_named_before():
    a = analyze('The Treasury Department fined the bank on Monday. "The bank hid the '
                'payments," the department said.', published="2019-02-10")
    q = [q for q in a.quotes if "hid the payments" in q.content.text][0]
    sp = next(x for x in a.actors if x.id == q.speakers[0])
    assert sp.name == actor(a, "Treasury Department").name
    assert "the department" in [m.text for m in sp.mentions]


def test_a_bare_role_noun_does_not_bind_a_phrase_with_a_name_in_it():
    a = analyze("The Pentagon sent more troops. The Kurdish YPG military said it would "
                "stay.", published="2019-02-10")
    assert actor(a, "Pentagon").name != actor(a, "The Kurdish YPG military").name


def test_members_named_by_their_organisation_speak_for_it():
    a = analyze('Hamas fighters held the crossing. "We will stay," Hamas fighters said.',
                published="2019-02-10")
    q = [q for q in a.quotes if "We will stay" in q.content.text][0]
    sp = next(x for x in a.actors if x.id == q.speakers[0])
    assert sp.kind == "organization" and sp.name == actor(a, "Hamas").name


def test_the_president_binds_to_the_one_president_named_before():
    text = 'Emmanuel Macron met Olaf Scholz in Berlin. "We agree," the president said.'
    a = analyze(text, published="2019-02-10")
    assert "the president" in [m.text for m in actor(a, "Emmanuel Macron").mentions]
    # a former holder, or a vice president, holds no such office on the date
    b = analyze(text.replace("Emmanuel Macron", "Joe Biden"), published="2019-02-10")
    assert "the president" not in [m.text for m in actor(b, "Joe Biden").mentions]


def test_a_role_after_a_comma_describes_the_name_when_the_parse_misses_it():
    a = analyze("They asked about Tom Baker, the British journalist taken hostage by rebels "
                "in 2013.", published="2019-02-10")
    p = actor(a, "Tom Baker")
    assert (p.country, p.sector) == ("GBR", "JRN")


def test_a_name_the_parser_hangs_on_the_place_of_a_role_phrase_is_its_holder():
    # "X" is the apposition of "Syria" in the parse: the name is the envoy's
    a = analyze("The Swedish special envoy for Syria, Michael Hartmann, said talks would "
                "resume in Geneva.", published="2019-02-10")
    p = actor(a, "Michael Hartmann")
    assert p.role is not None and "envoy for Syria" in p.role
    assert p.kind == "person"


def test_the_head_of_a_local_body_with_an_apposition_is_that_person_not_the_president():
    a = analyze("The head of the Red Crescent in Idlib, Ahmed Hamdan, said the hospitals "
                "were full. The head of the Red Crescent in Idlib said aid was blocked.",
                published="2019-02-10")
    p = actor(a, "Ahmed Hamdan")
    assert p.name == "Ahmed Hamdan" and p.country == "SYR"
    assert "Red Crescent" in (p.role or "")
    assert actor(a, "The head of the Red Crescent in Idlib") is p
    assert all(x.name != "Bashar al-Assad" for x in a.actors)


def test_an_apposition_after_an_organisations_or_a_provinces_role_gives_the_person_it():
    a = analyze("The governor of Idlib, Ahmed Hamdan, said the roads were closed. The YPG "
                "commander in Afrin, Mustafa Jamal, said the line held.",
                published="2019-02-10")
    gov = actor(a, "Ahmed Hamdan")
    assert (gov.country, gov.sector) == ("SYR", "GOV") and gov.role == "governor of Idlib"
    assert actor(a, "governor") is gov
    cmd = actor(a, "Mustafa Jamal")
    assert (cmd.name, cmd.organization, cmd.country) == ("Mustafa Jamal", "YPG", "SYR")
    assert cmd.role == "YPG commander"  # "in Afrin" is where, not the role


def test_a_known_persons_full_name_survives_a_title_before_the_surname():
    a = analyze("President Donald Trump spoke on Monday. Later Trump said he would go.",
                published="2019-02-10")
    assert actor(a, "Trump").name == "Donald Trump"


def test_a_place_before_a_private_persons_noun_in_an_apposition_keeps_them_private():
    a = analyze("The United States blocked the return of Mary Jones, an Alabama woman.",
                published="2019-02-10")
    p = actor(a, "Mary Jones")
    assert (p.country, p.sector) == ("USA", "CVL")
