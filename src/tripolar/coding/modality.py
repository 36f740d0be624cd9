"""Modality of an event trigger (factual, scheduled, hypothetical, negated), read from the dependency parse.

The event patterns find a trigger token (a verb such as "impose", or an event noun such as "summit");
:func:`read_modality` says whether the sentence asserts that event as done, schedules it, only
entertains it, or asserts that it did not happen (CODING_GUIDE.md, ``modality``).

How it reads
------------
The trigger's *scope chain* is walked upwards: the trigger, then every governor whose meaning scopes
over it. Each link contributes *operators* (a modal, a negation, a frame such as "expected to" or
"failed to", a conditional "if", a question). Operators are applied from the innermost outwards, so
"might not attend" is hypothetical (possibility over negation), "the planned summit was cancelled" is
negated (cancelling a plan), "will not attend" is negated, and a negated negation ("did not rule out
talks", "did not deny that ...") is hypothetical: it leaves the event open rather than asserting it.
"could not"/"cannot" are negated ("could not reach a deal" reports that no deal was reached); other
modals are hypothetical. A purpose clause ("travelled to Kyiv to meet Zelensky") is hypothetical: it
states an aim, not an outcome. Prevention ("barred Huawei from buying") negates the prevented act.

What scopes over the trigger:

* its own auxiliaries, negation and hedging adverbs; for a noun, its determiner "no" and modifiers such
  as "planned", "potential", "cancelled";
* governors of a non-finite complement (xcomp: "expected to meet", "failed to persuade China to lift"),
  of a gerund after "by"/"without"/"refrain from", and of a participle clause;
* the first conjunct of a coordination ("might expel diplomats and close the embassy"); its
  auxiliaries only when the conjunct has no subject or auxiliary of its own, and never its negation
  across "but" ("did not sign but ratified");
* the verb an event noun is the object or passive subject of ("did not join the talks", "the summit
  was cancelled"), unless that verb presupposes the noun ("might lift the ban": the ban exists);
* the frame noun of "the possibility of sanctions", "the threat of a ban", "the plan to impose".

What does not: relative clauses, finite adverbial clauses ("after the EU imposed sanctions") and
prepositional attachments ("retaliate against the sanctions") are islands: a modal in the main clause
says nothing about them. A finite complement clause stops the walk at its reporting verb.

Reported speech is not a modality. "X said Y did Z" leaves Z factual with ``attribution`` X;
"X claimed/alleged/accused ... that Y did Z" likewise stays factual with the attribution (the writer
relays the claim; the attribution lets downstream code weigh it, and the claim itself is an event of
its own); "X denied that Y did Z" (or "rejected claims that") is negated; "X hopes/believes/fears/
suspects that ..." is hypothetical (a state of mind, not an assertion).

Future acts
-----------
"is set/due/scheduled/slated/about to", "is to", "agreed/decided to" and nouns such as "the upcoming
summit" are firm: scheduled. A bare "will" is scheduled only when the event has a date
(``has_date``) or when the clause is a reported announcement ("the White House said Biden will travel
to Kyiv"); otherwise it is a prediction ("Beijing will retaliate") and reads hypothetical. Why:
the guide schedules "a dated or firmly announced future act", and coding a writer's or analyst's
forecast as an announced act would put events that may never happen into the series (precision over
recall). "plans/intends to" and a reported "would" ("said it would impose tariffs") are scheduled only
when dated: undated they state an intention, and "would" may be a conditional rather than a
back-shifted "will". "will not"/"would not" in an announcement are negated.

Questions (a final "?" or an inverted auxiliary) make the trigger hypothetical when the walk reaches
the main clause; wh-questions presuppose their event ("Why did China ban exports?") but are read
hypothetical too: a careful analyst does not code events from questions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tripolar.coding.lemmas import known_lemma
from tripolar.coding.modality_cues import (
    ABILITY_MODALS,
    ACCUSING_VERBS,
    ANNOUNCING_VERBS,
    AUXILIARIES,
    CANCELLING_PHRASAL_VERBS,
    CANCELLING_VERBS,
    CLAIM_NOUNS,
    COMPARING_ADJECTIVES,
    COMPLEMENT_FRAMES,
    CONDITIONAL_MARKS,
    CONDITIONAL_MODALS,
    DENYING_VERBS,
    FUTURE_MODALS,
    HEDGING_ADJECTIVES,
    HEDGING_ADVERBS,
    HEDGING_VERBS,
    HYPOTHETICAL_MODALS,
    IMPLICATIVE_VERBS,
    IMPLYING_VERBS,
    INVERTED_CONDITIONALS,
    NEGATING_ONLY_BEFORE_INFINITIVE,
    NEGATIONS,
    NOUN_FRAMES,
    NOUN_MODIFIERS,
    OBJECT_FRAMES,
    PREPOSITION_FRAMES,
    PRESUPPOSING_NOMINALS,
    PRESUPPOSING_VERBS,
    REPORTING_VERBS,
    RESTRAINING_VERBS,
    SUBJECTS,
    TEMPORAL_MARKS,
    Operator,
)
from tripolar.coding.modality_cues import (
    VOCABULARY as _VOCABULARY,
)
from tripolar.model import Modality

if TYPE_CHECKING:  # spaCy is imported by whoever parses; reading a parse needs no import of it
    from spacy.tokens import Span, Token

@dataclass(frozen=True, slots=True)
class ModalityReading:
    """How a sentence presents one event: its modality, the words that decided it, and who said it."""

    modality: Modality
    cue: str  # the word(s) that decided it ("might", "not", "if", "expected to", "said ... will"); "" for factual
    attribution: str  # who said it when the event is reported speech ("Lavrov"), as written; else ""


@dataclass(slots=True)
class _Scope:
    """What the walk up the trigger's scope chain found, innermost operator first."""

    operators: list[tuple[Operator, str]] = field(default_factory=list)
    attribution: str = ""
    reported: bool = False  # inside reported speech (said, told, according to, ...)
    announcement: str = ""  # the announcing verb as written ("said") when the speech announces

    def add(self, operator: Operator, cue: str) -> None:
        self.operators.append((operator, cue))

    def report(self, verb: Token, speaker: str) -> None:
        if self.reported:
            return  # the innermost report is the one that relays the event
        self.reported = True
        self.attribution = speaker
        if _lemma(verb) in ANNOUNCING_VERBS:
            self.announcement = verb.text


