"""The HTML report and the analysis commands, on a generated store and on the shared real series."""

import json
import re

import pytest
from typer.testing import CliRunner

from tests.conftest import shared_path
from tripolar.analysis.inputs import SeriesRequest
from tripolar.analysis.report import write_report
from tripolar.cli import app
from tripolar.store import Store

runner = CliRunner()
SECTIONS = ("series", "triangle", "dynamics", "breaks", "forecast", "scenario", "hypotheses")


@pytest.mark.slow
def test_the_report_is_one_offline_file_with_every_section_and_the_evidence(busy_db, tmp_path):
    out = tmp_path / "report.html"
    with Store(busy_db, read_only=True) as store:
        summary = write_report(out, SeriesRequest(period="month"), store)
    page = out.read_text(encoding="utf-8")
    assert summary.sections == dict.fromkeys(SECTIONS, "ok")
    assert not re.search(r"<script[^>]+src=", page)  # Plotly is inline: nothing is fetched
    assert "Plotly" in page and all(f'<section id="{name}">' in page for name in SECTIONS)
    evidence = json.loads(re.search(r"const EVIDENCE = (.*?);</script>", page, re.S).group(1))
    assert evidence["USA->CHN"]["2015-01"][0]["sentence"].startswith("Washington and Beijing traded")
    assert "reciprocity" in page and "persistence" in page
    assert summary.latest is not None and summary.latest["configuration"] in page.replace(" ", "_")


def test_triangle_json_has_the_documented_shape(busy_db):
    result = runner.invoke(app, ["triangle", "--db", str(busy_db), "--period", "quarter", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    first = data["periods"][0]
    assert set(first) >= {"period", "dyads", "configuration", "roles", "pivot"}
    assert set(first["dyads"]) == {"CHN-USA", "RUS-USA", "CHN-RUS"}
    assert set(first["dyads"]["CHN-RUS"]) >= {"score", "sign", "events"} and first["period"] == "2015-Q1"


def test_series_json_fills_the_grid(busy_db):
    result = runner.invoke(app, ["series", "--db", str(busy_db), "--period", "quarter", "--from", "2015",
                                 "--to", "2015", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert len(data["directed"]) == 4 * 6 and len(data["undirected"]) == 4 * 3
    assert {row["events"] for row in data["directed"]} == {90}  # 30 a month, three months


@pytest.mark.slow
def test_dynamics_on_a_real_series_file_finds_reciprocity():
    path = shared_path("eval", "series", "msbvar_israel_palestine_weekly.csv")
    result = runner.invoke(app, ["dynamics", "--series", str(path), "--lags", "6", "--json"])
    assert result.exit_code == 0, result.output
    reciprocity = [test for test in json.loads(result.output)["granger"] if test["kind"] == "reciprocity"]
    assert len(reciprocity) == 2 and all(test["p"] < 0.001 for test in reciprocity)


def test_clear_errors_name_what_is_wrong(busy_db, tmp_path):
    sparse = runner.invoke(app, ["dynamics", "--db", str(busy_db), "--from", "2015-01", "--to", "2015-06"])
    assert sparse.exit_code == 1 and "need >= 35 periods with events" in sparse.output and "have 6" in sparse.output
    shock = runner.invoke(app, ["scenario", "--db", str(busy_db), "--shock", "USA:+2"])
    assert shock.exit_code == 1 and "USA:+2" in shock.output
    bad = tmp_path / "bad.csv"
    bad.write_text("month,A->B,B->A\n2020-01,1,x\n")
    unreadable = runner.invoke(app, ["triangle", "--series", str(bad)])
    assert unreadable.exit_code == 1 and "line 2" in unreadable.output and "'B->A'" in unreadable.output


def test_breaks_come_with_the_events_of_their_period(busy_db):
    from tripolar.analysis.service import run_breaks

    with Store(busy_db, read_only=True) as store:
        reading = run_breaks(SeriesRequest(period="month"), store, penalty=1.0).to_json()
    assert reading["breaks"], "a small penalty finds breaks in drifting series"
    first = reading["breaks"][0]
    assert first["evidence"] and all(item["source"] + "->" + item["target"] == first["dyad"]
                                     and item["date"].startswith(first["period"]) for item in first["evidence"])
    assert first["evidence"][0]["sentence"].startswith("Washington and Beijing")
