"""The events behind a number: for a dyad and a span of days, the stored events with the sentence each
was read in (or, for an imported event, its dataset's row and link).

Every figure in a report links back to these, so that a reader can check a reading against the text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from tripolar.analysis.frame import dyad_name, parse_dyad
from tripolar.analysis.series import EventFilter

DEFAULT_LIMIT = 20


@dataclass(frozen=True)
class EvidenceItem:
    """One event and the first report of it: what was read, where."""

    event_id: str
    date: date | None
    date_precision: str | None
    source: str
    target: str
    cameo: str
    quad: int | None
    goldstein: float | None
    modality: str
    reports: int
    origin: str
    evidence: str  # the span the event was coded from; empty for an imported row without text
    sentence: str  # the whole sentence the span is in (the span itself when the sentence is not stored)
    document_id: str | None
    title: str | None
    url: str | None

    def to_json(self) -> dict[str, Any]:
        # Spelled out rather than dataclasses.asdict, which deep-copies and is slow for thousands of items.
        return {name: getattr(self, name) for name in _FIELDS} | {"date": self.date.isoformat() if self.date else None}


_FIELDS = tuple(field.name for field in fields(EvidenceItem))


def event_conditions(selection: EventFilter, *, source: str | None = None, target: str | None = None,
                     start: date | None = None, end: date | None = None, cameo_prefixes: Sequence[str] = (),
                     issue: str | None = None, quads: Sequence[int] = ()) -> tuple[str, list[Any]]:
    """SQL conditions on ``events e`` for the selection narrowed by direction, days, code, issue and quad."""
    where, parameters = selection.where("e")
    conditions = [where]
    for column, value in (("e.source_code", source), ("e.target_code", target)):
        if value is not None:
            conditions.append(f"{column} = ?")
            parameters.append(value)
    if start is not None:
        conditions.append("e.date >= ?")
        parameters.append(start)
    if end is not None:
        conditions.append("e.date <= ?")
        parameters.append(end)
    if issue is not None:
        conditions.append("list_contains(e.issues, ?)")
        parameters.append(issue)
    if quads:
        conditions.append("e.quad IN ?")
        parameters.append(list(quads))
    if cameo_prefixes:
        conditions.append("(" + " OR ".join("starts_with(e.cameo, ?)" for _ in cameo_prefixes) + ")")
        parameters.extend(cameo_prefixes)
    return " AND ".join(conditions), parameters


def events_behind(store: Any, selection: EventFilter, *, limit: int | None = DEFAULT_LIMIT, order: str = "intensity",
                  **narrowing: Any) -> list[EvidenceItem]:
    """The events of ``selection`` narrowed as :func:`event_conditions` allows (``source``, ``target``,
    ``start``, ``end``, ``cameo_prefixes``, ``issue``, ``quads``), most intense first (``order=
    "intensity"``, by |Goldstein|) or in time order (``order="date"``)."""
    where, parameters = event_conditions(selection, **narrowing)
    ordering = "abs(coalesce(e.goldstein, 0)) DESC, e.date, e.event_id" if order == "intensity" else \
        "e.date, e.event_id"
    # The events are chosen (and limited) first; only those are joined to their reports and sentences.
    ids = [row[0] for row in store.con.execute(
        f"SELECT e.event_id FROM events e WHERE {where} ORDER BY {ordering} "
        f"{'LIMIT ' + str(int(limit)) if limit is not None else ''}", parameters).fetchall()]
    return evidence_items(store, ids)


def evidence_items(store: Any, ids: Sequence[str]) -> list[EvidenceItem]:
    """The events ``ids`` (in that order) with the first report of each: its span, sentence and document."""
    if not ids:
        return []
    rows = store.con.execute("""
        SELECT e.event_id, e.date, e.date_precision, e.source_code, e.target_code, e.cameo, e.quad, e.goldstein,
               e.modality, count(r.report_id) AS reports,
               arg_min(r.origin, r.report_id) AS origin,
               arg_min(coalesce(r.evidence_text, ''), r.report_id) AS evidence,
               arg_min(r.document_id, r.report_id) AS document_id,
               arg_min(r.origin_url, r.report_id) AS origin_url,
               arg_min(s.text, r.report_id) AS sentence
        FROM events e JOIN event_reports r ON r.event_id = e.event_id
        LEFT JOIN sentences s ON s.document_id = r.document_id AND s.sentence_index = r.sentence_index
        WHERE e.event_id IN ?
        GROUP BY e.event_id, e.date, e.date_precision, e.source_code, e.target_code, e.cameo, e.quad, e.goldstein,
                 e.modality""", [list(ids)]).fetchall()
    documents = _documents(store, {row[12] for row in rows if row[12]})
    by_id = {}
    for (event_id, day, precision, source_code, target_code, cameo, quad, goldstein, modality, reports, origin,
         evidence, document_id, origin_url, sentence) in rows:
        title, url = documents.get(document_id, (None, None))
        by_id[event_id] = EvidenceItem(event_id, day, precision, source_code, target_code, cameo, quad, goldstein,
                                       modality, int(reports), origin or "", evidence, sentence or evidence,
                                       document_id, title, url or origin_url or None)
    return [by_id[event_id] for event_id in ids if event_id in by_id]


def _documents(store: Any, ids: set[str]) -> dict[str, tuple[str | None, str | None]]:
    if not ids:
        return {}
    rows = store.con.execute("SELECT document_id, title, coalesce(nullif(url, ''), nullif(source, '')) FROM documents "
                             "WHERE document_id IN ?", [sorted(ids)]).fetchall()
    return {document_id: (title, url) for document_id, title, url in rows}


def events_by_period(store: Any, selection: EventFilter, period: str, limit: int,
                     wanted: set[tuple[str, str]] | None = None) -> dict[str, dict[str, list[EvidenceItem]]]:
    """For every directed dyad and period (labelled as the series are), or only the (dyad, label) pairs
    ``wanted``, its ``limit`` most intense events with their sentences: ``{"USA->CHN": {"2020-01":
    [item, ...]}}``. Two queries, whatever the span."""
    from tripolar.analysis.series import PERIOD_PRECISIONS, period_bounds, period_label

    where, parameters = selection.where("e")
    if wanted is not None:
        if not wanted:
            return {}
        spans = [(*parse_dyad(dyad), *period_bounds(label, period)) for dyad, label in sorted(wanted)]
        where += " AND (" + " OR ".join("(e.source_code = ? AND e.target_code = ? AND e.date BETWEEN ? AND ?)"
                                        for _ in spans) + ")"
        parameters += [value for span in spans for value in span]
    chosen = store.con.execute(f"""
        SELECT event_id, source_code, target_code, start FROM (
            SELECT e.event_id, e.source_code, e.target_code, date_trunc('{period}', e.date)::DATE AS start,
                   row_number() OVER (PARTITION BY e.source_code, e.target_code, date_trunc('{period}', e.date)
                                      ORDER BY abs(coalesce(e.goldstein, 0)) DESC, e.event_id) AS rank
            FROM events e WHERE {where} AND e.date IS NOT NULL AND e.date_precision IN ?)
        WHERE rank <= {int(limit)} ORDER BY start, source_code, target_code, rank""",
                                 [*parameters, list(PERIOD_PRECISIONS[period])]).fetchall()
    items = {item.event_id: item for item in evidence_items(store, [row[0] for row in chosen])}
    found: dict[str, dict[str, list[EvidenceItem]]] = {}
    for event_id, source, target, start in chosen:
        if event_id in items:
            found.setdefault(dyad_name(source, target), {}).setdefault(period_label(start, period), []).append(
                items[event_id])
    return found
