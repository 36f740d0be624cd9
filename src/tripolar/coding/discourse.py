"""What the sentences before this one named: the actors that phrases pointing back refer to.

Two kinds of phrase point back past the sentence they stand in: a pair noun ("the two countries",
"both sides", "the two leaders' meeting") and a subject pronoun with no antecedent in its own sentence
("He arrived on Monday"). Each is resolved only when the text leaves one reading: the nearest stretch
of text that names two or more states names exactly two, or the previous sentence names exactly one
person (for "he"/"she") or one state or body (for "it"). Otherwise there is no actor and no event.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field, replace
from datetime import date

from spacy.tokens import Span, Token

from tripolar.coding.mentions import Mention
from tripolar.model import Actor, DatePrecision

# Nouns that, counted as two or quantified by "both", name the pair of states under discussion; the
# role is the part of each state they name.
PAIR_NOUNS = {
    "country": "", "nation": "", "state": "", "side": "", "power": "", "neighbor": "", "neighbour": "",
    "partner": "", "ally": "", "government": "GOV", "leader": "GOV", "president": "GOV", "capital": "GOV",
    "leadership": "GOV", "administration": "GOV", "military": "MIL", "army": "MIL", "armed force": "MIL",
}
PAIR_WORDS = frozenset({"two", "both"})
# An encounter told again: "Xi called Trump on Monday. *The conversation* covered trade."
ENCOUNTER_WORDS = frozenset({"meeting", "meetings", "talks", "summit", "call", "conversation", "negotiations"})
# "The administration" names no one but means the US executive (see parties._administration).
GOVERNMENT_WORDS = frozenset({"administration"})
REFERRING_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})
# Acts whose parties "the leaders" and "they" may refer back to: they act together.
JOINT_ROOTS = ("03", "04", "05", "06")
PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "inside"})
# Sentences looked back over: a pair named further back is too far to be the one meant.
WINDOW = 3


@dataclass(frozen=True, slots=True)
class DatedAct:
    """An act the text dates: its two parties, CAMEO code, modality, date and sentence."""

    pair: frozenset[str]
    code: str
    date: date
    precision: DatePrecision
    modality: str = "factual"
    sentence: int = 0


@dataclass(frozen=True, slots=True)
class UndatedAct:
    """An event only the publication date dates, which a later sentence may date ("Xi calls Trump" in
    a headline, "the two leaders spoke on the evening of November 24" further down)."""

    event_id: str
    pair: frozenset[str]
    code: str
    modality: str
    sentence: int


@dataclass(frozen=True, slots=True)
class Act:
    """An act a sentence coded: who did it to whom, and its CAMEO root."""

    source: Actor
    target: Actor
    root: str
    token: int = -1  # the trigger's index in the parsed sentence


@dataclass(slots=True)
class Discourse:
    """The actors named by the last few sentences of one document, oldest first."""

    states: frozenset[str]
    recent: deque[list[tuple[Actor, bool]]] = field(default_factory=lambda: deque(maxlen=WINDOW))

    dated: deque[list[DatedAct]] = field(default_factory=lambda: deque(maxlen=WINDOW))
    pending: list[DatedAct] = field(default_factory=list)
    acts: deque[list[Act]] = field(default_factory=lambda: deque(maxlen=WINDOW))
    pending_acts: list[Act] = field(default_factory=list)
    sentence: int = 0  # the index of the sentence being coded
    told: list[DatedAct] = field(default_factory=list)  # every act the document dates, in order
    undated: list[UndatedAct] = field(default_factory=list)
    named: set[str] = field(default_factory=set)  # every actor the document named up to this sentence's end

    def add(self, actors: list[tuple[Actor, bool]]) -> None:
        """Record a sentence's actors in text order, each with whether it is a person, and close it."""
        self.recent.append(actors)
        self.dated.append(self.pending)
        self.pending = []
        self.acts.append(self.pending_acts)
        self.pending_acts = []
        self.sentence += 1

    def note_act(self, act: Act) -> None:
        """An act of the current sentence, for the phrases after it that refer back to it."""
        self.pending_acts.append(act)

    def mutual_act_of(self, token: int, directed: bool = False) -> Act | None:
        """The act of this sentence's trigger at ``token`` when it was coded both ways between one pair
        ("traded rebukes with", "met"); with ``directed``, also when it was coded one way only ("told
        Biden", "expressed concerns regarding U.S. tariffs")."""
        acts = [act for act in self.pending_acts if act.token == token]
        pairs = {(act.source.code, act.target.code) for act in acts}
        if len({frozenset(pair) for pair in pairs}) == 1 and (len(pairs) == 2 or directed):
            return acts[0]
        return None

    def joint_pair_so_far(self) -> tuple[Actor, Actor] | None:
        """The two parties of the joint acts this sentence has coded so far, when they are one pair:
        "Chinese and Russian bombers flew a joint patrol ..., and Japan protested to *both governments*"."""
        pairs = {frozenset((act.source.code, act.target.code)): act for act in self.pending_acts
                 if act.root in JOINT_ROOTS}
        if len(pairs) != 1:
            return None
        act = next(iter(pairs.values()))
        return act.source, act.target

    def last_doer(self, roots: tuple[str, ...], besides: str) -> Actor | None:
        """Who did the latest act of one of ``roots`` told in this sentence so far or the one before,
        other than ``besides``, when one actor did them all: "Turkish jets shot down a Russian bomber,
        and Putin denounced *the downing*" refers to Turkey's act."""
        for sentence in (self.pending_acts, *reversed(list(self.acts)[-1:])):
            doers = {act.source.code: act.source for act in sentence
                     if act.root in roots and act.source.code != besides}
            if doers:
                return next(iter(doers.values())) if len(doers) == 1 else None
        return None

    def last_act(self, roots: tuple[str, ...]) -> Act | None:
        """The act of one of ``roots`` the nearest sentence before coded, when it names one pair only:
        "Xi called Trump. The conversation covered trade." makes the conversation Xi's and Trump's."""
        for sentence in reversed(self.acts):
            matching = [act for act in sentence if act.root in roots]
            if matching:
                pairs = {frozenset((act.source.code, act.target.code)) for act in matching}
                return matching[0] if len(pairs) == 1 else None
        return None

    def note_dated(self, act: DatedAct) -> None:
        """An act of the current sentence that its text dates."""
        act = replace(act, sentence=self.sentence)
        self.pending.append(act)
        self.told.append(act)

    def note_undated(self, event_id: str, pair: frozenset[str], code: str, modality: str) -> None:
        self.undated.append(UndatedAct(event_id, pair, code, modality, self.sentence))

    def date_of(self, pair: frozenset[str], code: str) -> DatedAct | None:
        """The date of the same act between the same pair in the sentences just before: "Xi will meet
        Putin on June 9. It will be their 25th meeting." dates the meeting June 9. The same code is
        looked for first (a visit is a visit), then the same root (a call is a consultation)."""
        earlier = [act for sentence in reversed(self.dated) for act in reversed(sentence) if act.pair == pair]
        return _same_act(earlier, code)

    def last_sentence_date(self, pair: frozenset[str]) -> DatedAct | None:
        """The date of a factual act between ``pair`` that the sentence just before dated, when it
        dated one date for them."""
        if not self.dated:
            return None
        acts = [act for act in self.dated[-1] if act.pair == pair and act.modality == "factual"]
        return acts[0] if len({act.date for act in acts}) == 1 else None

    def later_dates(self) -> dict[str, DatedAct]:
        """For each undated event, the date of the same act the next few sentences give, with the same
        modality: a headline's or lede's event is dated further down."""
        found = {}
        for undated in self.undated:
            later = [act for act in self.told if undated.sentence < act.sentence <= undated.sentence + WINDOW
                     and act.pair == undated.pair and act.modality == undated.modality]
            act = _same_act(later, undated.code)
            if act is not None:
                found[undated.event_id] = act
        return found

    def pair(self, earlier_in_sentence: list[Actor], role: str) -> tuple[Actor, Actor] | None:
        """The two states a pair noun refers to: those of the nearest stretch naming two or more."""
        stretches = [earlier_in_sentence, *([actor for actor, _ in sentence] for sentence in reversed(self.recent))]
        for actors in stretches:
            # Bodies (the SCO, NATO) are not one of "the two countries"; a third state makes it unclear.
            states = list(dict.fromkeys(actor.code for actor in actors if actor.code in self.states))
            if len(states) == 2:
                return Actor(states[0], role, name=states[0]), Actor(states[1], role, name=states[1])
            if len(states) > 2:
                return None
        return None

    def single(self, person: bool) -> Actor | None:
        """The one person (or one state or body) the previous sentence named, if it named one."""
        if not self.recent:
            return None
        named = {actor.canonical or actor.label: actor for actor, is_person in self.recent[-1] if is_person == person}
        return next(iter(named.values())) if len(named) == 1 else None


