"""The actor knowledge base as data: states, institutions, groupings, armed groups, offices, tenures, places.

Each loader reads one kind of table from ``ontology/data`` and returns typed records; the
resolver (``resolver.py``) indexes them by name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from tripolar.errors import DataError
from tripolar.ontology._tables import data_path, read_table, split_list


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    cameo: str
    iso2: str
    name: str
    names: tuple[str, ...]
    adjectives: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]
    status: str
    valid_from: date | None
    valid_to: date | None

    @property
    def cameo_code(self) -> str:
        """The code CAMEO and GDELT use for this state (ISO alpha-3 unless they differ)."""
        return self.cameo or self.code


@dataclass(frozen=True, slots=True)
class Institution:
    code: str
    phrase: str
    role: str
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Grouping:
    key: str
    code: str
    name: str
    aliases: tuple[str, ...]
    kind: str
    members: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ArmedGroup:
    key: str
    name: str
    aliases: tuple[str, ...]
    code: str
    role: str
    note: str


@dataclass(frozen=True, slots=True)
class Place:
    """A place that stands for the state it belongs to: "Crimea" is Ukraine, "Kinmen" Taiwan."""

    name: str
    country: str
    kind: str
    aliases: tuple[str, ...]
    note: str


@dataclass(frozen=True, slots=True)
class Office:
    country: str
    office: str
    role: str
    titles: tuple[str, ...]
    several: bool = False  # several hold it at once (vice premiers): a bare title names none of them


@dataclass(frozen=True, slots=True)
class Tenure:
    """One person's time in one office: ``start`` inclusive, ``end`` exclusive (None: still in office)."""

    person: str
    country: str
    office: str
    start: date
    end: date | None
    short: str  # "" where the short form is also a common word ("He" of He Lifeng)
    aliases: tuple[str, ...]
    note: str

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


def _date(cell: str, path: Path, line: int, field: str) -> date | None:
    if not cell:
        return None
    try:
        return date.fromisoformat(cell)
    except ValueError:
        raise DataError(f"'{cell}' is not a YYYY-MM-DD date", path=path, line=line, field=field) from None


@cache
def countries() -> dict[str, Country]:
    path = data_path("countries.tsv")
    table: dict[str, Country] = {}
    for line, row in read_table(path, ("code", "name", "status")):
        if row["code"] in table:
            raise DataError(f"code {row['code']} appears twice", path=path, line=line, field="code")
        table[row["code"]] = Country(
            code=row["code"], cameo=row.get("cameo", ""), iso2=row.get("iso2", ""), name=row["name"],
            names=split_list(row.get("names", "")), adjectives=split_list(row.get("adjectives", "")),
            demonyms=split_list(row.get("demonyms", "")), capitals=split_list(row.get("capital", "")),
            status=row["status"], valid_from=_date(row.get("valid_from", ""), path, line, "valid_from"),
            valid_to=_date(row.get("valid_to", ""), path, line, "valid_to"),
        )
    return table


def _known_code(code: str, path: Path, line: int, field: str, extra: frozenset[str] = frozenset()) -> str:
    if code not in countries() and code not in extra:
        raise DataError(f"'{code}' is not a country code in countries.tsv", path=path, line=line, field=field)
    return code


BODY_CODES = frozenset({"NATO", "EUR", "WST", "IGO"})


@cache
def institutions() -> tuple[Institution, ...]:
    path = data_path("institutions.tsv")
    return tuple(
        Institution(
            code=_known_code(row["code"], path, line, "code", BODY_CODES), phrase=row["phrase"],
            role=row["role"], aliases=split_list(row.get("aliases", "")),
        )
        for line, row in read_table(path, ("code", "phrase", "role"))
    )


@cache
def groupings() -> tuple[Grouping, ...]:
    path = data_path("groupings.tsv")
    return tuple(
        Grouping(
            key=row["key"], code=row["code"], name=row["name"], aliases=split_list(row.get("aliases", "")),
            kind=row.get("kind", ""), members=split_list(row.get("members", "")),
        )
        for _, row in read_table(path, ("key", "code", "name"))
    )


@cache
def armed_groups() -> tuple[ArmedGroup, ...]:
    path = data_path("armed_groups.tsv")
    return tuple(
        ArmedGroup(
            key=row["key"], name=row["name"], aliases=split_list(row.get("aliases", "")),
            code=row["code"], role=row.get("role", ""), note=row.get("note", ""),
        )
        for _, row in read_table(path, ("key", "name", "code"))
    )


PLACE_KINDS = ("province", "region", "city", "island", "territory", "site", "waterway")


@cache
def places(path: Path | None = None) -> tuple[Place, ...]:
    """Regions, provinces, cities, islands, territories and sites, each under the state it belongs to."""
    path = path or data_path("places.tsv")
    rows: list[Place] = []
    first_line: dict[str, int] = {}  # casefolded name or alias → the line that lists it
    for line, row in read_table(path, ("name", "country", "kind")):
        code = _known_code(row["country"], path, line, "country")
        if countries()[code].status == "historical":
            raise DataError(f"'{code}' is a historical state: list a place under today's state", path=path,
                            line=line, field="country")
        if row["kind"] not in PLACE_KINDS:
            raise DataError(f"'{row['kind']}' is not one of {', '.join(PLACE_KINDS)}", path=path, line=line,
                            field="kind")
        place = Place(row["name"], code, row["kind"], split_list(row.get("aliases", "")), row.get("note", ""))
        for field, surface in (("name", place.name), *(("aliases", alias) for alias in place.aliases)):
            earlier = first_line.setdefault(" ".join(surface.casefold().split()), line)
            if earlier != line:
                raise DataError(f"'{surface}' is already a name at line {earlier}", path=path, line=line, field=field)
        rows.append(place)
    return tuple(rows)


def _coded_files(folder: str) -> list[Path]:
    return sorted(data_path(folder).glob("*.tsv"))


@cache
def offices() -> dict[tuple[str, str], Office]:
    table: dict[tuple[str, str], Office] = {}
    for path in _coded_files("offices"):
        country = path.stem
        for line, row in read_table(path, ("office", "role", "titles")):
            key = (country, row["office"])
            if key in table:
                raise DataError(f"office {row['office']} appears twice", path=path, line=line, field="office")
            holders = row.get("holders", "")
            if holders not in ("", "one", "several"):
                raise DataError(f"holders '{holders}' is neither 'one' nor 'several'", path=path, line=line,
                                field="holders")
            table[key] = Office(country, row["office"], row["role"], split_list(row["titles"]), holders == "several")
    return table


@cache
def tenures() -> tuple[Tenure, ...]:
    known_offices = offices()
    rows: list[Tenure] = []
    for path in _coded_files("people"):
        country = path.stem
        for line, row in read_table(path, ("person", "office", "start")):
            if (country, row["office"]) not in known_offices:
                raise DataError(
                    f"office '{row['office']}' is not in offices/{country}.tsv", path=path, line=line, field="office"
                )
            start = _date(row["start"], path, line, "start")
            end = _date(row.get("end", ""), path, line, "end")
            assert start is not None  # required column
            if end is not None and end < start:
                raise DataError(f"ends ({end}) before it starts ({start})", path=path, line=line, field="end")
            rows.append(Tenure(
                person=row["person"], country=country, office=row["office"], start=start, end=end,
                short=row.get("short", ""), aliases=split_list(row.get("aliases", "")), note=row.get("note", ""),
            ))
    return tuple(rows)
