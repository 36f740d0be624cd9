"""Importing PLOVER-shaped JSON: the PLOVER gold records, our own exports back in, and broken files."""

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import shared_path
from tripolar.cli import app
from tripolar.errors import InputError
from tripolar.model import Actor, Event, Evidence
from tripolar.ontology.cameo import cameo
from tripolar.sources.events import detect_format, import_events
from tripolar.sources.events.inputs import first_line
from tripolar.store import Store
from tripolar.store.exports import export_gdelt, export_plover

TRIANGLE = "('USA', 'CHN', 'RUS')"


def gold_records() -> Path:
    return shared_path("eval", "events", "plover", "PLOVER_GSR_CAMEO.json")


def stored(store: Store, columns: str, where: str = "true") -> list[tuple]:
    return store.con.execute(
        f"SELECT {columns} FROM event_reports JOIN events USING (event_id) WHERE {where} ORDER BY ALL").fetchall()


def record(event_id: str, **fields: object) -> dict:
    """A PLOVER record: USA's government criticises China on 2020-05-04, unless fields say otherwise."""
    base = {"id": event_id, "date": "2020-05-04", "event": "ACCUSE", "mode": "",
            "source": [{"actorText": "Washington", "code": "USA", "sector": "GOV"}],
            "target": [{"actorText": "Beijing", "code": "CHN", "sector": "GOV"}],
            "text": "Washington criticised Beijing."}
    return {**base, **fields}


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(item) + "\n" for item in records), encoding="utf-8")
    return path


# -- the PLOVER gold-standard records ---------------------------------------------------------------

def test_the_plover_gold_records_import_with_the_counts_their_source_documents(store):
    report = import_events(store, [gold_records()])
    (file,) = report.files
    assert (file.format, file.rows_read, file.error) == ("plover", 323, None)
    # SOURCE.md: 323 objects, the first a DOCUMENT record; source in 321, target in 297 of which 9 are "".
    assert file.rejected == {
        "documentation record, not an event": 1,
        "no source actor": 1,                    # 321 have one: the DOCUMENT record and one other lack it
        "no target actor": 34,                   # 323 - 297 without + 9 "" - the DOCUMENT record
        "unknown source country": 6,             # ITL twice, JAP, VTN, HKG, ISM: not in our country table
        "unknown target country": 2,             # JAP twice (the gold records write Japan so)
    }
    assert file.rows_mapped == 323 - 44
    assert file.reports_added == 279 - 1                 # PLOVER-GSR01-COERCE-0004 is the id of two records
    # SOURCE.md: 65 records name USA, CHN or RUS. 4 of them have no target (one names China only as a
    # second source actor) and 3 face an actor of unknown code (Japan as JAP, Italy as ITL, Hong Kong).
    assert stored(store, "count(*)", f"source_code IN {TRIANGLE} OR target_code IN {TRIANGLE}") == [(65 - 4 - 3,)]
    # SOURCE.md: 6 intra-triangle dyads, RUS–USA 4 and CHN–USA 2; all import.
    dyads = stored(store, "least(source_code, target_code) || '-' || greatest(source_code, target_code), count(*)",
                   f"source_code IN {TRIANGLE} AND target_code IN {TRIANGLE} AND source_code <> target_code "
                   "GROUP BY ALL")
    assert dyads == [("CHN-USA", 2), ("RUS-USA", 4)]
    rejects = dict(store.con.execute("SELECT reason, examples FROM rejects").fetchall())
    assert rejects["documentation record, not an event"] == ["PLOVER-GSR01-DOCUMENT-0001"]


def test_plover_05_names_are_stored_under_todays_types(store):
    import_events(store, [gold_records()])
    kinds = dict(stored(store, "origin_event_id, plover || '/' || plover_mode || ' ' || cameo",
                        "origin_event_id IN ('PLOVER-GSR01-DEMAND-0001', 'PLOVER-GSR01-DISAPPROVE-0001', "
                        "'PLOVER-GSR01-INVESTIGATE-0001', 'PLOVER-GSR01-FIGHT-0001', 'PLOVER-GSR01-FIGHT-0004')"))
    assert kinds == {
        "PLOVER-GSR01-DEMAND-0001": "REQUEST/ 100",
        "PLOVER-GSR01-DISAPPROVE-0001": "ACCUSE/disapprove 110",
        "PLOVER-GSR01-INVESTIGATE-0001": "ACCUSE/investigate 090",
        "PLOVER-GSR01-FIGHT-0001": "ASSAULT/other 190",           # a mode PLOVER 0.8 lacks: the type's code
        "PLOVER-GSR01-FIGHT-0004": "ASSAULT/heavy-weapons 194",   # ASSAULT's mode picks the CAMEO code
    }
    assert stored(store, "DISTINCT plover", "plover IN ('DEMAND', 'DISAPPROVE', 'FIGHT', 'INVESTIGATE')") == []


