"""The analysis commands of ``tripolar``: options in, one call of :mod:`tripolar.analysis.service`,
Rich tables or ``--json`` out. Registered on the main app by ``tripolar.cli``."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from tripolar.cli import DbOption, app, console, fail
from tripolar.errors import TripolarError
from tripolar.store import open_store

ActorsOption = Annotated[str, typer.Option("--actors", help="Actor codes, comma-separated.")]
PeriodOption = Annotated[str, typer.Option("--period", help="day, week, month or quarter.")]
FromOption = Annotated[str | None, typer.Option("--from", help="First day: YYYY, YYYY-MM or YYYY-MM-DD.")]
ToOption = Annotated[str | None, typer.Option("--to", help="Last day: YYYY, YYYY-MM or YYYY-MM-DD.")]
IssueOption = Annotated[str | None, typer.Option("--issue", help="Only events tagged with this issue (e.g. trade).")]
ModalityOption = Annotated[str, typer.Option(
    "--modality", help="Modalities counted, comma-separated: factual, hypothetical, negated, scheduled.")]
OriginOption = Annotated[str, typer.Option(
    "--origin", help="all, coded (tripolar's own), or an imported dataset: gdelt1, gdelt2, icews, polecat, plover.")]
ReportsOption = Annotated[bool, typer.Option("--reports", help="Weigh each event by its reports (GDELT's way).")]
MeasureOption = Annotated[str, typer.Option(
    "--measure", help="What a series value is: goldstein_mean, goldstein_sum, net_cooperation, events.")]
MirroredOption = Annotated[bool, typer.Option(
    "--drop-mirrored", help="Keep one copy of symmetric events coded both ways (meetings).")]
SeriesFileOption = Annotated[Path | None, typer.Option(
    "--series", help="A CSV of your own series (a period column, one column per dyad named A->B) instead of "
    "the store.")]
ColumnsOption = Annotated[str | None, typer.Option("--columns", help="With --series: the columns to use.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON.")]


@contextmanager
def _inputs(db: Path | None, series: Path | None, **options: Any) -> Iterator[tuple[Any, Any]]:
    """The request and the store (None when the series come from a file); errors end the command."""
    from tripolar.analysis.inputs import SeriesRequest

    try:
        request = SeriesRequest.from_options(series_file=series, **options)
        if series is not None:
            yield request, None
            return
        with open_store(db, read_only=True) as store:
            yield request, store
    except TripolarError as error:
        fail(str(error))


def _emit(result: Any, as_json: bool, show: Callable[[Any], None]) -> None:
    if as_json:
        print(json.dumps(result.to_json(), ensure_ascii=False, allow_nan=False))
    else:
        show(result)


def _common(actors: str, period: str, start: str | None, end: str | None, issue: str | None, modality: str,
            origin: str, reports: bool, measure: str, drop_mirrored: bool, columns: str | None) -> dict[str, Any]:
    return {"actors": actors, "period": period, "start": start, "end": end, "issue": issue, "modalities": modality,
            "origin": origin, "reports": reports, "measure": measure, "drop_mirrored": drop_mirrored,
            "columns": columns}


@app.command("series")
def series_command(db: DbOption = None, actors: ActorsOption = "USA,CHN,RUS", period: PeriodOption = "month",
                   start: FromOption = None, end: ToOption = None, issue: IssueOption = None,
                   modality: ModalityOption = "factual", origin: OriginOption = "all", reports: ReportsOption = False,
                   drop_mirrored: MirroredOption = False, as_json: JsonOption = False) -> None:
    """Per period and directed dyad: events by quad class, summed and mean Goldstein, net cooperation."""
    from tripolar.analysis.service import run_series

    with _inputs(db, None, **_common(actors, period, start, end, issue, modality, origin, reports, "goldstein_mean",
                                     drop_mirrored, None)) as (request, store):
        result = run_series(request, store)

    def show(table: Any) -> None:
        grid = Table(title=f"Directed dyads per {table.period} ({table.weighting})")
        for column in ("period", "dyad", "events", "coop v/m", "conflict v/m", "Goldstein sum", "mean"):
            grid.add_column(column, justify="left" if column in ("period", "dyad") else "right")
        for row in table.rows.itertuples():
            if row.events:
                grid.add_row(row.period, row.dyad, str(row.events),
                             f"{row.verbal_cooperation}/{row.material_cooperation}",
                             f"{row.verbal_conflict}/{row.material_conflict}", f"{row.goldstein_sum:+.1f}",
                             f"{row.goldstein_mean:+.2f}")
        console.print(grid)
        console.print(f"{len(table.rows):,} rows on the full grid (periods without events are zeros; --json "
                      "prints them all).")
        for note in table.notes:
            console.print(f"note: {note}")

    _emit(result, as_json, show)


@app.command("triangle")
def triangle_command(db: DbOption = None, actors: ActorsOption = "USA,CHN,RUS", period: PeriodOption = "month",
                     start: FromOption = None, end: ToOption = None, issue: IssueOption = None,
                     modality: ModalityOption = "factual", origin: OriginOption = "all",
                     reports: ReportsOption = False, drop_mirrored: MirroredOption = False,
                     series: SeriesFileOption = None, columns: ColumnsOption = None,
                     reference: Annotated[str, typer.Option(help="standardised (against the triangle's recent "
                                                            "normal) or absolute.")] = "standardised",
                     band: Annotated[float | None, typer.Option(help="Neutral band: standard deviations "
                                                                "(standardised) or Goldstein points (absolute) "
                                                                "[default: 0.5 or 1].")] = None,
                     min_events: Annotated[int, typer.Option(help="Events a pair needs in a period for a sign.")] = 3,
                     window: Annotated[int, typer.Option(help="Periods the standardisation looks back.")] = 12,
                     hold: Annotated[int, typer.Option(help="Periods a new sign must last before it counts.")] = 1,
                     carry: Annotated[int, typer.Option(help="Periods a sign stands in for a quiet pair.")] = 0,
                     as_json: JsonOption = False) -> None:
    """Per period: each pair's amity or enmity, Dittmer's configuration, Wu's roles and the pivot."""
    from tripolar.analysis.service import run_triangle
    from tripolar.analysis.triangle import TriangleSettings

    with _inputs(db, series, **_common(actors, period, start, end, issue, modality, origin, reports,
                                       "goldstein_mean", drop_mirrored, columns)) as (request, store):
        result = run_triangle(request, store, TriangleSettings(reference, band, min_events, window, hold, carry))

    def show(reading: Any) -> None:
        grid = Table(title=f"The {'–'.join(reading.actors)} triangle per {reading.period or 'period'}")
        for column in ("period", *[name for name in reading.periods[0].pairs], "configuration", "pivot / roles"):
            grid.add_column(column)
        for item in reading.periods:
            roles = item.pivot or ", ".join(f"{actor} {role}" for actor, role in item.roles.items() if role)
            cells = [f"{'+-0'[[1, -1, 0].index(pair.sign)]} {pair.score:+.2f} ({_events(pair.events)})"
                     for pair in item.pairs.values()]
            grid.add_row(item.period, *cells, item.configuration, roles)
        console.print(grid)
        latest = reading.latest
        if latest is None:
            console.print("No period could be read: see each period's reasons with --json.")
        else:
            console.print(f"Latest reading: {latest.configuration} in {latest.period}"
                          + (f", pivot {latest.pivot}" if latest.pivot else ""))
        for change in reading.transitions[-5:]:
            console.print(f"{change['period']}: {change['from']} → {change['to']}")

    _emit(result, as_json, show)


