"""A host's guest makes a visit, expulsions ordered and envoys recalled, and reactions to an act just told."""

from tripolar.coding.coder import code_text


def coded(text: str, published: str) -> set[tuple[str, str, str, str]]:
    return {(e.source.code, e.target.code, e.cameo, e.modality) for e in code_text(text, published)}


def test_whom_a_host_receives_makes_the_visit():
    assert coded("Vladimir Putin hosted Kim Jong Un on Russky Island in Vladivostok on Thursday.", "2019-04-25") >= {
        ("RUS", "PRK", "043", "factual"), ("PRK", "RUS", "042", "factual")}
    assert coded("Xi Jinping received Antony Blinken at the Great Hall of the People on Monday.", "2023-06-19") >= {
        ("CHN", "USA", "043", "factual"), ("USA", "CHN", "042", "factual")}


def test_hosting_a_summit_is_no_visit_by_its_parties():
    events = coded("South Korea should host a South Korea-China summit next year.", "2024-12")
    assert not {event for event in events if event[2] == "042"}


def test_a_visitor_welcomed_to_a_place_or_with_a_ceremony_is_hosted():
    text = "Donald Trump welcomed Xi Jinping to his Mar-a-Lago resort in Florida on Thursday."
    assert coded(text, "2017-04-06") >= {("USA", "CHN", "043", "factual"), ("CHN", "USA", "042", "factual")}
    text = "Xi Jinping rolled out a lavish welcome for Donald Trump at the Great Hall of the People on Thursday."
    assert ("CHN", "USA", "043", "factual") in coded(text, "2017-11-09")
    # Welcoming a decision is approving it.
    assert coded("China welcomed the US decision.", "2019-01-01") == {("CHN", "USA", "051", "factual")}


def test_ordering_a_consulate_closed_or_diplomats_out_is_an_expulsion():
    assert coded("Beijing ordered Washington on Friday to shut its consulate in Chengdu.", "2020-07-24") == {
        ("CHN", "USA", "161", "factual")}
    assert coded("The Obama administration on Thursday ordered 35 Russian diplomats out of the country.",
                 "2016-12-29") == {("USA", "RUS", "161", "factual")}
    # An order to attack is no expulsion.
    assert not {event for event in coded("Putin ordered troops to attack Ukraine.", "2022-02-24")
                if event[2] == "161"}


def test_an_envoy_recalled_reduces_relations():
    text = "Russia recalled its ambassador in Washington, Anatoly Antonov, for consultations on Wednesday."
    assert coded(text, "2021-03-17") == {("RUS", "USA", "161", "factual")}


def test_a_reaction_to_an_act_just_told_targets_its_doer():
    text = ("Turkish F-16 jets shot down a Russian Su-24 bomber near the Syrian border on Tuesday, and Vladimir "
            "Putin denounced the downing as a stab in the back.")
    assert ("RUS", "TUR", "111", "factual") in coded(text, "2015-11-24")
    text = "Russia invaded Ukraine on Thursday, and China has not condemned the attack."
    assert ("CHN", "RUS", "111", "negated") in coded(text, "2022-02-25")
    # The sentence before counts when it is parsed too (here for its pronoun).
    text = "Russia invaded Ukraine on Thursday. China said it has not condemned the attack."
    assert ("CHN", "RUS", "111", "negated") in coded(text, "2022-02-25")
    # A decision names no hostile act to react to.
    assert coded("Russia invaded Ukraine, and China criticized the decision.", "2022-02-25") == {
        ("RUS", "UKR", "192", "factual")}


def test_what_two_sides_trade_goes_both_ways():
    text = "Antony Blinken traded sharp public rebukes with China's Yang Jiechi in Anchorage on Thursday."
    assert coded(text, "2021-03-18") == {("USA", "CHN", "111", "factual"), ("CHN", "USA", "111", "factual")}
    assert coded("Indian and Pakistani troops exchanged fire across the border.", "2021-03-18") == {
        ("IND", "PAK", "190", "factual"), ("PAK", "IND", "190", "factual")}
    text = "Twenty Indian soldiers were killed in a clash with Chinese troops in the Galwan Valley on Monday night."
    assert coded(text, "2020-06-16") == {("IND", "CHN", "190", "factual"), ("CHN", "IND", "190", "factual")}


def test_a_participle_on_a_name_is_said_of_it():
    text = "Vladimir Putin, meeting Xi Jinping in Samarkand on Thursday, acknowledged Beijing's concerns."
    assert {("RUS", "CHN", "040", "factual"), ("CHN", "RUS", "040", "factual")} <= coded(text, "2022-09-15")


def test_their_encounter_is_the_subjects_own():
    text = "Donald Trump and Kim Jong Un cut short their summit in Hanoi on Thursday."
    assert coded(text, "2019-02-28") == {("USA", "PRK", "044", "factual"), ("PRK", "USA", "044", "factual")}


def test_an_act_one_is_likened_to_is_not_asserted():
    text = "Their use by Ukrainians is akin to the Western alliance shooting at Russia."
    assert {event[3] for event in coded(text, "2024-12")} == {"hypothetical"}


def test_an_official_to_visit_is_the_visitor():
    text = "Nancy Pelosi is the highest-ranking American official to visit Taiwan in 25 years."
    assert coded(text, "2022-08-02") == {("USA", "TWN", "042", "factual")}
    # An infinitive on a plan is a clause of its own: the plan's target is no actor of the plan's phrase.
    assert coded("China criticized the plan to sanction Russia.", "2022-08-02") == set()


