"""Repairs of parses the small English pipeline gets wrong in a way no reading rule can undo.

Each repair re-attaches a few tokens of one sentence, where the sentence's own shape shows the parse
is impossible; anything less certain is left as the parser made it.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

# Prepositions that open a phrase set before the clause ("After talks in Geneva, the US and China
# agreed"), which the small parser sometimes reads as a subordinating conjunction.
FRONTING_PREPOSITIONS = frozenset({"after", "before", "following", "despite", "amid", "since", "during", "upon"})
# A verb with one of these has a subject of its own (a clausal subject may be a fronted participle).
OWN_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl"})


def repair(sentence: Span) -> None:
    """Repair the parse of ``sentence`` in place."""
    for token in sentence:
        if token.pos_ in ("VERB", "AUX"):
            _fronted_phrase_subject(token)
            _swallowed_subject(token)


def _swallowed_subject(verb: Token) -> None:
    """"Faced with U.S. containment, China and Russia will support each other": a finite verb left
    without a subject, right after names the parser coordinated with the fronted phrase before them.
    The names from the comma that closes the phrase are its subject."""
    if any(child.dep_ in OWN_SUBJECTS for child in verb.children):
        return
    finite = verb.tag_ in ("VBZ", "VBP", "VBD") or any(
        child.dep_ == "aux" and child.tag_ == "MD" for child in verb.children)
    if not finite or verb.dep_ not in ("ROOT", "conj", "ccomp"):
        return
    doc = verb.doc
    position = verb.i - 1
    while position >= 0 and doc[position].head == verb and doc[position].dep_ in ("aux", "advmod", "neg"):
        position -= 1
    if position < verb.sent.start:
        return
    last = doc[position]
    if last.dep_ != "conj" or last.pos_ not in ("PROPN", "NOUN") or verb in last.subtree:
        return
    first = last
    while first.head.dep_ == "conj" and not any(token.text == "," for token in doc[first.head.i:first.i]):
        first = first.head
    if doc[first.i - 1].text != ",":
        # Without the comma that closes a fronted phrase the names may end a clause of their own
        # ("if all parties reach a deal over Ukraine and Trump eases sanctions"): no repair.
        return
    csubject = next((child for child in verb.children if child.dep_ == "csubj"), None)
    if csubject is not None:
        csubject.dep_ = "advcl"  # "Faced with ...": a participle clause, not a subject
    first.head, first.dep_ = verb, "nsubj"


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
