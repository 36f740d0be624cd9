"""``tripolar demo``: build a store from the bundled sample and report what it holds."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from tripolar import __version__
from tripolar.model import Run
from tripolar.sample import load_sample
from tripolar.store import WriteResult, open_store


@dataclass(slots=True)
class DemoReport:
    """What the demo stored, for the CLI to print and tests to check."""

    db_path: Path
    entries: int
    added: WriteResult
    counts: dict[str, int]
    per_year: dict[int, int] = field(default_factory=dict)
    expected_events: int = 0


def run_demo(db_path: str | Path | None = None) -> DemoReport:
    """Store the bundled sample's documents (idempotent: a second run adds nothing)."""
    entries = load_sample()
    started = datetime.now(UTC).replace(tzinfo=None)
    with open_store(db_path) as store:
        added = store.write(documents=[entry.document for entry in entries])
        run = Run(
            command="demo", version=__version__, started_at=started,
            finished_at=datetime.now(UTC).replace(tzinfo=None), status="done",
            params=json.dumps({"sample": "chronology.jsonl"}), counts=json.dumps(added.added),
        )
        store.save_run(run)
        counts = store.counts()
        path = store.path
    per_year = Counter(entry.document.published.year for entry in entries if entry.document.published)
    return DemoReport(
        db_path=path, entries=len(entries), added=added, counts=counts, per_year=dict(sorted(per_year.items())),
        expected_events=sum(len(entry.expected) for entry in entries),
    )
