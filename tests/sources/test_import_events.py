"""Importing pre-coded event datasets: real GDELT/ICEWS samples, a POLECAT-shaped fixture, and edge cases."""

import gzip
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import shared_path
from tripolar.errors import InputError
from tripolar.model import Actor, Event, Evidence, content_id
from tripolar.ontology._tables import data_path, read_table
from tripolar.ontology.cameo import PLOVER_05_TYPES, PLOVER_TYPES, cameo, cameo_codebook
from tripolar.sources.events import detect_format, import_events
from tripolar.sources.events.formats import GDELT2_COLUMNS
from tripolar.sources.events.inputs import first_line

ROOT = Path(__file__).resolve().parents[2]
POLECAT = ROOT / "tests" / "fixtures" / "events" / "polecat_sample.tsv"
TRIANGLE = ("USA", "CHN", "RUS")

# (folder, file, format, rows, {undirected triangle dyad: rows}) as the folders' SOURCE.md give them.
SAMPLES = [
    ("gdelt1", "reed9999_events.csv", "gdelt1", 710, {"CHN-USA": 3, "RUS-USA": 3, "CHN-RUS": 1}),
    ("gdelt2", "20180326044500.export.CSV", "gdelt2", 1540, {"CHN-USA": 5, "RUS-USA": 12}),
    ("gdelt2", "20191024143000.export.CSV", "gdelt2", 2111, {"CHN-USA": 8, "RUS-USA": 2, "CHN-RUS": 2}),
    ("icews", "events.2018.sample.tab", "icews", 3705, {"CHN-USA": 101, "RUS-USA": 20, "CHN-RUS": 8}),
]


def sample(folder: str, name: str) -> Path:
    return shared_path("eval", "events", folder, name)


def triangle_dyads(store) -> dict[str, int]:
    """Stored reports whose source and target are two different powers of the triangle, undirected."""
    rows = store.con.execute("""
        SELECT least(source_code, target_code) || '-' || greatest(source_code, target_code), count(*)
        FROM event_reports JOIN events USING (event_id)
        WHERE source_code IN ('USA', 'CHN', 'RUS') AND target_code IN ('USA', 'CHN', 'RUS')
          AND source_code <> target_code
        GROUP BY ALL
    """).fetchall()
    return dict(rows)


def stored_rejects(store) -> dict[str, tuple]:
    rows = store.con.execute("SELECT reason, stage, field, count, examples FROM rejects").fetchall()
    return {reason: tuple(rest) for reason, *rest in rows}


def gdelt_row(event_id: int, day: str, code: str, actor1: tuple[str, str, str], actor2: tuple[str, str, str],
              group1: str = "") -> str:
    """A 61-field GDELT 2.0 line; each actor is (CAMEO actor code, country code, type code)."""
    values = dict.fromkeys((name for name, _ in GDELT2_COLUMNS), "")
    values.update({
        "GLOBALEVENTID": str(event_id), "SQLDATE": day, "EventCode": code, "EventBaseCode": code[:3],
        "EventRootCode": code[:2], "QuadClass": "1", "GoldsteinScale": "1.5", "DATEADDED": "20191024143000",
        "SOURCEURL": f"https://news.example/{event_id}", "Actor1KnownGroupCode": group1,
    })
    for n, (actor, country, kind) in ((1, actor1), (2, actor2)):
        values.update({f"Actor{n}Code": actor, f"Actor{n}Name": actor, f"Actor{n}CountryCode": country,
                       f"Actor{n}Type1Code": kind})
    return "\t".join(values.values())


US_GOV = ("USAGOV", "USA", "GOV")
CHINA = ("CHN", "CHN", "")


@pytest.mark.parametrize(("folder", "name", "fmt", "rows", "dyads"), SAMPLES, ids=[s[1] for s in SAMPLES])
def test_real_samples_account_for_every_row_and_keep_the_triangle_dyads(store, folder, name, fmt, rows, dyads):
    report = import_events(store, [sample(folder, name)])
    (file,) = report.files
    assert (file.format, file.rows_read, file.error) == (fmt, rows, None)
    assert file.rows_mapped + file.rows_rejected == rows
    assert file.reports_added == file.rows_mapped == store.counts()["event_reports"]
    assert 0 < file.events_added == store.counts()["events"] <= file.reports_added
    assert triangle_dyads(store) == dyads
    assert {reason: entry[2] for reason, entry in stored_rejects(store).items()} == file.rejected


