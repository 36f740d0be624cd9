"""The coder end to end on news-style sentences: actors, codes, dates, modality and evidence."""

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from tripolar.cli import app
from tripolar.coding.coder import code_text


def coded(text: str, published: str) -> list[tuple]:
    return [(e.source.label, e.target.label, e.cameo, e.modality, e.date, e.date_precision)
            for e in code_text(text, published)]


def test_a_tariff_dated_by_its_weekday():
    assert coded("Washington imposed new tariffs on Chinese steel on Tuesday.", "2018-03-08") == [
        ("USAGOV", "CHN", "172", "factual", date(2018, 3, 6), "day")]


def test_a_meeting_is_coded_both_ways():
    assert coded("Chinese President Xi Jinping and Russian President Vladimir Putin met in Moscow on Monday.",
                 "2023-03-21") == [
        ("CHNGOV", "RUSGOV", "040", "factual", date(2023, 3, 20), "day"),
        ("RUSGOV", "CHNGOV", "040", "factual", date(2023, 3, 20), "day")]


def test_negated_scheduled_and_hypothetical_acts():
    assert {row[3] for row in coded("The United States did not sign the agreement with Russia.", "2019-01-10")} == {
        "negated"}
    assert coded("Trump will meet Putin in Helsinki on July 16, the White House said.", "2018-06-28")[0] == (
        "USAGOV", "RUSGOV", "044", "scheduled", date(2018, 7, 16), "day")  # Helsinki: a third location
    assert coded("Japan could impose sanctions on North Korea if it tests another missile.", "2017-09-01")[0][:4] == (
        "JPN", "PRK", "163", "hypothetical")


def test_evidence_is_the_span_in_the_document_and_its_sentence():
    text = "The weather in Moscow was mild. Later, Russia expelled two British diplomats."
    (event,) = code_text(text, "2021-05-05")
    assert (event.source.label, event.target.label, event.cameo) == ("RUS", "GBRGOV", "161")
    assert event.evidence.sentence_index == 1
    span = text[event.evidence.start:event.evidence.end]
    assert span == event.evidence.text == "Russia expelled two British diplomats"


@pytest.mark.parametrize("text", [
    "The weather in Moscow was mild on Sunday.",
    "Analysts in Washington wrote a long report about trade.",
])
def test_sentences_without_an_event_give_none(text):
    assert code_text(text, "2024-01-01") == []


def test_the_president_elect_acts_for_the_incoming_government():
    (event, *_) = code_text("President-elect Donald Trump spoke by phone with Taiwan's President Tsai Ing-wen.",
                            "2016-12-03")
    assert (event.source.label, event.target.label, event.cameo) == ("USAGOV", "TWNGOV", "041")


def test_the_code_contract_reports_bad_lines_and_codes_the_rest(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join([
        json.dumps({"id": "a", "text": "Beijing banned exports of gallium to the United States on Tuesday.",
                    "published": "2024-12-04", "other": "ignored"}),
        "{not json",
        json.dumps({"id": "b", "text": "Russia expelled two British diplomats.", "published": "May 2021"}),
        json.dumps({"id": "c", "text": "Nothing happened here at all."}),
    ]) + "\n")
    output = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["code", "--input", str(source), "--output", str(output)])
    assert result.exit_code == 0, result.output
    assert "line 2:" in result.stderr and "line 3:" in result.stderr
    records = [json.loads(line) for line in output.read_text().splitlines()]
    assert [record["id"] for record in records] == ["a"]
    (record,) = records
    assert set(record) == {"id", "source", "source_role", "target", "target_role", "cameo", "plover", "quad",
                           "goldstein", "modality", "date", "date_precision", "issue", "evidence", "confidence"}
    assert (record["source"], record["target"], record["date"], record["date_precision"]) == (
        "CHN", "USA", "2024-12-03", "day")
    assert "minerals" in record["issue"]
    assert 0 < record["confidence"] <= 1


def test_a_first_name_the_parser_takes_for_a_preposition_still_names_the_subject():
    # The small English parser reads sentence-initial "Barack" as a preposition governing "Obama".
    events = coded("Barack Obama and Vladimir Putin met for about 90 minutes at the United Nations in New York "
                   "on Monday, discussing Syria and Ukraine.", "2015-09-28")
    assert {(source, target, code) for source, target, code, *_ in events} >= {
        ("USAGOV", "RUSGOV", "040"), ("RUSGOV", "USAGOV", "040")}


def test_a_noun_event_in_apposition_to_another_trigger_is_its_own_event():
    events = coded("Vladimir Putin received US Secretary of State John Kerry in Sochi on Tuesday, Kerry's first "
                   "trip to Russia since the Ukraine crisis erupted.", "2015-05-12")
    assert ("USAGOV", "RUS", "042") in {(source, target, code) for source, target, code, *_ in events}


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("Regular contacts between Jake Sullivan and Wang Yi helped both governments.", "2024-05-01",
     ("USAGOV", "CHNGOV", "040")),
    ("The trade war between China and the United States escalated in June.", "2019-07-01", ("CHN", "USA", "172")),
    ("Beijing stepped up its pressure on Taipei after the vote.", "2024-02-01", ("CHNGOV", "TWNGOV", "170")),
])
def test_nominal_and_light_verb_events(text, published, expected):
    assert expected in {(source, target, code) for source, target, code, *_ in coded(text, published)}


def test_a_directed_act_with_a_partner_is_coded_once_and_a_joint_act_both_ways():
    directed = coded("In 1972 the United States pursued détente with China.", "2018-06")
    assert {(source, target, code) for source, target, code, *_ in directed} == {("USA", "CHN", "050")}
    joint = coded("Joe Biden met with Xi Jinping in Woodside on Wednesday.", "2023-11-16")
    assert {(source, target, code) for source, target, code, *_ in joint} == {
        ("USAGOV", "CHNGOV", "040"), ("CHNGOV", "USAGOV", "040")}


def test_two_subjects_acting_against_a_third_party_are_not_each_others_targets():
    assert coded("China and the United States fought against fascism in the Second World War.", "2025-09") == []


def test_an_indefinite_event_under_a_modal_is_hypothetical_and_a_definite_one_is_not_read_as_such():
    assert [(s, t, c, m) for s, t, c, m, *_ in coded(
        "A Chinese blockade of Taiwan would constitute an existential threat.", "2025-11-25")] == [
        ("CHN", "TWN", "191", "hypothetical")]
    assert [(s, t, c, m) for s, t, c, m, *_ in coded(
        "The Chinese blockade of Taiwan would constitute an existential threat.", "2025-11-25")] == [
        ("CHN", "TWN", "191", "factual")]
