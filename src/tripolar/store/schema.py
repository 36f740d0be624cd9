"""The store's tables, their columns, and the migrations that build them version by version."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    columns: tuple[tuple[str, str], ...]
    key: tuple[str, ...]

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.columns)

    def create_sql(self) -> str:
        columns = ",\n  ".join(f"{name} {kind}" for name, kind in self.columns)
        return f"CREATE TABLE {self.name} (\n  {columns},\n  PRIMARY KEY ({', '.join(self.key)})\n)"


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
), ("event_id",))

EVENT_REPORTS = Table("event_reports", (
    ("report_id", "VARCHAR"), ("event_id", "VARCHAR NOT NULL"), ("origin", "VARCHAR"),
    ("document_id", "VARCHAR"), ("sentence_index", "INTEGER"), ("span_start", "INTEGER"),
    ("span_end", "INTEGER"), ("evidence_text", "VARCHAR"), ("source_name", "VARCHAR"),
    ("source_canonical", "VARCHAR"), ("target_name", "VARCHAR"), ("target_canonical", "VARCHAR"),
    ("attribution", "VARCHAR"), ("confidence", "DOUBLE"), ("origin_event_id", "VARCHAR"),
    ("origin_url", "VARCHAR"), ("origin_quad", "TINYINT"), ("origin_goldstein", "DOUBLE"),
), ("report_id",))

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

TABLES: tuple[Table, ...] = (DOCUMENTS, SENTENCES, EVENTS, EVENT_REPORTS, REJECTS, RUNS)
TABLES_BY_NAME = {table.name: table for table in TABLES}

# Each migration takes the store from version N-1 to N, applied in order, each in a transaction.
# Never edit a released migration: add the next one.
MIGRATIONS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (1, tuple(table.create_sql() for table in TABLES) + (
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
)
SCHEMA_VERSION = MIGRATIONS[-1][0]
