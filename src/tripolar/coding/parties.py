"""The parties of an event: the actors in its source and target slots.

A slot's phrase names its actor directly ("Russia", "the Chinese foreign minister"), through names
coordinated inside it ("the leaders of China and Russia"), through a pronoun ("it", "he", "they", "who"),
through a pair phrase ("the two countries", "both sides", "the leaders"), or not at all: an unclear
phrase gives no actor, never a guessed one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from spacy.tokens import Span, Token

from tripolar.coding.discourse import (
    JOINT_ROOTS,
    PLACE_PREPOSITIONS,
    Discourse,
    is_definite,
    pair_role,
    participants,
    plural_role,
    refers_to_encounter,
)
from tripolar.coding.mentions import ActorMatcher, Mention
from tripolar.coding.roles import (
    SUBJECT_SHARING,
    MentionIndex,
    Slotted,
    agent_heads,
    conjuncts,
    instrument_maker,
    is_passive,
    misparsed_subjects,
    noun_source_heads,
    subject_heads,
)
from tripolar.model import Actor

PERSONAL_PRONOUNS = frozenset({"he", "she", "it", "they", "him", "her", "them", "his", "its", "their"})
# Material acts of hostility (sanctions, expulsions, force) a later "the strike", "the expulsions" refers to.
HOSTILE_ROOTS = ("14", "15", "16", "17", "18", "19", "20")
FIRST_PERSON = frozenset({"i", "we", "my", "our"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their"})
# Nouns of an activity someone carries on: a change in one ("a cut in US aid") is made by its doer.
ACTIVITY_NOUNS = frozenset({"support", "aid", "assistance", "funding", "help", "backing", "trade", "investment",
                            "cooperation", "engagement", "involvement", "presence", "pressure", "supply", "export",
                            "import", "purchase", "sale"})
# What may stand before "administration" when it means the US one: when it serves, not whose it is.
ADMINISTRATION_TIMES = frozenset({"outgoing", "incoming", "coming", "new", "current", "previous", "next", "former",
                                  "democratic", "republican", "present", "last"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
# Verbs of criticism: what they criticise is someone else's ("condemned Russia, deploring its invasion").
CRITICISING_VERBS = frozenset({"condemn", "deplore", "criticize", "criticise", "denounce", "decry", "censure",
                               "slam", "protest", "blame", "rebuke"})
# Verbs that report speech: a first-person pronoun in what they report is their subject.
SPEECH_VERBS = frozenset({"say", "tell", "add", "state", "declare", "announce", "write", "insist", "stress",
                          "note", "explain", "warn", "vow", "pledge", "promise", "claim", "assert"})


@dataclass(frozen=True, slots=True)
class Scope:
    """What resolving a slot's phrase needs: the sentence's mentions, the date actors are resolved on,
    and the actors the document named before this sentence."""

    mentions: MentionIndex
    on: date
    discourse: Discourse | None


@dataclass(frozen=True, slots=True)
class Party:
    """An actor in a slot, with the mention that named it and how directly the parse ties them."""

    actor: Actor
    mention: Mention
    depth: int
    how: str = "name"  # or "pronoun", "pair" (a pair phrase), "discourse" (an earlier sentence's act)


class PartyFinder:
    """Finds the actors of a trigger's slots with the actor matcher's knowledge base."""

    def __init__(self, actors: ActorMatcher) -> None:
        self.actors = actors

    def is_person(self, actor: Actor) -> bool:
        return bool(self.actors.kb.tenures.get(actor.canonical))

    def source_heads(self, trigger: Token, noun: bool, scope: Scope) -> list[Token]:
        """The heads of the phrases that may name who does the act: the subject (the "by" phrase of
        a passive), or for a nominal event its owner or the subject of the verb it completes."""
        if noun:
            def names(token: Token) -> bool:
                return (token.pos_ == "PRON" or bool(scope.mentions.in_phrase(token))
                        or pair_role(token) is not None or plural_role(token) is not None
                        or _us_administration(token, scope))

            return noun_source_heads(trigger, names)
        if is_passive(trigger):
            return agent_heads(trigger)
        subjects = subject_heads(trigger)
        token = trigger
        for _ in range(3):  # "Barack/prep Obama and Putin met but did not reach a deal": up to "met"
            if subjects:
                break
            subjects = misparsed_subjects(token, lambda word: word.i in scope.mentions.by_token)
            if token.dep_ not in SUBJECT_SHARING or token.head.i == token.i:
                break
            token = token.head
        return subjects

    def source_parties(self, trigger: Token, noun: bool, scope: Scope, thing: Token | None = None) -> list[Party]:
        """Who does the act. In a passive's "by" phrase a place is where the act struck, not who did
        it: "was hit by missiles in Russia's Kursk region". A nominal act on someone's activity is
        theirs: "a decrease in *Western* support for Kyiv" (``thing``: the noun the act is on; an act on
        a thing, "the expulsion of *Russian* diplomats", is not its owner's)."""
        if noun and thing is not None and thing.i != trigger.i and thing.lemma_.lower() in ACTIVITY_NOUNS:
            owners = [child for child in thing.children if child.dep_ in ("poss", "amod", "compound", "nmod")
                      and child.i < thing.i]
            found = [party for party in self.parties([owner for owner in owners if scope.mentions.in_phrase(owner)],
                                                     scope) if not self.is_person(party.actor)]
            if found:
                return found
            if any(owner.dep_ == "poss" or (owner.dep_ == "amod" and owner.text[:1].isupper()
                                             and owner.i > owner.sent.start) for owner in owners):
                return []  # someone else's ("Western"), whom the knowledge base does not know: not the subject's
        heads = self.source_heads(trigger, noun, scope)
        return self.parties(heads, scope, places=noun or not is_passive(trigger))

    def parties(self, heads: list[Token], scope: Scope, places: bool = True) -> list[Party]:
        """The actors the phrases headed by ``heads`` name; with ``places`` False, not those named
        only inside a phrase of place ("in Russia's Kursk region") within them."""
        parties = []
        for head in [conjunct for phrase in heads for conjunct in conjuncts(phrase)]:
            # Not a word of a name the tagger took for a pronoun: "Vice Premier Liu *He* signed".
            pronoun = head.pos_ == "PRON" and head.i not in scope.mentions.by_token
            if pronoun and head.lower_ in PLURAL_PRONOUNS:
                parties.extend(replace(party, how="pronoun") for party in self._plural_antecedent(head, scope))
                continue
            if pronoun:
                party = self._antecedent(head, scope)
                if party is not None:
                    parties.append(replace(party, how="pronoun"))
                continue
            found: list[Slotted] = scope.mentions.in_phrase(head)
            if not places:
                found = [slotted for slotted in found if not _in_place_phrase(slotted.mention, head)]
            for slotted in found:
                actor = self.actors.resolve(slotted.mention, scope.on)
                if actor is not None:
                    parties.append(Party(actor, slotted.mention, slotted.depth))
                    parties.extend(self._coordinated(slotted, scope))
                    parties.extend(self._leaders(head, scope))
                    break  # the phrase's nearest actor names it
            else:
                parties.extend(self._pair(head, scope) or self._administration(head, scope))
        unique: dict[tuple[int, str, str], Party] = {}
        for party in parties:
            unique.setdefault((party.mention.start, party.actor.code, party.actor.role), party)
        return list(unique.values())

    def _leaders(self, head: Token, scope: Scope) -> list[Party]:
        """Who leads what a phrase names does what it does: "Western countries, *led by the United
        States*, announced sanctions"."""
        leaders = [agent for clause in head.children
                   if clause.dep_ == "acl" and clause.lemma_.lower() in ("lead", "head")
                   for preposition in clause.children if preposition.dep_ == "agent"
                   for agent in preposition.children if agent.dep_ == "pobj"]
        return self.parties(leaders, scope) if leaders else []

    def co_doers(self, trigger: Token, scope: Scope) -> list[Party]:
        """Actors an act is done together with: "carried out strikes *with the U.K. and France*" (a
        name heading the "with" phrase; "with Iranian drones" names an instrument, not a partner)."""
        phrases = [trigger] + ([trigger.head] if trigger.dep_ == "dobj" else [])
        heads = [noun for phrase in phrases for preposition in phrase.children
                 if preposition.dep_ == "prep" and preposition.lower_ == "with"
                 for noun in preposition.children if noun.dep_ == "pobj"]
        # A state or body by name; "Iranian drones" (a country's adjective and a noun) may be a weapon.
        named = [head for head in heads if any(slotted.depth == 0 and slotted.mention.country is None
                                               for slotted in scope.mentions.in_phrase(head))]
        return self.parties(named, scope) if named else []

    def _coordinated(self, slotted: Slotted, scope: Scope) -> list[Party]:
        """The actors coordinated with a name inside a phrase: "the leaders of China *and Russia*"
        are the leaders of both."""
        parties = []
        for mention in scope.mentions.coordinated(slotted.mention):
            actor = self.actors.resolve(mention, scope.on)
            if actor is not None:
                parties.append(Party(actor, mention, slotted.depth))
        return parties

    def _pair(self, head: Token, scope: Scope) -> list[Party]:
        """"the two countries", "both sides": the pair of states the text just named, if one pair;
        "the leaders": the parties of the last joint act."""
        if scope.discourse is None:
            return []
        role = pair_role(head)
        if role is None:
            plural = plural_role(head)
            return [] if plural is None else self._joint_parties(head, plural, scope.discourse)
        earlier = [self.actors.resolve(mention, scope.on)
                   for mention in participants(head.sent, scope.mentions.before(head.idx))]
        pair = scope.discourse.pair([actor for actor in earlier if actor is not None], role)
        if pair is None:
            # More than two states named: the pair that just acted together, if one did.
            joint = scope.discourse.joint_pair_so_far()
            if joint is None:
                return []
            pair = (replace(joint[0], role=role or joint[0].role), replace(joint[1], role=role or joint[1].role))
        stand_in = Mention(head.idx, head.idx + len(head.text), head.text, head.text)
        return [Party(actor, stand_in, 1, "pair") for actor in pair]

    @staticmethod
    def _administration(head: Token, scope: Scope) -> list[Party]:
        """"The administration", "the outgoing administration": English-language news means the US
        executive when it names no leader ("the Yoon administration" names its own). Only in a text
        that has named the United States."""
        if not _us_administration(head, scope):
            return []
        stand_in = Mention(head.idx, head.idx + len(head.text), head.text, head.text)
        return [Party(Actor("USA", "GOV", head.text, "United States"), stand_in, 1, "discourse")]

    @staticmethod
    def doer_referred_to(heads: list[Token], source: Actor, scope: Scope) -> list[Party]:
        """The doer of an act a definite noun refers back to ("condemned *the strike*", "denounced
        *the downing*"), when the noun names no actor of its own: the latest doer of a hostile act
        just told other than the source."""
        if scope.discourse is None or len(heads) != 1:
            return []
        noun = heads[0]
        if not is_definite(noun) or scope.mentions.in_phrase(noun):
            return []
        doer = scope.discourse.last_doer(HOSTILE_ROOTS, besides=source.code)
        if doer is None:
            return []
        stand_in = Mention(noun.idx, noun.idx + len(noun.text), noun.text, noun.text)
        return [Party(doer, stand_in, 1, "discourse")]

    @staticmethod
    def encounter_referred_to(noun: Token, scope: Scope) -> list[Party]:
        """The two parties of "the meeting", "the conversation" that names none: those of the
        consultation the sentences just before told, when they told one pair's."""
        if scope.discourse is None or not refers_to_encounter(noun) or scope.mentions.in_phrase(noun):
            return []
        act = scope.discourse.last_act(("04",))
        if act is None:
            return []
        stand_in = Mention(noun.idx, noun.idx + len(noun.text), noun.text, noun.text)
        return [Party(actor, stand_in, 1, "discourse") for actor in (act.source, act.target)]

    @staticmethod
    def _joint_parties(head: Token, role: str, discourse: Discourse) -> list[Party]:
        act = discourse.last_act(JOINT_ROOTS)
        if act is None:
            return []
        stand_in = Mention(head.idx, head.idx + len(head.text), head.text, head.text)
        return [Party(replace(actor, role=role or actor.role), stand_in, 1, "discourse")
                for actor in (act.source, act.target)]

    def _plural_antecedent(self, pronoun: Token, scope: Scope) -> list[Party]:
        """"they"/"their": the coordinated subject of the clause that governs the pronoun's ("Biden and
        Xi confirmed that they intend"), else, with no actor named before it in the sentence, the
        parties of the last joint act. Anything else ("Russian officials told the Americans they")
        gives no actor."""
        clause = pronoun.head if pronoun.dep_ != "poss" else pronoun.head.head
        if pronoun.dep_ == "poss" and clause.pos_ in ("VERB", "AUX"):
            # "Trump and Kim cut short their summit": what the subjects do to their own thing.
            found = self.parties(subject_heads(clause), scope)
            if len({party.actor.code for party in found}) >= 2:
                return found
        governing = _governing_verb(clause)
        if governing is not None:
            found = self.parties(subject_heads(governing), scope)
            if len({party.actor.code for party in found}) >= 2:
                return found
        # Any plural noun before it may be what "they" are ("these moves ..., they carry a message").
        if scope.discourse is None or scope.mentions.before(pronoun.idx) or any(
                token.tag_ in ("NNS", "NNPS") for token in pronoun.sent if token.i < pronoun.i):
            return []
        return self._joint_parties(pronoun, "", scope.discourse)

    def _antecedent(self, pronoun: Token, scope: Scope) -> Party | None:
        """Light pronoun resolution, only where unambiguous; anything less clear gives no actor.

        - "who"/"which"/"that" opening a relative clause: the noun the clause hangs from.
        - A subject pronoun in a clause subordinate or coordinate to another ("X announced that it
          will", "X met Y and then he"), and "I"/"we" in speech a verb reports ("Wei said: 'I am
          visiting'"): the subject of the governing verb, when it names one actor.
        - "he"/"his"/"she"/"her": the one person named earlier in the sentence; "it"/"its": the
          one state or body named earlier.
        """
        lowered = pronoun.lower_
        clause = pronoun.head
        if lowered in RELATIVE_PRONOUNS:
            if clause.dep_ != "relcl" or clause.head is clause:
                return None
            named = self._named(clause.head, scope)
            maker = instrument_maker(clause.head)
            if named is None and maker is not None:
                # A law or package acts for whoever makes it: "signed a package that provides aid to Kyiv".
                makers = self.parties(subject_heads(maker), scope)
                return makers[0] if len(makers) == 1 else None
            return named
        if lowered not in PERSONAL_PRONOUNS and lowered not in FIRST_PERSON:
            return None
        if pronoun.dep_ in ("nsubj", "nsubjpass", "poss") or lowered in FIRST_PERSON:
            governing = _governing_verb(clause if pronoun.dep_ != "poss" else clause.head)
            if governing is not None and (lowered not in FIRST_PERSON or governing.lemma_ in SPEECH_VERBS):
                found = self.parties(subject_heads(governing), scope)
                # "Xi told Biden that he would visit": the addressee could be "he" as well.
                addressed = [] if lowered in FIRST_PERSON else self.parties(
                    [child for child in governing.children if child.dep_ in ("dobj", "dative")], scope)
                if len(found) == 1 and not any(self.is_person(party.actor) == self.is_person(found[0].actor)
                                               for party in addressed):
                    return found[0]
        if lowered in FIRST_PERSON:
            return None
        if pronoun.dep_ == "dobj" and clause.dep_ == "advcl" and clause.tag_ == "VBG":
            # "moved to sever China's Bank of Dandong ..., accusing it of laundering": the object of a
            # participle the main clause's doer also does is what the main clause acted on.
            acted_on = _main_clause_object(clause.head)
            if acted_on is not None:
                found = self.parties([acted_on], scope)
                if len({party.actor.code for party in found}) == 1:
                    return found[0]
        person = lowered in ("he", "she", "him", "her", "his", "hers")
        if not person and lowered not in ("it", "its"):
            return None
        named: dict[str, Party] = {}
        for mention in scope.mentions.before(pronoun.idx):
            actor = self.actors.resolve(mention, scope.on)
            if actor is not None and self.is_person(actor) == person:
                named[actor.canonical or actor.label] = Party(actor, mention, 1)
        if len(named) > 1 and pronoun.dep_ in ("nsubj", "nsubjpass") and _governing_verb(clause) is None:
            # The subject of a clause of its own continues the subject before it: "the Treasury
            # rebuked Russia: it slapped sanctions on ..." is the Treasury. (In a reported clause the
            # addressee may be meant as well: "Xi told Biden that he would visit".)
            in_subject = _subject_mentions(pronoun.sent, scope.mentions)
            subjects = {key: party for key, party in named.items() if party.mention in in_subject}
            if len(subjects) == 1:
                return next(iter(subjects.values()))
        if len(named) > 1 and pronoun.dep_ == "poss" and not person:
            named = self._possessor(pronoun, named, scope)
        if len(named) > 1 and person and pronoun.dep_ in ("dobj", "dative", "pobj"):
            # "China ... is set to pressure *him*": whom a state's act is done to is not its own leader.
            verb = pronoun.head if pronoun.dep_ != "pobj" else pronoun.head.head
            own = {party.actor.code for party in self.parties(subject_heads(verb), scope)} if verb.pos_ in (
                "VERB", "AUX") else set()
            foreign = {key: party for key, party in named.items() if party.actor.code not in own}
            if own and len(foreign) == 1:
                named = foreign
        if not named and pronoun.dep_ in ("nsubj", "nsubjpass") and scope.discourse is not None:
            # No antecedent in the sentence: the one person (or state) the sentence before named.
            actor = scope.discourse.single(person)
            if actor is not None:
                stand_in = Mention(pronoun.idx, pronoun.idx + len(pronoun.text), pronoun.text, pronoun.text)
                return Party(actor, stand_in, 1)
        return next(iter(named.values())) if len(named) == 1 else None

    def _possessor(self, pronoun: Token, named: dict[str, Party], scope: Scope) -> dict[str, Party]:
        """Narrow the states or bodies an "its" may be: not whoever criticises the thing ("the EU
        condemned Russia, deploring *its* invasion"), else the root verb's own subject ("*Russia*
        vetoed a resolution deploring its invasion")."""
        thing = pronoun.head
        critic = thing.head if thing.dep_ == "dobj" and thing.head.lemma_.lower() in CRITICISING_VERBS else None
        if critic is not None:
            own = {party.actor.code for party in self.parties(subject_heads(critic), scope)}
            if not own and critic.dep_ == "acl":  # "a resolution deploring": the resolution's owner
                own = {party.actor.code for party in self.parties([critic.head], scope)}
            narrowed = {key: party for key, party in named.items() if party.actor.code not in own}
            if len(narrowed) == 1:
                return narrowed
        root = pronoun.sent.root
        subjects = [child for child in root.children if child.dep_ in ("nsubj", "nsubjpass")]
        main = {key: party for key, party in named.items()
                if any(subject.i in scope.mentions.by_token and scope.mentions.by_token[subject.i] is party.mention
                       for subject in subjects)}
        return main if len(main) == 1 else named

    def _named(self, head: Token, scope: Scope) -> Party | None:
        for slotted in scope.mentions.in_phrase(head):
            actor = self.actors.resolve(slotted.mention, scope.on)
            if actor is not None:
                return Party(actor, slotted.mention, slotted.depth)
        return None


# "each other", "one another" as (head, dependent): the parser heads "one another" either way.
RECIPROCALS = frozenset({("other", "each"), ("another", "one"), ("one", "another")})


def reciprocal(head: Token) -> bool:
    """"each other", "one another": the subjects act on each other."""
    return any((head.lower_, child.lower_) in RECIPROCALS for child in head.children)


def _in_place_phrase(mention: Mention, head: Token) -> bool:
    """Whether a mention stands in a phrase of place ("in ...", "near ...") below ``head``."""
    doc = head.doc
    token = next((word for word in doc[head.sent.start:head.sent.end] if word.idx == mention.start), None)
    while token is not None and token != head and token.head.i != token.i:
        if token.dep_ == "pobj" and token.head.lower_ in PLACE_PREPOSITIONS:
            return True
        token = token.head
    return False


def _us_administration(head: Token, scope: Scope) -> bool:
    if head.lemma_.lower() != "administration" or not is_definite(head) or scope.discourse is None:
        return False
    if any(child.dep_ not in ("det", "amod") or (child.dep_ == "amod" and child.lower_ not in ADMINISTRATION_TIMES)
           for child in head.children if child.i < head.i):
        return False
    return "USA" in scope.discourse.named


def _subject_mentions(sentence: Span, mentions: MentionIndex) -> set[Mention]:
    """The mentions that head a subject phrase of the sentence, or name the actor within one."""
    found = set()
    for token in sentence:
        if token.dep_ in ("nsubj", "nsubjpass") and token.pos_ != "PRON":
            slotted = mentions.in_phrase(token)
            if slotted:
                found.add(slotted[0].mention)
    return found


def _main_clause_object(verb: Token) -> Token | None:
    """The direct object of a verb, or of the infinitive it governs ("moved to sever [the bank]")."""
    for token in (verb, *(child for child in verb.children if child.dep_ == "xcomp")):
        objects = [child for child in token.children if child.dep_ == "dobj"]
        if objects:
            return objects[0]
    return None


def _governing_verb(clause: Token) -> Token | None:
    """The verb a clause is the complement, coordinate or adverbial of, if any."""
    for _ in range(3):
        if clause.dep_ in ("ccomp", "xcomp", "conj", "advcl", "parataxis") and clause.head is not clause:
            return clause.head
        if clause.dep_ in ("aux", "prep", "pcomp", "pobj", "dobj") and clause.head is not clause:
            clause = clause.head
            continue
        return None
    return None
