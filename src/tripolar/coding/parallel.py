"""Coding a batch of documents on several cores: each worker process parses and codes whole documents.

Workers are forked, so they share the loaded pipeline and dictionaries without loading them again, and
each sends back only its documents' sentences, events and rejects, far smaller than parsed spaCy
documents. A document is coded within one worker, so what its sentences refer back to is the same as
in one process; results come back in input order.

The workers stay up from one batch to the next (until the coder is closed or collected): what they
remember as they go (the attribute ruler's outcomes, lemmas, resolved names) would be lost, and the
whole heap copied again page by page, if every batch forked afresh.
"""

from __future__ import annotations

import multiprocessing
import weakref
from collections import Counter
from collections.abc import Iterator, Sequence
from multiprocessing.pool import Pool
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tripolar.coding.coder import Coded, Coder
    from tripolar.model import Document, Reject

# Chunks per process: uneven documents even out when workers take the next chunk as they finish.
CHUNKS_PER_PROCESS = 4

_worker_coder: Coder | None = None  # in a worker: the coder it was forked with


class WorkerPool:
    """A coder's forked workers, started on first use and kept until :meth:`close`."""

    def __init__(self) -> None:
        self._pool: Pool | None = None
        self._size = 0
        self._finalizer: weakref.finalize | None = None

    def get(self, coder: Coder, processes: int) -> Pool:
        if self._pool is None or self._size != processes:
            self.close()
            # Fork-started workers receive the coder in memory: initargs are not pickled.
            self._pool = multiprocessing.get_context("fork").Pool(processes, initializer=_start_worker,
                                                                  initargs=(coder,))
            self._size = processes
            self._finalizer = weakref.finalize(self, self._pool.terminate)
        return self._pool

    def processes(self) -> list[multiprocessing.process.BaseProcess]:
        """The live workers (none before the first parallel batch and after :meth:`close`)."""
        return [process for process in getattr(self._pool, "_pool", []) if process.is_alive()]

    def close(self) -> None:
        if self._finalizer is not None:
            self._finalizer()  # terminates the workers, once
        self._pool, self._size, self._finalizer = None, 0, None


def code_in_processes(coder: Coder, documents: Sequence[Document], processes: int,
                      rejects: list[Reject] | None) -> Iterator[Coded]:
    """Code ``documents`` in ``processes`` forked workers; yield each as :meth:`Coder.code` does."""
    pool = coder.workers.get(coder, processes)
    try:
        for coded, chunk_rejects, counts in pool.imap(_code_chunk, _chunks(documents, processes * CHUNKS_PER_PROCESS)):
            coder.counts.update(counts)
            if rejects is not None:
                rejects.extend(chunk_rejects)
            yield from coded
    except BaseException:
        # Left half-read (an error, an interrupt, a consumer that stopped): the workers would go on with
        # chunks nobody reads, ahead of the next batch's.
        coder.workers.close()
        raise


def _start_worker(coder: Coder) -> None:
    """Keep each worker's matrix products on one thread: the workers already fill the cores, and a BLAS
    pool per worker on top of them would make them wait on each other."""
    from threadpoolctl import threadpool_limits

    global _worker_coder
    _worker_coder = coder
    threadpool_limits(limits=1, user_api="blas")


def _code_chunk(documents: list[Document]) -> tuple[list[Coded], list[Reject], Counter[str]]:
    coder = _worker_coder
    assert coder is not None, "runs in a worker started by WorkerPool"
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
