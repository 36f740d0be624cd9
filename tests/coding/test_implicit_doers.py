"""Doers the text names only by implication: "the administration" of US news, and the doer of a purpose
clause ("in order to put pressure on X")."""

from tripolar.coding.coder import code_text


def coded(text: str, published: str = "2022-04-10") -> set[tuple[str, str, str, str]]:
    return {(e.source.code, e.target.code, e.cameo, e.modality) for e in code_text(text, published)}


def test_the_administration_is_the_us_executive_in_a_text_that_names_the_united_states():
    text = "Biden spoke to reporters in Delaware. The administration imposed new tariffs on China."
    assert ("USA", "CHN", "172", "factual") in coded(text)
    text = "Biden spoke to reporters. The outgoing administration's export controls on China took effect."
    assert ("USA", "CHN") in {event[:2] for event in coded(text)}


def test_the_administration_is_no_one_where_the_united_states_is_not_named_or_another_leader_is():
    assert coded("The administration imposed new tariffs on China.") == set()
    text = "Biden spoke to reporters in Delaware. The Yoon administration imposed new tariffs on China."
    assert coded(text) == {("KOR", "CHN", "172", "factual")}
    # "administration" qualified by anything but when it serves is not the bare US reading.
    text = "Biden spoke to reporters in Delaware. The Kyiv city administration imposed a curfew on Russians."
    assert not {event for event in coded(text) if event[0] == "USA"}


def test_the_doer_of_in_order_to_is_the_doer_of_the_act_it_serves():
    text = "Japan eased curbs on Korean imports in order to put pressure on China."
    assert ("JPN", "CHN", "170", "hypothetical") in coded(text)


def test_destroying_a_relationship_is_no_property_damage():
    assert coded("Russia is trying to damage the partnership between Japan and South Korea.") == set()
    assert ("RUS", "UKR", "1712", "factual") in coded("Russian saboteurs damaged a power plant in Ukraine.")


def test_a_place_in_a_passives_by_phrase_is_where_the_act_struck_not_who_did_it():
    text = "A command post hosting North Korean generals was hit by missiles in Russia's Kursk region."
    assert not {event for event in coded(text, "2024-11-21") if event[0] == "RUS"}
    assert ("RUS", "UKR", "1951", "factual") in coded("Kyiv was struck by Russian missiles.")


def test_a_law_or_measure_acts_for_whoever_makes_it_and_shares_its_modality():
    text = "The Trump administration is expected to enact legislation to revoke China's trade status."
    assert ("USA", "CHN", "172", "hypothetical") in coded(text, "2024-12-10")
    # A person to do something does it.
    text = "The highest-ranking American official to visit Taiwan arrived in Taipei."
    assert ("USA", "TWN", "042", "factual") in coded(text, "2024-12-10")


def test_what_a_signed_package_provides_its_signer_provides():
    text = ("Joe Biden on Wednesday signed a $95 billion package that provides military assistance to Ukraine "
            "and Taiwan.")
    assert {event[:3] for event in coded(text, "2024-04-24")} == {("USA", "UKR", "072"), ("USA", "TWN", "072")}


def test_what_a_strategy_or_statement_says_its_maker_says():
    text = ("Donald Trump unveiled a national security strategy on Monday that casts China and Russia as "
            "revisionist powers.")
    assert {event[:3] for event in coded(text, "2017-12-18")} == {("USA", "CHN", "111"), ("USA", "RUS", "111")}
    text = "Russia's foreign ministry issued a statement that condemned the US strikes."
    assert {event[:3] for event in coded(text, "2017-04-07")} == {("RUS", "USA", "111")}


def test_who_leads_a_group_does_what_the_group_does():
    text = "Western countries, led by the United States, announced sanctions against Russia."
    assert {event[:3] for event in coded(text, "2014-03-17")} == {("WST", "RUS", "163"), ("USA", "RUS", "163")}


def test_partners_named_in_a_with_phrase_share_a_hostile_act_and_weapons_do_not():
    text = "Washington carried out precision strikes with the U.K. and France on Syrian military installations."
    assert {event[:2] for event in coded(text, "2018-04-14")} == {("USA", "SYR"), ("GBR", "SYR"), ("FRA", "SYR")}
    assert {event[:2] for event in coded("Russia attacked Ukraine with Iranian drones.", "2022-10-17")} == {
        ("RUS", "UKR")}


def test_a_states_act_on_him_is_on_the_foreign_person_named_not_its_own_leader():
    text = "Xi Jinping called Donald Trump, and China is set to pressure him on Taiwan."
    assert ("CHN", "USA", "100") in {event[:3] for event in coded(text, "2025-11-25")}
