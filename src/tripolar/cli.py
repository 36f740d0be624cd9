"""The ``tripolar`` command: parse options, call the library, print with Rich. No logic lives here."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from tripolar import __version__
from tripolar.errors import TripolarError
from tripolar.ontology.cameo import cameo_codebook
from tripolar.ontology.resolver import knowledge_base_summary, resolve_actor
from tripolar.store import open_store
from tripolar.store.exports import export_gdelt, export_parquet, export_plover, import_parquet

app = typer.Typer(
    help="tripolar: code news about great-power relations into events and model the triangle.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
actors_app = typer.Typer(help="Look actors up in the knowledge base.", no_args_is_help=True)
app.add_typer(actors_app, name="actors")

console = Console()
errors = Console(stderr=True)

DbOption = Annotated[
    Path | None,
    typer.Option("--db", envvar="TRIPOLAR_DB", help="DuckDB file [default: ./tripolar.duckdb]"),
]


def fail(message: str, code: int = 1) -> NoReturn:
    errors.print(f"[red]error:[/red] {escape(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


@contextmanager
def progress_reporter(label: str) -> Iterator[Callable[[int, int, str], None]]:
    """``update(done, total, note)``: a Rich progress bar on a terminal; elsewhere (logs, CI) a status
    line at most once a second, so a long run shows it is alive."""
    if errors.is_terminal:
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TextColumn("{task.fields[note]}"), TimeRemainingColumn())
        with Progress(*columns, console=errors, transient=True) as bar:
            task = bar.add_task(label, total=None, note="")
            yield lambda done, total, note: bar.update(task, total=total, completed=done, note=note)
        return
    last = 0.0

    def report(done: int, total: int, note: str) -> None:
        nonlocal last
        if time.monotonic() - last >= 1.0 or done == total:
            last = time.monotonic()
            print(f"{label}: {done:,}/{total:,} inputs, {note}", file=sys.stderr, flush=True)

    yield report


def version_callback(value: bool) -> None:
    if value:
        console.print(f"tripolar {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=version_callback, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """tripolar: news about the US–China–Russia triangle as evidence-linked events."""


@app.command()
def demo(db: DbOption = None) -> None:
    """Build the database from the bundled sample and print what it stored."""
    from tripolar.demo import run_demo

    try:
        report = run_demo(db)
    except TripolarError as error:
        fail(str(error))
    console.print(f"[bold]tripolar demo[/bold] → {report.db_path}")
    console.print(
        f"Bundled sample: {report.entries} reports of real events, "
        f"{report.expected_events} expected coded events."
    )
    console.print("Reports per year: " + ", ".join(f"{year}: {n}" for year, n in report.per_year.items()))
    share = report.expected_found / report.expected_events if report.expected_events else 0.0
    console.print(f"Coded: {report.coded_events:,} events; {report.expected_found} of the {report.expected_events} "
                  f"expected events found ({share:.0%}).")
    added = ", ".join(f"{n} {name}" for name, n in report.added.added.items() if n)
    added = added or "nothing new (already stored)"
    console.print(f"Added: {added}")
    _print_counts(report.counts)
    if report.report_path:
        latest = report.latest
        if latest:
            roles = ", ".join(f"{actor} {role}" for actor, role in latest["roles"].items())
            console.print(f"Latest triangle ({latest['period']}): {latest['configuration'].replace('_', ' ')} "
                          f"({roles})" + (f", pivot {latest['pivot']}" if latest["pivot"] else ""))
        for name, why in report.missing_sections.items():
            console.print(f"Report section '{name}' not available: {why}", highlight=False)
        console.print(f"Report → {report.report_path}")


def _print_counts(counts: dict[str, int]) -> None:
    table = Table(title="Rows per table")
    table.add_column("table")
    table.add_column("rows", justify="right")
    for name, count in counts.items():
        table.add_row(name, f"{count:,}")
    console.print(table)


@app.command()
def stats(db: DbOption = None, as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Print how many rows each table holds."""
    try:
        with open_store(db, read_only=True) as store:
            counts = store.counts()
    except TripolarError as error:
        fail(str(error))
    if as_json:
        print(json.dumps(counts))
    else:
        _print_counts(counts)


class ExportFormat(StrEnum):
    parquet = "parquet"
    gdelt = "gdelt"
    plover = "plover"


