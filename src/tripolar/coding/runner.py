"""``tripolar run``: code every stored document this coder version has not coded yet.

Each batch (its sentences, events and the mark that its documents are coded) is one transaction, so
an interrupted run resumes where it stopped and a repeated run adds nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from tripolar.coding.coder import CODER, Coder, default_coder
from tripolar.model import Document, Event, Reject, Sentence
from tripolar.store import Store

# The keyword arguments of Store.write for one coded batch: sentences, events, codings, rejects.
CodedBatch = dict[str, list[Any]]


@dataclass(slots=True)
class RunReport:
    documents: int = 0
    sentences: int = 0
    events_added: int = 0
    reports_added: int = 0
    already_coded: int = 0
    rejects_added: int = 0  # what could not be coded (an empty text, an over-long sentence), with why


def uncoded_documents(store: Store, coder: str = CODER) -> list[str]:
    rows = store.con.execute(
        "SELECT document_id FROM documents d WHERE NOT EXISTS "
        "(SELECT 1 FROM codings c WHERE c.document_id = d.document_id AND c.coder = ?) ORDER BY document_id",
        [coder],
    ).fetchall()
    return [row[0] for row in rows]


def code_documents(coder: Coder, documents: Sequence[Document]) -> CodedBatch:
    """Code a batch into what :meth:`Store.write` takes: sentences, events, a coding mark per document
    and the coder's rejects (the one coding step shared by the single-process run and the cluster's
    workers)."""
    sentences: list[Sentence] = []
    events: list[Event] = []
    codings: list[tuple[str, str, int]] = []
    rejects: list[Reject] = []
    for document, document_sentences, document_events in coder.code(documents, rejects=rejects):
        sentences.extend(document_sentences)
        events.extend(document_events)
        codings.append((document.id, CODER, len(document_events)))
    return {"sentences": sentences, "events": events, "codings": codings, "rejects": rejects}


# Documents per batch (one transaction each). Large enough that a batch of short news reports holds the
# text that makes parsing on every core pay (frontend.MIN_CHARS_PER_PROCESS each): with 200 a batch of
# one-paragraph reports was parsed on one core.
BATCH_SIZE = 1000


def code_store(store: Store, *, batch_size: int = BATCH_SIZE, coder: Coder | None = None,
               progress: Callable[[int, int], None] | None = None) -> RunReport:
    """Code the store's uncoded documents in batches; return what was added."""
    coder = coder or default_coder()
    pending = uncoded_documents(store)
    total_documents = store.count("documents")
    report = RunReport(already_coded=total_documents - len(pending))
    for first in range(0, len(pending), batch_size):
        documents = list(store.documents(pending[first:first + batch_size]))
        added = store.write(**code_documents(coder, documents))
        report.documents += len(documents)
        report.sentences += added["sentences"]
        report.events_added += added["events"]
        report.reports_added += added["event_reports"]
        report.rejects_added += added["rejects"]
        if progress is not None:
            progress(report.documents, len(pending))
    return report