@dataclass(frozen=True, slots=True)
class _Step:
    """Where the walk goes next: a governor that scopes over the current node, or the end of the walk."""

    governor: Token | None
    shares_auxiliaries: bool = True  # whether the governor's auxiliaries and negation scope over the node
    shares_negation: bool = True  # whether its negation does ("did not attend, citing illness": it does not)
    in_main_clause: bool = True  # at the end: whether the trigger is part of the sentence's main assertion


_MAIN_CLAUSE_END = _Step(None, in_main_clause=True)
_ISLAND = _Step(None, in_main_clause=False)


INDEFINITE_DETERMINERS = frozenset({"a", "an", "any"})


def read_modality(trigger: Token, has_date: bool = False, act: Token | None = None) -> ModalityReading:
    """The modality of the event carried by ``trigger`` (a verb or an event noun of a parsed sentence).

    ``has_date``: the event has an explicit date in its clause (found by the dates module); a "will" or
    "plans to" with a date is scheduled, without one a prediction or intention (hypothetical).
    ``act``: the noun that names the act a verb does ("imposed *no* sanctions", "held *no* talks").
    """
    scope = _Scope()
    if act is not None and act.i != trigger.i and _is_nominal(act):
        negation = next((child for child in act.children if child.dep_ == "det" and child.lower_ == "no"), None)
        if negation is not None:
            scope.add("negated", f"{negation.text} {act.text}")
    if _walk_scope_chain(trigger, scope):
        question = _question_cue(trigger.sent)
        if question:
            scope.add("hypothetical", question)
    modality, cue = _apply_operators(scope, has_date)
    return ModalityReading(modality, cue, scope.attribution)


# --- the walk -----------------------------------------------------------------------------------


