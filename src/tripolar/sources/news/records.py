"""What a reader hands on before a document is accepted: text and metadata, or a reason to reject."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from tripolar.model import DatePrecision, Document, Reject
from tripolar.sources.news.language import SUPPORTED, detect_language

# Unpaired surrogates (a JSON "\ud800" escape decodes to one) cannot be encoded, hashed or stored.
_SURROGATE = re.compile("[\ud800-\udfff]")

# Below this many words a page's extracted text is navigation, cookie notices or a teaser.
MIN_WORDS = 8


@dataclass(frozen=True, slots=True)
class RawDocument:
    """A text as read, before language and emptiness checks and before date fallbacks."""

    text: str
    source: str
    title: str = ""
    published: date | None = None
    published_precision: DatePrecision | None = None
    url: str = ""
    line: int | None = None
    extracted: bool = False  # text came out of HTML extraction (so "empty" means boilerplate only)


@dataclass(frozen=True, slots=True)
class DateFallback:
    """Dates and titles from outside the document: ``--index`` entries, then ``--published``."""

    index: dict[str, tuple[date | None, DatePrecision | None, str]]
    published: tuple[date, DatePrecision] | None = None

    def lookup(self, source: str) -> tuple[date | None, DatePrecision | None, str]:
        for key in _index_keys(source):
            if key in self.index:
                return self.index[key]
        return None, None, ""


def _index_keys(source: str) -> list[str]:
    parts = source.replace("\\", "/").split("/")
    # Try the longest relative path first, down to the bare file name.
    return ["/".join(parts[i:]) for i in range(len(parts))]


def accept(raw: RawDocument, fallback: DateFallback) -> Document | Reject:
    """Turn a raw text into a Document, or a Reject that says why not."""
    text = _SURROGATE.sub("\ufffd", raw.text.strip())
    if len(text.split()) < MIN_WORDS:
        reason = "no article text (boilerplate only)" if raw.extracted else "empty document"
        return Reject("ingest", raw.source, reason, line=raw.line, field="text",
                      detail=f"{len(text.split())} words")
    language, probability = detect_language(text)
    if language not in SUPPORTED:
        return Reject("ingest", raw.source, f"language {language} not supported", line=raw.line, field="text",
                      detail=f"detected with probability {probability:.2f}")
    published, precision, title = raw.published, raw.published_precision, raw.title
    if published is None:
        published, precision, index_title = fallback.lookup(raw.source)
        title = title or index_title
        if published is None and fallback.published is not None:
            published, precision = fallback.published
    elif not title:
        title = fallback.lookup(raw.source)[2]
    return Document(text=text, source=raw.source, title=title, published=published,
                    published_precision=precision, language=language, url=raw.url)
