"""What if one relation changed? A sustained shock to one directed dyad, traced through the fitted VAR.

A scenario such as ``USA->RUS:+2:6`` holds US behaviour towards Russia 2 points above the path it
would otherwise have taken for 6 periods, and asks how the other relations move. Because a VAR (Sims
1980) is linear, the answer does not depend on where the series start: it is the deviation from the
baseline forecast, and it follows from the lag coefficients alone. Writing r_t for the deviations at
period t (zero before the shock), r_t = A_1 r_{t-1} + ... + A_p r_{t-p}, except that the shocked
series' deviation is set to the shift while the shock lasts. Afterwards it evolves freely, pulled by
its own past and by the others' answers, which is how Goldstein & Freeman (1990) read the feedback in
a triangle.

The shock is imposed on the path, not through the residual covariance: the other series do not move
in period 0, and their responses come only through the lags. How sure the responses are is simulated:
coefficient sets are drawn from the asymptotic normal distribution of the VAR's estimates, each is run
through the same recursion, and the central ``level`` share of the draws is reported. The intervals
thus cover uncertainty about the coefficients, not the future shocks that will also move the series.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from tripolar.analysis.dynamics import finite_or_none, signed
from tripolar.analysis.frame import DyadSeries, dyad_name, parse_dyad
from tripolar.analysis.var import DEFAULT_CRITERION, DEFAULT_MAX_LAGS, FittedVar, fit_var
from tripolar.errors import InputError

SHOCK_FORM = "DYAD:SHIFT:PERIODS, e.g. USA->RUS:+2:6 (USA->RUS held 2 above its baseline for 6 periods)"
MIN_HORIZON = 12


@dataclass(frozen=True)
class Shock:
    dyad: str
    shift: float
    periods: int

    def to_json(self) -> dict[str, Any]:
        return {"dyad": self.dyad, "shift": self.shift, "periods": self.periods}

    def __str__(self) -> str:
        return f"{self.dyad}:{self.shift:+g}:{self.periods}"


def parse_shock(text: str) -> Shock:
    """``"USA->RUS:+2:6"`` → ``Shock("USA->RUS", 2.0, 6)``."""
    parts = text.strip().rsplit(":", 2)
    problem = None
    if len(parts) != 3:
        problem = "it needs three parts separated by ':'"
    else:
        dyad, shift_text, periods_text = (part.strip() for part in parts)
        try:
            source, target = parse_dyad(dyad)
            shift = float(shift_text)
            periods = int(periods_text)
        except (InputError, ValueError):
            problem = "the dyad, the shift or the number of periods cannot be read"
        else:
            if not math.isfinite(shift):
                problem = "the shift must be a finite number"
            elif periods < 1:
                problem = "the shock must last at least 1 period"
    if problem:
        raise InputError(f"'{text}' is not a shock ({problem}): write {SHOCK_FORM}", field="shock")
    return Shock(dyad_name(source, target), shift, periods)


@dataclass(frozen=True, eq=False)
class ScenarioResult:
    """Deviations from the baseline, (period 0..horizon, series) arrays in the order of ``dyads``."""

    shock: Shock
    horizon: int
    lags: int
    level: float
    draws: int
    dyads: tuple[str, ...]
    mean: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    summary: tuple[str, ...]
    notes: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        def column(values: np.ndarray, index: int) -> list[float | None]:
            return [finite_or_none(value) for value in values[:, index]]

        return {"shock": self.shock.to_json(), "horizon": self.horizon, "lags": self.lags, "level": self.level,
                "draws": self.draws,
                "responses": {dyad: {"mean": column(self.mean, i), "lower": column(self.lower, i),
                                     "upper": column(self.upper, i)} for i, dyad in enumerate(self.dyads)},
                "summary": list(self.summary), "notes": list(self.notes)}


def shock_response(coefs: np.ndarray, shocked: int, shift: float, periods: int, horizon: int) -> np.ndarray:
    """Deviations from baseline for periods 0..horizon. ``coefs`` holds the lag matrices A_1..A_p as
    (..., p, K, K), any leading axes (e.g. draws) carried through to the result (..., horizon + 1, K)."""
    lags, count = coefs.shape[-3], coefs.shape[-1]
    # ``path`` starts with ``lags`` periods of zeros: before the shock there is no deviation.
    path = np.zeros((*coefs.shape[:-3], lags + horizon + 1, count))
    for step in range(horizon + 1):
        recent = path[..., step:step + lags, :][..., ::-1, :]  # deviations at t-1, t-2, ..., t-p
        current = np.einsum("...lij,...lj->...i", coefs, recent)
        if step < periods:
            current[..., shocked] = shift
        path[..., lags + step, :] = current
    return path[..., lags:, :]


def lag_matrices(params: np.ndarray, deterministic: int, lags: int) -> np.ndarray:
    """statsmodels' parameter table(s) (..., deterministic + K·p, K) as lag matrices (..., p, K, K)."""
    count = params.shape[-1]
    stacked = params[..., deterministic:, :].reshape(*params.shape[:-2], lags, count, count)
    return np.swapaxes(stacked, -1, -2)


