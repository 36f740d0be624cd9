"""Read and write tripolar's records in an embedded DuckDB file.

Writes are idempotent (every key is a content hash, inserts ignore rows already present) and
transactional per call: if anything in a batch fails, nothing of that batch is kept.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from tripolar.errors import StoreError
from tripolar.model import Actor, Document, Event, Evidence, Reject, Run, Sentence
from tripolar.store.schema import MIGRATIONS, SCHEMA_VERSION, TABLES, TABLES_BY_NAME, Table

DEFAULT_DB = "tripolar.duckdb"


def default_db_path() -> Path:
    """``$TRIPOLAR_DB`` if set, else ``./tripolar.duckdb``."""
    return Path(os.environ.get("TRIPOLAR_DB") or DEFAULT_DB)


@dataclass(slots=True)
class WriteResult:
    """Rows each table gained from one write (0 where everything was already there)."""

    added: dict[str, int] = field(default_factory=dict)

    def __getitem__(self, table: str) -> int:
        return self.added.get(table, 0)

    @property
    def total(self) -> int:
        return sum(self.added.values())


def _document_row(doc: Document) -> tuple[Any, ...]:
    return (doc.id, doc.source, doc.url, doc.title, doc.published, doc.published_precision, doc.language, doc.text)


def _sentence_row(sentence: Sentence) -> tuple[Any, ...]:
    return (sentence.document_id, sentence.index, sentence.start, sentence.end, sentence.text)


def _event_row(event: Event) -> tuple[Any, ...]:
    return (
        event.occurrence_id, event.date, event.date_precision, event.source.code, event.source.role,
        event.target.code, event.target.role, event.cameo, event.root, event.quad, event.goldstein,
        event.plover, event.plover_mode, event.modality, list(event.issues),
    )


def _report_row(event: Event) -> tuple[Any, ...]:
    evidence = event.evidence
    return (
        event.id, event.occurrence_id, event.origin, evidence.document_id, evidence.sentence_index,
        evidence.start, evidence.end, evidence.text, event.source.name, event.source.canonical,
        event.target.name, event.target.canonical, event.attribution, event.confidence,
        event.origin_event_id, event.origin_url, event.origin_quad, event.origin_goldstein,
    )


def _reject_row(reject: Reject) -> tuple[Any, ...]:
    return (
        reject.id, reject.stage, reject.source, reject.line, reject.field, reject.reason,
        reject.detail, reject.count, list(reject.examples),
    )


def _run_row(run: Run) -> tuple[Any, ...]:
    return (run.id, run.command, run.version, run.started_at, run.finished_at, run.status, run.params, run.counts)


class Store:
    """A DuckDB file holding documents, sentences, events, reports, rejects and runs (``":memory:"``: a
    scratch store that lives as long as the object)."""

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else default_db_path()
        self.read_only = read_only
        if read_only and not self.path.exists():
            raise StoreError(f"{self.path}: no such database. Run `tripolar demo` or `tripolar ingest` first")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.con = duckdb.connect(str(self.path), read_only=read_only)
        except (duckdb.Error, OSError) as error:
            raise StoreError(
                f"{self.path}: cannot open the database ({error}). Is another tripolar process writing it?"
            ) from error
        if not read_only:
            self.migrate()
        elif self.schema_version() != SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: schema version {self.schema_version()}, this tripolar needs {SCHEMA_VERSION}. "
                "Open it once without read-only to migrate it"
            )

    # -- schema ----------------------------------------------------------------------------
    def schema_version(self) -> int:
        exists = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
        ).fetchone()
        if not exists or not exists[0]:
            return 0
        row = self.con.execute("SELECT max(version) FROM schema_version").fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    def migrate(self) -> int:
        """Apply the migrations this file lacks; return the version it is at."""
        current = self.schema_version()
        if current > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: schema version {current} is newer than this tripolar knows ({SCHEMA_VERSION}). "
                "Upgrade tripolar"
            )
        if current == 0:
            self.con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER, applied_at TIMESTAMP)")
        for version, statements in MIGRATIONS:
            if version <= current:
                continue
            with self.transaction():
                for statement in statements:
                    self.con.execute(statement)
                self.con.execute("INSERT INTO schema_version VALUES (?, ?)", [version, _now()])
        return SCHEMA_VERSION

    # -- transactions and writes -----------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield self.con
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    def write(
        self,
        *,
        documents: Iterable[Document] = (),
        sentences: Iterable[Sentence] = (),
        events: Iterable[Event] = (),
        rejects: Iterable[Reject] = (),
        runs: Iterable[Run] = (),
        codings: Iterable[tuple[str, str, int]] = (),
    ) -> WriteResult:
        """Write one batch in one transaction; rows already present are left as they are."""
        events = list(events)
        batch = {
            "documents": [_document_row(doc) for doc in documents],
            "sentences": [_sentence_row(sentence) for sentence in sentences],
            "events": [_event_row(event) for event in events],
            "event_reports": [_report_row(event) for event in events],
            "rejects": [_reject_row(reject) for reject in rejects],
            "codings": [(document_id, coder, count, _now()) for document_id, coder, count in codings],
        }
        result = WriteResult()
        with self.transaction():
            for name, rows in batch.items():
                if rows:
                    result.added[name] = self._insert(TABLES_BY_NAME[name], rows)
            for run in runs:
                self.save_run(run)
        return result

    def _insert(self, table: Table, rows: Sequence[tuple[Any, ...]]) -> int:
        before = self.count(table.name)
        key_at = [table.column_names.index(name) for name in table.key]
        merged_at = [table.column_names.index(name) for name in table.merged]
        unique: dict[tuple[Any, ...], tuple[Any, ...]] = {}
        for row in rows:
            key = tuple(row[i] for i in key_at)
            unique[key] = _merge_lists(row, unique.get(key), merged_at) if merged_at else row
        rows = list(unique.values())
        # Columns go in as typed lists and come out row-wise via unnest: one statement per batch
        # instead of a round trip per row.
        columns = [list(column) for column in zip(*rows, strict=True)]
        selects = ", ".join(
            f"unnest(${i + 1}::{kind.split()[0]}[]) AS {name}" for i, (name, kind) in enumerate(table.columns)
        )
        self.con.execute(
            f"INSERT INTO {table.name} ({', '.join(table.column_names)}) SELECT * FROM (SELECT {selects}) s "
            f"WHERE {not_stored(table)}",
            columns,
        )
        added = self.count(table.name) - before
        if merged_at and added < len(rows):
            self.con.execute(merge_stored(table, f"(SELECT {selects})"), columns)
        return added

    def save_run(self, run: Run) -> None:
        """Insert or update a run (its status and counts change as it goes)."""
        self.con.execute(
            f"INSERT OR REPLACE INTO runs VALUES ({', '.join('?' * len(TABLES_BY_NAME['runs'].columns))})",
            list(_run_row(run)),
        )

    # -- reads -----------------------------------------------------------------------------
    def count(self, table: str) -> int:
        """Rows in one table."""
        row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
        return int(row[0]) if row else 0

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        return {table.name: self.count(table.name) for table in TABLES}

    def documents(self, ids: Sequence[str] | None = None) -> Iterator[Document]:
        """Stored documents (those with the given ids, if any), in id order."""
        query = ("SELECT document_id, source, url, title, published, published_precision, language, text "
                 "FROM documents")
        params: list[Any] = []
        if ids is not None:
            query += " WHERE document_id IN (SELECT unnest(?::VARCHAR[]))"
            params.append(list(ids))
        for row in self.con.execute(query + " ORDER BY document_id", params).fetchall():
            doc_id, source, url, title, published, precision, language, text = row
            yield Document(text=text, source=source, title=title, published=published,
                           published_precision=precision, language=language, url=url, id=doc_id)

    def events(self) -> Iterator[Event]:
        """Every stored report as an :class:`Event` (one per report; see ``occurrence_id``)."""
        query = """
            SELECT e.date, e.date_precision, e.source_code, e.source_role, e.target_code, e.target_role,
                   e.cameo, e.cameo_root, e.quad, e.goldstein, e.plover, e.plover_mode, e.modality, e.issues,
                   r.report_id, r.origin, r.document_id, r.sentence_index, r.span_start, r.span_end,
                   r.evidence_text, r.source_name, r.source_canonical, r.target_name, r.target_canonical,
                   r.attribution, r.confidence, r.origin_event_id, r.origin_url, r.origin_quad, r.origin_goldstein
            FROM event_reports r JOIN events e USING (event_id)
            ORDER BY e.date NULLS LAST, r.report_id
        """
        for row in self.con.execute(query).fetchall():
            (day, precision, s_code, s_role, t_code, t_role, code, root, quad, goldstein, plover, mode,
             modality, issues, report_id, origin, doc_id, sent, start, end, text, s_name, s_canon,
             t_name, t_canon, attribution, confidence, origin_id, origin_url, origin_quad, origin_gold) = row
            yield Event(
                source=Actor(s_code, s_role, s_name, s_canon), target=Actor(t_code, t_role, t_name, t_canon),
                cameo=code, root=root, quad=quad, goldstein=goldstein, plover=plover, plover_mode=mode,
                evidence=Evidence(doc_id, sent, start, end, text), origin=origin, date=day,
                date_precision=precision, issues=tuple(issues or ()), modality=modality,
                attribution=attribution, confidence=confidence, origin_event_id=origin_id,
                origin_url=origin_url, origin_quad=origin_quad, origin_goldstein=origin_gold, id=report_id,
            )

    def for_thread(self) -> Store:
        """The same store through a cursor of its own, for another thread (a DuckDB connection is not
        shared between threads; cursors of one connection are). Close it when done; the store stays open."""
        view = copy.copy(self)
        view.con = self.con.cursor()
        return view

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def not_stored(table: Table, alias: str = "s") -> str:
    """SQL condition: the row ``alias`` has a key the table does not hold yet (the anti-join that keeps
    every table unique, with or without a declared primary key)."""
    match = " AND ".join(f"stored.{column} = {alias}.{column}" for column in table.key)
    return f"NOT EXISTS (SELECT 1 FROM {table.name} stored WHERE {match})"


def merge_stored(table: Table, source: str, alias: str = "s") -> str:
    """SQL: fold the ``merged`` list columns of the rows in ``source`` into the stored rows with the same
    key (sorted union), so what a key ends up holding does not depend on the order it was written in."""
    match = " AND ".join(f"stored.{column} = {alias}.{column}" for column in table.key)
    union = ", ".join(f"{column} = list_sort(list_distinct(list_concat(stored.{column}, {alias}.{column})))"
                      for column in table.merged)
    grows = " OR ".join(f"NOT list_has_all(coalesce(stored.{column}, []), coalesce({alias}.{column}, []))"
                        for column in table.merged)
    return f"UPDATE {table.name} AS stored SET {union} FROM {source} {alias} WHERE {match} AND ({grows})"


def _merge_lists(row: tuple[Any, ...], earlier: tuple[Any, ...] | None, merged_at: Sequence[int]) -> tuple[Any, ...]:
    """``row`` with its merged list columns sorted and unique, unioned with those of ``earlier``."""
    values = list(row)
    for i in merged_at:
        values[i] = sorted({*(row[i] or ()), *((earlier[i] or ()) if earlier else ())})
    return tuple(values)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def open_store(path: str | Path | None = None, *, read_only: bool = False) -> Store:
    """Open (creating and migrating if needed) the store at ``path`` or the default location."""
    return Store(path, read_only=read_only)
