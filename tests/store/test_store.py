import json
from datetime import date

import duckdb
import pytest

from tripolar.errors import ExportError, StoreError
from tripolar.store import Store, default_db_path
from tripolar.store.exports import GDELT2_COLUMNS, export_gdelt, export_parquet, export_plover, import_parquet
from tripolar.store.schema import SCHEMA_VERSION, TABLES


def test_new_store_is_migrated_to_the_current_schema(store):
    assert store.schema_version() == SCHEMA_VERSION
    assert set(store.counts()) == {"documents", "sentences", "events", "event_reports", "rejects", "runs", "codings"}
    assert all(count == 0 for count in store.counts().values())


def test_default_path_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("TRIPOLAR_DB", str(tmp_path / "x.duckdb"))
    assert default_db_path() == tmp_path / "x.duckdb"
    monkeypatch.delenv("TRIPOLAR_DB")
    assert default_db_path().name == "tripolar.duckdb"


def test_writing_the_same_records_twice_adds_nothing(store, batch):
    first = store.write(**batch)
    assert first.added == {"documents": 2, "sentences": 3, "events": 2, "event_reports": 3, "rejects": 1}
    counts = store.counts()
    second = store.write(**batch)
    assert second.total == 0
    assert store.counts() == counts


def test_reports_of_one_event_from_two_documents_are_one_event(store, batch):
    store.write(**batch)
    rows = store.con.execute(
        "SELECT e.cameo, count(*) FROM events e JOIN event_reports r USING (event_id) GROUP BY e.cameo ORDER BY 1"
    ).fetchall()
    assert rows == [("111", 1), ("172", 2)]


def test_a_failure_mid_batch_leaves_nothing_of_that_batch(store, batch, monkeypatch):
    original = store._insert

    def fail_on_events(table, rows):
        if table.name == "events":
            raise RuntimeError("disk full")
        return original(table, rows)

    monkeypatch.setattr(store, "_insert", fail_on_events)
    with pytest.raises(RuntimeError, match="disk full"):
        store.write(**batch)
    assert all(count == 0 for count in store.counts().values())
    monkeypatch.undo()
    assert store.write(**batch).total == 11


def test_events_read_back_as_the_records_written(store, batch):
    store.write(**batch)
    read = sorted(store.events(), key=lambda event: event.id)
    assert read == sorted(batch["events"], key=lambda event: event.id)


def test_read_only_store_refuses_a_missing_file(tmp_path):
    with pytest.raises(StoreError, match="no such database. Run `tripolar demo`"):
        Store(tmp_path / "absent.duckdb", read_only=True)


def test_a_store_from_a_newer_tripolar_is_refused(tmp_path):
    path = tmp_path / "future.duckdb"
    Store(path).close()
    con = duckdb.connect(str(path))
    con.execute("INSERT INTO schema_version VALUES (?, now())", [SCHEMA_VERSION + 1])
    con.close()
    with pytest.raises(StoreError, match="newer than this tripolar knows"):
        Store(path)


def test_reopening_does_not_migrate_twice(tmp_path, batch):
    path = tmp_path / "db.duckdb"
    with Store(path) as store:
        store.write(**batch)
    with Store(path) as store:
        assert store.con.execute("SELECT count(*) FROM schema_version").fetchone() == (SCHEMA_VERSION,)
        assert store.counts()["documents"] == 2


def _table_rows(store, table):
    order = ", ".join(table.key)
    return store.con.execute(f"SELECT * FROM {table.name} ORDER BY {order}").fetchall()


def test_parquet_export_and_import_round_trip_every_table_exactly(store, batch, tmp_path):
    store.write(**batch)
    counts = export_parquet(store, tmp_path / "export")
    assert counts["event_reports"] == 3
    with Store(tmp_path / "copy.duckdb") as copy:
        added = import_parquet(copy, tmp_path / "export")
        assert added["documents"] == 2
        for table in TABLES:
            assert _table_rows(copy, table) == _table_rows(store, table), table.name
        assert import_parquet(copy, tmp_path / "export").total == 0


def test_import_refuses_a_directory_without_manifest(store, tmp_path):
    with pytest.raises(ExportError, match="no manifest.json. Point at a directory made by"):
        import_parquet(store, tmp_path)


def test_gdelt_export_has_the_61_columns_in_order(store, batch, tmp_path):
    store.write(**batch)
    path = tmp_path / "events.tsv"
    assert export_gdelt(store, path) == 2
    rows = [line.split("\t") for line in path.read_text().splitlines()]
    assert len(GDELT2_COLUMNS) == 61
    assert {len(row) for row in rows} == {61}
    by_code = {row[GDELT2_COLUMNS.index("EventCode")]: dict(zip(GDELT2_COLUMNS, row, strict=True)) for row in rows}
    tariff = by_code["172"]
    assert tariff["SQLDATE"] == "20180529"
    assert tariff["Actor1Code"] == "USAGOV" and tariff["Actor1CountryCode"] == "USA"
    assert tariff["Actor2CountryCode"] == "CHN"
    assert tariff["EventRootCode"] == "17" and tariff["QuadClass"] == "4"
    assert float(tariff["GoldsteinScale"]) == -5.0
    assert tariff["NumArticles"] == "2"
    assert int(tariff["GLOBALEVENTID"]) > 0


def test_gdelt_export_reads_back_with_the_gdelt_layout(store, batch, tmp_path):
    """The file loads with the column layout GDELT users already have."""
    store.write(**batch)
    path = tmp_path / "events.tsv"
    export_gdelt(store, path)
    columns = {name: "VARCHAR" for name in GDELT2_COLUMNS}
    rows = duckdb.sql(
        "SELECT EventCode, Actor1CountryCode FROM read_csv(?, delim='\t', header=false, columns=?) ORDER BY 1",
        params=[str(path), columns],
    ).fetchall()
    assert rows == [("111", "CHN"), ("172", "USA")]


def test_plover_export_writes_one_json_object_per_report(store, batch, tmp_path):
    store.write(**batch)
    path = tmp_path / "events.jsonl"
    assert export_plover(store, path) == 3
    records = [json.loads(line) for line in path.read_text().splitlines()]
    tariff = next(r for r in records if r["cameo"] == "172")
    assert tariff["event"] == "COERCE" and tariff["date"] == "2018-05-29"
    assert tariff["source"] == [{"actorText": "USA", "code": "USA", "sector": "GOV"}]
    criticism = next(r for r in records if r["cameo"] == "111")
    assert criticism["event"] == "ACCUSE"
    assert all(r["modality"] == "factual" for r in records)


def test_events_without_a_date_stay_apart_per_document(store, batch):
    from tests.conftest import make_event

    first, second = batch["documents"]
    undated = [make_event(first, "040", "USA", "CHN", None), make_event(second, "040", "USA", "CHN", None)]
    result = store.write(events=undated)
    assert result["events"] == 2 and result["event_reports"] == 2
    assert store.con.execute("SELECT count(*) FROM events WHERE date IS NULL").fetchone() == (2,)
    assert date(2018, 5, 29)  # the dated reports of the fixture merge; undated ones cannot
