"""The coder: documents in, events out, each with its evidence (sentence and character span).

For every sentence: actor mentions (dictionary), event triggers (pattern dictionary), the source and
target of each trigger (dependency parse), its date (resolved against the publication date), its
modality, issue tags and a confidence. Sentences without an actor mention are not parsed further.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from itertools import permutations

from spacy.tokens import Doc, Span, Token

from tripolar import __version__
from tripolar.coding.dates import DateMention, date_for_trigger, find_dates
from tripolar.coding.issues import issue_tags
from tripolar.coding.mentions import ActorMatcher, Mention, actor_matcher
from tripolar.coding.modality import read_modality
from tripolar.coding.nlp import load_pipeline
from tripolar.coding.patterns import PatternSet, Trigger, load_patterns
from tripolar.coding.roles import (
    MentionIndex,
    Slotted,
    agent_heads,
    conjuncts,
    is_passive,
    noun_source_heads,
    slot_heads,
    subject_heads,
)
from tripolar.model import Actor, DatePrecision, Document, Event, Evidence, Sentence
from tripolar.ontology.cameo import cameo

CODER = f"tripolar-{__version__}"
Coded = tuple[Document, list[Sentence], list[Event]]
PERSONAL_PRONOUNS = frozenset({"he", "she", "it", "they", "him", "her", "them"})


@dataclass(frozen=True, slots=True)
class Party:
    """An actor in a slot, with the mention that named it and how directly the parse ties them."""

    actor: Actor
    mention: Mention
    depth: int


class Coder:
    """Holds the loaded dictionaries and pipeline; :meth:`code` turns documents into events."""

    def __init__(self, model: str | None = None) -> None:
        self.nlp = load_pipeline(model)
        self.patterns: PatternSet = load_patterns()
        self.actors: ActorMatcher = actor_matcher()

    def code(self, documents: Iterable[Document], batch_size: int = 64) -> Iterator[Coded]:
        """Code each document; yields it with its sentences and events, in input order."""
        pending = list(documents)
        texts = (document.text for document in pending)
        for document, parsed in zip(pending, self.nlp.pipe(texts, batch_size=batch_size), strict=True):
            sentences = [Sentence(document.id, index, span.start_char, span.end_char, span.text)
                         for index, span in enumerate(parsed.sents)]
            yield document, sentences, list(self._code_doc(document, parsed))

    def _code_doc(self, document: Document, parsed: Doc) -> Iterator[Event]:
        for index, sentence in enumerate(parsed.sents):
            yield from self.code_sentence(document, index, sentence)

    def code_sentence(self, document: Document, index: int, sentence: Span, offset: int = 0) -> Iterator[Event]:
        """The events of one parsed sentence of ``document``. ``offset`` is where the parsed text
        starts in the document (0 when the whole document was parsed; the sentence's start when the
        sentence was parsed on its own): evidence spans are given in the document's characters."""
        mentions = [Mention(m.start + sentence.start_char, m.end + sentence.start_char, m.text, m.surface,
                            m.country, m.role) for m in self.actors.find(sentence.text)]
        if not mentions:
            return
        dates = find_dates(sentence.text, document.published, document.published_precision)
        index_by_token = MentionIndex(sentence, mentions)
        triggers = self.patterns.triggers(sentence)
        trigger_tokens = {trigger.token.i for trigger in triggers}
        for trigger in triggers:
            # A noun completing a light verb that is itself a trigger ("imposed sanctions") is
            # the same event: the verb codes it.
            if trigger.pattern.kind == "noun" and trigger.token.head.i in trigger_tokens \
                    and trigger.token.head.i != trigger.token.i:
                continue
            yield from self._events(document, index, sentence, offset, trigger, index_by_token, dates)

    def _events(self, document: Document, index: int, sentence: Span, offset: int, trigger: Trigger,
                mentions: MentionIndex, dates: list[DateMention]) -> Iterator[Event]:
        noun = trigger.pattern.kind == "noun"
        mention_date = date_for_trigger(trigger.token, dates, sentence.start_char) if dates else None
        if mention_date is not None:
            day, precision = mention_date.date, mention_date.precision
        else:
            day, precision = document.published, document.published_precision
        on = day or date.today()
        sources = self._parties(self._source_heads(trigger.token, noun), mentions, on)
        targets = []
        for slot in trigger.pattern.targets:
            targets = self._parties(slot_heads(trigger.token, slot, noun=noun), mentions, on)
            if targets:
                break
        pairs = [(source, target) for source in sources for target in targets]
        if trigger.pattern.symmetric and (not targets or not sources):
            # "Russia and China signed a pact", "talks between X and Y": each party with each other.
            pairs = list(permutations(sources or targets, 2))
        elif trigger.pattern.symmetric:
            pairs += [(target, source) for source, target in pairs]
        reading = read_modality(trigger.token, has_date=mention_date is not None)
        entry = cameo(trigger.pattern.cameo)
        seen = set()
        for source, target in pairs:
            if source.actor.code == target.actor.code or (source.actor, target.actor) in seen:
                continue
            seen.add((source.actor, target.actor))
            start = offset + min(source.mention.start, target.mention.start, trigger.token.idx)
            end = offset + max(source.mention.end, target.mention.end, trigger.token.idx + len(trigger.token.text))
            yield Event(
                source=source.actor, target=target.actor, cameo=entry.code, root=entry.root, quad=entry.quad,
                goldstein=entry.goldstein, plover=entry.plover, plover_mode=entry.plover_mode,
                evidence=Evidence(document.id, index, start, end, document.text[start:end]), origin=CODER,
                date=day, date_precision=precision, issues=issue_tags(sentence.text, entry.code),
                modality=reading.modality, attribution=reading.attribution,
                confidence=_confidence(source.depth, target.depth, noun),
            )

    def _source_heads(self, trigger: Token, noun: bool) -> list[Token]:
        if noun:
            return noun_source_heads(trigger)
        if is_passive(trigger):
            return agent_heads(trigger)
        return subject_heads(trigger)

    def _parties(self, heads: list[Token], mentions: MentionIndex, on: date) -> list[Party]:
        parties = []
        for head in [conjunct for phrase in heads for conjunct in conjuncts(phrase)]:
            if head.pos_ == "PRON":
                party = self._antecedent(head, mentions, on)
                if party is not None:
                    parties.append(party)
                continue
            found: list[Slotted] = mentions.in_phrase(head)
            for slotted in found:
                actor = self.actors.resolve(slotted.mention, on)
                if actor is not None:
                    parties.append(Party(actor, slotted.mention, slotted.depth))
                    break  # the phrase's nearest actor names it
        return parties

    def _antecedent(self, pronoun: Token, mentions: MentionIndex, on: date) -> Party | None:
        """Light pronoun resolution, only where unambiguous: "X announced that it/he will ..." takes
        the subject of the verb that reports the clause; otherwise "he"/"she" takes the one person
        named earlier in the sentence. Anything less clear gives no actor."""
        lowered = pronoun.lower_
        if lowered not in PERSONAL_PRONOUNS:
            return None
        clause = pronoun.head
        if pronoun.dep_ in ("nsubj", "nsubjpass") and clause.dep_ in ("ccomp", "xcomp", "conj", "advcl"):
            reporting = clause.head
            if reporting.i != clause.i:
                found = self._parties(subject_heads(reporting), mentions, on)
                if len(found) == 1:
                    return found[0]
        if lowered in ("he", "she", "him", "her", "his"):
            people = {}
            for mention in sorted(set(mentions.by_token.values()), key=lambda m: m.start):
                if mention.end > pronoun.idx:
                    break
                actor = self.actors.resolve(mention, on)
                if actor is not None and self.actors.kb.tenures.get(actor.canonical):
                    people[actor.canonical] = Party(actor, mention, 1)
            if len(people) == 1:
                return next(iter(people.values()))
        return None


def _confidence(source_depth: int, target_depth: int, noun: bool) -> float:
    """How sure the parse is of the dyad: actors heading their slots are surest; an actor deep inside
    a phrase ("goods imported from China") or a nominal event less so. Calibrated on no gold."""
    score = 0.92 - 0.07 * max(0, source_depth - 1) - 0.05 * max(0, target_depth - 1) - (0.08 if noun else 0.0)
    return round(max(0.3, min(0.99, score)), 2)


@cache
def default_coder() -> Coder:
    """The coder with the configured model, loaded once per process."""
    return Coder()


def code_text(text: str, published: date | str | None = None) -> list[Event]:
    """Code one text; ``published`` (a date or ``YYYY``/``YYYY-MM``/``YYYY-MM-DD``) dates relative
    expressions and is the fallback event date."""
    from tripolar.model import parse_partial_date

    precision: DatePrecision | None = None
    if isinstance(published, str):
        published, precision = parse_partial_date(published)
    elif published is not None:
        precision = "day"
    document = Document(text=text, published=published, published_precision=precision)
    return next(default_coder().code([document]))[2]
