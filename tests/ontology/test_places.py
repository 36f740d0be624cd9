"""The gazetteer: places that stand for the state they belong to ("Crimea" is Ukraine, "Kinmen" Taiwan)."""

from datetime import date
from pathlib import Path

import pytest

from tests.actor_helpers import found
from tripolar.errors import DataError
from tripolar.ontology import resolver
from tripolar.ontology.actors import PLACE_KINDS, Place, countries, places
from tripolar.ontology.resolver import KnowledgeBase, knowledge_base, knowledge_base_summary, name_key, resolve_actor

DAY = date(2020, 1, 1)
HEADER = "name\tcountry\tkind\taliases\tnote\n"
GOOD_ROW = "Kharkiv\tUKR\tcity\tKharkov\t"


def write(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "places.tsv"
    path.write_text(HEADER + "".join(f"{row}\n" for row in rows), encoding="utf-8")
    return path


# -- the table ------------------------------------------------------------------------------

def test_the_table_loads_with_known_codes_and_kinds():
    table = places()
    assert len(table) >= 500
    assert {place.kind for place in table} == set(PLACE_KINDS)
    assert all(countries()[place.country].status != "historical" for place in table)
    assert {"UKR", "RUS", "CHN", "TWN", "JPN", "KOR", "PRK", "PSE", "ISR", "SYR", "USA"} <= {
        place.country for place in table}


def test_every_name_of_every_place_resolves_to_its_state():
    """A place whose name a state, capital, body, group or person already has is skipped by the
    knowledge base: none is in the table, so this also catches a new person named like a place."""
    kb = knowledge_base()
    wrong = []
    for place in places():
        for surface in (place.name, *place.aliases):
            entry = kb.fixed.get(name_key(surface))
            if entry is None or (entry.country, entry.role) != (place.country, "") or name_key(surface) in kb.people:
                wrong.append(f"{surface} ({place.country}): {entry}")
    assert not wrong


def test_stats_count_places():
    assert knowledge_base_summary()["places"] == len(places())


@pytest.mark.parametrize(("row", "field", "words"), [
    ("\tUKR\tcity\t\t", "name", "is empty"),
    ("Kharkiv\tXYZ\tcity\t\t", "country", "'XYZ' is not a country code in countries.tsv"),
    ("Kharkiv\tSUN\tcity\t\t", "country", "'SUN' is a historical state"),
    ("Kharkiv\tUKR\ttown\t\t", "kind", "'town' is not one of province, region, city"),
    ("Kharkov\tUKR\tcity\t\t", "name", "'Kharkov' is already a name at line 2"),
    ("Kharkiv Oblast\tUKR\tprovince\tKharkiv region|KHARKIV\t", "aliases", "'KHARKIV' is already a name at line 2"),
])
def test_a_bad_row_names_file_line_and_field(tmp_path, row, field, words):
    path = write(tmp_path, GOOD_ROW, row)
    with pytest.raises(DataError) as caught:
        places(path)
    error = caught.value
    assert (error.path, error.line, error.field) == (str(path), 3, field)
    assert str(error).startswith(f"{path}, line 3, field '{field}': ")
    assert words in str(error)


def test_a_good_file_loads(tmp_path):
    path = write(tmp_path, "# comment", GOOD_ROW, "Crimea\tUKR\tterritory\tCrimean Peninsula\tannexed 2014")
    assert places(path) == (
        Place("Kharkiv", "UKR", "city", ("Kharkov",), ""),
        Place("Crimea", "UKR", "territory", ("Crimean Peninsula",), "annexed 2014"),
    )


# -- resolution -----------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "code"), [
    ("Crimea", "UKR"), ("Sevastopol", "UKR"), ("Donbass", "UKR"), ("Kharkov", "UKR"), ("Kiev region", "UKR"),
    ("Kursk", "RUS"), ("Kursk region", "RUS"), ("St. Petersburg", "RUS"),
    ("Kinmen", "TWN"), ("Quemoy", "TWN"), ("Kaohsiung", "TWN"),
    ("Gaza", "PSE"), ("the Gaza Strip", "PSE"), ("West Bank", "PSE"),
    ("Golan Heights", "SYR"), ("Senkaku Islands", "JPN"), ("Yongbyon", "PRK"), ("Busan", "KOR"),
    ("Hong Kong", "CHN"), ("Xinjiang", "CHN"), ("Inner Mongolia", "CHN"),
    ("Abkhazia", "GEO"), ("Nagorno-Karabakh", "AZE"), ("Transnistria", "MDA"), ("Northern Ireland", "GBR"),
    ("Greenland", "DNK"), ("Texas", "USA"), ("Washington State", "USA"),
])
def test_a_place_resolves_to_its_state_as_a_whole(name, code):
    resolution = resolve_actor(name, DAY)
    assert (resolution.country, resolution.role, resolution.person, resolution.office) == (code, "", None, None)
    assert resolution.name == countries()[code].name


