"""Temporal expressions in news text, resolved against the publication date.

``find_dates`` reads the dates a text mentions ("on May 29", "last week", "two days later") and
resolves each to the first day of the period it names, with a precision (day, month, year) that never
claims more than the text and the publication date support. ``tripolar.coding.event_dates`` then picks
the mention that belongs to an event's trigger in a spaCy parse.

Three rules shape the resolution:

* An expression without a year ("May 29", "in October", "on Monday") has a past and a future
  reading, both kept on the mention. A weekday takes the past one (the most recent Monday on or before
  publication): news mostly reports what happened. A month or a day of a month takes the past one
  unless the future one is less than half as far from publication: "November 24" in January 2025 is
  2024-11-24, but "from August 1" in a paper of July 3 is the coming August 1, not one eleven months
  ago. ``event_dates.date_for_trigger`` then lets the trigger's tense decide ("will meet" → future,
  "met" → past), and ``find_dates(prefer_future=...)`` forces one reading up front.
* A relative expression is never more precise than the publication date: "yesterday" in an article
  known only to the month is that month, "last month" in an article known only to the year is that year.
* "last week", "next week", "N weeks ago" resolve to the *month* of the day a week away, at month
  precision: the week itself has no first day a reader would agree on, and the month is right except
  near a month's edge.

Without a publication date only expressions that carry their own year resolve, plus expressions
anchored on one of them ("On May 29, 2018 … two days later").

dateparser is deliberately not used: it costs about 1 ms per expression (10 ms to search a sentence),
puts "November 24" in an article of January 2025 in November 2025 by default, finds dates in "a 25
percent tariff" and "on $50 billion", and returns "in October" as a day. The grammar below is a
handful of compiled regular expressions behind cheap gates (a digit, a month name, a unit word):
about 3 ms per 1,000 sentences with no temporal word, about 50 ms per 1,000 date-bearing ones.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Literal

from tripolar.model import DatePrecision

MentionKind = Literal["absolute", "partial", "weekday", "relative", "anchored"]

_PRECISION_RANK: dict[str, int] = {"day": 0, "month": 1, "year": 2}


@dataclass(frozen=True, slots=True)
class DateMention:
    """One temporal expression: where it is, what it says, and the period it resolves to.

    ``past`` and ``future`` are set only when the expression does not say which way it points (a
    weekday, a month or a day without a year): they are its two readings, and ``date`` is one of them.
    """

    start: int
    end: int
    text: str
    date: date
    precision: DatePrecision
    kind: MentionKind = "absolute"
    past: date | None = None
    future: date | None = None

    @property
    def ambiguous(self) -> bool:
        return self.past is not None and self.future is not None and self.past != self.future

    def reading(self, direction: Literal["past", "future"]) -> DateMention:
        """This mention with its past or future reading as ``date`` (itself when unambiguous)."""
        chosen = self.future if direction == "future" else self.past
        if chosen is None or chosen == self.date:
            return self
        return replace(self, date=chosen)


# ---------------------------------------------------------------------------------------------------
# Vocabulary

_MONTHS: dict[str, int] = {}
for _number, _name in enumerate(calendar.month_name[1:], start=1):
    _MONTHS[_name.lower()] = _number
    _MONTHS[_name[:3].lower()] = _number
_MONTHS["sept"] = 9

_WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}

_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}

# Month names are matched case-sensitively: "May" the month is capitalised, "may" the modal is not.
_MONTH_FULL = "|".join(calendar.month_name[1:])
_MONTH_ANY = (
    r"(?:" + _MONTH_FULL + r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
)
_WEEKDAY = "|".join(calendar.day_name)
_YEAR = r"(?:19|20)\d\d"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])"
_ORDINAL = r"(?:st|nd|rd|th)?"
# "Monday, May 28" and "Tuesday (May 29)" are one date; the parenthesis is closed if it was opened.
_WEEKDAY_PREFIX = r"(?:(?:" + _WEEKDAY + r")\s*,?\s*(?P<paren>\()?)?"
_CLOSE = r"(?(paren)\))"
_NUMBER = r"(?i:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})"

# Cheap gates run first on every sentence, so that each pattern below runs only where its
# ingredients are: a digit, a capitalised month name, or a unit word (weekdays end in "day").
_DIGIT = re.compile(r"\d")
_MONTH_NAME = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
_UNIT_WORDS = ("day", "week", "month", "year", "night", "tomorrow", "morning", "afternoon", "evening")

_ISO = re.compile(r"(?<![\d-])(?P<y>" + _YEAR + r")-(?P<m>0[1-9]|1[0-2])(?:-(?P<d>0[1-9]|[12]\d|3[01]))?(?![\d-])")
_MONTH_DAY = re.compile(
    r"(?<![\w.])" + _WEEKDAY_PREFIX + r"(?P<mon>" + _MONTH_ANY + r")\s+(?P<day>" + _DAY + r")" + _ORDINAL
    + r"(?:\s*(?:[-–]|and|to)\s*" + _DAY + _ORDINAL + r")?(?![\d:])\b(?:,?\s+(?P<year>" + _YEAR + r")\b)?" + _CLOSE
)
_DAY_MONTH = re.compile(
    r"(?<![\w.$,])" + _WEEKDAY_PREFIX + r"(?P<day>" + _DAY + r")" + _ORDINAL + r"(?:\s+of)?\s+(?P<mon>"
    + _MONTH_ANY + r")(?![\w])(?:,?\s+(?P<year>" + _YEAR + r")\b)?" + _CLOSE
)
_MONTH_YEAR = re.compile(
    r"(?<![\w.])(?:(?i:early|mid|late)[-\s]+)?(?P<mon>" + _MONTH_ANY + r")\s+(?:of\s+)?(?P<year>" + _YEAR
    + r")(?![\d-])"
)
# A month alone is a date only after a word that makes it one ("in October", "last March",
# "mid-October"); "March" and "May" alone are too often something else. The words before it are
# read backwards from the month (``_MONTH_LEAD``) because a pattern starting with them would be
# tried at every position of every sentence.
_MONTH_ALONE = re.compile(
    r"(?<![\w-])(?:(?P<hmod>(?i:mid|early|late))-)?(?P<mon>" + _MONTH_FULL + r")\b(?!\s*\d|-)"
)
_MONTH_LEAD = re.compile(
    r"(?:\b(?P<lead>in|since|by|until|till|through|during|from|before|after|last|next|this|that|of|at)\s+)?"
    r"(?:\b(?P<mod>early|late|mid|(?:the\s+)?(?:end|beginning|start|middle)\s+of)[-\s]+)?$",
    re.IGNORECASE,
)
_YEAR_ALONE = re.compile(
    r"(?<![\w$€£¥.,:/#-])(?:(?i:early|mid|late)[-\s]+)?(?P<year>" + _YEAR + r")(?:'s)?\b"
    r"(?!%|[.,]\d|\s*(?i:percent|per\s+cent|troops|soldiers|people|tons|tonnes|"
    r"barrels|km|kilomet(?:er|re)s|miles|met(?:er|re)s|feet|dollars|yuan|rubles|units|vehicles|"
    r"tanks|missiles|warheads|jobs|times)\b)"
)
_WEEKDAY_ALONE = re.compile(
    r"(?<![\w-])(?P<wd>" + _WEEKDAY + r")(?!s)\b(?:\s+(?i:morning|afternoon|evening|night))?"
)
_WEEKDAY_RELATIONS = frozenset({"last", "next", "this"})
_PUBLICATION_RELATIVE = re.compile(
    r"\b(?i:(?P<today>today|tonight|this\s+(?:morning|afternoon|evening))"
    r"|(?P<yesterday>yesterday|last\s+night)"
    r"|(?P<tomorrow>tomorrow)"
    r"|(?:(?:earlier|later)\s+)?(?P<this>this)\s+(?P<this_unit>week|month|year)"
    r"|(?P<last>last|next|the\s+coming)\s+(?P<last_unit>week|weekend|month|year)"
    r"|(?P<ago_n>" + _NUMBER + r")\s+(?P<ago_unit>day|week|month|year)s?\s+ago)\b"
)
_ANCHORED = re.compile(
    r"\b(?i:(?P<n>" + _NUMBER + r")\s+(?P<unit>day|week|month|year)s?\s+(?P<dir>later|earlier|before|after)"
    r"|the\s+(?P<next>next|following|previous|preceding)\s+(?P<next_unit>day|week|month|year)"
    r"|the\s+day\s+(?P<day_dir>before|after)"
    r"|(?:later|earlier)\s+(?:in\s+)?(?:that|the)\s+(?:same\s+)?(?P<within>year|month)"
    r"|(?:that|the)\s+same\s+(?P<same_unit>year|month)"
    r"|(?P<same>the\s+same\s+day|that\s+day))\b"
)

# A year right after one of these words names a thing, not a time ("Resolution 2231", "Vision 2030").
_NOT_BEFORE_YEAR = frozenset({"resolution", "no.", "number", "flight", "article", "vision", "agenda", "route"})
# A capitalised word before a bare year usually makes it a name ("Made in China 2025", "Beijing
# 2022"), unless the word is one that starts a sentence or a time phrase.
_CAPITALISED_BEFORE_YEAR_OK = frozenset({
    "in", "since", "by", "until", "through", "during", "from", "before", "after", "of", "and", "or", "to",
    "between", "early", "late", "mid", "the", "end", "summer", "spring", "autumn", "fall", "winter", "fiscal",
    "last", "this", "that", "as", "at", "for", "on", "around", "about", "throughout", "into", "but", "then",
    "back", "circa", "till",
})
# "Black Friday", "Super Tuesday": a weekday after these is a name, not a day.
_NOT_BEFORE_WEEKDAY = frozenset({"black", "good", "super", "bloody", "cyber", "ash", "easter", "palm", "holy"})
_PREVIOUS_WORD = re.compile(r"(\S+)\s*$")
_LOOKBACK = 60
# Around a unit word: "the day before yesterday" reaches back, "Wednesday afternoon" ahead.
_WINDOW_BEFORE, _WINDOW_AFTER = 40, 30


# ---------------------------------------------------------------------------------------------------
# Calendar arithmetic


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _first_day(day: date, precision: DatePrecision) -> date:
    if precision == "year":
        return date(day.year, 1, 1)
    if precision == "month":
        return date(day.year, day.month, 1)
    return day


def _coarser(first: DatePrecision, second: DatePrecision) -> DatePrecision:
    return first if _PRECISION_RANK[first] >= _PRECISION_RANK[second] else second


def _shift(anchor: date, anchor_precision: DatePrecision, precision: DatePrecision,
           days: int = 0, months: int = 0, years: int = 0) -> tuple[date, DatePrecision]:
    """``anchor`` moved by the offset, at ``precision`` but never finer than the anchor's own.

    An anchor known only to the month (or year) is its first day, so a shift of days is turned into
    whole months (or years) rather than landing at the end of the previous period.
    """
    if anchor_precision == "month":
        months += round(days / 30.44)
        days = 0
    elif anchor_precision == "year":
        years += round((days / 30.44 + months) / 12)
        days = months = 0
    moved = _add_months(anchor + timedelta(days=days), months + 12 * years)
    resolved = _coarser(precision, anchor_precision)
    return _first_day(moved, resolved), resolved


def _month_readings(month: int, day: int | None, published: date,
                    published_precision: DatePrecision) -> tuple[date, date] | None:
    """The most recent (past) and next (future) date with this month (and day) around publication.

    Compared at the publication's own precision: in an article of June 2018 "June 10" is in 2018
    either way, because the day of publication is not known; in an article of 2018, anything is.
    """
    year = published.year
    if published_precision == "year":
        past_year = future_year = year
    else:
        if published_precision == "day" and day is not None:
            named, now = (month, day), (published.month, published.day)
        else:
            named, now = (month, 1), (published.month, 1)
        past_year = year if named <= now else year - 1
        future_year = year if named >= now else year + 1
    readings = []
    for year in (past_year, future_year):
        try:
            readings.append(date(year, month, day or 1))
        except ValueError:  # February 29 in a year without one: the other reading stands alone
            pass
    if not readings:
        return None
    return readings[0], readings[-1]


def _weekday_readings(weekday: int, published: date, relation: str) -> tuple[date, date]:
    """The past and future dates of a weekday seen from a publication day.

    "on Monday" in Monday's paper is that day; "last Monday" is strictly before, "next Monday"
    strictly after.
    """
    back = (published.weekday() - weekday) % 7
    ahead = (weekday - published.weekday()) % 7
    if relation == "last":
        back = back or 7
    if relation == "next":
        ahead = ahead or 7
    return published - timedelta(days=back), published + timedelta(days=ahead)


# ---------------------------------------------------------------------------------------------------
# find_dates


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    handler: Callable[[re.Match[str], _Context], DateMention | None]
    match: re.Match[str]


@dataclass(slots=True)
class _Context:
    text: str
    published: date | None
    published_precision: DatePrecision
    prefer_future: bool | None
    resolved: list[DateMention]
    pending: list[_Candidate]


def find_dates(text: str, published: date | None, published_precision: DatePrecision | None = "day",
               *, prefer_future: bool | None = None) -> list[DateMention]:
    """Every temporal expression in ``text`` that can be resolved, in text order.

    ``published`` is the publication date (its first day when known only to the month or year);
    expressions without a year of their own need it and are skipped without it. Where an expression
    does not say whether it points back or ahead, ``prefer_future`` True or False picks the future or
    past reading; None (the default) applies the rule in the module's docstring.
    """
    present = set()
    if _DIGIT.search(text):
        present.add("digit")
    if _MONTH_NAME.search(text):
        present.add("month")
    unit_windows = _unit_windows(text)
    if unit_windows:
        present.add("unit")
    if not present:
        return []
    candidates: list[_Candidate] = []
    for pattern, handler, needs in _GRAMMAR:
        if not needs <= present:
            continue
        # Patterns keyed on a unit word are searched only around one: far cheaper than a scan.
        windows = unit_windows if "unit" in needs else [(0, len(text))]
        for window_start, window_end in windows:
            for match in pattern.finditer(text, window_start, window_end):
                span = _reported_span(match)
                candidates.append(_Candidate(span[0], span[1], handler, match))
    # Where expressions overlap the longest wins ("May 29, 2018" over "2018").
    candidates.sort(key=lambda candidate: (candidate.start, -(candidate.end - candidate.start)))
    chosen: list[_Candidate] = []
    for candidate in candidates:
        if chosen and candidate.start < chosen[-1].end:
            continue
        chosen.append(candidate)
    context = _Context(text, published, published_precision or "day", prefer_future, [], [])
    for index, candidate in enumerate(chosen):
        context.pending = chosen[index + 1:]
        mention = candidate.handler(candidate.match, context)
        if mention is not None:
            context.resolved.append(mention)
    return context.resolved


def _unit_windows(text: str) -> list[tuple[int, int]]:
    """Stretches of ``text`` around each unit word, wide enough for any expression built on it."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a character whose lowercase is longer: offsets would drift
        lowered = text
    spots: list[tuple[int, int]] = []
    for word in _UNIT_WORDS:
        found = lowered.find(word)
        while found >= 0:
            spots.append((max(0, found - _WINDOW_BEFORE), min(len(text), found + _WINDOW_AFTER)))
            found = lowered.find(word, found + 1)
    spots.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spots:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _reported_span(match: re.Match[str]) -> tuple[int, int]:
    # "last October", "early October" and "last Monday" are reported whole; the "in" of "in October"
    # and the "on" of "on Monday" only say how to read the rest.
    if match.re is _MONTH_ALONE:
        return _month_lead(match)[2], match.end()
    if match.re is _WEEKDAY_ALONE:
        word, word_start, _ = _word_before(match.string, match.start())
        return (word_start if word.lower() in _WEEKDAY_RELATIONS else match.start()), match.end()
    return match.start(), match.end()


