"""Forecasts of every directed dyad from the VAR, and a backtest that says whether they beat naive rules.

**The forecast** is the VAR of :func:`tripolar.analysis.var.fit_var` fitted on all periods (lag order by
AIC unless given), iterated ``horizon`` periods ahead, with Gaussian prediction intervals at ``level``
from the model's residual covariance. The intervals take the coefficients as known, so they are
somewhat too narrow in short series: the backtest measures by how much (coverage). A dyad without
variation is left out of the model and forecast as its constant.

**The backtest** asks how these forecasts would have done. At up to ``origins`` forecast origins t,
spread evenly from the first one with ``min_train`` periods behind it to the last one with ``horizon``
periods after it, the VAR is refitted on periods [0, t) and its forecasts for t … t+horizon−1 are
compared with what happened. The lag order stays at the full fit's: choosing it again at every
origin would be slower and would make the origins' models differ in more than their data. The default
``min_train`` is the least the VAR accepts (5 periods per coefficient of one equation); an origin whose
training periods have too few events is skipped and counted in the notes.

Three baselines face the same origins: **persistence** (the last value; hard to beat for anything
close to a random walk), the **historical mean** of the training periods (hard to beat for noise), and
an **AR(1)** per series fitted by least squares (each dyad's own inertia, without the other dyads).
Scores are MAE and RMSE over all origins, steps and dyads, and the interval coverage (share of outcomes
inside the VAR's intervals). Skill against a baseline is ``1 − MAE_VAR / MAE_baseline``: positive when
the VAR is better, negative when it is worse. The verdicts state what was measured, including losses:
a VAR of event series often loses to persistence, and a user should know before trusting its paths.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

import numpy as np

from tripolar.analysis.frame import DyadSeries
from tripolar.analysis.series import PERIODS, period_bounds, period_label
from tripolar.analysis.var import DEFAULT_MAX_LAGS, FittedVar, fit_var, required_periods
from tripolar.errors import AnalysisError, InputError

BASELINES = ("persistence", "mean", "ar1")
MODELS = ("var", *BASELINES)
_NAMES = {"persistence": "persistence", "mean": "the historical mean", "ar1": "AR(1)"}
# Only this spelling: Python's fromisoformat also reads "2020-W03", which is an ISO week, not a day.
_CALENDAR_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Coverage within this distance of the nominal level is read as as-claimed: with a few hundred
# correlated outcomes, a few points either way is sampling noise.
COVERAGE_TOLERANCE = 0.05


@dataclass(frozen=True)
class Backtest:
    """Rolling-origin scores of the VAR and the baselines (see the module notes)."""

    origins: int
    min_train: int
    first_origin: str  # the first period forecast from the first origin
    last_origin: str
    scores: dict[str, dict[str, float | None]]
    by_dyad: dict[str, dict[str, Any]]
    by_step: dict[str, list[float | None]]  # MAE per step ahead, per model
    skill: dict[str, float | None]
    verdicts: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"origins": self.origins, "min_train": self.min_train, "first_origin": self.first_origin,
                "last_origin": self.last_origin, "scores": self.scores, "by_dyad": self.by_dyad,
                "by_step": self.by_step, "skill": self.skill, "verdicts": list(self.verdicts)}


@dataclass(frozen=True)
class ForecastResult:
    horizon: int
    level: float
    lags: int
    lags_chosen_by: str
    forecasts: dict[str, list[dict[str, Any]]]
    backtest: Backtest | None
    notes: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"horizon": self.horizon, "level": self.level, "lags": self.lags, "lags_chosen_by": self.lags_chosen_by,
                "forecasts": self.forecasts, "backtest": self.backtest.to_json() if self.backtest else None,
                "notes": list(self.notes)}


def forecast(series: DyadSeries, horizon: int = 6, *, lags: int | None = None, max_lags: int = DEFAULT_MAX_LAGS,
             level: float = 0.9, origins: int = 24, min_train: int | None = None) -> ForecastResult:
    """VAR forecasts ``horizon`` periods ahead with ``level`` intervals, and their rolling-origin backtest."""
    _check_options(horizon, level, origins, min_train)
    fitted = fit_var(series, lags, max_lags=max_lags)
    values = series.values.to_numpy(dtype=float)
    mean, lower, upper = var_paths(fitted, series.dyads, values, horizon, 1 - level)
    labels, label_note = future_labels(series.periods, series.period, horizon)
    forecasts = {dyad: [{"period": label, "mean": float(mean[step, column]), "lower": float(lower[step, column]),
                         "upper": float(upper[step, column])} for step, label in enumerate(labels)]
                 for column, dyad in enumerate(series.dyads)}
    backtest, backtest_notes = rolling_backtest(series, fitted, horizon, level, origins, min_train)
    notes = [*fitted.notes, *([label_note] if label_note else []), *backtest_notes]
    return ForecastResult(horizon, level, fitted.lags, fitted.chosen_by, forecasts, backtest, tuple(notes))


def _check_options(horizon: int, level: float, origins: int, min_train: int | None) -> None:
    if horizon < 1:
        raise InputError(f"the horizon must be at least 1 period, got {horizon}", field="horizon")
    if not 0 < level < 1:
        raise InputError(f"the interval level must be between 0 and 1 (e.g. 0.9), got {level}", field="level")
    if origins < 1:
        raise InputError(f"the backtest needs at least 1 origin, got {origins}", field="origins")
    if min_train is not None and min_train < 2:
        raise InputError(f"min_train must be at least 2 periods, got {min_train}", field="min_train")


def var_paths(fitted: FittedVar, dyads: list[str], values: np.ndarray, horizon: int,
              alpha: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mean, lower and upper forecast (horizon × dyads) after ``values``; dyads left out of the model
    (no variation) stay at their last value."""
    mean = np.tile(values[-1], (horizon, 1))
    lower, upper = mean.copy(), mean.copy()
    columns = [dyads.index(dyad) for dyad in fitted.dyads]
    recent = values[-fitted.lags:, columns]
    point, low, high = fitted.results.forecast_interval(recent, horizon, alpha=alpha)
    mean[:, columns], lower[:, columns], upper[:, columns] = point, low, high
    return mean, lower, upper


