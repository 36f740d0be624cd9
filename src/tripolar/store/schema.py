"""The store's tables, their columns, and the migrations that build them version by version."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Table:
    """A table; ``key`` is its identity. ``keyed`` tables also declare it as a PRIMARY KEY; the two big
    event tables do not, as the key index halves bulk-import speed: writers keep them unique by
    inserting only keys not yet stored (an anti-join), the same rule for every table.

    ``merged`` names list columns that hold the sorted union of every write of a key, so a row written
    from several sources (an event read in several reports) does not depend on the order of writes."""

    name: str
    columns: tuple[tuple[str, str], ...]
    key: tuple[str, ...]
    keyed: bool = True
    merged: tuple[str, ...] = ()

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.columns)

    def create_sql(self, *, name: str | None = None, keyed: bool | None = None) -> str:
        columns = [f"{column} {kind}" for column, kind in self.columns]
        if self.keyed if keyed is None else keyed:
            columns.append(f"PRIMARY KEY ({', '.join(self.key)})")
        return f"CREATE TABLE {name or self.name} (\n  " + ",\n  ".join(columns) + "\n)"

    def rebuild_sql(self) -> tuple[str, ...]:
        """Statements that recreate the table as this spec says, keeping its rows (DuckDB cannot drop
        a primary key in place)."""
        staging = f"{self.name}_rebuilt"
        columns = ", ".join(self.column_names)
        return (
            self.create_sql(name=staging),
            f"INSERT INTO {staging} ({columns}) SELECT {columns} FROM {self.name}",
            f"DROP TABLE {self.name}",
            f"ALTER TABLE {staging} RENAME TO {self.name}",
        )


DOCUMENTS = Table("documents", (
    ("document_id", "VARCHAR"), ("source", "VARCHAR"), ("url", "VARCHAR"), ("title", "VARCHAR"),
    ("published", "DATE"), ("published_precision", "VARCHAR"), ("language", "VARCHAR"),
    ("text", "VARCHAR NOT NULL"),
), ("document_id",))

SENTENCES = Table("sentences", (
    ("document_id", "VARCHAR"), ("sentence_index", "INTEGER"), ("start_char", "INTEGER"),
    ("end_char", "INTEGER"), ("text", "VARCHAR"),
), ("document_id", "sentence_index"))

# One row per real-world event; the reports below say where each was read.
EVENTS = Table("events", (
    ("event_id", "VARCHAR"), ("date", "DATE"), ("date_precision", "VARCHAR"),
    ("source_code", "VARCHAR"), ("source_role", "VARCHAR"), ("target_code", "VARCHAR"),
    ("target_role", "VARCHAR"), ("cameo", "VARCHAR NOT NULL"), ("cameo_root", "VARCHAR"),
    ("quad", "TINYINT"), ("goldstein", "DOUBLE"), ("plover", "VARCHAR"), ("plover_mode", "VARCHAR"),
    ("modality", "VARCHAR"), ("issues", "VARCHAR[]"),
), ("event_id",), keyed=False, merged=("issues",))  # an event's issues: those of all its reports

EVENT_REPORTS = Table("event_reports", (
    ("report_id", "VARCHAR"), ("event_id", "VARCHAR NOT NULL"), ("origin", "VARCHAR"),
    ("document_id", "VARCHAR"), ("sentence_index", "INTEGER"), ("span_start", "INTEGER"),
    ("span_end", "INTEGER"), ("evidence_text", "VARCHAR"), ("source_name", "VARCHAR"),
    ("source_canonical", "VARCHAR"), ("target_name", "VARCHAR"), ("target_canonical", "VARCHAR"),
    ("attribution", "VARCHAR"), ("confidence", "DOUBLE"), ("origin_event_id", "VARCHAR"),
    ("origin_url", "VARCHAR"), ("origin_quad", "TINYINT"), ("origin_goldstein", "DOUBLE"),
), ("report_id",), keyed=False)

REJECTS = Table("rejects", (
    ("reject_id", "VARCHAR"), ("stage", "VARCHAR"), ("source", "VARCHAR"), ("line", "BIGINT"),
    ("field", "VARCHAR"), ("reason", "VARCHAR"), ("detail", "VARCHAR"), ("count", "BIGINT"),
    ("examples", "VARCHAR[]"),
), ("reject_id",))

RUNS = Table("runs", (
    ("run_id", "VARCHAR"), ("command", "VARCHAR"), ("version", "VARCHAR"),
    ("started_at", "TIMESTAMP"), ("finished_at", "TIMESTAMP"), ("status", "VARCHAR"),
    ("params", "VARCHAR"), ("counts", "VARCHAR"),
), ("run_id",))

# Which coder version has coded which document: `tripolar run` codes the rest, and resumes.
CODINGS = Table("codings", (
    ("document_id", "VARCHAR"), ("coder", "VARCHAR"), ("events", "INTEGER"), ("coded_at", "TIMESTAMP"),
), ("document_id", "coder"))

TABLES: tuple[Table, ...] = (DOCUMENTS, SENTENCES, EVENTS, EVENT_REPORTS, REJECTS, RUNS, CODINGS)
TABLES_BY_NAME = {table.name: table for table in TABLES}

# Each migration takes the store from version N-1 to N, applied in order, each in a transaction.
# Never edit a released migration: add the next one.
MIGRATIONS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (1, tuple(table.create_sql(keyed=True) for table in TABLES if table is not CODINGS) + (
        "CREATE INDEX event_reports_event ON event_reports (event_id)",
        "CREATE INDEX events_date ON events (date)",
    )),
    # The two secondary ART indexes go: DuckDB answers date ranges from its per-row-group min/max
    # statistics and joins reports to events by hash join, so neither index was used, while together
    # they cost about a fifth of bulk-import time (GDELT import benchmark) and a quarter of the file.
    # The primary keys stay: idempotent writes (INSERT OR IGNORE) rely on them.
    (2, (
        "DROP INDEX IF EXISTS event_reports_event",
        "DROP INDEX IF EXISTS events_date",
    )),
    # events and event_reports lose their PRIMARY KEY: maintaining the key index took about half of a
    # GDELT import (benchmarks/import_gdelt.py); uniqueness is kept by anti-join inserts.
    (3, EVENTS.rebuild_sql() + EVENT_REPORTS.rebuild_sql()),
    (4, (CODINGS.create_sql(),)),
)
SCHEMA_VERSION = MIGRATIONS[-1][0]
