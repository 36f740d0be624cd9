"""spaCy's attribute ruler, with what its one-token rules decide remembered per word, tag and label.

The small English pipeline's attribute ruler (the old tag map, and exceptions for words such as "'s"
and "n't") holds about 180 matcher rules and ran every one of them at every token: a fifth of the
whole parse. Almost all look at a single token, and only at attributes fixed by the word's text, its
tag and its dependency label; what they decide for a (word, tag, label) is the same every time, so it
is asked once and remembered. The few rules that span several tokens still run through a matcher.
Rules apply in their order, later ones taking precedence, exactly as in spaCy's component: the
annotations are the same, token for token (a test compares them).

A pipeline whose one-token rules look at something else (a part of speech, a lemma, an entity) keeps
its own ruler.
"""

from __future__ import annotations

from typing import Any

# What a one-token pattern may test for its outcome to depend on the word, tag and label alone.
_WORD_ATTRIBUTES = frozenset({"ORTH", "TEXT", "LOWER", "LENGTH", "SHAPE", "PREFIX", "SUFFIX"})
_WORD_FLAGS = ("IS_", "LIKE_")
_TOKEN_ATTRIBUTES = frozenset({"TAG", "DEP"})
# Far above the distinct (word, tag, label) triples of a year of news; past it the memory starts afresh.
MAX_REMEMBERED = 500_000


def _depends_on_word_tag_label(pattern: list[dict[str, Any]]) -> bool:
    return all(key in _WORD_ATTRIBUTES or key in _TOKEN_ATTRIBUTES or key.startswith(_WORD_FLAGS)
               for token in pattern for key in (name.upper() for name in token))


def _is_one_token(pattern: list[dict[str, Any]]) -> bool:
    return len(pattern) == 1 and not any(name.upper() == "OP" for name in pattern[0])


class RememberingAttributeRuler:
    """Annotates a parsed Doc as the wrapped ``AttributeRuler`` does; one-token outcomes are remembered."""

    def __init__(self, ruler: Any) -> None:
        from spacy.matcher import Matcher

        self.ruler = ruler
        self._attrs: list[dict[int, Any]] = list(ruler.attrs)
        self._one_token = Matcher(ruler.vocab)
        self._spanning = Matcher(ruler.vocab)
        self._spanning_indices: dict[int, int] = {}
        for rule, entry in enumerate(ruler.patterns):
            one = [pattern for pattern in entry["patterns"] if _is_one_token(pattern)]
            several = [pattern for pattern in entry["patterns"] if not _is_one_token(pattern)]
            if one:
                self._one_token.add(str(rule), one)
            if several:
                self._spanning.add(str(rule), several)
                self._spanning_indices[rule] = entry.get("index", 0)
        self.usable = all(_depends_on_word_tag_label(pattern) for entry in ruler.patterns
                          for pattern in entry["patterns"] if _is_one_token(pattern))
        self._rule_of = {ruler.vocab.strings.add(str(rule)): rule for rule in range(len(self._attrs))}
        self._remembered: dict[tuple[int, int, int], tuple[tuple[int, ...], dict[int, Any]]] = {}

    @property
    def patterns(self) -> list[dict[str, Any]]:
        return self.ruler.patterns

    def __call__(self, doc: Any) -> Any:
        from spacy.tokens._retokenize import set_token_attrs

        if not self.usable:
            return self.ruler(doc)
        if len(self._remembered) > MAX_REMEMBERED:
            self._remembered.clear()
        # Every rule is matched before any sets anything, as in spaCy: one rule sets tags and labels.
        outcomes = [self._one_token_rules(doc, token) for token in doc]
        spanning: dict[int, list[int]] = {}
        for match_id, start, end in self._spanning(doc, allow_missing=True):
            rule = self._rule_of[match_id]
            target = doc[start:end][self._spanning_indices[rule]].i
            spanning.setdefault(target, []).append(rule)
        for token, (rules, merged) in zip(doc, outcomes, strict=True):
            if token.i in spanning:
                for rule in sorted({*rules, *spanning[token.i]}):
                    set_token_attrs(token, self._attrs[rule])
            elif merged:
                set_token_attrs(token, merged)
        return doc

    def pipe(self, docs: Any, batch_size: int = 128) -> Any:
        for doc in docs:
            yield self(doc)

    def _one_token_rules(self, doc: Any, token: Any) -> tuple[tuple[int, ...], dict[int, Any]]:
        key = (token.orth, token.tag, token.dep)
        found = self._remembered.get(key)
        if found is None:
            matches = self._one_token(doc[token.i:token.i + 1], allow_missing=True)
            rules = tuple(sorted({self._rule_of[match_id] for match_id, _, _ in matches}))
            merged: dict[int, Any] = {}
            for rule in rules:  # a later rule's value for an attribute wins
                merged.update(self._attrs[rule])
            found = self._remembered[key] = (rules, merged)
        return found


FACTORY = "tripolar_attribute_ruler"


def remember_attribute_rules(nlp: Any) -> None:
    """Run a :class:`RememberingAttributeRuler` in place of the pipeline's attribute ruler, which stays
    in the pipeline, disabled, for what reads its rules."""
    from spacy.language import Language

    if "attribute_ruler" not in nlp.pipe_names:
        return
    if not Language.has_factory(FACTORY):
        Language.factory(FACTORY, func=lambda nlp, name: RememberingAttributeRuler(nlp.get_pipe("attribute_ruler")))
    faster = nlp.add_pipe(FACTORY, after="attribute_ruler")
    if faster.usable:
        nlp.disable_pipe("attribute_ruler")
    else:
        nlp.remove_pipe(FACTORY)