def future_labels(periods: list[str], period: str | None, horizon: int) -> tuple[list[str], str]:
    """Labels continuing ``periods`` (month, quarter, ISO week or date), else "+1", "+2", …; and a note
    when the labels of a known period do not parse."""
    numbered = [f"+{step}" for step in range(1, horizon + 1)]
    if period not in PERIODS or not periods:
        return numbered, ""
    labels, last = [], periods[-1]
    try:
        for _ in range(horizon):
            last = _next_label(last, period)
            labels.append(last)
    except InputError:
        return numbered, f"'{periods[-1]}' is not a {period} label: forecast periods are numbered +1, +2, …"
    return labels, ""


def _next_label(label: str, period: str) -> str:
    # Weeks may be labelled by their first day rather than ISO week: keep the series' own style.
    if period == "week" and _CALENDAR_DATE.fullmatch(label):
        return (date.fromisoformat(label) + timedelta(days=7)).isoformat()
    _, end = period_bounds(label, period)
    return period_label(end + timedelta(days=1), period)


def backtest_origins(periods: int, horizon: int, first: int, wanted: int) -> list[int]:
    """Up to ``wanted`` origins (training lengths), evenly spread from ``first`` to the last one that
    still has ``horizon`` periods to compare."""
    last = periods - horizon
    if last < first:
        return []
    if last - first + 1 <= wanted:
        return list(range(first, last + 1))
    return sorted({int(round(position)) for position in np.linspace(first, last, wanted)})


def rolling_backtest(series: DyadSeries, fitted: FittedVar, horizon: int, level: float, wanted: int,
                     min_train: int | None) -> tuple[Backtest | None, list[str]]:
    """The backtest (see the module notes), or None and why."""
    first = min_train if min_train is not None else required_periods(len(fitted.dyads), fitted.lags)
    candidates = backtest_origins(len(series.periods), horizon, first, wanted)
    if not candidates:
        return None, [f"no backtest: {len(series.periods)} periods leave no origin with {first} training periods "
                      f"and {horizon} to compare (needs {first + horizon})"]
    values = series.values.to_numpy(dtype=float)
    paths: dict[str, list[np.ndarray]] = {name: [] for name in (*MODELS, "lower", "upper", "actual")}
    used, skipped, reason = [], 0, ""
    for origin in candidates:
        train = _head(series, origin)
        try:
            model = fit_var(train, fitted.lags, max_lags=fitted.lags)
            predicted = var_paths(model, series.dyads, values[:origin], horizon, 1 - level)
        except (AnalysisError, np.linalg.LinAlgError) as error:
            skipped, reason = skipped + 1, str(error)
            continue
        used.append(origin)
        for name, path in zip(("var", "lower", "upper"), predicted, strict=True):
            paths[name].append(path)
        for name, path in baseline_paths(values[:origin], horizon).items():
            paths[name].append(path)
        paths["actual"].append(values[origin:origin + horizon])
    notes = [f"backtest: {skipped} of {len(candidates)} origins skipped ({reason})"] if skipped else []
    if not used:
        return None, [f"no backtest: no origin could be fitted ({reason})"]
    stacked = {name: np.stack(found) for name, found in paths.items()}
    modelled = [series.dyads.index(dyad) for dyad in fitted.dyads]
    return _summarise(stacked, series, modelled, used, first, horizon, level), notes


def _head(series: DyadSeries, length: int) -> DyadSeries:
    counts = series.counts.iloc[:length] if series.counts is not None else None
    return replace(series, values=series.values.iloc[:length], counts=counts)


def baseline_paths(history: np.ndarray, horizon: int) -> dict[str, np.ndarray]:
    """Persistence, historical mean and per-series AR(1) forecasts (horizon × series) after ``history``."""
    return {"persistence": np.tile(history[-1], (horizon, 1)), "mean": np.tile(history.mean(axis=0), (horizon, 1)),
            "ar1": _ar1_paths(history, horizon)}


