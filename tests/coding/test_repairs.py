"""Parse repairs: a phrase fronted before the clause whose comma the small parser ignores."""

import pytest

from tripolar.coding.coder import code_text
from tripolar.coding.nlp import load_pipeline
from tripolar.coding.repairs import repair


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return load_pipeline()


def test_the_words_after_a_fronted_phrases_comma_are_the_subject(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("After talks in Geneva, the United States and China agreed on Monday to cut tariffs.")
    agreed = next(token for token in doc if token.text == "agreed")
    assert [child.text for child in agreed.children if child.dep_ == "nsubj"] == ["talks"]  # the misparse
    repair(doc[:])
    assert [child.text for child in agreed.children if child.dep_ == "nsubj"] == ["States"]
    assert next(token for token in doc if token.text == "talks").head.text == "After"


def test_a_sound_parse_is_left_alone(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "After the talks ended, Russia and China signed a deal."
    doc = nlp(text)
    before = [(token.dep_, token.head.i) for token in doc]
    repair(doc[:])
    assert [(token.dep_, token.head.i) for token in doc] == before


def test_the_repaired_subject_does_the_act_and_the_fronted_phrases_names_do_not():
    text = ("After all-night talks in Minsk brokered by German Chancellor Angela Merkel and French President "
            "Francois Hollande, Vladimir Putin and Petro Poroshenko agreed on Thursday on a ceasefire package.")
    assert {(e.source.code, e.target.code, e.cameo) for e in code_text(text, "2015-02-12")} == {
        ("RUS", "UKR", "057"), ("UKR", "RUS", "057")}


def test_names_after_a_fronted_participles_comma_are_the_subject_of_a_verb_without_one():
    text = "Faced with U.S. containment, China and Russia will resolutely support each other."
    assert {(e.source.code, e.target.code, e.cameo, e.modality) for e in code_text(text, "2018-06")} == {
        ("CHN", "RUS", "051", "hypothetical"), ("RUS", "CHN", "051", "hypothetical")}
    # Without that comma the names may end a clause of their own: left as parsed.
    text = "Even if all parties reach a deal over Ukraine and Trump eases sanctions against Russia, little changes."
    assert not {e for e in code_text(text, "2024-12") if e.modality == "factual" and e.cameo == "085"}