def _walk_scope_chain(trigger: Token, scope: _Scope) -> bool:
    """Collect the operators over ``trigger``; true when the walk reached the main clause."""
    node, shares_auxiliaries, shares_negation = trigger, True, True
    seen: set[int] = set()
    while node.i not in seen:  # a parse is a tree, but never loop on a malformed one
        seen.add(node.i)
        if _is_nominal(node):
            _read_noun_modifiers(node, scope)
        else:
            _read_clause_operators(node, scope, shares_auxiliaries, shares_negation)
        _read_attribution_aside(node, scope)
        step = _step_from_noun(node, scope) if _is_nominal(node) else _step_from_clause(node, scope)
        if step.governor is None:
            return step.in_main_clause
        node, shares_auxiliaries, shares_negation = step.governor, step.shares_auxiliaries, step.shares_negation
    return False


def _step_from_clause(node: Token, scope: _Scope) -> _Step:
    relation, governor = node.dep_, node.head
    if relation == "ROOT" or governor.i == node.i:
        return _MAIN_CLAUSE_END
    if relation == "xcomp":
        if _lemma(governor) in DENYING_VERBS:  # "denied supplying weapons"
            _read_denial(governor, scope)
            return _MAIN_CLAUSE_END
        _read_complement_frame(governor, node, scope)
        return _Step(governor)
    if relation == "acomp":  # "likely" in "is likely to": the copula's auxiliaries scope over it
        return _Step(governor)
    if relation == "ccomp":
        return _step_from_content_clause(governor, scope)
    if relation == "conj":
        complement = _misattached_complement(node, governor)
        if complement is not None:
            _read_complement_frame(governor, complement, scope)
            return _Step(governor)
        return _Step(governor, shares_auxiliaries=_conjunct_shares_auxiliaries(node, governor))
    if relation == "advcl":
        return _step_from_adverbial_clause(node, governor, scope)
    if relation == "pcomp":
        return _step_from_preposition(node, governor, scope)
    if relation == "acl" or (relation == "relcl" and _is_infinitive_clause(node)):
        # An infinitive on a noun is its purpose whatever the parser calls it: "legislation to revoke".
        return _step_from_noun_clause(node, governor, scope)
    if relation == "parataxis":
        return _MAIN_CLAUSE_END  # an aside is an assertion of its own
    return _ISLAND  # relative clauses and anything else: their own assertion


def _step_from_noun(noun: Token, scope: _Scope) -> _Step:
    relation, governor = noun.dep_, noun.head
    if relation == "ROOT" or governor.i == noun.i:
        return _MAIN_CLAUSE_END
    if relation in ("dobj", "nsubjpass", "attr", "oprd"):
        return _step_to_predicate_of_object(noun, governor, scope)
    if relation == "nsubj":
        # "Talks might resume", "the summit did not take place": the predicate says whether the event
        # happens. "Sanctions could hurt the economy" presupposes the sanctions: a predicate with an
        # object or a complement of its own is about something else.
        if any(child.dep_ in ("dobj", "ccomp", "xcomp", "acomp", "attr") and child.lower_ != "place"
               for child in governor.children):
            # But an indefinite event under a modal names no particular event: "a blockade of Taiwan
            # would constitute a threat", "any attack could trigger a war".
            modal = next((child for child in governor.children if child.dep_ in AUXILIARIES and child.tag_ == "MD"),
                         None)
            if modal is not None and any(child.dep_ == "det" and child.lower_ in INDEFINITE_DETERMINERS
                                         for child in noun.children):
                scope.add("hypothetical", f"{modal.text} (of an indefinite event)")
            return _ISLAND
        return _Step(governor)
    if relation == "pobj":
        return _step_from_preposition(noun, governor, scope)
    if relation in ("compound", "nmod", "conj"):
        return _Step(governor)
    return _ISLAND


def _present_or_future(verb: Token) -> bool:
    return verb.tag_ in ("VBZ", "VBP") or any(child.dep_ == "aux" and child.tag_ in ("MD", "VBZ", "VBP")
                                               and child.lower_ not in ("has", "have") for child in verb.children)


