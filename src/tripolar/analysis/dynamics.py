"""Reciprocity and triangularity: who answers whom, read off a vector autoregression.

Goldstein & Freeman (1990, *Three-Way Street*) asked whether the superpowers and China respond to one
another's behaviour, and how. Their method, which this module follows, is Sims's (1980) vector
autoregression: every directed dyad's series is regressed on the recent past of all of them, and the
questions become Granger tests, i.e. whether one series' past improves the prediction of another's
beyond what everything else already predicts. For a series X = A->B three questions are asked:

* **inertia**: does X follow its own past? (the bureaucratic momentum Goldstein & Freeman found to
  dominate great-power behaviour);
* **reciprocity**: does B->A, the other side's behaviour towards A, predict X?
* **triangularity**: do the dyads with a third party C (A->C, C->A, B->C, C->B) predict X, jointly and
  one by one?

A Granger test says whether there is a response, not which way it goes. The direction is read from the
cumulative (non-orthogonalised) impulse response of X to a unit rise in the causing series: the same
sign means a reciprocal answer (cooperation met with cooperation, conflict with conflict), the opposite
sign an inverse one. Since a run makes many tests, Holm's correction is applied over all of them and a
finding counts as evidence only when its adjusted p-value is below ``alpha``.

Alongside: ADF tests per series and the VAR's stability (Granger tests in levels are unreliable for
trending or explosive series; noted, not refused), a portmanteau test of residual whiteness (too few
lags), orthogonalised impulse responses with asymptotic 95% bands, and the forecast error variance
decomposition. Orthogonalisation is by Cholesky decomposition in the model's series order, so a shock
to an earlier series may move later ones within the period but not the reverse.
"""

from __future__ import annotations

import inspect
import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from tripolar.analysis.frame import DyadSeries, dyad_name, parse_dyad
from tripolar.analysis.var import DEFAULT_CRITERION, DEFAULT_MAX_LAGS, FittedVar, fit_var
from tripolar.errors import InputError

KINDS = ("inertia", "reciprocity", "triangularity")
WHITENESS_LAGS = 12
BAND_Z = 1.96  # two-sided 95% normal band


def finite_or_none(value: Any) -> float | None:
    number = float(value)
    return number if math.isfinite(number) else None


def format_p(p: float) -> str:
    return "p < 0.001" if p < 0.001 else f"p = {p:.2g}"


def signed(value: float, scale: float | None = None) -> str:
    """``value`` with its sign and two significant digits (of ``scale`` when given, so that numbers
    printed together share their decimals)."""
    reference = abs(scale if scale is not None else value)
    if not math.isfinite(value):
        return "n/a"
    decimals = 2 if reference == 0 else max(0, 1 - math.floor(math.log10(reference)))
    return f"{value:+.{decimals}f}"


@dataclass(frozen=True)
class Stationarity:
    dyad: str
    adf: float
    p: float
    stationary: bool

    def to_json(self) -> dict[str, Any]:
        return {"dyad": self.dyad, "adf": finite_or_none(self.adf), "p": finite_or_none(self.p),
                "stationary": self.stationary}


@dataclass(frozen=True)
class GrangerTest:
    """Whether ``causing`` Granger-causes ``caused``; ``cumulative_response`` is aligned with ``causing``."""

    caused: str
    causing: tuple[str, ...]
    kind: str
    f: float
    df: tuple[int, int]
    p: float
    p_adjusted: float
    cumulative_response: tuple[float, ...]
    finding: str

    def to_json(self) -> dict[str, Any]:
        return {"caused": self.caused, "causing": list(self.causing), "kind": self.kind, "f": finite_or_none(self.f),
                "df": list(self.df), "p": finite_or_none(self.p), "p_adjusted": finite_or_none(self.p_adjusted),
                "cumulative_response": [finite_or_none(value) for value in self.cumulative_response],
                "finding": self.finding}


