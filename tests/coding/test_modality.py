"""Modality of an event trigger, read from the dependency parse of real-English news sentences.

Each case names the trigger by its text (its first occurrence in the sentence) and says whether the
event's clause has an explicit date, as the dates module would report it.

Sentences the small English model misparses so that no rule of the parse can read them were replaced
rather than special-cased: "Russia might retaliate and expel diplomats" (tags "expel" an adjective),
"In case Russia attacks, NATO will respond" (parses "case Russia attacks" as a noun phrase, so "in
case" is not read), "The threat of a ban worried investors" (attaches "investors" to "of"), and
"Why did China ban gallium exports?" (parses "ban" as a compound noun).
"""

from __future__ import annotations

import dataclasses
from typing import NamedTuple

import pytest

from tripolar.coding.modality import ModalityReading, read_modality
from tripolar.coding.nlp import load_pipeline
from tripolar.errors import TripolarError
from tripolar.model import MODALITIES


class Case(NamedTuple):
    sentence: str
    trigger: str
    modality: str
    attribution: str = ""
    has_date: bool = False


FACTUAL = [
    Case("China imposed export controls on gallium last year.", "imposed", "factual", has_date=True),
    Case("Xi met Putin in Moscow.", "met", "factual"),
    Case("Russia entered into talks with Ukraine on Monday.", "talks", "factual", has_date=True),
    Case("Russia retaliated by expelling two diplomats.", "expelling", "factual"),
    # The parser hangs the infinitive past "on Friday" as a purpose clause; "move to" is done.
    Case("The Commerce Department moved on Friday to block chip shipments to Huawei.", "block", "factual",
         has_date=True),
    # A participle trailing a denial is asserted; a modal still scopes over it.
    Case("Most of the new officials haven't been to China in years, spending time in Taiwan instead.", "spending",
         "factual"),
    # A modal in the main clause says nothing about a relative clause reporting a past fact.
    Case("Russia might retaliate against the sanctions that the EU imposed last week.", "imposed", "factual",
         has_date=True),
    # The sanctions retaliated against are given, not in the scope of "might".
    Case("Russia might retaliate against the new sanctions.", "sanctions", "factual"),
    # "lift" presupposes the ban: the ban is a fact even though the lifting failed.
    Case("Japan failed to persuade China to lift the ban.", "ban", "factual"),
    # "but" stops the negation of the first conjunct.
    Case("China did not sign but ratified the treaty.", "ratified", "factual"),
    # A conjunct with its own subject does not share the first conjunct's negation.
    Case("Russia did not attend the talks, but China sent a delegation.", "sent", "factual"),
    Case("The US and China resumed talks in Geneva.", "talks", "factual"),
    Case("The talks collapsed after Russia walked out.", "walked", "factual"),
    # "threatened" is itself an event (CAMEO 13x) and asserted; the threatened act is not (see below).
    Case("Russia threatened to cut gas supplies to Europe.", "threatened", "factual"),
    Case("Putin ordered troops to withdraw from the border.", "ordered", "factual"),
]

REPORTED = [
    Case("Lavrov said Russia had expelled two diplomats.", "expelled", "factual", "Lavrov"),
    Case("Russia, Lavrov said, expelled two diplomats.", "expelled", "factual", "Lavrov"),
    Case("Russia and China held joint naval drills, the ministry said.", "held", "factual", "the ministry"),
    Case("Russia expelled two diplomats, according to Lavrov.", "expelled", "factual", "Lavrov"),
    Case("Lavrov, Russia's foreign minister, said Moscow had expelled two diplomats.", "expelled", "factual",
         "Lavrov"),
    # Claims and accusations are relayed: factual, with the attribution to weigh them by.
    Case("Washington accused Beijing of supplying weapons to Moscow.", "supplying", "factual", "Washington"),
    Case("A spokesman for the Chinese foreign ministry claimed that the US had violated the agreement.", "violated",
         "factual", "A spokesman for the Chinese foreign ministry"),
    Case("Beijing denied that it had supplied weapons to Moscow.", "supplied", "negated", "Beijing"),
    Case("Beijing denied supplying weapons to Moscow.", "supplying", "negated", "Beijing"),
    Case("Beijing rejected claims that it had supplied weapons to Moscow.", "supplied", "negated", "Beijing"),
    Case("Moscow denied any talks with Kyiv.", "talks", "negated", "Moscow"),
    # Not denying is not confirming.
    Case("Beijing did not deny that it had supplied weapons to Moscow.", "supplied", "hypothetical", "Beijing"),
    # A belief is not an assertion.
    Case("US officials believe China supplied drones to Russia.", "supplied", "hypothetical", "US officials"),
    Case("Lavrov said Russia might expel two diplomats.", "expel", "hypothetical", "Lavrov"),
    Case("Lavrov asked whether NATO would expand further.", "expand", "hypothetical", "Lavrov"),
    # A warned "would" without a date is a threat, not a scheduled act.
    Case("China warned that it would retaliate.", "retaliate", "hypothetical", "China"),
]