def _word_before(text: str, start: int) -> tuple[str, int, str]:
    """The word just before ``start``, where it starts, and the last non-space character before it."""
    window_start = max(0, start - _LOOKBACK)
    found = _PREVIOUS_WORD.search(text[window_start:start])
    if found is None:
        return "", start, ""
    word_start = window_start + found.start(1)
    index = word_start - 1
    while index >= 0 and text[index].isspace():
        index -= 1
    return found.group(1), word_start, text[index] if index >= 0 else ""


def _month_lead(match: re.Match[str]) -> tuple[str, str, int]:
    """For a month alone: the word that makes it a date ("in", "last"), its modifier, and the start
    of the text to report."""
    window_start = max(0, match.start() - _LOOKBACK)
    before = _MONTH_LEAD.search(match.string, window_start, match.start())
    lead = (before.group("lead") or "").lower() if before else ""
    modifier = (before.group("mod") or "") if before else ""
    if lead in ("last", "next", "this"):
        start = before.start("lead")  # type: ignore[union-attr]
    elif modifier:
        start = before.start("mod")  # type: ignore[union-attr]
    else:
        start = match.start()
    return lead, modifier or match.group("hmod") or "", start


def _mention(match: re.Match[str], context: _Context, day: date, precision: DatePrecision,
             kind: MentionKind, past: date | None = None, future: date | None = None) -> DateMention:
    start, end = _reported_span(match)
    return DateMention(start, end, context.text[start:end], day, precision, kind, past, future)