@dataclass(frozen=True, eq=False)
class DynamicsResult:
    """Everything :func:`dynamics` found; ``irf_mean``/``irf_stderr`` are (step, response, impulse)
    arrays, ``fevd_shares`` is (series, step, source)."""

    fitted: FittedVar
    measure: str
    alpha: float
    horizon: int
    stationarity: tuple[Stationarity, ...]
    stable: bool
    whiteness: dict[str, Any] | None
    granger: tuple[GrangerTest, ...]
    irf_mean: np.ndarray
    irf_stderr: np.ndarray
    fevd_shares: np.ndarray
    findings: tuple[str, ...]
    notes: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        fitted, dyads = self.fitted, list(self.fitted.dyads)
        return {
            "lags": fitted.lags,
            "lag_selection": {"chosen_by": fitted.chosen_by, "max_lags": fitted.max_lags,
                              "orders": dict(fitted.orders)},
            "periods": fitted.periods, "series": dyads, "measure": self.measure, "alpha": self.alpha,
            "stationarity": [test.to_json() for test in self.stationarity],
            "stable": self.stable, "whiteness": self.whiteness,
            "granger": [test.to_json() for test in self.granger],
            "irf": {"horizon": self.horizon, "orthogonalised": True, "order": dyads,
                    "responses": {response: {impulse: self._band(i, j) for j, impulse in enumerate(dyads)}
                                  for i, response in enumerate(dyads)}},
            "fevd": {"horizon": self.horizon,
                     "shares": {dyad: {source: [finite_or_none(v) for v in self.fevd_shares[i, :, j]]
                                       for j, source in enumerate(dyads)} for i, dyad in enumerate(dyads)}},
            "findings": list(self.findings), "notes": list(self.notes),
        }

    def _band(self, response: int, impulse: int) -> dict[str, list[float | None]]:
        mean, half = self.irf_mean[:, response, impulse], BAND_Z * self.irf_stderr[:, response, impulse]
        return {name: [finite_or_none(value) for value in values]
                for name, values in (("mean", mean), ("lower", mean - half), ("upper", mean + half))}


def plan_tests(dyads: tuple[str, ...]) -> tuple[list[tuple[str, tuple[str, ...], str]], list[str]]:
    """The (caused, causing, kind) tests for every series, and the pairs of series sharing no actor."""
    plan: list[tuple[str, tuple[str, ...], str]] = []
    unrelated: list[str] = []
    for dyad in dyads:
        actors = set(parse_dyad(dyad))
        plan.append((dyad, (dyad,), "inertia"))
        reverse = dyad_name(*reversed(parse_dyad(dyad)))
        if reverse != dyad and reverse in dyads:
            plan.append((dyad, (reverse,), "reciprocity"))
        neighbours = tuple(other for other in dyads if len(actors & set(parse_dyad(other))) == 1)
        if len(neighbours) > 1:  # with one neighbour the joint test is the single one
            plan.append((dyad, neighbours, "triangularity"))
        plan.extend((dyad, (other,), "triangularity") for other in neighbours)
        unrelated.extend(f"{other} on {dyad}" for other in dyads if not actors & set(parse_dyad(other)))
    return plan, unrelated


def describe(caused: str, causing: tuple[str, ...], kind: str, f: float, df: tuple[int, int], p: float,
             p_adjusted: float, responses: tuple[float, ...], alpha: float, horizon: int, tests: int) -> str:
    """The test as a sentence a reader of Goldstein & Freeman would write."""
    statistic = f"F({df[0]}, {df[1]}) = {f:.2f}" if f < 10 else f"F({df[0]}, {df[1]}) = {f:.1f}"
    if kind == "inertia":
        claim = f"{caused} depends on its own past (inertia)"
    else:
        subject = causing[0] if len(causing) == 1 else f"{', '.join(causing[:-1])} and {causing[-1]} jointly"
        claim = f"{subject} Granger-cause{'s' if len(causing) == 1 else ''} {caused} ({kind})"
    if p >= alpha:
        return f"No evidence that {claim}: {statistic}, {format_p(p)}."
    if p_adjusted >= alpha:
        return (f"Weak evidence that {claim}: {statistic}, {format_p(p)}, but not after Holm's correction for "
                f"{tests} tests (adjusted {format_p(p_adjusted)}).")
    return (f"{claim}: {statistic}, {format_p(p)} (Holm-adjusted {format_p(p_adjusted)}); "
            f"{read_response(caused, causing, kind, responses, horizon)}.")


def read_response(caused: str, causing: tuple[str, ...], kind: str, responses: tuple[float, ...],
                  horizon: int) -> str:
    if kind == "inertia":
        return f"a unit shock to it cumulates to {signed(responses[0])} over {horizon} periods"
    if len(causing) > 1:
        parts = ", ".join(f"{name} {signed(value)}" for name, value in zip(causing, responses, strict=True))
        return f"the cumulative responses over {horizon} periods are {parts}"
    value = responses[0]
    text = f"the cumulative response over {horizon} periods is {signed(value)}"
    if kind == "reciprocity":
        reading = "reciprocal (answered in kind)" if value >= 0 else "inverse (cooperation met with conflict " \
                                                                      "and conflict with cooperation)"
    else:
        reading = f"a rise in {causing[0]} {'raises' if value >= 0 else 'lowers'} {caused}"
    return f"{text}: {reading}"


def stationarity_tests(fitted: FittedVar, alpha: float) -> tuple[Stationarity, ...]:
    from statsmodels.tsa.stattools import adfuller

    # statsmodels 0.15 warns unless told which return shape is wanted; 0.14 has no such argument.
    options = {"result_object": True} if "result_object" in inspect.signature(adfuller).parameters else {}
    endog = np.asarray(fitted.results.endog, dtype=float)
    tests = []
    for index, dyad in enumerate(fitted.dyads):
        statistic, p, *_ = adfuller(endog[:, index], autolag="AIC", **options)
        tests.append(Stationarity(dyad, float(statistic), float(p), bool(p < alpha)))
    return tuple(tests)


