"""How fast ``import_events`` maps a GDELT 2.0 export, against DuckDB merely scanning the same file.

    .venv/bin/python benchmarks/import_gdelt.py                 # 5,000,000 rows
    .venv/bin/python benchmarks/import_gdelt.py --rows 200000 --keep /tmp/gdelt.CSV

It writes a GDELT 2.0-shaped file (the real 61 tab-separated columns, no header, no quoting) with
realistic values: ~30 actor countries including USA/CHN/RUS and blanks, GOV/MIL/BUS/blank types, CAMEO
codes from the packaged codebook, a year of dates, URLs and geography. Then, each in a fresh process so
peak memory is measured per step, it times (a) ``SELECT count(*) FROM read_csv(...)`` with the very
``read_csv`` call the importer uses, (b) ``import_events`` into a new store, and (c) for reference,
DuckDB merely copying the file into a table (``CREATE TABLE AS SELECT *``, no mapping or keys): the
floor of anything that stores the rows. Targets: the import runs at >= 70 % of the bare scan's rate
with a peak RSS below 2 GB.
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from tripolar.ontology.cameo import cameo_codebook
from tripolar.sources.events.formats import gdelt_layout
from tripolar.sources.events.importer import import_events
from tripolar.sources.events.load import read_csv_sql
from tripolar.store import Store

COUNTRIES = ("USA", "CHN", "RUS", "GBR", "FRA", "DEU", "JPN", "IND", "IRN", "ISR", "SYR", "UKR", "TUR", "PAK",
             "KOR", "PRK", "CAN", "AUS", "BRA", "MEX", "SAU", "EGY", "NGA", "ZAF", "IRQ", "AFG", "TWN", "KSV",
             "EUR", "AFR", "", "", "", "")
NAMES = {"USA": "UNITED STATES", "CHN": "CHINA", "RUS": "RUSSIA", "": "POLICE"}
TYPES = ("GOV", "GOV", "MIL", "BUS", "", "", "COP", "MED")
GEO = (("1", "Russia", "RS", "RS", "", "60", "100", "RS"),
       ("4", "Moscow, Moskva, Russia", "RS", "RS48", "", "55.7522", "37.6156", "-2960561"),
       ("3", "Washington, District of Columbia, United States", "US", "USDC", "DC001", "38.8951", "-77.0364",
        "531871"),
       ("4", "Beijing, Beijing, China", "CH", "CH22", "13001", "39.9289", "116.388", "-1898541"),
       ("0", "", "", "", "", "", "", ""))


def _sql_list(values: tuple[str, ...]) -> str:
    return "[" + ", ".join("'" + value.replace("'", "''") + "'" for value in values) + "]"


def _pick(values: tuple[str, ...], seed: str) -> str:
    # A deterministic pseudo-random element per row: hash(i, seed) spreads rows over the list.
    # The high bits: the low bits of hashes of similar seeds are correlated.
    return f"{_sql_list(values)}[1 + ((hash(i, '{seed}') >> 20) % {len(values)})::INTEGER]"


def _geo(prefix: str) -> list[str]:
    columns = []
    for index in range(8):
        values = tuple(row[index] for row in GEO)
        columns.append(f"{_pick(values, prefix)} AS {prefix}_{index}")
    return columns


def generate(path: Path, rows: int) -> None:
    codes = tuple(code for code in cameo_codebook() if len(code) >= 3)
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    actor_columns = []
    for n in (1, 2):
        country = _pick(COUNTRIES, f"country{n}")
        kind = _pick(TYPES, f"type{n}")
        names = "map {" + ", ".join(f"'{k}': '{v}'" for k, v in NAMES.items()) + "}"
        # One row in eight has no Actor2 (a one-sided event), as in real exports.
        blank = "hash(i, 'one-sided') % 8 = 0" if n == 2 else "false"
        actor_columns.append(f"""
            CASE WHEN {blank} THEN '' ELSE {country} || {kind} END AS a{n}code,
            CASE WHEN {blank} THEN '' ELSE coalesce({names}[{country}], {country} || ' NAME') END AS a{n}name,
            CASE WHEN {blank} THEN '' ELSE {country} END AS a{n}country,
            CASE WHEN {blank} OR hash(i, 'group{n}') % 50 <> 0 THEN '' ELSE 'UNO' END AS a{n}group,
            '' AS a{n}ethnic, '' AS a{n}rel1, '' AS a{n}rel2,
            CASE WHEN {blank} THEN '' ELSE {kind} END AS a{n}type1, '' AS a{n}type2, '' AS a{n}type3""")
    code = _pick(codes, "code")
    query = f"""
    COPY (
        SELECT 800000000 + i AS id, strftime(day, '%Y%m%d') AS sqldate, strftime(day, '%Y%m') AS monthyear,
               year(day) AS year, round(year(day) + dayofyear(day) / 365.0, 4) AS fraction,
               {', '.join(actor_columns)},
               (hash(i, 'root') % 2)::INTEGER AS isroot, code, left(code, 3) AS basecode, left(code, 2) AS rootcode,
               CASE WHEN left(code, 2) <= '05' THEN 1 WHEN left(code, 2) <= '08' THEN 2
                    WHEN left(code, 2) <= '13' THEN 3 ELSE 4 END AS quad,
               round((hash(i, 'gold') % 200)::INTEGER / 10.0 - 10, 1) AS goldstein,
               1 + (hash(i, 'mentions') % 20)::INTEGER AS mentions, 1 + (hash(i, 'sources') % 3)::INTEGER AS sources,
               1 + (hash(i, 'articles') % 20)::INTEGER AS articles,
               (hash(i, 'tone') % 2000)::INTEGER / 100.0 - 10 AS tone,
               {', '.join(_geo('g1'))}, {', '.join(_geo('g2'))}, {', '.join(_geo('g3'))},
               20191024143000 AS dateadded,
               'https://www.example-news.com/' || strftime(day, '%Y/%m/%d') || '/world/story-' || i || '.html' AS url
        FROM (SELECT i, code, DATE '2019-01-01' + (hash(i, 'day') % 365)::INTEGER AS day
              FROM (SELECT range AS i, {code} AS code FROM range({rows})))
    ) TO '{path}' (FORMAT csv, DELIMITER '\t', HEADER false, QUOTE '')
    """
    con.execute(query)
    con.close()


def _peak_mb() -> float:
    # ru_maxrss is in kilobytes on Linux, bytes on macOS.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _scan(path: str, queue: multiprocessing.Queue) -> None:
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    started = time.perf_counter()
    rows = con.execute(f"SELECT count(*) FROM {read_csv_sql(Path(path), gdelt_layout('gdelt2'))}").fetchone()[0]
    queue.put((rows, time.perf_counter() - started, _peak_mb()))


def _copy(path: str, db: str, queue: multiprocessing.Queue) -> None:
    # The floor of any import that stores the rows: DuckDB copying the file as it is into a table of a
    # new database, with no mapping, no keys and no deduplication.
    con = duckdb.connect(db)
    con.execute("SET enable_progress_bar = false")
    started = time.perf_counter()
    con.execute(f"CREATE TABLE copied AS SELECT * FROM {read_csv_sql(Path(path), gdelt_layout('gdelt2'))}")
    con.close()
    seconds = time.perf_counter() - started
    queue.put((seconds, _peak_mb()))


def _import(path: str, db: str, queue: multiprocessing.Queue) -> None:
    with Store(db) as store:
        started = time.perf_counter()
        report = import_events(store, [path], fmt="gdelt2")
        seconds = time.perf_counter() - started
    queue.put((report.rows_read, seconds, _peak_mb(), report.events_added, report.reports_added,
               report.rejected))


def _in_child(target, *args):  # noqa: ANN001, ANN202
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=target, args=(*args, queue))
    process.start()
    result = queue.get()
    process.join()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=5_000_000, help="rows to generate (default 5,000,000)")
    parser.add_argument("--keep", type=Path, help="write the generated file here and keep it")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="tripolar-bench-") as tmp:
        path = args.keep or Path(tmp) / "bench.export.CSV"
        started = time.perf_counter()
        generate(path, args.rows)
        size = path.stat().st_size / 1e6
        print(f"generated {args.rows:,} rows, {size:,.0f} MB in {time.perf_counter() - started:.1f} s: {path}")
        rows, scan_s, scan_peak = _in_child(_scan, str(path))
        print(f"(a) bare scan   {rows:>12,} rows {scan_s:7.2f} s {rows / scan_s:>12,.0f} rows/s  "
              f"peak {scan_peak:,.0f} MB")
        read, import_s, import_peak, events, reports, rejected = _in_child(_import, str(path), str(Path(tmp) / "db"))
        print(f"(b) import      {read:>12,} rows {import_s:7.2f} s {read / import_s:>12,.0f} rows/s  "
              f"peak {import_peak:,.0f} MB")
        print(f"    events added {events:,}, reports added {reports:,}, rejected {sum(rejected.values()):,}: "
              + ", ".join(f"{reason} {count:,}" for reason, count in rejected.items()))
        copy_s, copy_peak = _in_child(_copy, str(path), str(Path(tmp) / "copy.db"))
        print(f"(c) plain copy  {rows:>12,} rows {copy_s:7.2f} s {rows / copy_s:>12,.0f} rows/s  "
              f"peak {copy_peak:,.0f} MB  (CREATE TABLE AS SELECT * FROM the same read_csv: the floor of storing)")
        ratio = (read / import_s) / (rows / scan_s)
        print(f"ratio import/scan {ratio:.0%} (target >= 70 %), plain copy/scan {scan_s / copy_s:.0%}, "
              f"import/plain copy {copy_s / import_s:.0%}; peak memory of the import {import_peak:,.0f} MB "
              "(target < 2,048 MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