def _events(count: int | None) -> str:
    return "?" if count is None else str(count)


LagsOption = Annotated[int | None, typer.Option("--lags", help="VAR lag order [default: chosen by --criterion].",
                                                min=1)]
MaxLagsOption = Annotated[int, typer.Option("--max-lags", help="Largest lag order the criterion may choose.", min=1)]


def _print_lines(lines: list[str], title: str | None = None) -> None:
    if title:
        console.print(f"[bold]{title}[/bold]")
    for line in lines:
        console.print(f"  {line}", highlight=False)


@app.command("dynamics")
def dynamics_command(db: DbOption = None, actors: ActorsOption = "USA,CHN,RUS", period: PeriodOption = "month",
                     start: FromOption = None, end: ToOption = None, issue: IssueOption = None,
                     modality: ModalityOption = "factual", origin: OriginOption = "all",
                     reports: ReportsOption = False, measure: MeasureOption = "goldstein_mean",
                     drop_mirrored: MirroredOption = False, series: SeriesFileOption = None,
                     columns: ColumnsOption = None, lags: LagsOption = None, max_lags: MaxLagsOption = 6,
                     criterion: Annotated[str, typer.Option(help="aic, bic, hqic or fpe.")] = "aic",
                     horizon: Annotated[int, typer.Option(help="Periods of impulse responses.", min=1)] = 12,
                     as_json: JsonOption = False) -> None:
    """A VAR on the directed dyad series: reciprocity and triangularity as Granger tests, with IRFs."""
    from tripolar.analysis.service import run_dynamics

    with _inputs(db, series, **_common(actors, period, start, end, issue, modality, origin, reports, measure,
                                       drop_mirrored, columns)) as (request, store):
        result = run_dynamics(request, store, lags=lags, max_lags=max_lags, criterion=criterion, horizon=horizon)

    def show(found: Any) -> None:
        data = found.to_json()
        console.print(f"VAR({data['lags']}) on {len(data['series'])} series, {data['periods']} periods "
                      f"(lags chosen by {data['lag_selection']['chosen_by']}; criteria: "
                      f"{data['lag_selection']['orders']}).")
        _print_lines(data["findings"], "Findings")
        _print_lines(data["notes"], "Notes")

    _emit(result, as_json, show)


