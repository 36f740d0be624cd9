"""Measures and sales: whom a measure is aimed at, what a sale sells, and phrases the parser hangs on a date."""

from tripolar.coding.coder import code_text


def coded(text: str, published: str) -> set[tuple[str, str, str, str]]:
    return {(e.source.code, e.target.code, e.cameo, e.modality) for e in code_text(text, published)}


def test_a_measure_targets_what_it_is_aimed_at():
    text = ("The Biden administration on Friday published sweeping export controls aimed at cutting China off "
            "from advanced computing chips.")
    assert coded(text, "2022-10-07") == {("USA", "CHN", "172", "factual")}
    text = "Washington unveiled export control measures targeting the Chinese chipmaking sector on December 2."
    assert coded(text, "2024-12") == {("USA", "CHN", "172", "factual")}
    assert coded("The EU adopted sanctions directed at Moscow.", "2014-07-31") == {("EUR", "RUS", "163", "factual")}


def test_a_sale_of_weapons_systems_is_an_arms_sale():
    text = "The State Department on Wednesday approved the sale of three weapons systems to Taiwan."
    assert {event[:3] for event in coded(text, "2020-10-21")} == {("USA", "TWN", "072")}


def test_a_phrase_hung_on_a_date_still_reaches_its_verb():
    # The parser reads "of a ... package" as a phrase of "Wednesday".
    text = ("The Obama administration formally notified Congress on Wednesday of a $1.83 billion arms package "
            "for Taiwan.")
    assert coded(text, "2015-12-16") == {("USA", "TWN", "072", "factual")}


def test_more_trade_is_economic_cooperation_and_efforts_by_someone_are_theirs():
    text = ("Reversing the dependency would require coordinated efforts by Americans to increase bilateral trade "
            "with Russia.")
    assert coded(text, "2024-12") == {("USA", "RUS", "061", "hypothetical"), ("RUS", "USA", "061", "hypothetical")}
    assert coded("China and Russia boosted trade last year.", "2024-12") == {
        ("CHN", "RUS", "061", "factual"), ("RUS", "CHN", "061", "factual")}


def test_a_target_phrase_hung_on_another_phrase_of_the_verb_is_found():
    text = "The UN Security Council unanimously imposed its toughest sanctions in two decades on North Korea."
    assert coded(text, "2016-03-02") == {("IGO", "PRK", "163", "factual")}


def test_a_ban_on_ones_own_firms_targets_whom_they_may_not_deal_with():
    text = "The Commerce Department on Monday banned American firms from selling parts to Chinese telecoms firm ZTE."
    events = coded(text, "2018-04-16")
    assert ("USA", "CHN", "172", "factual") in events
    # The sale is the firms' own act, kept from happening.
    assert ("USA", "CHN", "061", "negated") in events
    assert coded("China banned US firms from selling chips to Russia.", "2018-04-16") >= {
        ("CHN", "USA", "172", "factual"), ("USA", "RUS", "061", "negated")}


def test_the_act_a_measure_answers_is_not_the_measurers_own():
    text = ("The State Department imposed sanctions on the Chinese military's Equipment Development Department "
            "over the purchase of Su-35 fighter jets from Russia.")
    assert coded(text, "2018-09-20") == {("USA", "CHN", "163", "factual")}


def test_blocking_shipments_to_someone_is_an_export_control():
    assert coded("Russia blocked gas deliveries to Ukraine.", "2009-01-07") == {("RUS", "UKR", "172", "factual")}
    text = "The Commerce Department moved on Friday to block shipments of semiconductors to Huawei."
    assert coded(text, "2020-05-15") == {("USA", "CHN", "172", "factual")}


def test_curbing_trade_or_firms_is_an_export_control_and_curbing_ties_is_not():
    assert coded("Washington curbed exports of chips to China.", "2022-06-10") == {("USA", "CHN", "172", "factual")}
    assert coded("The US curbed Huawei's access to American chips.", "2022-06-10") == {
        ("USA", "CHN", "172", "factual")}
    assert coded("Seoul should try curbing North Korea-China-Russia ties.", "2024-12-10") == set()


def test_who_unveiled_a_measure_in_a_relative_clause_the_parser_hung_on_its_target_is_its_doer():
    # The clause hangs from "system", the nearest noun; only the sanctions can be unveiled. Its date is theirs.
    text = ("Russia ignored the new sanctions against the Russian financial system that the Biden "
            "administration unveiled on November 21.")
    events = code_text(text, "2024-12-10")
    assert {(e.source.code, e.target.code, e.cameo, e.date.isoformat()) for e in events} == {
        ("USA", "RUS", "163", "2024-11-21")}


def test_an_example_is_aimed_where_what_it_exemplifies_is_and_shares_its_modality():
    text = "Washington implemented a policy against China, such as imposing tariffs."
    assert coded(text, "2024-12-10") == {("USA", "CHN", "172", "factual")}
    assert coded("Washington took measures against China, including banning exports of chips.", "2024-12-10") == {
        ("USA", "CHN", "163", "factual")}
    text = "If Washington implements a pressure policy against China, such as imposing tariffs, Beijing will react."
    assert ("USA", "CHN", "172", "hypothetical") in coded(text, "2024-12-10")


def test_a_cut_in_someones_aid_is_theirs_and_an_act_on_someones_people_is_not():
    assert coded("Washington announced cuts in US aid to Kyiv.", "2024-12-10") == {("USA", "UKR", "162", "factual")}
    assert coded("Congress reduced military aid to Ukraine.", "2024-12-10") == {("USA", "UKR", "162", "factual")}
    assert coded("The United States announced the expulsion of 60 Russian diplomats.", "2018-03-26") == {
        ("USA", "RUS", "161", "factual")}
    # Support whose owner the knowledge base does not know is nobody's, not the subject's.
    assert coded("Putin hopes for a significant decrease in Western support for Kyiv.", "2024-12-10") == set()


def test_disrupting_a_relationship_with_a_state_targets_that_state():
    text = "Biden spoke on Monday. The administration will not disrupt the U.S. relationship with China."
    assert ("USA", "CHN", "160", "negated") in coded(text, "2024-12-10")
