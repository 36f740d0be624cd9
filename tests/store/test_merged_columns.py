"""An event read in several reports holds the union of their issues, whatever order they were written in."""

from dataclasses import replace
from datetime import date
from itertools import permutations

from tests.conftest import make_event
from tripolar.model import Document
from tripolar.store import Store
from tripolar.store.exports import export_parquet, import_parquet

FIRST, SECOND = Document(text="Washington imposed tariffs."), Document(text="The US imposed new tariffs.")
REPORTS = (
    make_event(FIRST, "172", "USA", "CHN", date(2018, 5, 29)),  # issues: trade
    replace(make_event(SECOND, "172", "USA", "CHN", date(2018, 5, 29)), issues=("security", "nuclear")),
    replace(make_event(SECOND, "172", "USA", "CHN", date(2018, 5, 29), start=3), issues=("ukraine", "trade")),
)
UNION = [(["nuclear", "security", "trade", "ukraine"],)]


def test_issues_are_the_sorted_union_in_any_write_order_and_batching():
    assert len({report.occurrence_id for report in REPORTS}) == 1
    for order in permutations(REPORTS):
        for batches in ([order[:1], order[1:]], [order], [[report] for report in order]):
            with Store(":memory:") as store:
                for batch in batches:
                    store.write(events=batch)
                assert store.con.execute("SELECT issues FROM events").fetchall() == UNION
                assert store.count("event_reports") == 3


def test_a_parquet_import_merges_issues_too_and_twice_adds_nothing(tmp_path):
    with Store(tmp_path / "a.duckdb") as exported, Store(tmp_path / "b.duckdb") as target:
        exported.write(events=REPORTS[1:])
        export_parquet(exported, tmp_path / "out")
        target.write(events=REPORTS[:1])
        assert import_parquet(target, tmp_path / "out")["event_reports"] == 2
        assert target.con.execute("SELECT issues FROM events").fetchall() == UNION
        assert import_parquet(target, tmp_path / "out").total == 0
        assert target.con.execute("SELECT issues FROM events").fetchall() == UNION
