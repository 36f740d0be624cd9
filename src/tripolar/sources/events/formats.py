"""The column layouts of the event datasets users download, and how to tell them apart.

Each layout lists every column with an explicit DuckDB type, so DuckDB never guesses (GDELT's event
codes carry leading zeros and must stay strings). GDELT files have no header and are told apart by
their field count; ICEWS and POLECAT files have a header row, read here, that names their columns.
PLOVER files are JSON: one array of records, or one record per line as ``tripolar export`` writes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tripolar.errors import InputError

FORMATS = ("gdelt1", "gdelt2", "icews", "polecat", "plover")
JSON_FORMATS = ("plover",)


def _actor(n: int) -> tuple[tuple[str, str], ...]:
    fields = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
              "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
    return tuple((f"Actor{n}{field}", "VARCHAR") for field in fields)


def _geo(prefix: str, *, adm2: bool) -> tuple[tuple[str, str], ...]:
    columns = [(f"{prefix}_Type", "INTEGER"), (f"{prefix}_FullName", "VARCHAR"),
               (f"{prefix}_CountryCode", "VARCHAR"), (f"{prefix}_ADM1Code", "VARCHAR")]
    if adm2:
        columns.append((f"{prefix}_ADM2Code", "VARCHAR"))
    # FeatureID is often a non-numeric ADM1 or country id ("IN", "SC"): a string.
    columns += [(f"{prefix}_Lat", "DOUBLE"), (f"{prefix}_Long", "DOUBLE"), (f"{prefix}_FeatureID", "VARCHAR")]
    return tuple(columns)


def _gdelt(*, adm2: bool) -> tuple[tuple[str, str], ...]:
    # SQLDATE is read as text: a malformed date then becomes a counted reject, not an unreadable row.
    head = (("GLOBALEVENTID", "BIGINT"), ("SQLDATE", "VARCHAR"), ("MonthYear", "INTEGER"),
            ("Year", "INTEGER"), ("FractionDate", "DOUBLE"))
    event = (("IsRootEvent", "INTEGER"), ("EventCode", "VARCHAR"), ("EventBaseCode", "VARCHAR"),
             ("EventRootCode", "VARCHAR"), ("QuadClass", "TINYINT"), ("GoldsteinScale", "DOUBLE"),
             ("NumMentions", "INTEGER"), ("NumSources", "INTEGER"), ("NumArticles", "INTEGER"),
             ("AvgTone", "DOUBLE"))
    geo = _geo("Actor1Geo", adm2=adm2) + _geo("Actor2Geo", adm2=adm2) + _geo("ActionGeo", adm2=adm2)
    tail = (("DATEADDED", "BIGINT"), ("SOURCEURL", "VARCHAR"))
    return head + _actor(1) + _actor(2) + event + geo + tail


# GDELT 1.0 daily files have 58 fields; its 1979–2013 backfiles lack SOURCEURL (57): both are read
# with the 58-column layout and null padding, so one file may even mix them.
GDELT1_COLUMNS = _gdelt(adm2=False)
# GDELT 2.0 adds an ADM2Code to each geography block and a time to DATEADDED: 61 fields.
GDELT2_COLUMNS = _gdelt(adm2=True)

ICEWS_TYPES = {
    "Event ID": "VARCHAR", "Event Date": "VARCHAR", "Source Name": "VARCHAR", "Source Sectors": "VARCHAR",
    "Source Country": "VARCHAR", "Event Text": "VARCHAR", "CAMEO Code": "VARCHAR", "Intensity": "DOUBLE",
    "Target Name": "VARCHAR", "Target Sectors": "VARCHAR", "Target Country": "VARCHAR", "Story ID": "VARCHAR",
    "Sentence Number": "INTEGER", "Publisher": "VARCHAR", "City": "VARCHAR", "District": "VARCHAR",
    "Province": "VARCHAR", "Country": "VARCHAR", "Latitude": "DOUBLE", "Longitude": "DOUBLE",
}
ICEWS_REQUIRED = ("Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "CAMEO Code",
                  "Target Name", "Target Sectors", "Target Country")

# POLECAT's documented 40 columns; any other column is read as text. Some files say "Event Intensity".
POLECAT_TYPES = {"Intensity": "DOUBLE", "Latitude": "DOUBLE", "Longitude": "DOUBLE"}
POLECAT_ALIASES = {"Event Intensity": "Intensity"}
POLECAT_REQUIRED = ("Event ID", "Event Date", "Event Type", "Event Mode", "Actor Name", "Actor Country",
                    "Primary Actor Sector", "Recipient Name", "Recipient Country", "Primary Recipient Sector")

# The PLOVER record fields read: those of the PLOVER gold records, then those our exporter adds. Actor
# lists may also be "" (no target), and numbers or lists may be anything in a hand-edited file, so
# they are read as JSON or text and converted in SQL: a bad value is dropped or refuses its record,
# never the whole file.
PLOVER_COLUMNS = (
    ("id", "VARCHAR"), ("date", "VARCHAR"), ("event", "VARCHAR"), ("mode", "VARCHAR"), ("source", "JSON"),
    ("target", "JSON"), ("text", "VARCHAR"),
    ("cameo", "VARCHAR"), ("quad", "VARCHAR"), ("goldstein", "VARCHAR"), ("modality", "VARCHAR"),
    ("issues", "JSON"), ("datePrecision", "VARCHAR"), ("sourceUrl", "VARCHAR"),
)
PLOVER_SUFFIXES = (".json", ".jsonl", ".ndjson")


@dataclass(frozen=True, slots=True)
class Layout:
    """How DuckDB must read one file: its format, columns with types, and CSV dialect or JSON shape."""

    format: str
    columns: tuple[tuple[str, str], ...]
    header: bool
    # GDELT never quotes and has stray quotes inside names and URLs, so quoting must be off there;
    # ICEWS/POLECAT are written by CSV libraries that quote a field only when it needs it.
    quote: str
    encoding: str = "utf-8"
    # read_json's ``format`` for a JSON file: "array" or "newline_delimited"; "" for a tab-separated one.
    json_format: str = ""

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.columns)


def gdelt_layout(fmt: str, *, header: bool = False) -> Layout:
    columns = GDELT1_COLUMNS if fmt == "gdelt1" else GDELT2_COLUMNS
    return Layout(fmt, columns, header=header, quote="")


def _header_layout(fmt: str, header: list[str], path: Path, encoding: str) -> Layout:
    if fmt == "icews":
        types, aliases, required = ICEWS_TYPES, {}, ICEWS_REQUIRED
    else:
        types, aliases, required = POLECAT_TYPES, POLECAT_ALIASES, POLECAT_REQUIRED
    names = [aliases.get(name.strip(), name.strip()) for name in header]
    missing = [name for name in required if name not in names]
    if missing:
        raise InputError(
            f"the header lacks the {fmt.upper()} column(s) {', '.join(missing)}", path=path, line=1,
            hint=f"Check that this is an unmodified {fmt.upper()} file with its header row",
        )
    # Trailing tabs give nameless columns: name them so DuckDB reads them and they are ignored.
    columns = tuple(
        (name or f"unnamed_{index}", types.get(name, "VARCHAR")) for index, name in enumerate(names)
    )
    return Layout(fmt, columns, header=True, quote='"', encoding=encoding)


def plover_layout(first_line: str, path: Path) -> Layout:
    start = first_line.lstrip()[:1]
    if start not in ("[", "{"):
        raise InputError(
            "is not PLOVER JSON: it starts with neither '[' nor '{'", path=path, line=1,
            hint="Pass a JSON array of PLOVER records, or one record per line (`tripolar export --format plover`)",
        )
    json_format = "array" if start == "[" else "newline_delimited"
    return Layout("plover", PLOVER_COLUMNS, header=False, quote="", json_format=json_format)


def layout_for(fmt: str, first_line: str, path: Path, encoding: str = "utf-8") -> Layout:
    """The layout to read ``path`` with as ``fmt``, checked against its first line."""
    if fmt == "plover":
        return plover_layout(first_line, path)
    fields = first_line.rstrip("\r\n").split("\t")
    if fmt in ("gdelt1", "gdelt2"):
        return gdelt_layout(fmt, header=fields[0].strip().upper() == "GLOBALEVENTID")
    if fmt in ("icews", "polecat"):
        return _header_layout(fmt, fields, path, encoding)
    raise InputError(f"unknown format '{fmt}'", path=path, hint=f"Use one of {', '.join(FORMATS)}")


def detect_format(first_line: str, name: str = "") -> str | None:
    """``gdelt1``, ``gdelt2``, ``icews``, ``polecat`` or ``plover`` from a file's first line (and for
    PLOVER its name: ``.json``, ``.jsonl`` or ``.ndjson``, maybe gzipped); None if none fits."""
    if name.lower().removesuffix(".gz").endswith(PLOVER_SUFFIXES) and first_line.lstrip()[:1] in ("[", "{"):
        return "plover"
    fields = [field.strip() for field in first_line.rstrip("\r\n").split("\t")]
    names = set(fields)
    if {"Event ID", "Event Type", "Actor Country", "Recipient Country"} <= names:
        return "polecat"
    if {"Event ID", "Event Date", "Source Name", "CAMEO Code", "Target Name"} <= names:
        return "icews"
    if fields and fields[0].upper() == "GLOBALEVENTID":
        return "gdelt2" if len(fields) == len(GDELT2_COLUMNS) else "gdelt1" if len(fields) in (57, 58) else None
    # Headerless GDELT: a numeric event id, then a YYYYMMDD date, and the field count of a layout.
    if len(fields) >= 2 and fields[0].isdigit() and len(fields[1]) == 8 and fields[1].isdigit():
        if len(fields) == len(GDELT2_COLUMNS):
            return "gdelt2"
        if len(fields) in (len(GDELT1_COLUMNS), len(GDELT1_COLUMNS) - 1):
            return "gdelt1"
    return None
