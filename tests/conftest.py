from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tripolar.model import Actor, Document, Event, Evidence, Reject, Sentence
from tripolar.ontology.cameo import cameo
from tripolar.store import Store

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def shared_path(*parts: str) -> Path:
    """A file under ../shared, or a skip saying why the test cannot run without it."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs {path} (the shared data checked out beside the repository)")
    return path


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "test.duckdb") as opened:
        yield opened


def make_event(document: Document, code: str, source: str, target: str, day: date | None,
               start: int = 0, end: int = 10, modality: str = "factual") -> Event:
    entry = cameo(code)
    return Event(
        source=Actor(source, "GOV", source, source), target=Actor(target, "", target, target),
        cameo=code, root=entry.root, quad=entry.quad, goldstein=entry.goldstein, plover=entry.plover,
        evidence=Evidence(document.id, 0, start, end, document.text[start:end]), origin="test",
        date=day, date_precision="day" if day else None, issues=("trade",), modality=modality,  # type: ignore[arg-type]
    )


@pytest.fixture
def batch() -> dict[str, list]:
    """Two documents, their sentences, three reports of two events, and a reject."""
    first = Document(
        text="On May 29, the Trump administration said it will impose a 25 percent tariff on Chinese goods.",
        source="a.txt", title="Tariffs", published=date(2018, 6, 1), published_precision="month",
    )
    second = Document(
        text="Washington imposed tariffs on Chinese goods on May 29. Beijing protested.",
        source="b.txt", published=date(2018, 5, 30),
    )
    sentences = [
        Sentence(first.id, 0, 0, len(first.text), first.text),
        Sentence(second.id, 0, 0, 54, second.text[:54]),
        Sentence(second.id, 1, 55, len(second.text), second.text[55:]),
    ]
    events = [
        make_event(first, "172", "USA", "CHN", date(2018, 5, 29), 45, 51),
        make_event(second, "172", "USA", "CHN", date(2018, 5, 29), 11, 18),
        make_event(second, "111", "CHN", "USA", date(2018, 5, 29), 63, 72),
    ]
    rejects = [Reject(stage="ingest", source="c.jsonl", reason="not JSON", line=3)]
    return {"documents": [first, second], "sentences": sentences, "events": events, "rejects": rejects}