def _ar1_paths(history: np.ndarray, horizon: int) -> np.ndarray:
    previous, current = history[:-1], history[1:]
    spread = previous.var(axis=0)
    covariance = ((previous - previous.mean(axis=0)) * (current - current.mean(axis=0))).mean(axis=0)
    # A series that never moved has no slope to estimate: it stays where it is.
    slope = np.divide(covariance, spread, out=np.zeros_like(spread), where=spread > 0)
    intercept = np.where(spread > 0, current.mean(axis=0) - slope * previous.mean(axis=0), history[-1])
    paths, last = [], history[-1]
    for _ in range(horizon):
        last = intercept + slope * last
        paths.append(last)
    return np.array(paths)


def _scores(predicted: np.ndarray, actual: np.ndarray, lower: np.ndarray | None = None,
            upper: np.ndarray | None = None) -> dict[str, float | None]:
    errors = predicted - actual
    inside = None if lower is None else float(np.mean((actual >= lower) & (actual <= upper)))
    return {"mae": float(np.mean(np.abs(errors))), "rmse": float(np.sqrt(np.mean(errors ** 2))), "coverage": inside}


def skill_score(model_mae: float | None, baseline_mae: float | None) -> float | None:
    """1 − MAE_model / MAE_baseline; None when the baseline makes no error at all."""
    if model_mae is None or not baseline_mae:
        return None
    return 1 - model_mae / baseline_mae


def _summarise(paths: dict[str, np.ndarray], series: DyadSeries, modelled: list[int], used: list[int], first: int,
               horizon: int, level: float) -> Backtest:
    """Scores overall (over the dyads in the model: a constant dyad's perfect forecasts would flatter the
    coverage), per dyad and per step ahead; skills and verdicts."""
    actual = paths["actual"]

    def scored(selection: Any) -> dict[str, dict[str, float | None]]:
        found = {name: _scores(paths[name][selection], actual[selection]) for name in BASELINES}
        var = _scores(paths["var"][selection], actual[selection], paths["lower"][selection], paths["upper"][selection])
        return {"var": var, **found}

    scores = scored(np.s_[:, :, modelled])
    skill = {name: skill_score(scores["var"]["mae"], scores[name]["mae"]) for name in BASELINES}
    by_dyad = {}
    for column, dyad in enumerate(series.dyads):
        dyad_scores = scored(np.s_[:, :, column])
        dyad_skill = {name: skill_score(dyad_scores["var"]["mae"], dyad_scores[name]["mae"]) for name in BASELINES}
        by_dyad[dyad] = {**dyad_scores, "skill": dyad_skill}
    errors = {name: np.abs(paths[name] - actual)[:, :, modelled] for name in MODELS}
    by_step = {name: [float(found[:, step].mean()) for step in range(horizon)] for name, found in errors.items()}
    verdicts = _verdicts(scores, skill, by_dyad, horizon, level, errors["var"].size, len(used))
    return Backtest(len(used), first, series.periods[used[0]], series.periods[used[-1]], scores, by_dyad, by_step,
                    skill, tuple(verdicts))


def _number(value: float | None, digits: int = 3) -> str:
    return "n/a" if value is None else f"{value:.{digits}g}".replace("-", "−")


def _verdicts(scores: dict[str, dict[str, float | None]], skill: dict[str, float | None],
              by_dyad: dict[str, dict[str, Any]], horizon: int, level: float, outcomes: int, origins: int) -> list[str]:
    span = "1-period" if horizon == 1 else f"1–{horizon} period"
    var_mae = scores["var"]["mae"]
    sentences = []
    for name in BASELINES:
        value = skill[name]
        if value is None:
            sentences.append(f"{_NAMES[name].capitalize()} made no error at all: no skill can be measured against it.")
            continue
        winner = "the VAR wins" if value > 0 else f"{_NAMES[name]} wins" if value < 0 else "a tie"
        sentences.append(f"The VAR's {span} forecasts have MAE {_number(var_mae)} against {_NAMES[name]}'s "
                         f"{_number(scores[name]['mae'])}: {winner} (skill {_number(value, 2)}).")
    measured = {dyad: found["skill"]["persistence"] for dyad, found in by_dyad.items()
                if found["skill"]["persistence"] is not None}
    better = [dyad for dyad, value in measured.items() if value > 0]
    sentences.append(f"Dyad by dyad, the VAR beats persistence on {len(better)} of {len(measured)}"
                     + (f" ({', '.join(better)})." if better else "."))
    coverage = scores["var"]["coverage"] or 0.0
    judgement = ("too narrow" if coverage < level - COVERAGE_TOLERANCE
                 else "wider than needed" if coverage > level + COVERAGE_TOLERANCE else "about as claimed")
    sentences.append(f"Its {level:.0%} intervals held {coverage:.0%} of {outcomes} outcomes ({origins} origins): "
                     f"{judgement}.")
    return sentences
