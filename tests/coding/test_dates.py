"""Temporal expressions in news sentences, resolved against the publication date.

Expected values are written as ``format_partial_date`` strings, so the precision is part of them:
"2018-05" is May 2018 at month precision, "2018" the year.
"""

from __future__ import annotations

from datetime import date

import pytest

from tripolar.coding.dates import DateMention, find_dates
from tripolar.coding.event_dates import date_for_trigger
from tripolar.errors import TripolarError
from tripolar.model import format_partial_date, parse_partial_date


def found(text: str, published: str | None, **options: object) -> list[tuple[str, str]]:
    """(text as written, resolved date) per mention; checks every span points at its text."""
    day, precision = parse_partial_date(published) if published else (None, None)
    mentions = find_dates(text, day, precision, **options)  # type: ignore[arg-type]
    for mention in mentions:
        assert text[mention.start:mention.end] == mention.text
    return [(mention.text, format_partial_date(mention.date, mention.precision)) for mention in mentions]


# (text, published, expected)
EXPLICIT = [
    ("Russia launched its full-scale invasion of Ukraine on February 24, 2022.", None,
     [("February 24, 2022", "2022-02-24")]),
    ("The Trump administration announced on May 29, 2018 that it would impose tariffs on Chinese goods.", "2018-06",
     [("May 29, 2018", "2018-05-29")]),
    ("Xi Jinping arrived in Moscow on 20 March 2023 for talks with Vladimir Putin.", "2023-03-21",
     [("20 March 2023", "2023-03-20")]),
    ("China's export licensing rule for gallium took effect on 2023-08-01.", None, [("2023-08-01", "2023-08-01")]),
    ("The US Commerce Department added Huawei to the entity list in May 2019.", None, [("May 2019", "2019-05")]),
    ("Moscow suspended its participation in New START in 2023.", None, [("2023", "2023")]),
    ("The New START treaty expires in early 2026 with no successor in sight.", "2025-10",
     [("early 2026", "2026")]),
    ("Washington expects Beijing's rare-earth curbs to bite by mid-2020.", "2019-06-01", [("mid-2020", "2020")]),
    ("Putin paid a state visit to China on May 16-17, 2024.", None, [("May 16-17, 2024", "2024-05-16")]),
    ("Russia invaded Ukraine on Feb. 24, 2022, and the G7 met on 24 February 2023.", None,
     [("Feb. 24, 2022", "2022-02-24"), ("24 February 2023", "2023-02-24")]),
    ("The talks, held on Tuesday, May 29, 2018, ended without a deal.", "2018-06",
     [("Tuesday, May 29, 2018", "2018-05-29")]),
    ("Trump and Kim are to meet in Singapore on June 12th.", "2018-05-20", [("June 12th", "2018-06-12")]),
    ("Xi met Putin in Moscow on Tuesday (March 21) and signed two statements.", "2023-03-23",
     [("Tuesday (March 21)", "2023-03-21")]),
]

YEAR_INFERENCE = [
    # The coding guide's example: an article of June 2018, known only to the month.
    ("On May 29, however, the Trump administration announced that it will impose a 25 percent tariff on "
     "$50 billion worth of goods imported from China shortly after June 15, which will definitely anger China.",
     "2018-06", [("May 29", "2018-05-29"), ("June 15", "2018-06-15")]),
    # Across the year boundary: the most recent November 24 before January 2025.
    ("Trump said on November 24 that he would put new tariffs on goods from China.", "2025-01-10",
     [("November 24", "2024-11-24")]),
    ("Trump said on November 24 that he would put new tariffs on goods from China.", "2025-01",
     [("November 24", "2024-11-24")]),
    ("China banned exports of gallium, germanium and antimony to the United States on December 3.", "2025-01",
     [("December 3", "2024-12-03")]),
    # A date a fortnight ahead is nearer than one eleven months back.
    ("Trump will sign the Phase One trade deal with China on January 15.", "2019-12-31",
     [("January 15", "2020-01-15")]),
    ("Beijing said its export licences for gallium and germanium would be required from August 1.", "2023-07-03",
     [("August 1", "2023-08-01")]),
    # The publication known only to the year: the year is all that can be said.
    ("Xi Jinping and Vladimir Putin met in Moscow on May 8.", "2015", [("May 8", "2015-05-08")]),
    ("Putin met Xi at the SCO summit on June 9.", "2018-06", [("June 9", "2018-06-09")]),
    ("Xi and Putin last met on February 29.", "2024-03-10", [("February 29", "2024-02-29")]),
    ("The envoys met on February 30, the ministry claimed.", "2024-03-10", []),
]

