import csv

import pytest

from tests.conftest import shared_path
from tripolar.ontology.cameo import PLOVER_TYPES, cameo, cameo_codebook, quad_for_root

CODES = cameo_codebook()


def test_all_twenty_roots_are_present():
    roots = sorted(code for code in CODES if len(code) == 2)
    assert roots == [f"{n:02d}" for n in range(1, 21)]


@pytest.mark.parametrize("entry", CODES.values(), ids=lambda entry: entry.code)
def test_every_code_is_consistent(entry):
    assert entry.code.isdigit() and 2 <= len(entry.code) <= 4
    assert entry.root == entry.code[:2]
    assert entry.root in CODES, "the root exists"
    assert entry.code[:3] in CODES or len(entry.code) < 4, "a four-digit code has its three-digit parent"
    assert entry.quad == quad_for_root(entry.root)
    assert -10 <= entry.goldstein <= 10 and -10 <= entry.goldstein_icews <= 10
    assert entry.plover in PLOVER_TYPES
    assert entry.name


def test_quad_classes_follow_the_icews_gdelt_convention():
    assert [quad_for_root(n) for n in (1, 5, 6, 8, 9, 13, 14, 20)] == [1, 1, 2, 2, 3, 3, 4, 4]
    with pytest.raises(ValueError, match="not between 01 and 20"):
        quad_for_root(21)


def test_codebook_is_cameo_1_1b3_as_gdelt_numbers_root_16():
    assert cameo("163").name.startswith("Impose embargo")
    assert cameo("164").name == "Halt negotiations"
    assert cameo("166").name.startswith("Expel or withdraw")
    assert cameo("172").plover == "COERCE"
    assert cameo("1951").goldstein == cameo("195").goldstein == -10


def test_unknown_code_error_names_it():
    with pytest.raises(KeyError, match="'999' is not a CAMEO 1.1b3 event code"):
        cameo("999")


def test_every_gdelt_code_and_weight_is_in_the_table():
    names = shared_path("reference", "CAMEO.eventcodes.txt")
    weights = shared_path("reference", "CAMEO.goldsteinscale.txt")
    with names.open() as handle:
        gdelt_codes = {row["CAMEOEVENTCODE"] for row in csv.DictReader(handle, delimiter="\t")}
    with weights.open() as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        gdelt_weights = {row["CAMEOEVENTCODE"]: float(row["GOLDSTEINSCALE"]) for row in rows}
    assert len(gdelt_codes) == 311
    assert gdelt_codes <= set(CODES)
    assert all(CODES[code].goldstein == weight for code, weight in gdelt_weights.items())


def test_icews_weights_are_kept_beside_gdelts():
    table = shared_path("reference", "cameo_codes_icews.tsv")
    with table.open() as handle:
        icews = {row["code"]: float(row["goldstein"]) for row in csv.DictReader(handle, delimiter="\t")}
    assert all(CODES[code].goldstein_icews == weight for code, weight in icews.items())
    assert (CODES["016"].goldstein, CODES["016"].goldstein_icews) == (-2.0, -5.0)


def test_plover_types_follow_the_2021_conversion_table():
    table = shared_path("reference", "CAMEO2PLOVER-2021.txt")
    mapped = 0
    for line in table.read_text().splitlines():
        if ":" in line and "," in line and not line.startswith("#"):
            code, rest = line.split(":", 1)
            if code in CODES and CODES[code].plover_source == "CAMEO2PLOVER-2021":
                assert CODES[code].plover == rest.split(",")[0].strip(), code
                mapped += 1
    assert mapped > 250


def test_names_are_clean_text():
    assert all(entry.name.isascii() and entry.name == entry.name.strip() for entry in CODES.values())
    assert cameo("044").name == "Meet at a 'third' location"
