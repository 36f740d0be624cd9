"""Which sentences are worth a parse: the dictionary prefilter.

An event needs a trigger the pattern dictionary knows and two parties with different actors. A party
is an actor mention of the same sentence, or, through a word that points back ("he", "it", "the two
countries", "both sides"), an actor named in the few sentences before. So a sentence without a word
that can carry one of the dictionary's patterns, or without two mentions and without a word pointing
back, yields no event and is not parsed, unless a later sentence may point back to it.

"Can carry a pattern" is decided without the parser and errs only towards yes: each word's possible
lemmas are every lemma spaCy's lemmatizer could give it under any part of speech (its suffix rules
and exception tables, read from the loaded pipeline, and the lemmas its attribute ruler sets), plus
the joined form of a hyphenated pair ("cease-fire" → ``ceasefire``). A pattern row is live when its
lemma is among the sentence's possible lemmas, and so are its particle (if it has one) and one of its
object lemmas (if it lists any). Over-generation costs a parse; a missing form would lose an event.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from tripolar.coding.mentions import ActorMatcher
from tripolar.coding.patterns import Pattern

_WORD = re.compile(r"[^\W\d_]+")
_HYPHENATED = re.compile(r"([^\W\d_]+)[ \t]*-[ \t]*(?=([^\W\d_]+))")
# Suffix rules (inflected ending, lemma ending) used whatever the pipeline's lemmatizer says: the
# English rules spaCy ships, and doubled final consonants ("stopped", "planning").
_ENGLISH_RULES = (
    ("s", ""), ("es", ""), ("es", "e"), ("ies", "y"), ("ed", ""), ("ed", "e"), ("ied", "y"), ("ing", ""),
    ("ing", "e"), ("ses", "s"), ("ves", "f"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"),
    ("men", "man"), ("er", ""), ("est", ""), ("er", "e"), ("est", "e"),
)
_WORD_KEYS = frozenset({"LOWER", "ORTH", "TEXT", "NORM"})
_DOUBLED = re.compile(r"([b-df-hj-np-tv-z])\1(?:ed|ing|er|est)$")


class TriggerWords:
    """The pattern dictionary's lemmas, and the test whether a text has a live pattern row."""

    def __init__(self, patterns: Iterable[Pattern], nlp: Any = None) -> None:
        rows: dict[str, list[tuple[str, frozenset[str]]]] = {}
        for pattern in patterns:
            rows.setdefault(pattern.lemma, []).append((pattern.particle, frozenset(pattern.objects)))
        self.rows = {lemma: tuple(options) for lemma, options in rows.items()}
        self.lemmas = frozenset(self.rows)
        # Every lemma a row looks for: its trigger, particle and objects.
        self.wanted = self.lemmas.union(*(objects | {particle} for options in self.rows.values()
                                          for particle, objects in options)) - {""}
        self.rules: set[tuple[str, str]] = set(_ENGLISH_RULES)
        self.exceptions: dict[str, set[str]] = {}
        self.splits: dict[str, tuple[str, ...]] = {}
        if nlp is not None:
            self._read_pipeline(nlp)
        self._cache: dict[str, frozenset[str]] = {}

    def _read_pipeline(self, nlp: Any) -> None:
        """The lemmatizer's rules and exceptions, the attribute ruler's lemmas and the tokenizer's
        splits, for every part of speech at once."""
        from spacy.attrs import ORTH

        if "lemmatizer" in nlp.component_names:
            lookups = nlp.get_pipe("lemmatizer").lookups
            if lookups.has_table("lemma_rules"):
                for rules in lookups.get_table("lemma_rules").values():
                    self.rules.update((old, new) for old, new in rules)
            if lookups.has_table("lemma_exc"):
                for table in lookups.get_table("lemma_exc").values():
                    for form, lemmas in table.items():
                        self._add_exception(form, lemmas)
            if lookups.has_table("lemma_lookup"):
                for form, lemma in lookups.get_table("lemma_lookup").items():
                    self._add_exception(form, [lemma])
        if "attribute_ruler" in nlp.component_names:
            for rule in nlp.get_pipe("attribute_ruler").patterns:
                lemma = rule["attrs"].get("LEMMA")
                for token in (token for pattern in rule["patterns"] for token in pattern) if lemma else ():
                    forms = [value for key, value in token.items() if key in _WORD_KEYS]
                    for value in forms or ["*"]:  # no word constraint: any word may get the lemma
                        if isinstance(value, dict):
                            value = value.get("IN", "*")  # a regular expression: any word
                        for form in [value] if isinstance(value, str) else value:
                            self._add_exception(form, [lemma])
        # Tokenizer special cases split a word ("gonna" → "gon" "na"): it may have its pieces' lemmas.
        for special, tokens in getattr(nlp.tokenizer, "rules", {}).items():
            if len(tokens) > 1:
                pieces = tuple(str(token.get(ORTH, token.get("ORTH", ""))).lower() for token in tokens)
                for word in _WORD.findall(special.lower()):
                    self.splits[word] = self.splits.get(word, ()) + pieces

    def _add_exception(self, form: str, lemmas: Iterable[str]) -> None:
        wanted = {lemma.lower() for lemma in lemmas if lemma.lower() in self.wanted}
        if not wanted:
            return
        words = _WORD.findall(form.lower()) if form != "*" else ["*"]
        # "'ve" and "'d" are "ve" and "d" to the word pattern: index the letters.
        for word in words if len(words) == 1 else [*words, form.lower()]:
            self.exceptions.setdefault(word, set()).update(wanted)

    def lemmas_of(self, word: str) -> frozenset[str]:
        """Every lemma the lemmatizer could give a lowercase word (a superset)."""
        found = self._cache.get(word)
        if found is not None:
            return found
        candidates = {word}
        for old, new in self.rules:
            if word.endswith(old) and len(word) > len(old):
                candidates.add(word[:len(word) - len(old)] + new)
        doubled = _DOUBLED.search(word)
        if doubled:
            candidates.add(word[:doubled.start() + 1])
        candidates.update(self.exceptions.get(word, ()))
        candidates.update(self.exceptions.get("*", ()))
        self._cache[word] = frozenset(candidates)  # a split piece never splits again: no recursion
        for piece in self.splits.get(word, ()):
            for inner in _WORD.findall(piece):
                if inner != word:
                    candidates |= self.lemmas_of(inner)
        found = frozenset(candidates)
        self._cache[word] = found
        return found

    def possible_lemmas(self, text: str) -> set[str]:
        """The lemmas any word of the text could have, hyphenated pairs joined as the matcher joins them."""
        lowered = text.lower()
        lemmas: set[str] = set()
        for word in _WORD.findall(lowered):
            lemmas |= self.lemmas_of(word)
        if "-" in lowered:
            for match in _HYPHENATED.finditer(lowered):
                first = match.group(1)
                lemmas.update(first + lemma for lemma in self.lemmas_of(match.group(2)))
        return lemmas

    def live(self, text: str) -> bool:
        """Whether some pattern row could match in the text: its lemma, particle and an object present."""
        lemmas = self.possible_lemmas(text)
        for lemma in lemmas & self.lemmas:
            for particle, objects in self.rows[lemma]:
                if (not particle or particle in lemmas) and (not objects or not objects.isdisjoint(lemmas)):
                    return True
        return False


