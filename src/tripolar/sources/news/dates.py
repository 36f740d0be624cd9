"""Publication dates as documents and feeds write them, kept at the precision they give."""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache

from tripolar.model import DatePrecision, parse_partial_date

_ISO_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]")


@cache
def _date_parser():  # type: ignore[no-untyped-def]
    # dateparser takes ~0.3 s to import: load it only for dates the fast paths cannot read.
    from dateparser.date import DateDataParser

    # No relative parsing: "next week" in a metadata field is not a publication date.
    settings = {"PREFER_DAY_OF_MONTH": "first", "PARSERS": ["timestamp", "custom-formats", "absolute-time"]}
    return DateDataParser(languages=["en"], settings=settings)


def parse_published(value: object) -> tuple[date, DatePrecision] | None:
    """Read a publication date ("2018-06", "2024-12-05T10:00:00Z", "June 5, 2018", a date object).

    Returns the first day the value covers and its precision, or None for an empty value.
    Raises ValueError when the value is not empty but is not a date.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date(), "day"
    if isinstance(value, date):
        return value, "day"
    text = str(value).strip()
    if not text:
        return None
    try:
        return parse_partial_date(text)
    except ValueError:
        pass
    if _ISO_PREFIX.match(text):
        try:
            return datetime.fromisoformat(text.replace("Z", "+00:00")).date(), "day"
        except ValueError:
            pass
    data = _date_parser().get_date_data(text)
    if data.date_obj is None:
        raise ValueError(f"'{text}' is not a date: use YYYY, YYYY-MM or YYYY-MM-DD")
    precision: DatePrecision = data.period if data.period in ("day", "month", "year") else "day"
    day = data.date_obj.date()
    if precision == "month":
        day = day.replace(day=1)
    elif precision == "year":
        day = day.replace(month=1, day=1)
    return day, precision
