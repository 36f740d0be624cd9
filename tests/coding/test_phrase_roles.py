"""Who did it to whom inside phrases: coordinated names, possessors of plans, light verbs, partitives."""

from tripolar.coding.coder import code_text


def dyads(text: str, published: str = "2024-06-01") -> set[tuple[str, str, str]]:
    return {(e.source.code, e.target.code, e.cameo[:2]) for e in code_text(text, published)}


def test_the_leaders_of_two_states_are_both_parties():
    assert dyads("In addition to regular visits between the leaders of China and Russia, other exchanges "
                 "have become routine.") == {("CHN", "RUS", "04"), ("RUS", "CHN", "04")}


def test_coordinated_modifiers_of_one_noun_name_two_parties():
    text = "Improved communication between the U.S. and Chinese militaries has helped reduce tensions."
    assert dyads(text) == {("USA", "CHN", "04"), ("CHN", "USA", "04")}


def test_partners_of_an_unnamed_party_are_not_each_others_partners():
    text = ("Beijing's strategists say it is wise to improve relations with regional countries such as "
            "South Korea and Japan.")
    assert not {dyad for dyad in dyads(text) if {dyad[0], dyad[1]} == {"KOR", "JPN"}}


def test_coordinated_subjects_agreeing_commit_to_each_other():
    assert dyads("After Xi and Biden agreed on November 23 to relaunch joint efforts, trade grew.") >= {
        ("CHN", "USA", "03"), ("USA", "CHN", "03")}


def test_two_names_of_one_actor_give_one_event():
    events = code_text("Donald Trump and Vice President JD Vance berated Volodymyr Zelenskiy in the Oval Office on "
                       "Friday.", "2025-03-01")
    assert [(e.source.code, e.target.code, e.cameo[:2]) for e in events] == [("USA", "UKR", "11")]


def test_the_owner_of_a_decision_to_act_is_the_actor():
    text = ("Moscow did not retaliate against Washington’s decision to supply the Ukrainian armed forces with "
            "land mines.")
    assert ("USA", "UKR", "07") in dyads(text)


def test_a_gerund_after_a_long_preposition_shares_the_main_subject():
    text = "In addition to approving new arms sales to Taiwan, Congress has passed the Taiwan Travel Act."
    assert ("USA", "TWN", "07") in dyads(text, "2018-06")


def test_a_light_verb_carries_the_target_of_its_noun():
    text = ("Washington carried out punitive precision strikes with the U.K. and France on Syrian military "
            "installations.")
    assert ("USA", "SYR", "19") in dyads(text, "2018-06")


def test_a_partitive_noun_hands_on_its_doer_and_target():
    text = "China engages in a new round of economic coercion against Tokyo."
    assert dyads(text, "2025-11-25") == {("CHN", "JPN", "16")}


def test_a_relative_clause_names_who_imposed_the_sanctions():
    text = "Moscow shrugged off the sanctions on Russian banks that the Biden administration unveiled on Thursday."
    assert ("USA", "RUS", "16") in dyads(text, "2024-11-25")


def test_a_surname_followed_by_a_name_is_someone_else_s_first_name():
    events = code_text("In 1972, President Richard Nixon paid his historic trip to China.", "2018-06")
    assert "FRA" not in {e.source.code for e in events}


def test_the_subject_of_is_likely_to_does_the_act():
    text = "The Xi government is likely to blame the United States for economic downturns."
    events = code_text(text, "2024-12-01")
    assert [(e.source.code, e.target.code, e.cameo[:2], e.modality) for e in events] == [
        ("CHN", "USA", "11", "hypothetical")]


def test_a_raising_passive_hands_its_subject_to_each_coordinated_complement():
    text = ("China is expected to emphasize its differing stance from North Korea, improve relations with "
            "regional countries such as South Korea and Japan, and exploit fractures.")
    events = code_text(text, "2024-12-01")
    assert {(e.source.code, e.target.code, e.cameo[:2], e.modality) for e in events} >= {
        ("CHN", "KOR", "05", "hypothetical"), ("CHN", "JPN", "05", "hypothetical")}


