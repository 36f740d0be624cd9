"""Repairs of parses the small English pipeline gets wrong in a way no reading rule can undo.

Each repair re-attaches a few tokens of one sentence, where the sentence's own shape shows the parse
is impossible; anything less certain is left as the parser made it.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

# Prepositions that open a phrase set before the clause ("After talks in Geneva, the US and China
# agreed"), which the small parser sometimes reads as a subordinating conjunction.
FRONTING_PREPOSITIONS = frozenset({"after", "before", "following", "despite", "amid", "since", "during", "upon"})


def repair(sentence: Span) -> None:
    """Repair the parse of ``sentence`` in place."""
    for token in sentence:
        if token.pos_ in ("VERB", "AUX"):
            _fronted_phrase_subject(token)


def _fronted_phrase_subject(verb: Token) -> None:
    """"After talks brokered by Merkel and Hollande, Putin and Poroshenko agreed": the parser makes
    "After" a marker of "agreed", "talks" its subject and the leaders conjuncts of "Hollande". The
    comma closes the phrase: what follows it is the subject, and the phrase is the preposition's."""
    marker = next((child for child in verb.children if child.dep_ == "mark"), None)
    subject = next((child for child in verb.children if child.dep_ in ("nsubj", "nsubjpass")), None)
    if marker is None or subject is None or marker.lower_ not in FRONTING_PREPOSITIONS:
        return
    if not marker.i < subject.i < verb.i or subject.pos_ not in ("NOUN", "PROPN"):
        return
    doc = verb.doc
    commas = [token for token in doc[subject.i:verb.i] if token.text == "," and subject in token.ancestors]
    if not commas:
        return
    comma = commas[-1]
    # Exactly one phrase runs from the comma to the verb, and the parser hung it on a conjunction.
    attached = [token for token in doc[comma.i + 1:verb.i] if token.head.i <= comma.i]
    if len(attached) != 1:
        return
    first = attached[0]
    if first.dep_ != "conj" or first.pos_ not in ("NOUN", "PROPN") or subject not in first.ancestors:
        return
    first.head, first.dep_ = verb, subject.dep_
    subject.head, subject.dep_ = marker, "pobj"
    marker.dep_ = "prep"