def test_a_capital_stays_the_government_and_the_region_around_it_is_the_state():
    assert (resolve_actor("Kyiv", DAY).country, resolve_actor("Kyiv", DAY).role) == ("UKR", "GOV")
    assert (resolve_actor("Kyiv region", DAY).country, resolve_actor("Kyiv region", DAY).role) == ("UKR", "")
    assert resolve_actor("Moscow", DAY).role == "GOV"
    assert resolve_actor("Moscow Oblast", DAY).role == ""


@pytest.mark.parametrize(("name", "code", "role"), [
    ("Georgia", "GEO", ""),  # the state, not the US state (left out of the table)
    ("Washington", "USA", "GOV"),  # the capital, not the US state
    ("Smolensk Square", "RUS", "GOV"),  # the Russian foreign ministry, not the city of Smolensk
    ("Donetsk People's Republic", "UKR", "REB"),
    ("Mongolia", "MNG", ""),
])
def test_a_place_does_not_take_an_existing_name(name, code, role):
    resolution = resolve_actor(name, DAY)
    assert (resolution.country, resolution.role) == (code, role)


def test_a_place_named_like_a_body_or_person_is_skipped(monkeypatch):
    """'Rawalpindi' is Pakistan's army headquarters (institutions.tsv) and 'Zelensky' a person: a
    place with either name does not override them, nor reach the matcher's surfaces twice."""
    extra = (Place("Rawalpindi", "PAK", "city", (), ""), Place("Zelenskyville", "UKR", "city", ("Zelensky",), ""))
    monkeypatch.setattr(resolver, "places", lambda: extra)
    kb = KnowledgeBase()
    assert kb.resolve("Rawalpindi", DAY).role == "MIL"
    zelensky = kb.resolve("Zelensky", DAY)
    assert (zelensky.country, zelensky.person) == ("UKR", "Volodymyr Zelensky")
    assert kb.resolve("Zelenskyville", DAY).role == ""


# -- in text --------------------------------------------------------------------------------

def test_the_matcher_finds_a_city_as_its_state():
    assert found("Russia fired a missile at a plant in Dnipro.") == [
        ("Russia", "RUS", "", "Russia"), ("Dnipro", "UKR", "", "Ukraine")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Russia annexed Crimea in 2014.", [("Russia", "RUS"), ("Crimea", "UKR")]),
    ("Ukraine struck targets in the Kursk region.", [("Ukraine", "UKR"), ("Kursk region", "RUS")]),
    ("China held drills near Kinmen.", [("China", "CHN"), ("Kinmen", "TWN")]),
    ("Chinese warships sailed off the Senkaku Islands.", [("Chinese warships", "CHN"), ("Senkaku Islands", "JPN")]),
    ("Israel struck Gaza City and Khan Younis.", [("Israel", "ISR"), ("Gaza City", "PSE"), ("Khan Younis", "PSE")]),
])
def test_places_in_news_sentences(text, expected):
    assert [(row[0], row[1]) for row in found(text)] == expected


def test_the_longest_name_wins_in_text():
    assert [(row[0], row[1], row[2]) for row in found(
        "The Donetsk People's Republic shelled Donetsk; Smolensk Square protested; "
        "the Hong Kong government and Inner Mongolia, not Mongolia.")] == [
        ("Donetsk People's Republic", "UKR", "REB"), ("Donetsk", "UKR", ""), ("Smolensk Square", "RUS", "GOV"),
        ("Hong Kong government", "CHN", "GOV"), ("Inner Mongolia", "CHN", ""), ("Mongolia", "MNG", "")]


def test_place_names_must_be_capitalised():
    assert found("a plant in dnipro, drills near kinmen") == []
