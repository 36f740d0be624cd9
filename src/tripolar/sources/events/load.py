"""The SQL steps of importing one file, run inside the caller's transaction.

1. ``stage``: DuckDB reads the file (explicit types; unreadable CSV lines go to ``tp_csv_errors``,
   malformed JSON fails the whole file) and the format's mapping SELECT fills the temporary table
   ``tp_staged``, with the two content-hash keys of every usable row.
2. ``insert``: the new events (one per key) and reports go into the store.
3. ``rejects``: refused rows, one ``Reject`` per reason with a count and five example dataset ids.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from tripolar.model import Reject
from tripolar.sources.events.formats import JSON_FORMATS, Layout
from tripolar.sources.events.mapping import SELECTS, STAGED_COLUMNS, sector_sets_sql
from tripolar.sources.events.reasons import REASON_FIELDS, REASON_HINTS, REASONS, UNREADABLE
from tripolar.sources.events.settings import current_setting, restore_setting
from tripolar.store.duckdb_store import not_stored
from tripolar.store.schema import EVENT_REPORTS, EVENTS

STAGE = "import"
TEMP_TABLES = ("tp_staged", "tp_raw", "tp_sector_set", "tp_csv_errors", "tp_csv_scans")

# Python's content_id joins the parts with U+001F and keeps the first 16 hex digits of the SHA-256;
# these expressions do the same in SQL (tested: a Python Event and its imported row share both ids).
EVENT_ID_SQL = """substr(sha256(concat_ws(chr(31), 'occurrence',
    CASE date_precision WHEN 'year' THEN strftime(date, '%Y') WHEN 'month' THEN strftime(date, '%Y-%m')
                        ELSE CAST(date AS VARCHAR) END,
    source_code || source_role, target_code || target_role, cameo, modality)), 1, 16)"""
REPORT_ID_SQL = "substr(sha256(concat_ws(chr(31), 'event', '{origin}', origin_event_id)), 1, 16)"

_EVENT_COLUMNS = """events (event_id, date, date_precision, source_code, source_role, target_code, target_role,
    cameo, cameo_root, quad, goldstein, plover, plover_mode, modality, issues)"""
# Every column but the PLOVER type and mode and the issues follows from the key (date and its precision,
# actors, code, modality), so grouping by them all yields one row per key; POLECAT rows of one event may
# differ in type or mode, and min() picks the same one on every run. (Twice as fast as grouping by the
# key alone with any_value() for the rest.)
_EVENT_ROWS = """
    SELECT event_id, date, date_precision, source_code, source_role, target_code, target_role, cameo,
           cameo_root, quad, goldstein, min(plover), min(plover_mode), modality, min(issues)
    FROM tp_staged s WHERE reason IS NULL {only_new}
    GROUP BY event_id, date, date_precision, source_code, source_role, target_code, target_role, cameo,
             cameo_root, quad, goldstein, modality"""

_REPORT_COLUMNS = """event_reports (report_id, event_id, origin, document_id, sentence_index, span_start,
    span_end, evidence_text, source_name, source_canonical, target_name, target_canonical, attribution,
    confidence, origin_event_id, origin_url, origin_quad, origin_goldstein)"""
_REPORT_ROWS = """
    SELECT report_id, event_id, '{origin}' AS origin, NULL AS document_id, sentence_index, NULL AS span_start,
           NULL AS span_end, coalesce(evidence_text, '') AS evidence_text, coalesce(source_name, '') AS source_name,
           '' AS source_canonical, coalesce(target_name, '') AS target_name, '' AS target_canonical,
           '' AS attribution, 1.0 AS confidence, origin_event_id, coalesce(origin_url, '') AS origin_url,
           origin_quad, origin_goldstein
    FROM tp_staged s WHERE reason IS NULL {only_new}"""


def read_csv_sql(path: Path, layout: Layout) -> str:
    """The ``read_csv(...)`` call that reads ``path`` with ``layout`` (the benchmark times it bare)."""
    columns = ", ".join(f"'{name}': '{kind}'" for name, kind in layout.columns)
    nulls = {"gdelt1": "['']", "gdelt2": "['']", "icews": "['', 'NA']", "polecat": "['', 'None']"}[layout.format]
    quote = layout.quote.replace("'", "''")
    # store_rejects skips lines that do not fit and keeps them, so they are counted, not lost.
    return f"""read_csv('{str(path).replace("'", "''")}', columns={{{columns}}},
        header={str(layout.header).lower()}, delim='\t', quote='{quote}', escape='{quote}', auto_detect=false,
        nullstr={nulls}, null_padding={str(layout.format != 'gdelt2').lower()}, encoding='{layout.encoding}',
        store_rejects=true, rejects_table='tp_csv_errors', rejects_scan='tp_csv_scans')"""


def read_json_sql(path: Path, layout: Layout) -> str:
    """The ``read_json(...)`` call that reads the records of a PLOVER file: a JSON array, or one per line."""
    columns = ", ".join(f"'{name}': '{kind}'" for name, kind in layout.columns)
    return f"""read_json('{str(path).replace("'", "''")}', format='{layout.json_format}', columns={{{columns}}})"""


def stage(con: duckdb.DuckDBPyConnection, path: Path, layout: Layout) -> int:
    """Map every row of ``path`` into ``tp_staged``; return the number of rows staged."""
    origin = layout.format
    # A refused row needs only its id and reason: its other columns are left NULL (less to hold).
    kept = ", ".join(f"CASE WHEN reason IS NULL THEN {column} END AS {column}"
                     for column in STAGED_COLUMNS if column not in ("origin_event_id", "reason"))
    drop_temp_tables(con)
    select = SELECTS[origin](layout)
    if origin in JSON_FORMATS:
        select = select.replace("{source}", read_json_sql(path, layout))
    elif origin in ("icews", "polecat"):
        # Their mapping reads the rows more than once (ICEWS's sector lists first), so the file is read
        # once into a temporary table; GDELT maps straight from the file in a single scan.
        con.execute(f"CREATE TEMP TABLE tp_raw AS SELECT * FROM {read_csv_sql(path, layout)}")
        if origin == "icews":
            con.execute(sector_sets_sql(("Source Sectors", "Target Sectors")))
        select = select.replace("{source}", "tp_raw")
    else:
        select = select.replace("{source}", read_csv_sql(path, layout))
    # DuckDB does not know how many rows a CSV holds and would build its join hash tables on the file
    # rather than on the few-hundred-row lookups, which makes the mapping 2-3x slower. (If this fails,
    # import_settings puts the setting back once the transaction is rolled back.)
    previous = current_setting(con, "disabled_optimizers")
    con.execute(f"SET disabled_optimizers = '{','.join(filter(None, (previous, 'build_side_probe_side')))}'")
    con.execute(f"""
            CREATE TEMP TABLE tp_staged AS
            SELECT origin_event_id, reason, {kept},
                   CASE WHEN reason IS NULL THEN {EVENT_ID_SQL} END AS event_id,
                   CASE WHEN reason IS NULL THEN {REPORT_ID_SQL.format(origin=origin)} END AS report_id
            FROM ({select}) m
    """)
    restore_setting(con, "disabled_optimizers", previous)
    return count(con, "tp_staged")


def insert(con: duckdb.DuckDBPyConnection, origin: str) -> tuple[int, int]:
    """Add the staged events and reports the store lacks; return how many of each were added."""
    events_before, reports_before = count(con, "events"), count(con, "event_reports")
    row = con.execute("SELECT count(report_id), count(report_id) - count(DISTINCT report_id) FROM tp_staged").fetchone()
    usable, repeated = (int(row[0]), int(row[1])) if row else (0, 0)
    if not usable:
        return 0, 0
    reports = _REPORT_ROWS.format(origin=origin, only_new="{only_new}")
    if repeated:
        # The same dataset event id twice in one file: one report of it is kept.
        reports = f"SELECT DISTINCT ON (report_id) * FROM ({reports})"
    # Only keys not stored yet go in: the store's uniqueness rule (see store/schema.py).
    con.execute(f"INSERT INTO {_EVENT_COLUMNS} " + _EVENT_ROWS.format(only_new=f"AND {not_stored(EVENTS)}"))
    con.execute(f"INSERT INTO {_REPORT_COLUMNS} " + reports.format(only_new=f"AND {not_stored(EVENT_REPORTS)}"))
    return count(con, "events") - events_before, count(con, "event_reports") - reports_before


def rejects(con: duckdb.DuckDBPyConnection, source: str, origin: str) -> list[Reject]:
    """One ``Reject`` per reason rows of the staged file were refused, in the order reasons are checked."""
    fields = REASON_FIELDS["gdelt" if origin.startswith("gdelt") else origin]
    rows = con.execute("""
        SELECT reason, count(*), min(coalesce(origin_event_id, ''), 5)
        FROM tp_staged WHERE reason IS NOT NULL GROUP BY reason
    """).fetchall()
    # JSON has no skippable lines: a malformed file fails as a whole (see importer._import_file).
    unreadable = None if origin in JSON_FORMATS else con.execute(
        "SELECT count(DISTINCT line), min(DISTINCT line, 5) FROM tp_csv_errors").fetchone()
    if unreadable and unreadable[0]:
        rows.append((UNREADABLE, unreadable[0], [f"line {line}" for line in unreadable[1]]))
    rows.sort(key=lambda row: REASONS.index(row[0]))
    return [
        Reject(stage=STAGE, source=source, reason=reason, field=fields.get(reason), detail=REASON_HINTS[reason],
               count=int(number), examples=tuple(examples))
        for reason, number, examples in rows
    ]


def write_rejects(con: duckdb.DuckDBPyConnection, rows: list[Reject]) -> None:
    # REPLACE rather than IGNORE: the stored account of a file is that of its latest import.
    if not rows:
        return
    con.executemany(
        "INSERT OR REPLACE INTO rejects VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [[r.id, r.stage, r.source, r.line, r.field, r.reason, r.detail, r.count, list(r.examples)] for r in rows],
    )


def drop_temp_tables(con: duckdb.DuckDBPyConnection) -> None:
    for table in TEMP_TABLES:
        con.execute(f"DROP TABLE IF EXISTS {table}")


def count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    row = con.execute(f"SELECT count(*) FROM {table}").fetchone()
    return int(row[0]) if row else 0
