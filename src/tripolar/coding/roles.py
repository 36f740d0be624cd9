"""Who did it and to whom: actor mentions attached to a trigger's source and target slots by the parse.

A slot names a syntactic position (the subject, the direct object, the object of a preposition);
the actor of a slot is the mention nearest the head of the phrase there. Coordinated phrases
("the United States and China") give one actor per conjunct. A slot with no known actor gives none:
no event rather than a guessed actor.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property

from spacy.tokens import Span, Token

from tripolar.coding.mentions import Mention
from tripolar.coding.modality_cues import RESTRAINING_VERBS

SUBJECTS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECTS = frozenset({"nsubjpass", "csubjpass"})
# Clauses inside a phrase say something else about it: their actors are not the phrase's actor.
CLAUSE_DEPS = frozenset({"relcl", "advcl", "ccomp", "parataxis", "conj", "cc", "appos", "punct"})
# A subject is shared down these links: "China plans to impose", "Russia met and signed",
# "Washington targeted X, strengthening sanctions" (a participial clause has its main clause's subject).
SUBJECT_SHARING = frozenset({"xcomp", "conj", "advcl", "acomp"})  # acomp: "is likely to blame"
# Where the parser has been seen to hang a sentence-initial name it did not take for a subject.
MISPARSED_SUBJECTS = frozenset({"prep", "npadvmod", "dep", "meta", "nmod"})
PREPOSITION_PATH = frozenset({"prep", "pobj", "pcomp"})
# Prepositions that complete a verb's meaning ("withdrew *from* the treaty with X"): the noun after
# them may carry the target's preposition.
COMPLEMENT_PREPOSITIONS = frozenset({"from", "out", "of", "on", "to", "into", "in"})
# What joins two names into one compound modifier: "US-China", "ROK–Japan".
HYPHEN_JOINS = frozenset({"-", "\u2010", "\u2011", "\u2013"})
# Nouns of time a date phrase is headed by ("on Wednesday", "last month").
TIME_WORDS = frozenset({name.lower() for name in (*calendar.day_name, *calendar.month_name) if name} | {
    "day", "week", "month", "year", "weekend", "morning", "afternoon", "evening", "night"})
# Participles that say whom a measure is meant for: "controls targeting X", "sanctions aimed at X".
AIMING_VERBS = frozenset({"target", "aim", "direct"})
# Participles that say what a thing is about: "sanctions related to Russia" name no target.
TOPIC_PARTICIPLES = frozenset({"relate", "link", "tie", "connect", "pertain"})
# Prepositions that give the reason or the circumstance of an act: their noun is another act.
CIRCUMSTANCE_PREPOSITIONS = frozenset({"over", "after", "following", "amid", "despite", "since"})
# Prepositions of a phrase that sets the scene of a clause ("in a call", "during the summit").
SETTING_PREPOSITIONS = frozenset({"in", "during", "at", "on", "over"})
# Nouns that measure out an event rather than name one of their own: "a round of sanctions".
PARTITIVE_NOUNS = frozenset({"round", "wave", "series", "spate", "flurry", "set", "package", "raft", "slew",
                             "string", "batch", "number", "host", "kind", "form", "type", "campaign", "part",
                             "portion", "section"})


@dataclass(frozen=True, slots=True)
class Slotted:
    """A mention found in a slot, with how far (in parse edges) it sits from the slot's head."""

    mention: Mention
    depth: int


