"""The coder: documents in, events out, each with its evidence (sentence and character span).

For every sentence: actor mentions (dictionary), event triggers (pattern dictionary), the source and
target of each trigger (dependency parse), its date (resolved against the publication date), its
modality, issue tags and a confidence. Documents are split into sentences without the parser
(``sentences.py``) and only the sentences that may yield an event are parsed, each on its own
(``prefilter.py``, ``frontend.py``).
"""

from __future__ import annotations

import os
from collections import Counter, deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import date
from functools import cache
from itertools import permutations, product

from spacy.tokens import Span, Token

from tripolar import __version__
from tripolar.coding.confidence import Cues, calibration
from tripolar.coding.dates import DateMention, find_dates
from tripolar.coding.discourse import (
    ENCOUNTER_WORDS,
    GOVERNMENT_WORDS,
    PAIR_WORDS,
    WINDOW,
    Act,
    DatedAct,
    Discourse,
    participants,
    points_back,
)
from tripolar.coding.event_dates import date_for_trigger, in_past_clause, is_ongoing
from tripolar.coding.frontend import DocumentJob, process_count
from tripolar.coding.issues import issue_tags
from tripolar.coding.mentions import ActorMatcher, Mention, actor_matcher
from tripolar.coding.modality import read_modality
from tripolar.coding.nlp import load_pipeline
from tripolar.coding.parallel import WorkerPool, code_in_processes
from tripolar.coding.parties import HOSTILE_ROOTS, PERSONAL_PRONOUNS, Party, PartyFinder, Scope
from tripolar.coding.patterns import PatternSet, Trigger, load_patterns
from tripolar.coding.prefilter import Prefilter, TriggerWords
from tripolar.coding.repairs import repair
from tripolar.coding.roles import (
    MentionIndex,
    setting_verb,
)
from tripolar.coding.sentences import SentenceSplitter
from tripolar.coding.targets import MEETING_CODES, VISIT, TargetFinder
from tripolar.coding.threats import threat_code, threat_frame
from tripolar.model import Actor, DatePrecision, Document, Event, Evidence, Reject, Sentence
from tripolar.ontology.actors import countries
from tripolar.ontology.cameo import cameo

CODER = f"tripolar-{__version__}"
Coded = tuple[Document, list[Sentence], list[Event]]
# Acts two parties do together, coded both ways (CODING_GUIDE.md): consult, negotiate, sign, cooperate,
# cease fire.
JOINT_ACTS = ("040", "041", "044", "046", "057", "06", "0871")
# Links within one clause chain: a participial or coordinated clause, an apposition, an object.
CLAUSE_CHAIN = frozenset({"advcl", "conj", "appos", "npadvmod", "dobj", "pobj", "prep", "acl", "xcomp"})
HOST = "043"
MEET, MEET_ELSEWHERE = "040", "044"
# Encounters of two sides, unlike summits and forums, which gather many.
TWO_SIDED_ENCOUNTERS = frozenset({"meeting", "talk", "call", "conversation", "dinner", "lunch", "breakfast"})
EXCHANGE_VERBS = frozenset({"trade", "exchange", "swap", "clash", "skirmish"})
# Slots whose coordinated actors act on each other: "talks between X and Y".
MUTUAL_SLOTS = frozenset({"prep:between", "prep:among", "prep:amongst"})


