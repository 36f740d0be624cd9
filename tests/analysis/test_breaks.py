"""Change points (PELT, penalty scaled to each series' noise) and escalation alerts."""

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import ruptures

from tripolar.analysis.breaks import CumulativeL2Cost, breaks, default_penalty
from tripolar.analysis.frame import DyadSeries, read_series_csv
from tripolar.errors import InputError

SHARED = Path(__file__).resolve().parents[3] / "shared"


def shared_file(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"../shared is not beside the repo: {path} is missing")
    return path


def months(count: int) -> list[str]:
    return [f"{2000 + index // 12}-{index % 12 + 1:02d}" for index in range(count)]


def one_dyad(values: np.ndarray, counts: np.ndarray | None = None, measure: str = "goldstein_mean") -> DyadSeries:
    labels = months(len(values))
    frame = pd.DataFrame({"USA->CHN": values}, index=labels, dtype=float)
    counted = None if counts is None else pd.DataFrame({"USA->CHN": counts}, index=labels, dtype=float)
    return DyadSeries(frame, measure, "month", counted)


def step_series(seed: int, length: int = 80, at: int = 40, shift: float = -3.0) -> np.ndarray:
    values = np.random.default_rng(seed).normal(0.0, 1.0, length)
    values[at:] += shift
    return values


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_step_is_found_within_one_period_of_where_it_is(seed):
    result = breaks(one_dyad(step_series(seed)))
    assert len(result.breaks) >= 1
    nearest = min(result.breaks, key=lambda found: abs(found["index"] - 40))
    assert abs(nearest["index"] - 40) <= 1
    assert nearest["shift"] < -2
    assert nearest["period_before"] == months(80)[nearest["index"] - 1]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_pure_noise_of_the_same_length_has_no_break(seed):
    result = breaks(one_dyad(step_series(seed, shift=0.0)))
    assert result.breaks == ()
    assert len(result.segments["USA->CHN"]) == 1


def test_the_cumulative_cost_segments_exactly_as_ruptures_own_l2():
    rng = np.random.default_rng(7)
    signal = np.concatenate([rng.normal(0, 1, 30), rng.normal(4, 1, 20), rng.normal(-2, 1, 30)]) + 100.0
    penalty = default_penalty(signal)
    ours = ruptures.Pelt(custom_cost=CumulativeL2Cost(), min_size=2, jump=1).fit(signal).predict(pen=penalty)
    theirs = ruptures.Pelt(model="l2", min_size=2, jump=1).fit(signal).predict(pen=penalty)
    assert ours == theirs
    assert len(ours) >= 3


def test_a_constant_series_has_no_break_and_no_penalty():
    result = breaks(one_dyad(np.full(50, 2.5)))
    assert result.breaks == () and result.alerts == ()
    assert result.penalties["USA->CHN"] is None
    assert result.segments["USA->CHN"] == [{"start": "2000-01", "end": "2004-02", "periods": 50, "mean": 2.5}]


def test_a_penalty_given_by_the_user_replaces_the_rule():
    values = step_series(1)
    assert breaks(one_dyad(values), penalty=1e6).breaks == ()
    overridden = breaks(one_dyad(values), penalty=1e6).to_json()["penalty"]
    assert overridden["values"] == {"USA->CHN": 1e6} and "user" in overridden["rule"]
    with pytest.raises(InputError, match="positive"):
        breaks(one_dyad(values), penalty=0)


def calm_then_drop(events_at_drop: int) -> DyadSeries:
    values = 2.0 + np.random.default_rng(5).normal(0.0, 0.3, 30)
    values[24] = -4.0
    counts = np.full(30, 6)
    counts[24] = events_at_drop
    return one_dyad(values, counts)


DROP = months(30)[24]


def alerts_in(result, period: str) -> list[dict]:
    return [alert for alert in result.alerts if alert["period"] == period]


