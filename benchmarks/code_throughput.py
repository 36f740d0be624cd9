"""Code 50,000 news sentences end to end (read from the store, split, parse, code, write) and print
sentences per second, the share of sentences parsed, and the rate against a plain spaCy parse.

    python benchmarks/code_throughput.py [--sentences 50000] [--processes N] [--plain 2000]

The corpus is the five seed articles (../shared/seeds, when present) and the bundled sample, repeated
until it holds ``--sentences`` sentences; each copy starts with "(Report N)" so that it is a new
document with the same sentences. The documents are stored first (not timed); the timed part is
``tripolar run``'s loop, :func:`~tripolar.coding.runner.code_store`. The plain parse is the same
pipeline parsing ``--plain`` of the corpus's sentences, every one, in one process, in the same run.

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

from tripolar.coding.coder import Coder
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


def cpu_seconds() -> float:
    usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    return sum(item.ru_utime + item.ru_stime for item in usage)


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
        elapsed, cpu = time.perf_counter() - started, cpu_seconds() - cpu_before
        stored = store.count("sentences")
        rejects = store.count("rejects")
    coded_peak_mb = _peak_mb()

    plain = texts[:: max(1, len(texts) // args.plain)][: args.plain]
    list(coder.nlp.pipe(plain[:50]))  # warm up
    plain_started = time.perf_counter()
    for _ in coder.nlp.pipe(plain, batch_size=128):
        pass
    plain_rate = len(plain) / (time.perf_counter() - plain_started)

    rate = stored / elapsed
    parsed = coder.counts["parsed"] / max(1, coder.counts["sentences"])
    print(f"documents: {report.documents:,}  sentences: {stored:,}  events: {report.events_added:,}  "
          f"rejects: {rejects:,}")
    print(f"time: {elapsed:.1f} s (cpu {cpu:.1f} s on {os.cpu_count()} cores)  rate: {rate:,.0f} sentences/s  "
          f"(target >= 2,000)")
    print(f"candidate share: {parsed:.1%} of sentences parsed  (in {coder.counts['parallel_calls']:,} of "
          f"{coder.counts['calls']:,} batches with {args.processes or os.cpu_count()} processes)")
    print(f"plain parse: {plain_rate:,.0f} sentences/s on one core ({len(plain):,} sentences)  "
          f"ratio: {rate / plain_rate:.2f}x")
    print(f"peak memory: {coded_peak_mb:,.0f} MB (largest process)")


def _peak_mb() -> float:
    usage = [resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    return max(usage) / 1024


if __name__ == "__main__":
    main()