class MentionIndex:
    """Mentions of one sentence keyed by the tokens they cover."""

    def __init__(self, sentence: Span, mentions: Iterable[Mention]) -> None:
        # Mentions are disjoint: walk tokens and mentions together, once each.
        self.sentence = sentence
        self.by_token: dict[int, Mention] = {}
        pending = sorted(mentions, key=lambda mention: mention.start)
        position = 0
        for token in sentence:
            while position < len(pending) and pending[position].end <= token.idx:
                position += 1
            if position < len(pending) and pending[position].start <= token.idx:
                self.by_token[token.i] = pending[position]

    def before(self, position: int) -> list[Mention]:
        """The mentions that end before character ``position``, in text order."""
        return sorted({mention for mention in self.by_token.values() if mention.end <= position},
                      key=lambda mention: mention.start)

    def coordinated(self, mention: Mention) -> list[Mention]:
        """The other mentions coordinated with ``mention`` ("China" in "China and Russia" → Russia), or
        joined to it by a hyphen ("the US-China talks", "Sino-Russian ties", "the ROK-China-Japan
        summit")."""
        doc = self.sentence.doc
        found: dict[Mention, None] = {}
        for i, covered in self.by_token.items():
            if covered is mention:
                group = conjuncts(doc[i])[1:]
                if doc[i].dep_ in ("punct", "dep") and doc[i].head.pos_ in ("NOUN", "PROPN"):
                    # A name the parser tore apart ("Trump and Vice Premier Liu/punct He/nsubj signed",
                    # "He" read as a pronoun): its first word hangs from the coordination it ends.
                    group = conjuncts(doc[i].head)
                elif doc[i].dep_ in ("amod", "compound", "nmod") and doc[i].head.i not in self.by_token:
                    # "Russian Tu-95 and Chinese H-6K bombers": the owners of coordinated things.
                    group += [modifier for conjunct in doc[i].head.conjuncts for modifier in conjunct.children
                              if modifier.dep_ in ("amod", "compound", "nmod")]
                for conjunct in group:
                    other = self.by_token.get(conjunct.i)
                    if other is not None and other is not mention:
                        found[other] = None
        for other in self._hyphen_chain(mention):
            found[other] = None
        return list(found)

    @cached_property
    def _in_text_order(self) -> list[Mention]:
        return sorted(set(self.by_token.values()), key=lambda named: named.start)

    @cached_property
    def _text(self) -> str:
        return self.sentence.doc.text  # spaCy joins it anew on every access

    def _hyphen_chain(self, mention: Mention) -> list[Mention]:
        """The mentions written joined to ``mention`` by hyphens, with no space between."""
        text, ordered = self._text, self._in_text_order
        position = ordered.index(mention)
        chain = [mention]
        for step in (-1, 1):
            i = position
            while 0 <= i + step < len(ordered):
                left, right = (ordered[i + step], ordered[i]) if step < 0 else (ordered[i], ordered[i + step])
                if text[left.end:right.start] not in HYPHEN_JOINS and not (
                        left.text.endswith("-") and left.end == right.start):
                    break
                i += step
                chain.append(ordered[i])
        return chain[1:]

    def in_phrase(self, head: Token) -> list[Slotted]:
        """Mentions in the phrase headed by ``head``, nearest first; the phrase's own conjuncts and
        clauses excluded (they are phrases of their own)."""
        found: dict[Mention, int] = {}
        stack = [(head, 0)]
        while stack:
            token, depth = stack.pop()
            mention = self.by_token.get(token.i)
            if mention is not None and (mention not in found or depth < found[mention]):
                found[mention] = depth
            for child in token.children:
                # Nor an infinitive on the noun ("the plan [to sanction Russia]"): a clause of its own.
                if child.dep_ not in CLAUSE_DEPS and not _names_a_topic(child) and not (
                        child.dep_ == "acl" and _is_infinitive(child)):
                    stack.append((child, depth + 1))
        ranked = sorted(found.items(), key=lambda item: (item[1], item[0].start))
        return [Slotted(mention, depth) for mention, depth in ranked]


def _is_infinitive(verb: Token) -> bool:
    return any(child.dep_ == "aux" and child.lower_ == "to" for child in verb.children)


def _names_a_topic(token: Token) -> bool:
    """"sanctions *related to Russia*", "concerns *linked to China*": what a thing is about is not
    whom the act is done to."""
    return token.dep_ == "acl" and token.lemma_.lower() in TOPIC_PARTICIPLES


def conjuncts(token: Token) -> list[Token]:
    """The token and the phrases coordinated with it ("X and Y" → [X, Y]). A list of three the parser
    read as an apposition with its own conjuncts ("The US/nsubj, Russia/appos, and Switzerland/conj
    met") is a list too: an apposition is not coordinated with anything."""
    found = [token, *token.conjuncts]
    for child in token.children:
        if child.dep_ == "appos" and child.conjuncts:
            found.extend((child, *child.conjuncts))
    return found


