"""Which date a coded event takes: the date mention that belongs to its trigger in the parse, and the
tense tests that choose between a mention's past and future readings.

The mentions come from :func:`tripolar.coding.dates.find_dates`; this module only reads the parse.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tripolar.coding.dates import DateMention
from tripolar.coding.modality_cues import REPORTING_VERBS
from tripolar.coding.roles import instrument_maker, is_measure_clause

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# What a date climbs through to reach the verb it modifies: "on" + "Tuesday", "Tuesday" + "29".
_DATE_DEPENDENCIES = frozenset({"pobj", "prep", "compound", "nummod", "npadvmod", "appos", "nmod"})
_FUTURE_AUXILIARIES = frozenset({"will", "shall", "'ll", "wo"})
# "is set to meet", "plans to visit": the head of an xcomp that puts the act ahead in time.
_FUTURE_HEADS = frozenset({
    "plan", "schedule", "set", "due", "expect", "intend", "aim", "prepare", "go", "poise", "slate", "vow",
    "pledge", "promise", "threaten",
})
# Edges that start a clause of its own: a date on the far side of one belongs to another verb.
_CLAUSE_EDGES = frozenset({"ccomp", "advcl", "relcl", "csubj", "csubjpass", "parataxis"})


_PRENOMINAL = frozenset({"nummod", "compound", "amod", "nmod", "poss"})
# Occasions an act takes place at: their date is the act's ("at the 2025 APEC meeting").
_OCCASIONS = frozenset({"meeting", "summit", "session", "conference", "forum", "visit", "trip", "talks", "election",
                        "games", "olympics", "plenum", "congress", "assembly", "exercise", "drill", "parade"})


def date_for_trigger(trigger: Token, mentions: list[DateMention], sentence_start: int = 0) -> DateMention | None:
    """The mention that dates the event ``trigger`` carries, or None.

    ``mentions`` come from ``find_dates`` on a text in which the trigger's parsed text starts at
    ``sentence_start``. A mention qualifies when no clause boundary (a complement, adverbial or
    relative clause) lies between it and the trigger, so "announced on May 29 that it will impose
    tariffs after June 15" dates the announcement May 29 and the tariffs June 15. Among qualifying
    mentions those inside the trigger's own phrase come first, then the closest in the parse, then
    in the text. An ambiguous mention takes its future reading when the trigger is future.
    """
    doc = trigger.doc
    sentence = trigger.sent if doc.has_annotation("DEP") or doc.has_annotation("SENT_START") else doc[:]
    best: tuple[tuple[int, int, int], DateMention] | None = None
    for mention in mentions:
        span = _span_of(sentence, mention, sentence_start)
        if span is None:
            continue
        root = span.root
        if (root.dep_ in _PRENOMINAL and root.head.pos_ in ("NOUN", "PROPN") and root.head != trigger
                and root.head.lemma_.lower() not in _OCCASIONS):
            continue  # it dates a thing, not this act: "extending the *2001* treaty", "its *1991* borders"
        head = _date_head(span)
        boundaries, steps = _path(trigger, head)
        if boundaries == 1 and _elaborated(trigger, head):
            boundaries = 0
        when = _when_clause(trigger, span)
        if boundaries and not when:
            continue
        inside = -1 if when else 0 if head == trigger or trigger.is_ancestor(head) else 1
        distance = min(abs(token.i - trigger.i) for token in span)
        rank = (inside, steps, distance)
        if best is None or rank < best[0]:
            best = (rank, mention)
    if best is None:
        return None
    mention = best[1]
    if mention.ambiguous:
        if _is_future(trigger):
            return mention.reading("future")
        if _is_past(trigger):
            return mention.reading("past")
    return mention


def _date_head(span: Span) -> Token:
    """The token a date hangs from, correcting one attachment small parsers get wrong.

    In "said on Tuesday he will sign …" the date often hangs from "sign"; it stands before the
    complement clause's subject, so it dates "said". The returned token is the one whose clause the
    date belongs to.
    """
    root = span.root
    verb = root
    while verb.pos_ not in ("VERB", "AUX") and verb.dep_ in _DATE_DEPENDENCIES and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ == "ccomp" and verb.head.i < span.start:
        if _subjects_after(verb, span.end):
            return verb.head
    # And the mirror image: in "X will host Y in November, officials said" the date hangs from
    # "said" but stands inside the fronted complement, before the reporting verb's subject.
    for clause in verb.children:
        if clause.dep_ == "ccomp" and clause.i < span.start and span.end <= verb.i and _subjects_after(verb, span.end):
            return clause
    return root


def _subjects_after(verb: Token, position: int) -> bool:
    subjects = [child for child in verb.children if child.dep_ in ("nsubj", "nsubjpass", "expl")]
    return bool(subjects) and all(subject.i >= position for subject in subjects)


def _span_of(sentence: Span, mention: DateMention, sentence_start: int) -> Span | None:
    doc = sentence.doc
    start, end = mention.start - sentence_start, mention.end - sentence_start
    if start < 0 or end > len(doc.text):
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0 or span.start < sentence.start or span.end > sentence.end:
        return None
    return span


def _path(trigger: Token, other: Token) -> tuple[int, int]:
    """Clause boundaries crossed and edges walked on the dependency path between two tokens."""
    up_from_trigger = [trigger, *trigger.ancestors]
    position = {token.i: index for index, token in enumerate(up_from_trigger)}
    climb = [other]
    while climb[-1].i not in position and climb[-1].head.i != climb[-1].i:
        climb.append(climb[-1].head)
    if climb[-1].i not in position:
        return 1, len(climb)  # different sentences
    meeting = position[climb[-1].i]
    edges = up_from_trigger[:meeting] + climb[:-1]
    boundaries = sum(1 for token in edges if _starts_clause(token))
    if meeting == 0:
        # "the sanctions that the administration unveiled on November 21": the measure's date.
        boundaries -= sum(1 for token in climb[:-1] if is_measure_clause(token))
    # "On November 19 Russia published a doctrine that paves the way for strikes": what a law or
    # doctrine does, it does from the day it is made.
    boundaries -= sum(1 for token in up_from_trigger[:meeting]
                      if token.dep_ == "relcl" and instrument_maker(token.head) is not None)
    # A participle describing the subject dates the subject: in "the measures, unveiled on December 2,
    # were countered with a ban" December 2 dates the measures, not the ban. After the verb small
    # parsers hang adverbials on the nearest noun ("impose tariffs on goods imported from China after
    # June 15"), so there it still dates the act.
    if len(climb) > 1 and climb[-2].dep_ in ("nsubj", "nsubjpass"):
        boundaries += sum(1 for token in climb[:-1] if token.dep_ == "acl" and token.pos_ == "VERB")
    return boundaries, len(edges)


def _elaborated(trigger: Token, head: Token) -> bool:
    """Whether the date's clause is one a colon elaborates into the trigger's: "On April 6, the
    Treasury issued a rebuke to Russia: it slapped sanctions on ..." dates the sanctions too."""
    clause = head
    while not _starts_clause(clause) and clause.head.i != clause.i:
        clause = clause.head
    if clause.head != trigger or clause.dep_ not in ("ccomp", "parataxis") or clause.i > trigger.i:
        return False
    return any(token.text == ":" for token in trigger.doc[clause.i:trigger.i])


