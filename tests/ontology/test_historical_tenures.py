"""Cold War office-holders of the strategic triangle resolve to the right state and office by date."""

from datetime import date

import pytest

from tests.actor_helpers import resolved
from tripolar.ontology.actors import countries, offices, tenures

CASES = [
    # Kissinger: National Security Adviser 1969-1975, also Secretary of State from 1973-09-22.
    ("Kissinger", "1972-02-21", ("USA", "GOV", "Henry Kissinger", "national_security_adviser")),
    ("Secretary of State Henry Kissinger", "1974-06-01", ("USA", "GOV", "Henry Kissinger", "foreign_minister")),
    ("President Nixon", "1972-02-21", ("USA", "GOV", "Richard Nixon", "head_of_state")),
    ("Vice President Nixon", "1959-07-24", ("USA", "GOV", "Richard Nixon", "vice_president")),
    ("the US secretary of state", "1972-02-21", ("USA", "GOV", "William P. Rogers", "foreign_minister")),
    ("the Secretary of Defense", "1962-10-22", ("USA", "GOV", "Robert McNamara", "defence_minister"), "USA"),
    ("the president", "1962-10-22", ("USA", "GOV", "John F. Kennedy", "head_of_state"), "USA"),
    ("the president", "1945-06-01", ("USA", "GOV", "Harry S. Truman", "head_of_state"), "USA"),
    # The Soviet Union is SUN, never RUS.
    ("Brezhnev", "1972-05-26", ("SUN", "GOV", "Leonid Brezhnev", "party_leader")),
    ("the Soviet leader", "1972-05-26", ("SUN", "GOV", "Leonid Brezhnev", "party_leader")),
    ("the Soviet premier", "1967-06-23", ("SUN", "GOV", "Alexei Kosygin", "head_of_government")),
    ("Kosygin", "1967-06-23", ("SUN", "GOV", "Alexei Kosygin", "head_of_government")),
    ("Khrushchov", "1962-10-22", ("SUN", "GOV", "Nikita Khrushchev", "head_of_government")),
    ("Soviet foreign minister", "1972-05-26", ("SUN", "GOV", "Andrei Gromyko", "foreign_minister")),
    ("Gromyko", "1986-01-01", ("SUN", "GOV", "Andrei Gromyko", "head_of_state")),
    ("President Gorbachev", "1991-08-19", ("SUN", "GOV", "Mikhail Gorbachev", "head_of_state")),
    ("Gorbachev", "1995-01-01", ("SUN", "ELI", "Mikhail Gorbachev", None)),
    ("Stalin", "1950-01-01", ("SUN", "GOV", "Joseph Stalin", "head_of_government")),
    # The People's Republic and Taiwan.
    ("Zhou Enlai", "1972-02-21", ("CHN", "GOV", "Zhou Enlai", "head_of_government")),
    ("Premier Chou En-lai", "1972-02-21", ("CHN", "GOV", "Zhou Enlai", "head_of_government")),
    ("Mao Tse-tung", "1972-02-21", ("CHN", "GOV", "Mao Zedong", "party_leader")),
    ("Chairman Mao", "1955-01-01", ("CHN", "GOV", "Mao Zedong", "head_of_state")),
    ("Teng Hsiao-ping", "1979-01-29", ("CHN", "GOV", "Deng Xiaoping", "vice_premier")),
    ("Deng", "1985-06-01", ("CHN", "GOV", "Deng Xiaoping", "military_commission_chair")),
    # The party's formal head, not Deng, in the 1980s.
    ("the Chinese general secretary", "1986-06-01", ("CHN", "GOV", "Hu Yaobang", "party_leader")),
    ("Liu Shaoqi", "1962-01-01", ("CHN", "GOV", "Liu Shaoqi", "head_of_state")),
    ("the Chinese foreign minister", "1978-08-12", ("CHN", "GOV", "Huang Hua", "foreign_minister")),
    ("Chiang Kai-shek", "1960-01-01", ("TWN", "GOV", "Chiang Kai-shek", "head_of_state")),
    ("Chiang Ching-kuo", "1980-01-01", ("TWN", "GOV", "Chiang Ching-kuo", "head_of_state")),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: f"{case[0]}@{case[1]}")
def test_cold_war_office_holders_resolve_by_date(case):
    name, on, expected, *country = case
    assert resolved(name, on, *country) == expected


def test_soviet_tenures_end_with_the_soviet_union():
    valid_to = countries()["SUN"].valid_to
    assert valid_to == date(1991, 12, 26)
    held = [t for t in tenures() if t.country == "SUN"]
    assert held
    assert all(t.end is not None and t.end <= valid_to for t in held)


def test_soviet_offices_use_the_russian_keys():
    soviet = {office for country, office in offices() if country == "SUN"}
    russian = {office for country, office in offices() if country == "RUS"}
    assert {"head_of_state", "head_of_government", "foreign_minister", "defence_minister"} <= soviet
    assert soviet - russian == {"party_leader"}  # the one Soviet office Russia has no counterpart of


def test_the_triangle_is_covered_from_1945():
    for code, office in (("USA", "head_of_state"), ("SUN", "head_of_government"), ("SUN", "foreign_minister")):
        assert min(t.start for t in tenures() if t.country == code and t.office == office) <= date(1945, 1, 1)
    assert min(t.start for t in tenures() if t.country == "CHN" and t.office == "head_of_government") == date(
        1949, 10, 1)