def participants(sentence: Span, mentions: list[Mention]) -> list[Mention]:
    """The mentions that may be parties, not places where something happened ("met *in Singapore*")."""
    places = set()
    for token in sentence:
        if token.dep_ == "pobj" and token.head.lower_ in PLACE_PREPOSITIONS:
            places.add(token.idx)
    return [mention for mention in mentions
            if not any(mention.start <= position < mention.end for position in places)]


def points_back(sentence: Span) -> bool:
    """Whether a sentence that names no actor may still refer to earlier ones: "the two leaders met",
    "the conversation covered trade", "the administration imposed tariffs"."""
    return any(token.lower_ in PAIR_WORDS or token.lower_ in GOVERNMENT_WORDS or refers_to_encounter(token)
               for token in sentence)


def refers_to_encounter(noun: Token) -> bool:
    """"the meeting", "this conversation": a definite encounter noun, told before."""
    return noun.lower_ in ENCOUNTER_WORDS and is_definite(noun)


def is_definite(noun: Token) -> bool:
    """"the strike", "this meeting": a noun that refers to something already told."""
    return any(child.dep_ == "det" and child.lower_ in REFERRING_DETERMINERS for child in noun.children)


def pair_role(head: Token) -> str | None:
    """The role a pair phrase gives its two states ("the two leaders" → GOV), or None when ``head``
    does not head a pair phrase. "The two countries' leaders" counts too: the possessor is the pair."""
    if head.lower_ in PAIR_WORDS and head.pos_ in ("NUM", "PRON", "DET"):
        return ""  # "the two signed a statement", "both agreed"
    owners = [child for child in head.children if child.dep_ == "poss"]
    owners += [grandchild for child in head.children if child.dep_ == "prep" and child.lower_ == "of"
               for grandchild in child.children if grandchild.dep_ == "pobj"]
    for token in (head, *owners):
        if token.lemma_.lower() in PAIR_NOUNS and any(child.lower_ in PAIR_WORDS for child in token.children):
            # "the two countries' leaders", "leaders of the two sides": the leaders' role, the pair's states.
            return PAIR_NOUNS.get(head.lemma_.lower(), PAIR_NOUNS[token.lemma_.lower()])
    return None


def plural_role(head: Token) -> str | None:
    """The role of a bare plural pair noun ("the leaders' meeting", "the allies"): it refers back to
    the parties of the last joint act, not to any two states named. None for anything else: "the
    leaders of the G7" and "European leaders" say whose leaders they are."""
    if head.tag_ != "NNS" or head.lemma_.lower() not in PAIR_NOUNS:
        return None
    children = list(head.children)
    if not any(child.dep_ == "det" and child.lower_ == "the" for child in children):
        return None
    if any(child.dep_ in ("prep", "amod", "compound", "nmod", "poss", "nummod") for child in children):
        return None
    return PAIR_NOUNS[head.lemma_.lower()]


def _same_act(acts: list[DatedAct], code: str) -> DatedAct | None:
    exact = next((act for act in acts if act.code == code), None)
    return exact or next((act for act in acts if act.code[:2] == code[:2]), None)
