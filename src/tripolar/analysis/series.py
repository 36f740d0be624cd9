"""Dyad series from the store: per period and directed dyad, how many events of each quad class, their
summed and mean Goldstein intensity, and net cooperation.

The aggregation runs inside DuckDB (ten million events take about a second); pandas only lays the
result on the full grid of periods × directed dyads, so that a period without events is a row of
zeros, never a missing row.

Choices, and why:

* **Events, not reports.** One real-world event read in five papers counts once; ``reports=True``
  weighs each event by its reports instead (GDELT's habit, available for comparison).
* **Mean Goldstein per event is the default score.** The volume of news grows over the years, so a
  sum mostly measures coverage; sums stay available for Goldstein & Freeman-style replication.
* **An event enters a series only at its date's precision.** An event known only to the month has
  no day and no week, and one known to the year no month: it is left out of finer series, and the
  notes say how many were.
* **Factual events only, by default**: a hypothetical, negated or scheduled event is stored and
  queryable, but it did not happen (yet).
* **Mirrored symmetric events** (a meeting coded A→B and B→A) make "reciprocity" appear within a
  period by construction; ``drop_mirrored=True`` keeps one copy of each such pair.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd

from tripolar.analysis.frame import DyadSeries, dyad_name
from tripolar.errors import InputError

PERIODS = ("day", "week", "month", "quarter")
MODALITIES = ("factual", "hypothetical", "negated", "scheduled")
# Origins as the CLI names them; "coded" is any tripolar coder version, the rest are imported datasets.
ORIGINS = ("all", "coded", "gdelt1", "gdelt2", "icews", "polecat", "plover")
MEASURES = ("goldstein_mean", "goldstein_sum", "net_cooperation", "events")
PERIOD_PRECISIONS = {"day": ("day",), "week": ("day",), "month": ("day", "month"), "quarter": ("day", "month")}
_FREQUENCY = {"day": "D", "week": "W-MON", "month": "MS", "quarter": "QS"}
QUAD_COLUMNS = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")
COLUMNS = ("events", "reports", *QUAD_COLUMNS, "goldstein_sum", "goldstein_mean", "net_cooperation")


def period_label(start: date, period: str) -> str:
    """The label of the period starting on ``start``: 2020-01-05, 2020-W02, 2020-01, 2020-Q1."""
    if period == "day":
        return start.isoformat()
    if period == "week":
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    if period == "month":
        return f"{start.year}-{start.month:02d}"
    return f"{start.year}-Q{(start.month - 1) // 3 + 1}"


def period_bounds(label: str, period: str) -> tuple[date, date]:
    """First and last day of the period a label names (the inverse of :func:`period_label`)."""
    try:
        if period == "day":
            start = date.fromisoformat(label)
            return start, start
        if period == "week":
            year, week = label.split("-W")
            start = date.fromisocalendar(int(year), int(week), 1)
            return start, date.fromordinal(start.toordinal() + 6)
        if period == "month":
            start = date.fromisoformat(f"{label}-01")
        else:
            year, quarter = label.split("-Q")
            start = date(int(year), 3 * int(quarter) - 2, 1)
        months = 1 if period == "month" else 3
        following = date(start.year + (start.month + months - 1) // 12, (start.month + months - 1) % 12 + 1, 1)
        return start, date.fromordinal(following.toordinal() - 1)
    except ValueError:
        raise InputError(f"'{label}' is not a {period} label (e.g. {period_label(date(2020, 1, 6), period)})",
                         field="period") from None


def origin_condition(origin: str, alias: str = "e") -> tuple[str, list[Any]]:
    """SQL: the event (aliased ``alias``) has a report of ``origin`` ("coded": any tripolar coder version)."""
    if origin == "coded":
        return (f"EXISTS (SELECT 1 FROM event_reports r WHERE r.event_id = {alias}.event_id "
                "AND r.origin LIKE 'tripolar-%')"), []
    return f"EXISTS (SELECT 1 FROM event_reports r WHERE r.event_id = {alias}.event_id AND r.origin = ?)", [origin]


@dataclass(frozen=True)
class EventFilter:
    """Which stored events a series, a triangle or a list of evidence is made of."""

    actors: tuple[str, ...]
    start: date | None = None
    end: date | None = None
    issue: str | None = None
    modalities: tuple[str, ...] = ("factual",)
    origin: str = "all"
    drop_mirrored: bool = False

    def __post_init__(self) -> None:
        if len(self.actors) < 2 or len(set(self.actors)) != len(self.actors):
            raise InputError(f"need at least two different actors, got {', '.join(self.actors) or 'none'}",
                             field="actors")
        unknown = [modality for modality in self.modalities if modality not in MODALITIES]
        if unknown:
            raise InputError(f"unknown modality {', '.join(unknown)}: use {', '.join(MODALITIES)}", field="modality")
        if self.origin not in ORIGINS:
            raise InputError(f"unknown origin '{self.origin}': use {', '.join(ORIGINS)}", field="origin")
        if self.start and self.end and self.start > self.end:
            raise InputError(f"the span starts ({self.start}) after it ends ({self.end})", field="from")

    def where(self, alias: str = "e") -> tuple[str, list[Any]]:
        """SQL conditions on the events table (aliased ``alias``) and their parameters."""
        clauses = [f"{alias}.source_code IN ?", f"{alias}.target_code IN ?",
                   f"{alias}.source_code <> {alias}.target_code", f"{alias}.modality IN ?"]
        parameters: list[Any] = [list(self.actors), list(self.actors), list(self.modalities)]
        if self.start:
            clauses.append(f"{alias}.date >= ?")
            parameters.append(self.start)
        if self.end:
            clauses.append(f"{alias}.date <= ?")
            parameters.append(self.end)
        if self.issue:
            clauses.append(f"list_contains({alias}.issues, ?)")
            parameters.append(self.issue)
        if self.origin != "all":
            clause, values = origin_condition(self.origin, alias)
            clauses.append(clause)
            parameters += values
        if self.drop_mirrored:
            # Of an A→B / B→A pair with the same day and code, the copy whose source sorts last goes.
            clauses.append(f"NOT ({alias}.source_code > {alias}.target_code AND EXISTS (SELECT 1 FROM events m "
                           f"WHERE m.date = {alias}.date AND m.cameo = {alias}.cameo "
                           f"AND m.source_code = {alias}.target_code AND m.target_code = {alias}.source_code "
                           f"AND m.modality = {alias}.modality))")
        return " AND ".join(clauses), parameters


@dataclass(frozen=True)
class SeriesTable:
    """Every measure per period and directed dyad (long form, complete grid), and the notes."""

    rows: pd.DataFrame  # columns: period, dyad, source, target, *COLUMNS
    period: str
    actors: tuple[str, ...]
    weighting: str  # "events" or "reports"
    notes: tuple[str, ...] = field(default=())

    def directed(self, measure: str = "goldstein_mean") -> DyadSeries:
        """One measure as directed dyad series (rows periods, columns ``A->B``), with event counts."""
        if measure not in MEASURES:
            raise InputError(f"unknown measure '{measure}': use {', '.join(MEASURES)}", field="measure")
        dyads = [dyad_name(a, b) for a in self.actors for b in self.actors if a != b]
        values = self.rows.pivot(index="period", columns="dyad", values=measure)[dyads].astype(float)
        counts = self.rows.pivot(index="period", columns="dyad", values="events")[dyads].astype(float)
        values.columns.name = counts.columns.name = None
        return DyadSeries(values, measure, self.period, counts, origin="store", notes=self.notes)

    def undirected(self) -> pd.DataFrame:
        """Both directions of each pair together: counts and sums added, the mean taken over all the
        pair's events (so the busier direction weighs more, as each event does)."""
        rows = self.rows.copy()
        rows["pair"] = [("-".join(sorted((s, t)))) for s, t in zip(rows["source"], rows["target"], strict=True)]
        summed = rows.groupby(["period", "pair"], sort=True)[
            ["events", "reports", *QUAD_COLUMNS, "goldstein_sum", "net_cooperation"]].sum().reset_index()
        weight = summed["reports"] if self.weighting == "reports" else summed["events"]
        summed["goldstein_mean"] = (summed["goldstein_sum"] / weight.where(weight > 0)).fillna(0.0)
        return summed.rename(columns={"pair": "dyad"})

    def to_json(self) -> dict[str, Any]:
        return {
            "period": self.period,
            "actors": list(self.actors),
            "weighting": self.weighting,
            "directed": _records(self.rows.drop(columns=["source", "target"])),
            "undirected": _records(self.undirected()),
            "notes": list(self.notes),
        }


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    records = frame.to_dict(orient="records")
    return [{key: (round(value, 6) if isinstance(value, float) else int(value) if hasattr(value, "item") and
                   not isinstance(value, str) else value) for key, value in record.items()} for record in records]