@app.command()
def export(
    target: Annotated[Path, typer.Argument(help="Directory (parquet) or file (gdelt, plover) to write.")],
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="parquet: every table, exactly; "
                                                 "gdelt: GDELT 2.0-shaped TSV; plover: PLOVER-shaped JSON lines.")]
    = ExportFormat.parquet,
    db: DbOption = None,
) -> None:
    """Export the store: every table as Parquet, or the events as GDELT or PLOVER shapes."""
    try:
        with open_store(db, read_only=True) as store:
            if format is ExportFormat.parquet:
                counts = export_parquet(store, target)
                console.print(f"Wrote {sum(counts.values()):,} rows in {len(counts)} tables to {target}")
            elif format is ExportFormat.gdelt:
                console.print(f"Wrote {export_gdelt(store, target):,} GDELT-shaped events to {target}")
            else:
                console.print(f"Wrote {export_plover(store, target):,} PLOVER-shaped events to {target}")
    except TripolarError as error:
        fail(str(error))


@app.command(name="import")
def import_(
    source: Annotated[Path, typer.Argument(help="A directory written by `tripolar export --format parquet`.")],
    db: DbOption = None,
) -> None:
    """Import a Parquet export; rows already present are skipped."""
    try:
        with open_store(db) as store:
            result = import_parquet(store, source)
    except TripolarError as error:
        fail(str(error))
    console.print(f"Imported {result.total:,} new rows: " + ", ".join(f"{n} {t}" for t, n in result.added.items()))


def _column_map(pairs: list[str]) -> dict[str, str]:
    mapping = {}
    for pair in pairs:
        field, _, column = pair.partition("=")
        if field not in ("text", "title", "published", "url", "source") or not column:
            fail(f"--column '{pair}': use FIELD=NAME with FIELD one of text, title, published, url, source", code=2)
        mapping[field] = column
    return mapping


@app.command()
def ingest(
    inputs: Annotated[list[str], typer.Argument(help="Files, directories, globs, feeds or http(s) URLs.")],
    published: Annotated[str | None, typer.Option(help="Publication date for documents that give none "
                                                  "(YYYY, YYYY-MM or YYYY-MM-DD).")] = None,
    index: Annotated[Path | None, typer.Option(help="JSONL of {file, published, title} for plain files.")] = None,
    glob: Annotated[str, typer.Option("--glob", help="Only files matching this pattern inside directories.")] = "*",
    column: Annotated[list[str] | None, typer.Option("--column", help="Map a field to your column or key: "
                                                     "text=body, published=date (repeatable).")] = None,
    follow: Annotated[bool, typer.Option(help="Fetch each feed entry's link and extract the article.")] = False,
    allow_private: Annotated[bool, typer.Option(help="Allow URLs on private or loopback addresses.")] = False,
    batch_size: Annotated[int, typer.Option(help="Documents per transaction.", min=1)] = 500,
    db: DbOption = None,
) -> None:
    """Read news into the store: text, HTML, JSONL, CSV, Parquet, RSS/Atom feeds and URLs."""
    from tripolar.sources.news import ingest as ingest_news

    with open_store(db) as store, progress_reporter("Ingesting") as report_progress:
        try:
            report = ingest_news(
                store, inputs, published=published, index=index, pattern=glob, columns=_column_map(column or []),
                follow=follow, allow_private=allow_private, batch_size=batch_size,
                progress=lambda state: report_progress(
                    state.inputs_done, state.inputs_total, f"{state.stored:,} stored, {state.rejected:,} rejected"),
            )
        except TripolarError as error:
            fail(str(error))
    console.print(f"Stored {report.stored:,} new documents; {report.already_present:,} already present.")
    if report.rejected:
        table = Table(title=f"Rejected: {sum(report.rejected.values()):,} (see the rejects table)")
        table.add_column("reason")
        table.add_column("count", justify="right")
        for reason, count in report.rejected.most_common():
            table.add_row(reason, f"{count:,}")
        console.print(table)
    if report.read == 0:
        fail("nothing could be read from the inputs given")


class EventFormat(StrEnum):
    gdelt1 = "gdelt1"
    gdelt2 = "gdelt2"
    icews = "icews"
    polecat = "polecat"
    plover = "plover"


