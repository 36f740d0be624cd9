"""Lemmas repaired against a vocabulary: the small English model lemmatises some verbs wrongly
("hopes", "hoped", "hoping" → "hop"), and a dictionary keyed by lemma would miss them."""

from __future__ import annotations

from collections.abc import Container
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token


def known_lemma(token: Token, vocabulary: Container[str]) -> str:
    """The token's lemma; where the model's lemma is not in ``vocabulary``, the base of the word that
    is (hopes/hoped → hope, pushes/pushed → push, planned → plan, hoping → hope), else the lemma."""
    lemma = token.lemma_.lower()
    if lemma in vocabulary:
        return lemma
    word = token.lower_
    for form in (word, word[:-1], word[:-2], word[:-3], word[:-3] + "e"):
        if len(form) > 2 and form in vocabulary:
            return form
    return lemma