def _when_clause(trigger: Token, span: Span) -> bool:
    """Whether the trigger stands in a "when" clause hanging from the date: "in 1972, when Nixon paid
    his trip to China"."""
    inside = {token.i for token in span}
    for token in (trigger, *trigger.ancestors):
        if token.dep_ in ("relcl", "advcl", "acl") and token.head.i in inside:
            return any(child.lower_ == "when" for child in token.children)
    return False


def _starts_clause(token: Token) -> bool:
    if token.dep_ in _CLAUSE_EDGES:
        return True
    # A coordinated verb with a subject of its own is a second clause ("China imposed … and Russia
    # expelled …"); without one it shares the first clause's time ("met and signed … on Monday").
    if token.dep_ == "conj" and token.pos_ in ("VERB", "AUX"):
        return any(child.dep_ in ("nsubj", "nsubjpass", "expl") for child in token.children)
    return False


def _is_past(trigger: Token) -> bool:
    """Whether a verbal trigger is in a past tense: "met", "had met", "did not meet", "has met".

    Only the trigger's own form counts: in "announced levies from February 10" the announcement is
    past and the levies are not.
    """
    if trigger.tag_ == "VBD":
        return True
    auxiliaries = {child.lower_ for child in trigger.children if child.dep_ in ("aux", "auxpass")}
    return bool(auxiliaries & {"did", "had", "has", "have", "was", "were"})


def _is_future(trigger: Token) -> bool:
    """Whether the trigger's act lies ahead: "will meet", "is set to visit", "plans to impose"."""
    token = trigger
    for _ in range(4):
        for child in token.children:
            if child.dep_ in ("aux", "auxpass") and child.lower_ in _FUTURE_AUXILIARIES:
                return True
            if child.dep_ == "aux" and child.lower_ == "to" and token.dep_ == "xcomp" \
                    and token.head.lemma_.lower() in _FUTURE_HEADS:
                return True
            if child.dep_ == "aux" and child.lower_ == "to" and token.dep_ == "xcomp" and token.head.lemma_ == "be":
                return True  # "is to visit"
        if token.dep_ not in ("xcomp", "acomp", "pobj", "prep", "dobj", "conj") or token.head.i == token.i:
            break
        token = token.head
    return False


def _clause_verb(trigger: Token) -> Token | None:
    """The verb whose tense the trigger's act takes: the trigger, or for a noun the verb it hangs from."""
    verb = trigger
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    return verb if verb.pos_ in ("VERB", "AUX") else None


def is_ongoing(trigger: Token) -> bool:
    """Whether the trigger's clause tells an act under way rather than done on a day: a progressive
    ("is retaliating", "was linking") or a present tense ("as China engages in coercion")."""
    verb = _clause_verb(trigger)
    if verb is None:
        return False
    if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in REPORTING_VERBS:
        return False  # reported speech shifts tenses: "announced that they were extending the treaty"
    auxiliaries = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    if verb.tag_ == "VBG":
        return any(child.lemma_ == "be" for child in auxiliaries)
    if verb.tag_ in ("VBZ", "VBP"):
        return not auxiliaries and verb.lemma_ not in ("be", "have")
    return False


def in_past_clause(trigger: Token) -> bool:
    """Whether the trigger's clause is in a past tense ("followed negotiations", "met")."""
    verb = _clause_verb(trigger)
    return verb is not None and _is_past(verb)
