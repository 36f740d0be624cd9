"""Read local files: plain text, JSONL, CSV and Parquet tables of articles."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from tripolar.model import Reject
from tripolar.sources.news.dates import parse_published
from tripolar.sources.news.records import RawDocument

FIELDS = ("text", "title", "published", "url", "source")
# Column names article tables commonly use for our fields, tried when no --column maps the field.
SYNONYMS = {
    "text": ("text", "body", "content", "article", "story_text"),
    "title": ("title", "headline"),
    "published": ("published", "date", "pubdate", "publish_date", "published_at", "publication_date"),
    "url": ("url", "link"),
    "source": ("source", "outlet", "publisher"),
}


def column_for(field: str, available: Iterable[str], columns: Mapping[str, str]) -> str:
    """The input's column for one of our fields: the user's mapping, else a common name present."""
    if field in columns:
        return columns[field]
    present = set(available)
    return next((name for name in SYNONYMS[field] if name in present), field)


def decode(data: bytes) -> str | None:
    """UTF-8 if it is, else the encoding charset-normalizer is sure of; None for binary data."""
    if b"\x00" in data[:4096]:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return None if best is None else str(best)


def read_text(path: Path, source: str) -> Iterator[RawDocument | Reject]:
    text = decode(path.read_bytes())
    if text is None:
        yield Reject("ingest", source, "unreadable encoding", detail="not text in any encoding tried")
        return
    yield RawDocument(text=text, source=source)


def _record(values: Mapping[str, object], columns: Mapping[str, str], source: str, line: int,
            ) -> RawDocument | Reject:
    """One JSONL object or table row; ``columns`` maps our field names to the input's."""
    def get(field: str) -> object:
        return values.get(column_for(field, values, columns))

    text = get("text")
    if not isinstance(text, str) or not text.strip():
        return Reject("ingest", source, "missing field", line=line, field=column_for("text", values, columns),
                      detail="each record needs a non-empty text; map yours with --column text=NAME")
    try:
        published = parse_published(get("published"))
    except ValueError as error:
        return Reject("ingest", source, "bad date", line=line, field=column_for("published", values, columns),
                      detail=str(error))
    title, url, origin = (str(get(name) or "") for name in ("title", "url", "source"))
    return RawDocument(
        text=text, source=origin or f"{source}#L{line}", title=title, url=url, line=line,
        published=published[0] if published else None, published_precision=published[1] if published else None,
    )


def read_jsonl(path: Path, source: str, columns: Mapping[str, str]) -> Iterator[RawDocument | Reject]:
    with path.open("rb") as handle:
        for number, raw_line in enumerate(handle, start=1):
            if not raw_line.strip():
                continue
            try:
                values = json.loads(raw_line)
            except (json.JSONDecodeError, UnicodeDecodeError) as error:
                yield Reject("ingest", source, "not JSON", line=number, detail=str(error)[:200])
                continue
            if not isinstance(values, dict):
                yield Reject("ingest", source, "not a JSON object", line=number)
                continue
            yield _record(values, columns, source, number)


def read_csv(path: Path, source: str, columns: Mapping[str, str]) -> Iterator[RawDocument | Reject]:
    text = decode(path.read_bytes())
    if text is None:
        yield Reject("ingest", source, "unreadable encoding")
        return
    delimiter = "\t" if path.suffix.lower() in (".tsv", ".tab") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    wanted = column_for("text", reader.fieldnames or (), columns)
    if reader.fieldnames is None or wanted not in reader.fieldnames:
        yield Reject("ingest", source, "missing column", line=1, field=wanted,
                     detail=f"columns are {reader.fieldnames}; map yours with --column text=NAME")
        return
    while True:
        line = reader.line_num + 1  # the line the next record starts on
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield Reject("ingest", source, "malformed CSV", line=line, detail=str(error))
            return
        yield _record(row, columns, source, line)


def read_parquet(path: Path, source: str, columns: Mapping[str, str]) -> Iterator[RawDocument | Reject]:
    import duckdb

    try:
        relation = duckdb.read_parquet(str(path))
    except duckdb.Error as error:
        yield Reject("ingest", source, "unreadable Parquet", detail=str(error)[:200])
        return
    names = relation.columns
    if column_for("text", names, columns) not in names:
        yield Reject("ingest", source, "missing column", field=column_for("text", names, columns),
                     detail=f"columns are {names}; map yours with --column text=NAME")
        return
    # Rows are documents: a Python object each is what the pipeline needs anyway.
    for number, row in enumerate(relation.fetchall(), start=1):
        yield _record(dict(zip(names, row, strict=True)), columns, source, number)


def read_json(path: Path, source: str, columns: Mapping[str, str]) -> Iterator[RawDocument | Reject]:
    """A JSON file holding one article object or an array of them."""
    try:
        values = json.loads(path.read_bytes())
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        yield Reject("ingest", source, "not JSON", detail=str(error)[:200])
        return
    records = values if isinstance(values, list) else [values]
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            yield Reject("ingest", source, "not a JSON object", line=number)
        elif column_for("text", record, columns) not in record:
            yield Reject("ingest", source, "missing field", line=number, field=column_for("text", record, columns),
                         detail="a JSON file must hold article objects with a text field")
        else:
            yield _record(record, columns, source, number)