class Coder:
    """Holds the loaded dictionaries and pipeline; :meth:`code` turns documents into events."""

    def __init__(self, model: str | None = None, *, prefilter: bool = True, processes: int | None = None) -> None:
        """``prefilter=False`` parses every sentence (the reference the prefilter must agree with);
        ``processes`` parse in parallel when a batch is big enough (default ``TRIPOLAR_PROCESSES``, else
        0: one per core; 1 never forks)."""
        self.nlp = load_pipeline(model)
        self.patterns: PatternSet = load_patterns()
        self.actors: ActorMatcher = actor_matcher()
        self.finder = PartyFinder(self.actors)
        self.targets = TargetFinder(self.finder, self.patterns)
        self.states = frozenset(countries())
        self.splitter = SentenceSplitter()
        self.prefilter: Prefilter | None = None
        if prefilter:
            back_words = PERSONAL_PRONOUNS | PAIR_WORDS | ENCOUNTER_WORDS | GOVERNMENT_WORDS
            self.prefilter = Prefilter(TriggerWords(self.patterns, self.nlp), self.actors, back_words=back_words,
                                       window=WINDOW)
        self.processes = processes if processes is not None else int(os.environ.get("TRIPOLAR_PROCESSES") or 0)
        # Documents, sentences and parsed sentences coded so far, and calls of code() (how many parsed
        # in several processes): benchmarks and reports read it.
        self.counts: Counter[str] = Counter()
        self.workers = WorkerPool()
        # Set to a list to collect each event with the cues its confidence was read from (calibration).
        self.cue_log: list[tuple[Event, Cues]] | None = None

    def close(self) -> None:
        """Stop the worker processes, if any are up (they are also stopped when the coder is collected)."""
        self.workers.close()

    def __enter__(self) -> Coder:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def code(self, documents: Iterable[Document], batch_size: int = 128, *,
             rejects: list[Reject] | None = None) -> Iterator[Coded]:
        """Code each document; yields it with its sentences and events, in input order.

        Every sentence is split off and kept without the parser; only those the prefilter picks are
        parsed, each on its own, ``batch_size`` at a time. A batch with text enough for several cores
        is coded in forked worker processes, whole documents each (``parallel.py``). What could not be
        coded (empty text, an over-long sentence, control characters) is appended to ``rejects`` as
        one record per document and reason; the batch goes on.
        """
        if not isinstance(documents, list | tuple):
            documents = list(documents)
        processes = process_count(self.processes, documents)
        self.counts.update(calls=1, parallel_calls=int(processes > 1))
        if processes > 1 and self.cue_log is None:
            yield from code_in_processes(self, documents, processes, rejects)
        else:
            yield from self.code_here(documents, batch_size, rejects=rejects)

    def code_here(self, documents: Sequence[Document], batch_size: int = 128, *,
                  rejects: list[Reject] | None = None) -> Iterator[Coded]:
        """:meth:`code` in this process."""
        jobs: deque[DocumentJob] = deque()  # prepared, not yet yielded, in input order
        sent: deque[tuple[DocumentJob, int]] = deque()  # sentences handed to spaCy, in order

        def sentences_to_parse() -> Iterator[str]:
            for document in documents:
                job = DocumentJob.prepare(document, self.splitter, self.prefilter, Discourse(self.states))
                jobs.append(job)
                for text, index in job.to_parse:
                    sent.append((job, index))
                    yield text

        # spaCy keeps the order, so each parse is the oldest sentence sent.
        for doc in self.nlp.pipe(sentences_to_parse(), batch_size=batch_size):
            job, index = sent.popleft()
            while jobs[0] is not job:
                yield self._code_doc(jobs.popleft(), rejects)
            job.code(index, doc, self.code_sentence)
        while jobs:
            yield self._code_doc(jobs.popleft(), rejects)

    def _code_doc(self, job: DocumentJob, rejects: list[Reject] | None) -> Coded:
        """A document whose parsed sentences are all coded: its sentences, events and warnings."""
        job.skip_to(len(job.spans))
        later = job.discourse.later_dates()
        if later:
            job.events = [replace(event, date=later[event.id].date, date_precision=later[event.id].precision)
                          if event.id in later else event for event in job.events]
        self.counts.update(documents=1, sentences=len(job.spans), parsed=sum(job.parse))
        if rejects is not None:
            rejects.extend(job.rejects())
        return job.document, job.sentences(), job.events

    def code_sentence(self, document: Document, index: int, sentence: Span, offset: int = 0,
                      discourse: Discourse | None = None) -> Iterator[Event]:
        """The events of one parsed sentence of ``document``. ``offset`` is where the parsed text
        starts in the document (0 when the whole document was parsed; the sentence's start when the
        sentence was parsed on its own): evidence spans are given in the document's characters.
        ``discourse`` holds the actors of the sentences before; this sentence's are added to it."""
        repair(sentence)
        mentions = [Mention(m.start + sentence.start_char, m.end + sentence.start_char, m.text, m.surface,
                            m.country, m.role) for m in self.actors.find(sentence.text)]
        resolved = self.resolved(mentions, document.published or date.today())
        if discourse is not None:
            discourse.named.update(actor.code for actor in resolved.values())
        if mentions or (discourse is not None and discourse.recent and points_back(sentence)):
            # Dates are found in the sentence's text and placed in the parsed text, as mentions are.
            dates = [replace(found, start=found.start + sentence.start_char, end=found.end + sentence.start_char)
                     for found in find_dates(sentence.text, document.published, document.published_precision)]
            index_by_token = MentionIndex(sentence, mentions)
            # An encounter that only sets the scene ("Over dinner, X and Y agreed") is coded after the act
            # it is the scene of, whose parties it may take.
            triggers = sorted(self.patterns.triggers(sentence), key=lambda trigger: (
                trigger.pattern.kind == "noun" and setting_verb(trigger.token) is not None))
            # A noun that completes a trigger's pattern ("imposed sanctions", "held talks") is the same
            # event: the trigger codes it.
            completing = {trigger.object_token.i for trigger in triggers if trigger.object_token is not None
                          and trigger.object_token.i != trigger.token.i}
            # So is an act a verb of the same kind coded as its object: "host a summit" is the hosting, once.
            verbs = {trigger.token.i: trigger.pattern.root for trigger in triggers if trigger.pattern.kind == "verb"}
            # (Not a second object, an apposition misparsed: "received Kerry, Kerry's first trip to Russia".)
            acted_on = {trigger.token.i: trigger.token.head.i for trigger in triggers if trigger.pattern.kind == "noun"
                        and trigger.token.dep_ == "dobj" and verbs.get(trigger.token.head.i) == trigger.pattern.root
                        and sum(child.dep_ == "dobj" for child in trigger.token.head.children) == 1}
            coded_verbs: set[int] = set()
            states = {actor.code for actor in resolved.values() if actor.code in self.states}
            meetings: dict[tuple[str, str, str, str], Token] = {}
            told: set[str] = set()
            for trigger in triggers:
                if trigger.pattern.kind == "noun" and trigger.token.i in completing:
                    continue
                if acted_on.get(trigger.token.i) in coded_verbs:
                    continue
                for event in self._events(document, index, sentence, offset, trigger, index_by_token, dates,
                                          discourse, crowded=len(states) > 2):
                    if event.cameo in MEETING_CODES:
                        dyad = (event.source.code, event.source.role, event.target.code, event.target.role)
                        described = meetings.get(dyad)
                        if described is not None and _one_clause_chain(described, trigger.token):
                            continue
                        meetings.setdefault(dyad, trigger.token)
                    # One occurrence told twice in a sentence ("landed in Taipei, the first official to
                    # visit Taiwan") is one event, as the store would keep it.
                    if event.occurrence_id in told:
                        continue
                    told.add(event.occurrence_id)
                    coded_verbs.add(trigger.token.i)
                    yield event
        if discourse is not None:
            discourse.add([(resolved[mention], self.is_person(resolved[mention]))
                           for mention in participants(sentence, mentions) if mention in resolved])

    def resolved(self, mentions: list[Mention], on: date) -> dict[Mention, Actor]:
        """The actors ``mentions`` name on ``on`` (those that name one)."""
        actors = {mention: self.actors.resolve(mention, on) for mention in mentions}
        return {mention: actor for mention, actor in actors.items() if actor is not None}

    def is_person(self, actor: Actor) -> bool:
        return self.finder.is_person(actor)

    def _events(self, document: Document, index: int, sentence: Span, offset: int, trigger: Trigger,
                mentions: MentionIndex, dates: list[DateMention], discourse: Discourse | None,
                crowded: bool) -> Iterator[Event]:
        noun = trigger.pattern.kind == "noun"
        mention_date = date_for_trigger(trigger.token, dates) if dates else None
        if mention_date is not None:
            day, precision = mention_date.date, mention_date.precision
        else:
            day, precision = document.published, document.published_precision
            if day is not None and precision == "day" and is_ongoing(trigger.token):
                # "as China engages in a round of coercion": an act under way has no one day.
                day, precision = day.replace(day=1), "month"
        scope = Scope(mentions, day or date.today(), discourse)
        reading = read_modality(trigger.token, has_date=mention_date is not None, act=trigger.object_token)
        sources = self.finder.source_parties(trigger.token, noun, scope, trigger.object_token)
        found = self.targets.find(trigger, noun, sources, scope)
        targets, target_slot = found.parties, found.slot
        if not sources and not targets and noun and trigger.pattern.cameo in MEETING_CODES and (
                reading.modality == "factual"):
            # "Xi called Trump on Monday. The conversation covered trade.": the same two talked. (A
            # summit merely planned and mentioned again is no new event.)
            sources = self.finder.encounter_referred_to(trigger.token, scope)
        if not targets and noun and trigger.pattern.cameo in MEETING_CODES and reading.modality == "factual" \
                and discourse is not None:
            # "X traded rebukes with Y at the start of the talks", "During a meeting, Chinese officials
            # expressed concerns regarding U.S. tariffs": the encounter was theirs.
            scene_parties = self._scene_parties(trigger.token, discourse)
            own = {party.actor.code for party in sources}
            if scene_parties and own <= {party.actor.code for party in scene_parties}:
                sources = scene_parties
        if sources and targets and "prep:with" not in trigger.pattern.targets and target_slot != "prep:with" \
                and trigger.pattern.root in HOSTILE_ROOTS:
            # "Washington carried out strikes with the U.K. and France on Syria": partners in the act.
            named = {party.actor.code for party in (*sources, *targets)}
            sources = sources + [party for party in self.finder.co_doers(trigger.token, scope)
                                 if party.actor.code not in named]
        pairs = list(product(sources, targets))
        mutual = False
        if found.each_other and not targets:
            # "China and Russia will support each other": each subject acts on the other.
            pairs, mutual = list(permutations(sources, 2)), True
        if trigger.pattern.symmetric:
            if target_slot in MUTUAL_SLOTS and len({party.actor.code for party in targets}) >= 2:
                # "It will mark the meeting between the two leaders": those between are the parties.
                pairs, mutual = list(permutations(targets, 2)), True
            elif not sources or not (targets or found.phrase or self._acts_on_another(trigger.token, sources, scope)):
                # "Russia and China signed a pact", "talks between X and Y": each party with each other;
                # not when the target is someone else ("X and Y fought against fascism"), nor among
                # the partners of an unnamed party ("improve relations with X and Y").
                together = sources or (targets if target_slot in MUTUAL_SLOTS else [])
                pairs, mutual = list(permutations(together, 2)), True
            elif trigger.pattern.cameo.startswith(JOINT_ACTS) or trigger.pattern.lemma in EXCHANGE_VERBS:
                # "X met with Y" is a joint act, coded both ways, and so is what X and Y trade or clash in
                # ("traded rebukes with Y", "a clash with Chinese troops"); "X pursued détente with Y" is X's act.
                pairs += [(target, source) for source, target in pairs]
        code = trigger.pattern.cameo
        frame = threat_frame(trigger.token) if trigger.pattern.root in HOSTILE_ROOTS else None
        threat = threat_code(code) if frame is not None else None
        if frame is not None and threat is not None and self._threatener(frame, sources, scope):
            # "China vowed to strike Taiwan": the threat is the event, made as the frame verb tells.
            code, reading = threat, read_modality(frame, has_date=mention_date is not None)
        coded = [(source, target, cameo(code)) for source, target in pairs]
        if code == HOST:
            # Whom a host receives makes the visit (CAMEO 042, the other side of 043): "Putin hosted Kim".
            coded += [(target, source, cameo(VISIT)) for source, target in pairs if target.depth == 0]
        seen = set()
        venues = self._venues(trigger.token, scope) if code == MEET else set()
        for source, target, entry in coded:
            if entry.code == MEET and venues - {source.actor.code, target.actor.code}:
                # A meeting in a third country ("met in Geneva", "on the sidelines of APEC in South
                # Korea") is CAMEO's meeting at a third location.
                entry = cameo(MEET_ELSEWHERE)
            # "Donetsk and Luhansk", "Trump and Vance": two names of one actor are one event.
            dyad = (source.actor.code, source.actor.role, target.actor.code, target.actor.role, entry.code)
            if source.actor.code == target.actor.code or dyad in seen:
                continue
            seen.add(dyad)
            carried = False
            if discourse is not None:
                discourse.note_act(Act(source.actor, target.actor, entry.root, trigger.token.i))
                day, precision, carried = self._discourse_date(discourse, source, target, entry.code,
                                                               reading.modality, mention_date, (day, precision),
                                                               past=not dates and in_past_clause(trigger.token))
            start = offset + min(source.mention.start, target.mention.start, trigger.token.idx)
            end = offset + max(source.mention.end, target.mention.end, trigger.token.idx + len(trigger.token.text))
            cues = Cues(noun=noun, depth=max(0, source.depth - 1) + max(0, target.depth - 1),
                        indirect=source.how != "name" or target.how != "name", mutual=mutual,
                        modal=reading.modality != "factual", crowded=crowded, tokens=len(sentence),
                        constrained=bool(trigger.pattern.objects))
            event = Event(
                source=source.actor, target=target.actor, cameo=entry.code, root=entry.root, quad=entry.quad,
                goldstein=entry.goldstein, plover=entry.plover, plover_mode=entry.plover_mode,
                evidence=Evidence(document.id, index, start, end, document.text[start:end]), origin=CODER,
                date=day, date_precision=precision, issues=issue_tags(sentence.text, entry.code),
                modality=reading.modality, attribution=reading.attribution,
                confidence=calibration().confidence(cues),
            )
            if self.cue_log is not None:
                self.cue_log.append((event, cues))
            if discourse is not None and mention_date is None and not carried:
                discourse.note_undated(event.id, frozenset((source.actor.code, target.actor.code)), entry.code,
                                       reading.modality)
            yield event

    def _threatener(self, frame: Token, sources: list[Party], scope: Scope) -> bool:
        """Whether who vows or warns is who would act: "Putin warned that Russia would strike"."""
        own = {party.actor.code for party in sources}
        speakers = self.finder.parties(self.finder.source_heads(frame, False, scope), scope)
        return bool(own) and own <= {party.actor.code for party in speakers}

    @staticmethod
    def _scene_parties(noun: Token, discourse: Discourse) -> list[Party]:
        """The two parties of the act an encounter noun sets the scene of: a mutual act, or for a
        two-sided encounter ("during a meeting", "in a call") also a directed one; a summit or forum
        may gather others."""
        scene = setting_verb(noun)
        if scene is None:
            return []
        act = discourse.mutual_act_of(scene.i, directed=noun.lemma_.lower() in TWO_SIDED_ENCOUNTERS)
        if act is None:
            return []
        stand_in = Mention(noun.idx, noun.idx + len(noun.text), noun.text, noun.text)
        return [Party(actor, stand_in, 1, "discourse") for actor in (act.source, act.target)]

    def _venues(self, trigger: Token, scope: Scope) -> set[str]:
        """The countries of the places an encounter is said to be held in: "in/at" phrases on the
        trigger or, for a verb, in its clause ("met in Busan, South Korea")."""
        found = set()
        for token in trigger.subtree if trigger.pos_ != "VERB" else trigger.children:
            if token.dep_ == "prep" and token.lower_ in ("in", "at"):
                for place in token.subtree:
                    mention = scope.mentions.by_token.get(place.i)
                    actor = self.actors.resolve(mention, scope.on) if mention is not None else None
                    if actor is not None and actor.code in self.states:
                        found.add(actor.code)
        return found

    def _acts_on_another(self, verb: Token, sources: list[Party], scope: Scope) -> bool:
        """Whether the act a verb controls names an actor other than its subjects: "X and Y agreed to
        cut Russian banks off" is an act on Russia, not an agreement of X with Y."""
        own = {party.actor.code for party in sources}
        for child in verb.children:
            if child.dep_ == "xcomp":
                for token in child.subtree:
                    mention = scope.mentions.by_token.get(token.i)
                    actor = self.actors.resolve(mention, scope.on) if mention is not None else None
                    if actor is not None and actor.code not in own:
                        return True
        return False

    @staticmethod
    def _discourse_date(discourse: Discourse, source: Party, target: Party, code: str, modality: str,
                        mention_date: DateMention | None, fallback: tuple[date | None, DatePrecision | None],
                        past: bool = False) -> tuple[date | None, DatePrecision | None, bool]:
        """An act the sentence dates is noted for the sentences around it; an undated one takes the
        date of the same act between the same pair just before (and says so); an undated past act,
        the month of any act the sentence just before dated between the same pair (``past``: the act is
        past and its sentence names no time of its own); else the fallback."""
        pair = frozenset((source.actor.code, target.actor.code))
        if mention_date is not None:
            discourse.note_dated(DatedAct(pair, code, mention_date.date, mention_date.precision, modality))
            return (*fallback, False)
        earlier = discourse.date_of(pair, code)
        if earlier is not None:
            return earlier.date, earlier.precision, True
        if modality == "factual" and past:
            # "On May 18 the US and China reached a compromise. The breakthrough followed intensive
            # negotiations between the two countries": the story's time, to the month.
            just_before = discourse.last_sentence_date(pair)
            if just_before is not None:
                precision = "month" if just_before.precision == "day" else just_before.precision
                day = just_before.date.replace(day=1) if precision == "month" else just_before.date
                return day, precision, True
        return (*fallback, False)


def _one_clause_chain(first: Token, second: Token) -> bool:
    """Whether one trigger hangs from the other through links that keep to one telling of one act,
    and one of them is a verb (two nouns may be two meetings: "a meeting ... as well as discussions")."""
    if "VERB" not in (first.pos_, second.pos_):
        return False
    for upper, lower in ((first, second), (second, first)):
        token = lower
        while token.head.i != token.i and token.dep_ in CLAUSE_CHAIN:
            token = token.head
            if token.i == upper.i:
                return True
    return False


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