MONTHS_ALONE = [
    ("Biden and Xi met in Woodside, California, in November.", "2024-04-02", [("November", "2023-11")]),
    ("Putin said he looked forward to seeing Xi at the Winter Olympics in February.", "2021-12-15",
     [("February", "2022-02")]),
    ("Russia annexed Crimea in March after a disputed referendum.", "2014-04-10", [("March", "2014-03")]),
    ("Russian and Chinese warships held joint drills last July.", "2018-03-10", [("last July", "2017-07")]),
    ("The next round of strategic stability talks is planned for next March.", "2018-03-10",
     [("next March", "2019-03")]),
    ("North Korea fired a ballistic missile over Japan in early October.", "2022-11-02",
     [("early October", "2022-10")]),
    ("Talks on the trade deal stalled in mid-December.", "2025-01", [("mid-December", "2024-12")]),
    ("Sanctions on Russian banks have been in force since March.", "2022-06-01", [("March", "2022-03")]),
    ("Washington promised a decision on chip export controls by the end of October.", "2022-09-20",
     [("the end of October", "2022-10")]),
    ("The foreign ministers met in October to prepare the summit.", "2019", [("October", "2019-10")]),
    # Not months: the name and the modal verb.
    ("Theresa May met Xi Jinping in Beijing to discuss trade.", "2018-02-01", []),
    ("China may retaliate, and officials may meet again to March forward.", "2018-02-01", []),
]

WEEKDAYS = [
    ("Russia on Saturday vetoed a UN Security Council draft resolution on Crimea.", "2014-03-17",
     [("Saturday", "2014-03-15")]),
    ("Putin and Xi signed a joint statement in Moscow on Tuesday.", "2023-03-22", [("Tuesday", "2023-03-21")]),
    # Published on the day named: that day.
    ("Trump and Putin met at a base in Anchorage on Friday.", "2025-08-15", [("Friday", "2025-08-15")]),
    ("Xi arrived in Moscow last Monday for a three-day visit.", "2023-03-27", [("last Monday", "2023-03-20")]),
    ("The envoys will meet again next Tuesday in Geneva.", "2023-03-21", [("next Tuesday", "2023-03-28")]),
    ("Chinese and Indian troops clashed in the Galwan Valley on Monday night.", "2020-06-16",
     [("Monday night", "2020-06-15")]),
    # A publication known to the month cannot place a weekday better than its month.
    ("Russia on Saturday vetoed a UN Security Council draft resolution on Crimea.", "2014-03",
     [("Saturday", "2014-03")]),
    ("Chinese buyers crowded US stores on Black Friday before Super Tuesday.", "2019-12-02", []),
]