def is_passive(verb: Token) -> bool:
    return any(child.dep_ in PASSIVE_SUBJECTS or child.dep_ == "auxpass" for child in verb.children)


# Instruments of a decision or a statement, which act for whoever makes them ("passed a law to ban", "signed
# an order to", "unveiled a strategy that casts China as a rival", "issued a statement that condemned").
INSTRUMENT_NOUNS = frozenset({"legislation", "law", "bill", "measure", "policy", "order", "decree", "rule",
                              "regulation", "amendment", "resolution", "directive", "executive", "package",
                              "strategy", "doctrine", "report", "document", "paper", "statement", "communique",
                              "declaration"})


def instrument_maker(noun: Token) -> Token | None:
    """The verb that makes a law, package or statement ("*signed* a package that ...", "*published*
    a doctrine that ..."), whose subject the instrument acts for; None for any other noun."""
    if noun.lemma_.lower() in INSTRUMENT_NOUNS and noun.dep_ in ("dobj", "nsubjpass") \
            and noun.head.pos_ in ("VERB", "AUX"):
        return noun.head
    return None


def subject_heads(verb: Token) -> list[Token]:
    """The subject phrase heads of a verb, inherited through xcomp/conj chains when it has none."""
    token: Token | None = verb
    for _ in range(8):  # "is likely to blame X by criticizing Y and stirring Z by imposing": 7 links up to "is"
        if token is None:
            break
        # A verb's own passive subject is its target; a governing verb's is the shared subject: "China
        # *is expected* to impose", "Russia was invited and attended".
        kinds = SUBJECTS if token is verb else SUBJECTS | PASSIVE_SUBJECTS
        subjects = [child for child in token.children if child.dep_ in kinds]
        if subjects:
            return [conjunct for subject in subjects for conjunct in conjuncts(subject)]
        if token.dep_ == "acl" and token.tag_ == "VBG" and token.head.pos_ in ("NOUN", "PROPN"):
            # A present participle on a noun is said of it: "Putin, meeting Xi in Samarkand, said".
            return conjuncts(token.head)
        donor = _subject_donor(token)
        if donor is not None and donor.dep_ in ("poss", "pobj", "dobj"):
            return conjuncts(donor)
        if donor is None and _is_infinitive(token) and token.dep_ in ("acl", "relcl") and token.head.pos_ in (
                "NOUN", "PROPN"):
            maker = instrument_maker(token.head)
            if maker is not None:
                # A law or measure acts for whoever makes it: "enact legislation to revoke China's status".
                token = maker
                continue
            # With no owner, the noun itself does it: "the highest-ranking American official to visit Taiwan".
            return conjuncts(token.head)
        token = donor
    return []


def _subject_donor(token: Token) -> Token | None:
    """The verb whose subject a subjectless verb shares: along xcomp/conj/advcl, or from a gerund in a
    prepositional phrase up to the verb the phrase modifies ("After accusing X, Washington struck")."""
    if token.head is token:
        return None
    if token.dep_ in SUBJECT_SHARING:
        return token.head
    if token.dep_ == "acl" and _in_order_to(token):
        # "reduced tensions with Moscow in order to put pressure on Beijing": whoever reduced them.
        head = token.head.head.head
        while head.pos_ not in ("VERB", "AUX") and head.dep_ in PREPOSITION_PATH and head.head is not head:
            head = head.head
        return head if head.pos_ in ("VERB", "AUX") else None
    if token.dep_ == "acl" and token.head.pos_ in ("NOUN", "PROPN"):
        # "Washington's decision to supply", "China's plan to impose": an infinitive hanging from a
        # noun shares the noun's owner as its subject.
        if _is_infinitive(token):
            owner = next((child for child in token.head.children if child.dep_ == "poss"), None)
            # Or the noun's "by" phrase: "efforts by Americans and Europeans to increase trade".
            return owner or next(preposition_objects(token.head, "by", depth=1), None)
        return None
    if token.dep_ == "pcomp":
        head = token.head
        keeper = head.head
        if head.lower_ == "from" and keeper.lemma_.lower() in RESTRAINING_VERBS:
            # "banned American firms from selling": the firms would sell.
            kept = next((child for child in keeper.children if child.dep_ == "dobj"), None)
            if kept is not None:
                return kept
        # "implements a policy against China, such as imposing tariffs": as → such → policy →
        # implements; an example shares the doer of what it exemplifies.
        passable = PREPOSITION_PATH | ({"amod", "dobj"} if _exemplifies(head) else set())
        for _ in range(5):  # "In addition to approving X, Congress passed": to → addition → In → passed
            if head.pos_ in ("VERB", "AUX") and head.dep_ != "prep":  # "including" is tagged a verb
                return head
            if head.pos_ in ("NOUN", "PROPN") and _exemplifies(token.head):
                # "the administration's latest moves, including lifting restrictions": the moves' owner.
                owner = next((child for child in head.children if child.dep_ == "poss"), None)
                if owner is not None:
                    return owner
            if head.dep_ not in passable or head.head is head:
                break
            head = head.head
    return None