def _ambiguous(match: re.Match[str], context: _Context, readings: tuple[date, date], precision: DatePrecision,
               kind: MentionKind) -> DateMention:
    past, future = readings
    if context.prefer_future is None:
        chosen = past
        if kind == "partial" and context.published is not None:
            # Compared from the publication's first day; a past reading wins up to twice as far.
            if 2 * (future - context.published).days < (context.published - past).days:
                chosen = future
    else:
        chosen = future if context.prefer_future else past
    return _mention(match, context, chosen, precision, kind, past, future)


def _month_number(name: str) -> int:
    return _MONTHS[name.rstrip(".").lower()]


def _on_iso(match: re.Match[str], context: _Context) -> DateMention | None:
    year, month, day = int(match.group("y")), int(match.group("m")), match.group("d")
    try:
        value = date(year, month, int(day or 1))
    except ValueError:
        return None
    return _mention(match, context, value, "day" if day else "month", "absolute")


def _on_day_of_month(match: re.Match[str], context: _Context) -> DateMention | None:
    month, day = _month_number(match.group("mon")), int(match.group("day"))
    if match.group("year"):
        try:
            return _mention(match, context, date(int(match.group("year")), month, day), "day", "absolute")
        except ValueError:
            return None
    if context.published is None:
        return None
    readings = _month_readings(month, day, context.published, context.published_precision)
    if readings is None:
        return None
    return _ambiguous(match, context, readings, "day", "partial")


