"""The events behind a number: for a dyad and a span of days, the stored events with the sentence each
was read in (or, for an imported event, its dataset's row and link).

Every figure in a report links back to these, so that a reader can check a reading against the text.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

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
        record = asdict(self)
        record["date"] = self.date.isoformat() if self.date else None
        return record


def events_behind(store: Any, selection: EventFilter, *, source: str | None = None, target: str | None = None,
                  start: date | None = None, end: date | None = None, cameo_prefixes: tuple[str, ...] = (),
                  issue: str | None = None, quads: tuple[int, ...] = (), limit: int | None = DEFAULT_LIMIT,
                  order: str = "intensity") -> list[EvidenceItem]:
    """The events of ``selection`` from ``source`` to ``target`` (either direction when only the pair
    matters: give neither and the selection's actors bound them), most intense first (``order=
    "intensity"``, by |Goldstein|) or in time order (``order="date"``)."""
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
    ordering = "abs(coalesce(goldstein, 0)) DESC, date, event_id" if order == "intensity" else "date, event_id"
    sql = f"""
        SELECT e.event_id, e.date, e.date_precision, e.source_code, e.target_code, e.cameo, e.quad, e.goldstein,
               e.modality, count(r.report_id) AS reports,
               arg_min(r.origin, r.report_id) AS origin,
               arg_min(coalesce(r.evidence_text, ''), r.report_id) AS evidence,
               arg_min(r.document_id, r.report_id) AS document_id,
               arg_min(r.origin_url, r.report_id) AS origin_url,
               arg_min(s.text, r.report_id) AS sentence
        FROM events e JOIN event_reports r ON r.event_id = e.event_id
        LEFT JOIN sentences s ON s.document_id = r.document_id AND s.sentence_index = r.sentence_index
        WHERE {' AND '.join(conditions)}
        GROUP BY e.event_id, e.date, e.date_precision, e.source_code, e.target_code, e.cameo, e.quad, e.goldstein,
                 e.modality
        ORDER BY {ordering} {'LIMIT ' + str(int(limit)) if limit is not None else ''}"""
    rows = store.con.execute(sql, parameters).fetchall()
    documents = _documents(store, {row[12] for row in rows if row[12]})
    items = []
    for (event_id, day, precision, source_code, target_code, cameo, quad, goldstein, modality, reports, origin,
         evidence, document_id, origin_url, sentence) in rows:
        title, url = documents.get(document_id, (None, None))
        items.append(EvidenceItem(event_id, day, precision, source_code, target_code, cameo, quad, goldstein,
                                  modality, int(reports), origin or "", evidence, sentence or evidence, document_id,
                                  title, url or origin_url or None))
    return items


def _documents(store: Any, ids: set[str]) -> dict[str, tuple[str | None, str | None]]:
    if not ids:
        return {}
    rows = store.con.execute("SELECT document_id, title, coalesce(nullif(url, ''), nullif(source, '')) FROM documents "
                             "WHERE document_id IN ?", [sorted(ids)]).fetchall()
    return {document_id: (title, url) for document_id, title, url in rows}
