"""Event dates the text gives beyond the trigger's own clause: later in the document, before a colon,
in a "when" clause hanging from a date, and the same act told earlier."""

from datetime import date

from tripolar.coding.coder import code_text


def dated(text: str, published: str) -> set[tuple[str, str, str, date | None]]:
    return {(e.source.code, e.target.code, e.cameo, e.date) for e in code_text(text, published)}


def test_a_headline_event_takes_the_date_the_article_gives_further_down():
    text = ("Xi Jinping calls Donald Trump as relationship moves to new territory\n\n"
            "Xi Jinping has made a rare call to Donald Trump.\n\n"
            "The Chinese leader made the unusual step of initiating contact with Trump, with the two leaders "
            "speaking on the evening of November 24 about a range of topics.")
    events = dated(text, "2025-11-25")
    assert ("CHN", "USA", "041", date(2025, 11, 24)) in events
    assert not {event for event in events if event[3] == date(2025, 11, 25)}


def test_a_later_act_of_another_modality_does_not_date_an_earlier_one():
    text = "Xi Jinping met Vladimir Putin in Moscow. The two leaders will meet again on June 9 in Qingdao."
    events = dated(text, "2018-05-30")
    assert ("CHN", "RUS", "040", date(2018, 5, 30)) in events
    assert ("CHN", "RUS", "040", date(2018, 6, 9)) in events


def test_the_same_code_told_earlier_dates_an_act_before_a_merely_related_one():
    text = ("On April 1, Defense Minister Wei Fenghe began a visit to Russia. "
            "Foreign Minister Wang Yi met with Putin on April 5. "
            "Wei characterized his visit to Russia as a signal of close military ties.")
    events = dated(text, "2018-06")
    assert ("CHN", "RUS", "042", date(2018, 4, 1)) in events
    assert ("CHN", "RUS", "042", date(2018, 4, 5)) not in events


def test_a_colon_carries_the_date_into_the_clause_it_opens():
    text = "On April 6, the U.S. Treasury Department issued a serious rebuke to Russia: it slapped sanctions on Russia."
    assert ("USA", "RUS", "163", date(2018, 4, 6)) in dated(text, "2018-06")


def test_a_when_clause_takes_the_date_it_hangs_from():
    text = ("The U.S. befriended China to confront the Soviet Union starting in 1972, when President Richard Nixon "
            "paid his historic trip to China.")
    assert ("USA", "CHN", "042", date(1972, 1, 1)) in dated(text, "2018-06")


def test_a_participle_describing_another_thing_dates_that_thing_not_the_act():
    # "announced on March 3" dates the package; Moscow's answer is dated by nothing in the sentence.
    text = ("The sanctions package, announced on March 3, was answered by Moscow with a ban on imports from "
            "the European Union.")
    assert dated(text, "2022-04-10") == {("RUS", "EUR", "163", date(2022, 4, 10))}
    # Inside the act's own object the participle's date is the act's: small parsers hang it there.
    text = "Washington imposed tariffs on steel imported from China after March 3."
    assert dated(text, "2022-04-10") == {("USA", "CHN", "172", date(2022, 3, 3))}


def test_an_act_under_way_with_no_date_of_its_own_is_dated_to_the_month():
    text = "Xi called Trump as China engages in a new round of economic coercion against Japan."
    events = dated(text, "2025-11-25")
    assert ("CHN", "JPN", "163", date(2025, 11, 1)) in events
    # A completed act keeps the day it was reported on.
    assert ("CHN", "USA", "041", date(2025, 11, 25)) in events
    precisions = {(e.cameo, e.date_precision) for e in code_text(text, "2025-11-25")}
    assert ("163", "month") in precisions and ("041", "day") in precisions


def test_an_undated_past_act_between_the_pair_the_sentence_before_dated_is_set_in_that_month():
    text = ("On May 18, the United States and China reached a compromise on trade. The breakthrough followed "
            "intensive negotiations between the two countries.")
    events = {(e.source.code, e.target.code, e.cameo, e.date, e.date_precision) for e in code_text(text, "2018-06")}
    assert ("USA", "CHN", "046", date(2018, 5, 1), "month") in events
    # A sentence with a time of its own keeps to it, and an act not yet done is not dated by the story.
    text = ("On May 18, the United States and China reached a compromise on trade. Talks between the two "
            "countries will resume.")
    events = {(e.source.code, e.target.code, e.cameo, e.date) for e in code_text(text, "2018-06")}
    assert not {event for event in events if event[2] == "046" and event[3] == date(2018, 5, 1)}
