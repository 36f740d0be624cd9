"""One call per analysis, as the CLI, the web API and the report make it: a :class:`SeriesRequest` (and
the store, unless the series come from a file) in, a result with ``to_json()`` out.

Results that point at periods (breaks, escalation alerts) come back with the events behind each
period, from the store, so that every reading links to its evidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tripolar.analysis.breaks import BreaksResult, breaks
from tripolar.analysis.dynamics import DynamicsResult, dynamics
from tripolar.analysis.evidence import EvidenceItem, events_behind, events_by_period
from tripolar.analysis.forecast import ForecastResult, forecast
from tripolar.analysis.frame import DyadSeries, parse_dyad, triangle_dyads
from tripolar.analysis.hypotheses import HypothesisResult, evaluate_hypotheses, load_hypotheses
from tripolar.analysis.inputs import SeriesRequest, load_series, series_table, triangle_actors
from tripolar.analysis.scenario import ScenarioResult, scenario
from tripolar.analysis.series import SeriesTable, period_bounds
from tripolar.analysis.triangle import TriangleResult, TriangleSettings, triangle

EVENTS_PER_PERIOD = 5


def run_series(request: SeriesRequest, store: Any) -> SeriesTable:
    return series_table(store, request)


def analysed_series(request: SeriesRequest, store: Any = None) -> DyadSeries:
    """The series the analyses below read: a file's columns, or the store's six triangle dyads. Load
    them once and pass them as ``series=`` to run several analyses on the same data."""
    return load_series(request, store, triangle_only=request.series_file is None)


def _given(request: SeriesRequest, store: Any, series: DyadSeries | None) -> DyadSeries:
    return series if series is not None else analysed_series(request, store)


def run_triangle(request: SeriesRequest, store: Any = None, settings: TriangleSettings | None = None, *,
                 series: DyadSeries | None = None) -> TriangleResult:
    series = _given(request, store, series)
    actors = triangle_actors(request, series)
    return triangle(series.select(triangle_dyads(actors)), actors, settings)


def run_dynamics(request: SeriesRequest, store: Any = None, *, series: DyadSeries | None = None,
                 **options: Any) -> DynamicsResult:
    return dynamics(_given(request, store, series), **options)


def run_forecast(request: SeriesRequest, store: Any = None, *, series: DyadSeries | None = None,
                 **options: Any) -> ForecastResult:
    return forecast(_given(request, store, series), **options)


def run_scenario(request: SeriesRequest, shock: str, store: Any = None, *, series: DyadSeries | None = None,
                 **options: Any) -> ScenarioResult:
    return scenario(_given(request, store, series), shock, **options)


@dataclass(frozen=True)
class BreaksReading:
    """Change points and escalation alerts, each with the events of its period."""

    result: BreaksResult
    events: dict[tuple[str, str], list[EvidenceItem]]

    def to_json(self) -> dict[str, Any]:
        data = self.result.to_json()
        for key in ("breaks", "alerts"):
            for record in data.get(key, []):
                found = self.events.get((record["dyad"], record["period"]))
                # "events" is the alert's count of events; the events themselves go under "evidence".
                record["evidence"] = [item.to_json() for item in found] if found is not None else None
        return data


def run_breaks(request: SeriesRequest, store: Any = None, *, series: DyadSeries | None = None,
               **options: Any) -> BreaksReading:
    result = breaks(_given(request, store, series), **options)
    events: dict[tuple[str, str], list[EvidenceItem]] = {}
    if store is not None and request.series_file is None:
        wanted = {(record["dyad"], record["period"]) for key in ("breaks", "alerts")
                  for record in result.to_json().get(key, [])}
        found = events_by_period(store, request.selection, request.period, EVENTS_PER_PERIOD, wanted)
        events = {(dyad, label): found.get(dyad, {}).get(label, []) for dyad, label in wanted}
    return BreaksReading(result, events)


def events_in_period(store: Any, request: SeriesRequest, dyad: str, label: str,
                     limit: int | None = EVENTS_PER_PERIOD) -> list[EvidenceItem]:
    """The events of one directed dyad in one period of the request's series, most intense first."""
    source, target = parse_dyad(dyad)
    start, end = period_bounds(label, request.period)
    return events_behind(store, request.selection, source=source, target=target, start=start, end=end, limit=limit)


@dataclass(frozen=True)
class HypothesesReading:
    results: list[HypothesisResult]
    file: str

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, "hypotheses": [result.to_json() for result in self.results]}


def run_hypotheses(request: SeriesRequest, store: Any = None, file: Path | str | None = None, *,
                   series: DyadSeries | None = None) -> HypothesesReading:
    from tripolar.analysis.hypotheses import default_file

    hypotheses = load_hypotheses(file)
    series = _given(request, store, series)
    from_store = store is not None and request.series_file is None
    results = evaluate_hypotheses(hypotheses, series, store=store if from_store else None,
                                  selection=request.selection if from_store else None)
    return HypothesesReading(results, str(file or default_file()))