RELATIVE = [
    ("Beijing yesterday announced retaliatory tariffs on US soybeans and cars.", "2018-04-05",
     [("yesterday", "2018-04-04")]),
    ("The Kremlin said today that Putin would recognise the separatist republics.", "2022-02-21",
     [("today", "2022-02-21")]),
    ("Blinken will travel to Beijing tomorrow for talks with Wang Yi.", "2023-06-17", [("tomorrow", "2023-06-18")]),
    ("US warships struck a Syrian air base last night.", "2017-04-07", [("last night", "2017-04-06")]),
    # "last week" is the month of the day a week earlier, at month precision.
    ("Xi met Putin in Moscow last week.", "2023-03-28", [("last week", "2023-03")]),
    ("Beijing summoned the US ambassador last week.", "2018-06-03", [("last week", "2018-05")]),
    ("Wang Yi will visit Washington next week.", "2023-11-10", [("next week", "2023-11")]),
    ("Trump threatened new tariffs on Chinese goods last month.", "2025-01-10", [("last month", "2024-12")]),
    ("Xi is expected to visit Russia next month.", "2024-12-05", [("next month", "2025-01")]),
    ("Earlier this year Washington blacklisted Huawei, after last year's arrest of Meng Wanzhou.", "2019-08-20",
     [("Earlier this year", "2019"), ("last year", "2018")]),
    ("Russian forces crossed into Ukraine two weeks ago.", "2022-03-10", [("two weeks ago", "2022-02")]),
    ("Russian forces crossed into Ukraine three days ago.", "2022-02-27", [("three days ago", "2022-02-24")]),
    ("Washington and Beijing signed a trade truce a year ago.", "2021-01-15", [("a year ago", "2020")]),
    # Never finer than the publication date.
    ("Beijing yesterday announced retaliatory tariffs, after talks collapsed last month.", "2018-06",
     [("yesterday", "2018-06"), ("last month", "2018-05")]),
    ("Moscow expelled US diplomats last year and again last month.", "2018",
     [("last year", "2017"), ("last month", "2018")]),
]

ANCHORED = [
    ("On May 29, 2018, the White House announced tariffs; two days later Beijing vowed to retaliate.", None,
     [("May 29, 2018", "2018-05-29"), ("two days later", "2018-05-31")]),
    ("Chinese and US negotiators met on June 15 and the next day announced a truce.", "2018-06-20",
     [("June 15", "2018-06-15"), ("the next day", "2018-06-16")]),
    # With no date before it, a relative anchor falls back on publication.
    ("A day earlier, Moscow had expelled two British diplomats.", "2018-03-30", [("A day earlier", "2018-03-29")]),
    ("The tariffs take effect two days after June 15.", "2018-06-01",
     [("two days after", "2018-06-17"), ("June 15", "2018-06-15")]),
    ("Xi visited Moscow on March 20, 2023, and a month later spoke to Zelensky.", None,
     [("March 20, 2023", "2023-03-20"), ("a month later", "2023-04")]),
    ("Pompeo met Lavrov in Sochi on May 14, 2019, and the following week Trump called Putin.", None,
     [("May 14, 2019", "2019-05-14"), ("the following week", "2019-05")]),
    ("Xi arrived in Moscow on March 20, 2023 and met Putin the same day.", None,
     [("March 20, 2023", "2023-03-20"), ("the same day", "2023-03-20")]),
    # Counted from an event whose date is not given: nothing to resolve.
    ("Sanctions were imposed on Monday, a day after Crimea voted to join Russia.", "2014-03-17",
     [("Monday", "2014-03-17")]),
    ("Moscow recalled its ambassador the day before the vote.", "2018-03-30", []),
]

WITHOUT_PUBLICATION = [
    ("On May 29 the White House announced tariffs, officials said yesterday, after a call last week.", None, []),
    ("Relations froze in 2019 and again last year.", None, [("2019", "2019")]),
    ("Two days later Beijing vowed to retaliate on Monday.", None, []),
]

NOT_DATES = [
    ("UN Security Council Resolution 2094 tightened sanctions on North Korea.", "2013-03-08", []),
    ("Beijing's Made in China 2025 plan alarmed Washington.", "2018-06-01", []),
    ("The Pentagon sent 2000 troops and 1,500 tonnes of equipment to Poland.", "2022-02-03", []),
    ("The 1990s were a decade of warm Sino-Russian ties.", "2018-06-01", []),
    ("The two leaders discussed the situation and agreed to cooperate closely.", "2018-06-01", []),
    ("Trump's 2016 campaign promised tariffs; since 2014 Russia had faced sanctions.", "2018-06-01",
     [("2016", "2016"), ("2014", "2014")]),
]


@pytest.mark.parametrize("text, published, expected", EXPLICIT)
def test_explicit_dates(text, published, expected):
    assert found(text, published) == expected


