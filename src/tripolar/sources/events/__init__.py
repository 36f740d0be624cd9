"""Pre-coded event datasets (GDELT 1.0/2.0, ICEWS, POLECAT, PLOVER JSON) mapped into the store in DuckDB SQL."""

from tripolar.sources.events.formats import FORMATS, detect_format
from tripolar.sources.events.importer import import_events
from tripolar.sources.events.report import FileReport, ImportReport

__all__ = ["FORMATS", "FileReport", "ImportReport", "detect_format", "import_events"]