def _in_order_to(verb: Token) -> bool:
    """"in order to put": the small parser hangs the verb from "order", the object of "in"."""
    order = verb.head
    return (order.lower_ == "order" and order.dep_ == "pobj" and order.head.lower_ == "in"
            and order.head.head is not order.head and _is_infinitive(verb))


def misparsed_subjects(verb: Token, named: Callable[[Token], bool]) -> list[Token]:
    """A name left of a verb that has no subject, attached by a misparse: the small parser reads some
    first names as prepositions ("Barack/prep Obama/pobj and Putin met"). A capitalised word that a
    name covers is no preposition; the name is the verb's subject."""
    for child in verb.children:
        if child.i > verb.i:
            break
        if child.dep_ in MISPARSED_SUBJECTS and child.text[:1].isupper() and named(child):
            objects = [grandchild for grandchild in child.children if grandchild.dep_ == "pobj" and named(grandchild)]
            return objects or [child]
    return []


def agent_heads(verb: Token) -> list[Token]:
    """The "by" phrase of a passive verb."""
    return [grandchild for child in verb.children if child.dep_ == "agent"
            for grandchild in child.children if grandchild.dep_ == "pobj"]


def preposition_objects(token: Token, preposition: str, depth: int = 2) -> Iterator[Token]:
    """Objects of ``preposition`` attached to ``token`` or, for nouns, to a phrase inside it
    ("a ban on exports of gallium to the United States": "to" hangs from "exports")."""
    for child in token.children:
        if child.dep_ in ("prep", "agent", "dative") and child.lower_ == preposition:
            for grandchild in child.children:
                # Not a clause with a subject of its own: "with Trump holding off on tariffs" says how,
                # it names no party.
                if grandchild.dep_ == "pobj" or (grandchild.dep_ == "pcomp" and not any(
                        part.dep_ in SUBJECTS for part in grandchild.children)):
                    yield grandchild
        elif depth > 1 and child.dep_ in ("prep", "pobj", "dobj", "compound", "nmod"):
            yield from preposition_objects(child, preposition, depth - 1)


def nested_preposition_objects(verb: Token, preposition: str) -> list[Token]:
    """Objects of ``preposition`` inside the verb's other prepositional phrases, where the small parser
    hangs some: "imposed its toughest sanctions [in two decades [on North Korea]]"."""
    return [found for child in verb.children if child.dep_ == "prep" and child.lower_ != preposition
            for phrase in child.children if phrase.dep_ == "pobj"
            for found in preposition_objects(phrase, preposition, depth=1)]