def dyad_series(store: Any, selection: EventFilter, period: str = "month", *, reports: bool = False,
                max_periods: int | None = None) -> SeriesTable:
    """Every measure per ``period`` and directed dyad among ``selection.actors`` (see the module notes);
    a grid of more than ``max_periods`` periods is refused."""
    if period not in PERIODS:
        raise InputError(f"unknown period '{period}': use {', '.join(PERIODS)}", field="period")
    where, parameters = selection.where()
    allowed = list(PERIOD_PRECISIONS[period])
    weight = "e_reports" if reports else "1"
    sql = f"""
        WITH chosen AS (
            SELECT e.event_id, e.date, e.date_precision, e.source_code, e.target_code, e.quad, e.goldstein,
                   (SELECT count(*) FROM event_reports r WHERE r.event_id = e.event_id) AS e_reports
            FROM events e WHERE {where} AND e.date IS NOT NULL)
        SELECT date_trunc('{period}', date)::DATE AS start, source_code, target_code,
               count(*) AS events, sum(e_reports) AS reports,
               sum(CASE WHEN quad = 1 THEN {weight} ELSE 0 END) AS verbal_cooperation,
               sum(CASE WHEN quad = 2 THEN {weight} ELSE 0 END) AS material_cooperation,
               sum(CASE WHEN quad = 3 THEN {weight} ELSE 0 END) AS verbal_conflict,
               sum(CASE WHEN quad = 4 THEN {weight} ELSE 0 END) AS material_conflict,
               sum(coalesce(goldstein, 0) * {weight}) AS goldstein_sum
        FROM chosen WHERE date_precision IN ?
        GROUP BY ALL"""
    found = store.con.execute(sql, [*parameters, allowed]).df()
    coarse = store.con.execute(
        f"SELECT date_precision, count(*) FROM events e WHERE {where} AND (e.date IS NULL OR "
        "e.date_precision NOT IN ?) GROUP BY 1 ORDER BY 1", [*parameters, allowed]).fetchall()
    notes = [f"{count:,} event{'s' if count != 1 else ''} dated only to the {precision or 'unknown date'} "
             f"left out of {period}ly series" for precision, count in coarse]
    weighting = "reports" if reports else "events"
    rows = _full_grid(found, selection, period, weighting, max_periods)
    if reports:
        notes.append("weighted by reports: an event read in n documents counts n times in the quad counts, "
                     "sums and means (GDELT's way); 'events' still counts each event once")
    return SeriesTable(rows, period, tuple(selection.actors), weighting, tuple(notes))


