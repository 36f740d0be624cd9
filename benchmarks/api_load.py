"""Load the web API: many concurrent clients on loopback against /api/series and /api/events.

    python benchmarks/api_load.py [--events 1000000] [--clients 50] [--seconds 20] [--port 0] [--years 10]
                                  [--pause-ms 0]

Generates ``--events`` events over ``--years`` years among eight actors into a DuckDB store in a scratch
folder (as benchmarks/analysis.py does; not timed, printed), serves it read-only with ``tripolar serve`` in
a process of its own, and, from this process, runs ``--clients`` clients at once, each on one keep-alive
connection and sending its next request as soon as the last one answered (or, with ``--pause-ms``, after
a random pause of that mean, as a person reading a dashboard would), for a 2 s warm-up (not counted) and
then ``--seconds`` seconds. Prints requests, errors, throughput and the p50, p90, p99 and maximum
latency, overall and per endpoint, and the server's peak resident memory. Target: p99 <= 50 ms.

With no pause, the clients form a closed loop: the server always has ``--clients`` requests in hand, so
the mean latency is ``clients / throughput`` (Little's law) and a p99 of 50 ms with 50 clients needs over
a thousand requests a second.

The mix is a dashboard audience's: half of each client's choices are series from a bounded set of
distinct ones (actor triples, month or quarter, spans of 1 to 10 years, with or without an issue or
origin filter), so that the server's result memory sees what it would in use; the other half are event
lists for a random directed dyad over a random span of 1 to 12 months, following ``next_cursor`` for up
to two more pages (so about 40% of the requests are series).
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import random
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import combinations
from pathlib import Path
from typing import Any

import httpx
import numpy as np

from tripolar.store import Store

BENCHMARKS = Path(__file__).resolve().parent
WARM_UP_SECONDS = 2.0
TARGET_P99_MS = 50.0
SERIES_SHARE = 0.5
DISTINCT_SERIES = 200
PAGE_SIZE = 100
MAX_FOLLOWED_PAGES = 2
SERVER_START_TIMEOUT = 120.0


def _analysis_benchmark() -> Any:
    """benchmarks/analysis.py as a module, for its event generator and actors."""
    spec = importlib.util.spec_from_file_location("analysis_benchmark", BENCHMARKS / "analysis.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass
class Sample:
    endpoint: str
    milliseconds: float
    status: int
    url: str


@dataclass
class LoadRecord:
    """What the clients saw; only requests started within the measured window are kept."""

    measure_from: float = 0.0
    measure_until: float = 0.0
    samples: list[Sample] = field(default_factory=list)
    last_answer: float = 0.0

    def keep(self, started: float, sample: Sample) -> None:
        if self.measure_from <= started < self.measure_until:
            self.samples.append(sample)
            self.last_answer = max(self.last_answer, time.perf_counter())


def series_variants(actors: tuple[str, ...], first: date, years: int, count: int, seed: int) -> list[dict[str, str]]:
    """``count`` distinct series requests: an actor triple, month or quarter, a span of whole years
    within the generated data, and sometimes an issue or an origin filter."""
    rng = random.Random(seed)
    triples = [",".join(triple) for triple in combinations(actors, 3)]
    triples[0:0] = ["USA,CHN,RUS"] * 10  # the dashboard's default triangle is the common one
    variants: dict[tuple[tuple[str, str], ...], dict[str, str]] = {}
    while len(variants) < count:
        span = rng.randint(1, min(10, years))
        start_year = first.year + rng.randint(0, years - span)
        params = {"actors": rng.choice(triples), "period": rng.choice(("month", "month", "quarter")),
                  "from": date(start_year, 1, 1).isoformat(), "to": date(start_year + span - 1, 12, 31).isoformat()}
        extra = rng.random()
        if extra < 0.25:
            params["issue"] = "trade"
        elif extra < 0.35:
            params["origin"] = "gdelt2"
        variants[tuple(sorted(params.items()))] = params
    return list(variants.values())


def events_span(rng: random.Random, first: date, years: int) -> dict[str, str]:
    """A random directed dyad's events over a random span of 1 to 12 months within the data."""
    months = rng.randint(1, 12)
    start_month = rng.randint(0, 12 * years - months)
    start = date(first.year + start_month // 12, start_month % 12 + 1, 1)
    end_month = start_month + months
    end = date(first.year + end_month // 12, end_month % 12 + 1, 1) - timedelta(days=1)
    return {"from": start.isoformat(), "to": end.isoformat()}


async def client_loop(number: int, base_url: str, args: argparse.Namespace, series: list[dict[str, str]],
                      actors: tuple[str, ...], first: date, record: LoadRecord) -> None:
    """One client: one keep-alive connection, the next request as soon as the last one answered (or after
    a pause, with --pause-ms)."""
    rng = random.Random(1000 + number)
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=60.0) as client:

        async def get(endpoint: str, path: str, params: dict[str, str]) -> httpx.Response:
            started = time.perf_counter()
            response = await client.get(path, params=params)  # reads the whole body
            elapsed = (time.perf_counter() - started) * 1000
            record.keep(started, Sample(endpoint, elapsed, response.status_code, str(response.url)))
            return response

        while time.perf_counter() < record.measure_until:
            if args.pause_ms:
                await asyncio.sleep(rng.expovariate(1000 / args.pause_ms))
            if rng.random() < SERIES_SHARE:
                await get("series", "/api/series", rng.choice(series))
                continue
            source, target = rng.sample(actors, 2)
            params = {"dyad": f"{source}->{target}", **events_span(rng, first, args.years), "limit": str(PAGE_SIZE)}
            response = await get("events", "/api/events", params)
            for _ in range(rng.randint(0, MAX_FOLLOWED_PAGES)):
                cursor = response.json().get("next_cursor") if response.status_code == 200 else None
                if not cursor or time.perf_counter() >= record.measure_until:
                    break
                response = await get("events", "/api/events", {**params, "cursor": cursor})


async def run_load(base_url: str, args: argparse.Namespace, series: list[dict[str, str]], actors: tuple[str, ...],
                   first: date) -> LoadRecord:
    record = LoadRecord()
    now = time.perf_counter()
    record.measure_from = now + WARM_UP_SECONDS
    record.measure_until = record.measure_from + args.seconds
    await asyncio.gather(*(client_loop(number, base_url, args, series, actors, first, record)
                           for number in range(args.clients)))
    return record


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_serving(server: subprocess.Popen, base_url: str) -> dict[str, int]:
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server exited with {server.returncode}")
        try:
            response = httpx.get(f"{base_url}/api/stats", timeout=10.0)
            if response.status_code == 200:
                return response.json()
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"the server did not answer /api/stats within {SERVER_START_TIMEOUT:.0f} s")


