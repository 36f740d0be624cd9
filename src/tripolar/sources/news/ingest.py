"""``ingest``: read news from files, directories, feeds and URLs into the store.

Every input either becomes documents or rejects with a reason; nothing is dropped silently.
Documents are written in batches, each its own transaction, so an interrupted run keeps what it
committed and a re-run adds exactly the rest (ids are content hashes).
"""

from __future__ import annotations

import glob as globbing
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from tripolar import __version__
from tripolar.errors import InputError
from tripolar.model import DatePrecision, Document, Reject, Run
from tripolar.sources.news import files
from tripolar.sources.news.dates import parse_published
from tripolar.sources.news.feeds import FeedEntry, looks_like_feed, read_feed
from tripolar.sources.news.html import read_html
from tripolar.sources.news.records import DateFallback, RawDocument, accept
from tripolar.sources.news.web import Fetcher, FetchRefused
from tripolar.store import Store

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})
TABLE_READERS = {
    ".jsonl": files.read_jsonl, ".ndjson": files.read_jsonl, ".json": files.read_json,
    ".csv": files.read_csv, ".tsv": files.read_csv, ".parquet": files.read_parquet,
}


@dataclass(slots=True)
class IngestProgress:
    """Where a run is; the CLI draws its progress bar from it."""

    inputs_done: int
    inputs_total: int
    bytes_done: int
    bytes_total: int
    stored: int
    already_present: int
    rejected: int
    current: str


@dataclass(slots=True)
class IngestReport:
    """What one ingest did: documents stored and already present, rejects by reason."""

    inputs: int = 0
    stored: int = 0
    already_present: int = 0
    rejected: Counter[str] = field(default_factory=Counter)

    @property
    def read(self) -> int:
        """Documents read successfully (new or already stored)."""
        return self.stored + self.already_present


def load_index(path: str | Path) -> dict[str, tuple[date | None, DatePrecision | None, str]]:
    """Read an ``--index`` JSONL (``file`` → ``published``, ``title``); bad lines name themselves."""
    index: dict[str, tuple[date | None, DatePrecision | None, str]] = {}
    source = Path(path)
    if not source.exists():
        raise InputError("no such file", path=source, hint="Give --index a JSONL file of {file, published, title}")
    for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
            published = parse_published(entry.get("published"))
            name = entry["file"]
        except json.JSONDecodeError as error:
            raise InputError(f"not JSON ({error.msg})", path=source, line=number) from None
        except KeyError:
            raise InputError("missing", path=source, line=number, field="file") from None
        except ValueError as error:
            raise InputError(str(error), path=source, line=number, field="published") from None
        index[str(name).replace("\\", "/")] = (
            published[0] if published else None, published[1] if published else None, entry.get("title", ""))
    return index


@dataclass(frozen=True, slots=True)
class _Input:
    name: str  # as the user gave it, or the file found under a directory
    path: Path | None  # None for a URL
    size: int


def _plan(inputs: Iterable[str | Path], pattern: str) -> tuple[list[_Input], list[Reject]]:
    planned: list[_Input] = []
    missing: list[Reject] = []
    for item in inputs:
        text = str(item)
        if "://" in text:
            planned.append(_Input(text, None, 0))
            continue
        path = Path(text)
        if path.is_dir():
            found = sorted(p for p in path.rglob(pattern) if p.is_file())
            planned.extend(_Input(str(p), p, p.stat().st_size) for p in found)
        elif path.is_file():
            planned.append(_Input(text, path, path.stat().st_size))
        elif any(char in text for char in "*?["):
            matches = sorted(Path(p) for p in globbing.glob(text, recursive=True) if Path(p).is_file())
            planned.extend(_Input(str(p), p, p.stat().st_size) for p in matches)
            if not matches:
                missing.append(Reject("ingest", text, "no file matches the pattern"))
        else:
            missing.append(Reject("ingest", text, "no such file or directory"))
    return planned, missing


