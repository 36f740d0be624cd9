"""Scenarios: a sustained shock traced through a VAR whose true coefficients are known."""

import json
import math

import numpy as np
import pytest

from tests.analysis.test_dynamics import simulate_var
from tripolar.analysis.scenario import Shock, parse_shock, scenario
from tripolar.errors import InputError

DYADS = ["USA->RUS", "RUS->USA", "CHN->RUS"]
# Russia answers the US; China's behaviour towards Russia follows both. Stable (largest root about 0.62).
TRUE = np.array([[0.5, 0.1, 0.0],
                 [0.4, 0.3, 0.0],
                 [0.3, 0.2, 0.4]])
PERIODS = 10_000


@pytest.fixture(scope="module")
def known():
    return simulate_var(TRUE, DYADS, periods=PERIODS, seed=7)


def test_responses_match_the_true_coefficients(known):
    shift, shocked = 2.0, 0
    result = scenario(known, "USA->RUS:+2:3", lags=1)
    others = [1, 2]
    after_one = TRUE[others, shocked] * shift
    after_two = TRUE[others, shocked] * shift + TRUE[np.ix_(others, others)] @ after_one
    # With unit innovations every lagged series keeps a variance of at least 1 given the others, so each
    # OLS coefficient has a standard error of about 1/sqrt(T) or less (0.01 here); a response after one
    # period is one coefficient times the shift, after two about two coefficients' worth: four standard
    # errors each, so a correct recursion fails by chance almost never, while releasing the shock after
    # period 0 misses the two-period values by about 0.3.
    tolerance = 4 * shift / math.sqrt(PERIODS)
    assert np.allclose(result.mean[1, others], after_one, atol=tolerance, rtol=0)
    assert np.allclose(result.mean[2, others], after_two, atol=2 * tolerance, rtol=0)
    assert np.all(result.mean[0, others] == 0), "the shock reaches the others only through the lags"


def test_the_shocked_series_is_held_while_the_shock_lasts_then_evolves_freely(known):
    result = scenario(known, "USA->RUS:+2:3", lags=1)
    assert np.all(result.mean[:3, 0] == 2.0)
    assert np.all(result.lower[:3, 0] == 2.0) and np.all(result.upper[:3, 0] == 2.0)
    after_two = result.mean[2]
    freely = TRUE[0] @ after_two  # its own decay plus Russia's answer
    assert result.mean[3, 0] == pytest.approx(freely, abs=3 * 4 * 2 / math.sqrt(PERIODS))
    assert result.mean[3, 0] < 2.0


def test_the_interval_contains_the_point_response(known):
    result = scenario(known, Shock("RUS->USA", -1.5, 2), lags=1, level=0.9, draws=400)
    assert np.all(result.lower <= result.mean) and np.all(result.mean <= result.upper)
    assert np.any(result.upper - result.lower > 0)


def test_defaults_summary_and_json(known):
    result = scenario(known, "USA->RUS:+2:8", lags=1, seed=3)
    document = json.loads(json.dumps(result.to_json(), allow_nan=False))
    assert document["horizon"] == 16 and document["lags"] == 1 and document["level"] == 0.9
    assert document["shock"] == {"dyad": "USA->RUS", "shift": 2.0, "periods": 8}
    assert set(document["responses"]) == set(DYADS)
    assert all(len(band[key]) == 17 for band in document["responses"].values() for key in ("mean", "lower", "upper"))
    assert len(document["summary"]) == 2
    russia = document["summary"][0]
    assert russia.startswith("RUS->USA: +") and "after 8 periods (90% interval" in russia and "a clear rise" in russia
    assert scenario(known, "USA->RUS:+2:2", lags=1).horizon == 12
    again = scenario(known, "USA->RUS:+2:8", lags=1, seed=3)
    assert np.array_equal(again.lower, result.lower)


def test_a_shock_string_is_read():
    assert parse_shock("USA->RUS:+2:6") == Shock("USA->RUS", 2.0, 6)
    assert parse_shock(" CHN->RUS:-0.5:1 ") == Shock("CHN->RUS", -0.5, 1)


@pytest.mark.parametrize("text", ["USA->RUS", "USA->RUS:+2", "USA-RUS:+2:6", "USA->RUS:up:6", "USA->RUS:+2:0",
                                  "USA->RUS:+2:1.5", "USA->RUS:nan:3", ""])
def test_a_bad_shock_string_says_what_to_write(text):
    with pytest.raises(InputError, match=r"is not a shock .*DYAD:SHIFT:PERIODS"):
        parse_shock(text)


def test_a_shock_to_a_missing_dyad_names_the_dyads_there_are(known):
    with pytest.raises(InputError, match=r"USA->CHN.*there are: USA->RUS, RUS->USA, CHN->RUS"):
        scenario(known, "USA->CHN:+1:2", lags=1)
