"""Paging through stored documents and events, and an event's full evidence: what the web API lists.

Pages are keyset-paginated: a cursor names the last row of the page before (opaque to the client),
so a page costs the same wherever it is and rows added meanwhile are neither skipped nor repeated.
Filters are parameters, never SQL text.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from tripolar.analysis.evidence import evidence_items
from tripolar.analysis.series import origin_condition
from tripolar.errors import InputError

MAX_PAGE = 1000
DEFAULT_PAGE = 100


@dataclass(frozen=True)
class Page:
    items: list[dict[str, Any]]
    next_cursor: str | None

    def to_json(self) -> dict[str, Any]:
        return {"items": self.items, "next_cursor": self.next_cursor}


@dataclass(frozen=True)
class EventQuery:
    """Which events to list: every filter optional."""

    actors: tuple[str, ...] = ()  # source and target both among these
    source: str | None = None
    target: str | None = None
    start: date | None = None
    end: date | None = None
    cameo_root: str | None = None
    quad: int | None = None
    modality: str | None = None
    issue: str | None = None
    origin: str = "all"

    def where(self) -> tuple[str, list[Any]]:
        clauses, parameters = ["TRUE"], []
        if self.actors:
            clauses.append("e.source_code IN ? AND e.target_code IN ?")
            parameters += [list(self.actors), list(self.actors)]
        for column, value in (("e.source_code", self.source), ("e.target_code", self.target),
                              ("e.cameo_root", self.cameo_root), ("e.quad", self.quad),
                              ("e.modality", self.modality)):
            if value is not None:
                clauses.append(f"{column} = ?")
                parameters.append(value)
        if self.start is not None:
            clauses.append("e.date >= ?")
            parameters.append(self.start)
        if self.end is not None:
            clauses.append("e.date <= ?")
            parameters.append(self.end)
        if self.issue is not None:
            clauses.append("list_contains(e.issues, ?)")
            parameters.append(self.issue)
        if self.origin != "all":
            clause, values = origin_condition(self.origin)
            clauses.append(clause)
            parameters += values
        return " AND ".join(clauses), parameters


def encode_cursor(*values: Any) -> str:
    text = json.dumps([value.isoformat() if isinstance(value, date) else value for value in values])
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, size: int) -> list[Any]:
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if not isinstance(values, list) or len(values) != size:
            raise ValueError
        return values
    except (ValueError, UnicodeDecodeError):
        raise InputError("not a cursor this server gave out", field="cursor",
                         hint="Pass the next_cursor of the page before, unchanged") from None


def _page_size(limit: int) -> int:
    if not 1 <= limit <= MAX_PAGE:
        raise InputError(f"limit must be between 1 and {MAX_PAGE}, got {limit}", field="limit")
    return limit


def list_events(store: Any, query: EventQuery, *, cursor: str | None = None, limit: int = DEFAULT_PAGE) -> Page:
    """Events in date order (then id), with the first report's evidence."""
    limit = _page_size(limit)
    where, parameters = query.where()
    if cursor:
        day, event_id = decode_cursor(cursor, 2)
        where += " AND (coalesce(e.date, DATE '0001-01-01'), e.event_id) > (?, ?)"
        parameters += [date.fromisoformat(day), event_id]
    rows = store.con.execute(
        f"SELECT e.event_id, coalesce(e.date, DATE '0001-01-01') FROM events e WHERE {where} "
        f"ORDER BY 2, 1 LIMIT {limit + 1}", parameters).fetchall()
    items = [item.to_json() for item in evidence_items(store, [row[0] for row in rows[:limit]])]
    next_cursor = encode_cursor(rows[limit - 1][1], rows[limit - 1][0]) if len(rows) > limit else None
    return Page(items, next_cursor)


def list_documents(store: Any, *, cursor: str | None = None, limit: int = DEFAULT_PAGE) -> Page:
    """Documents in id order, without their text (``document`` gives it)."""
    limit = _page_size(limit)
    where, parameters = "TRUE", []
    if cursor:
        (last,) = decode_cursor(cursor, 1)
        where, parameters = "document_id > ?", [last]
    rows = store.con.execute(
        f"SELECT document_id, source, url, title, published, published_precision, language, length(text) "
        f"FROM documents WHERE {where} ORDER BY document_id LIMIT {limit + 1}", parameters).fetchall()
    keys = ("document_id", "source", "url", "title", "published", "published_precision", "language", "characters")
    items = [dict(zip(keys, (value.isoformat() if isinstance(value, date) else value for value in row), strict=True))
             for row in rows[:limit]]
    return Page(items, encode_cursor(rows[limit - 1][0]) if len(rows) > limit else None)


def document(store: Any, document_id: str) -> dict[str, Any] | None:
    row = store.con.execute("SELECT document_id, source, url, title, published, published_precision, language, text "
                            "FROM documents WHERE document_id = ?", [document_id]).fetchone()
    if row is None:
        return None
    keys = ("document_id", "source", "url", "title", "published", "published_precision", "language", "text")
    return dict(zip(keys, (value.isoformat() if isinstance(value, date) else value for value in row), strict=True))


def event_evidence(store: Any, event_id: str) -> dict[str, Any] | None:
    """An event and every report of it: document, sentence, character span, the sentence's text."""
    found = evidence_items(store, [event_id])
    if not found:
        return None
    rows = store.con.execute("""
        SELECT r.report_id, r.origin, r.document_id, d.title, coalesce(nullif(d.url, ''), r.origin_url),
               r.sentence_index, r.span_start, r.span_end, r.evidence_text, s.text, r.attribution, r.confidence,
               r.origin_event_id
        FROM event_reports r
        LEFT JOIN documents d ON d.document_id = r.document_id
        LEFT JOIN sentences s ON s.document_id = r.document_id AND s.sentence_index = r.sentence_index
        WHERE r.event_id = ? ORDER BY r.report_id""", [event_id]).fetchall()
    keys = ("report_id", "origin", "document_id", "title", "url", "sentence_index", "span_start", "span_end",
            "evidence_text", "sentence", "attribution", "confidence", "origin_event_id")
    return {"event": found[0].to_json(), "reports": [dict(zip(keys, row, strict=True)) for row in rows]}
