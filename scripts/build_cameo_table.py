"""Build ``src/tripolar/ontology/data/cameo.tsv`` from the codebook facts in ../shared/reference.

The facts (codes, names, Goldstein weights, the CAMEO→PLOVER correspondence) come from the
public codebooks listed in ../shared/reference/SOURCE.md; the table layout and the PLOVER
types for roots 01/02 (which the 2021 conversion table leaves without one) are ours.
Run once when a codebook changes: ``python scripts/build_cameo_table.py ../shared/reference``.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src/tripolar/ontology/data/cameo.tsv"

# Roots 01 (statements) and 02 (appeals) have no PLOVER event in the 2021 table. We give
# each the nearest PLOVER type so every CAMEO code has one, and mark the row "tripolar".
NEAREST_PLOVER = {
    "01": ("CONSULT", "statement"),
    "010": ("CONSULT", "statement"),
    "011": ("REJECT", "comment"),
    "012": ("ACCUSE", "disapprove"),
    "013": ("SUPPORT", "comment"),
    "014": ("AGREE", "consider"),
    "015": ("CONCEDE", "responsibility"),
    "016": ("REJECT", "responsibility"),
    "017": ("SUPPORT", "symbolic"),
    "018": ("SUPPORT", "empathy"),
    "019": ("AGREE", "accord"),
    "02": ("REQUEST", ""),
    "020": ("REQUEST", ""),
    "021": ("REQUEST", "assist"),
    "0211": ("REQUEST", "assist"),
    "0212": ("REQUEST", "assist"),
    "0213": ("REQUEST", "assist"),
    "0214": ("REQUEST", "assist"),
    "022": ("REQUEST", "assist"),
    "023": ("REQUEST", "assist"),
    "0231": ("REQUEST", "assist"),
    "0232": ("REQUEST", "assist"),
    "0233": ("REQUEST", "assist"),
    "0234": ("REQUEST", "assist"),
    "024": ("REQUEST", "change"),
    "0241": ("REQUEST", "change"),
    "0242": ("REQUEST", "change"),
    "0243": ("REQUEST", "change"),
    "0244": ("REQUEST", "change"),
    "025": ("REQUEST", "yield"),
    "0251": ("REQUEST", "yield"),
    "0252": ("REQUEST", "yield"),
    "0253": ("REQUEST", "yield"),
    "0254": ("REQUEST", "yield"),
    "0255": ("REQUEST", "yield"),
    "0256": ("REQUEST", "yield"),
    "026": ("REQUEST", "meet"),
    "027": ("REQUEST", "meet"),
    "028": ("REQUEST", "meet"),
    # Root 08 is split between CONCEDE and RETREAT in the table; the root itself is "yield".
    "08": ("CONCEDE", ""),
}


def quad_for_root(root: int) -> int:
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 13:
        return 3
    return 4


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def read_plover(path: Path) -> dict[str, tuple[str, str, str]]:
    table: dict[str, tuple[str, str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if ":" not in line or line.startswith(("#", "~")):
            continue
        code, rest = line.split(":", 1)
        code = code.strip()
        body = rest.split("#", 1)[0]
        parts = [part.strip() for part in body.split(",")]
        event = parts[0]
        mode = parts[1] if len(parts) > 1 else ""
        context = parts[2].replace(" ", "") if len(parts) > 2 else ""
        table.setdefault(code, (event, mode, context))
    return table


def main(reference: Path) -> None:
    names = {row["CAMEOEVENTCODE"]: row["EVENTDESCRIPTION"] for row in read_tsv(reference / "CAMEO.eventcodes.txt")}
    gdelt = {row["CAMEOEVENTCODE"]: row["GOLDSTEINSCALE"] for row in read_tsv(reference / "CAMEO.goldsteinscale.txt")}
    icews_rows = read_tsv(reference / "cameo_codes_icews.tsv")
    icews = {row["code"]: row["goldstein"] for row in icews_rows}
    icews_names = {row["code"]: row["name"] for row in icews_rows}
    # ICEWS codes absent from GDELT's list (1213) join the table with ICEWS's name and weight.
    for row in icews_rows:
        if row["code"] not in names:
            names[row["code"]] = row["name"]
            gdelt[row["code"]] = row["goldstein"]
    # Later additions (1951/1952, aerial munitions) exist only in the extended code list;
    # they weigh as their parent code.
    for line in (reference / "CAMEO_codefile.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("LABEL:") and "=" in line:
            code, name = (part.strip() for part in line[len("LABEL:"):].split("=", 1))
            if code.isdigit() and code not in names and code[:-1] in gdelt:
                names[code] = name
                gdelt[code] = gdelt[code[:-1]]
                icews[code] = icews.get(code[:-1], gdelt[code[:-1]])
    plover = read_plover(reference / "CAMEO2PLOVER-2021.txt")

    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        handle.write("code\troot\tname\tquad\tgoldstein\tgoldstein_icews\tplover\tplover_mode\tplover_context\tplover_source\n")
        for code in sorted(names):
            root = code[:2]
            if code in plover and code not in NEAREST_PLOVER:
                event, mode, context = plover[code]
                source = "CAMEO2PLOVER-2021"
            elif code in NEAREST_PLOVER:
                event, mode = NEAREST_PLOVER[code]
                context, source = "", "tripolar"
            else:
                # A code the 2021 table skips (e.g. 1951/1952) takes its parent's PLOVER type.
                parent = code[:-1]
                event, mode, context = plover.get(parent) or plover[root]
                source = "tripolar"
            name = names[code].strip()
            if not name.isascii():  # GDELT's list has mojibake (044); ICEWS's table was repaired
                name = icews_names.get(code, name)
            handle.write(
                f"{code}\t{root}\t{name}\t{quad_for_root(int(root))}\t{float(gdelt[code]):g}\t"
                f"{float(icews.get(code) or gdelt[code]):g}\t{event}\t{mode}\t{context}\t{source}\n"
            )


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/reference"))