def slot_heads(trigger: Token, slot: str, *, noun: bool) -> list[Token]:
    """Phrase heads for one target slot of a trigger."""
    if slot == "dobj":
        if not noun and is_passive(trigger):
            return [child for child in trigger.children if child.dep_ in PASSIVE_SUBJECTS]
        # An object predicate is the object only when the parser found no other ("called Donald/oprd
        # Trump"); in "declared China [an enabler of Russia's war]" it says what the object is.
        predicate = object_predicate(trigger)
        objects = [child for child in trigger.children if child.dep_ in ("dobj", "attr")
                   and (predicate is None or child.i != predicate.i)]
        return objects or [child for child in trigger.children if child.dep_ == "oprd"]
    if slot == "iobj":
        return [child for child in trigger.children if child.dep_ == "dative"
                and not any(grandchild.dep_ == "pobj" for grandchild in child.children)]
    if slot == "xcomp-subj":
        return [child for child in trigger.children if child.dep_ == "dobj"]
    if slot.startswith("prep:"):
        preposition = slot[5:]
        heads = list(preposition_objects(trigger, preposition, depth=3 if noun else 1))
        objects = [] if noun else [child for child in trigger.children if child.dep_ == "dobj"]
        for child in objects:  # the verb's object carries the preposition: "imposed tariffs on X"
            heads.extend(preposition_objects(child, preposition, depth=1))
            if child.lemma_.lower() in PARTITIVE_NOUNS:  # "signed part of its agreement with X"
                for measured in preposition_objects(child, "of", depth=1):
                    heads.extend(preposition_objects(measured, preposition, depth=1))
        if not noun and not heads:
            # So does the noun a preposition completes the verb with: "withdrew from the treaty with X".
            for child in trigger.children:
                if child.dep_ == "prep" and child.lower_ in COMPLEMENT_PREPOSITIONS and child.lower_ != preposition:
                    for complement in child.children:
                        if complement.dep_ == "pobj" and complement.pos_ == "NOUN":
                            heads.extend(preposition_objects(complement, preposition, depth=1))
        host = trigger.head.head if trigger.dep_ == "pobj" and trigger.head.lower_ == "of" else None
        if noun and not heads and host is not None and host.lemma_.lower() in PARTITIVE_NOUNS:
            # "a round of coercion against Tokyo": the partitive noun carries the preposition.
            heads = list(preposition_objects(host, preposition, depth=1))
        if noun and not heads:
            heads = aimed_at_heads(trigger)
        if noun and not heads and trigger.dep_ == "dobj" and trigger.head.pos_ == "VERB":
            # The light verb carries the noun's preposition: "carried out strikes ... on X", "paid his
            # trip to China".
            heads = list(preposition_objects(trigger.head, preposition, depth=1))
        if not noun and not heads:
            heads = _raised_object(trigger, preposition)
        return heads
    return []


def _raised_object(verb: Token, preposition: str) -> list[Token]:
    """"fired on and captured three vessels": a preposition left without its object shares the object
    of the verb coordinated after it."""
    stranded = [child for child in verb.children if child.dep_ == "prep" and child.lower_ == preposition
                and not any(grandchild.dep_ in ("pobj", "pcomp") for grandchild in child.children)]
    if not stranded:
        return []
    for conjunct in verb.conjuncts:
        if conjunct.i > stranded[0].i and conjunct.pos_ == "VERB":
            return [child for child in conjunct.children if child.dep_ == "dobj"]
    return []


def aimed_at_heads(noun: Token) -> list[Token]:
    """What a measure is aimed at: "controls *targeting* the Chinese chip sector", "controls *aimed at*
    cutting China off", "sanctions *directed at* Moscow"."""
    heads: list[Token] = []
    for clause in noun.children:
        if clause.dep_ != "acl" or clause.lemma_.lower() not in AIMING_VERBS:
            continue
        heads.extend(child for child in clause.children if child.dep_ == "dobj")
        for preposition in clause.children:
            if preposition.dep_ == "prep" and preposition.lower_ in ("at", "against"):
                for child in preposition.children:
                    if child.dep_ == "pobj":
                        heads.append(child)
                    elif child.dep_ == "pcomp":  # "aimed at cutting China off": whom the act aimed at acts on
                        heads.extend(grandchild for grandchild in child.children if grandchild.dep_ == "dobj")
    return heads


def object_predicate(verb: Token) -> Token | None:
    """What a verb says its object is: "called [Taiwan] *a partner*", also when the small parser reads
    it as a second object with an article ("declared China/dobj an enabler/dobj"; names take no
    article, so two names stay two objects). An object predicate with no object is the object
    misread ("called Donald/oprd Trump"), not a judgement."""
    children = list(verb.children)
    objects = [child for child in children if child.dep_ in ("dobj", "obj")]
    if not objects:
        return None
    second = next((child for child in objects[1:] if any(
        grandchild.dep_ == "det" and grandchild.lower_ in ("a", "an") for grandchild in child.children)), None)
    return next((child for child in children if child.dep_ == "oprd"), second)