def _full_grid(found: pd.DataFrame, selection: EventFilter, period: str, weighting: str,
               max_periods: int | None) -> pd.DataFrame:
    """The aggregated rows laid on every period × directed dyad, zeros where nothing happened."""
    starts = [pd.Timestamp(day) for day in found["start"]] if len(found) else []
    first = pd.Timestamp(selection.start) if selection.start else min(starts, default=None)
    last = pd.Timestamp(selection.end) if selection.end else max(starts, default=None)
    if first is None or last is None:
        raise InputError(f"no {', '.join(selection.modalities)} events among {', '.join(selection.actors)} "
                         "in the store for this selection", hint="Ingest and code news (tripolar run) or import "
                         "an event dataset (tripolar import-events), or widen the filters")
    grid_starts = pd.date_range(_period_start(first, period), last, freq=_FREQUENCY[period])
    if max_periods is not None and len(grid_starts) > max_periods:
        raise InputError(f"{len(grid_starts):,} {period}s from {first.date()} to {last.date()}; at most "
                         f"{max_periods:,} per request", field="from", hint="Use a longer period or a shorter span")
    labels = [period_label(stamp.date(), period) for stamp in grid_starts]
    dyads = [(a, b) for a in selection.actors for b in selection.actors if a != b]
    grid = pd.DataFrame([(label, dyad_name(a, b), a, b) for label in labels for a, b in dyads],
                        columns=["period", "dyad", "source", "target"])
    if len(found):
        found = found.assign(period=[period_label(pd.Timestamp(day).date(), period) for day in found["start"]],
                             dyad=[dyad_name(a, b) for a, b in zip(found["source_code"], found["target_code"],
                                                                   strict=True)])
        found = found.drop(columns=["start", "source_code", "target_code"])
        grid = grid.merge(found, on=["period", "dyad"], how="left")
    for column in ("events", "reports", *QUAD_COLUMNS, "goldstein_sum"):
        grid[column] = grid[column].fillna(0) if column in grid else 0
    integer = ["events", "reports", *QUAD_COLUMNS]
    grid[integer] = grid[integer].astype("int64")
    grid["goldstein_sum"] = grid["goldstein_sum"].astype(float)
    weight = grid[weighting]
    grid["goldstein_mean"] = (grid["goldstein_sum"] / weight.where(weight > 0)).fillna(0.0)
    grid["net_cooperation"] = (grid["verbal_cooperation"] + grid["material_cooperation"]
                               - grid["verbal_conflict"] - grid["material_conflict"]).astype("int64")
    return grid


def _period_start(stamp: pd.Timestamp, period: str) -> pd.Timestamp:
    if period == "day":
        return stamp.normalize()
    if period == "week":
        return (stamp - pd.Timedelta(days=stamp.weekday())).normalize()
    if period == "month":
        return stamp.replace(day=1).normalize()
    return stamp.replace(month=3 * ((stamp.month - 1) // 3) + 1, day=1).normalize()


def parse_actors(text: str | Sequence[str]) -> tuple[str, ...]:
    """``"USA,CHN,RUS"`` → ``("USA", "CHN", "RUS")``, upper-cased, blanks dropped."""
    parts = text.split(",") if isinstance(text, str) else list(text)
    return tuple(part.strip().upper() for part in parts if part.strip())