@app.command("import-events")
def import_events_command(
    files: Annotated[list[str], typer.Argument(help="GDELT, ICEWS or POLECAT files as downloaded, or PLOVER "
                                               "JSON (.CSV, .tsv, .tab, .json, .jsonl, .gz, .zip; globs accepted).")],
    format: Annotated[EventFormat | None, typer.Option("--format", "-f", help="The dataset; detected from "
                                                       "the header, column count or JSON when not given.")] = None,
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Import pre-coded events (GDELT 1.0/2.0, ICEWS, POLECAT, PLOVER JSON) into the events table, in SQL."""
    from tripolar.sources.events import import_events

    with open_store(db) as store, progress_reporter("Importing") as report_progress:
        count = len(files)
        seen: list[str] = []

        def advance(path: str, rows: int) -> None:
            seen.append(path)
            report_progress(len(seen), max(count, len(seen)), f"{rows:,} rows read")

        try:
            report = import_events(store, files, fmt=format.value if format else None, progress=advance)
        except TripolarError as error:
            fail(str(error))
    if as_json:
        print(json.dumps({**report.as_dict(), "files": [asdict(item) for item in report.files]}))
        return
    table = Table(title="Imported events")
    for column in ("file", "format", "rows", "new events", "new reports", "rejected"):
        table.add_column(column, justify="left" if column in ("file", "format") else "right")
    for item in report.files:
        table.add_row(Path(item.path).name, item.format or f"[red]{escape(item.error or '')}[/red]",
                      f"{item.rows_read:,}", f"{item.events_added:,}", f"{item.reports_added:,}",
                      f"{item.rows_rejected:,}")
    console.print(table)
    if report.rejected:
        reasons = Table(title="Rows rejected, by reason (examples in the rejects table)")
        reasons.add_column("reason")
        reasons.add_column("rows", justify="right")
        for reason, count in sorted(report.rejected.items(), key=lambda item: -item[1]):
            reasons.add_row(reason, f"{count:,}")
        console.print(reasons)
    console.print(f"{report.rows_read:,} rows read: {report.events_added:,} new events, "
                  f"{report.reports_added:,} new reports, {sum(report.rejected.values()):,} rejected.")
    if report.rows_read == 0:
        fail("no rows could be read from the files given")


@app.command("run")
def run_command(
    db: DbOption = None,
    batch_size: Annotated[int | None, typer.Option(
        help="Documents per transaction (per shard with --cluster) [default: 1000; 200 per shard]", min=1)] = None,
    cluster: Annotated[str | None, typer.Option(
        "--cluster", help="Code on a Dask cluster: 'local' (one worker per core) or a scheduler address, "
        "tcp://HOST:PORT.")] = None,
    shard_dir: Annotated[Path | None, typer.Option(
        help="With --cluster: where workers write Parquet shards (kept); on a filesystem the workers "
        "share for a remote cluster [default: a temporary directory, removed]")] = None,
) -> None:
    """Code every stored document this coder version has not coded yet (resumable, idempotent)."""
    from tripolar.coding.runner import BATCH_SIZE, code_store

    if shard_dir is not None and cluster is None:
        fail("--shard-dir is only used with --cluster: add --cluster local or --cluster tcp://HOST:PORT", code=2)
    with open_store(db) as store, progress_reporter("Coding") as report_progress:
        try:
            if cluster is None:
                report = code_store(store, batch_size=batch_size or BATCH_SIZE,
                                    progress=lambda done, total: report_progress(done, total, ""))
            else:
                from tripolar.coding.cluster import DEFAULT_PARTITION_SIZE, code_store_on_cluster

                report = code_store_on_cluster(store, cluster, partition_size=batch_size or DEFAULT_PARTITION_SIZE,
                                               shard_dir=shard_dir,
                                               progress=lambda done, total: report_progress(done, total, ""))
        except TripolarError as error:
            fail(str(error))
    console.print(f"Coded {report.documents:,} documents ({report.already_coded:,} already coded): "
                  f"{report.sentences:,} sentences, {report.events_added:,} new events, "
                  f"{report.reports_added:,} new reports.")
    if report.rejects_added:
        errors.print(f"{report.rejects_added:,} new rejects: texts or sentences not coded, with the reason "
                     "(SELECT * FROM rejects WHERE stage = 'code').", highlight=False, markup=False)


@app.command("code")
def code_command(
    input: Annotated[Path, typer.Option("--input", "-i", help="JSONL: one {id, text, published?} a line.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="JSONL: one coded event a line.")],
) -> None:
    """Code sentences or documents from a JSONL file into events (the coder's contract)."""
    from tripolar.coding.contract import code_file

    with progress_reporter("Coding") as report_progress:
        try:
            report = code_file(input, output, progress=lambda done, total: report_progress(done, total, ""))
        except TripolarError as error:
            fail(str(error))
    for number, reason in report.problems:
        errors.print(f"{input}, line {number}: {reason} (skipped)", highlight=False, markup=False)
    for number, reason in report.warnings:
        errors.print(f"{input}, line {number}: {reason}", highlight=False, markup=False)
    console.print(f"Coded {report.coded:,} of {report.lines:,} lines: {report.events:,} events → {output}")


@actors_app.command("resolve")
def actors_resolve(
    name: Annotated[str, typer.Argument(help="A name as the press writes it: Xi, the Kremlin, China's premier.")],
    on: Annotated[str, typer.Option("--on", help="The date, YYYY-MM-DD [default: today].")] = "",
    country: Annotated[str, typer.Option("--country", help="Country code that qualifies a bare title "
                                         '("the president").')] = "",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Resolve a name to country, role, person and office on a date."""
    try:
        day = date.fromisoformat(on) if on else date.today()
    except ValueError:
        fail(f"--on '{on}' is not a date: use YYYY-MM-DD", code=2)
    try:
        resolution = resolve_actor(name, day, country or None)
    except TripolarError as error:
        fail(str(error))
    if as_json:
        print(json.dumps(resolution.to_dict(), ensure_ascii=False))
        return
    who = f"{resolution.person} ({resolution.office})" if resolution.office else resolution.person or resolution.name
    console.print(f"{name} on {day}: {resolution.country} {resolution.role or '(state)'} — {who}")


@actors_app.command("stats")
def actors_stats(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Count what the knowledge base holds: states, bodies, groups, offices, office-holders, names."""
    summary = knowledge_base_summary()
    if as_json:
        print(json.dumps(summary))
        return
    table = Table(title="Actor knowledge base")
    table.add_column("entries")
    table.add_column("count", justify="right")
    for name, count in summary.items():
        table.add_row(name.replace("_", " "), f"{count:,}")
    console.print(table)


@app.command("cameo")
def cameo_list(
    root: Annotated[str, typer.Option("--root", help="Only codes under this root, e.g. 17.")] = "",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List the CAMEO event codes with quad class, Goldstein weight and PLOVER type."""
    codes = [c for c in cameo_codebook().values() if not root or c.root == root.zfill(2)]
    if as_json:
        print(json.dumps([{"code": c.code, "name": c.name, "quad": c.quad, "goldstein": c.goldstein,
                           "plover": c.plover} for c in codes]))
        return
    table = Table()
    for column in ("code", "name", "quad", "goldstein", "plover"):
        table.add_column(column)
    for c in codes:
        table.add_row(c.code, c.name, str(c.quad), f"{c.goldstein:+.1f}", c.plover)
    console.print(table)


@app.command("serve")
def serve_command(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on (127.0.0.1: this machine only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.", min=1, max=65535)] = 8000,
    allow_write: Annotated[bool, typer.Option("--allow-write", help="Accept documents on POST /api/documents from "
                                              "requests with the token in TRIPOLAR_TOKEN.")] = False,
) -> None:
    """Serve the API (OpenAPI at /docs) and the dashboard (/) over HTTP."""
    import os

    import uvicorn

    from tripolar.store.duckdb_store import default_db_path
    from tripolar.web.app import create_app

    try:
        web_app = create_app(db or default_db_path(), allow_write=allow_write,
                             token=os.environ.get("TRIPOLAR_TOKEN") or None)
    except TripolarError as error:
        fail(str(error))
    console.print(f"Serving {db or default_db_path()} ({'read-write' if allow_write else 'read-only'}) on "
                  f"http://{host}:{port}/ (API docs at /docs)")
    uvicorn.run(web_app, host=host, port=port, log_level="warning")


def run() -> None:
    """Entry point: a TripolarError that escapes a command still prints as one line."""
    try:
        app()
    except TripolarError as error:
        errors.print(f"error: {error}", highlight=False, markup=False)
        sys.exit(1)

# The analysis commands register themselves on the app.
from tripolar import cli_analysis as _analysis_commands  # noqa: E402, F401