def _misattached_complement(verb: Token, governor: Token) -> Token | None:
    """In "is expected to emphasize X, improve Y and exploit Z" small parsers hang the bare "improve"
    on "expected"; it is coordinated with the complement "to emphasize", whose frame it shares."""
    if verb.tag_ != "VB" or governor.tag_ == "VB":
        return None
    return next((child for child in governor.children if child.dep_ == "xcomp" and child.i < verb.i
                 and any(grandchild.lower_ == "to" for grandchild in child.children)), None)


def _step_to_predicate_of_object(noun: Token, verb: Token, scope: _Scope) -> _Step:
    lemma = _lemma(verb)
    particle = next((child.lower_ for child in verb.children if child.dep_ == "prt"), "")
    denies_claim = lemma == "deny" or (lemma in DENYING_VERBS and _lemma(noun) in CLAIM_NOUNS)
    if lemma in PRESUPPOSING_VERBS and not denies_claim:
        return _ISLAND  # "rejected the sanctions" presupposes them; "rejected claims that ..." denies
    if lemma in CANCELLING_VERBS or (lemma, particle) in CANCELLING_PHRASAL_VERBS:
        scope.add("cancel", f"{verb.text} {particle}".strip())
    elif denies_claim:
        _read_denial(verb, scope)
        return _MAIN_CLAUSE_END
    elif lemma in OBJECT_FRAMES and noun.dep_ in ("dobj", "nsubjpass"):  # "proposed talks", "talks were proposed"
        scope.add(OBJECT_FRAMES[lemma], verb.text)
    return _Step(verb)


def _step_from_preposition(node: Token, preposition: Token, scope: _Scope) -> _Step:
    """``node`` is the object (noun or gerund) of ``preposition``; decide what the preposition's head adds."""
    governor, word = preposition.head, preposition.lower_
    if preposition.dep_ not in ("prep", "agent", "dative") or governor.i == preposition.i:
        return _ISLAND
    if word == "of" and any(child.lower_ == "instead" for child in preposition.children):
        scope.add("negated", "instead of")
        return _Step(governor)
    if word in ("like", "including") or (word == "as" and (
            governor.lower_ == "such" or any(child.lower_ == "such" for child in preposition.children))):
        # An example shares the modality of what it exemplifies: "if it implements a policy, such as imposing".
        example_of = governor.head if governor.lower_ == "such" else governor
        if _is_nominal(example_of):
            return _Step(example_of)
    lemma = _lemma(governor)
    if _is_nominal(governor):
        frame = NOUN_FRAMES.get(lemma)
        # A firm frame schedules only an infinitive ("the decision to impose"): "a UN resolution on
        # sanctions" or "the deal on tariffs" may well be in force.
        if frame is not None and frame != "firm" and lemma not in NEGATING_ONLY_BEFORE_INFINITIVE:
            scope.add(frame, f"{governor.text} {preposition.text}")
            return _Step(governor)
        # "the resumption of talks": the nominalisation carries the event on, unless it presupposes it.
        if word == "of" and lemma not in PRESUPPOSING_NOMINALS and lemma not in CLAIM_NOUNS:
            return _Step(governor)
        if frame == "firm" and word == "on":
            # What an agreement is on stands or falls with it: "did not reach an agreement on a ceasefire".
            return _Step(governor)
        return _ISLAND
    if word == "by" and node.dep_ == "pcomp":  # "retaliated by expelling": the means shares the act
        return _Step(governor)
    if word == "without":
        scope.add("negated", "without")
        return _Step(governor)
    if word == "to" and lemma in COMPARING_ADJECTIVES:
        # "is akin to the alliance shooting at Russia": a likeness, no act asserted.
        scope.add("hypothetical", f"{governor.text} to")
        return _Step(governor)
    if word == "from" and lemma in RESTRAINING_VERBS:
        scope.add("negated", f"{governor.text} from")
        return _Step(governor)
    if word == "of" and lemma in ACCUSING_VERBS:
        if lemma == "suspect":
            scope.add("hypothetical", f"{governor.text} of")
        scope.report(governor, _subject_phrase(governor))
        return _MAIN_CLAUSE_END
    if word == "before" and node.dep_ == "pcomp" and _present_or_future(governor):
        # "Before getting into talks, the Kremlin needs to ...": not done yet when the text was written.
        scope.add("hypothetical", "before (not yet)")
        return _Step(governor)
    key = (lemma, word)
    if key == ("take", "in") and not any(child.lower_ == "part" for child in governor.children):
        return _ISLAND
    if key in PREPOSITION_FRAMES:
        frame = PREPOSITION_FRAMES[key]
        if frame is not None:
            scope.add(frame, f"{governor.text} {preposition.text}")
        return _Step(governor)
    return _ISLAND  # "retaliate against the sanctions": the sanctions are given, not in the verb's scope