def whiteness_test(fitted: FittedVar) -> dict[str, Any] | None:
    lags = min(max(fitted.lags + 1, WHITENESS_LAGS), fitted.results.nobs - 1)
    if lags <= fitted.lags:
        return None
    test = fitted.results.test_whiteness(nlags=lags)
    return {"statistic": finite_or_none(test.test_statistic), "p": finite_or_none(test.pvalue), "lags": int(lags)}


def granger_tests(fitted: FittedVar, cumulative: np.ndarray, alpha: float,
                  horizon: int) -> tuple[tuple[GrangerTest, ...], list[str]]:
    from statsmodels.stats.multitest import multipletests

    plan, unrelated = plan_tests(fitted.dyads)
    raw = [fitted.results.test_causality(fitted.index(caused), [fitted.index(name) for name in causing], kind="f")
           for caused, causing, _ in plan]
    adjusted = multipletests([float(test.pvalue) for test in raw], alpha=alpha, method="holm")[1]
    tests = []
    for (caused, causing, kind), test, p_adjusted in zip(plan, raw, adjusted, strict=True):
        responses = tuple(float(cumulative[fitted.index(caused), fitted.index(name)]) for name in causing)
        df = (int(test.df[0]), int(test.df[1]))
        f, p = float(test.test_statistic), float(test.pvalue)
        finding = describe(caused, causing, kind, f, df, p, float(p_adjusted), responses, alpha, horizon, len(plan))
        tests.append(GrangerTest(caused, causing, kind, f, df, p, float(p_adjusted), responses, finding))
    notes = []
    if unrelated:
        notes.append(f"{len(unrelated)} pairs of series share no actor and were not tested (e.g. {unrelated[0]}): "
                     "Goldstein & Freeman's questions are about dyads that share an actor")
    return tuple(tests), notes


def diagnostic_notes(stationarity: tuple[Stationarity, ...], stable: bool, whiteness: dict[str, Any] | None,
                     alpha: float) -> list[str]:
    notes = []
    trending = [test.dyad for test in stationarity if not test.stationary]
    if trending:
        notes.append(f"a unit root cannot be ruled out (ADF p >= {alpha:g}) for {', '.join(trending)}: Granger "
                     "tests in levels may then overstate causation; read them with care")
    if not stable:
        notes.append("the fitted VAR is not stable (a root on or outside the unit circle): its impulse responses "
                     "grow rather than die out, and its tests are unreliable")
    if whiteness is not None and whiteness["p"] is not None and whiteness["p"] < alpha:
        notes.append(f"the residuals are autocorrelated (portmanteau test over {whiteness['lags']} lags, "
                     f"{format_p(whiteness['p'])}): more lags may be needed")
    return notes


def dynamics(series: DyadSeries, lags: int | None = None, *, max_lags: int = DEFAULT_MAX_LAGS,
             criterion: str = DEFAULT_CRITERION, horizon: int = 12, alpha: float = 0.05) -> DynamicsResult:
    """Inertia, reciprocity and triangularity of ``series`` (see the module notes), with the VAR's
    diagnostics, impulse responses and variance decomposition over ``horizon`` periods."""
    if horizon < 1:
        raise InputError(f"the horizon must be at least 1 period, got {horizon}", field="horizon")
    if not 0 < alpha < 1:
        raise InputError(f"alpha must be between 0 and 1, got {alpha}", field="alpha")
    fitted = fit_var(series, lags, max_lags=max_lags, criterion=criterion)
    results = fitted.results
    stationarity = stationarity_tests(fitted, alpha)
    stable = bool(results.is_stable())
    whiteness = whiteness_test(fitted)
    responses = results.irf(horizon)
    granger, granger_notes = granger_tests(fitted, responses.cum_effects[horizon], alpha, horizon)
    significant = [test.finding for test in granger if test.p_adjusted < alpha]
    others = [test.finding for test in granger if not test.p_adjusted < alpha]
    notes = [*fitted.notes, *diagnostic_notes(stationarity, stable, whiteness, alpha), *granger_notes,
             f"impulse responses are orthogonalised by Cholesky decomposition in the order {', '.join(fitted.dyads)}: "
             "a shock to an earlier series may move later ones in the same period, not the reverse; the bands are "
             "asymptotic 95% intervals"]
    return DynamicsResult(fitted, series.measure, alpha, horizon, stationarity, stable, whiteness, granger,
                          np.asarray(responses.orth_irfs), np.asarray(responses.stderr(orth=True)),
                          np.asarray(results.fevd(horizon).decomp), tuple(significant + others), tuple(notes))