def test_sql_keys_are_the_ids_python_computes(store, tmp_path):
    path = tmp_path / "one.export.CSV"
    path.write_text(gdelt_row(987654321, "20190315", "0871", US_GOV, CHINA) + "\n")
    import_events(store, [path])
    entry = cameo("0871")
    event = Event(
        source=Actor("USA", "GOV", "USAGOV"), target=Actor("CHN", "", "CHN"), cameo="0871", root=entry.root,
        quad=entry.quad, goldstein=entry.goldstein, plover=entry.plover, evidence=Evidence(None, None, None, None, ""),
        origin="gdelt2", date=date(2019, 3, 15), date_precision="day", origin_event_id="987654321",
    )
    assert store.con.execute("SELECT report_id, event_id FROM event_reports").fetchall() == [
        (event.id, event.occurrence_id)]
    # Written by Python, the same event is recognised as already stored.
    assert store.write(events=[event]).total == 0


def test_every_imported_report_has_the_keys_python_derives_from_it(store):
    import_events(store, [sample("icews", "events.2018.sample.tab")])
    keys = dict(store.con.execute("SELECT report_id, event_id FROM event_reports").fetchall())
    events = list(store.events())
    assert len(events) == len(keys) == 3558
    for event in events:
        assert keys[event.id] == event.occurrence_id
        assert event.id == content_id("event", "icews", event.origin_event_id)


def test_formats_are_detected_from_the_first_line():
    assert detect_format(first_line(sample("gdelt1", "reed9999_events.csv"))) == "gdelt1"
    assert detect_format(first_line(sample("gdelt2", "20180326044500.export.CSV"))) == "gdelt2"
    assert detect_format(first_line(sample("icews", "events.2018.sample.tab"))) == "icews"
    assert detect_format(first_line(POLECAT)) == "polecat"
    assert detect_format("id,text,published\n") is None


def test_gz_and_zip_as_downloaded(store, tmp_path):
    original = sample("gdelt2", "20180326044500.export.CSV")
    gz = tmp_path / "20180326044500.export.CSV.gz"
    gz.write_bytes(gzip.compress(original.read_bytes()))
    packed = tmp_path / "20191024143000.export.CSV.zip"
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(sample("gdelt2", "20191024143000.export.CSV"), "20191024143000.export.CSV")
    report = import_events(store, [str(tmp_path / "*.CSV.*")])
    assert [(Path(f.path).name, f.format, f.rows_read) for f in report.files] == [
        ("20180326044500.export.CSV.gz", "gdelt2", 1540), ("20191024143000.export.CSV.zip", "gdelt2", 2111)]
    assert triangle_dyads(store) == {"CHN-USA": 13, "RUS-USA": 14, "CHN-RUS": 2}


def test_importing_again_adds_nothing(store):
    paths = [sample("gdelt2", "20180326044500.export.CSV"), sample("icews", "events.2018.sample.tab")]
    first = import_events(store, paths)
    counts = store.counts()
    again = import_events(store, paths)
    assert (again.events_added, again.reports_added) == (0, 0)
    assert again.rows_read == first.rows_read and again.rejected == first.rejected
    assert {table: n for table, n in store.counts().items() if table != "runs"} == {
        table: n for table, n in counts.items() if table != "runs"}
    assert store.con.execute("SELECT status FROM runs ORDER BY started_at").fetchall() == [("done",), ("done",)]


def test_a_small_file_into_a_large_store_adds_only_what_is_new(store, tmp_path):
    import_events(store, [sample("gdelt2", "20180326044500.export.CSV")])
    known = store.con.execute(
        "SELECT origin_event_id FROM event_reports ORDER BY origin_event_id LIMIT 1").fetchone()[0]
    known_line = next(line for line in sample("gdelt2", "20180326044500.export.CSV").read_text().splitlines()
                      if line.startswith(known + "\t"))
    path = tmp_path / "small.export.CSV"
    path.write_text(known_line + "\n" + gdelt_row(1, "20180326", "042", US_GOV, CHINA) + "\n")
    before = store.counts()
    report = import_events(store, [path])
    assert (report.files[0].rows_mapped, report.reports_added, report.events_added) == (2, 1, 1)
    assert store.counts()["event_reports"] == before["event_reports"] + 1


