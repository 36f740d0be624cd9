"""Stated intentions, agreements concluded, and one meeting told twice."""

from tripolar.coding.coder import code_text


def coded(text: str, published: str = "2021-12-15") -> set[tuple[str, str, str, str]]:
    return {(e.source.code, e.target.code, e.cameo, e.modality) for e in code_text(text, published)}


def test_an_intention_to_meet_is_an_event_of_its_own():
    assert coded("Putin said he looked forward to meeting Xi in person in Beijing.") == {
        ("RUS", "CHN", "036", "factual")}
    # The small model lemmatises "hopes" and "hoped" as "hop": the pattern still finds the verb.
    assert coded("Biden said he hoped to meet Xi soon.") == {("USA", "CHN", "036", "factual")}


def test_the_act_agreed_to_names_the_target():
    assert coded("Putin agreed to meet Xi in Beijing.") == {("RUS", "CHN", "036", "factual")}


def test_partners_agreeing_to_act_on_a_third_party_do_not_agree_with_each_other():
    text = ("The United States, the European Union and Canada agreed on Saturday to remove selected Russian banks "
            "from the SWIFT system.")
    assert not {dyad for dyad in coded(text, "2022-02-26") if dyad[1] != "RUS"}


def test_an_agreement_approved_or_extended_is_concluded():
    assert ("USA", "RUS", "057", "factual") in coded(
        "Donald Trump and Vladimir Putin approved a joint statement on Syria on Saturday.", "2017-11-11")
    assert ("RUS", "USA", "057", "factual") in coded(
        "Russia and the United States completed a five-year extension of the New START treaty on Wednesday.",
        "2021-02-03")


def test_the_part_of_an_agreement_signed_carries_its_partner():
    text = "Ukraine signed the economic part of its association agreement with the European Union on Friday."
    assert ("UKR", "EUR", "057", "factual") in coded(text, "2014-06-27")


def test_a_verb_shares_the_subject_the_parser_misattached_to_its_partner_verb():
    # The small parser reads "Barack" as a preposition; "reach" is coordinated with "met".
    text = ("Barack Obama and Vladimir Putin met for about 90 minutes on Monday but did not reach an agreement on "
            "a ceasefire in Syria.")
    assert ("USA", "RUS", "057", "negated") in coded(text, "2016-09-05")


def test_one_meeting_told_twice_is_one_event():
    events = code_text("Donald Trump and Vladimir Putin met for the first time on Friday, holding more than two "
                       "hours of talks on the sidelines of the G20 summit in Hamburg.", "2017-07-07")
    assert sorted((e.source.code, e.target.code, e.cameo[:2]) for e in events) == [
        ("RUS", "USA", "04"), ("USA", "RUS", "04")]


def test_two_meetings_named_side_by_side_stay_two():
    events = code_text("Progress includes a rare meeting between the US and China as well as the first "
                       "discussions between the US and China among theater-level commanders.", "2024-11")
    assert len([e for e in events if (e.source.code, e.target.code) == ("USA", "CHN")]) == 2


def test_a_clause_after_with_that_has_its_own_subject_names_no_partner():
    events = code_text("Donald Trump and Xi Jinping agreed to resume trade negotiations, with Trump holding off "
                       "on new tariffs.", "2019-06-29")
    assert {(e.source.code, e.target.code, e.cameo) for e in events if e.cameo == "036"} == {
        ("USA", "CHN", "036"), ("CHN", "USA", "036")}


def test_a_joint_statement_is_an_agreement_both_sides_sign_up_to():
    text = "Xi Jinping and Vladimir Putin met in Beijing on Friday and issued a joint statement."
    assert {("CHN", "RUS", "057", "factual"), ("RUS", "CHN", "057", "factual")} <= coded(text, "2022-02-04")
    assert coded("China and Russia released a joint statement on Friday.", "2022-02-04") == {
        ("CHN", "RUS", "057", "factual"), ("RUS", "CHN", "057", "factual")}
