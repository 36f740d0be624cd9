"""The bundled sample: a chronology of real US–China–Russia events written by the tripolar authors.

Each entry is one or two news-style sentences in our own words, with the date, the outlet or
official source that reported the event, and the events a coder is expected to find.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from tripolar.errors import DataError
from tripolar.model import Document, parse_partial_date

SAMPLE = Path(str(resources.files("tripolar.sample") / "chronology.jsonl"))


@dataclass(frozen=True, slots=True)
class ExpectedEvent:
    source: str
    source_role: str
    target: str
    target_role: str
    cameo: str
    modality: str = "factual"
    date: str | None = None  # given where it differs from the report's date (a scheduled act)


@dataclass(frozen=True, slots=True)
class SampleEntry:
    key: str
    document: Document
    issues: tuple[str, ...]
    expected: tuple[ExpectedEvent, ...]


@cache
def load_sample(path: Path = SAMPLE) -> tuple[SampleEntry, ...]:
    """Read the chronology; a malformed line is a packaging bug and names its line and field."""
    entries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as error:
            raise DataError(f"not JSON ({error.msg})", path=path, line=number) from None
        for field in ("id", "text", "published", "source", "expected"):
            if field not in raw:
                raise DataError("is missing", path=path, line=number, field=field)
        try:
            published, precision = parse_partial_date(raw["published"])
        except ValueError as error:
            raise DataError(str(error), path=path, line=number, field="published") from None
        document = Document(
            text=raw["text"], source=raw["source"], title=raw.get("title", ""),
            published=published, published_precision=precision, url=raw.get("url", ""),
        )
        expected = tuple(
            ExpectedEvent(
                source=item["source"], source_role=item.get("source_role", ""), target=item["target"],
                target_role=item.get("target_role", ""), cameo=item["cameo"],
                modality=item.get("modality", "factual"), date=item.get("date"),
            )
            for item in raw["expected"]
        )
        entries.append(SampleEntry(raw["id"], document, tuple(raw.get("issue", ())), expected))
    return tuple(entries)
