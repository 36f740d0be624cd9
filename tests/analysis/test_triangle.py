"""The triangle's configuration and roles, from series built to give each of Dittmer's four."""

import json

import numpy as np
import pandas as pd
import pytest

from tripolar.analysis.frame import DyadSeries, triangle_dyads
from tripolar.analysis.triangle import TriangleSettings, triangle
from tripolar.errors import InputError

ACTORS = ("USA", "CHN", "RUS")
ABSOLUTE = TriangleSettings(reference="absolute", band=1.0, min_events=3)


def series(pair_scores: list[dict[str, float]], events: int = 5) -> DyadSeries:
    """Directed series whose pairs have the given scores in both directions, ``events`` events each way."""
    dyads = triangle_dyads(ACTORS)
    rows = []
    for scores in pair_scores:
        rows.append([scores["-".join(sorted(dyad.split("->")))] for dyad in dyads])
    periods = [f"2020-{month:02d}" for month in range(1, len(rows) + 1)]
    values = pd.DataFrame(rows, index=periods, columns=dyads)
    counts = pd.DataFrame(events, index=periods, columns=dyads)
    return DyadSeries(values, "goldstein_mean", "month", counts)


def signs(us_china: float, us_russia: float, china_russia: float) -> dict[str, float]:
    return {"CHN-USA": us_china, "RUS-USA": us_russia, "CHN-RUS": china_russia}


@pytest.mark.parametrize(("scores", "configuration", "roles", "pivot"), [
    (signs(3, 2, 4), "menage_a_trois", {"USA": "friend", "CHN": "friend", "RUS": "friend"}, None),
    (signs(-3, 2, 4), "romantic_triangle", {"USA": "wing", "CHN": "wing", "RUS": "pivot"}, "RUS"),
    (signs(-3, -2, 4), "stable_marriage", {"USA": "outcast", "CHN": "partner", "RUS": "partner"}, None),
    (signs(-3, -2, -4), "unit_veto", {"USA": "foe", "CHN": "foe", "RUS": "foe"}, None),
])
def test_each_configuration_with_its_roles_and_pivot(scores, configuration, roles, pivot):
    reading = triangle(series([scores]), ACTORS, ABSOLUTE).periods[0]
    assert reading.configuration == configuration
    assert reading.roles == roles and reading.pivot == pivot
    # Wu's score: +3 pivot, +1 friend or partner, -1 wing or foe, -3 outcast.
    expected = {"pivot": 3, "friend": 1, "partner": 1, "wing": -1, "foe": -1, "outcast": -3}
    assert {actor: score["signed"] for actor, score in reading.role_scores.items()} == {
        actor: expected[role] for actor, role in roles.items()}


def test_neutral_or_thin_pairs_leave_the_period_undetermined_with_the_reason():
    neutral = triangle(series([signs(0.4, 2, 4)]), ACTORS, ABSOLUTE).periods[0]
    assert neutral.configuration == "undetermined" and "CHN-USA: within the neutral band" in neutral.reason
    thin = triangle(series([signs(-3, 2, 4)], events=1), ACTORS, ABSOLUTE).periods[0]
    assert thin.configuration == "undetermined" and "too few events (2 < 3)" in thin.reason


def test_standardised_reading_finds_the_cold_pair_where_every_score_is_positive():
    # News data: cooperation outweighs conflict everywhere, yet US-Russia is much the coldest pair.
    rng = np.random.default_rng(3)
    months = [signs(0.6 + rng.normal(0, 0.1), 0.4 + rng.normal(0, 0.1), 4 + rng.normal(0, 0.1)) for _ in range(24)]
    absolute = triangle(series(months), ACTORS, TriangleSettings(reference="absolute", band=0.1)).periods[-1]
    assert absolute.configuration == "menage_a_trois"
    relative = triangle(series(months), ACTORS).periods[-1]
    assert relative.configuration == "stable_marriage" and relative.roles["USA"] == "outcast"
    assert relative.role_scores["USA"]["continuous"] < relative.role_scores["CHN"]["continuous"]


def test_transitions_and_a_hold_period_before_a_flip():
    months = [signs(-3, 2, 4)] * 3 + [signs(-3, -2, 4)] + [signs(-3, 2, 4)] * 2 + [signs(-3, -2, 4)] * 3
    plain = triangle(series(months), ACTORS, ABSOLUTE)
    assert [(change["period"], change["to"]) for change in plain.transitions] == [
        ("2020-04", "stable_marriage"), ("2020-05", "romantic_triangle"), ("2020-07", "stable_marriage")]
    held = triangle(series(months), ACTORS, TriangleSettings(reference="absolute", band=1.0, hold=2))
    assert [(change["period"], change["to"]) for change in held.transitions] == [("2020-08", "stable_marriage")]


def test_a_sign_carried_over_quiet_periods_only_when_asked():
    quiet = series([signs(-3, 2, 4), signs(-3, 2, 4)])
    quiet.counts.loc["2020-02", ["USA->RUS", "RUS->USA"]] = 0
    assert triangle(quiet, ACTORS, ABSOLUTE).periods[1].configuration == "undetermined"
    carried = triangle(quiet, ACTORS, TriangleSettings(reference="absolute", band=1.0, carry=1)).periods[1]
    assert carried.configuration == "romantic_triangle" and "carried from 2020-01" in carried.pairs["RUS-USA"].reason


def test_band_sensitivity_and_plain_json():
    rng = np.random.default_rng(5)
    months = [signs(*rng.normal(0, 2, 3)) for _ in range(30)]
    result = triangle(series(months), ACTORS)
    wide, narrow = result.sensitivity["1"], result.sensitivity["0"]
    assert wide["undetermined"] >= narrow["undetermined"] and narrow["undetermined"] < 1
    assert all(abs(sum(shares.values()) - 1) < 0.01 for shares in result.sensitivity.values())
    text = json.dumps(result.to_json(), allow_nan=False)
    assert '"configuration"' in text and result.to_json()["periods"][0]["dyads"]["CHN-USA"]["sign"] in "+-0"


def test_needs_three_actors_and_their_six_series():
    with pytest.raises(InputError, match="three different actors"):
        triangle(series([signs(1, 1, 1)]), ("USA", "CHN"))
    with pytest.raises(InputError, match="no series for USA->JPN"):
        triangle(series([signs(1, 1, 1)]), ("USA", "CHN", "JPN"))
