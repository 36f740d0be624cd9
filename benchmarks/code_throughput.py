"""Code 50,000 news sentences end to end (read from the store, split, parse, code, write) and print
sentences per second, the share of sentences parsed, and the rate against a plain spaCy parse.

    python benchmarks/code_throughput.py [--sentences 50000] [--processes N] [--plain 2000]

The corpus is the five seed articles (../shared/seeds, when present) and the bundled sample, repeated
until it holds ``--sentences`` sentences; each copy starts with "(Report N)" so that it is a new
document with the same sentences. The documents are stored first (not timed); the timed part is
``tripolar run``'s loop, :func:`~tripolar.coding.runner.code_store`. The plain parse is the same
pipeline parsing ``--plain`` of the corpus's sentences, every one, in one process, in the same run: once
as ``spacy.load`` gives it, once as the coder runs it (NER off, NumPy's BLAS, the remembering attribute
ruler).

Target: at least 2,000 sentences/s on 2 cores, peak memory under 2 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import tempfile
import time
from pathlib import Path

import spacy
from threadpoolctl import threadpool_limits

from tripolar.coding.coder import Coder
from tripolar.coding.nlp import model_name
from tripolar.coding.runner import BATCH_SIZE, code_store
from tripolar.model import Document, parse_partial_date
from tripolar.sample import load_sample
from tripolar.store import Store

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def originals() -> list[Document]:
    documents = []
    if (SEEDS / "index.jsonl").exists():
        for line in (SEEDS / "index.jsonl").read_text(encoding="utf-8").splitlines():
            seed = json.loads(line)
            published, precision = parse_partial_date(seed["published"])
            documents.append(Document(text=(SEEDS / seed["file"]).read_text(encoding="utf-8"), source=seed["file"],
                                      title=seed["title"], published=published, published_precision=precision))
    return documents + [entry.document for entry in load_sample()]


def corpus(coder: Coder, sentences: int) -> tuple[list[Document], list[str]]:
    """Copies of the originals up to ``sentences`` sentences, and the sentences' texts."""
    texts_by_document = [[span.text for span in coder.splitter.split(document.text)] for document in originals()]
    documents: list[Document] = []
    texts: list[str] = []
    copy = 0
    while len(texts) < sentences:
        for document, document_texts in zip(originals(), texts_by_document, strict=True):
            if len(texts) >= sentences:
                break
            documents.append(Document(text=f"(Report {copy}) {document.text}", source=document.source,
                                      title=document.title, published=document.published,
                                      published_precision=document.published_precision))
            texts.extend(document_texts)
        copy += 1
    return documents, texts


def cpu_seconds() -> tuple[float, float]:
    """CPU seconds of this process and of its ended children."""
    usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    return usage[0].ru_utime + usage[0].ru_stime, usage[1].ru_utime + usage[1].ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sentences", type=int, default=50_000)
    parser.add_argument("--processes", type=int, default=0, help="parse processes (0: one per core)")
    parser.add_argument("--plain", type=int, default=2_000, help="sentences for the plain-parse comparison")
    parser.add_argument("--batch-size", type=int, default=BATCH_SIZE, help="documents per transaction")
    args = parser.parse_args()

    coder = Coder(processes=args.processes)
    documents, texts = corpus(coder, args.sentences)
    with tempfile.TemporaryDirectory() as scratch, Store(Path(scratch) / "bench.duckdb") as store:
        store.write(documents=documents)
        cpu_before, started = cpu_seconds(), time.perf_counter()
        report = code_store(store, batch_size=args.batch_size, coder=coder)
        elapsed = time.perf_counter() - started
        coder.close()  # the workers' time is counted once they have ended
        cpu_after = cpu_seconds()
        own_cpu, workers_cpu = (after - before for after, before in zip(cpu_after, cpu_before, strict=True))
        stored = store.count("sentences")
        rejects = store.count("rejects")
    coded_peak_mb = _peak_mb()

    plain = texts[:: max(1, len(texts) // args.plain)][: args.plain]
    stock_rate = parse_rate(spacy.load(model_name()), plain)
    tuned_rate = parse_rate(coder.nlp, plain)

    rate = stored / elapsed
    parsed = coder.counts["parsed"] / max(1, coder.counts["sentences"])
    print(f"documents: {report.documents:,}  sentences: {stored:,}  events: {report.events_added:,}  "
          f"rejects: {rejects:,}")
    print(f"time: {elapsed:.1f} s (cpu {own_cpu:.1f} s here, {workers_cpu:.1f} s in workers; {os.cpu_count()} cores)  "
          f"rate: {rate:,.0f} sentences/s  (target >= 2,000)")
    print(f"candidate share: {parsed:.1%} of sentences parsed  (in {coder.counts['parallel_calls']:,} of "
          f"{coder.counts['calls']:,} batches with {args.processes or os.cpu_count()} processes)")
    print(f"plain parse of every sentence, one core ({len(plain):,} sentences): spaCy's pipeline as loaded "
          f"{stock_rate:,.0f} sentences/s (ratio {rate / stock_rate:.2f}x); the coder's tuned pipeline "
          f"{tuned_rate:,.0f} sentences/s (ratio {rate / tuned_rate:.2f}x)")
    print(f"peak memory: {coded_peak_mb:,.0f} MB (largest process)")


def parse_rate(nlp, texts: list[str]) -> float:  # type: ignore[no-untyped-def]
    """Sentences per second parsing ``texts`` on one core."""
    with threadpool_limits(limits=1, user_api="blas"):
        list(nlp.pipe(texts[:50]))  # warm up
        started = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=128):
            pass
        return len(texts) / (time.perf_counter() - started)


def _peak_mb() -> float:
    usage = [resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    return max(usage) / 1024


if __name__ == "__main__":
    main()