def test_group_codes_become_bodies_named_when_their_name_is_known(store):
    import_events(store, [gold_records()])
    actors = dict(stored(store, "origin_event_id, source_code || ':' || source_role",
                         "origin_event_id IN ('PLOVER-GSR01-THREATEN-0022', 'PLOVER-GSR01-DEMAND-0011', "
                         "'PLOVER-GSR01-INVESTIGATE-0001')"))
    # NATO coded IGO, sector MIL; the Third World Water Forum coded NGO; the IAEA coded IGO.
    assert actors == {"PLOVER-GSR01-THREATEN-0022": "NATO:MIL", "PLOVER-GSR01-DEMAND-0011": "IGO:NGO",
                      "PLOVER-GSR01-INVESTIGATE-0001": "IGO:"}


def test_importing_the_gold_records_again_adds_nothing(store):
    first = import_events(store, [gold_records()])
    counts = store.counts()
    again = import_events(store, [gold_records()])
    assert (again.events_added, again.reports_added) == (0, 0)
    assert again.rejected == first.rejected
    assert {table: n for table, n in store.counts().items() if table != "runs"} == {
        table: n for table, n in counts.items() if table != "runs"}


def test_plover_files_are_detected_by_name_and_first_character(tmp_path):
    assert detect_format(first_line(gold_records()), gold_records().name) == "plover"
    assert detect_format('{"id": "1"}\n', "events.jsonl") == "plover"
    assert detect_format('  [\n', "events.JSON.gz") == "plover"
    assert detect_format('{"id": "1"}\n', "events.txt") is None
    assert detect_format("id\ttext\n", "events.json") is None


# -- our own events, exported and imported back ------------------------------------------------------

def make_event(code: str, source: Actor, target: Actor, day: date | None, **extra: object) -> Event:
    entry = cameo(code)
    return Event(source=source, target=target, cameo=code, root=entry.root, quad=entry.quad,
                 goldstein=entry.goldstein, plover=entry.plover, plover_mode=entry.plover_mode,
                 evidence=Evidence(None, None, None, None, f"Sentence about {code}."), origin="test",
                 date=day, **({"date_precision": "day" if day else None} | extra))  # type: ignore[arg-type]


US_GOV = Actor("USA", "GOV", "Washington")
CHINA = Actor("CHN", "", "China")
RUSSIAN_ARMY = Actor("RUS", "MIL", "Russian troops")
NATO = Actor("NATO", "", "NATO")
UN_AGENCY = Actor("IGO", "NGO", "Red Cross")
CODED = [
    make_event("042", US_GOV, CHINA, date(2021, 3, 18)),
    make_event("111", CHINA, US_GOV, date(2021, 3, 19), issues=("trade", "tech")),
    make_event("152", RUSSIAN_ARMY, Actor("UKR", "GOV", "Kyiv"), date(2022, 2, 1)),
    make_event("1312", NATO, RUSSIAN_ARMY, date(2022, 2, 20)),
    make_event("073", UN_AGENCY, Actor("SYR", "CVL", "Syrians"), date(2020, 6, 2)),
]
# Only our PLOVER records carry these: GDELT has no modality and no date precision.
QUALIFIED = [
    make_event("172", US_GOV, CHINA, date(2019, 5, 1), modality="hypothetical", date_precision="month"),
    make_event("036", CHINA, RUSSIAN_ARMY, date(2023, 1, 1), modality="scheduled", date_precision="year"),
]


def events_of(store: Store) -> dict[str, tuple]:
    rows = store.con.execute("""
        SELECT event_id, date, date_precision, source_code, source_role, target_code, target_role, cameo,
               plover, plover_mode, modality, issues
        FROM events
    """).fetchall()
    return {event_id: tuple(rest) for event_id, *rest in rows}


def test_plover_export_imports_back_with_the_same_events(tmp_path):
    undated = make_event("040", US_GOV, CHINA, None)
    with Store(tmp_path / "coded.duckdb") as coded, Store(tmp_path / "fresh.duckdb") as fresh:
        coded.write(events=[*CODED, *QUALIFIED, undated])
        path = tmp_path / "events.jsonl"
        assert export_plover(coded, path) == 8
        report = import_events(fresh, [path])
        assert report.files[0].format == "plover"
        assert report.rejected == {"bad or missing date": 1}   # an undated event has no occurrence to match
        expected = events_of(coded)
        expected.pop(undated.occurrence_id)
        assert events_of(fresh) == expected
        names = stored(fresh, "source_name, target_name, evidence_text", "cameo = '042'")
        assert names == [("Washington", "China", "Sentence about 042.")]
        # The same events are recognised in the store that coded them: only reports of origin plover are new.
        again = import_events(coded, [path])
        assert (again.events_added, again.reports_added) == (0, 7)


