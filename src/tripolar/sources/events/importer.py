"""Import pre-coded event datasets (GDELT 1.0/2.0, ICEWS, POLECAT, PLOVER JSON) into the store, in DuckDB SQL.

Per file, in one transaction: DuckDB reads the file with explicit column types, one SELECT maps every
row onto our event shape (or the reason it cannot be used), and INSERT ... SELECT statements add the new
events and reports; refused rows become one ``Reject`` per (file, reason) with a count and example
dataset ids. Keys are the content hashes Python computes (``Event.occurrence_id`` and ``Event.id``), so
importing a file twice, or an event Python already stored, adds nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from tripolar import __version__
from tripolar.errors import InputError
from tripolar.model import Reject, Run
from tripolar.sources.events import load
from tripolar.sources.events.formats import FORMATS, JSON_FORMATS, detect_format, layout_for
from tripolar.sources.events.inputs import expand_paths, first_line, looks_like_utf8, readable_file
from tripolar.sources.events.lookups import load_lookups
from tripolar.sources.events.reasons import UNREADABLE
from tripolar.sources.events.report import FileReport, ImportReport
from tripolar.sources.events.settings import import_settings
from tripolar.store.duckdb_store import Store

Progress = Callable[[str, int], None]


def import_events(
    store: Store,
    paths: Sequence[str | Path],
    fmt: str | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Import GDELT 1.0/2.0, ICEWS, POLECAT or PLOVER JSON files (globs, ``.gz`` and ``.zip`` accepted).

    ``fmt`` is ``gdelt1``, ``gdelt2``, ``icews``, ``polecat`` or ``plover``, or None to detect it per file
    from the header or the field count (PLOVER: a ``.json``/``.jsonl`` file starting with ``[`` or
    ``{``). ``progress(path, rows_read_so_far)`` is called after each file. A file that is missing, of
    no known format or malformed raises :class:`InputError` when it is the only one; in a batch it is
    recorded as a ``Reject`` (stage ``import``) and the other files are imported. Each file is one
    transaction; each call is recorded as a ``Run``.
    """
    if fmt is not None and fmt not in FORMATS:
        raise InputError(f"unknown format '{fmt}'", field="format", hint=f"Use one of {', '.join(FORMATS)}")
    files = expand_paths(paths)
    started = _now()
    run = Run(command="import-events", version=__version__, started_at=started,
              params=json.dumps({"paths": [str(path) for path in paths], "format": fmt}))
    report = ImportReport(run_id=run.id)
    store.save_run(run)
    status = "failed"
    try:
        load_lookups(store.con)
        for path in files:
            try:
                report.files.append(_import_file(store, path, fmt))
            except InputError as error:
                if len(files) == 1:
                    raise
                report.files.append(FileReport(str(path), error=str(error)))
                load.write_rejects(store.con, [Reject(stage=load.STAGE, source=str(path.resolve()),
                                                      reason=error.reason, detail=str(error))])
            if progress is not None:
                progress(str(path), report.rows_read)
        status = "done"
    finally:
        store.save_run(Run(
            command=run.command, version=run.version, started_at=started, finished_at=_now(), status=status,
            params=run.params, counts=json.dumps(report.as_dict()),
        ))
    return report


def _import_file(store: Store, path: Path, fmt: str | None) -> FileReport:
    source = str(path.resolve())
    with readable_file(path) as readable:
        line = first_line(readable)
        detected = detect_format(line, readable.name)
        chosen = fmt or detected
        if chosen is None:
            raise InputError("cannot tell which dataset this file comes from", path=path,
                             hint=f"Pass the format explicitly ({', '.join(FORMATS)})")
        if detected is not None and detected != chosen:
            raise InputError(f"looks like {detected}, not {chosen}", path=path,
                             hint=f"Pass the format {detected}, or leave it out to detect it")
        encoding = "utf-8" if chosen != "polecat" or looks_like_utf8(readable) else "latin-1"
        layout = layout_for(chosen, line, path, encoding)
        with import_settings(store.con), store.transaction() as con:
            report = FileReport(source, chosen)
            try:
                staged = load.stage(con, readable, layout)
            except (duckdb.IOException, duckdb.InvalidInputException) as error:
                # A truncated .gz, malformed JSON, an unreadable disk...: the file, not the import, is at fault.
                check = ("that it is valid JSON: one array of records, or one record per line" if chosen in JSON_FORMATS
                         else "that the file is complete (download it again)")
                raise InputError("cannot be read", path=path,
                                 hint=f"DuckDB says: {str(error).splitlines()[0]}. Check {check}") from None
            report.events_added, report.reports_added = load.insert(con, chosen)
            rejects = load.rejects(con, source, chosen)
            load.write_rejects(con, rejects)
            load.drop_temp_tables(con)
    report.rejected = {reject.reason: reject.count for reject in rejects}
    report.rows_read = staged + report.rejected.get(UNREADABLE, 0)
    return report


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