NEGATED = [
    # What an agreement is on stands or falls with it.
    Case("The two leaders did not reach an agreement on a ceasefire in Ukraine.", "ceasefire", "negated"),
    Case("China did not join the talks.", "join", "negated"),
    Case("China did not join the talks.", "talks", "negated"),
    Case("Putin never visited Washington.", "visited", "negated"),
    Case("Beijing has yet to sign the agreement.", "sign", "negated"),
    Case("There were no talks between Moscow and Washington.", "talks", "negated"),
    Case("Japan failed to persuade China to lift the ban.", "persuade", "negated"),
    Case("Japan failed to persuade China to lift the ban.", "lift", "negated"),
    Case("North Korea refused to return to the negotiating table.", "return", "negated"),
    Case("China declined to condemn the invasion.", "condemn", "negated"),
    Case("The two sides could not reach an agreement.", "reach", "negated"),
    Case("China won't attend the summit.", "attend", "negated"),
    Case("Russia no longer supplies gas to Poland.", "supplies", "negated"),
    Case("Xi left Moscow without meeting Putin.", "meeting", "negated"),
    Case("Russia refrained from imposing new sanctions.", "imposing", "negated"),
    Case("Xi met Putin instead of attending the G20 summit.", "attending", "negated"),
    Case("The planned summit was cancelled.", "summit", "negated"),
    Case("Trump called off the summit with Kim.", "summit", "negated"),
    Case("Russia did not take part in the talks.", "talks", "negated"),
    Case("The summit did not take place.", "summit", "negated"),
    Case("China's refusal to join the sanctions angered Washington.", "join", "negated"),
    Case("Seoul and Tokyo failed to agree on a joint statement.", "statement", "negated"),
    Case("Washington barred Huawei from buying American chips.", "buying", "negated"),
    Case("The summit between Xi and Biden was postponed.", "summit", "negated"),
]

