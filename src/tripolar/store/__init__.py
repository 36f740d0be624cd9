"""The embedded DuckDB store, its exports and imports."""

from tripolar.store.duckdb_store import Store, WriteResult, default_db_path, open_store

__all__ = ["Store", "WriteResult", "default_db_path", "open_store"]
