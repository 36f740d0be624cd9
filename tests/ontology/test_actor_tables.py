"""The actor knowledge base, checked whole: every state, every office table, every tenure."""

from collections import defaultdict
from datetime import date, timedelta

import pytest

from tripolar.ontology.actors import armed_groups, countries, groupings, institutions, offices, tenures
from tripolar.ontology.resolver import knowledge_base, name_key

REQUIRED = ("USA", "CHN", "RUS", "UKR", "TWN", "JPN", "KOR", "PRK", "GBR", "FRA", "DEU", "IND", "EUR", "NATO")
CORE_OFFICES = ("foreign_minister", "defence_minister", "finance_minister")


def test_every_un_member_state_and_taiwan_kosovo_palestine():
    table = countries()
    assert sum(1 for c in table.values() if c.status == "un_member") == 193
    assert {"TWN", "XKX", "PSE"} <= set(table)
    assert table["XKX"].cameo_code == "KSV"
    for country in table.values():
        assert len(country.code) == 3 and country.code.isupper(), country.code
        assert country.status in {"un_member", "observer", "partial", "historical"}, country.code
        if country.status != "historical":
            assert country.capitals, f"{country.code} has no capital"
            assert country.adjectives, f"{country.code} has no adjective"


def test_every_name_of_a_state_points_back_to_it():
    kb = knowledge_base()
    clashes = []
    for country in countries().values():
        for name in (country.name, *country.names):
            entry = kb.fixed[name_key(name)]
            if entry.country != country.code:
                clashes.append(f"{name}: {country.code} vs {entry.country}")
    assert not clashes


def test_institutions_groupings_and_armed_groups_use_known_codes_and_roles():
    roles = {"GOV", "MIL", "LEG", "JUD", "COP", "SPY", "BUS", "MED", "OPP", "REB", "CVL", "EDU", "LAB", "REL",
             "HLH", "REF", "NGO", "IGO", "ELI", ""}
    assert len(institutions()) >= 250
    assert {item.role for item in institutions()} <= roles
    assert {body.code for body in groupings()} <= {"NATO", "EUR", "WST", "IGO"}
    assert {"NATO", "EU", "G7", "G20", "BRICS", "SCO", "ASEAN", "UN", "UNSC", "IAEA", "WTO", "IMF"} <= {
        body.key for body in groupings()}
    assert len(armed_groups()) >= 30
    for group in armed_groups():
        assert group.code in countries() or group.code.isupper(), group.key
        assert group.role in roles


@pytest.mark.parametrize("code", REQUIRED)
def test_each_required_country_has_offices_and_holders(code):
    kinds = {office for country, office in offices() if country == code}
    assert kinds, f"no offices/{code}.tsv"
    if code not in ("EUR", "NATO"):
        assert {"head_of_state", "foreign_minister", "defence_minister"} <= kinds | {"head_of_state"}
    held = [t for t in tenures() if t.country == code]
    assert held and all(t.country == code for t in held)


@pytest.mark.parametrize("code", ("USA", "CHN", "RUS"))
def test_the_three_powers_have_national_security_advisers(code):
    holders = [t for t in tenures() if t.country == code and t.office == "national_security_adviser"]
    assert len(holders) >= 3


@pytest.mark.parametrize("code", [c for c in REQUIRED if c not in ("EUR", "NATO")])
def test_offices_are_held_with_only_short_vacancies_since_1992(code):
    """Each core office has a known holder almost every day since 1992 (Ukraine: since its
    independence): vacancies between a departure and a swearing-in are real, but short."""
    kinds = {office for country, office in offices() if country == code}
    first, last = date(1992, 1, 1), date(2025, 10, 1)
    problems = []
    for office in ("head_of_state", "head_of_government", *CORE_OFFICES):
        if office not in kinds:
            continue
        held = [t for t in tenures() if t.country == code and t.office == office]
        day, uncovered, gap, longest = first, 0, 0, 0
        while day < last:
            if any(t.covers(day) for t in held):
                gap = 0
            else:
                uncovered, gap = uncovered + 1, gap + 1
                longest = max(longest, gap)
            day += timedelta(days=1)
        # North Korea left its defence ministry formally vacant after deaths in office (1995, 1997–98).
        allowed = 600 if code == "PRK" else 150
        if uncovered > 4 * allowed // 3 + 50 or longest > allowed:
            problems.append(f"{office}: {uncovered} days without a holder, longest run {longest}")
    assert not problems, problems


def test_tenures_in_one_office_do_not_overlap():
    by_office = defaultdict(list)
    for tenure in tenures():
        by_office[(tenure.country, tenure.office)].append(tenure)
    overlaps = []
    for key, held in by_office.items():
        if offices()[key].several:
            continue
        held.sort(key=lambda t: t.start)
        for before, after in zip(held, held[1:], strict=False):
            notes = (before.note + after.note).lower()
            acting = any(word in notes for word in ("acting", "caretaker", "overlap"))
            if before.end is None or before.end > after.start:
                if not acting and before.person != after.person:
                    overlaps.append(f"{key}: {before.person} / {after.person} ({after.start})")
    assert not overlaps, overlaps


def test_only_the_latest_holder_of_an_office_is_open_ended():
    open_ended = defaultdict(list)
    for tenure in tenures():
        if tenure.end is None:
            open_ended[(tenure.country, tenure.office)].append(tenure.person)
    several = {key: people for key, people in open_ended.items() if len(people) > 1 and not offices()[key].several}
    assert not several, several


def test_tenures_reach_back_to_1990():
    assert min(t.start for t in tenures() if t.country == "USA" and t.office == "head_of_state") <= date(1990, 1, 1)
    assert any(t.person == "Jiang Zemin" for t in tenures())


def test_a_bare_title_several_hold_at_once_names_the_state_not_a_person():
    from tests.actor_helpers import resolved

    assert resolved("Chinese Vice Premier", "2019-05-09") == ("CHN", "GOV", None, "vice_premier")
    assert resolved("Vice Premier Liu He", "2019-05-09")[2] == "Liu He"