def setting_partner_heads(noun: Token) -> list[Token]:
    """Whom the doer addresses in the encounter a noun names, when the noun only sets the scene:
    "In a video call, Biden *warned Putin*", "During the summit, Xi *told Biden*"."""
    preposition = noun.head
    if noun.dep_ != "pobj" or preposition.dep_ != "prep" or preposition.lower_ not in SETTING_PREPOSITIONS:
        return []
    verb = preposition.head
    if verb.pos_ not in ("VERB", "AUX"):
        return []
    return [child for child in verb.children if child.dep_ in ("dobj", "dative")
            and not any(grandchild.dep_ == "pobj" for grandchild in child.children)]


# Nouns of a moment of an encounter: "at the start of the talks", "on the sidelines of the summit".
MOMENT_NOUNS = frozenset({"start", "end", "beginning", "close", "margin", "margins", "sideline", "sidelines", "eve",
                          "outset", "opening"})


def setting_verb(noun: Token) -> Token | None:
    """The verb whose scene an encounter noun sets: "traded rebukes ... at the start of the talks" → traded."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in MOMENT_NOUNS:
        noun = noun.head.head
    preposition = noun.head
    if noun.dep_ != "pobj" or preposition.dep_ != "prep" or preposition.lower_ not in SETTING_PREPOSITIONS:
        return None
    verb = preposition.head
    return verb if verb.pos_ in ("VERB", "AUX") else None


def place_objects(verb: Token) -> Iterator[Token]:
    """Where a verb's act took place: the objects of its "in"/"at" phrases."""
    for preposition in verb.children:
        if preposition.dep_ == "prep" and preposition.lower_ in ("in", "at"):
            yield from (child for child in preposition.children if child.dep_ == "pobj")


def noun_source_heads(noun: Token, names: Callable[[Token], bool] = lambda token: True) -> list[Token]:
    """Who does a nominal event: "Russia's ban", "Chinese sanctions", "sanctions by the EU", or the
    subject of the verb the noun completes ("Beijing announced a ban"). ``names`` tells whether a
    phrase names an actor: a modifier that names none ("*arms* sales", "*new* sanctions") leaves the
    doer to be found further up."""
    heads = [child for child in noun.children if child.dep_ in ("poss", "compound", "amod", "nmod") and names(child)]
    heads.extend(_first_of_joint_owners(noun, heads, names))
    heads.extend(agent for agent in preposition_objects(noun, "by", depth=1))
    # "the sanctions that the Biden administration unveiled": the relative clause's subject, when the
    # noun is what the clause acts on.
    heads.extend(subject for clause in noun.children if clause.dep_ == "relcl" and _object_relative(clause)
                 for subject in subject_heads(clause))
    heads.extend(subject for clause in _relative_on_own_phrase(noun) for subject in subject_heads(clause))
    if heads:
        return heads
    if noun.dep_ == "conj" and noun.head.pos_ in ("NOUN", "PROPN"):
        # "the expulsion of diplomats and the closure of a consulate": one doer for both.
        return noun_source_heads(noun.head, names)
    # Up through the phrase to the verb it completes: "Beijing announced a ban", "was countered by
    # Beijing with a ban", "China responded with sanctions".
    partitive = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else None
    if partitive is not None and partitive.lemma_.lower() in PARTITIVE_NOUNS:
        # "Beijing's campaign of coercion": the partitive's owner does the act.
        owners = [child for child in partitive.children if child.dep_ in ("poss", "compound", "amod", "nmod")
                  and names(child)]
        if owners:
            return owners
    token = noun
    for _ in range(3):
        if token.dep_ not in ("dobj", "attr", "pobj", "prep", "appos") or token.head is token:
            break
        if token.dep_ == "prep" and token.lower_ in CIRCUMSTANCE_PREPOSITIONS:
            # "imposed sanctions over the purchase of jets": the act a verb answers is not the
            # verb's subject's own.
            break
        via, token = token, _past_partitive(token.head)
        if token.dep_ == "pobj" and token.lower_ in TIME_WORDS and token.head.dep_ == "prep":
            # The parser hangs a phrase on a date before it: "notified Congress [on Wednesday] of a
            # package". The date adds no step.
            via, token = token.head, token.head.head
        if token.pos_ in ("VERB", "AUX"):
            if not is_passive(token):
                return subject_heads(token)
            agents = agent_heads(token)
            if not agents and via.dep_ == "prep" and via.lower_ == "in":
                # A state the subject is in: "the two countries are engaged in talks", "were locked
                # in a trade war", "is involved in negotiations".
                return [conjunct for child in token.children if child.dep_ in PASSIVE_SUBJECTS
                        for conjunct in conjuncts(child)]
            return agents
    return []


