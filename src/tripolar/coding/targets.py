"""Whom an act is done to: the target search of the coder.

The pattern's target slots come first; when they name no actor, the parse and the text are asked in
turn: a phrase the parser hung one level off, the act a controlled verb intends, what an example
exemplifies, the place a scene-setting visit went to, the doer of a hostile act a reaction refers to,
and whom the doer addresses in an encounter that sets the scene.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Token

from tripolar.coding.modality_cues import RESTRAINING_VERBS
from tripolar.coding.parties import HOSTILE_ROOTS, Party, PartyFinder, Scope, reciprocal
from tripolar.coding.patterns import PatternSet, Trigger
from tripolar.coding.roles import (
    exemplified,
    nested_preposition_objects,
    place_objects,
    setting_partner_heads,
    setting_verb,
    slot_heads,
)

# Reactions to another's act: disapprove, reject.
REACTION_ROOTS = frozenset({"11", "12"})
# Prepositions that say whom a policy or measure is aimed at (the target its examples share).
EXAMPLE_AIMS = ("against", "on", "toward", "towards", "targeting")
# Meeting and talking: one encounter is often told twice in a sentence ("met on Friday, holding two hours
# of talks"; "held talks in Riyadh, the highest-level meeting since 2022"), and is one event. Visits
# (042, 043) stay apart: a visit and the talks held during it are two events (CODING_GUIDE.md).
MEETING_CODES = frozenset({"040", "041", "044", "045", "046"})
VISIT = "042"


@dataclass(slots=True)
class FoundTargets:
    """What the target search found: the parties, the slot searched last, whether that slot held a
    phrase at all (actor or not), and whether it said "each other"."""

    parties: list[Party] = field(default_factory=list)
    slot: str = ""
    phrase: bool = False
    each_other: bool = False


class TargetFinder:
    """Finds the targets of a trigger with the party finder and the pattern dictionary."""

    def __init__(self, finder: PartyFinder, patterns: PatternSet) -> None:
        self.finder = finder
        self.patterns = patterns

    def find(self, trigger: Trigger, noun: bool, sources: list[Party], scope: Scope) -> FoundTargets:
        """The actors the act is done to: in the pattern's slots, then where the parse or the text
        puts them when the slots name none."""
        found = FoundTargets()
        if trigger.pattern.root in REACTION_ROOTS and "dobj" in trigger.pattern.targets:
            # Deploring an act is deploring its doer: "deploring *its* invasion of Ukraine" targets Russia.
            owners = [owner for head in slot_heads(trigger.token, "dobj", noun=noun) if self._names_hostile_act(head)
                      for owner in head.children if owner.dep_ == "poss"]
            found.parties = self.finder.parties(owners, scope)
            if found.parties:
                found.slot, found.phrase = "dobj", True
                return found
        for slot in trigger.pattern.targets:
            heads = slot_heads(trigger.token, slot, noun=noun)
            found.slot, found.phrase = slot, found.phrase or bool(heads)
            found.each_other = found.each_other or any(reciprocal(head) for head in heads)
            found.parties = self.finder.parties(heads, scope)
            if found.parties and _own_side_restrained(trigger.token, found.parties, sources):
                # "banned American firms from selling parts to ZTE": the ban is on the trade with ZTE.
                found.parties = self._first_named(
                    (slot_heads(restrained, slot, noun=False) for restrained in _restrained_acts(trigger.token)
                     for slot in ("prep:to", "prep:with", "dobj")), scope)
            if found.parties:
                return found
        prepositions = [slot[5:] for slot in trigger.pattern.targets if slot.startswith("prep:")]
        inner = _intended_act(trigger)
        if not noun:
            # The parser hung the phrase on a phrase of the verb: "imposed sanctions in two decades
            # [on North Korea]".
            found.parties = self._first_named(
                (nested_preposition_objects(trigger.token, preposition) for preposition in prepositions), scope)
        if not found.parties and inner is not None:
            # The act intended takes the target: "agreed to meet Xi", "threatened to impose sanctions on Tokyo".
            found.parties = self._first_named(
                (slot_heads(inner, slot, noun=False) for slot in (*trigger.pattern.targets, "dobj")), scope)
        example_of = exemplified(trigger.token)
        if not found.parties and example_of is not None:
            # An example is aimed where what it exemplifies is: "a policy against China, such as imposing tariffs".
            found.parties = self._first_named(
                (slot_heads(example_of, f"prep:{preposition}", noun=example_of.pos_ != "VERB")
                 for preposition in EXAMPLE_AIMS), scope)
        if not found.parties and noun and trigger.pattern.cameo == VISIT:
            # A visit that sets the scene of an act done somewhere is a visit there: "signed in Shanghai
            # during a visit by Putin".
            scene = setting_verb(trigger.token)
            if scene is not None:
                found.parties = self.finder.parties(list(place_objects(scene)), scope)
        if not found.parties and trigger.pattern.root in REACTION_ROOTS and len(sources) == 1:
            # A reaction to an act just told names its doer: "Moscow condemned the strike".
            acts = [head for head in slot_heads(trigger.token, "dobj", noun=noun) if self._names_hostile_act(head)]
            found.parties = self.finder.doer_referred_to(acts, sources[0].actor, scope)
        if not found.parties and not found.phrase and noun and trigger.pattern.cameo in MEETING_CODES:
            # The encounter is with whom the doer addresses in it: "In a call, Biden warned Putin".
            addressed = [head for head in setting_partner_heads(trigger.token) if head.i in scope.mentions.by_token]
            found.parties = self.finder.parties(addressed, scope)
            found.phrase = bool(found.parties)
        return found

    def _first_named(self, phrases: Iterable[list[Token]], scope: Scope) -> list[Party]:
        """The parties of the first of ``phrases`` that names any."""
        for heads in phrases:
            parties = self.finder.parties(heads, scope)
            if parties:
                return parties
        return []

    def _names_hostile_act(self, noun: Token) -> bool:
        """"the strike", "the expulsions", "the downing": a noun the dictionary codes as a hostile act,
        or an act named by its verb ("shooting", "downing")."""
        if noun.pos_ != "NOUN":
            return False
        lemma = noun.lemma_.lower()
        return lemma.endswith("ing") or any(row.root in HOSTILE_ROOTS for row in self.patterns.rows("noun", lemma))


def _own_side_restrained(verb: Token, targets: list[Party], sources: list[Party]) -> bool:
    """Whether a ban or bar falls on the doer's own side ("Washington barred American firms from ...")."""
    own = {party.actor.code for party in sources}
    return verb.lemma_.lower() in RESTRAINING_VERBS and bool(own) and {party.actor.code for party in targets} <= own


def _restrained_acts(verb: Token) -> list[Token]:
    """The acts a ban or bar keeps its object from: "banned firms from *selling* parts to ZTE"."""
    return [grandchild for child in verb.children if child.dep_ == "prep" and child.lower_ == "from"
            for grandchild in child.children if grandchild.dep_ == "pcomp"]


def _intended_act(trigger: Trigger) -> Token | None:
    """The verb of the act a trigger's object names, below the trigger: the object itself ("agreed to
    *meet*") or the verb it is the object of ("threatened to *impose* sanctions")."""
    token = trigger.object_token
    if token is None or token.i == trigger.token.i:
        return None
    if token.pos_ != "VERB":
        token = token.head
    if token.pos_ != "VERB" or token.i == trigger.token.i:
        return None
    return token if any(ancestor.i == trigger.token.i for ancestor in token.ancestors) else None
