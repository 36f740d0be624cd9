"""Coding a batch of documents on several cores: each worker process parses and codes whole documents.

Workers are forked, so they share the loaded pipeline and dictionaries without loading them again, and
each sends back only its documents' sentences, events and rejects, far smaller than parsed spaCy
documents. A document is coded within one worker, so what its sentences refer back to is the same as
in one process; results come back in input order.
"""

from __future__ import annotations

import multiprocessing
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tripolar.coding.coder import Coded, Coder
    from tripolar.model import Document, Reject

# Chunks per process: uneven documents even out when workers take the next chunk as they finish.
CHUNKS_PER_PROCESS = 4

_forked_coder: Coder | None = None  # the coder the workers inherit at the fork


def code_in_processes(coder: Coder, documents: Sequence[Document], processes: int,
                      rejects: list[Reject] | None) -> Iterator[Coded]:
    """Code ``documents`` in ``processes`` forked workers; yield each as :meth:`Coder.code` does."""
    global _forked_coder
    chunks = _chunks(documents, processes * CHUNKS_PER_PROCESS)
    _forked_coder = coder
    try:
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            for coded, chunk_rejects, counts in pool.imap(_code_chunk, chunks):
                coder.counts.update(counts)
                if rejects is not None:
                    rejects.extend(chunk_rejects)
                yield from coded
    finally:
        _forked_coder = None


def _code_chunk(documents: list[Document]) -> tuple[list[Coded], list[Reject], Counter[str]]:
    coder = _forked_coder
    assert coder is not None, "workers are forked from code_in_processes"
    coder.counts = Counter()
    rejects: list[Reject] = []
    coded = list(coder.code_here(documents, rejects=rejects))
    return coded, rejects, coder.counts


def _chunks(documents: Sequence[Document], count: int) -> list[list[Document]]:
    """Consecutive runs of documents with about the same amount of text each."""
    total = sum(len(document.text) for document in documents) or 1
    chunks: list[list[Document]] = [[]]
    filled = 0
    for document in documents:
        if filled >= total * len(chunks) / count and chunks[-1]:
            chunks.append([])
        chunks[-1].append(document)
        filled += len(document.text)
    return chunks