def peak_rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def summary_line(name: str, samples: list[Sample], seconds: float) -> str:
    if not samples:
        return f"{name:>8}: no requests"
    latencies = np.array([sample.milliseconds for sample in samples])
    errors = sum(not 200 <= sample.status < 300 for sample in samples)
    p50, p90, p99 = np.percentile(latencies, [50, 90, 99])
    return (f"{name:>8}: {len(samples):7,} requests {errors:5,} errors {len(samples) / seconds:8.1f} req/s   "
            f"p50 {p50:7.1f}  p90 {p90:7.1f}  p99 {p99:7.1f}  max {latencies.max():7.1f} ms")


def report(record: LoadRecord, server_pid: int) -> None:
    seconds = max(record.last_answer, record.measure_until) - record.measure_from
    print(f"measured {seconds:.1f} s (requests started in the {record.measure_until - record.measure_from:.0f} s "
          f"window, until the last answered); latency in ms, client side")
    print(summary_line("all", record.samples, seconds))
    for endpoint in ("series", "events"):
        print(summary_line(endpoint, [sample for sample in record.samples if sample.endpoint == endpoint], seconds))
    failed = [sample for sample in record.samples if not 200 <= sample.status < 300]
    if failed:
        print("errors by status:", dict(Counter(sample.status for sample in failed)))
        for sample in failed[:5]:
            print(f"  {sample.status} {sample.url}")
    distinct_series = len({sample.url for sample in record.samples if sample.endpoint == "series"})
    print(f"distinct series requests measured: {distinct_series}")
    peak = peak_rss_mb(server_pid)
    print(f"server peak RSS: {peak:,.0f} MB" if peak is not None else "server peak RSS: unknown")
    p99 = np.percentile([sample.milliseconds for sample in record.samples], 99) if record.samples else float("inf")
    print(f"p99 <= {TARGET_P99_MS:.0f} ms: {'met' if p99 <= TARGET_P99_MS else 'not met'} ({p99:.1f} ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--port", type=int, default=0, help="0: a free port")
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--pause-ms", type=float, default=0.0,
                        help="mean pause (exponential) before each series request or events list; 0: none")
    args = parser.parse_args()
    analysis = _analysis_benchmark()
    actors, first = tuple(analysis.ACTORS), analysis.START
    with tempfile.TemporaryDirectory() as scratch:
        db_path = Path(scratch) / "bench.duckdb"
        started = time.perf_counter()
        with Store(db_path) as store:
            analysis.generate(store, args.events, args.years)
            stored = store.count("events")
        print(f"generated {stored:,} events over {args.years} years in {time.perf_counter() - started:.1f} s "
              f"(not timed below)")
        port = args.port or free_port()
        base_url = f"http://127.0.0.1:{port}"
        server = subprocess.Popen([sys.executable, "-m", "tripolar", "serve", "--db", str(db_path),
                                   "--host", "127.0.0.1", "--port", str(port)], stdout=subprocess.DEVNULL)
        try:
            started = time.perf_counter()
            wait_until_serving(server, base_url)
            print(f"server pid {server.pid} on {base_url} answered /api/stats after "
                  f"{time.perf_counter() - started:.1f} s")
            series = series_variants(actors, first, args.years, DISTINCT_SERIES, seed=11)
            pause = f"a random pause of {args.pause_ms:.0f} ms on average" if args.pause_ms else "no pause"
            print(f"mix: {args.clients} clients, each on one keep-alive connection with {pause} between requests; "
                  f"each choice {SERIES_SHARE:.0%} GET /api/series drawn from {len(series)} distinct requests "
                  f"(actor triples, month/quarter, 1-{min(10, args.years)} years, some with issue=trade or "
                  f"origin=gdelt2), "
                  f"{1 - SERIES_SHARE:.0%} GET /api/events for a random dyad of the {len(actors)} actors over "
                  f"1-12 months, limit={PAGE_SIZE}, following next_cursor for 0-{MAX_FOLLOWED_PAGES} more pages; "
                  f"{WARM_UP_SECONDS:.0f} s warm-up, then {args.seconds:.0f} s measured")
            record = asyncio.run(run_load(base_url, args, series, actors, first))
            report(record, server.pid)
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


if __name__ == "__main__":
    main()