def _on_month_year(match: re.Match[str], context: _Context) -> DateMention | None:
    return _mention(match, context, date(int(match.group("year")), _month_number(match.group("mon")), 1),
                    "month", "absolute")


def _on_month_alone(match: re.Match[str], context: _Context) -> DateMention | None:
    if context.published is None:
        return None
    lead, modifier, _ = _month_lead(match)
    if not lead and not modifier:
        return None
    month = _month_number(match.group("mon"))
    published, precision = context.published, context.published_precision
    if precision == "year":
        day = date(published.year, month, 1)
        return _mention(match, context, day, "month", "partial")
    past, future = _month_readings(month, None, published, "month")  # type: ignore[misc]
    if lead == "last" and past.month == published.month:  # "last June" in June is a year ago
        past = date(past.year - 1, month, 1)
    if lead == "next" and future.month == published.month:
        future = date(future.year + 1, month, 1)
    if lead == "last":
        return _mention(match, context, past, "month", "relative")
    if lead == "next":
        return _mention(match, context, future, "month", "relative")
    if lead == "this":
        return _mention(match, context, date(published.year, month, 1), "month", "relative")
    return _ambiguous(match, context, (past, future), "month", "partial")


def _on_year(match: re.Match[str], context: _Context) -> DateMention | None:
    word, _, before_word = _word_before(context.text, match.start())
    if word:
        bare = word.strip("\"'“”‘’(").lower()
        if bare in _NOT_BEFORE_YEAR:
            return None
        sentence_start = before_word in ("", ".", "!", "?")
        if word[:1].isupper() and not sentence_start and bare not in _CAPITALISED_BEFORE_YEAR_OK \
                and not bare.endswith(("'s", "’s")):
            return None
    return _mention(match, context, date(int(match.group("year")), 1, 1), "year", "absolute")


