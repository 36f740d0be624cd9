import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tripolar.cli import app
from tripolar.sample import load_sample

runner = CliRunner()


def tripolar_command() -> list[str]:
    executable = shutil.which("tripolar", path=str(Path(sys.executable).parent))
    return [executable] if executable else [sys.executable, "-m", "tripolar"]


def test_help_lists_the_commands():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("demo", "stats", "export", "import", "actors", "cameo"):
        assert command in result.output


@pytest.mark.slow
def test_demo_runs_as_a_real_process_in_a_fresh_directory(tmp_path):
    env = {key: value for key, value in os.environ.items() if key != "TRIPOLAR_DB"}
    first = subprocess.run(tripolar_command() + ["demo"], cwd=tmp_path, env=env, capture_output=True, text=True,
                           timeout=120)
    assert first.returncode == 0, first.stderr
    assert (tmp_path / "tripolar.duckdb").exists()
    assert f"{len(load_sample())} reports of real events" in first.stdout
    assert "documents" in first.stdout
    assert "expected events found" in first.stdout
    again = subprocess.run(tripolar_command() + ["demo"], cwd=tmp_path, env=env, capture_output=True, text=True,
                           timeout=120)
    assert again.returncode == 0
    assert "nothing new (already stored)" in again.stdout
    stats = subprocess.run(tripolar_command() + ["stats", "--json"], cwd=tmp_path, env=env, capture_output=True,
                           text=True, timeout=60)
    assert json.loads(stats.stdout)["documents"] == len({entry.document.id for entry in load_sample()})


def test_resolve_prints_the_json_contract():
    result = runner.invoke(app, ["actors", "resolve", "Trump", "--on", "2022-06-01", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {
        "country": "USA", "role": "ELI", "person": "Donald Trump", "office": None, "name": "Donald Trump",
    }


def test_resolve_unknown_name_exits_1_with_a_clear_message():
    result = runner.invoke(app, ["actors", "resolve", "Zorblax Quuxley", "--on", "2020-01-01", "--json"])
    assert result.exit_code == 1
    assert "'Zorblax Quuxley' is not a known country, body, group or office-holder" in result.stderr
    assert result.stdout == ""


def test_resolve_bad_date_names_the_option():
    result = runner.invoke(app, ["actors", "resolve", "Xi", "--on", "yesterday"])
    assert result.exit_code == 2
    assert "--on 'yesterday' is not a date: use YYYY-MM-DD" in result.stderr


def test_export_import_round_trip_through_the_cli(tmp_path):
    db = tmp_path / "a.duckdb"
    assert runner.invoke(app, ["demo", "--db", str(db)]).exit_code == 0
    exported = runner.invoke(app, ["export", "--format", "parquet", str(tmp_path / "out"), "--db", str(db)])
    assert exported.exit_code == 0, exported.output
    copy = tmp_path / "b.duckdb"
    imported = runner.invoke(app, ["import", str(tmp_path / "out"), "--db", str(copy)])
    assert imported.exit_code == 0, imported.output
    original = json.loads(runner.invoke(app, ["stats", "--json", "--db", str(db)]).stdout)
    copied = json.loads(runner.invoke(app, ["stats", "--json", "--db", str(copy)]).stdout)
    assert copied == original


def test_stats_on_a_missing_database_says_what_to_do(tmp_path):
    result = runner.invoke(app, ["stats", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    assert "no such database. Run `tripolar demo`" in result.stderr


def test_cameo_lists_a_root():
    result = runner.invoke(app, ["cameo", "--root", "17", "--json"])
    codes = {row["code"] for row in json.loads(result.stdout)}
    assert {"17", "170", "172", "1724"} <= codes
    assert all(code.startswith("17") for code in codes)


def test_actors_stats_counts_the_knowledge_base():
    summary = json.loads(runner.invoke(app, ["actors", "stats", "--json"]).stdout)
    assert summary["states"] >= 197
    assert summary["office_holders"] >= 500
    assert summary["names"] > summary["office_holders"] * 3


FIXTURES = Path(__file__).resolve().parent / "fixtures" / "news"


def test_ingest_summarises_and_exits_0_when_something_was_read(tmp_path):
    db = str(tmp_path / "news.duckdb")
    result = runner.invoke(app, ["ingest", str(FIXTURES / "feed.atom"), str(tmp_path / "absent.txt"), "--db", db])
    assert result.exit_code == 0, result.output
    assert "Stored 1 new documents; 0 already present." in result.stdout
    assert "language de not supported" in result.stdout and "no such file or directory" in result.stdout
    again = runner.invoke(app, ["ingest", str(FIXTURES / "feed.atom"), "--db", db])
    assert "Stored 0 new documents; 1 already present." in again.stdout
    assert again.exit_code == 0


def test_ingest_exits_1_when_nothing_could_be_read(tmp_path):
    result = runner.invoke(app, ["ingest", str(tmp_path / "absent.txt"), "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 1
    assert "nothing could be read from the inputs given" in result.stderr


def test_ingest_rejects_a_bad_column_mapping(tmp_path):
    result = runner.invoke(app, ["ingest", str(FIXTURES), "--column", "body", "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 2
    assert "--column 'body': use FIELD=NAME" in result.stderr