HYPOTHETICAL = [
    # Entering into talks is taking part in them: "before" says they have not happened yet.
    Case("Even before getting into a formal conversation with Trump, the Kremlin needs to weather the next weeks.",
         "conversation", "hypothetical"),
    Case("Russia might retaliate, expelling US diplomats.", "expelling", "hypothetical"),
    Case("Russia might retaliate against the new sanctions.", "retaliate", "hypothetical"),
    Case("Russia could expel diplomats and close the embassy.", "close", "hypothetical"),
    Case("Russia might not attend the summit.", "attend", "hypothetical"),
    Case("Russia would never attack a NATO member.", "attack", "hypothetical"),
    Case("Russia ought to withdraw its troops.", "withdraw", "hypothetical"),
    Case("China probably supplied drones to Russia.", "supplied", "hypothetical"),
    Case("If Washington raises tariffs, Beijing will respond.", "raises", "hypothetical"),
    Case("If Washington raises tariffs, Beijing will respond.", "respond", "hypothetical"),
    Case("Beijing will respond if Washington raises tariffs.", "raises", "hypothetical"),
    Case("Unless Moscow withdraws its troops, the EU will impose new sanctions.", "impose", "hypothetical"),
    Case("Were China to invade Taiwan, the US would respond.", "invade", "hypothetical"),
    Case("Trump is expected to meet Xi next month.", "meet", "hypothetical", has_date=True),
    Case("Moscow is not expected to join the talks.", "join", "hypothetical"),
    Case("China is unlikely to attend the summit.", "attend", "hypothetical"),
    Case("It is likely that Russia will retaliate.", "retaliate", "hypothetical"),
    Case("Russia is poised to launch a new offensive.", "launch", "hypothetical"),
    Case("Trump might seek to improve ties with Moscow.", "improve", "hypothetical"),
    Case("Russia threatened to cut gas supplies to Europe.", "cut", "hypothetical"),
    Case("The US urged China to lift the ban.", "lift", "hypothetical"),
    Case("Washington called on Beijing to stop the drills.", "stop", "hypothetical"),
    Case("Putin ordered troops to withdraw from the border.", "withdraw", "hypothetical"),
    Case("Moscow did not rule out talks with Kyiv.", "talks", "hypothetical"),
    Case("The EU is considering new sanctions against Russia.", "sanctions", "hypothetical"),
    Case("Will China invade Taiwan?", "invade", "hypothetical"),
    Case("Did Russia supply drones to Iran?", "supply", "hypothetical"),
    Case("Has China supplied weapons to Russia", "supplied", "hypothetical"),  # a headline without "?"
    Case("There is a possibility of new sanctions against Russia.", "sanctions", "hypothetical"),
    Case("Washington called for talks with Beijing.", "talks", "hypothetical"),
    Case("The threat of a ban alarmed Beijing.", "ban", "hypothetical"),
    Case("The proposed summit between Xi and Biden was discussed.", "summit", "hypothetical"),
    Case("Potential tariffs on Chinese steel worry Beijing.", "tariffs", "hypothetical"),
    Case("Washington's plan to impose tariffs alarmed Beijing.", "impose", "hypothetical"),
    Case("Talks between Moscow and Kyiv might resume next week.", "Talks", "hypothetical", has_date=True),
    Case("Biden traveled to Kyiv to meet Zelensky.", "meet", "hypothetical"),  # a purpose, not an outcome
    Case("That does not mean that China won't develop relations with Russia.", "develop", "hypothetical"),
    Case("Russia moved troops to the border on Monday to threaten Ukraine.", "threaten", "hypothetical"),
    Case("Moscow hopes that Washington will lift sanctions.", "lift", "hypothetical", "Moscow"),
    # An undated "will" that nobody announced is a forecast.
    Case("Russia will retaliate.", "retaliate", "hypothetical"),
    Case("Washington plans to impose new tariffs on Chinese goods.", "impose", "hypothetical"),
]

SCHEDULED = [
    Case("Biden will travel to Kyiv on Monday.", "travel", "scheduled", has_date=True),
    Case("Xi is set to visit Moscow next week.", "visit", "scheduled", has_date=True),
    Case("Xi is set to visit Moscow.", "visit", "scheduled"),  # "set to" is firm without a date
    Case("Xi is to visit Moscow next week.", "visit", "scheduled", has_date=True),
    Case("The two leaders are scheduled to meet on Tuesday.", "meet", "scheduled", has_date=True),
    Case("Xi is due to arrive in Moscow on Monday.", "arrive", "scheduled", has_date=True),
    Case("The White House said Biden will travel to Kyiv.", "travel", "scheduled", "The White House"),
    Case("The Trump administration said it would impose tariffs on June 1.", "impose", "scheduled",
         "The Trump administration", has_date=True),
    Case("Washington plans to impose new tariffs on Chinese goods on July 6.", "impose", "scheduled", has_date=True),
    Case("There will be talks in Geneva on Monday.", "talks", "scheduled", has_date=True),
    Case("Biden and Xi will hold talks on November 15.", "talks", "scheduled", has_date=True),
    Case("The EU agreed to impose new sanctions on Russia.", "impose", "scheduled"),
    Case("The upcoming summit in Beijing will focus on trade.", "summit", "scheduled"),
    Case("Washington is going to impose new tariffs next month.", "impose", "scheduled", has_date=True),
    # Present tense after "after" takes the main clause's future.
    Case("Xi will visit Moscow after he meets Biden in Bali next week.", "meets", "scheduled", has_date=True),
    Case("The Kremlin said Putin will not attend the summit.", "attend", "negated", "The Kremlin"),
]

ALL_CASES = FACTUAL + REPORTED + NEGATED + HYPOTHETICAL + SCHEDULED


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    try:
        return load_pipeline()
    except TripolarError as error:
        pytest.skip(str(error))


def read(nlp, sentence: str, trigger: str, has_date: bool = False) -> ModalityReading:  # type: ignore[no-untyped-def]
    doc = nlp(sentence)
    token = next((token for token in doc if token.text == trigger), None)
    assert token is not None, f"trigger {trigger!r} not in {sentence!r}"
    return read_modality(token, has_date=has_date)


