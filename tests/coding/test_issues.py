"""Issue tags from the lexicon, with the CAMEO code as a fallback."""

from __future__ import annotations

from pathlib import Path

import pytest

from tripolar.coding.issues import (
    CAMEO_FALLBACK,
    ISSUES,
    NO_ISSUE,
    cameo_issues,
    issue_lexicon,
    issue_tags,
    lexicon_path,
)
from tripolar.errors import DataError
from tripolar.ontology._tables import read_table
from tripolar.ontology.cameo import cameo_codebook


@pytest.mark.parametrize("text, expected", [
    ("The US imposed 25 percent tariffs on $50 billion of Chinese goods.", ("trade",)),
    ("Washington added Huawei and 70 affiliates to the Entity List.", ("tech",)),
    # The longer term wins: export controls are tech, not trade.
    ("The Commerce Department tightened export controls on advanced chips sold to China.", ("tech",)),
    ("China restricted exports of gallium and germanium from August 1.", ("minerals", "trade")),
    ("Beijing curbed shipments of rare-earth magnets to American carmakers.", ("minerals",)),
    ("The EU imposed new sanctions on Russian banks and froze central bank assets.", ("sanctions",)),
    ("Russia suspended its participation in New START.", ("nuclear",)),
    ("The United States formally withdrew from the INF Treaty.", ("nuclear",)),
    ("Chinese warships sailed through the Taiwan Strait after Pelosi's visit to Taipei.",
     ("diplomacy", "military", "taiwan")),
    ("Russian troops shelled Kharkiv overnight.", ("military", "ukraine")),
    ("Gazprom halted gas flows through Nord Stream 1.", ("energy",)),
    ("Russian forces seized the Zaporizhzhia nuclear power plant.", ("energy", "nuclear", "ukraine")),
    ("Xi Jinping and Vladimir Putin held talks in the Kremlin.", ("diplomacy",)),
    ("Trade talks between Washington and Beijing resumed.", ("diplomacy", "trade")),
    ("Biden pressed Xi to curb the flow of fentanyl precursors.", ("fentanyl",)),
    ("North Korea fired a ballistic missile into the Sea of Japan.", ("japan", "korea", "military")),
    ("Kim Jong-un met Putin at the Vostochny cosmodrome.", ("korea",)),
    ("Chinese coast guard ships fired water cannon near Second Thomas Shoal in the South China Sea.",
     ("military", "south-china-sea")),
    ("Iran supplied Russia with Shahed drones.", ("middle-east", "military")),
    ("Washington sanctioned officials over abuses against Uyghurs in Xinjiang.", ("human-rights", "sanctions")),
    ("China and the US pledged to cut methane emissions at COP26.", ("climate",)),
    ("Russia vetoed the UN draft on Crimea.", ("diplomacy", "ukraine")),
    ("The US barred sales of AI accelerators to China.", ("tech",)),
    # Phrases that contain a term without carrying its issue.
    ("Beijing treats the dispute as a bargaining chip.", ()),
    ("Think tanks in Washington debated the matter.", ()),
    ("Ai Weiwei criticised Beijing from Berlin.", ()),
    # Terms match whole words only.
    ("The cargo of oilseeds and chipboard reached port.", ()),
    # Sorted and unique however often a term recurs.
    ("Tariffs, more tariffs and still more TARIFFS on steel imports.", ("trade",)),
    ("", ()),
])
def test_issue_tags_from_terms(text, expected):
    assert issue_tags(text) == expected


@pytest.mark.parametrize("text, cameo, expected", [
    ("Putin met Xi in Beijing.", "040", ("diplomacy",)),
    ("Xi hosted Putin in Beijing.", "043", ("diplomacy",)),
    ("Russia struck the city.", "190", ("military",)),
    ("Russia struck the city with guided bombs.", "1951", ("military",)),
    ("Washington punished the company.", "172", ("trade",)),
    ("Washington punished the company.", "163", ("sanctions",)),
    ("The government banned the opposition party.", "1722", ("human-rights",)),
    ("The government declared a curfew.", "1723", ()),
    ("Moscow threatened a nuclear strike.", "1385", ("nuclear",)),  # the term wins; no fallback needed
    ("Moscow threatened to use every means.", "1385", ("military", "nuclear")),
    ("Beijing criticised Washington.", "111", ()),
    ("Beijing criticised Washington.", None, ()),
    # A term found: the code is not consulted.
    ("Washington blacklisted the firm.", "172", ("sanctions",)),
])
def test_issue_tags_fall_back_on_cameo(text, cameo, expected):
    assert issue_tags(text, cameo) == expected


def test_cameo_fallback_uses_the_longest_prefix():
    assert cameo_issues("172") == ("trade",)
    assert cameo_issues("1721") == ("human-rights",)
    assert cameo_issues("1724") == ()
    assert cameo_issues("0") == ()
    assert cameo_issues("") == ()


def test_cameo_fallback_names_real_codes_and_issues():
    codebook = cameo_codebook()
    for code, issues in CAMEO_FALLBACK.items():
        assert code in codebook, code
        assert set(issues) <= set(ISSUES), code


def test_every_issue_has_terms_and_every_row_is_valid():
    rows = [row for _, row in read_table(lexicon_path(), ("issue", "term"))]
    issues = {row["issue"] for row in rows}
    assert issues == set(ISSUES) | {NO_ISSUE}
    for row in rows:
        assert row["term"] == row["term"].strip() and row["term"], row
    pairs = [(row["issue"], row["term"]) for row in rows]
    assert len(pairs) == len(set(pairs)), "duplicate rows"
    assert issue_lexicon().terms > 400


def test_tags_are_sorted_unique_and_known():
    tags = issue_tags("Tariffs on Chinese chips, gallium and LNG as troops gather near Taiwan and Kyiv.")
    assert list(tags) == sorted(set(tags))
    assert set(tags) <= set(ISSUES)


def test_bad_lexicon_row_is_named(tmp_path: Path):
    path = tmp_path / "issues.tsv"
    path.write_text("issue\tterm\tnote\ntrade\ttariff\t\nweather\train\t\n", encoding="utf-8")
    with pytest.raises(DataError, match="line 3"):
        issue_lexicon(path)
    path.write_text("issue\tterm\tnote\ntrade\t--\t\n", encoding="utf-8")
    with pytest.raises(DataError, match="no letters"):
        issue_lexicon(path)


def test_custom_lexicon(tmp_path: Path):
    path = tmp_path / "issues.tsv"
    path.write_text("issue\tterm\tnote\ntrade\tsoy-beans\t\nenergy\tLNG\t\n", encoding="utf-8")
    lexicon = issue_lexicon(path)
    matches = lexicon.match("Soy beans and LNG, not lng.")
    assert [(entry.term, entry.issues) for _, _, entry in matches] == [("soy beans", ("trade",)), ("lng", ("energy",))]