@pytest.mark.parametrize("text, published, expected", YEAR_INFERENCE)
def test_year_inferred_from_publication(text, published, expected):
    assert found(text, published) == expected


@pytest.mark.parametrize("text, published, expected", MONTHS_ALONE)
def test_months_without_a_year(text, published, expected):
    assert found(text, published) == expected


@pytest.mark.parametrize("text, published, expected", WEEKDAYS)
def test_weekdays(text, published, expected):
    assert found(text, published) == expected


@pytest.mark.parametrize("text, published, expected", RELATIVE)
def test_relative_to_publication(text, published, expected):
    assert found(text, published) == expected


@pytest.mark.parametrize("text, published, expected", ANCHORED)
def test_relative_to_an_earlier_date(text, published, expected):
    assert found(text, published) == expected


@pytest.mark.parametrize("text, published, expected", WITHOUT_PUBLICATION)
def test_without_publication_only_absolute_dates_resolve(text, published, expected):
    assert found(text, published) == expected


@pytest.mark.parametrize("text, published, expected", NOT_DATES)
def test_numbers_and_names_that_are_not_dates(text, published, expected):
    assert found(text, published) == expected


def test_ambiguous_mention_keeps_both_readings():
    [mention] = find_dates("Trump and Putin will meet in Alaska on Friday.", date(2025, 8, 12))
    assert (mention.past, mention.future, mention.date) == (date(2025, 8, 8), date(2025, 8, 15), date(2025, 8, 8))
    assert mention.ambiguous
    assert mention.reading("future").date == date(2025, 8, 15)
    assert mention.reading("past") is mention


def test_prefer_future_forces_a_reading():
    text = "Export licences for gallium will be required from August 1, and talks resume on May 29."
    published = date(2023, 7, 3)
    assert [m.date for m in find_dates(text, published, prefer_future=False)] == [date(2022, 8, 1), date(2023, 5, 29)]
    assert [m.date for m in find_dates(text, published, prefer_future=True)] == [date(2023, 8, 1), date(2024, 5, 29)]


def test_unambiguous_mention_has_no_second_reading():
    [mention] = find_dates("Russia invaded Ukraine on February 24, 2022.", None)
    assert (mention.past, mention.future, mention.ambiguous, mention.kind) == (None, None, False, "absolute")
    assert mention.reading("future") is mention


def test_published_precision_defaults_to_day_when_none():
    assert found("Beijing yesterday announced retaliatory tariffs.", None) == []
    [mention] = find_dates("Beijing yesterday announced retaliatory tariffs.", date(2018, 4, 5), None)
    assert (mention.date, mention.precision) == (date(2018, 4, 4), "day")


# --------------------------------------------------------------------------------------------------
# date_for_trigger


@pytest.fixture(scope="module")
def nlp():
    from tripolar.coding.nlp import load_pipeline

    try:
        return load_pipeline()
    except TripolarError as error:
        pytest.skip(str(error))


def dated(nlp, text: str, published: str | None, trigger: str, occurrence: int = 0) -> str | None:
    day, precision = parse_partial_date(published) if published else (None, None)
    mentions = find_dates(text, day, precision)
    doc = nlp(text)
    token = [token for token in doc if token.text == trigger][occurrence]
    mention = date_for_trigger(token, mentions)
    return None if mention is None else format_partial_date(mention.date, mention.precision)


TARIFFS = (
    "On May 29, however, the Trump administration announced that it will impose a 25 percent tariff on "
    "$50 billion worth of goods imported from China shortly after June 15, which will definitely anger China."
)