def _on_weekday(match: re.Match[str], context: _Context) -> DateMention | None:
    if context.published is None:
        return None
    word = _word_before(context.text, match.start())[0].lower()
    if word in _NOT_BEFORE_WEEKDAY:
        return None
    relation = word if word in _WEEKDAY_RELATIONS else ""
    published, precision = context.published, context.published_precision
    if precision != "day":
        # The weekday is within a week of an unknown day: the publication period is all we know.
        return _mention(match, context, published, precision, "weekday")
    past, future = _weekday_readings(_WEEKDAYS[match.group("wd").lower()], published, relation)
    if relation == "last":
        return _mention(match, context, past, "day", "weekday")
    if relation == "next":
        return _mention(match, context, future, "day", "weekday")
    return _ambiguous(match, context, (past, future), "day", "weekday")


def _count(word: str) -> int | None:
    return int(word) if word.isdigit() else _NUMBER_WORDS.get(word.lower())


def _on_publication_relative(match: re.Match[str], context: _Context) -> DateMention | None:
    if context.published is None:
        return None
    published, precision = context.published, context.published_precision
    groups = match.groupdict()
    if groups["today"]:
        value = _shift(published, precision, "day")
    elif groups["yesterday"]:
        value = _shift(published, precision, "day", days=-1)
    elif groups["tomorrow"]:
        value = _shift(published, precision, "day", days=1)
    elif groups["this"]:
        unit = groups["this_unit"].lower()
        value = _shift(published, precision, "year" if unit == "year" else "month")
    elif groups["last"]:
        sign = -1 if groups["last"].lower() == "last" else 1
        unit = groups["last_unit"].lower()
        value = _unit_shift(published, precision, unit, sign)
    else:
        amount = _count(groups["ago_n"])
        if amount is None:
            return None
        value = _unit_shift(published, precision, groups["ago_unit"].lower(), -amount)
    return _mention(match, context, value[0], value[1], "relative")


