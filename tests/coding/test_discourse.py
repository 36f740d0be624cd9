"""Phrases that point back: pronouns, "the two leaders", and dates carried from the sentence before."""

import json
from datetime import date

from tripolar.coding.coder import code_text
from tripolar.coding.contract import code_file


def coded(text: str, published: str) -> list[tuple]:
    return [(e.source.code, e.target.code, e.cameo, e.date, e.evidence.text) for e in code_text(text, published)]


SUMMIT = ("From June 9 to 10, China’s President Xi Jinping will meet with Russia’s President Vladimir Putin "
          "in Qingdao.")


def test_the_two_leaders_are_the_pair_just_named_and_their_meeting_keeps_its_date():
    events = coded(SUMMIT + "\n\nIt will mark the 25th meeting between the two leaders in five years.", "2018-06")
    later = [event for event in events if "two leaders" in event[4]]
    assert {(source, target, code, day) for source, target, code, day, _ in later} == {
        ("CHN", "RUS", "040", date(2018, 6, 9)), ("RUS", "CHN", "040", date(2018, 6, 9))}


def test_a_pair_phrase_after_three_states_names_nobody():
    text = ("Xi Jinping met Vladimir Putin and Narendra Modi in Kazan on Tuesday. "
            "Talks between the two leaders lasted an hour.")
    assert not [event for event in coded(text, "2024-10-25") if "two leaders" in event[4]]


def test_a_relative_pronoun_is_the_noun_its_clause_hangs_from():
    text = "This was followed by a visit by Foreign Minister Wang Yi, who met with Putin on April 5."
    assert ("CHN", "RUS", "040", date(2018, 4, 5),
            "Foreign Minister Wang Yi, who met with Putin") in coded(text, "2018-06")


def test_i_in_reported_speech_is_the_speaker():
    text = "Wei Fenghe said: “I am visiting Russia as the new defense minister of China.”"
    assert [(source, target, code) for source, target, code, _, _ in coded(text, "2018-04-03")] == [
        ("CHN", "RUS", "042")]


def test_a_possessive_pronoun_is_the_one_person_named_before():
    assert [(s, t, c) for s, t, c, _, _ in coded("Wei Fenghe said his visit to Russia went well.", "2018-04-03")] \
        == [("CHN", "RUS", "042")]


def test_a_pronoun_with_two_possible_people_names_nobody():
    text = "Xi Jinping told Joe Biden that he would visit Moscow."
    assert not [event for event in coded(text, "2023-11-16") if event[2] == "042"]


def test_a_caption_without_a_full_stop_does_not_swallow_the_next_date():
    text = "Credit: Presidential Press Office\n\n" + SUMMIT
    assert {day for _, _, _, day, _ in coded(text, "2018-06")} == {date(2018, 6, 9)}


def test_lines_of_one_document_are_read_together_and_keep_their_own_evidence(tmp_path):
    lines = [{"id": "a", "doc": "d1", "published": "2018-06", "text": SUMMIT},
             {"id": "b", "doc": "d1", "published": "2018-06",
              "text": "It will mark the 25th meeting between the two leaders in five years."},
             {"id": "c", "doc": "d2", "published": "2018-06",
              "text": "It will mark the 25th meeting between the two leaders in five years."}]
    source, output = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text("".join(json.dumps(line) + "\n" for line in lines))
    report = code_file(source, output)
    assert report.coded == 3
    events = [json.loads(line) for line in output.read_text().splitlines()]
    by_id = {line["id"]: line["text"] for line in lines}
    for event in events:
        assert by_id[event["id"]][event["evidence"]["start"]:event["evidence"]["end"]] == event["evidence"]["text"]
    # Another document's pair is not this one's: "c" has nobody to point back to.
    assert sorted({(e["id"], e["source"], e["target"]) for e in events if e["id"] != "a"}) == [
        ("b", "CHN", "RUS"), ("b", "RUS", "CHN")]


def test_leaders_of_the_two_sides_named_earlier_in_the_sentence():
    text = ("Xi Jinping and Taiwan's President Ma Ying-jeou shook hands in Singapore on Saturday, the first "
            "meeting between leaders of the two sides since 1949.")
    assert {(s, t, c) for s, t, c, _, _ in coded(text, "2015-11-07")} >= {("CHN", "TWN", "040"), ("TWN", "CHN", "040")}


def test_the_leaders_are_the_parties_of_the_last_joint_act():
    text = ("Xi Jinping spoke with Donald Trump by phone on Monday. "
            "Taiwan was not on the agenda of the leaders’ October 30 meeting in South Korea.")
    later = {(source, target, code, day) for source, target, code, day, evidence in coded(text, "2025-11-25")
             if "leaders" in evidence}
    # In South Korea: CAMEO's meeting at a third location.
    assert later == {("CHN", "USA", "044", date(2025, 10, 30)), ("USA", "CHN", "044", date(2025, 10, 30))}


def test_they_is_the_coordinated_subject_of_the_governing_clause():
    text = ("Xi Jinping and Vladimir Putin announced during a video call on Monday that they were extending "
            "the 2001 Sino-Russian Treaty of Good-Neighbourliness and Friendly Cooperation.")
    events = coded(text, "2021-06-30")
    # Extended now: the year names the treaty, not the act.
    assert {(source, target, code, day) for source, target, code, day, _ in events if code == "057"} == {
        ("CHN", "RUS", "057", date(2021, 6, 30)), ("RUS", "CHN", "057", date(2021, 6, 30))}
    # The treaty's name is no act of cooperation.
    assert not [event for event in events if event[2].startswith("06")]


def test_they_after_a_plural_noun_is_not_guessed():
    text = ("Xi Jinping met Yoon Suk Yeol in Lima. While these moves aim at closer ties, they carry "
            "a message for Washington and they strengthen cooperation.")
    assert not [event for event in coded(text, "2024-11-20") if "they" in event[4]]
