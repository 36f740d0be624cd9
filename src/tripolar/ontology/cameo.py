"""The CAMEO event codebook (1.1b3 as GDELT uses it) with quad classes, Goldstein weights and PLOVER types."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from tripolar.errors import DataError
from tripolar.ontology._tables import data_path, read_table

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
# PLOVER 0.5's names, still used by its gold-standard records, for types now called REQUEST (DEMAND),
# ACCUSE (DISAPPROVE, INVESTIGATE) and ASSAULT (FIGHT); plover_to_cameo.tsv gives each a CAMEO code.
PLOVER_05_TYPES = ("DEMAND", "DISAPPROVE", "FIGHT", "INVESTIGATE")
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


@dataclass(frozen=True, slots=True)
class CameoCode:
    """One row of the codebook. ``goldstein`` is GDELT's weight, ``goldstein_icews`` ICEWS's."""

    code: str
    root: str
    name: str
    quad: int
    goldstein: float
    goldstein_icews: float
    plover: str
    plover_mode: str
    plover_context: str
    plover_source: str

    @property
    def is_root(self) -> bool:
        return len(self.code) == 2


def quad_for_root(root: str | int) -> int:
    """Quad class by root, as ICEWS and GDELT: 01–05 → 1, 06–08 → 2, 09–13 → 3, 14–20 → 4."""
    number = int(root)
    if not 1 <= number <= 20:
        raise ValueError(f"CAMEO root {root!r} is not between 01 and 20")
    return 1 if number <= 5 else 2 if number <= 8 else 3 if number <= 13 else 4


@cache
def cameo_codebook() -> dict[str, CameoCode]:
    """Every CAMEO code, keyed by code (``"0311"``, ``"172"``, ``"20"``)."""
    path = data_path("cameo.tsv")
    table: dict[str, CameoCode] = {}
    for line, row in read_table(path, ("code", "root", "name", "quad", "goldstein", "plover")):
        try:
            entry = CameoCode(
                code=row["code"], root=row["root"], name=row["name"], quad=int(row["quad"]),
                goldstein=float(row["goldstein"]), goldstein_icews=float(row["goldstein_icews"]),
                plover=row["plover"], plover_mode=row["plover_mode"],
                plover_context=row["plover_context"], plover_source=row["plover_source"],
            )
        except ValueError as error:
            raise DataError(str(error), path=path, line=line) from error
        if entry.code in table:
            raise DataError(f"code {entry.code} appears twice", path=path, line=line, field="code")
        table[entry.code] = entry
    return table


def cameo(code: str) -> CameoCode:
    """Look one code up; a clear error names the unknown code."""
    try:
        return cameo_codebook()[code]
    except KeyError:
        raise KeyError(f"'{code}' is not a CAMEO 1.1b3 event code (see `tripolar cameo` for the list)") from None