@pytest.mark.parametrize("text, published, trigger, expected", [
    # Two dates, two verbs: each verb takes the date of its own clause.
    (TARIFFS, "2018-06", "announced", "2018-05-29"),
    (TARIFFS, "2018-06", "impose", "2018-06-15"),
    (TARIFFS, "2018-06", "tariff", "2018-06-15"),
    (TARIFFS, "2018-06", "anger", None),
    # "will visit" takes the weekday's future reading; "said" its past one.
    ("Xi Jinping will visit Moscow on Monday, the Kremlin said on Friday.", "2023-03-17", "visit", "2023-03-20"),
    ("Xi Jinping will visit Moscow on Monday, the Kremlin said on Friday.", "2023-03-17", "said", "2023-03-17"),
    ("Trump and Putin are set to meet in Alaska on Friday.", "2025-08-12", "meet", "2025-08-15"),
    # Coordinated clauses with subjects of their own keep their own dates.
    ("China imposed export controls on gallium on July 3 and Russia expelled two US diplomats on July 5.",
     "2023-07-10", "imposed", "2023-07-03"),
    ("China imposed export controls on gallium on July 3 and Russia expelled two US diplomats on July 5.",
     "2023-07-10", "expelled", "2023-07-05"),
    # Without a subject of its own the second verb shares the first one's date.
    ("Putin and Xi met in Moscow on Tuesday and signed a joint statement.", "2023-03-22", "signed", "2023-03-21"),
    # A relative clause's date is not the main verb's.
    ("Trump, who took office in January, announced tariffs on Chinese goods on Saturday.", "2025-02-03",
     "announced", "2025-02-01"),
    ("Trump, who took office in January, announced tariffs on Chinese goods on Saturday.", "2025-02-03",
     "took", "2025-01"),
    ("The tariffs, which took effect on Friday, will anger Beijing.", "2019-05-13", "anger", None),
    # The date before the reported clause's subject dates the reporting verb, whatever the parse says.
    ("Trump said on Tuesday he will sign the Phase One trade deal with China on January 15.", "2019-12-31",
     "said", "2019-12-31"),
    ("Trump said on Tuesday he will sign the Phase One trade deal with China on January 15.", "2019-12-31",
     "sign", "2020-01-15"),
    ("Biden will host Xi in California in November, officials said.", "2023-10-20", "host", "2023-11"),
    ("Biden will host Xi in California in November, officials said.", "2023-10-20", "said", None),
    # A past-tense verb takes the past reading even where the nearer reading is ahead.
    ("Russia annexed Crimea in March.", "2018-12-10", "annexed", "2018-03"),
    # A nominal trigger with its own date.
    ("The summit on June 12 in Singapore ended with a joint statement.", "2018-06-14", "summit", "2018-06-12"),
])
def test_date_for_trigger(nlp, text, published, trigger, expected):
    assert dated(nlp, text, published, trigger) == expected


def test_date_for_trigger_in_one_sentence_of_a_document(nlp):
    text = "Xi arrived in Moscow on Monday. Putin hosted him at the Kremlin on Tuesday. They signed deals."
    mentions = find_dates(text, date(2023, 3, 22))
    second_start = text.index("Putin")
    second = nlp(text[second_start:text.index(" They")])
    hosted = next(token for token in second if token.text == "hosted")
    assert date_for_trigger(hosted, mentions, sentence_start=second_start).date == date(2023, 3, 21)
    # Dates of other sentences are not this one's.
    third_start = text.index("They")
    third = nlp(text[third_start:])
    signed = next(token for token in third if token.text == "signed")
    assert date_for_trigger(signed, mentions, sentence_start=third_start) is None


def test_date_for_trigger_without_mentions(nlp):
    doc = nlp("Beijing protested.")
    assert date_for_trigger(doc[1], []) is None


def test_mention_is_a_frozen_record():
    mention = DateMention(0, 6, "May 29", date(2018, 5, 29), "day")
    with pytest.raises(AttributeError):
        mention.start = 1  # type: ignore[misc]


def test_later_in_the_year_is_within_the_year_last_told_whose_year_is_settled():
    assert found("He visited Moscow in March 2019 and returned later that year.", "2025-11-25") == [
        ("March 2019", "2019-03"), ("later that year", "2019")]
    assert found("Xi visited on June 3 and Putin came that same month.", "2025-11-25") == [
        ("June 3", "2025-06-03"), ("that same month", "2025-06")]
    # "in April" leaves its year open, so "next year" is what "the year" refers to.
    assert found("It will come next year, with a visit in April and another later in the year.", "2025-11-25")[-1] == (
        "later in the year", "2026")
