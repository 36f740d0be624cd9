"""``tripolar run`` in one process against ``tripolar run --cluster local`` on the same documents.

    .venv/bin/python benchmarks/run_cluster.py                      # the sample (+ seeds) x 10
    .venv/bin/python benchmarks/run_cluster.py --copies 1 --workers 2 --partition-size 20

The corpus is the bundled sample's reports and, when ../shared is there, the five seed articles, each
repeated ``--copies`` times with a distinct trailer (so each copy is a new document, coded the same
way). Each run happens in a fresh process, as the command would, so the wall time includes loading
the coder (and, for the cluster, starting it and loading one coder per worker). The two stores must
end up with identical sentences, events and reports.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from code_throughput import originals  # the same seeds and sample, read one way

from tripolar.model import Document
from tripolar.store import Store

CHECKED = {"events": "SELECT * FROM events ORDER BY event_id",
           "reports": "SELECT * FROM event_reports ORDER BY report_id",
           "sentences": "SELECT * FROM sentences ORDER BY document_id, sentence_index"}


def corpus(copies: int) -> list[Document]:
    return [Document(text=f"{doc.text}\n\n(Copy {copy}.)" if copy else doc.text, source=doc.source, title=doc.title,
                     published=doc.published, published_precision=doc.published_precision)
            for copy in range(copies) for doc in originals()]


def run_child(db: Path, cluster: str | None, workers: int | None, partition_size: int) -> None:
    started = time.perf_counter()
    with Store(db) as store:
        if cluster is None:
            from tripolar.coding.runner import code_store

            report = code_store(store, batch_size=partition_size)
        else:
            from tripolar.coding.cluster import code_store_on_cluster

            report = code_store_on_cluster(store, cluster, workers=workers, partition_size=partition_size)
    print(json.dumps({"seconds": time.perf_counter() - started, "documents": report.documents,
                      "events": report.events_added, "reports": report.reports_added}))


def timed(db: Path, *options: str) -> dict[str, float]:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, __file__, "--child", str(db), *options], capture_output=True,
                            text=True, check=True)
    figures = json.loads(result.stdout.splitlines()[-1])
    figures["wall"] = time.perf_counter() - started
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--workers", type=int, default=None, help="local workers [default: one per core]")
    parser.add_argument("--partition-size", type=int, default=200)
    parser.add_argument("--cluster", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--child", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        run_child(args.child, args.cluster, args.workers, args.partition_size)
        return
    documents = corpus(args.copies)
    with tempfile.TemporaryDirectory() as folder:
        single_db, cluster_db = Path(folder) / "single.duckdb", Path(folder) / "cluster.duckdb"
        for db in (single_db, cluster_db):
            with Store(db) as store:
                store.write(documents=documents)
        sizing = ["--partition-size", str(args.partition_size)]
        single = timed(single_db, *sizing)
        workers = ["--workers", str(args.workers)] if args.workers else []
        cluster = timed(cluster_db, "--cluster", "local", *workers, *sizing)
        with Store(single_db, read_only=True) as one, Store(cluster_db, read_only=True) as other:
            differing = [name for name, query in CHECKED.items()
                         if one.con.execute(query).fetchall() != other.con.execute(query).fetchall()]
    print(f"documents: {len(documents):,} ({sum(len(doc.text) for doc in documents) / 1e6:.1f} M characters)")
    for name, figures in (("single process", single), ("cluster local", cluster)):
        print(f"{name}: {figures['wall']:.1f} s wall ({figures['seconds']:.1f} s in run), "
              f"{figures['documents'] / figures['wall']:.0f} documents/s, {figures['events']:,} events, "
              f"{figures['reports']:,} reports")
    print("identical sentences, events and reports: " + (f"no, {', '.join(differing)} differ" if differing else "yes"))
    if differing:
        sys.exit(1)


if __name__ == "__main__":
    main()