def _step_from_content_clause(verb: Token, scope: _Scope) -> _Step:
    """The walk reached ``verb`` from its finite complement: a report, a denial, a belief or a frame."""
    lemma = _lemma(verb)
    speaker = _subject_phrase(verb)
    if lemma in DENYING_VERBS:
        _read_denial(verb, scope)
        return _MAIN_CLAUSE_END
    if lemma in HEDGING_VERBS:
        scope.add("hypothetical", verb.text)
        if speaker:
            scope.report(verb, speaker)
        return _MAIN_CLAUSE_END
    if lemma in REPORTING_VERBS:
        scope.report(verb, speaker)
        return _MAIN_CLAUSE_END
    hedging_adjective = next((child for child in verb.children
                              if child.dep_ == "acomp" and child.lower_ in HEDGING_ADJECTIVES), None)
    if hedging_adjective is not None:  # "it is likely that Russia will retaliate"
        scope.add("hypothetical", hedging_adjective.text)
        return _MAIN_CLAUSE_END
    if COMPLEMENT_FRAMES.get(lemma) == "hypothetical":  # "it is expected that ..."
        scope.add("hypothetical", verb.text)
        return _MAIN_CLAUSE_END
    if lemma in IMPLYING_VERBS and _negation_of(verb) is not None:
        # "does not mean that China won't develop relations": the content is left open, either way.
        scope.add("hypothetical", f"not {verb.text}")
        return _MAIN_CLAUSE_END
    return _ISLAND


def _takes_infinitive(verb: Token) -> bool:
    """Whether a verb with no object of its own governs an infinitive as its complement ("moved to
    block", "began to", "decided to"), so that the infinitive is no purpose clause."""
    if any(child.dep_ in ("dobj", "obj") for child in verb.children):
        return False  # "moved troops to the border to deter": the infinitive is the aim
    return _lemma(verb) in COMPLEMENT_FRAMES or _lemma(verb) in IMPLICATIVE_VERBS


def _step_from_adverbial_clause(clause: Token, governor: Token, scope: _Scope) -> _Step:
    if _conditional_cue(clause, antecedent=True):
        return _ISLAND  # already hypothetical; the main clause adds nothing
    mark = next((child.lower_ for child in clause.children if child.dep_ == "mark"), "")
    has_subject = any(child.dep_ in SUBJECTS for child in clause.children)
    infinitive = _is_infinitive_clause(clause)
    if not mark and infinitive and _takes_infinitive(governor):
        # The complement the parser took for a purpose clause past an adverbial: "moved on Friday to block".
        _read_complement_frame(governor, clause, scope)
        return _Step(governor)
    if not mark and infinitive:
        # A purpose clause ("travelled to Kyiv to meet Zelensky") states an aim, not an outcome.
        order = next((child for child in clause.children if child.lower_ == "order" and child.dep_ != "dobj"), None)
        scope.add("hypothetical", "in order to" if order is not None else "to")
        return _ISLAND
    if not has_subject and not mark and clause.tag_ in ("VBG", "VBN"):
        # A participle clause shares its main clause ("retaliated, expelling ..."), but one trailing a
        # denial is asserted: "haven't been to China in years, spending time in Taiwan instead".
        return _Step(governor, shares_negation=not (clause.tag_ == "VBG" and clause.i > governor.i))
    if mark in TEMPORAL_MARKS and clause.tag_ in ("VBZ", "VBP"):
        return _Step(governor)  # "will visit Moscow after he meets Biden": present tense for the main clause's time
    return _ISLAND  # a finite adverbial clause ("after the EU imposed sanctions") is its own assertion


