"""Actor mentions in running text, resolved by date."""

from datetime import date

import pytest

from tests.actor_helpers import found
from tripolar.coding.mentions import actor_matcher


def test_states_capitals_seats_and_people():
    assert found("Beijing and the Kremlin criticised Washington, Xi Jinping said.") == [
        ("Beijing", "CHN", "GOV", "China"), ("Kremlin", "RUS", "GOV", "the Kremlin"),
        ("Washington", "USA", "GOV", "United States"), ("Xi Jinping", "CHN", "GOV", "Xi Jinping")]


def test_titles_and_office_phrases_resolve_by_date():
    assert found("China's foreign minister met President Biden.", on="2023-03-01") == [
        ("China's foreign minister", "CHN", "GOV", "Qin Gang"), ("President Biden", "USA", "GOV", "Joe Biden")]
    assert found("The U.S. president-elect spoke to former President Obama.", on="2016-12-01") == [
        ("U.S. president-elect", "USA", "GOV", "Donald Trump"),
        ("former President Obama", "USA", "ELI", "Barack Obama")]
    # "former" before a country's name qualifies what follows it, not the country.
    assert found("Russia freed former US Marine Paul Whelan.", on="2024-08-01") == [
        ("Russia", "RUS", "", "Russia"), ("US", "USA", "", "United States")]


def test_vice_premiers_by_date_and_a_short_name_that_is_a_common_word_is_left_out():
    assert found("Vice Premier Liu He arrived.", on="2019-05-09") == [
        ("Vice Premier Liu He", "CHN", "GOV", "Liu He")]
    assert found("He Lifeng met Scott Bessent. He said the talks were candid.", on="2025-05-11")[0] == (
        "He Lifeng", "CHN", "GOV", "He Lifeng")
    # "He" alone stays the pronoun.
    assert [row[0] for row in found("He Lifeng met Scott Bessent. He said the talks were candid.",
                                    on="2025-05-11")] == ["He Lifeng", "Scott Bessent"]


def test_a_bare_security_council_is_the_uns_and_russias_own_is_named_as_such():
    assert found("Russia vetoed a Security Council resolution. Russia's Security Council met.", on="2022-02-25") == [
        ("Russia", "RUS", "", "Russia"), ("Security Council", "IGO", "", "United Nations Security Council"),
        ("Russia's Security Council", "RUS", "GOV", "Security Council of Russia")]


def test_country_and_role_nouns():
    assert found("Russian troops and US lawmakers, and his Chinese counterpart.") == [
        ("Russian troops", "RUS", "MIL", "Russia"), ("US lawmakers", "USA", "LEG", "United States"),
        ("Chinese counterpart", "CHN", "GOV", "China")]


@pytest.mark.parametrize("text", [
    "Let us see what happens in May.",
    "They ate turkey and rice in china bowls.",
    "The us-versus-them rhetoric grew.",
])
def test_common_words_are_not_actors(text):
    assert found(text) == []


def test_abbreviations_match_exactly_and_possessives_and_hyphens_are_boundaries():
    assert [row[:2] for row in found("The US and the EU's envoy discussed US-Russian ties.")] == [
        ("US", "USA"), ("EU", "EUR"), ("US", "USA"), ("Russian", "RUS")]


def test_a_combining_form_names_its_country_only_joined_to_the_next_word():
    assert [row[:2] for row in found("Sino-Russian ties and Russo-Japanese talks.")] == [
        ("Sino-", "CHN"), ("Russian", "RUS"), ("Russo-", "RUS"), ("Japanese", "JPN")]
    assert found("He said Sino- and then stopped.") == []


def test_an_ambiguous_name_resolves_to_nobody():
    matcher = actor_matcher()
    (mention,) = matcher.find("Kim arrived.")
    assert matcher.resolve(mention, date(2019, 1, 1)) is None
