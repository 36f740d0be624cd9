"""The prefilter parses fewer sentences and loses no event: its trigger test is a superset of the
matcher's, and coding with it gives exactly the events of parsing every sentence."""

import json
from datetime import date

import pytest

from tests.conftest import shared_path
from tripolar.coding.coder import Coder, default_coder
from tripolar.coding.contract import CodeFileReport, _documents, _joined, _read
from tripolar.coding.nlp import load_pipeline
from tripolar.coding.patterns import _lemmas, load_patterns
from tripolar.coding.prefilter import TriggerWords
from tripolar.model import Document
from tripolar.sample import load_sample


@pytest.fixture(scope="module")
def triggers() -> TriggerWords:
    return TriggerWords(load_patterns(), load_pipeline())


@pytest.mark.parametrize(("text", "lemma"), [
    ("Putin met Xi.", "meet"), ("Washington imposed tariffs.", "impose"), ("The talks stopped.", "stop"),
    ("They are shipping arms.", "ship"), ("Ankara banned flights.", "ban"), ("Moscow denies it.", "deny"),
    ("Beijing has sanctioned firms.", "sanction"),
    ("A cease-fire held.", "ceasefire"), ("Kyiv was struck.", "strike"), ("Seoul had talks.", "have"),
])
def test_inflected_forms_give_their_lemma(triggers, text, lemma):
    assert lemma in triggers.lemmas
    assert lemma in triggers.possible_lemmas(text)


def test_irregular_objects_give_their_lemma(triggers):
    # "return" + child is a row (0841): "children" must be known as "child" though no row triggers on it.
    assert "child" in triggers.wanted and "child" not in triggers.lemmas
    assert "child" in triggers.possible_lemmas("Russia returned 11 children to Ukraine.")


def test_a_row_needs_its_object_and_particle(triggers):
    assert not triggers.live("The weather was mild and the markets were calm.")
    assert triggers.live("Russia and China held talks.")


def corpus_sentences() -> list[str]:
    texts = [path.read_text(encoding="utf-8") for path in sorted(shared_path("seeds").glob("*.txt"))]
    texts += [entry.document.text for entry in load_sample()]
    for path in sorted(shared_path("eval", "gold").glob("*.jsonl")):
        texts += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    splitter = default_coder().splitter
    return [sentence.text for text in texts for sentence in splitter.split(text)]


def test_every_trigger_the_matcher_finds_is_live(triggers):
    nlp, patterns = load_pipeline(), load_patterns()
    missed = []
    for doc in nlp.pipe(corpus_sentences()):
        possible = triggers.possible_lemmas(doc.text)
        missed += [(token.text, lemma) for token in doc for lemma in _lemmas(token)
                   if lemma in triggers.lemmas and lemma not in possible]
        if patterns.triggers(doc) and not triggers.live(doc.text):
            missed.append(("sentence", doc.text))
    assert missed == []


def test_sentences_a_later_one_points_back_to_are_parsed():
    prefilter = default_coder().prefilter
    assert prefilter is not None
    plan = prefilter.plan([
        "Xi Jinping arrived in Moscow on Monday.",  # one actor, no event of its own: parsed for "the two"
        "The weather was mild.",
        "The two leaders signed an energy pact.",
        "Analysts in Washington wrote a long report about trade.",
        "Russia and China signed a pact.",
    ])
    assert plan == [True, False, True, False, True]
    # "the conversation" may refer back to the call before it.
    assert prefilter.plan(["Xi Jinping called Joe Biden.", "The conversation covered trade."]) == [True, True]


def gold_documents() -> list[Document]:
    documents = [Document(text=path.read_text(encoding="utf-8"), published=date(2024, 12, 1))
                 for path in sorted(shared_path("seeds").glob("*.txt"))]
    documents += [entry.document for entry in load_sample()]
    for path in sorted(shared_path("eval", "gold").glob("*.jsonl")):
        documents += [_joined(run)[0] for run in _documents(_read(path, CodeFileReport()))]
    return documents


def test_coding_with_the_prefilter_gives_the_events_of_parsing_every_sentence():
    documents = gold_documents()
    filtered, everything = Coder(processes=1), Coder(prefilter=False, processes=1)

    def coded(coder: Coder) -> tuple[list, list]:
        results = list(coder.code(documents))
        return [event for _, _, events in results for event in events], [s for _, ss, _ in results for s in ss]

    (events, sentences), (all_events, all_sentences) = coded(filtered), coded(everything)
    assert len(events) > 100
    assert sorted(event.id for event in events) == sorted(event.id for event in all_events)
    assert [(e.id, e.date, e.confidence, e.issues) for e in events] == [
        (e.id, e.date, e.confidence, e.issues) for e in all_events]
    assert sentences == all_sentences
    assert filtered.counts["parsed"] < 0.9 * everything.counts["parsed"]


def test_evidence_is_the_document_text_and_holds_the_trigger():
    for document, sentences, events in default_coder().code(gold_documents()):
        for event in events:
            start, end = event.evidence.start, event.evidence.end
            assert event.evidence.text == document.text[start:end]
            sentence = sentences[event.evidence.sentence_index]
            assert sentence.start <= start < end <= sentence.end
            assert document.text[sentence.start:sentence.end] == sentence.text
