"""Every error tripolar raises, and what each tells the user to do.

    TripolarError
    ├── InputError        bad input: names the file, line and field, and what to do
    │   └── ActorNotFound a name the actor knowledge base does not know
    ├── DataError         a packaged data file is malformed (a bug in tripolar's data)
    ├── StoreError        the database cannot be opened, migrated or written
    ├── ExportError       an export or import directory is unusable
    ├── AnalysisError     the data cannot support the analysis asked for (too few periods, no variation)
    └── ClusterError      the Dask cluster cannot be reached or its shards cannot be read

Messages are sentences a user can act on; the CLI prints them without a traceback.
"""

from __future__ import annotations

from pathlib import Path


class TripolarError(Exception):
    """Base of every error tripolar raises on purpose."""


def _where(path: str | Path | None, line: int | None, field: str | None) -> str:
    parts = []
    if path is not None:
        parts.append(str(path))
    if line is not None:
        parts.append(f"line {line}")
    if field is not None:
        parts.append(f"field '{field}'")
    return ", ".join(parts)


class InputError(TripolarError):
    """Input that cannot be used: the message names where, what is wrong, and what to do."""

    def __init__(
        self,
        reason: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        field: str | None = None,
        hint: str | None = None,
    ) -> None:
        self.reason = reason
        self.path = None if path is None else str(path)
        self.line = line
        self.field = field
        self.hint = hint
        where = _where(path, line, field)
        message = f"{where}: {reason}" if where else reason
        if hint:
            message = f"{message}. {hint}"
        super().__init__(message)


class ActorNotFound(InputError):
    """A name that no country, body, group or office-holder in the knowledge base answers to."""


class DataError(TripolarError):
    """A data file shipped inside the package is malformed: report it as a bug."""

    def __init__(self, reason: str, *, path: str | Path, line: int | None = None, field: str | None = None) -> None:
        self.reason = reason
        self.path = str(path)
        self.line = line
        self.field = field
        super().__init__(f"{_where(path, line, field)}: {reason}")


class StoreError(TripolarError):
    """The DuckDB store cannot be opened, migrated or written."""


class ExportError(TripolarError):
    """An export or import directory is missing, incomplete or from another schema."""


class AnalysisError(TripolarError):
    """The series cannot support the analysis asked for: says what it needs and what it has."""


class ClusterError(TripolarError):
    """The Dask scheduler cannot be reached, or a worker's shards are not visible to the driver."""
