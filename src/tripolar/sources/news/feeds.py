"""RSS and Atom feeds (feedparser): each entry becomes a document from its content or summary."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from tripolar.model import Reject
from tripolar.sources.news.html import fragment_text
from tripolar.sources.news.records import RawDocument


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """An entry's own text and the link to the full article (fetched with ``--follow``)."""

    document: RawDocument
    link: str


def looks_like_feed(head: bytes) -> bool:
    sample = head[:2048].lstrip().lower()
    return b"<rss" in sample or b"<feed" in sample or b"<rdf:rdf" in sample


def read_feed(content: bytes, source: str) -> Iterator[FeedEntry | Reject]:
    import feedparser

    parsed = feedparser.parse(content)
    if not parsed.entries:
        reason = "not a feed" if parsed.bozo else "feed has no entries"
        yield Reject("ingest", source, reason, detail=str(parsed.get("bozo_exception", ""))[:200])
        return
    for number, entry in enumerate(parsed.entries, start=1):
        link = entry.get("link", "")
        bodies = [item.get("value", "") for item in entry.get("content", [])] or [entry.get("summary", "")]
        text = fragment_text(max(bodies, key=len))
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        published = date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday) if stamp else None
        document = RawDocument(
            text=text, source=link or f"{source}#entry{number}", title=fragment_text(entry.get("title", "")),
            published=published, published_precision="day" if published else None, url=link, line=number,
            extracted=True,
        )
        yield FeedEntry(document, link)
