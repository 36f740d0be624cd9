"""Fitting a vector autoregression to dyad series: which series can enter, how many lags, and whether
there are periods enough.

Shared by the dynamics, forecasts and scenarios, so that they read the same model. Two rules from
the design: the lag order is chosen by an information criterion up to an explicit maximum
(statsmodels' default maximum is far too large for six series of a few hundred periods), and a VAR
needs about 5 × (k·p + 1) periods for k series and p lags; with fewer its tests mean little, so it is
refused with what it needs and what it has.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from tripolar.analysis.frame import DyadSeries
from tripolar.errors import AnalysisError

DEFAULT_MAX_LAGS = 6
CRITERIA = ("aic", "bic", "hqic", "fpe")
DEFAULT_CRITERION = "aic"
PERIODS_PER_PARAMETER = 5


def required_periods(series_count: int, lags: int) -> int:
    """Periods with events a VAR of ``series_count`` series and ``lags`` lags needs."""
    return PERIODS_PER_PARAMETER * (series_count * lags + 1)


def periods_with_events(series: DyadSeries) -> int:
    """Periods in which something happened: with events (series from events) or a non-zero value."""
    if series.counts is not None:
        return int((series.counts.to_numpy().sum(axis=1) > 0).sum())
    return int((np.abs(series.values.to_numpy()).sum(axis=1) > 0).sum())


@dataclass(frozen=True)
class FittedVar:
    """A fitted VAR and how it was chosen. ``dyads`` are the series in the model, in its order (those
    without variation are left out, and said so in ``notes``)."""

    results: Any  # statsmodels VARResults
    dyads: tuple[str, ...]
    lags: int
    chosen_by: str  # an information criterion, or "fixed" when the caller gave the lags
    orders: dict[str, int]  # each criterion's choice, up to max_lags
    max_lags: int
    periods: int  # rows fitted
    notes: tuple[str, ...]

    def index(self, dyad: str) -> int:
        return self.dyads.index(dyad)


def fit_var(series: DyadSeries, lags: int | None = None, *, max_lags: int = DEFAULT_MAX_LAGS,
            criterion: str = DEFAULT_CRITERION) -> FittedVar:
    """Fit a VAR to ``series`` with ``lags`` lags, or with the order ``criterion`` picks up to ``max_lags``
    (lowered, and said so, when the periods cannot support it)."""
    from statsmodels.tsa.api import VAR

    if criterion not in CRITERIA:
        raise AnalysisError(f"unknown information criterion '{criterion}': use one of {', '.join(CRITERIA)}")
    if lags is not None and lags < 1:
        raise AnalysisError(f"--lags must be at least 1, got {lags}")
    values = series.values.to_numpy(dtype=float)
    notes: list[str] = []
    keep = [index for index in range(values.shape[1]) if np.ptp(values[:, index]) > 0]
    for index in sorted(set(range(values.shape[1])) - set(keep)):
        notes.append(f"{series.dyads[index]} has no variation (always {values[0, index]:g}): left out of the model")
    if len(keep) < 2:
        raise AnalysisError(f"a VAR needs at least two series that vary; {len(keep)} of {values.shape[1]} do "
                            f"({', '.join(series.dyads) or 'none'})")
    values = values[:, keep]
    dyads = tuple(series.dyads[index] for index in keep)
    series_count = len(dyads)
    active = periods_with_events(series)
    if lags is not None:
        needed = required_periods(series_count, lags)
        if active < needed:
            raise AnalysisError(f"need >= {needed} periods with events for {series_count} series and {lags} lags "
                                f"(5 x ({series_count} x {lags} + 1)), have {active}: use a longer span, a "
                                "shorter period, fewer lags or fewer series")
    else:
        supported = max((p for p in range(1, max_lags + 1) if required_periods(series_count, p) <= active), default=0)
        if supported == 0:
            raise AnalysisError(f"need >= {required_periods(series_count, 1)} periods with events for "
                                f"{series_count} series and 1 lag, have {active}: use a longer span, a shorter "
                                "period or fewer series")
        if supported < max_lags:
            notes.append(f"lag search capped at {supported} (of {max_lags}): {active} periods with events "
                         f"support no more for {series_count} series")
            max_lags = supported
    model = VAR(values)
    selection = model.select_order(max_lags)
    orders = {name: int(order) for name, order in selection.selected_orders.items()}
    if lags is None:
        # An order of 0 (no dynamics at all) is not a VAR: the smallest model is kept and the choice reported.
        lags, chosen_by = max(1, orders[criterion]), criterion
    else:
        chosen_by = "fixed"
    results = model.fit(lags)
    return FittedVar(results, dyads, lags, chosen_by, orders, max_lags, len(values), tuple(notes))