def test_refused_rows_are_counted_per_reason_with_example_ids(store, tmp_path):
    rows = [
        gdelt_row(1, "20191024", "042", US_GOV, CHINA),
        gdelt_row(2, "20191345", "042", US_GOV, CHINA),             # no 45th of month 13
        gdelt_row(3, "", "042", US_GOV, CHINA),
        gdelt_row(4, "20191024", "999", US_GOV, CHINA),             # not a CAMEO code
        gdelt_row(5, "20191024", "", US_GOV, CHINA),
        gdelt_row(6, "20191024", "042", US_GOV, ("", "", "")),      # one-sided
        gdelt_row(7, "20191024", "042", ("AFR", "AFR", ""), CHINA),  # a region, not a state
        gdelt_row(8, "20191024", "042", US_GOV, ("XYZGOV", "XYZ", "GOV")),
        gdelt_row(9, "20191024", "042", ("COP", "", "COP"), CHINA),  # an actor without country
        gdelt_row(10, "20191024", "042", ("IGOWSTNAT", "WST", "IGO"), CHINA, group1="NAT"),
        "11\t20191024\ttoo few fields",
        gdelt_row(1, "20191024", "042", US_GOV, CHINA),             # the same dataset row twice
    ]
    path = tmp_path / "mixed.export.CSV"
    path.write_text("\n".join(rows) + "\n")
    report = import_events(store, [path])
    expected = {"unreadable row": 1, "bad or missing date": 2, "missing or unknown CAMEO code": 2,
                "no target actor": 1, "unknown source country": 1, "unknown target country": 1,
                "source actor without country": 1}
    assert report.files[0].rejected == expected
    assert (report.rows_read, report.files[0].rows_mapped, report.reports_added) == (12, 3, 2)
    stored = stored_rejects(store)
    assert stored["bad or missing date"] == ("import", "SQLDATE", 2, ["2", "3"])
    assert stored["missing or unknown CAMEO code"] == ("import", "EventCode", 2, ["4", "5"])
    assert stored["unreadable row"] == ("import", None, 1, ["line 11"])
    assert store.con.execute("SELECT source_code, source_role FROM events ORDER BY 1").fetchall() == [
        ("NATO", ""), ("USA", "GOV")]


