"""Reciprocity and triangularity: found where a simulated VAR puts them, absent where it does not, and
the literature's reciprocity in the Israel–Palestine series."""

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tripolar.analysis.dynamics import GrangerTest, dynamics, format_p, plan_tests
from tripolar.analysis.frame import DyadSeries, read_series_csv, triangle_dyads
from tripolar.errors import AnalysisError

SERIES_DIR = Path(__file__).resolve().parents[3] / "shared" / "eval" / "series"
TEST_KEYS = {"caused", "causing", "kind", "f", "df", "p", "p_adjusted", "cumulative_response", "finding"}


def shared_series(name: str) -> DyadSeries:
    path = SERIES_DIR / name
    if not path.exists():
        pytest.skip(f"../shared is not beside the repo: {path} is missing")
    return read_series_csv(path)


def simulate_var(coefficients: np.ndarray, dyads: list[str], periods: int = 400, seed: int = 1) -> DyadSeries:
    """A VAR(1) y_t = A y_{t-1} + e_t with standard normal e_t; A[i, j] is the effect of series j on series i."""
    rng = np.random.default_rng(seed)
    burn_in = 100  # start away from zero, from the process's own distribution
    values = np.zeros((periods + burn_in, len(dyads)))
    for step in range(1, len(values)):
        values[step] = coefficients @ values[step - 1] + rng.standard_normal(len(dyads))
    labels = [f"t{step:05d}" for step in range(periods)]
    return DyadSeries(pd.DataFrame(values[burn_in:], index=labels, columns=dyads), "simulated")


def granger(result, caused: str, causing: list[str], kind: str) -> GrangerTest:
    matches = [test for test in result.granger
               if test.caused == caused and list(test.causing) == causing and test.kind == kind]
    assert len(matches) == 1, f"expected one {kind} test of {causing} on {caused}"
    return matches[0]


@pytest.mark.parametrize(("effect", "reading"), [(0.5, "reciprocal"), (-0.5, "inverse")])
def test_reciprocity_is_found_in_the_direction_the_simulation_puts_it(effect, reading):
    # B->A answers A->B's last period; A->B ignores B->A.
    coefficients = np.array([[0.5, 0.0], [effect, 0.3]])
    result = dynamics(simulate_var(coefficients, ["A->B", "B->A"]), lags=1)
    answered = granger(result, "B->A", ["A->B"], "reciprocity")
    ignored = granger(result, "A->B", ["B->A"], "reciprocity")
    assert answered.p < 0.01 and answered.p_adjusted < 0.05
    assert ignored.p > 0.05
    assert np.sign(answered.cumulative_response[0]) == np.sign(effect)
    assert answered.finding.startswith("A->B Granger-causes B->A (reciprocity)") and reading in answered.finding
    assert ignored.finding.startswith("No evidence that B->A Granger-causes A->B (reciprocity)")
    assert result.findings[0] in {test.finding for test in result.granger if test.p_adjusted < 0.05}


def test_a_third_party_driving_a_dyad_is_triangularity():
    dyads = triangle_dyads(("A", "B", "C"))  # A->B, B->A, A->C, C->A, B->C, C->B
    coefficients = np.diag([0.3] * 6)
    coefficients[dyads.index("A->B"), dyads.index("C->A")] = 0.5
    result = dynamics(simulate_var(coefficients, dyads), lags=1)
    neighbours = ["A->C", "C->A", "B->C", "C->B"]
    joint = granger(result, "A->B", neighbours, "triangularity")
    single = granger(result, "A->B", ["C->A"], "triangularity")
    assert joint.p_adjusted < 0.01 and single.p_adjusted < 0.01
    assert single.cumulative_response[0] > 0 and "a rise in C->A raises A->B" in single.finding
    assert len(joint.cumulative_response) == 4
    assert granger(result, "A->B", ["B->C"], "triangularity").p > 0.05
    assert granger(result, "A->B", ["B->A"], "reciprocity").p > 0.05


