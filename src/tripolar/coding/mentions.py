"""Actor mentions in text: every name the knowledge base knows, found in one pass, resolved by date.

One Aho-Corasick automaton holds the names of states, capitals, places, seats of power, bodies, armed groups
and office-holders (with their titles), the office phrases ("China's foreign minister", "the US
president") and country + role nouns ("Russian troops", "Chinese officials"). Matches are leftmost
longest on word boundaries. Case matters where English makes it matter: a name must start with a
capital letter in the text, and short all-capital abbreviations (US, UK, EU) must match exactly, so
"us" and "turkey" in running text are not actors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache

from tripolar.errors import ActorNotFound
from tripolar.model import Actor
from tripolar.ontology._tables import read_table
from tripolar.ontology.actors import countries, offices
from tripolar.ontology.resolver import KnowledgeBase, Resolution, knowledge_base, name_key

_AGENTS_FILE = "agents.tsv"
_ABBREVIATION = re.compile(r"^[A-Z][A-Z.&]{0,6}$")
# A one-word name that is also a month or weekday ("May", "Sunday") is too often the date to be a
# person; the full name and titled forms ("Theresa May", "Mrs May") still match.
_CALENDAR_WORDS = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
# A one-word person name followed by another capitalised word in running text is someone's first name
# ("Richard Nixon" is not Alain Richard) unless that word is one the press capitalises after a leader's
# name ("the Obama Administration", "Putin Tuesday").
_NEXT_NAME = re.compile(r"\s([A-Z][a-z'’-]+)(?=[\s,;:]+[a-z(]|[.,;:]?\s*$)")
_AFTER_LEADER = frozenset(
    {"administration", "government", "cabinet", "campaign", "team", "era", "presidency", "doctrine", "regime"}
) | _CALENDAR_WORDS
# A name inside the title of a law names no actor: "the Taiwan Relations Act", "the Hong Kong Human
# Rights and Democracy Act", "Countering America's Adversaries Through Sanctions Act".
_IN_TITLE_OF_LAW = re.compile(r"(?:['’]s)?(?:\s+(?:[A-Z][\w'’-]*|and|of|the|for|on|to))*?\s+(?:Act|Bill)\b")
_ELECT = "-elect"
_FORMER = re.compile(r"(?:former|ex-)\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of text naming an actor. ``role`` is set for country + role-noun mentions."""

    start: int
    end: int
    text: str
    surface: str
    country: str | None = None
    role: str | None = None


def _agent_nouns() -> list[tuple[str, str]]:
    from importlib import resources
    from pathlib import Path

    path = Path(str(resources.files("tripolar.coding") / "data" / _AGENTS_FILE))
    return [(row["noun"], row["role"]) for _, row in read_table(path, ("noun", "role"))]


def _office_phrases() -> set[str]:
    """Country-qualified titles: "Chinese foreign minister", "Russia's president", "president of Russia"."""
    phrases: set[str] = set()
    for (code, _), office in offices().items():
        country = countries().get(code)
        if country is None:
            continue
        qualifiers = {country.name, *country.names, *country.adjectives}
        for title in office.titles:
            for qualifier in qualifiers:
                phrases.add(f"{qualifier} {title}")
                phrases.add(f"{title} of {qualifier}")
            for name in (country.name, *country.names):
                phrases.add(f"{name}'s {title}")
                phrases.add(f"{title} of the {name}")
    return phrases


