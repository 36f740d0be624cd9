"""The DuckDB settings an import runs with, changed for its duration and put back afterwards."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import duckdb

# An import holds at most this much in DuckDB's memory and spills the rest to disk (``<db>.tmp``): the
# key indexes of a multi-million-row file alone would otherwise take gigabytes.
MEMORY_CAP_BYTES = 1536 * 1024**2
_UNITS = {"bytes": 1, "kb": 1000, "mb": 1000**2, "gb": 1000**3, "tb": 1000**4,
          "kib": 1024, "mib": 1024**2, "gib": 1024**3, "tib": 1024**4}


@contextmanager
def import_settings(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Run a block with the settings an import needs; every one is restored when it ends."""
    number, _, unit = current_setting(con, "memory_limit").partition(" ")
    try:
        current = float(number) * _UNITS[unit.strip().lower()]
    except (ValueError, KeyError):
        current = float("inf")
    memory = f"{min(current, MEMORY_CAP_BYTES) / 1024**2:.0f}MiB"
    # Insertion order is irrelevant (every row has its key) and keeping it costs time and memory; the
    # progress bar is the caller's to show (``import_events(progress=...)``), not DuckDB's. The
    # optimizer setting is changed inside the transaction (see load.stage) and restored here if that
    # transaction fails, since an aborted transaction refuses every statement until rolled back.
    with setting(con, "preserve_insertion_order", "false"), setting(con, "enable_progress_bar", "false"), \
            setting(con, "memory_limit", memory), setting(con, "disabled_optimizers", None):
        yield


@contextmanager
def setting(con: duckdb.DuckDBPyConnection, name: str, value: str | None) -> Iterator[None]:
    """Set a DuckDB setting for a block (None: leave it as it is), then put the previous value back."""
    previous = current_setting(con, name)
    if value is not None:
        con.execute(f"SET {name} = '{value}'")
    try:
        yield
    finally:
        restore_setting(con, name, previous)


def current_setting(con: duckdb.DuckDBPyConnection, name: str) -> str:
    row = con.execute("SELECT current_setting(?)", [name]).fetchone()
    return "" if row is None or row[0] is None else str(row[0])


def restore_setting(con: duckdb.DuckDBPyConnection, name: str, previous: str) -> None:
    con.execute(f"SET {name} = '{previous}'" if previous else f"RESET {name}")
