"""The bundled sample: real events in our own words, each with what a coder should find."""

from collections import Counter

from tripolar.model import MODALITIES
from tripolar.ontology.actors import countries
from tripolar.ontology.cameo import cameo_codebook
from tripolar.sample import load_sample

ENTRIES = load_sample()


def test_about_150_entries_from_2014_to_2025():
    assert 130 <= len(ENTRIES) <= 200
    years = Counter(entry.document.published.year for entry in ENTRIES)
    assert min(years) == 2014 and max(years) == 2025
    assert all(years[year] >= 5 for year in range(2014, 2026)), years


def test_entries_have_unique_ids_texts_and_sources():
    assert len({entry.key for entry in ENTRIES}) == len(ENTRIES)
    assert len({entry.document.id for entry in ENTRIES}) == len(ENTRIES)
    assert all(entry.document.source for entry in ENTRIES)
    assert all(10 <= len(entry.document.text.split()) <= 90 for entry in ENTRIES)


def test_expected_events_use_the_codebook_and_known_actors():
    codes = cameo_codebook()
    actors = set(countries()) | {"NATO", "EUR", "WST", "IGO", "ISIS"}
    # A report with no event between two identifiable actors is kept on purpose (precision),
    # but the sample is about events: nearly every entry has one.
    assert sum(1 for entry in ENTRIES if not entry.expected) <= len(ENTRIES) // 20
    for entry in ENTRIES:
        for event in entry.expected:
            assert event.cameo in codes, (entry.key, event.cameo)
            assert event.source in actors and event.target in actors, entry.key
            assert event.modality in MODALITIES


def test_the_three_dyads_are_all_covered():
    dyads = Counter(
        frozenset((event.source, event.target)) for entry in ENTRIES for event in entry.expected
    )
    for pair in (("USA", "CHN"), ("USA", "RUS"), ("CHN", "RUS")):
        assert dyads[frozenset(pair)] >= 20, pair