class ActorMatcher:
    """Finds actor mentions in text and resolves them to actors on a date."""

    def __init__(self, kb: KnowledgeBase) -> None:
        import ahocorasick

        self.kb = kb
        # The same names recur on the same days: remember the knowledge base's answers (bounded).
        self._resolution = lru_cache(maxsize=100_000)(self._look_up)
        self.automaton = ahocorasick.Automaton()
        for surface in kb.surfaces | _office_phrases():
            self._add(surface, (surface, None, None))
        self.places = frozenset(name_key(name) for country in countries().values()
                                for name in (country.name, *country.names, *country.adjectives))
        agent_nouns = _agent_nouns()
        for country in countries().values():
            for adjective in (*country.adjectives, country.name):
                for noun, role in agent_nouns:
                    surface = f"{adjective} {noun}"
                    self._add(surface, (surface, country.code, role))
        self.automaton.make_automaton()

    def _add(self, surface: str, value: tuple[str, str | None, str | None]) -> None:
        core = surface[4:] if surface.lower().startswith("the ") else surface
        if len(core) < 2 or core.lower() in _CALENDAR_WORDS:
            return
        key = core.lower()
        # A specific (agent) reading wins over a plain name for the same words.
        if key not in self.automaton or value[1] is not None:
            self.automaton.add_word(key, (core, *value[1:]))

    def find(self, text: str) -> list[Mention]:
        """Leftmost-longest actor mentions on word boundaries."""
        # Lower case keeping every offset: a character whose lower case is longer ("İ") stays as it is.
        lowered = text.lower()
        if len(lowered) != len(text):
            lowered = "".join(char.lower() if len(char.lower()) == 1 else char for char in text)
        found = []
        for last, (core, country, role) in self.automaton.iter(lowered):
            start = last - len(core) + 1
            end = last + 1
            if start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
                continue
            # A combining form ("Sino-", "Russo-") is written joined to the next word: "Sino-Russian".
            joined = core.endswith("-")
            if end < len(text) and (text[end].isalnum() or text[end] == "_") != joined:
                continue
            written = text[start:end]
            if _ABBREVIATION.match(core) or (" " not in core and any(char.isupper() for char in core[1:])):
                if written != core:  # US, EU, LeT, McMaster: exactly as written
                    continue
            elif not written[0].isupper():
                continue
            if " " not in core and self._first_name(core, text, end):
                continue
            if _IN_TITLE_OF_LAW.match(text, end):
                continue
            found.append((start, end, written, core, country, role))
        found.sort(key=lambda item: (item[0], -(item[1] - item[0])))
        mentions: list[Mention] = []
        taken_until = -1
        for start, end, written, core, country, role in found:
            if start >= taken_until:
                mention = Mention(start, end, written, core, country, role)
                # "former US Marine": "former" qualifies the marine, not the country.
                mentions.append(mention if name_key(core) in self.places else _with_time_words(text, mention))
                taken_until = end
        return mentions

    def _first_name(self, core: str, text: str, end: int) -> bool:
        """Whether a one-word person name is the first name of someone else: "Richard Nixon"."""
        key = name_key(core)
        if key not in self.kb.people or key in self.kb.fixed:
            return False
        following = _NEXT_NAME.match(text, end)
        return following is not None and following.group(1).lower() not in _AFTER_LEADER

    def resolve(self, mention: Mention, on: date, country: str | None = None) -> Actor | None:
        """The actor a mention names on ``on``; None when unknown or ambiguous (no guessing)."""
        if mention.country is not None:
            name = countries()[mention.country].name
            return Actor(mention.country, mention.role or "", mention.text, name)
        resolution = self._resolution(mention.surface, on, country)
        if resolution is None:
            return None
        return Actor(resolution.country, resolution.role, mention.text, resolution.person or resolution.name)

    def _look_up(self, surface: str, on: date, country: str | None) -> Resolution | None:
        try:
            return self.kb.resolve(surface, on, country)
        except ActorNotFound:
            return None


def _with_time_words(text: str, mention: Mention) -> Mention:
    """Take in "-elect" after and "former" before a name or title: they change who it names."""
    if mention.country is not None:
        return mention
    start, end, surface = mention.start, mention.end, mention.surface
    if text[end:end + len(_ELECT)].lower() == _ELECT:
        end += len(_ELECT)
        surface += _ELECT
    former = _FORMER.search(text, 0, start)
    if former:
        start = former.start()
        surface = f"former {surface}"
    if (start, end) == (mention.start, mention.end):
        return mention
    return Mention(start, end, text[start:end], surface, None, None)


@cache
def actor_matcher() -> ActorMatcher:
    return ActorMatcher(knowledge_base())
