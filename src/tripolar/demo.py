"""``tripolar demo``: build a store from the bundled sample and report what it holds."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from tripolar import __version__
from tripolar.coding.runner import code_store
from tripolar.model import Run
from tripolar.sample import SampleEntry, load_sample
from tripolar.store import Store, WriteResult, open_store

# The sample's reports are dense from 2014 on, a handful a quarter: the report reads quarters, gives a
# pair a sign on one event and lets it stand for a year without news.
DEMO_SPAN_START = date(2014, 1, 1)
DEMO_PERIOD = "quarter"
DEMO_TRIANGLE = {"min_events": 1, "carry": 4}
REPORT_NAME = "tripolar-report.html"

# Joint acts, coded in both directions by some coders and once by others (CODING_GUIDE.md).
JOINT_ACTS = ("040", "041", "044", "046", "057", "06", "0871")


@dataclass(slots=True)
class DemoReport:
    """What the demo stored, for the CLI to print and tests to check."""

    db_path: Path
    entries: int
    added: WriteResult
    counts: dict[str, int]
    per_year: dict[int, int] = field(default_factory=dict)
    expected_events: int = 0
    expected_found: int = 0
    coded_events: int = 0
    report_path: Path | None = None
    latest: dict[str, Any] | None = None  # the latest triangle reading the report shows
    missing_sections: dict[str, str] = field(default_factory=dict)  # report sections the sample cannot support


def run_demo(db_path: str | Path | None = None, report: bool = True) -> DemoReport:
    """Store and code the bundled sample (idempotent: a second run adds nothing), then write the HTML
    report beside the database."""
    entries = load_sample()
    started = datetime.now(UTC).replace(tzinfo=None)
    with open_store(db_path) as store:
        added = store.write(documents=[entry.document for entry in entries])
        coding = code_store(store)
        added.added["events"] = coding.events_added
        found = _expected_found(store, entries)
        run = Run(
            command="demo", version=__version__, started_at=started,
            finished_at=datetime.now(UTC).replace(tzinfo=None), status="done",
            params=json.dumps({"sample": "chronology.jsonl"}), counts=json.dumps({**added.added, "found": found}),
        )
        store.save_run(run)
        counts = store.counts()
        path = store.path
        summary = None
        if report:
            # Imported here: plotting and statistics take seconds to import, and `import tripolar` should not.
            from tripolar.analysis.inputs import SeriesRequest
            from tripolar.analysis.report import write_report
            from tripolar.analysis.triangle import TriangleSettings

            request = SeriesRequest(period=DEMO_PERIOD, start=DEMO_SPAN_START)
            summary = write_report(Path(path).with_name(REPORT_NAME), request, store,
                                   settings=TriangleSettings(**DEMO_TRIANGLE))
    per_year = Counter(entry.document.published.year for entry in entries if entry.document.published)
    return DemoReport(
        db_path=path, entries=len(entries), added=added, counts=counts, per_year=dict(sorted(per_year.items())),
        expected_events=sum(len(entry.expected) for entry in entries), expected_found=found,
        coded_events=counts["events"], report_path=summary.path if summary else None,
        latest=summary.latest if summary else None,
        missing_sections={name: why for name, why in summary.sections.items() if why != "ok"} if summary else {},
    )


def _expected_found(store: Store, entries: tuple[SampleEntry, ...]) -> int:
    """How many expected events the coder found: same document, dyad (either way for joint acts,
    as score.py) and CAMEO root."""
    rows = store.con.execute(
        "SELECT r.document_id, e.source_code, e.target_code, e.cameo_root FROM events e "
        "JOIN event_reports r USING (event_id) WHERE r.document_id IS NOT NULL"
    ).fetchall()
    coded = {(document, source, target, root) for document, source, target, root in rows}
    found = 0
    for entry in entries:
        for event in entry.expected:
            root = event.cameo[:2]
            either_way = event.cameo.startswith(JOINT_ACTS)
            if (entry.document.id, event.source, event.target, root) in coded or (
                    either_way and (entry.document.id, event.target, event.source, root) in coded):
                found += 1
    return found