def test_each_dyad_gets_inertia_reciprocity_and_its_third_parties():
    plan, unrelated = plan_tests(tuple(triangle_dyads(("A", "B", "C"))))
    on_a_to_b = [(causing, kind) for caused, causing, kind in plan if caused == "A->B"]
    assert on_a_to_b == [(("A->B",), "inertia"), (("B->A",), "reciprocity"),
                         (("A->C", "C->A", "B->C", "C->B"), "triangularity"), (("A->C",), "triangularity"),
                         (("C->A",), "triangularity"), (("B->C",), "triangularity"), (("C->B",), "triangularity")]
    assert len(plan) == 6 * 7 and not unrelated
    plan, unrelated = plan_tests(("A->B", "B->A", "C->D"))
    assert all(kind != "triangularity" for _, _, kind in plan)
    assert "C->D on A->B" in unrelated and "A->B on C->D" in unrelated


def test_the_json_is_plain_and_complete():
    coefficients = np.array([[0.5, 0.2, 0.0], [0.3, 0.4, 0.0], [0.0, 0.0, 0.6]])
    result = dynamics(simulate_var(coefficients, ["A->B", "B->A", "A->C"], periods=300), lags=2, horizon=8)
    document = json.loads(json.dumps(result.to_json(), allow_nan=False))
    assert document["lags"] == 2 and document["lag_selection"]["chosen_by"] == "fixed"
    assert document["series"] == ["A->B", "B->A", "A->C"] and document["periods"] == 300
    assert all(set(test) == TEST_KEYS for test in document["granger"])
    assert all(len(test["cumulative_response"]) == len(test["causing"]) for test in document["granger"])
    assert [entry["dyad"] for entry in document["stationarity"]] == document["series"]
    assert all(entry["stationary"] for entry in document["stationarity"])
    assert document["stable"] is True and document["whiteness"]["lags"] > 2
    band = document["irf"]["responses"]["B->A"]["A->B"]
    assert len(band["mean"]) == 9 and document["irf"]["order"] == document["series"]
    assert all(low <= mid <= high for low, mid, high in zip(band["lower"], band["mean"], band["upper"], strict=True))
    shares = document["fevd"]["shares"]["B->A"]
    assert np.allclose(np.sum([shares[source] for source in document["series"]], axis=0), 1.0)
    assert len(document["findings"]) == len(document["granger"])


def test_too_few_periods_is_a_clear_analysis_error():
    short = simulate_var(np.array([[0.5, 0.0], [0.3, 0.3]]), ["A->B", "B->A"], periods=10)
    with pytest.raises(AnalysisError, match=r"need >= 15 periods with events .*have 10"):
        dynamics(short, lags=1)
    with pytest.raises(AnalysisError, match=r"need >= 15 periods with events .*have 10"):
        dynamics(short)


def test_p_values_read_as_a_political_scientist_writes_them():
    assert format_p(0.0004) == "p < 0.001"
    assert format_p(0.6612) == "p = 0.66"
    assert format_p(0.01234) == "p = 0.012"


@pytest.mark.slow
def test_israel_and_palestine_reciprocate_both_ways():
    # Goldstein & Pevehouse, and Brandt & Freeman, report reciprocity in both directions in these data.
    result = dynamics(shared_series("msbvar_israel_palestine_weekly.csv"), lags=6)
    assert result.fitted.dyads == ("ISR->PAL", "PAL->ISR")
    for caused, causing in (("ISR->PAL", "PAL->ISR"), ("PAL->ISR", "ISR->PAL")):
        test = granger(result, caused, [causing], "reciprocity")
        assert test.p < 0.001 and test.df[0] == 6
        assert test.cumulative_response[0] > 0, "cooperation is answered with cooperation"
    json.dumps(result.to_json(), allow_nan=False)


@pytest.mark.slow
def test_the_balkans_triangle_gets_triangularity_tests():
    result = dynamics(shared_series("keds_balkans_weekly_goldstein.csv"))
    triangular = [test for test in result.granger if test.kind == "triangularity"]
    assert len(triangular) == 6 * 5  # per dyad: one joint test of four third-party dyads, and each alone
    assert {len(test.causing) for test in triangular} == {1, 4}
    assert not any("share no actor" in note for note in result.notes)
    json.dumps(result.to_json(), allow_nan=False)


@pytest.mark.slow
def test_copdab_runs_and_notes_the_dyads_sharing_no_actor():
    result = dynamics(shared_series("lebo_moore_copdab_monthly.csv"))
    assert any("share no actor" in note for note in result.notes)
    assert not any(test.caused == "EGY->ISR" and "USA->USSR" in test.causing for test in result.granger)
    granger(result, "USSR->USA", ["USA->USSR"], "reciprocity")
    json.dumps(result.to_json(), allow_nan=False)