def test_gdelt_export_imports_back_with_the_same_events(tmp_path):
    with Store(tmp_path / "coded.duckdb") as coded, Store(tmp_path / "fresh.duckdb") as fresh:
        coded.write(events=CODED)
        path = tmp_path / "events.export.CSV"
        assert export_gdelt(coded, path) == len(CODED)
        report = import_events(fresh, [path])
        assert (report.files[0].format, report.rejected) == ("gdelt2", {})
        assert events_of(fresh).keys() == events_of(coded).keys()
        assert stored(fresh, "source_code, source_role, target_code, target_role, cameo, date") == stored(
            coded, "source_code, source_role, target_code, target_role, cameo, date")


def test_the_cli_imports_plover_json(tmp_path):
    path = write_jsonl(tmp_path / "records.txt", [record("r1"), record("r2", event="REQUEST", mode="meet")])
    result = CliRunner().invoke(app, ["import-events", "--format", "plover", str(path),
                                      "--db", str(tmp_path / "cli.duckdb"), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["reports_added"] == 2


# -- records and files that cannot be used ------------------------------------------------------------

def test_records_that_cannot_be_used_are_counted_per_reason(store, tmp_path):
    records = [
        record("ok", cameo="112"),                                    # our own CAMEO code wins over the type's
        record("no-date", date=None),
        record("bad-date", date="2020-13-45"),
        record("bad-type", event="GRUMBLE"),
        record("bad-code", cameo="999"),
        record("no-target", target=""),
        record("no-source", source=[]),
        record("bad-country", target=[{"actorText": "Atlantis", "code": "ATL"}]),
        record("no-country", target=[{"actorText": "someone"}]),
        {"event": "DOCUMENT", "id": "doc", "license": "CC BY-SA 4.0"},
        record("", event="AGREE"),
        record("quirks", modality="perhaps", quad="high", issues="trade", datePrecision="week",
               source={"actorText": "Washington", "code": "usa", "sector": "GOVxyz"}),
    ]
    report = import_events(store, [write_jsonl(tmp_path / "mixed.jsonl", records)])
    assert report.files[0].rejected == {
        "documentation record, not an event": 1, "missing event id": 1, "bad or missing date": 2,
        "missing or unknown CAMEO code": 1, "missing or unknown PLOVER event type": 1, "no source actor": 1,
        "no target actor": 1, "target actor without country": 1, "unknown target country": 1}
    fields = dict(store.con.execute("SELECT reason, field FROM rejects").fetchall())
    assert fields["missing or unknown CAMEO code"] == "cameo"
    assert fields["missing or unknown PLOVER event type"] == "event"
    # Values that do not fit are left out rather than refusing the record.
    assert stored(store, "origin_event_id, source_code, source_role, cameo, plover, modality, date_precision, "
                         "issues, origin_quad") == [
        ("ok", "USA", "GOV", "112", "ACCUSE", "factual", "day", [], None),
        ("quirks", "USA", "GOV", "110", "ACCUSE", "factual", "day", [], None),
    ]


@pytest.mark.parametrize(("name", "text", "where"), [
    ("broken.json", '[{"id": "1"}, {"id": "2",]', "record/value 3"),
    ("broken.jsonl", json.dumps(record("r1")) + '\n{"id": "r2", "date":\n', "line"),
])
def test_malformed_json_names_the_file(store, tmp_path, name, text, where):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=f"{name}: cannot be read") as raised:
        import_events(store, [path])
    assert "Malformed JSON" in str(raised.value) and where in str(raised.value)
    assert "valid JSON" in str(raised.value)
    report = import_events(store, [path, write_jsonl(tmp_path / "good.jsonl", [record("r1")])])
    assert [Path(f.path).name for f in report.failed] == [name] and report.reports_added == 1
    assert store.con.execute("SELECT reason, source FROM rejects WHERE stage = 'import'").fetchall() == [
        ("cannot be read", str(path.resolve()))]


def test_plover_format_refuses_a_file_that_is_not_json(store, tmp_path):
    path = tmp_path / "events.txt"
    path.write_text("id\tdate\n1\t2020-01-01\n")
    with pytest.raises(InputError, match="events.txt, line 1: is not PLOVER JSON"):
        import_events(store, [path], fmt="plover")