class _Reader:
    """Turns one input into raw documents and rejects."""

    def __init__(self, columns: Mapping[str, str], follow: bool, fetcher: Fetcher | None,
                 allow_private: bool) -> None:
        self.columns = columns
        self.follow = follow
        self._fetcher = fetcher
        self.allow_private = allow_private

    @property
    def fetcher(self) -> Fetcher:
        if self._fetcher is None:
            self._fetcher = Fetcher(allow_private=self.allow_private)
        return self._fetcher

    def read(self, item: _Input) -> Iterator[RawDocument | Reject]:
        if item.path is None:
            yield from self._read_url(item.name)
            return
        suffix = item.path.suffix.lower()
        if suffix in TABLE_READERS:
            yield from TABLE_READERS[suffix](item.path, item.name, self.columns)
            return
        content = item.path.read_bytes()
        yield from self._read_content(content, item.name, suffix, url="")

    def _read_content(self, content: bytes, source: str, suffix: str, url: str) -> Iterator[RawDocument | Reject]:
        head = content[:4096].lstrip().lower()
        if suffix in FEED_SUFFIXES or looks_like_feed(head):
            yield from self._read_feed(content, source)
        elif suffix in HTML_SUFFIXES or head.startswith((b"<!doctype html", b"<html")):
            yield read_html(content, source, url)
        elif suffix in TEXT_SUFFIXES or not head.startswith(b"<"):
            text = files.decode(content)
            if text is None:
                yield Reject("ingest", source, "unreadable encoding", detail="not text in any encoding tried")
            else:
                yield RawDocument(text=text, source=source, url=url)
        else:
            yield Reject("ingest", source, "unsupported file type", detail=f"'{suffix}' that is not HTML or a feed")

    def _read_feed(self, content: bytes, source: str) -> Iterator[RawDocument | Reject]:
        for entry in read_feed(content, source):
            if isinstance(entry, Reject) or not self.follow or not entry.link:
                yield entry.document if isinstance(entry, FeedEntry) else entry
                continue
            yield from self._follow(entry)

    def _follow(self, entry: FeedEntry) -> Iterator[RawDocument | Reject]:
        try:
            fetched = self.fetcher.fetch(entry.link)
        except FetchRefused as refused:
            # The entry's own text is still evidence: keep it, and say why the article was not read.
            yield Reject("ingest", entry.link, f"follow: {refused.reason}", detail=refused.detail)
            yield entry.document
            return
        article = read_html(fetched.content, entry.link, fetched.url)
        if isinstance(article, Reject):
            yield Reject("ingest", entry.link, f"follow: {article.reason}", detail=article.detail)
            yield entry.document
            return
        dated = article if article.published else entry.document
        yield RawDocument(
            text=article.text, source=entry.link, title=article.title or entry.document.title,
            published=dated.published, published_precision=dated.published_precision,
            url=fetched.url, extracted=True,
        )

    def _read_url(self, url: str) -> Iterator[RawDocument | Reject]:
        try:
            fetched = self.fetcher.fetch(url)
        except FetchRefused as refused:
            yield Reject("ingest", url, refused.reason, detail=refused.detail)
            return
        kind = fetched.content_type.split(";")[0].strip().lower()
        suffix = ".xml" if "rss" in kind or "atom" in kind else ".html" if "html" in kind else ".txt" \
            if kind == "text/plain" else Path(fetched.url.split("?")[0]).suffix.lower()
        yield from self._read_content(fetched.content, url, suffix, fetched.url)


def ingest(
    store: Store,
    inputs: Sequence[str | Path],
    *,
    published: str | None = None,
    index: str | Path | None = None,
    pattern: str = "*",
    columns: Mapping[str, str] | None = None,
    follow: bool = False,
    allow_private: bool = False,
    fetcher: Fetcher | None = None,
    batch_size: int = 500,
    progress: Callable[[IngestProgress], None] | None = None,
) -> IngestReport:
    """Read every input into ``store``; return what was stored, already present and rejected."""
    try:
        default = parse_published(published)
    except ValueError as error:
        raise InputError(str(error), field="--published") from None
    fallback = DateFallback(load_index(index) if index else {}, default)
    planned, missing = _plan(inputs, pattern)
    reader = _Reader(dict(columns or {}), follow, fetcher, allow_private)
    report = IngestReport(inputs=len(planned) + len(missing))
    started = datetime.now(UTC).replace(tzinfo=None)
    documents: dict[str, Document] = {}
    rejects: list[Reject] = list(missing)
    report.rejected.update(reject.reason for reject in missing)
    bytes_total = sum(item.size for item in planned)
    bytes_done = 0

    def flush() -> None:
        if not documents and not rejects:
            return
        added = store.write(documents=documents.values(), rejects=rejects)
        report.stored += added["documents"]
        report.already_present += len(documents) - added["documents"]
        documents.clear()
        rejects.clear()

    try:
        for done, item in enumerate(planned, start=1):
            for record in reader.read(item):
                outcome = accept(record, fallback) if isinstance(record, RawDocument) else record
                if isinstance(outcome, Reject):
                    rejects.append(outcome)
                    report.rejected[outcome.reason] += 1
                elif outcome.id in documents:
                    report.already_present += 1  # the same text twice in this batch
                else:
                    documents[outcome.id] = outcome
                if len(documents) + len(rejects) >= batch_size:
                    flush()
            bytes_done += item.size
            if progress is not None:
                progress(IngestProgress(done, len(planned), bytes_done, bytes_total, report.stored,
                                        report.already_present, sum(report.rejected.values()), item.name))
        flush()
        if progress is not None:
            progress(IngestProgress(len(planned), len(planned), bytes_total, bytes_total, report.stored,
                                    report.already_present, sum(report.rejected.values()), ""))
    finally:
        if fetcher is None and reader._fetcher is not None:
            reader._fetcher.close()
    store.save_run(Run(
        command="ingest", version=__version__, started_at=started,
        finished_at=datetime.now(UTC).replace(tzinfo=None), status="done",
        params=json.dumps({"inputs": [str(i) for i in inputs], "published": published,
                           "index": str(index) if index else None, "follow": follow}),
        counts=json.dumps({"stored": report.stored, "already_present": report.already_present,
                           "rejected": dict(report.rejected)}),
    ))
    return report
