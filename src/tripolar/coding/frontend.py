"""The coder's front end: one document's sentences, which of them to parse, and what went wrong.

:class:`DocumentJob` holds a document while :meth:`Coder.code <tripolar.coding.coder.Coder.code>`
streams the sentences to parse through spaCy: it cleans the text, splits it (every sentence is kept
and numbered, parsed or not), asks the prefilter which to parse, codes each parsed sentence in order
with the document's discourse, and collects warnings as :class:`~tripolar.model.Reject` records, one
per reason, with a count and examples.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from tripolar.coding.sentences import (
    MAX_PIECE_CHARS,
    MAX_SENTENCE_CHARS,
    MAX_SENTENCE_TOKENS,
    Piece,
    SentenceSpan,
    SentenceSplitter,
    clean_text,
)
from tripolar.model import Document, Event, Reject, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from tripolar.coding.discourse import Discourse
    from tripolar.coding.prefilter import Prefilter

STAGE = "code"
EXAMPLES = 3
# Below this much text per process, starting worker processes costs more than it saves (each parses
# about 300 sentences a second; starting one takes a fraction of a second).
MIN_CHARS_PER_PROCESS = 150_000
# Why a document, or part of one, was not coded (the rejects table's ``reason``).
EMPTY = "empty text"
TOO_LONG = f"sentence over {MAX_SENTENCE_TOKENS} tokens or {MAX_SENTENCE_CHARS:,} characters, not parsed"
CONTROL = "control characters replaced"
CUT = f"no line break in {MAX_PIECE_CHARS:,} characters, text cut at a space"
FAILED = "coding failed"


@dataclass(slots=True)
class _Warning:
    count: int = 0
    details: list[str] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)


@dataclass(slots=True)
class DocumentJob:
    """One document on its way through the coder."""

    document: Document
    cleaned: Document
    spans: list[SentenceSpan]
    parse: list[bool]
    discourse: Discourse
    events: list[Event] = field(default_factory=list)
    warnings: dict[str, _Warning] = field(default_factory=dict)
    next_index: int = 0

    @classmethod
    def prepare(cls, document: Document, splitter: SentenceSplitter, prefilter: Prefilter | None,
                discourse: Discourse) -> DocumentJob:
        text, replaced = clean_text(document.text)
        cleaned = document if text is document.text else replace(document, text=text)
        cuts: list[Piece] = []
        spans = list(splitter.split(text, cuts))
        if prefilter is None:
            parse = [True] * len(spans)
        else:
            parse = prefilter.plan([span.text for span in spans])
        job = cls(document, cleaned, spans, parse, discourse)
        if not spans:
            job.warn(EMPTY, "no text to code" if not document.text else "only whitespace and control characters")
        if replaced:
            job.warn(CONTROL, f"{replaced:,} replaced with a space (U+FFFD for unpaired surrogates)",
                     count=replaced)
        for piece in cuts:
            job.warn(CUT, f"at character {piece.end:,}",
                     text[max(piece.start, piece.end - 60):piece.end])
        for index, span in enumerate(spans):
            if span.too_long:
                parse[index] = False
                job.warn(TOO_LONG, f"sentence {index}: {span.tokens:,} tokens, {len(span.text):,} characters",
                         span.text[:80])
        return job

    @property
    def to_parse(self) -> Iterator[tuple[str, int]]:
        """The texts of the sentences to parse, with their indexes."""
        for index, (span, wanted) in enumerate(zip(self.spans, self.parse, strict=True)):
            if wanted:
                # The small English models misparse the typographic apostrophe after a plural ("the
                # leaders’ meeting"); the straight one, of the same length, keeps every offset.
                yield span.text.replace("\u2019", "'"), index

    def warn(self, reason: str, detail: str, example: str = "", count: int = 1) -> None:
        warning = self.warnings.setdefault(reason, _Warning())
        warning.count += count
        if len(warning.details) < EXAMPLES:
            warning.details.append(detail)
            if example:
                warning.examples.append(example)

    def code(self, index: int, parsed: Doc, code_sentence: Callable[..., Iterable[Event]]) -> None:
        """Code a parsed sentence, after noting the unparsed ones before it in the discourse."""
        self.skip_to(index)
        span = self.spans[index]
        try:
            self.events.extend(code_sentence(self.cleaned, index, parsed[:], offset=span.start,
                                             discourse=self.discourse))
        except Exception as error:  # one sentence's failure must not stop the batch
            self.warn(FAILED, f"sentence {index}: {type(error).__name__}: {error}", span.text[:80])
            self.discourse.add([])
        self.next_index = index + 1

    def skip_to(self, index: int) -> None:
        # A sentence left unparsed names no one the sentences after it can point back to (the
        # prefilter parses every sentence a later one may point back to).
        for _ in range(self.next_index, index):
            self.discourse.add([])
        self.next_index = max(self.next_index, index)

    def sentences(self) -> list[Sentence]:
        return [Sentence(self.document.id, index, span.start, span.end, span.text)
                for index, span in enumerate(self.spans)]

    def rejects(self) -> list[Reject]:
        """One reject per reason, with how often it happened and up to three examples."""
        return [
            Reject(STAGE, self.document.id, reason, field="text", detail="; ".join(warning.details),
                   count=warning.count, examples=tuple(warning.examples))
            for reason, warning in self.warnings.items()
        ]


def process_count(requested: int, documents: Iterable[Document]) -> int:
    """How many processes to parse with: ``requested`` (0 for one per core) when the batch has text
    enough to keep them busy, the platform forks, and this process may have children; else 1."""
    wanted = requested or os.cpu_count() or 1
    if wanted <= 1 or not isinstance(documents, list | tuple):
        return 1
    if multiprocessing.current_process().daemon or threading.current_thread() is not threading.main_thread() \
            or multiprocessing.get_start_method() != "fork":
        return 1  # a pool worker (Dask's, a web server's thread) must not fork; spawning reloads the model
    chars = sum(len(document.text) for document in documents)
    return max(1, min(wanted, chars // MIN_CHARS_PER_PROCESS))