def _unit_shift(anchor: date, precision: DatePrecision, unit: str, amount: int,
                week_precision: DatePrecision = "month") -> tuple[date, DatePrecision]:
    if unit == "day":
        return _shift(anchor, precision, "day", days=amount)
    if unit in ("week", "weekend"):
        return _shift(anchor, precision, week_precision, days=7 * amount)
    if unit == "month":
        return _shift(anchor, precision, "month", months=amount)
    return _shift(anchor, precision, "year", years=amount)


def _on_anchored(match: re.Match[str], context: _Context) -> DateMention | None:
    groups = match.groupdict()
    unit_of_anchor = groups["within"] or groups["same_unit"]
    if unit_of_anchor:
        # "later in the year", "that same month": within the year or month of the date told last. One
        # whose year the text leaves open ("in April") takes the reading in the year told before it
        # ("next year ... in April ... later in the year").
        anchor = _anchor_for(match, context, "later")
        if anchor is None:
            return None
        last = context.resolved[-1] if context.resolved else None
        if last is not None and last.ambiguous:
            years = {mention.date.year for mention in context.resolved[:-1] if not mention.ambiguous}
            reading = next((reading for reading in (last.reading("future"), last.reading("past"))
                            if reading.date.year in years), None)
            if reading is not None:
                anchor = (reading.date, reading.precision)
        precision: DatePrecision = _coarser(anchor[1], "year" if unit_of_anchor.lower() == "year" else "month")
        return _mention(match, context, _first_day(anchor[0], precision), precision, "anchored")
    if groups["n"]:
        amount, unit, direction = _count(groups["n"]), groups["unit"].lower(), groups["dir"].lower()
    elif groups["next"]:
        amount, unit = 1, groups["next_unit"].lower()
        direction = "later" if groups["next"].lower() in ("next", "following") else "earlier"
    elif groups["day_dir"]:
        amount, unit, direction = 1, "day", groups["day_dir"].lower()
    else:
        amount, unit, direction = 0, "day", "later"
    if amount is None:
        return None
    anchor = _anchor_for(match, context, direction)
    if anchor is None:
        return None
    anchor_date, anchor_precision = anchor
    sign = -1 if direction in ("earlier", "before") else 1
    # Counted from a known day, "a week later" is a day too; "the following week" is not.
    week_precision: DatePrecision = "month" if groups["next"] else "day"
    value = _unit_shift(anchor_date, anchor_precision, unit, sign * amount, week_precision=week_precision)
    return _mention(match, context, value[0], value[1], "anchored")


