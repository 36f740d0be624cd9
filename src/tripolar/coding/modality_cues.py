"""The words that mark an event's modality, grouped by what they do to it (see ``modality.py``).

Lemmas unless said otherwise; the small English model's lemmas are repaired against this vocabulary
(``VOCABULARY``) before lookup.
"""

from __future__ import annotations

from typing import Literal

# An operator on the scope chain. "will", "would", "plan" and "firm" are futures resolved against
# the date and any announcement; "cancel" negates even a planned (hypothetical) event.
Operator = Literal["hypothetical", "negated", "cancel", "will", "would", "plan", "firm"]

HYPOTHETICAL_MODALS = frozenset({"might", "may", "should", "must", "ought", "shall", "need", "dare"})
ABILITY_MODALS = frozenset({"can", "could", "ca"})  # "could not reach a deal" asserts non-occurrence
FUTURE_MODALS = frozenset({"will", "wo", "'ll"})
CONDITIONAL_MODALS = frozenset({"would", "'d"})
NEGATIONS = frozenset({"not", "n't", "never", "no", "neither", "nor"})
HEDGING_ADVERBS = frozenset({"perhaps", "possibly", "probably", "maybe", "potentially", "likely", "conceivably"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether", "lest", "provided", "providing", "supposing"})
INVERTED_CONDITIONALS = frozenset({"were", "had", "should"})  # "Were China to invade", "Had Russia won"
# Present tense after these marks refers to the main clause's time: "will visit after he meets Biden".
TEMPORAL_MARKS = frozenset({"when", "after", "before", "once", "until", "till", "while", "as"})

# Governors of a non-finite complement ("X to do", "X doing"), by lemma or word.
COMPLEMENT_FRAMES: dict[str, Operator] = {
    **dict.fromkeys(("fail", "refuse", "decline", "neglect", "avoid", "forgo", "forego", "unable"), "negated"),
    **dict.fromkeys((
        "expect", "likely", "unlikely", "poise", "poised", "aim", "seek", "want", "hope", "wish", "threaten",
        "vow", "pledge", "promise", "propose", "advocate", "urge", "call", "consider", "weigh", "mull",
        "contemplate", "try", "attempt", "prepare", "prepared", "offer", "ask", "demand", "request", "press",
        "push", "encourage", "invite", "need", "look", "ready", "willing", "eager", "keen", "reluctant",
        "determined", "struggle", "strive", "plot", "order", "instruct", "tell", "ought", "appeal", "lobby",
        "hesitate", "suggest", "recommend", "favour", "favor", "anticipate", "predict", "forecast", "project",
        "tip", "rumor", "rumour", "suppose",
    ), "hypothetical"),
    **dict.fromkeys(("plan", "intend"), "plan"),
    **dict.fromkeys(("set", "due", "schedule", "slate", "decide", "agree", "vote", "resolve", "about"), "firm"),
}
# Verbs whose infinitive complement is done, as a verb without them would be: "moved to block", "began to".
IMPLICATIVE_VERBS = frozenset({"move", "begin", "start", "continue", "proceed", "manage"})
# Verbs that take an event noun as object ("proposed talks", "refused talks", "scheduled a summit").
OBJECT_FRAMES: dict[str, Operator] = {
    **dict.fromkeys(("refuse", "decline", "forgo", "forego", "avoid"), "negated"),
    **dict.fromkeys((
        "plan", "propose", "threaten", "want", "seek", "consider", "weigh", "mull", "contemplate", "urge",
        "demand", "request", "offer", "promise", "pledge", "vow", "expect", "predict", "fear", "prepare",
        "advocate", "favour", "favor", "debate", "envisage", "envision", "suggest", "recommend", "float",
    ), "hypothetical"),
    **dict.fromkeys(("schedule", "arrange"), "firm"),
}
# Verbs whose object or subject clause the noun is the cancelled plan of.
CANCELLING_VERBS = frozenset({"cancel", "scrap", "postpone", "abort", "shelve", "abandon", "scuttle", "axe", "nix",
                              "delay"})
CANCELLING_PHRASAL_VERBS = frozenset({("call", "off"), ("put", "off"), ("rule", "out")})
# A verb that takes the event as given: "might lift the ban" does not make the ban hypothetical.
PRESUPPOSING_VERBS = frozenset({
    "lift", "end", "ease", "relax", "loosen", "remove", "revoke", "repeal", "rescind", "extend", "renew", "expand",
    "tighten", "condemn", "criticize", "criticise", "denounce", "protest", "oppose", "welcome", "praise", "violate",
    "evade", "circumvent", "defy", "challenge", "survive", "review", "investigate", "suspend", "resist", "retaliate",
    "blame", "mark", "commemorate", "recall", "follow", "overshadow", "dominate", "cover", "reject", "dismiss",
    "dispute",
})
PRESUPPOSING_NOMINALS = frozenset({
    "lifting", "lift", "end", "easing", "removal", "repeal", "extension", "renewal", "expansion", "tightening",
    "condemnation", "criticism", "violation", "impact", "effect", "cost", "consequence", "aftermath", "anniversary",
    "collapse", "failure", "outcome", "result", "success", "wake", "suspension", "review", "side", "sidelines",
    "margin", "margins", "eve", "start", "beginning", "course", "day", "week",
})

# Nouns that frame an event noun ("the possibility of sanctions") or an infinitive ("the plan to impose").
NOUN_FRAMES: dict[str, Operator] = {
    **dict.fromkeys(("lack", "absence", "cancellation", "cancelation", "postponement", "scrapping", "abandonment",
                     "refusal", "failure", "rejection"), "negated"),
    **dict.fromkeys((
        "possibility", "prospect", "threat", "risk", "talk", "plan", "proposal", "idea", "chance", "likelihood",
        "danger", "fear", "hope", "speculation", "rumour", "rumor", "suggestion", "call", "demand", "push", "bid",
        "offer", "pledge", "promise", "vow", "intention", "attempt", "effort", "readiness", "willingness", "desire",
        "ambition", "aim", "goal", "pressure", "request", "invitation", "order", "need", "opportunity", "option",
        "commitment", "expectation", "suspicion", "warning", "prospects", "consideration", "discussion",
    ), "hypothetical"),
    **dict.fromkeys(("decision", "agreement", "deal", "resolution", "schedule"), "firm"),
}
# "refusal of talks" negates, but "the failure of the talks" presupposes they happened: only the
# infinitive frame ("failure to agree") negates for these.
NEGATING_ONLY_BEFORE_INFINITIVE = frozenset({"failure", "rejection"})
# Content nouns whose "that"-clause is a claim relayed by the writer ("reports that China supplied").
CLAIM_NOUNS = frozenset({"claim", "report", "allegation", "accusation", "assertion", "charge", "statement",
                         "announcement", "news", "confirmation"})

NOUN_MODIFIERS: dict[str, Operator] = {
    **dict.fromkeys((
        "planned", "proposed", "potential", "possible", "prospective", "mooted", "threatened", "expected", "likely",
        "hypothetical", "future", "envisaged", "contemplated", "rumoured", "rumored", "intended", "tentative",
        "putative", "probable", "looming", "mulled",
    ), "hypothetical"),
    **dict.fromkeys(("cancelled", "canceled", "aborted", "scrapped", "postponed", "shelved", "abandoned",
                     "delayed"), "cancel"),
    **dict.fromkeys(("upcoming", "scheduled", "forthcoming", "impending", "imminent"), "firm"),
}

# Verbs of saying: the complement keeps its own modality; the subject is the attribution.
REPORTING_VERBS = frozenset({
    "say", "tell", "announce", "confirm", "state", "declare", "report", "add", "note", "claim", "allege", "insist",
    "assert", "write", "explain", "reiterate", "stress", "emphasize", "emphasise", "acknowledge", "admit",
    "disclose", "reveal", "inform", "testify", "argue", "warn", "ask", "tweet", "post", "maintain", "contend",
    "charge", "indicate", "signal", "complain", "recall", "quote", "observe", "remark", "mention", "brief", "accuse",
    "point", "show", "conclude", "find",
})
# Saying that, with "will", announces a future act rather than forecasting one.
ANNOUNCING_VERBS = frozenset({"say", "tell", "announce", "confirm", "state", "declare", "add", "reiterate", "inform",
                              "disclose", "reveal", "stress", "emphasize", "emphasise", "tweet", "post", "unveil"})
DENYING_VERBS = frozenset({"deny", "dismiss", "refute", "rebut", "reject", "disavow", "dispute"})
# Verbs of mind: the complement is not asserted ("US officials believe China supplied drones").
HEDGING_VERBS = frozenset({
    "hope", "expect", "want", "fear", "believe", "think", "suspect", "suggest", "propose", "urge", "demand",
    "recommend", "predict", "speculate", "doubt", "wonder", "anticipate", "worry", "guess", "estimate", "forecast",
    "assume", "imagine", "wish", "request", "seem", "appear",
})
HEDGING_ADJECTIVES = frozenset({"likely", "unlikely", "possible", "probable", "conceivable", "expected", "uncertain",
                                "unclear", "doubtful", "plausible"})
# Verbs of implication: "X does not mean that Y" neither asserts nor denies Y.
IMPLYING_VERBS = frozenset({"mean", "imply", "guarantee", "entail", "signify", "follow"})
COMPARING_ADJECTIVES = frozenset({"akin", "tantamount", "equivalent", "comparable", "analogous", "similar"})
ACCUSING_VERBS = frozenset({"accuse", "charge", "blame", "suspect"})
RESTRAINING_VERBS = frozenset({"refrain", "abstain", "desist", "stop", "bar", "ban", "prevent", "block", "prohibit",
                               "keep", "deter", "dissuade", "forbid", "restrain", "shy"})
# Verb + preposition frames on an event noun ("called for talks", "took part in the summit").
PREPOSITION_FRAMES: dict[tuple[str, str], Operator | None] = {
    **dict.fromkeys((("call", "for"), ("push", "for"), ("press", "for"), ("hope", "for"), ("argue", "for"),
                     ("lobby", "for"), ("appeal", "for"), ("ask", "for"), ("plead", "for"), ("prepare", "for"),
                     ("plan", "for"), ("aim", "for"), ("threaten", "with"), ("warn", "of"), ("wait", "for"),
                     ("campaign", "for"), ("work", "toward"), ("work", "towards"), ("pave", "for")), "hypothetical"),
    **dict.fromkeys((("agree", "to"), ("agree", "on"), ("decide", "on"), ("settle", "on")), "firm"),
    # Participation: the event noun shares the verb's modality ("did not take part in the talks").
    **dict.fromkeys((("take", "in"), ("participate", "in"), ("engage", "in"), ("join", "in"), ("partake", "in"),
                     ("be", "in"), ("hold", "with"), ("enter", "into"), ("get", "into"), ("go", "into")), None),
}

# Every word the tables above look up, to repair the small model's lemmas ("hopes" -> "hop").
VOCABULARY = frozenset().union(
    COMPLEMENT_FRAMES, OBJECT_FRAMES, CANCELLING_VERBS, PRESUPPOSING_VERBS, PRESUPPOSING_NOMINALS, NOUN_FRAMES,
    CLAIM_NOUNS, REPORTING_VERBS, ANNOUNCING_VERBS, DENYING_VERBS, HEDGING_VERBS, ACCUSING_VERBS,
    RESTRAINING_VERBS, (verb for verb, _ in PREPOSITION_FRAMES), (verb for verb, _ in CANCELLING_PHRASAL_VERBS),
)
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
AUXILIARIES = frozenset({"aux", "auxpass"})
