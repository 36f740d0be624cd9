"""What an import did: per file and in total."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class FileReport:
    """One file: its format, rows read, what was added, and rows refused per reason.

    Every row read is either reported (``rows_mapped``: an event report, new or already stored) or
    counted under one reason in ``rejected``. ``error`` says why a file could not be imported at all.
    """

    path: str
    format: str | None = None
    rows_read: int = 0
    events_added: int = 0
    reports_added: int = 0
    rejected: dict[str, int] = field(default_factory=dict)
    error: str | None = None

    @property
    def rows_rejected(self) -> int:
        return sum(self.rejected.values())

    @property
    def rows_mapped(self) -> int:
        return self.rows_read - self.rows_rejected


@dataclass(slots=True)
class ImportReport:
    """The per-file reports of one :func:`~tripolar.sources.events.import_events` call, and their totals."""

    files: list[FileReport] = field(default_factory=list)
    run_id: str = ""

    @property
    def rows_read(self) -> int:
        return sum(report.rows_read for report in self.files)

    @property
    def events_added(self) -> int:
        return sum(report.events_added for report in self.files)

    @property
    def reports_added(self) -> int:
        return sum(report.reports_added for report in self.files)

    @property
    def rejected(self) -> dict[str, int]:
        totals: dict[str, int] = {}
        for report in self.files:
            for reason, count in report.rejected.items():
                totals[reason] = totals.get(reason, 0) + count
        return totals

    @property
    def rows_rejected(self) -> int:
        return sum(self.rejected.values())

    @property
    def failed(self) -> list[FileReport]:
        return [report for report in self.files if report.error is not None]

    def as_dict(self) -> dict[str, object]:
        return {
            "rows_read": self.rows_read, "events_added": self.events_added, "reports_added": self.reports_added,
            "rejected": self.rejected, "failed_files": [report.path for report in self.failed],
        }