def _anchor_for(match: re.Match[str], context: _Context, direction: str) -> tuple[date, DatePrecision] | None:
    """What "two days later" counts from: the date it names, the last date before it, or publication."""
    if direction in ("before", "after"):
        following = context.text[match.end():]
        stripped = following.lstrip()
        if stripped and stripped[0].isalnum():
            # "two days after June 15" counts from June 15; "two days after the vote" from an unknown day.
            gap = len(following) - len(stripped)
            for candidate in context.pending[:1]:
                if candidate.start == match.end() + gap:
                    mention = candidate.handler(candidate.match, context)
                    if mention is not None:
                        return mention.date, mention.precision
            return None
    if context.resolved:
        return context.resolved[-1].date, context.resolved[-1].precision
    if context.published is None:
        return None
    return context.published, context.published_precision


_Handler = Callable[[re.Match[str], _Context], DateMention | None]
# Each pattern, what resolves its matches, and the gates (see ``find_dates``) it needs open.
_GRAMMAR: tuple[tuple[re.Pattern[str], _Handler, frozenset[str]], ...] = (
    (_ISO, _on_iso, frozenset({"digit"})),
    (_MONTH_DAY, _on_day_of_month, frozenset({"digit", "month"})),
    (_DAY_MONTH, _on_day_of_month, frozenset({"digit", "month"})),
    (_MONTH_YEAR, _on_month_year, frozenset({"digit", "month"})),
    (_MONTH_ALONE, _on_month_alone, frozenset({"month"})),
    (_YEAR_ALONE, _on_year, frozenset({"digit"})),
    (_WEEKDAY_ALONE, _on_weekday, frozenset({"unit"})),
    (_PUBLICATION_RELATIVE, _on_publication_relative, frozenset({"unit"})),
    (_ANCHORED, _on_anchored, frozenset({"unit"})),
)