def _is_infinitive_clause(clause: Token) -> bool:
    return any(child.dep_ == "aux" and child.lower_ == "to" for child in clause.children) and not any(
        child.dep_ in SUBJECTS for child in clause.children)


def _step_from_noun_clause(clause: Token, noun: Token, scope: _Scope) -> _Step:
    """``clause`` modifies ``noun``: "the plan to impose", "claims that it supplied", "sanctions imposed by"."""
    lemma = _lemma(noun)
    is_infinitive = any(child.dep_ == "aux" and child.lower_ == "to" for child in clause.children)
    is_content = any(child.dep_ == "mark" and child.lower_ in ("that", "whether") for child in clause.children)
    if is_infinitive:
        frame = NOUN_FRAMES.get(lemma)
        if frame is not None:
            scope.add(frame, f"{noun.text} to")
        return _Step(noun)
    if is_content or lemma in CLAIM_NOUNS:
        frame = NOUN_FRAMES.get(lemma)
        if frame == "hypothetical":
            scope.add(frame, noun.text)
        return _Step(noun)  # "rejected claims that ...": the noun's governor decides
    if clause.tag_ == "VBG" and noun.dep_ == "pobj":
        # A gerund with its subject after a preposition, parsed as a participle on the subject: "akin
        # to [the alliance shooting at Russia]", "without [China joining]": the preposition decides.
        return _Step(noun)
    return _ISLAND  # a participle or relative clause about the noun


# --- what each link contributes ------------------------------------------------------------------


def _read_clause_operators(node: Token, scope: _Scope, shares_auxiliaries: bool, shares_negation: bool = True) -> None:
    """Operators a clause puts on its predicate, innermost first: negation, modal, hedge, conditional."""
    if shares_auxiliaries:
        negation = _negation_of(node) if shares_negation else None
        modal = next((child for child in node.children if child.dep_ in AUXILIARIES and child.tag_ == "MD"), None)
        if negation is not None and modal is not None and modal.lower_ in ABILITY_MODALS:
            scope.add("negated", f"{modal.text} {negation}")  # "could not reach a deal", "cannot accept"
        else:
            if negation is not None:
                scope.add("negated", negation)
            if modal is not None:
                _read_modal(modal, scope)
        hedge = next((child for child in node.children
                      if child.dep_ == "advmod" and child.lower_ in HEDGING_ADVERBS), None)
        if hedge is not None:
            scope.add("hypothetical", hedge.text)
    cue = _conditional_cue(node, antecedent=True)
    if cue:
        scope.add("hypothetical", cue)
    for child in node.children:  # "If Washington raises tariffs, Beijing will respond": the consequent
        if child.dep_ == "advcl":
            cue = _conditional_cue(child, antecedent=False)
            if cue:
                scope.add("hypothetical", cue)
                break


def _read_modal(modal: Token, scope: _Scope) -> None:
    word = modal.lower_
    if word in FUTURE_MODALS:
        scope.add("will", modal.text)
    elif word in CONDITIONAL_MODALS:
        scope.add("would", modal.text)
    elif word in HYPOTHETICAL_MODALS or word in ABILITY_MODALS:
        scope.add("hypothetical", modal.text)


def _read_noun_modifiers(noun: Token, scope: _Scope) -> None:
    for child in noun.children:
        if (child.dep_ == "det" and child.lower_ == "no") or child.dep_ == "neg":
            scope.add("negated", child.text)
        elif child.dep_ in ("amod", "compound", "nmod"):
            frame = NOUN_MODIFIERS.get(child.lower_)
            if frame is not None:
                scope.add(frame, child.text)
            elif any(grandchild.dep_ == "aux" and grandchild.tag_ == "MD" for grandchild in child.children):
                # "a would-be summit", parsed as an adjectival "be" with its own modal
                scope.add("hypothetical", "".join(token.text_with_ws for token in child.subtree).strip())


