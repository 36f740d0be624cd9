"""News documents in: text, HTML, JSONL, CSV, Parquet, RSS/Atom feeds and URLs."""

from tripolar.sources.news.ingest import IngestProgress, IngestReport, ingest, load_index

__all__ = ["IngestProgress", "IngestReport", "ingest", "load_index"]
