"""The analyses and the report on real data: the shared event samples, and the seed articles coded."""

import json

import pytest
from typer.testing import CliRunner

from tests.conftest import shared_path
from tripolar.cli import app

runner = CliRunner()


def invoke(*arguments: str) -> str:
    result = runner.invoke(app, list(arguments))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.slow
def test_report_on_the_shared_gdelt_and_icews_samples(tmp_path):
    db = str(tmp_path / "events.duckdb")
    events = shared_path("eval", "events")
    invoke("import-events", str(events / "gdelt2" / "20180326044500.export.CSV"),
           str(events / "gdelt2" / "20191024143000.export.CSV"), str(events / "icews" / "events.2018.sample.tab"),
           "--db", db)
    series = json.loads(invoke("series", "--db", db, "--period", "day", "--from", "2018-03-20", "--to", "2018-03-26",
                               "--origin", "gdelt2", "--json"))
    assert sum(row["events"] for row in series["directed"]) > 0
    out = tmp_path / "report.html"
    printed = invoke("report", "--db", db, "--period", "day", "--from", "2018-06-01", "--to", "2018-06-02",
                     "--out", str(out))
    assert out.stat().st_size > 1_000_000 and "Report →" in printed
    # Two days of ICEWS cannot carry a VAR: the report says so rather than failing.
    assert "dynamics: not available (need >=" in printed.replace("\n", " ")


@pytest.mark.slow
def test_report_on_the_coded_seed_articles(tmp_path):
    db = str(tmp_path / "seeds.duckdb")
    seeds = shared_path("seeds")
    invoke("ingest", str(seeds), "--glob", "*.txt", "--index", str(seeds / "index.jsonl"), "--db", db)
    invoke("run", "--db", db)
    reading = json.loads(invoke("triangle", "--db", db, "--period", "quarter", "--min-events", "1", "--json"))
    # Five articles over eight years leave most quarters without news of some pair: each says so.
    coded = [item for item in reading["periods"] if any(pair["events"] for pair in item["dyads"].values())]
    assert coded and all(item["configuration"] != "undetermined" or "too few events" in item["reason"]
                         or "neutral band" in item["reason"] for item in coded)
    out = tmp_path / "seeds.html"
    invoke("report", "--db", db, "--period", "quarter", "--out", str(out))
    page = out.read_text(encoding="utf-8")
    assert '<section id="triangle">' in page and "const EVIDENCE" in page