class Prefilter:
    """Which sentences of a document to parse: those that may yield an event, and those a later
    one may point back to.

    A sentence may yield an event when it has a live pattern row and either two actor mentions or a
    word that points back to the sentences before it (a pronoun, "the two countries", "both
    sides"): those are resolved against the actors of up to ``window`` sentences before, so each of
    those that names an actor is parsed too (which of its mentions are parties, not places, is read
    from the parse).
    """

    def __init__(self, triggers: TriggerWords, actors: ActorMatcher, back_words: Iterable[str] = (),
                 window: int = 0) -> None:
        self.triggers = triggers
        self.actors = actors
        self.back_words = frozenset(word.lower() for word in back_words)
        self.window = window

    def points_back(self, text: str) -> bool:
        return bool(self.back_words) and not self.back_words.isdisjoint(_WORD.findall(text.lower()))

    def plan(self, sentences: Sequence[str]) -> list[bool]:
        """For each sentence of a document, in order, whether to parse it."""
        live = [self.triggers.live(text) for text in sentences]
        back = [is_live and self.points_back(text) for text, is_live in zip(sentences, live, strict=True)]
        # Mentions are looked for only where they can matter: in live sentences and in those a later
        # live sentence may point back to.
        wanted = list(live)
        for later, refers in enumerate(back):
            if refers:
                wanted[max(0, later - self.window):later] = [True] * (later - max(0, later - self.window))
        mentions = [len(self.actors.find(text)) if want else 0 for text, want in zip(sentences, wanted, strict=True)]
        parse = [is_live and (count >= 2 or refers)
                 for is_live, count, refers in zip(live, mentions, back, strict=True)]
        for later, refers in enumerate(back):
            if refers:
                for earlier in range(max(0, later - self.window), later):
                    parse[earlier] = parse[earlier] or mentions[earlier] > 0
        return parse
