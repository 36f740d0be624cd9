"""Why a dataset row is not imported: the reasons, in the order they are checked, and what each means.

Each row is counted under the first reason that applies, so every row read is either an event
report or exactly one refusal.
"""

from __future__ import annotations

DOCUMENTATION = "documentation record, not an event"
NO_ID = "missing event id"
BAD_DATE = "bad or missing date"
BAD_CODE = "missing or unknown CAMEO code"
BAD_PLOVER = "missing or unknown PLOVER event type"
NO_SOURCE = "no source actor"
NO_TARGET = "no target actor"
SOURCE_NO_COUNTRY = "source actor without country"
SOURCE_UNKNOWN_COUNTRY = "unknown source country"
TARGET_NO_COUNTRY = "target actor without country"
TARGET_UNKNOWN_COUNTRY = "unknown target country"
UNREADABLE = "unreadable row"
# In the order they are checked (an unreadable line is refused by DuckDB before any other check).
REASONS = (UNREADABLE, DOCUMENTATION, NO_ID, BAD_DATE, BAD_CODE, BAD_PLOVER, NO_SOURCE, NO_TARGET, SOURCE_NO_COUNTRY,
           SOURCE_UNKNOWN_COUNTRY, TARGET_NO_COUNTRY, TARGET_UNKNOWN_COUNTRY)

# The dataset column each reason is about, per format (stored as the reject's ``field``).
REASON_FIELDS = {
    "gdelt": {NO_ID: "GLOBALEVENTID", BAD_DATE: "SQLDATE", BAD_CODE: "EventCode", NO_SOURCE: "Actor1Code",
              NO_TARGET: "Actor2Code",
              SOURCE_NO_COUNTRY: "Actor1CountryCode", SOURCE_UNKNOWN_COUNTRY: "Actor1CountryCode",
              TARGET_NO_COUNTRY: "Actor2CountryCode", TARGET_UNKNOWN_COUNTRY: "Actor2CountryCode"},
    "icews": {NO_ID: "Event ID", BAD_DATE: "Event Date", BAD_CODE: "CAMEO Code", NO_SOURCE: "Source Name",
              NO_TARGET: "Target Name", SOURCE_NO_COUNTRY: "Source Country",
              SOURCE_UNKNOWN_COUNTRY: "Source Country", TARGET_NO_COUNTRY: "Target Country",
              TARGET_UNKNOWN_COUNTRY: "Target Country"},
    "polecat": {NO_ID: "Event ID", BAD_DATE: "Event Date", BAD_PLOVER: "Event Type", NO_SOURCE: "Actor Name",
                NO_TARGET: "Recipient Name", SOURCE_NO_COUNTRY: "Actor Country",
                SOURCE_UNKNOWN_COUNTRY: "Actor Country", TARGET_NO_COUNTRY: "Recipient Country",
                TARGET_UNKNOWN_COUNTRY: "Recipient Country"},
    "plover": {DOCUMENTATION: "event", NO_ID: "id", BAD_DATE: "date", BAD_CODE: "cameo", BAD_PLOVER: "event",
               NO_SOURCE: "source", NO_TARGET: "target", SOURCE_NO_COUNTRY: "source",
               SOURCE_UNKNOWN_COUNTRY: "source", TARGET_NO_COUNTRY: "target", TARGET_UNKNOWN_COUNTRY: "target"},
}

REASON_HINTS = {
    DOCUMENTATION: "a PLOVER 'DOCUMENT' record describes the file (licence, coder, notes) and codes no event",
    NO_ID: "the row has no dataset event id, so it could not be told apart on re-import",
    UNREADABLE: "the line does not fit the format's columns or types (see the examples' line numbers)",
    BAD_DATE: "the event date is empty or not a valid YYYYMMDD / YYYY-MM-DD date",
    BAD_CODE: "the CAMEO event code is empty or not in the CAMEO 1.1b3 codebook (`tripolar cameo`)",
    BAD_PLOVER: "the PLOVER event type is empty or not one of the 16 POLECAT types (nor a PLOVER 0.5 name:"
                " DEMAND, DISAPPROVE, FIGHT, INVESTIGATE)",
    NO_SOURCE: "the row names no source actor",
    NO_TARGET: "the row names no target actor (a one-sided event cannot be a dyad)",
    SOURCE_NO_COUNTRY: "the source actor has no country and is not an international body",
    SOURCE_UNKNOWN_COUNTRY: "the source country is a region or territory not in our country table",
    TARGET_NO_COUNTRY: "the target actor has no country and is not an international body",
    TARGET_UNKNOWN_COUNTRY: "the target country is a region or territory not in our country table",
}



def reason_sql(event_id: str, date: str, code_known: str, code_reason: str, source: str, target: str,
               source_code: str, source_country: str, target_code: str, target_country: str) -> str:
    """A CASE expression naming the first reason a row cannot be used (NULL if it can), given the SQL
    expressions for its id, date, known code, actors, their mapped codes and their raw countries."""
    return f"""CASE
        WHEN {event_id} IS NULL THEN '{NO_ID}'
        WHEN {date} IS NULL THEN '{BAD_DATE}'
        WHEN {code_known} IS NULL THEN '{code_reason}'
        WHEN {source} IS NULL THEN '{NO_SOURCE}'
        WHEN {target} IS NULL THEN '{NO_TARGET}'
        WHEN {source_code} IS NULL AND {source_country} IS NULL THEN '{SOURCE_NO_COUNTRY}'
        WHEN {source_code} IS NULL THEN '{SOURCE_UNKNOWN_COUNTRY}'
        WHEN {target_code} IS NULL AND {target_country} IS NULL THEN '{TARGET_NO_COUNTRY}'
        WHEN {target_code} IS NULL THEN '{TARGET_UNKNOWN_COUNTRY}'
    END"""