@pytest.mark.parametrize("case", ALL_CASES, ids=[f"{case.modality}-{case.trigger}-{case.sentence[:48]}"
                                                  for case in ALL_CASES])
def test_sentence(nlp, case: Case) -> None:  # type: ignore[no-untyped-def]
    reading = read(nlp, case.sentence, case.trigger, case.has_date)
    assert (reading.modality, reading.attribution) == (case.modality, case.attribution), reading


def test_cases_cover_every_modality_many_times() -> None:
    counts = {modality: sum(case.modality == modality for case in ALL_CASES) for modality in MODALITIES}
    assert len(ALL_CASES) >= 60
    assert min(counts.values()) >= 10, counts


def test_plain_past_tense_is_factual_with_no_cue(nlp) -> None:  # type: ignore[no-untyped-def]
    assert read(nlp, "Russia expelled two American diplomats.", "expelled") == ModalityReading("factual", "", "")


@pytest.mark.parametrize(("sentence", "trigger", "has_date", "cue"), [
    ("Russia might retaliate against the new sanctions.", "retaliate", False, "might"),
    ("China did not join the talks.", "join", False, "not"),
    ("If Washington raises tariffs, Beijing will respond.", "respond", False, "If"),
    ("Trump is expected to meet Xi next month.", "meet", True, "expected to"),
    ("Beijing has yet to sign the agreement.", "sign", False, "has yet to"),
    ("The two sides could not reach an agreement.", "reach", False, "could not"),
    ("Will China invade Taiwan?", "invade", False, "?"),
    ("The planned summit was cancelled.", "summit", False, "cancelled"),
    ("Biden will travel to Kyiv on Monday.", "travel", True, "will"),
    ("The White House said Biden will travel to Kyiv.", "travel", False, "said ... will"),
    ("Moscow hopes that Washington will lift sanctions.", "lift", False, "hopes"),
    ("Beijing denied that it had supplied weapons to Moscow.", "supplied", False, "denied"),
    ("Lavrov said Russia had expelled two diplomats.", "expelled", False, ""),
])
def test_cue_names_the_deciding_words(nlp, sentence, trigger, has_date, cue) -> None:  # type: ignore[no-untyped-def]
    assert read(nlp, sentence, trigger, has_date).cue == cue


@pytest.mark.parametrize(("sentence", "trigger"), [
    ("Biden will travel to Kyiv.", "travel"),
    ("Washington plans to impose new tariffs on Chinese goods.", "impose"),
    ("Beijing said it would impose tariffs on American soybeans.", "impose"),
])
def test_a_date_turns_a_stated_future_into_a_scheduled_one(nlp, sentence, trigger) -> None:  # type: ignore[no-untyped-def]
    assert read(nlp, sentence, trigger, has_date=False).modality == "hypothetical"
    assert read(nlp, sentence, trigger, has_date=True).modality == "scheduled"


def test_a_date_does_not_make_an_expectation_firm(nlp) -> None:  # type: ignore[no-untyped-def]
    assert read(nlp, "China is expected to retaliate on Friday.", "retaliate", has_date=True).modality == "hypothetical"


def test_a_question_does_not_reach_into_a_relative_clause(nlp) -> None:  # type: ignore[no-untyped-def]
    sentence = "Will Russia retaliate against the sanctions the EU imposed last week?"
    assert read(nlp, sentence, "retaliate").modality == "hypothetical"
    assert read(nlp, sentence, "imposed", has_date=True).modality == "factual"


def test_each_sentence_of_a_document_is_read_on_its_own(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Will Beijing retaliate? China imposed tariffs on American soybeans on Friday.")
    imposed = next(token for token in doc if token.text == "imposed")
    assert read_modality(imposed, has_date=True) == ModalityReading("factual", "", "")


def test_reading_is_immutable() -> None:
    reading = ModalityReading("negated", "not", "")
    with pytest.raises(dataclasses.FrozenInstanceError):
        reading.modality = "factual"  # type: ignore[misc]


def test_an_act_named_with_no_is_negated(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("China imposed no sanctions on Japan.")
    verb, act = doc[1], doc[3]
    assert read_modality(verb, act=act).modality == "negated"
    assert read_modality(verb).modality == "factual"  # without the act, the verb alone is asserted
    doc = nlp("Russia might impose no sanctions on Japan.")
    assert read_modality(doc[2], act=doc[4]).modality == "hypothetical"