def test_a_bad_file_in_a_batch_is_recorded_and_the_others_import(store, tmp_path):
    garbage = tmp_path / "notes.txt"
    garbage.write_text("id,text\n1,hello\n")
    missing = tmp_path / "nowhere.export.CSV"
    truncated = tmp_path / "20180326044500.export.CSV.gz"
    whole = gzip.compress(sample("gdelt2", "20180326044500.export.CSV").read_bytes())
    truncated.write_bytes(whole[: len(whole) // 2])
    seen = []
    report = import_events(store, [missing, garbage, truncated, sample("gdelt2", "20180326044500.export.CSV")],
                           progress=lambda path, rows: seen.append((Path(path).name, rows)))
    assert [Path(f.path).name for f in report.failed] == ["nowhere.export.CSV", "notes.txt", truncated.name]
    assert report.files[3].reports_added == 293
    assert seen[-1] == ("20180326044500.export.CSV", 1540) and len(seen) == 4
    reasons = store.con.execute("SELECT reason FROM rejects WHERE stage = 'import' AND count = 1 "
                                "AND field IS NULL ORDER BY 1").fetchall()
    assert [reason for (reason,) in reasons] == [
        "cannot be read", "cannot tell which dataset this file comes from", "no such file"]
    assert "Unexpected end of GZIP stream" in report.failed[2].error
    with pytest.raises(InputError, match="nowhere.export.CSV: no such file"):
        import_events(store, [missing])
    with pytest.raises(InputError, match="looks like icews, not gdelt2"):
        import_events(store, [sample("icews", "events.2018.sample.tab")], fmt="gdelt2")


def test_polecat_rows_keep_their_plover_type_and_mode(store):
    report = import_events(store, [POLECAT])
    assert report.files[0].format == "polecat"
    assert report.rejected == {"bad or missing date": 1, "missing or unknown PLOVER event type": 1,
                               "no target actor": 1, "unknown source country": 1}
    rows = store.con.execute("""
        SELECT origin_event_id, source_code, source_role, target_code, target_role, cameo, plover, plover_mode,
               origin_quad, origin_goldstein
        FROM event_reports JOIN events USING (event_id) ORDER BY origin_event_id
    """).fetchall()
    assert rows == [
        ("pc-0001", "CHN", "GOV", "RUS", "GOV", "042", "CONSULT", "visit", 1, 4.0),
        ("pc-0002", "RUS", "GOV", "CHN", "GOV", "030", "AGREE", "", 1, 2.5),
        ("pc-0003", "USA", "GOV", "CHN", "GOV", "110", "ACCUSE", "disapprove", 3, -2.0),  # sector by name
        ("pc-0004", "USA", "", "RUS", "", "160", "SANCTION", "", 4, -6.0),               # countries by name
        ("pc-0005", "NATO", "", "RUS", "MIL", "152", "MOBILIZE", "troops", 4, -6.5),     # a body by name
        ("pc-0006", "CHN", "CVL", "USA", "MIL", "170", "COERCE", "cyber", 4, -7.0),      # "CHN; HKG": the first
    ]


def test_polecat_variants_latin1_event_intensity_and_trailing_tabs(store, tmp_path):
    lines = POLECAT.read_text(encoding="utf-8").splitlines()
    header = lines[0].replace("\tIntensity\t", "\tEvent Intensity\t") + "\t"
    body = [line.replace("Xi Jinping", "Xi Jìnpíng") + "\t" for line in lines[1:3]]
    path = tmp_path / "ngecEvents.DV.2023.txt"
    path.write_bytes(("\n".join([header, *body]) + "\n").encode("latin-1"))
    report = import_events(store, [path])
    assert (report.rows_read, report.reports_added) == (2, 2)
    assert store.con.execute("SELECT origin_goldstein, source_name FROM event_reports ORDER BY 1").fetchall() == [
        (2.5, "Vladimir Putin"), (4.0, "Xi Jìnpíng")]


def test_icews_sectors_choose_the_most_specific_role(store):
    import_events(store, [sample("icews", "events.2018.sample.tab")])
    roles = dict(store.con.execute("""
        SELECT origin_event_id, source_role || '>' || target_role FROM event_reports JOIN events USING (event_id)
        WHERE origin_event_id IN ('32889836', '32891290', '32891065')
    """).fetchall())
    # Executive,Foreign Ministry,Government > Military,Government; Government > General Population; none.
    assert roles == {"32889836": "GOV>MIL", "32891290": "GOV>CVL", "32891065": ">"}
    bodies = dict(store.con.execute("""
        SELECT DISTINCT source_name, source_code FROM event_reports JOIN events USING (event_id)
        WHERE source_name IN ('European Union', 'United Nations', 'European Commission')
    """).fetchall())
    assert bodies == {"European Union": "EUR", "United Nations": "IGO", "European Commission": "EUR"}


def test_the_mapping_tables_use_known_codes():
    roles = {row["code"] for _, row in read_table(data_path("roles.tsv"), ("code",))}
    sectors = list(read_table(data_path("icews_sectors.tsv"), ("sector", "agent", "role", "rank")))
    assert len({row["sector"] for _, row in sectors}) == len(sectors) > 250
    for _, row in sectors:
        assert row["role"] in roles
    ranks = {row["role"]: set() for _, row in sectors}
    for _, row in sectors:
        ranks[row["role"]].add(int(row["rank"]))
    assert all(len(found) == 1 for role, found in ranks.items() if role != "GOV")  # GOV: executive ranks first
    pairs = [(row["plover"], row["mode"]) for _, row in read_table(data_path("plover_to_cameo.tsv"),
                                                                    ("plover", "cameo"))]
    assert len(set(pairs)) == len(pairs)
    assert {plover for plover, mode in pairs if mode == ""} == set(PLOVER_TYPES) | set(PLOVER_05_TYPES)
    for _, row in read_table(data_path("plover_to_cameo.tsv"), ("plover", "cameo")):
        assert row["cameo"] in cameo_codebook(), row


def test_the_benchmark_runs_on_a_small_file():
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "import_gdelt.py"), "--rows", "3000"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "(a) bare scan" in result.stdout and "(b) import" in result.stdout and "ratio" in result.stdout