def test_one_occurrence_told_twice_in_a_sentence_is_one_event():
    text = "Washington imposed sanctions on Russian banks and imposed sanctions on Russian oligarchs on Friday."
    assert len(code_text(text, "2022-02-26")) == 1


def test_hosting_a_summit_is_one_event_not_a_hosting_and_a_summit():
    events = {(e.source.code, e.target.code, e.cameo) for e in code_text(
        "Seoul should host a South Korea-China summit next year.", "2024-12-10")}
    assert events == {("KOR", "CHN", "043")}


def test_an_encounter_that_sets_the_scene_of_a_mutual_act_is_between_its_parties():
    text = ("Antony Blinken and Jake Sullivan traded sharp public rebukes with China's Yang Jiechi in Anchorage "
            "at the start of the first high-level talks.")
    events = {(e.source.code, e.target.code, e.cameo) for e in code_text(text, "2021-03-18")}
    assert {("USA", "CHN", "046"), ("CHN", "USA", "046"), ("USA", "CHN", "111"), ("CHN", "USA", "111")} <= events


def test_both_governments_are_the_pair_that_just_acted_together_when_more_states_are_named():
    text = ("Chinese and Russian bombers flew a joint patrol near Japan while Joe Biden was in Tokyo, and Japan "
            "conveyed grave concerns to both governments.")
    events = {(e.source.code, e.target.code, e.cameo) for e in code_text(text, "2022-05-24")}
    assert {("JPN", "CHN", "114"), ("JPN", "RUS", "114")} <= events
    # Concerns only expressed are a comment, not a complaint made to someone.
    assert {(e.source.code, e.cameo) for e in code_text("Japan expressed concern about the patrol by China.",
                                                          "2022-05-24")} <= {("JPN", "012")}


def test_a_meal_that_sets_the_scene_of_a_joint_act_is_a_meeting_of_its_parties():
    text = "Over dinner in Buenos Aires on Saturday, Donald Trump and Xi Jinping agreed to hold off on new tariffs."
    events = {(e.source.code, e.target.code, e.cameo) for e in code_text(text, "2018-12-01")}
    # In Buenos Aires: a meeting at a third location (044).
    assert {("USA", "CHN", "044"), ("CHN", "USA", "044"), ("USA", "CHN", "030"), ("CHN", "USA", "030")} == events


def test_a_preposition_left_without_its_object_shares_the_next_verbs():
    text = "Russian forces fired on and captured three Ukrainian navy vessels on Sunday."
    events = {(e.source.code, e.target.code, e.cameo) for e in code_text(text, "2018-11-25")}
    assert {("RUS", "UKR", "190"), ("RUS", "UKR", "1711")} == events


def test_a_visit_setting_the_scene_of_an_act_done_somewhere_is_a_visit_there():
    text = "The two firms signed a gas contract, sealed in Shanghai during a visit by Vladimir Putin."
    events = {(e.source.code, e.target.code, e.cameo) for e in code_text(text, "2014-05-21")}
    assert ("RUS", "CHN", "042") in events


def test_the_object_pronoun_of_a_participle_is_what_the_main_clause_acted_on():
    events = {(e.source.code, e.target.code, e.cameo) for e in code_text(
        "Russia expelled the British diplomat, accusing him of spying.", "2018-03-17")}
    assert events == {("RUS", "GBR", "161"), ("RUS", "GBR", "1125")}


def test_its_in_what_is_criticised_is_not_the_critics_and_otherwise_the_main_subjects():
    events = {(e.source.code, e.target.code, e.cameo) for e in code_text(
        "The EU condemned Russia, deploring its invasion of Ukraine.", "2022-02-25")}
    assert events == {("EUR", "RUS", "111"), ("RUS", "UKR", "192")}
    events = {(e.source.code, e.target.code, e.cameo) for e in code_text(
        "Russia on Friday vetoed a Security Council resolution deploring its invasion of Ukraine.", "2022-02-25")}
    assert {("RUS", "IGO", "129"), ("IGO", "RUS", "111"), ("RUS", "UKR", "192")} == events


def test_a_meeting_in_a_third_country_is_a_meeting_at_a_third_location():
    events = {(e.source.code, e.target.code, e.cameo) for e in code_text(
        "Donald Trump and Xi Jinping met in Busan, South Korea, on Thursday.", "2025-10-30")}
    assert events == {("USA", "CHN", "044"), ("CHN", "USA", "044")}
    events = {(e.source.code, e.target.code, e.cameo) for e in code_text("Xi met Putin in Moscow.", "2023-03-21")}
    assert events == {("CHN", "RUS", "040"), ("RUS", "CHN", "040")}


def test_a_two_sided_encounter_is_with_whom_the_doer_addresses_in_it_and_a_summit_is_not():
    text = ("During a meeting in Beijing in September, Chinese officials expressed serious concerns regarding "
            "U.S. tariffs.")
    events = {(e.source.code, e.target.code, e.cameo) for e in code_text(text, "2024-11-10")}
    assert {("CHN", "USA", "040"), ("USA", "CHN", "040"), ("CHN", "USA", "012")} == events
    events = {(e.source.code, e.target.code, e.cameo) for e in code_text(
        "At the G20 summit, Biden criticized Putin.", "2022-11-15")}
    assert ("USA", "RUS", "040") not in events
