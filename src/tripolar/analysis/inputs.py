"""Where an analysis gets its series: the store (with the filters every analysis shares) or a user's
file of pre-aggregated series. The CLI, the web API and the report build one :class:`SeriesRequest`
and call :func:`load_series`; none of them opens files or queries the store for series itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from tripolar.analysis.frame import DyadSeries, read_series_csv, triangle_dyads
from tripolar.analysis.series import (
    MEASURES,
    PERIODS,
    EventFilter,
    SeriesTable,
    dyad_series,
    parse_actors,
    period_bounds,
)
from tripolar.errors import InputError
from tripolar.model import parse_partial_date

TRIANGLE = ("USA", "CHN", "RUS")


@dataclass(frozen=True)
class SeriesRequest:
    """What series to analyse. With ``series_file`` the store is not read (and the event filters do
    not apply); ``columns`` then picks the file's columns."""

    actors: tuple[str, ...] = TRIANGLE
    period: str = "month"
    start: date | None = None
    end: date | None = None
    issue: str | None = None
    modalities: tuple[str, ...] = ("factual",)
    origin: str = "all"
    reports: bool = False
    measure: str = "goldstein_mean"
    drop_mirrored: bool = False
    series_file: Path | None = None
    columns: tuple[str, ...] | None = None
    max_periods: int | None = None  # a bound on the series' length (the web API sets one)

    def __post_init__(self) -> None:
        if self.series_file is not None:
            return
        unknown = [actor for actor in self.actors if actor not in known_actor_codes()]
        if unknown:
            raise InputError(f"unknown actor code {', '.join(unknown)}", field="actors",
                             hint="Use ISO 3166 alpha-3 country codes (USA, CHN, RUS) or a grouping (NATO, EUR); "
                             "`tripolar actors resolve NAME` finds a code")
        if self.period not in PERIODS:
            raise InputError(f"unknown period '{self.period}': use {', '.join(PERIODS)}", field="period")
        if self.measure not in MEASURES:
            raise InputError(f"unknown measure '{self.measure}': use {', '.join(MEASURES)}", field="measure")
        self.selection  # built once here for its checks: modalities, origin, the span  # noqa: B018

    @classmethod
    def from_options(cls, actors: str | Sequence[str] | None = None, **options: Any) -> SeriesRequest:
        """From loosely typed options (CLI strings, query parameters): parses actors, dates and columns."""
        values = {key: value for key, value in options.items() if value is not None}
        if actors:
            values["actors"] = parse_actors(actors)
        for key in ("start", "end"):
            if isinstance(values.get(key), str):
                values[key] = _parse_date(values[key], key)
        if isinstance(values.get("columns"), str):
            values["columns"] = tuple(part.strip() for part in values["columns"].split(",") if part.strip())
        if isinstance(values.get("modalities"), str):
            values["modalities"] = tuple(part.strip() for part in values["modalities"].split(",") if part.strip())
        if isinstance(values.get("series_file"), str):
            values["series_file"] = Path(values["series_file"])
        return cls(**values)

    @property
    def selection(self) -> EventFilter:
        return EventFilter(self.actors, self.start, self.end, self.issue, self.modalities, self.origin,
                           self.drop_mirrored)

    def to_json(self) -> dict[str, Any]:
        if self.series_file is not None:
            return {"series_file": str(self.series_file), "columns": list(self.columns or ())}
        return {"actors": list(self.actors), "period": self.period, "from": _iso(self.start), "to": _iso(self.end),
                "issue": self.issue, "modalities": list(self.modalities), "origin": self.origin,
                "reports": self.reports, "measure": self.measure, "drop_mirrored": self.drop_mirrored}


@cache
def known_actor_codes() -> frozenset[str]:
    """Every actor code the knowledge base and the imported datasets use: states, bodies, groupings."""
    from tripolar.ontology.actors import BODY_CODES, armed_groups, countries, groupings

    return frozenset(countries()) | BODY_CODES | {grouping.code for grouping in groupings()} | {
        group.code for group in armed_groups()}


def series_table(store: Any, request: SeriesRequest) -> SeriesTable:
    """Every measure per period and directed dyad, from the store."""
    return dyad_series(store, request.selection, request.period, reports=request.reports,
                       max_periods=request.max_periods)


def load_series(request: SeriesRequest, store: Any = None, *, triangle_only: bool = False) -> DyadSeries:
    """The directed series the request names: the file's columns, or the store's series of ``measure``
    (with event counts). ``triangle_only`` keeps the six dyads of the request's three actors."""
    if request.series_file is not None:
        series = read_series_csv(request.series_file, request.columns)
    else:
        if store is None:
            raise InputError("no store to read series from", hint="Pass --db, or --series FILE.csv")
        series = series_table(store, request).directed(request.measure)
    if triangle_only:
        series = series.select(triangle_dyads(triangle_actors(request, series)))
    return series


def triangle_actors(request: SeriesRequest, series: DyadSeries) -> tuple[str, str, str]:
    """The request's three actors, or a file's first three."""
    actors = tuple(request.actors if request.series_file is None else series.actors[:3])
    if len(actors) != 3:
        raise InputError(f"a triangle needs three actors, got {', '.join(actors)}", field="actors")
    return actors  # type: ignore[return-value]


def _parse_date(text: str, field: str) -> date:
    """YYYY, YYYY-MM or YYYY-MM-DD; as the end of a span, a year or a month means its last day."""
    try:
        day, precision = parse_partial_date(text)
    except ValueError:
        raise InputError(f"'{text}' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD",
                         field="from" if field == "start" else "to") from None
    if field == "start" or precision == "day":
        return day
    if precision == "year":
        return date(day.year, 12, 31)
    return period_bounds(f"{day.year}-{day.month:02d}", "month")[1]


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