@app.command("breaks")
def breaks_command(db: DbOption = None, actors: ActorsOption = "USA,CHN,RUS", period: PeriodOption = "month",
                   start: FromOption = None, end: ToOption = None, issue: IssueOption = None,
                   modality: ModalityOption = "factual", origin: OriginOption = "all", reports: ReportsOption = False,
                   measure: MeasureOption = "goldstein_mean", drop_mirrored: MirroredOption = False,
                   series: SeriesFileOption = None, columns: ColumnsOption = None,
                   penalty: Annotated[float | None, typer.Option(help="Change-point penalty [default: scaled to "
                                                                 "each series' noise, see the docs].")] = None,
                   as_json: JsonOption = False) -> None:
    """Change points per dyad and escalation alerts, each with the events behind it."""
    from tripolar.analysis.service import run_breaks

    with _inputs(db, series, **_common(actors, period, start, end, issue, modality, origin, reports, measure,
                                       drop_mirrored, columns)) as (request, store):
        result = run_breaks(request, store, penalty=penalty)

    def show(found: Any) -> None:
        data = found.to_json()
        lines = [f"{item['dyad']} from {item['period']}: mean {item['mean_before']:+.2f} → {item['mean_after']:+.2f}"
                 for item in data["breaks"]]
        _print_lines(lines or ["none"], "Change points")
        alerts = [f"{item['dyad']} {item['period']}: {item['value']:+.2f} against {item['baseline']:+.2f} "
                  f"(z = {item['z']:+.1f})" for item in data["alerts"]]
        _print_lines(alerts or ["none"], "Escalation alerts")
        for item in data["breaks"] + data["alerts"]:
            for event in (item.get("evidence") or [])[:2]:
                console.print(f"    {item['dyad']} {item['period']}: {event['date']} {event['cameo']} "
                              f"\"{event['sentence']}\"", highlight=False, markup=False)

    _emit(result, as_json, show)


@app.command("forecast")
def forecast_command(db: DbOption = None, actors: ActorsOption = "USA,CHN,RUS", period: PeriodOption = "month",
                     start: FromOption = None, end: ToOption = None, issue: IssueOption = None,
                     modality: ModalityOption = "factual", origin: OriginOption = "all",
                     reports: ReportsOption = False, measure: MeasureOption = "goldstein_mean",
                     drop_mirrored: MirroredOption = False, series: SeriesFileOption = None,
                     columns: ColumnsOption = None, horizon: Annotated[int, typer.Option(min=1)] = 6,
                     lags: LagsOption = None, max_lags: MaxLagsOption = 6, as_json: JsonOption = False) -> None:
    """Forecasts per directed dyad with intervals, backtested against persistence, the mean and AR(1)."""
    from tripolar.analysis.service import run_forecast

    with _inputs(db, series, **_common(actors, period, start, end, issue, modality, origin, reports, measure,
                                       drop_mirrored, columns)) as (request, store):
        result = run_forecast(request, store, horizon=horizon, lags=lags, max_lags=max_lags)

    def show(found: Any) -> None:
        data = found.to_json()
        grid = Table(title=f"Forecasts, {data['level']:.0%} intervals")
        grid.add_column("dyad")
        for step in next(iter(data["forecasts"].values())):
            grid.add_column(step["period"], justify="right")
        for dyad, steps in data["forecasts"].items():
            grid.add_row(dyad, *[f"{step['mean']:+.2f} [{step['lower']:+.1f}, {step['upper']:+.1f}]" for step in steps])
        console.print(grid)
        backtest = data.get("backtest")
        _print_lines(backtest["verdicts"] if backtest else ["no backtest: too few periods"], "Backtest")

    _emit(result, as_json, show)