def _read_complement_frame(governor: Token, complement: Token, scope: _Scope) -> None:
    """What ``governor`` means for its non-finite ``complement`` ("expected to", "failed to", "is to")."""
    lemma, word = _lemma(governor), governor.lower_
    to = " to" if any(child.dep_ == "aux" and child.lower_ == "to" for child in complement.children) else ""
    cue = f"{governor.text}{to}"
    if lemma == "have":
        if any(child.lower_ == "yet" for child in governor.children):
            scope.add("negated", f"{governor.text} yet{to}")  # "has yet to sign"
        elif to and governor.tag_ in ("VBZ", "VBP", "VB"):
            scope.add("hypothetical", cue)  # "has to renew": an obligation ("had to" reports what was done)
        return
    if lemma == "be" and to:
        planner = next((child for child in governor.children if child.dep_ in SUBJECTS), None)
        if planner is not None and NOUN_FRAMES.get(_lemma(planner)) == "hypothetical":
            scope.add("hypothetical", f"{planner.text} {cue}")  # "the aim is to impose"
        else:
            scope.add("firm", cue)  # "Xi is to visit Moscow"
        return
    if lemma == "go" and governor.tag_ == "VBG" and to:
        scope.add("will", "going to")
        return
    frame = COMPLEMENT_FRAMES.get(lemma) or COMPLEMENT_FRAMES.get(word)
    if frame is not None:
        scope.add(frame, cue)


def _read_denial(verb: Token, scope: _Scope) -> None:
    """"X denied (that) Y did Z": Z is negated, on X's word; "did not deny" leaves Z open."""
    scope.add("negated", verb.text)
    negation = _negation_of(verb)
    if negation is not None:
        scope.add("negated", negation)
    scope.report(verb, _subject_phrase(verb))


def _read_attribution_aside(node: Token, scope: _Scope) -> None:
    """"Russia, Lavrov said, expelled ..." and "..., according to Lavrov" attribute the clause."""
    for child in node.children:
        if child.dep_ == "parataxis" and _lemma(child) in REPORTING_VERBS:
            scope.report(child, _subject_phrase(child))
        elif child.dep_ == "prep" and child.lower_ == "according":
            source = next((grandchild for to in child.children if to.lower_ == "to"
                           for grandchild in to.children if grandchild.dep_ == "pobj"), None)
            if source is not None:
                scope.report(child, _phrase(source))


def _conditional_cue(clause: Token, antecedent: bool) -> str:
    """The conditional that introduces ``clause`` ("if", "unless", inverted "Were ..."), or ""."""
    for child in clause.children:
        if child.dep_ == "mark" and child.lower_ in CONDITIONAL_MARKS:
            before = clause.doc[child.i - 1].lower_ if child.i > 0 else ""
            # "even if"/"as if" leave the main clause asserted; the clause itself stays hypothetical.
            if not antecedent and before in ("even", "as"):
                return ""
            return child.text
    if clause.dep_ == "advcl":
        first = clause.left_edge
        subject = next((child for child in clause.children if child.dep_ in SUBJECTS), None)
        if first.lower_ in INVERTED_CONDITIONALS and subject is not None and first.i < subject.i:
            return first.text
    return ""


def _question_cue(sentence: Span) -> str:
    """"?" or the fronted auxiliary of a yes/no question ("Will China invade Taiwan"), else ""."""
    words = [token for token in sentence if not token.is_space and not token.is_quote]
    if not words:
        return ""
    if words[-1].text == "?":
        return "?"
    first, root = words[0], sentence.root
    fronted = first.tag_ == "MD" or _lemma(first) in ("be", "do", "have")
    if fronted and root.i in (first.head.i, first.i) and first.dep_ in ("aux", "auxpass", "ROOT"):
        if any(child.dep_ in SUBJECTS and child.i > first.i for child in root.children):
            return first.text
    return ""


# --- resolving the operators ---------------------------------------------------------------------


