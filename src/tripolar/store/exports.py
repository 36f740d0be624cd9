"""Move a store's tables in and out: Parquet for exact round trips, GDELT- and PLOVER-shaped events."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from tripolar import __version__
from tripolar.errors import ExportError
from tripolar.ontology.actors import countries
from tripolar.store.duckdb_store import Store, WriteResult, merge_stored, not_stored
from tripolar.store.schema import SCHEMA_VERSION, TABLES

MANIFEST = "manifest.json"

# GDELT 2.0 event table columns, in file order (61).
GDELT2_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor{n}{field}" for n in (1, 2) for field in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
        "Type1Code", "Type2Code", "Type3Code")),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{geo}_{field}" for geo in ("Actor1Geo", "Actor2Geo", "ActionGeo") for field in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")),
    "DATEADDED", "SOURCEURL",
)


def export_parquet(store: Store, directory: str | Path) -> dict[str, int]:
    """Write every table to ``DIR/<table>.parquet`` with a manifest; return rows per table."""
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    counts = {}
    for table in TABLES:
        target = folder / f"{table.name}.parquet"
        store.con.execute(
            f"COPY (SELECT * FROM {table.name} ORDER BY {', '.join(table.key)}) TO ? (FORMAT parquet)",
            [str(target)],
        )
        counts[table.name] = store.count(table.name)
    manifest = {"tripolar": __version__, "schema_version": SCHEMA_VERSION, "tables": counts}
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return counts


def import_parquet(store: Store, directory: str | Path) -> WriteResult:
    """Read a directory written by :func:`export_parquet`; rows already present are skipped."""
    folder = Path(directory)
    manifest_path = folder / MANIFEST
    if not manifest_path.exists():
        raise ExportError(f"{folder}: no {MANIFEST}. Point at a directory made by `tripolar export --format parquet`")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    if manifest.get("schema_version") != SCHEMA_VERSION:
        raise ExportError(
            f"{manifest_path}: schema version {manifest.get('schema_version')}, this tripolar reads {SCHEMA_VERSION}. "
            "Import it with the tripolar version that wrote it, then export again"
        )
    result = WriteResult()
    with store.transaction():
        for table in TABLES:
            source = folder / f"{table.name}.parquet"
            if not source.exists():
                raise ExportError(f"{source}: missing, though the manifest lists it. Export again")
            before = store.count(table.name)
            columns = ", ".join(table.column_names)
            store.con.execute(
                f"INSERT INTO {table.name} ({columns}) SELECT {columns} FROM read_parquet(?) s "
                f"WHERE {not_stored(table)}", [str(source)]
            )
            result.added[table.name] = store.count(table.name) - before
            if table.merged and result.added[table.name] < _parquet_rows(store, source):
                store.con.execute(merge_stored(table, "read_parquet(?)"), [str(source)])
    return result


def _parquet_rows(store: Store, path: Path) -> int:
    row = store.con.execute("SELECT count(*) FROM read_parquet(?)", [str(path)]).fetchone()
    return int(row[0]) if row else 0


def _gdelt_country_sql(column: str) -> str:
    """A CASE expression turning our ISO codes into CAMEO's where the two differ (e.g. XKX → KSV)."""
    differing = sorted((c.code, c.cameo) for c in countries().values() if c.cameo and c.cameo != c.code)
    if not differing:
        return column
    for code, cameo_code in differing:
        if not (code.isalpha() and cameo_code.isalpha()):
            raise ExportError(f"countries.tsv: code {code!r}/{cameo_code!r} is not letters only")
    cases = " ".join(f"WHEN '{code}' THEN '{cameo_code}'" for code, cameo_code in differing)
    return f"(CASE {column} {cases} ELSE {column} END)"


# GDELT names international bodies by a known-group code, not a country code (there EUR is Europe).
# Our generic IGO has no GDELT code, so "IGO" stands in: importers read any other known group as IGO.
_GDELT_GROUPS = {"NATO": "NAT", "EUR": "EEC", "IGO": "IGO"}