def draw_coefficients(fitted: FittedVar, draws: int, seed: int) -> np.ndarray:
    """``draws`` sets of lag matrices from the estimates' asymptotic normal distribution."""
    results = fitted.results
    params = np.asarray(results.params, dtype=float)
    covariance = np.asarray(results.cov_params(), dtype=float)
    # cov_params is ordered as params row by row; an eigen-factor (not Cholesky) tolerates a covariance
    # that rounding has left a hair short of positive definite.
    eigenvalues, eigenvectors = np.linalg.eigh((covariance + covariance.T) / 2)
    factor = eigenvectors * np.sqrt(np.clip(eigenvalues, 0, None))
    noise = np.random.default_rng(seed).standard_normal((draws, params.size))
    sampled = (params.ravel() + noise @ factor.T).reshape(draws, *params.shape)
    return lag_matrices(sampled, int(results.k_exog), fitted.lags)


def describe(dyad: str, at: int, mean: float, lower: float, upper: float, level: float) -> str:
    scale = max(abs(mean), abs(lower), abs(upper))
    if lower > 0:
        reading = "a clear rise"
    elif upper < 0:
        reading = "a clear fall"
    else:
        reading = "no clear response"
    return (f"{dyad}: {signed(mean, scale)} after {at} period{'s' if at != 1 else ''} ({level * 100:g}% interval "
            f"{signed(lower, scale)} to {signed(upper, scale)}): {reading}.")


def check_settings(horizon: int, draws: int, level: float) -> None:
    if horizon < 1:
        raise InputError(f"the horizon must be at least 1 period, got {horizon}", field="horizon")
    if draws < 2:
        raise InputError(f"at least 2 simulation draws are needed for an interval, got {draws}", field="draws")
    if not 0 < level < 1:
        raise InputError(f"the interval level must be between 0 and 1, got {level}", field="level")


def scenario(series: DyadSeries, shock: Shock | str, *, lags: int | None = None, max_lags: int = DEFAULT_MAX_LAGS,
             criterion: str = DEFAULT_CRITERION, horizon: int | None = None, draws: int = 500, level: float = 0.9,
             seed: int = 0) -> ScenarioResult:
    """The response of every series to ``shock`` over ``horizon`` periods (default: twice the shock's
    length, at least 12), with ``level`` intervals from ``draws`` simulated coefficient sets."""
    shock = parse_shock(shock) if isinstance(shock, str) else shock
    horizon = max(2 * shock.periods, MIN_HORIZON) if horizon is None else horizon
    check_settings(horizon, draws, level)
    if shock.dyad not in series.dyads:
        raise InputError(f"no series for the shocked dyad {shock.dyad}; there are: {', '.join(series.dyads)}",
                         field="shock")
    fitted = fit_var(series, lags, max_lags=max_lags, criterion=criterion)
    if shock.dyad not in fitted.dyads:
        raise InputError(f"{shock.dyad} never varies, so the model has nothing to say about shocking it; the "
                         f"series in the model are: {', '.join(fitted.dyads)}", field="shock")
    shocked = fitted.index(shock.dyad)
    point = shock_response(np.asarray(fitted.results.coefs), shocked, shock.shift, shock.periods, horizon)
    simulated = shock_response(draw_coefficients(fitted, draws, seed), shocked, shock.shift, shock.periods, horizon)
    lower, upper = np.quantile(simulated, [(1 - level) / 2, (1 + level) / 2], axis=0)
    at = min(shock.periods, horizon)
    summary = tuple(describe(dyad, at, point[at, i], lower[at, i], upper[at, i], level)
                    for i, dyad in enumerate(fitted.dyads) if i != shocked)
    notes = [*fitted.notes,
             f"responses are deviations from the baseline forecast, in the units of the series ({series.measure}), "
             f"with {shock.dyad} held {shock.shift:+g} above its baseline in periods 0 to {shock.periods - 1}",
             "the shock is imposed on the path, not through the residual correlations, so the other series first "
             "move in period 1",
             f"the {level * 100:g}% intervals come from {draws} coefficient sets drawn from the estimates' asymptotic "
             "distribution: they cover uncertainty about the model, not future events"]
    if not fitted.results.is_stable():
        notes.append("the fitted VAR is not stable: its responses grow instead of dying out, so read them as a "
                     "warning about the model rather than a forecast")
    return ScenarioResult(shock, horizon, fitted.lags, level, draws, fitted.dyads, point, lower, upper, summary,
                          tuple(notes))