def test_a_sharp_drop_after_a_calm_history_alerts():
    alerts = alerts_in(breaks(calm_then_drop(events_at_drop=5)), DROP)
    assert len(alerts) == 1
    alert = alerts[0]
    assert alert["z"] <= -2 and alert["events"] == 5
    assert alert["baseline"] == pytest.approx(np.mean(calm_then_drop(5).values["USA->CHN"].iloc[12:24]))


def test_a_drop_with_fewer_than_min_events_does_not_alert():
    assert alerts_in(breaks(calm_then_drop(events_at_drop=2), min_events=3), DROP) == []
    assert len(alerts_in(breaks(calm_then_drop(events_at_drop=2), min_events=2), DROP)) == 1


def test_a_flat_history_followed_by_a_drop_still_alerts():
    values = np.full(20, 1.0)
    values[15] = -3.0
    alerts = breaks(one_dyad(values, measure="goldstein_sum")).alerts
    assert [alert["period"] for alert in alerts] == [months(20)[15]]
    assert np.isfinite(alerts[0]["z"]) and alerts[0]["events"] is None


def test_a_rise_is_not_an_escalation():
    values = 2.0 + np.random.default_rng(5).normal(0.0, 0.3, 30)
    values[24] = 8.0
    assert alerts_in(breaks(one_dyad(values, np.full(30, 6))), DROP) == []


def test_no_alert_before_the_window_holds_half_its_periods():
    values = np.array([2.0, 2.1, 1.9, 2.0, 2.05, -6.0] + [2.0] * 10)
    assert breaks(one_dyad(values, np.full(16, 9)), escalation_window=12).alerts == ()
    assert len(breaks(one_dyad(values, np.full(16, 9)), escalation_window=10).alerts) == 1


def test_periods_without_events_are_not_zeros_of_a_mean():
    rng = np.random.default_rng(11)
    values = 3.0 + rng.normal(0.0, 0.3, 60)
    counts = np.full(60, 4)
    values[20:35], counts[20:35] = 0.0, 0  # a spell without news: the mean of no events is not 0
    result = breaks(one_dyad(values, counts))
    assert result.breaks == ()
    assert not [alert for alert in result.alerts if "2001-09" <= alert["period"] <= "2003-01"]
    assert any("15 of 60 periods without events" in note for note in result.notes)
    # As a sum, the empty spell is a real drop to zero.
    assert breaks(one_dyad(values, counts, measure="goldstein_sum")).breaks


def test_the_json_has_plain_types_only():
    values = step_series(2)
    values[70] = -12.0
    data = breaks(one_dyad(values, np.full(80, 5))).to_json()
    text = json.dumps(data, allow_nan=False)
    assert json.loads(text) == data
    assert set(data) == {"penalty", "breaks", "segments", "alerts", "notes"}
    assert set(data["breaks"][0]) == {"dyad", "period", "period_before", "index", "mean_before", "mean_after", "shift"}
    assert set(data["alerts"][0]) == {"dyad", "period", "value", "baseline", "z", "events"}
    assert type(data["breaks"][0]["index"]) is int and type(data["alerts"][0]["events"]) is int


def test_the_copdab_superpower_series_have_breaks_with_labels_from_the_file():
    series = read_series_csv(shared_file("eval", "series", "lebo_moore_copdab_monthly.csv"),
                             ["USA->USSR", "USSR->USA", "EGY->ISR"])
    result = breaks(series)
    json.dumps(result.to_json(), allow_nan=False)
    assert set(result.penalties) == {"USA->USSR", "USSR->USA", "EGY->ISR"}
    assert all(value and value > 0 for value in result.penalties.values())
    assert result.breaks, "31 years of superpower relations without a single change point"
    for found in result.breaks:
        assert series.periods[found["index"]] == found["period"]
        assert series.periods[found["index"] - 1] == found["period_before"]
    for dyad, segments in result.segments.items():
        assert segments[0]["start"] == "1948-01" and segments[-1]["end"] == "1978-12"
        assert sum(segment["periods"] for segment in segments) == 372, dyad
