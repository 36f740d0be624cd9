"""The remembering attribute ruler annotates exactly as spaCy's own, and stands aside where it cannot."""

import spacy

from tripolar.coding.attributes import RememberingAttributeRuler, remember_attribute_rules
from tripolar.coding.nlp import DEFAULT_MODEL, UNUSED_COMPONENTS, load_pipeline

SENTENCES = [
    "Beijing said on Tuesday it would impose export controls on gallium and germanium.",
    "Putin and Xi signed a joint statement in Moscow, vowing a partnership with 'no limits'.",
    "The U.S. isn't going to lift the tariffs, and it's not clear whether talks'll resume.",
    "I ain't gonna sign that, y'all, said one official; let's wait and see.",
    "There are few signs that Russia's economy can't absorb the sanctions.",
    "Washington  has\tsent   envoys to Kyiv.\n\nThey met Zelensky.",
    "What did they do about it? Nothin' much, c'mon.",
]
ANNOTATIONS = ["TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD"]


def test_same_annotations_as_spacys_ruler_on_news_text():
    stock = spacy.load(DEFAULT_MODEL, disable=list(UNUSED_COMPONENTS))
    tuned = load_pipeline()
    assert "tripolar_attribute_ruler" in tuned.pipe_names and "attribute_ruler" not in tuned.pipe_names
    # Twice: the second pass answers from memory.
    for _ in range(2):
        for expected, got in zip(stock.pipe(SENTENCES), tuned.pipe(SENTENCES), strict=True):
            assert got.to_array(ANNOTATIONS).tolist() == expected.to_array(ANNOTATIONS).tolist(), got.text


def test_rules_spanning_tokens_still_apply():
    doc = load_pipeline()("I ain't gonna go. Let's see.")
    lemmas = {token.text: token.lemma_ for token in doc}
    assert lemmas["ai"] == "be" and lemmas["gon"] == "go" and lemmas["na"] == "to" and lemmas["'s"] == "us"


def test_a_ruler_whose_rules_read_parts_of_speech_is_kept():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"POS": "PROPN"}]], {"LEMMA": "name"})
    assert not RememberingAttributeRuler(ruler).usable
    remember_attribute_rules(nlp)
    assert nlp.pipe_names == ["attribute_ruler"]