@app.command("scenario")
def scenario_command(shock: Annotated[str, typer.Option("--shock", help='DYAD:SHIFT:PERIODS, e.g. "USA->RUS:+2:6": '
                                                        "US behaviour towards Russia 2 points warmer for 6 periods.")],
                     db: DbOption = None, actors: ActorsOption = "USA,CHN,RUS", period: PeriodOption = "month",
                     start: FromOption = None, end: ToOption = None, issue: IssueOption = None,
                     modality: ModalityOption = "factual", origin: OriginOption = "all",
                     reports: ReportsOption = False, measure: MeasureOption = "goldstein_mean",
                     drop_mirrored: MirroredOption = False, series: SeriesFileOption = None,
                     columns: ColumnsOption = None, lags: LagsOption = None, max_lags: MaxLagsOption = 6,
                     horizon: Annotated[int | None, typer.Option(min=1, help="Periods of response.")] = None,
                     as_json: JsonOption = False) -> None:
    """What if one directed dyad shifted: the other series' response through the fitted VAR, with intervals."""
    from tripolar.analysis.service import run_scenario

    with _inputs(db, series, **_common(actors, period, start, end, issue, modality, origin, reports, measure,
                                       drop_mirrored, columns)) as (request, store):
        result = run_scenario(request, shock, store, lags=lags, max_lags=max_lags, horizon=horizon)
    _emit(result, as_json, lambda found: _print_lines(found.to_json()["summary"], f"Scenario {shock}"))


@app.command("test-hypotheses")
def hypotheses_command(db: DbOption = None, actors: ActorsOption = "USA,CHN,RUS", period: PeriodOption = "month",
                       start: FromOption = None, end: ToOption = None, issue: IssueOption = None,
                       modality: ModalityOption = "factual", origin: OriginOption = "all",
                       reports: ReportsOption = False, measure: MeasureOption = "goldstein_mean",
                       drop_mirrored: MirroredOption = False, series: SeriesFileOption = None,
                       columns: ColumnsOption = None,
                       file: Annotated[Path | None, typer.Option("--file", help="A hypothesis file (YAML) "
                                                                 "[default: the claims of the seed articles]")] = None,
                       as_json: JsonOption = False) -> None:
    """Test the hypotheses of a file: the evidence for and against each, with numbers."""
    from tripolar.analysis.service import run_hypotheses

    with _inputs(db, series, **_common(actors, period, start, end, issue, modality, origin, reports, measure,
                                       drop_mirrored, columns)) as (request, store):
        result = run_hypotheses(request, store, file)

    def show(found: Any) -> None:
        for item in found.to_json()["hypotheses"]:
            lines = [f"for: {text}" for text in item["evidence_for"]]
            lines += [f"against: {text}" for text in item["evidence_against"]]
            if item["details"].get("reason"):
                lines.append(item["details"]["reason"])
            _print_lines(lines, f"{item['claim']}: {item['verdict']}")

    _emit(result, as_json, show)


@app.command("report")
def report_command(out: Annotated[Path, typer.Option("--out", help="The HTML file to write.")] = Path("report.html"),
                   db: DbOption = None, actors: ActorsOption = "USA,CHN,RUS", period: PeriodOption = "month",
                   start: FromOption = None, end: ToOption = None, issue: IssueOption = None,
                   modality: ModalityOption = "factual", origin: OriginOption = "all",
                   reports: ReportsOption = False, measure: MeasureOption = "goldstein_mean",
                   drop_mirrored: MirroredOption = False, series: SeriesFileOption = None,
                   columns: ColumnsOption = None,
                   shock: Annotated[str, typer.Option(help="The scenario shown.")] = "USA->RUS:+2:6") -> None:
    """Write one self-contained HTML report (works offline) of every analysis, linked to the evidence."""
    from tripolar.analysis.report import write_report

    with _inputs(db, series, **_common(actors, period, start, end, issue, modality, origin, reports, measure,
                                       drop_mirrored, columns)) as (request, store):
        summary = write_report(out, request, store, shock=shock)
    console.print(f"Report → {summary.path}")
    for name, state in summary.sections.items():
        if state != "ok":
            console.print(f"  {name}: not available ({state})", highlight=False)