def _first_of_joint_owners(noun: Token, owners: list[Token], names: Callable[[Token], bool]) -> list[Token]:
    """"Biden and Xi's meeting": the small parser hangs the noun on the first name as its conjunct and
    keeps only the second as the owner. Both own it when only "and" and the second name's own words
    ("Chinese President Xi") stand between the two."""
    first = noun.head
    possessor = next((owner for owner in owners if owner.dep_ == "poss"), None)
    if noun.dep_ != "conj" or possessor is None or first.i >= possessor.i or not names(first):
        return []
    joined = [token for token in noun.doc[first.i + 1:possessor.i] if token.head.i != first.i or token.dep_ == "cc"]
    if [token.lower_ for token in joined if token.dep_ == "cc"] != ["and"] or any(
            token.dep_ not in ("cc", "compound", "det", "amod") for token in joined):
        return []
    return [first]


def exemplified(act: Token) -> Token | None:
    """What an act is given as an example of: "a pressure policy against China, such as *imposing*
    tariffs" → policy; "took measures against China, including *banning* exports" → took (the parser
    hangs the example on the verb)."""
    if act.dep_ not in ("pcomp", "pobj") or not _exemplifies(act.head):
        return None
    head = act.head.head
    if head.lower_ == "such":
        head = head.head
    return head if head.pos_ in ("NOUN", "PROPN", "VERB") else None


def _exemplifies(preposition: Token) -> bool:
    """"such as", "like" and "including" introduce examples."""
    return preposition.lower_ in ("like", "including") or (preposition.lower_ == "as" and (
        preposition.head.lower_ == "such" or any(child.lower_ == "such" for child in preposition.children)))


def _past_partitive(token: Token) -> Token:
    """Up past "a round of", "a wave of": a partitive noun adds no doer of its own ("China engages in
    a new round of economic coercion" → "engages")."""
    if token.dep_ == "prep" and token.lower_ == "of" and token.head.lemma_.lower() in PARTITIVE_NOUNS:
        return token.head.head if token.head.dep_ in ("dobj", "pobj", "attr") else token.head
    return token


# Verbs whose object is a measure or act: a relative clause of theirs on the noun phrase of an event
# says who did the event, whichever noun the parser hung it on.
MEASURE_VERBS = frozenset({"unveil", "announce", "impose", "introduce", "adopt", "approve", "slap", "levy", "issue",
                           "launch", "order", "enact"})


def _relative_on_own_phrase(noun: Token) -> list[Token]:
    """"sanctions against the Russian financial system that the Biden administration unveiled": the
    parser hangs the clause on "system", the nearest noun, but systems are not unveiled."""
    found = []
    for preposition in noun.children:
        if preposition.dep_ != "prep":
            continue
        for inner in preposition.children:
            found.extend(clause for clause in inner.children if is_measure_clause(clause))
    return found


def is_measure_clause(clause: Token) -> bool:
    """"that the Biden administration unveiled": a relative clause telling who took a measure."""
    return clause.dep_ == "relcl" and _object_relative(clause) and clause.lemma_.lower() in MEASURE_VERBS


def _object_relative(clause: Token) -> bool:
    """Whether a relative clause's pronoun is its object ("the ban *that* Beijing imposed")."""
    return any(child.dep_ == "dobj" and child.lower_ in ("that", "which") for child in clause.children)
