"""Who takes part in an encounter the sentence only sets the scene with, joint owners, topics that are not
targets, and statements of concern."""

from tripolar.coding.coder import code_text


def coded(text: str, published: str = "2024-12-15") -> set[tuple[str, str, str, str]]:
    return {(e.source.code, e.target.code, e.cameo, e.modality) for e in code_text(text, published)}


def test_the_call_a_clause_is_set_in_is_with_whom_the_doer_addresses():
    text = "In a two-hour video call on Tuesday, Joe Biden warned Vladimir Putin against invading Ukraine."
    events = coded(text, "2021-12-07")
    assert {("USA", "RUS", "041", "factual"), ("RUS", "USA", "041", "factual")} <= events
    text = "Joe Biden told Xi Jinping in a video call on Friday that China would face consequences."
    assert {("USA", "CHN", "041", "factual"), ("CHN", "USA", "041", "factual")} <= coded(text, "2022-03-18")


def test_a_scene_setting_encounter_names_no_partner_from_a_phrase_that_only_mentions_one():
    # "talks with Moscow on a Syria ceasefire": the ceasefire is no encounter of Syria with Moscow.
    text = ("The State Department said on Monday it was suspending bilateral talks with Moscow on a Syria "
            "ceasefire.")
    assert {event[:2] for event in coded(text, "2016-10-03")} == {("USA", "RUS")}


def test_two_names_owning_one_noun_are_its_joint_parties():
    # The small parser reads "Biden and Xi's meeting" as "Biden" coordinated with "meeting".
    events = coded("Biden and Xi's latest meeting, in November, was productive.")
    assert {("USA", "CHN", "040", "factual"), ("CHN", "USA", "040", "factual")} <= events
    events = coded("Putin and Chinese President Xi Jinping's talks in Moscow ended on Tuesday.", "2023-03-22")
    assert {("RUS", "CHN"), ("CHN", "RUS")} <= {event[:2] for event in events}


def test_what_a_thing_is_related_to_is_not_whom_the_act_targets():
    text = "Chinese officials expressed serious concerns regarding U.S. tariffs and sanctions related to Russia."
    assert coded(text) == {("CHN", "USA", "012", "factual")}


def test_concern_is_a_pessimistic_comment_and_objection_a_disapproval():
    assert coded("Japan expressed concern about China's military build-up.") == {("JPN", "CHN", "012", "factual")}
    assert ("CHN", "USA", "110", "factual") in coded("Beijing voiced strong opposition to the US arms sale to Taiwan.")


def test_a_doer_is_found_up_a_long_chain_of_means():
    text = ("The Xi government is likely to blame the United States by sharply criticizing the Trump "
            "administration's protectionism and stirring patriotic sentiment by controlling exports of raw "
            "materials or imposing equivalent tariffs on U.S. goods.")
    assert ("CHN", "USA", "172", "hypothetical") in coded(text)


def test_a_ban_on_imports_is_an_embargo():
    text = "Russia on Thursday announced a one-year ban on imports of meat and fruit from the United States."
    assert coded(text, "2014-08-07") == {("RUS", "USA", "163", "factual")}


def test_a_threat_someone_poses_is_a_judgement_not_a_threat_made():
    assert coded("Increasingly, the United States poses an economic and security threat to both China and Russia.",
                 "2018-06") == set()
    assert ("USA", "CHN", "130", "factual") in coded("The United States issued a threat to China on Monday.")


def test_a_name_in_the_title_of_a_law_names_no_actor():
    text = "Congress has passed the Taiwan Travel Act, which encourages high-level U.S. officials to visit Taiwan."
    assert not {event for event in coded(text, "2018-06") if event[0] == "TWN"}


def test_an_anticipated_act_is_hypothetical():
    text = "The second Trump administration is anticipated to pursue a policy of direct pressure on China."
    assert {event[3] for event in coded(text)} == {"hypothetical"}


def test_the_conversation_told_again_is_between_the_same_two():
    text = "Xi Jinping spoke with Donald Trump by phone on Monday. The conversation covered trade and fentanyl."
    events = code_text(text, "2025-11-25")
    again = {(e.source.code, e.target.code) for e in events if e.evidence.sentence_index == 1}
    assert again == {("CHN", "USA"), ("USA", "CHN")}
    # A summit only planned, mentioned again, is no new event.
    text = ("South Korea should host a South Korea-China summit next year. Seoul should seek early "
            "confirmation of the summit.")
    assert not [e for e in code_text(text, "2024-12") if e.evidence.sentence_index == 1]


def test_a_name_misread_as_an_object_predicate_is_the_object():
    # The small parser reads "called Donald Trump" as "called Donald (something) Trump".
    assert coded("Xi Jinping called Donald Trump on Monday.", "2025-11-25") == {("CHN", "USA", "041", "factual")}
    assert coded("Trump called Taiwan a partner.", "2025-11-25") == set()


def test_calling_someone_a_wrongdoer_is_a_charge_or_a_denunciation():
    text = "NATO leaders declared China a decisive enabler of Russia's war against Ukraine."
    assert coded(text, "2024-07-10") == {("NATO", "CHN", "112", "factual")}
    assert coded("Joe Biden called Putin a killer.", "2021-03-17") == {("USA", "RUS", "111", "factual")}
    # What something is called is no act unless the dictionary lists the word.
    assert coded("Trump called Taiwan a partner.", "2025-11-25") == set()


def test_a_name_the_parser_tears_apart_stays_coordinated_with_the_names_before_it():
    # The small parser reads the "He" of Liu He as a pronoun and starts a new clause with it.
    text = "Donald Trump and Chinese Vice Premier Liu He signed the Phase One trade agreement on Wednesday."
    assert {("USA", "CHN", "057", "factual"), ("CHN", "USA", "057", "factual")} <= coded(text, "2020-01-15")


def test_the_owners_of_coordinated_things_act_together():
    text = "Russian Tu-95 and Chinese H-6K bombers flew their first joint air patrol over the Sea of Japan."
    assert {("RUS", "CHN", "062", "factual"), ("CHN", "RUS", "062", "factual")} <= coded(text, "2019-07-23")
    assert {event[:3] for event in coded("Russian bombers attacked Ukrainian and Syrian targets.")} == {
        ("RUS", "UKR", "195"), ("RUS", "SYR", "195")}
