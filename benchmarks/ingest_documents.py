"""Ingest 10,000 local documents (plain text, JSONL and HTML mixed) and print documents per second.

    python benchmarks/ingest_documents.py [--documents 10000] [--keep DIR]

Target: at least 500 documents/s on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path

from tripolar.sources.news import ingest
from tripolar.store import Store

ACTORS = ["Russia", "China", "the United States", "Japan", "South Korea", "India", "the European Union", "Ukraine"]
ACTS = ["held talks with", "imposed new tariffs on", "criticised", "signed an energy agreement with",
        "expelled two diplomats from", "announced joint naval drills with", "sent a delegation to"]
PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} | Example Ledger</title>
<meta property="article:published_time" content="{day}T09:00:00Z"></head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a></nav></header>
<div class="cookie-banner">We use cookies. <a href="/privacy">Accept</a></div>
<main><article><h1>{title}</h1>{paragraphs}</article><aside>Sign up for our newsletter</aside></main>
<footer>&copy; Example Ledger. <a href="/terms">Terms</a></footer></body></html>"""


def sentence(number: int, offset: int) -> str:
    source = ACTORS[(number + offset) % len(ACTORS)]
    target = ACTORS[(number * 3 + offset + 1) % len(ACTORS)]
    act = ACTS[(number + 2 * offset) % len(ACTS)]
    return (f"{source} {act} {target} on day {number % 28 + 1} of report {number}, "
            f"officials said, in a move analysts linked to trade and security (item {offset}).")


def article(number: int) -> str:
    return " ".join(sentence(number, offset) for offset in range(6))


def generate(folder: Path, count: int) -> None:
    thirds = count // 3
    for number in range(thirds):
        (folder / f"text_{number:05d}.txt").write_text(article(number))
    with (folder / "articles.jsonl").open("w") as handle:
        for number in range(thirds, 2 * thirds):
            handle.write(json.dumps({"text": article(number), "title": f"Report {number}",
                                     "published": f"2024-{number % 12 + 1:02d}-01"}) + "\n")
    for number in range(2 * thirds, count):
        paragraphs = "".join(f"<p>{sentence(number, offset)}</p>" for offset in range(6))
        (folder / f"page_{number:05d}.html").write_text(
            PAGE.format(title=f"Report {number}", day=f"2024-{number % 12 + 1:02d}-15", paragraphs=paragraphs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch) / "corpus"
        folder.mkdir(parents=True, exist_ok=True)
        generate(folder, args.documents)
        with Store(Path(scratch) / "bench.duckdb") as store:
            started = time.perf_counter()
            report = ingest(store, [folder])
            elapsed = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"documents: {report.stored:,} stored, {sum(report.rejected.values()):,} rejected")
    print(f"time: {elapsed:.2f} s  rate: {report.read / elapsed:,.0f} documents/s  (target >= 500)")
    print(f"peak memory: {peak_mb:,.0f} MB")


if __name__ == "__main__":
    main()
