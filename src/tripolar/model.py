"""The records every stage passes on: small frozen dataclasses with content-hash ids.

An id is a hash of what a record *is*, never of when or where it was made, so the same input
always yields the same id and writing it twice adds nothing.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

DatePrecision = Literal["day", "month", "year"]
Modality = Literal["factual", "hypothetical", "negated", "scheduled"]
MODALITIES: tuple[Modality, ...] = ("factual", "hypothetical", "negated", "scheduled")
PRECISIONS: tuple[DatePrecision, ...] = ("day", "month", "year")

_SPACE = re.compile(r"\s+")
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def content_id(*parts: object) -> str:
    """A stable 16-hex-digit id for the given parts (None and "" differ)."""
    text = "\x1f".join("\x00" if part is None else str(part) for part in parts)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def normalise_text(text: str) -> str:
    """The form a document's id is computed from: NFC, whitespace runs collapsed, trimmed."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def parse_partial_date(text: str) -> tuple[date, DatePrecision]:
    """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` into the first day it covers and its precision.

    >>> parse_partial_date("2018-06")
    (datetime.date(2018, 6, 1), 'month')
    """
    match = _PARTIAL_DATE.match(text.strip())
    if not match:
        raise ValueError(f"'{text}' is not a date: use YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = match.groups()
    precision: DatePrecision = "day" if day else "month" if month else "year"
    try:
        return date(int(year), int(month or 1), int(day or 1)), precision
    except ValueError as error:
        raise ValueError(f"'{text}' is not a date ({error}): use YYYY, YYYY-MM or YYYY-MM-DD") from None


def format_partial_date(value: date | None, precision: DatePrecision | None) -> str | None:
    """The inverse of :func:`parse_partial_date`: ``2018-06`` for a month-precise date."""
    if value is None:
        return None
    if precision == "year":
        return f"{value.year:04d}"
    if precision == "month":
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


@dataclass(frozen=True, slots=True)
class Document:
    """A news text as ingested; its id is the hash of its normalised text."""

    text: str
    source: str = ""
    title: str = ""
    published: date | None = None
    published_precision: DatePrecision | None = None
    language: str = "en"
    url: str = ""
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", content_id("document", normalise_text(self.text)))
        if self.published is not None and self.published_precision is None:
            object.__setattr__(self, "published_precision", "day")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a document, with its character span in the document's text."""

    document_id: str
    index: int
    start: int
    end: int
    text: str

    @property
    def id(self) -> str:
        return content_id("sentence", self.document_id, self.index)


@dataclass(frozen=True, slots=True)
class Actor:
    """Who acts: a country or body code with a role, the name as written and its canonical form."""

    code: str
    role: str = ""
    name: str = ""
    canonical: str = ""

    @property
    def label(self) -> str:
        """``USAGOV``-style code, as CAMEO and GDELT write actor codes."""
        return f"{self.code}{self.role}"


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where an event was read: the sentence and the character span in the document's text."""

    document_id: str | None
    sentence_index: int | None
    start: int | None
    end: int | None
    text: str


@dataclass(frozen=True, slots=True)
class Event:
    """One report of an event: who did what to whom, when, how surely, and the evidence.

    ``id`` identifies the report; ``occurrence_id`` identifies the real-world event, so the same
    (date, source, target, code, modality) read in several documents is one event with several
    reports.
    """

    source: Actor
    target: Actor
    cameo: str
    root: str
    quad: int
    goldstein: float
    plover: str
    evidence: Evidence
    origin: str
    date: date | None = None
    date_precision: DatePrecision | None = None
    plover_mode: str = ""
    issues: tuple[str, ...] = ()
    modality: Modality = "factual"
    attribution: str = ""
    confidence: float = 1.0
    origin_event_id: str = ""
    origin_url: str = ""
    origin_quad: int | None = None
    origin_goldstein: float | None = None
    id: str = ""

    def __post_init__(self) -> None:
        if self.modality not in MODALITIES:
            raise ValueError(f"modality '{self.modality}' is not one of {', '.join(MODALITIES)}")
        if not self.id:
            if self.origin_event_id:
                report = content_id("event", self.origin, self.origin_event_id)
            else:
                report = content_id(
                    "event", self.evidence.document_id, self.evidence.sentence_index,
                    self.evidence.start, self.evidence.end, self.cameo,
                    self.source.label, self.target.label, self.modality,
                )
            object.__setattr__(self, "id", report)

    @property
    def occurrence_id(self) -> str:
        # Undated reports cannot be matched across documents, so they stay per document.
        anchor = (
            format_partial_date(self.date, self.date_precision)
            if self.date is not None
            else f"undated:{self.evidence.document_id or self.id}"
        )
        return content_id(
            "occurrence", anchor, self.source.label, self.target.label, self.cameo, self.modality
        )


@dataclass(frozen=True, slots=True)
class Reject:
    """Input that could not be used, kept with where it came from and why."""

    stage: str
    source: str
    reason: str
    line: int | None = None
    field: str | None = None
    detail: str = ""
    count: int = 1
    examples: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return content_id("reject", self.stage, self.source, self.line, self.field, self.reason)


@dataclass(frozen=True, slots=True)
class Run:
    """One invocation of a pipeline command: what ran, with which version, and what it did."""

    command: str
    version: str
    started_at: datetime
    finished_at: datetime | None = None
    status: str = "running"
    params: str = "{}"
    counts: str = "{}"

    @property
    def id(self) -> str:
        return content_id("run", self.command, self.params, self.started_at.isoformat())
