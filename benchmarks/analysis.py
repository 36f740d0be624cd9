"""Time the analyses on a big store: series, triangle, dynamics, the forecast backtest and the report.

    python benchmarks/analysis.py [--events 10000000] [--years 10]

Generates ``--events`` events (default 10 million) over ``--years`` years among eight actors straight
into a DuckDB store (not timed; printed), with one report each, then times each stage on the US–China–
Russia triangle by month, as ``tripolar series``, ``triangle``, ``dynamics``, ``forecast`` and ``report``
run them. Target: all stages together within 15 s on this 2-core machine.

The events are random but not structureless: each directed dyad's mean intensity drifts month to
month (a random walk) and answers the other side's of the month before, so that the VAR has something
to find.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from tripolar.analysis.inputs import SeriesRequest
from tripolar.analysis.report import write_report
from tripolar.analysis.service import run_dynamics, run_forecast, run_series, run_triangle
from tripolar.ontology.cameo import cameo_codebook
from tripolar.store import Store

ACTORS = ("USA", "CHN", "RUS", "UKR", "TWN", "JPN", "PRK", "EUR")
START = date(2015, 1, 1)


def generate(store: Store, events: int, years: int, seed: int = 7) -> None:
    """``events`` events with reports, dated over ``years`` years from START."""
    rng = np.random.default_rng(seed)
    months = 12 * years
    pairs = [(a, b) for a in ACTORS for b in ACTORS if a != b]
    # A drifting mean Goldstein per directed dyad and month, answering the reverse dyad's month before.
    level = np.zeros((months, len(pairs)))
    reverse = [pairs.index((b, a)) for a, b in pairs]
    for month in range(1, months):
        level[month] = 0.8 * level[month - 1] + 0.3 * level[month - 1, reverse] + rng.normal(0, 0.6, len(pairs))
    codes = [entry for entry in cameo_codebook().values() if len(entry.code) == 3]
    goldstein = np.array([entry.goldstein for entry in codes])
    store.con.execute("CREATE TEMP TABLE codes (k INTEGER, code VARCHAR, root VARCHAR, quad TINYINT, "
                      "goldstein DOUBLE, plover VARCHAR)")
    store.con.executemany("INSERT INTO codes VALUES (?, ?, ?, ?, ?, ?)",
                          [(k, entry.code, entry.root, entry.quad, entry.goldstein, entry.plover)
                           for k, entry in enumerate(codes)])
    # Each event picks a dyad, a month and the code whose weight is nearest a draw around that dyad-month's level.
    order = np.argsort(goldstein)
    ordered_weights = goldstein[order]
    sources, targets = (np.array([pair[side] for pair in pairs]) for side in (0, 1))
    chunk = 2_000_000
    for first in range(0, events, chunk):
        count = min(chunk, events - first)
        pair = rng.integers(0, len(pairs), count)
        month = rng.integers(0, months, count)
        target = level[month, pair] + rng.normal(0, 3, count)
        position = np.searchsorted(ordered_weights, np.clip(target, ordered_weights[0], ordered_weights[-1]))
        code = order[np.clip(position, 0, len(order) - 1)]
        batch = pd.DataFrame({  # noqa: F841 - read by DuckDB's replacement scan below
            "i": np.arange(first, first + count), "source": sources[pair], "target": targets[pair],
            "month": month, "day": rng.integers(0, 28, count), "k": code,
        })
        store.con.execute("""
            INSERT INTO events SELECT 'g' || b.i, (DATE '2015-01-01' + to_months(b.month::INTEGER)
                                                   + to_days(b.day::INTEGER))::DATE, 'day',
                   b.source, 'GOV', b.target, 'GOV', c.code, c.root, c.quad, c.goldstein, c.plover, '', 'factual',
                   ['trade']
            FROM batch b JOIN codes c ON c.k = b.k""")
        store.con.execute("""
            INSERT INTO event_reports (report_id, event_id, origin)
            SELECT 'r' || b.i, 'g' || b.i, 'gdelt2' FROM batch b""")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--years", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch, Store(Path(scratch) / "bench.duckdb") as store:
        started = time.perf_counter()
        generate(store, args.events, args.years)
        print(f"generated {store.count('events'):,} events over {args.years} years in "
              f"{time.perf_counter() - started:.1f} s (not timed below)")
        request = SeriesRequest(period="month")
        stages = {
            "series": lambda: run_series(request, store),
            "triangle": lambda: run_triangle(request, store),
            "dynamics": lambda: run_dynamics(request, store),
            "backtest": lambda: run_forecast(request, store, horizon=6),
            "report": lambda: write_report(Path(scratch) / "report.html", request, store),
        }
        total = 0.0
        for name, stage in stages.items():
            started = time.perf_counter()
            result = stage()
            elapsed = time.perf_counter() - started
            total += elapsed
            print(f"{name:>9}: {elapsed:6.2f} s")
            if name == "report":
                missing = {key: why for key, why in result.sections.items() if why != "ok"}
                size = (Path(scratch) / "report.html").stat().st_size
                print(f"           report {size / 1e6:.1f} MB; sections not available: {missing or 'none'}")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"    total: {total:6.2f} s  (target <= 15 s)  peak memory {peak:,.0f} MB")


if __name__ == "__main__":
    main()
