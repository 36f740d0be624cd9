"""Main text, title and date of an article page, with trafilatura."""

from __future__ import annotations

from tripolar.model import Reject
from tripolar.sources.news.dates import parse_published
from tripolar.sources.news.records import RawDocument


def read_html(content: bytes | str, source: str, url: str = "") -> RawDocument | Reject:
    import trafilatura

    try:
        extracted = trafilatura.bare_extraction(content, url=url or None, with_metadata=True)
    except (ValueError, TypeError) as error:  # trafilatura raises these on undecodable input
        return Reject("ingest", source, "unreadable HTML", detail=str(error)[:200])
    if extracted is None or not (extracted.text or "").strip():
        return Reject("ingest", source, "no article text (boilerplate only)", field="text")
    published = None
    if extracted.date:
        try:
            published = parse_published(extracted.date)
        except ValueError:
            published = None  # a page's own date we cannot read is no date, not a bad document
    return RawDocument(
        text=extracted.text, source=source, title=extracted.title or "", url=url or extracted.url or "",
        published=published[0] if published else None, published_precision=published[1] if published else None,
        extracted=True,
    )


def fragment_text(fragment: str) -> str:
    """Plain text of a feed entry's HTML content or summary (entities decoded, tags dropped)."""
    import lxml.html

    if "<" not in fragment and "&" not in fragment:
        return fragment.strip()
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return fragment.strip()
    for element in root.xpath("//script|//style"):
        element.drop_tree()
    for element in root.xpath("//p|//br|//div|//li|//h1|//h2|//h3"):
        element.tail = "\n" + (element.tail or "")
    return "\n".join(line.strip() for line in root.text_content().splitlines() if line.strip())