def test_an_example_shares_the_doer_of_what_it_exemplifies():
    text = ("If Washington implements a pressure policy against Beijing, such as imposing high tariffs on Chinese "
            "goods, trade will suffer.")
    assert ("USA", "CHN", "17") in dyads(text)


def test_a_subject_pronoun_of_a_clause_of_its_own_continues_the_subject():
    text = ("On April 6, the U.S. Treasury Department issued a serious rebuke to Russia: it slapped sanctions on "
            "seven Russian oligarchs.")
    assert ("USA", "RUS", "16") in dyads(text, "2018-06")


def test_the_owner_of_a_campaign_does_its_acts():
    text = "Mr Trump gave no sign that he had discussed Beijing’s campaign of coercion against Japan."
    assert {(source, target) for source, target, _ in dyads(text, "2025-11-25")} == {("CHN", "JPN")}


def test_each_other_and_one_another_make_the_subjects_each_others_targets():
    assert dyads("China and Russia will resolutely support each other on issues of sovereignty.", "2018-06") == {
        ("CHN", "RUS", "05"), ("RUS", "CHN", "05")}
    assert dyads("Beijing and Moscow have long accused one another of meddling.", "2018-06") == {
        ("CHN", "RUS", "11"), ("RUS", "CHN", "11")}


def test_an_example_introduced_by_including_is_done_by_the_owner_of_what_it_exemplifies():
    text = ("The Kremlin is aware that the Biden administration’s latest moves, including lifting restrictions on "
            "weapons supplied to Ukraine, are building leverage.")
    assert ("USA", "UKR", "08") in dyads(text, "2024-12-01")


def test_a_subject_reaches_a_verb_five_links_down():
    text = ("In the short term, China is likely to closely monitor the direction of the second Trump administration "
            "and attempt to negotiate with Trump.")
    assert ("CHN", "USA", "04") in dyads(text, "2024-12-01")


def test_strikes_into_a_country_target_it():
    assert ("UKR", "RUS", "19") in dyads("Ukraine launched new strikes into Russia on Tuesday.", "2024-11-20")


def test_names_joined_by_hyphens_are_the_parties_of_a_joint_act():
    assert dyads("The US-China talks in Geneva ended on Monday.") == {("USA", "CHN", "04"), ("CHN", "USA", "04")}
    assert dyads("Sino-Russian talks resumed on Monday.") == {("CHN", "RUS", "04"), ("RUS", "CHN", "04")}
    three = dyads("The ROK-China-Japan trilateral summit took place in May 2024.")
    assert {(source, target) for source, target, _ in three} == {
        (a, b) for a in ("KOR", "CHN", "JPN") for b in ("KOR", "CHN", "JPN") if a != b}


def test_a_hyphenated_word_that_is_not_two_names_gives_no_party():
    # "Kyiv-based" is one name and a word: the summit has one party named, so no event.
    assert dyads("A Kyiv-based analyst attended the summit.") == set()


def test_the_subject_engaged_in_an_act_does_it():
    assert dyads("Russia is involved in talks with Ukraine.") == {("RUS", "UKR", "04"), ("UKR", "RUS", "04")}
    text = "China and Russia held a summit in May. The two countries are engaged in official discussions."
    assert len([e for e in code_text(text, "2024-06-01") if "engaged" in e.evidence.text]) == 2


def test_a_list_of_three_read_as_an_apposition_is_still_a_list():
    # The small parser reads "Russia" as an apposition to "The US" and "Switzerland" as its conjunct.
    pairs = {(source, target) for source, target, _ in dyads("The US, Russia, and Switzerland met yesterday.")}
    assert pairs == {(a, b) for a in ("USA", "RUS", "CHE") for b in ("USA", "RUS", "CHE") if a != b}


def test_pressuring_someone_is_a_demand():
    assert dyads("The Trump administration pressured China to open its markets.", "2018-05-01") == {
        ("USA", "CHN", "10")}
