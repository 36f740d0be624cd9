"""Sentences split without the parser: abbreviations hold, line breaks end headlines, offsets are exact."""

import pytest

from tests.conftest import shared_path
from tripolar.coding.sentences import SentenceSplitter

splitter = SentenceSplitter()


def split(text: str) -> list[str]:
    return [sentence.text for sentence in splitter.split(text)]


@pytest.mark.parametrize("text", [
    "Mr. Xi met U.S. President Joe Biden in Washington on Jan. 5 and Dr. Smith took notes.",
    "The U.S. and the U.K. imposed sanctions on Feb. 24, 2022, officials said.",
    "Gen. Milley spoke with Gov. Newsom at 9 a.m. on Tuesday.",
])
def test_abbreviations_do_not_end_a_sentence(text):
    assert split(text) == [text]


def test_full_stops_question_marks_and_line_breaks_end_sentences():
    text = ("Can Trump Split China and Russia?\n\nXi calls Trump as ties move to new territory\n"
            "Xi Jinping has made a rare call. Putin \u201cwelcomed\u201d it! Analysts were\nsurprised.")
    assert split(text) == [
        "Can Trump Split China and Russia?",
        "Xi calls Trump as ties move to new territory",
        "Xi Jinping has made a rare call.",
        "Putin \u201cwelcomed\u201d it!",
        "Analysts were\nsurprised.",  # a line break before a lowercase word is a wrapped line
    ]


def test_spans_are_offsets_in_the_text():
    text = "  \n\nRussia expelled two diplomats.   China protested.\n\n\n  "
    sentences = list(splitter.split(text))
    assert [(s.start, s.end) for s in sentences] == [(4, 34), (37, 53)]
    assert all(text[s.start:s.end] == s.text for s in sentences)
    assert sentences[0].tokens == 5  # Russia expelled two diplomats .


def test_the_seed_articles_split_into_spans_of_their_text():
    for path in sorted(shared_path("seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        sentences = list(splitter.split(text))
        assert sentences, path
        assert all(text[s.start:s.end] == s.text and s.text == s.text.strip() for s in sentences)
        assert all(a.end <= b.start for a, b in zip(sentences, sentences[1:], strict=False))