def _apply_operators(scope: _Scope, has_date: bool) -> tuple[Modality, str]:
    """Apply the operators from the innermost outwards; return the modality and the cue that set it."""
    modality: Modality = "factual"
    cue = ""
    decided_by_future = False  # an undated "will" reads hypothetical only for want of a better cue
    for operator, word in scope.operators:
        after = _apply(operator, modality, scope, has_date)
        explicit = operator == "hypothetical" and decided_by_future  # "hopes that ... will": "hopes"
        if after != modality or explicit:
            modality = after
            cue = "" if after == "factual" else _describe(operator, word, scope, after)
            decided_by_future = operator in ("will", "would", "plan")
    return modality, cue


def _apply(operator: Operator, modality: Modality, scope: _Scope, has_date: bool) -> Modality:
    if operator == "hypothetical":
        return "hypothetical"
    if operator == "cancel":  # a cancelled plan did not happen, whatever the plan's own modality
        return "negated"
    if operator == "would" and not scope.reported:
        return "hypothetical"  # a conditional mood ("would never attack"), not a back-shifted "will"
    if modality == "hypothetical":
        return modality  # "is not expected to", "has not threatened to": still only entertained
    if operator == "negated":
        # A negated negation ("did not rule out talks", "did not deny that ...") no longer asserts the
        # event not done, nor does it assert it done: only leaves it open.
        return "hypothetical" if modality == "negated" else "negated"
    if modality != "factual":
        return modality  # "will not attend", "agreed not to impose"; "the upcoming summit will ..."
    if operator == "firm":
        return "scheduled"
    if operator == "will":
        return "scheduled" if has_date or scope.announcement else "hypothetical"
    return "scheduled" if has_date else "hypothetical"  # "plans to", reported "would"


def _describe(operator: Operator, word: str, scope: _Scope, modality: Modality) -> str:
    """The cue as written; an announced future names the announcing verb too ("said ... will")."""
    if operator in ("will", "would") and modality == "scheduled" and scope.announcement:
        return f"{scope.announcement} ... {word}"
    return word


# --- small helpers -------------------------------------------------------------------------------


def _lemma(token: Token) -> str:
    return known_lemma(token, _VOCABULARY)


def _is_nominal(token: Token) -> bool:
    return token.pos_ in ("NOUN", "PROPN")


def _negation_of(node: Token) -> str | None:
    """The negation on a predicate as written ("not", "never", "no longer"), or None."""
    for child in node.children:
        if child.dep_ == "neg" and child.lower_ in NEGATIONS:
            return child.text
        if child.dep_ == "advmod" and child.lower_ == "longer":
            if any(grandchild.dep_ == "neg" and grandchild.lower_ == "no" for grandchild in child.children):
                return "no longer"
    return None


def _conjunct_shares_auxiliaries(conjunct: Token, first: Token) -> bool:
    """Whether "might"/"not" on the first conjunct also govern ``conjunct`` ("might expel and close")."""
    if any(child.dep_ in SUBJECTS or child.dep_ in AUXILIARIES for child in conjunct.children):
        return False
    between = [child for child in first.children if child.dep_ == "cc" and first.i < child.i < conjunct.i]
    return not any(cc.lower_ in ("but", "yet") for cc in between)  # "did not sign but ratified"


def _subject_phrase(verb: Token) -> str:
    """The subject of ``verb`` as written, following a shared subject up coordinations and complements."""
    node = verb
    for _ in range(4):
        subject = next((child for child in node.children if child.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            return _phrase(subject)
        if node.dep_ not in ("conj", "xcomp", "advcl") or node.head.i == node.i:
            break
        node = node.head
    return ""


def _phrase(head: Token) -> str:
    """A noun phrase without its relative clauses, appositions and punctuation ("Lavrov, who ..., said")."""
    dropped = {"relcl", "appos", "acl", "punct", "advcl", "parataxis"}
    tokens = [head]
    for child in head.children:
        if child.dep_ not in dropped:
            tokens.extend(child.subtree)
    tokens.sort(key=lambda token: token.i)
    start, end = tokens[0].i, tokens[-1].i + 1
    kept = {token.i for token in tokens}
    span = head.doc[start:end]
    return "".join(token.text_with_ws for token in span if token.i in kept).strip()
