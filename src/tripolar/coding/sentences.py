"""Sentences without the parser: the text cleaned, cut at line breaks and split by punctuation.

The coder parses only the sentences the prefilter keeps, each on its own, so the document is split
before any parse: spaCy's tokenizer (whose exceptions keep "U.S.", "Mr. Xi" and "Jan. 5" whole) and
its rule-based ``sentencizer``, run on pieces of the text cut at line breaks. A line break ends a
sentence unless the next line starts with a lowercase letter (a hard-wrapped line); a headline
without a full stop is its own sentence. The split is the same whichever sentences are parsed
later, so a sentence's index never depends on the prefilter.

Bad input is made safe here, without moving a character: control characters become spaces (``\\n``
and ``\\t`` stay; a lone ``\\r`` and the other line separators become ``\\n``), unpaired surrogates
become U+FFFD, and no piece of text handed to spaCy is longer than :data:`MAX_PIECE_CHARS`, so a
10 MB document is split in pieces with bounded memory. Offsets in the cleaned text are offsets in
the document.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# Longest text handed to spaCy at once: a piece without a line break is cut at a space before this.
MAX_PIECE_CHARS = 100_000
# Longer sentences are kept (stored) but not parsed: a run-on "sentence" is a table, a list or a
# text without punctuation, and the parse of a few thousand tokens is slow and meaningless.
MAX_SENTENCE_TOKENS = 300
MAX_SENTENCE_CHARS = 2_000

# C0 and C1 controls except \t and \n (\r is handled apart), the BOM / zero-width no-break space,
# zero-width space, line and paragraph separators, and unpaired surrogates (from lax JSON decoding).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u2028\u2029\ufeff\ud800-\udfff]")
_LINE_ENDS = frozenset("\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
_BREAK = re.compile(r"\n\s*")


def clean_text(text: str) -> tuple[str, int]:
    """The text with unsafe characters replaced one for one, and how many were replaced."""
    if not _UNSAFE.search(text):
        return text, 0
    count = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal count
        char = match.group()
        if char == "\r" and text.startswith("\n", match.end()):
            return " "  # \r\n: the \n ends the line
        if char in _LINE_ENDS:
            return "\n"
        count += 1
        return "\ufffd" if "\ud800" <= char <= "\udfff" else " "

    return _UNSAFE.sub(replace, text), count


@dataclass(frozen=True, slots=True)
class SentenceSpan:
    """A sentence's character span in the document, its text and its length in tokens."""

    start: int
    end: int
    text: str
    tokens: int

    @property
    def too_long(self) -> bool:
        return self.tokens > MAX_SENTENCE_TOKENS or len(self.text) > MAX_SENTENCE_CHARS


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of text handed to the sentencizer at once; ``cut`` when it ends mid-line."""

    start: int
    end: int
    cut: bool = False


def pieces(text: str, limit: int = MAX_PIECE_CHARS) -> Iterator[Piece]:
    """The text's lines (a line break before a lowercase letter does not end one), each cut at a
    space into pieces of at most ``limit`` characters; whitespace-only lines are left out."""
    start = 0
    for match in _BREAK.finditer(text):
        follower = text[match.end():match.end() + 1]
        if follower.islower() and text.count("\n", match.start(), match.end()) == 1:
            continue  # a hard-wrapped line goes on
        yield from _cut(text, start, match.start(), limit)
        start = match.end()
    yield from _cut(text, start, len(text), limit)


def _cut(text: str, start: int, end: int, limit: int) -> Iterator[Piece]:
    while end - start > limit:
        # Prefer the end of a sentence, else any space, in the second half of the window.
        window = text[start + limit // 2:start + limit]
        stop = window.rfind(". ")
        if stop >= 0:
            split = start + limit // 2 + stop + 2
        else:
            space = max(window.rfind(" "), window.rfind("\t"), window.rfind("\n"))
            split = start + limit // 2 + space + 1 if space >= 0 else start + limit
        yield Piece(start, split, cut=True)
        start = split
    if text[start:end].strip():
        yield Piece(start, end)


class SentenceSplitter:
    """spaCy's tokenizer and rule-based sentencizer over a text's pieces (no model, no parse)."""

    def __init__(self, batch_size: int = 64) -> None:
        import spacy

        self.nlp = spacy.blank("en")
        self.nlp.add_pipe("sentencizer")
        self.batch_size = batch_size

    def split(self, text: str, cuts: list[Piece] | None = None) -> Iterator[SentenceSpan]:
        """The sentences of a cleaned text, in order; pieces cut mid-line are added to ``cuts``."""
        def texts() -> Iterator[tuple[str, Piece]]:
            for piece in pieces(text):
                if piece.cut and cuts is not None:
                    cuts.append(piece)
                yield text[piece.start:piece.end], piece

        for doc, piece in self.nlp.pipe(texts(), as_tuples=True, batch_size=self.batch_size):
            for span in doc.sents:
                sentence = span.text
                stripped = sentence.strip()
                if not stripped:
                    continue
                start = piece.start + span.start_char + (len(sentence) - len(sentence.lstrip()))
                yield SentenceSpan(start, start + len(stripped), stripped, len(span))