def _gdelt_actor_sql(code: str, country: str, role: str) -> str:
    """CountryCode, KnownGroupCode and Type1Code of an actor: a body's type is IGO unless it has a role."""
    bodies = ", ".join(f"'{body}'" for body in _GDELT_GROUPS)
    groups = " ".join(f"WHEN '{body}' THEN '{group}'" for body, group in _GDELT_GROUPS.items())
    return f"""CASE WHEN {code} IN ({bodies}) THEN '' ELSE {country} END,
               CASE {code} {groups} ELSE '' END, '', '', '',
               CASE WHEN {code} IN ({bodies}) AND {role} = '' THEN 'IGO' ELSE {role} END"""


def export_gdelt(store: Store, path: str | Path) -> int:
    """Write one GDELT 2.0-shaped, tab-separated row per event (no header, as GDELT ships); return rows."""
    added = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
    query = f"""
        WITH reports AS (
            SELECT event_id, count(*) AS n, count(DISTINCT document_id) AS docs,
                   min(origin_url) FILTER (WHERE origin_url <> '') AS url,
                   min(source_name) AS source_name, min(target_name) AS target_name
            FROM event_reports GROUP BY event_id
        ), coded AS (
            SELECT e.*, r.*, {_gdelt_country_sql("e.source_code")} AS s_country,
                   {_gdelt_country_sql("e.target_code")} AS t_country
            FROM events e JOIN reports r USING (event_id)
            WHERE e.date IS NOT NULL
        )
        SELECT
            ('0x' || substr(event_id, 1, 15))::BIGINT AS GLOBALEVENTID,
            strftime(date, '%Y%m%d')::INTEGER, strftime(date, '%Y%m')::INTEGER, year(date),
            round(year(date) + (month(date) * 30 + day(date)) / 365.0, 4),
            s_country || source_role, upper(coalesce(source_name, '')),
            {_gdelt_actor_sql("source_code", "s_country", "source_role")}, '', '',
            t_country || target_role, upper(coalesce(target_name, '')),
            {_gdelt_actor_sql("target_code", "t_country", "target_role")}, '', '',
            1, cameo, substr(cameo, 1, 3), cameo_root, quad, goldstein, n, docs, n, 0,
            {", ".join(["''"] * 24)},
            '{added}', coalesce(url, '')
        FROM coded ORDER BY date, event_id
    """
    store.con.execute(f"COPY ({query}) TO ? (FORMAT csv, DELIMITER '\t', HEADER false, QUOTE '')", [str(path)])
    row = store.con.execute("SELECT count(*) FROM events WHERE date IS NOT NULL").fetchone()
    return int(row[0]) if row else 0


def export_plover(store: Store, path: str | Path) -> int:
    """Write one PLOVER-shaped JSON object per event report (the layout of the PLOVER gold records)."""
    written = 0
    with Path(path).open("w", encoding="utf-8") as handle:
        for event in store.events():
            record = {
                "id": event.id,
                "date": event.date.isoformat() if event.date else None,
                "datePrecision": event.date_precision,
                "source": [{"actorText": event.source.name, "code": event.source.code, "sector": event.source.role}],
                "target": [{"actorText": event.target.name, "code": event.target.code, "sector": event.target.role}],
                "event": event.plover,
                "mode": event.plover_mode,
                "eventText": event.evidence.text,
                "text": event.evidence.text,
                "language": "en",
                "coder": event.origin,
                "version": "PLOVER 0.8",
                "cameo": event.cameo,
                "quad": event.quad,
                "goldstein": event.goldstein,
                "modality": event.modality,
                "issues": list(event.issues),
                "documentId": event.evidence.document_id,
                "sourceUrl": event.origin_url or None,
            }
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            written += 1
    return written
