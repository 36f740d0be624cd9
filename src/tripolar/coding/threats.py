"""A hostile act its doer vows, warns of or wants is a threat made, not an act done (CAMEO root 13).

"China vowed to strike Taiwan", "Russia threatened to cut off gas", "Putin warned that Russia would
strike Kyiv", "Obama wants to attack Switzerland", "a doctrine that paves the way for nuclear strikes": the
event is the threat (CAMEO 13x, factual), as
CAMEO, PETRARCH's gold and our seed gold code it. A plan, a pledge or an announcement ("plans to
impose", "pledged to expel", "said it will impose") stays the act, hypothetical or scheduled.
"""

from __future__ import annotations

from spacy.tokens import Token

# Verbs whose complement is an act their subject commits to or wishes for.
# A pledge or promise is a commitment, made to someone else: "pledged to expel" stays the expulsion.
THREAT_FRAMES = frozenset({"vow", "swear", "threaten", "warn", "want"})
# Verbs whose "that" clause, with "will"/"would", states what their subject will do: "warned that it
# would retaliate".
WARNING_FRAMES = frozenset({"warn", "threaten", "vow", "swear"})
FUTURE_AUXILIARIES = frozenset({"will", "would", "'ll", "shall"})
# Verbs that make "the way for" an act of their own subject ready: "paves the way for strikes".
WAY_PREPARING_VERBS = frozenset({"pave", "clear", "open", "prepare"})

# The threat of each hostile act, most specific first (the codes of CAMEO 13).
_THREATS = (
    ("162", "1311"), ("163", "1312"), ("161", "1313"), ("164", "134"), ("165", "135"), ("16", "131"),
    ("17", "132"), ("14", "133"), ("191", "1381"), ("192", "1382"), ("204", "1385"), ("18", "1383"),
    ("19", "1384"), ("20", "138"),
)


def threat_code(code: str) -> str | None:
    """The CAMEO code of threatening the act ``code`` codes, or None for an act that is no harm."""
    return next((threat for prefix, threat in _THREATS if code.startswith(prefix)), None)


def threat_frame(trigger: Token) -> Token | None:
    """The verb by which the trigger's own subject threatens the act: "vowed [to strike]" (the same
    subject, through the infinitive), or "warned that [it would strike]" (a clause whose subject the
    caller checks is the warner)."""
    frame = trigger.head
    if trigger.dep_ == "xcomp" and frame.lemma_.lower() in THREAT_FRAMES:
        # Not "wants Putin to attack": another doer, and wanting that of them is an appeal.
        if not any(child.dep_ == "nsubj" for child in trigger.children) and not any(
                child.dep_ == "dobj" for child in frame.children):
            return frame
    if trigger.dep_ == "ccomp" and frame.lemma_.lower() in WARNING_FRAMES and any(
            child.dep_ == "aux" and child.lower_ in FUTURE_AUXILIARIES for child in trigger.children):
        return frame
    # "a doctrine that paves the way for nuclear strikes": readying one's own attack is threatening it.
    way = frame.head
    if trigger.dep_ == "pobj" and frame.lower_ == "for" and way.lemma_.lower() == "way" and way.dep_ == "dobj" \
            and way.head.lemma_.lower() in WAY_PREPARING_VERBS:
        return way.head
    return None
