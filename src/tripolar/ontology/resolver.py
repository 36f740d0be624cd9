"""Resolve a name as the press writes it to a country, role, person and office on a given date.

"Trump" is the US head of state on 2019-05-01 and 2025-03-01 but a former one (role ``ELI``) on
2022-06-01; "Premier Li" is Li Keqiang in 2015 and Li Qiang in 2024; "China's foreign minister"
is whoever held that office on the day. A person out of office resolves to their country with
role ``ELI``, never to an office they did not hold that day.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import date
from functools import cache

from tripolar.errors import ActorNotFound
from tripolar.ontology.actors import (
    Tenure,
    armed_groups,
    countries,
    groupings,
    institutions,
    offices,
    places,
    tenures,
)

# When one person holds several offices at once, the first listed here names them.
OFFICE_RANK = (
    "head_of_state", "head_of_government", "party_leader", "commission_president", "council_president",
    "secretary_general", "high_representative", "vice_president", "foreign_minister", "defence_minister",
    "finance_minister", "trade_minister", "trade_representative", "trade_commissioner",
    "national_security_adviser", "parliament_president",
)
HONORIFICS = ("Mr", "Mrs", "Ms", "Dr", "Madam", "Mister")
# Between an election (or nomination) and taking office: US transitions run about 11 weeks.
INCOMING_DAYS = 90
_FORMER = re.compile(r"^(?:former|ex|then|erstwhile)[ -]+", re.IGNORECASE)
_ELECT = re.compile(r"[ -]elect$", re.IGNORECASE)


def name_key(text: str) -> str:
    """The form names are compared in: no accents, case, dots, hyphens, 'the' or extra spaces."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    text = "".join(char for char in text if not unicodedata.combining(char)).casefold()
    text = re.sub(r"[.\u2010-\u2015-]", lambda m: "" if m.group() == "." else " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    return text[4:] if text.startswith("the ") else text


@dataclass(frozen=True, slots=True)
class Resolution:
    """What a name stands for on a date. ``person``/``office`` are None for non-persons."""

    country: str
    role: str
    person: str | None
    office: str | None
    name: str

    def to_dict(self) -> dict[str, str | None]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class _Fixed:
    """A name with one meaning whatever the date: a state, a seat of power, a body."""

    country: str
    role: str
    name: str


class KnowledgeBase:
    """Indexes every name of every actor; :meth:`resolve` answers for a given date."""

    def __init__(self) -> None:
        self.fixed: dict[str, _Fixed] = {}
        self.surfaces: set[str] = set()  # every name as written in the data, for text matchers
        self.people: dict[str, set[str]] = defaultdict(set)  # key → person names
        self.titled: dict[str, set[tuple[str, str]]] = defaultdict(set)  # "premier li" → {(person, office)}
        self.tenures: dict[str, list[Tenure]] = defaultdict(list)
        self.holders: dict[tuple[str, str], list[Tenure]] = defaultdict(list)  # (CHN, premier) → tenures
        self.qualifiers: dict[str, str] = {}  # "chinese", "china" → CHN
        # "foreign minister" → {(CHN, foreign_minister), (RUS, foreign_minister), ...}
        self.titles: dict[str, set[tuple[str, str]]] = defaultdict(set)
        self._index_fixed()
        self._index_people()
        self._index_places()
        # Longest qualifier first, so "south korean" wins over "korean".
        self.qualifier_order = sorted(self.qualifiers.items(), key=lambda item: -len(item[0]))

    def _add_fixed(self, surface: str, entry: _Fixed) -> None:
        # First writer wins: state names load first, so "Georgia" stays a state.
        self.fixed.setdefault(name_key(surface), entry)
        self.surfaces.add(surface)

    def _index_fixed(self) -> None:
        for country in countries().values():
            state = _Fixed(country.code, "", country.name)
            for surface in (country.name, *country.names, *country.adjectives, *country.demonyms):
                self._add_fixed(surface, state)
            for surface in (country.name, *country.names, *country.adjectives):
                self.qualifiers.setdefault(name_key(surface), country.code)
        for item in institutions():
            entry = _Fixed(item.code, item.role, item.phrase)
            for surface in (item.phrase, *item.aliases):
                self._add_fixed(surface, entry)
        for body in groupings():
            entry = _Fixed(body.code, "", body.name)
            for surface in (body.key, body.name, *body.aliases):
                self._add_fixed(surface, entry)
        for group in armed_groups():
            entry = _Fixed(group.code, group.role, group.name)
            for surface in (group.name, *group.aliases):
                self._add_fixed(surface, entry)
        # Capitals last: where a body is known by its seat ("Brussels" for the EU), the body wins.
        for country in countries().values():
            for capital in country.capitals:
                self._add_fixed(capital, _Fixed(country.code, "GOV", country.name))

    def _index_people(self) -> None:
        for office in offices().values():
            for title in office.titles:
                self.titles[name_key(title)].add((office.country, office.office))
        for tenure in tenures():
            self.tenures[tenure.person].append(tenure)
            self.holders[(tenure.country, tenure.office)].append(tenure)
            names = {tenure.person, tenure.short, *tenure.aliases} - {""}
            for surface in names:
                self.people[name_key(surface)].add(tenure.person)
                self.surfaces.add(surface)
            for honorific in HONORIFICS if tenure.short else ():
                self.people[name_key(f"{honorific} {tenure.short}")].add(tenure.person)
                self.surfaces.update((f"{honorific} {tenure.short}", f"{honorific}. {tenure.short}"))
            titles = offices()[(tenure.country, tenure.office)].titles
            for title in {*titles, *(_title_head(title) for title in titles)} - {""}:
                for surface in names:
                    self.titled[name_key(f"{title} {surface}")].add((tenure.person, tenure.office))
                    self.surfaces.add(f"{title} {surface}")

    def _index_places(self) -> None:
        """Places name their state as a whole (role ""): "strikes in Kharkiv" hit Ukraine, not its
        government, as "Kyiv" would. They come last and take only free names, so a place never
        shadows a state, capital, body, group or person ("Smolensk Square" stays the Russian foreign
        ministry, and a longer name wins in text anyway)."""
        for place in places():
            entry = _Fixed(place.country, "", countries()[place.country].name)
            for surface in (place.name, *place.aliases):
                key = name_key(surface)
                if key in self.fixed or key in self.people or key in self.titled:
                    continue
                self.fixed[key] = entry
                self.surfaces.add(surface)

    # -- resolution -------------------------------------------------------------------------
    def resolve(self, name: str, on: date, country: str | None = None) -> Resolution:
        """Resolve ``name`` on day ``on``; ``country`` qualifies a bare title ("the president")."""
        text = name.strip()
        former = bool(_FORMER.match(text))
        text = _FORMER.sub("", text)
        elect = bool(_ELECT.search(text))
        text = _ELECT.sub("", text)
        key = name_key(text)
        if not former and not elect and key in self.fixed:
            entry = self.fixed[key]
            return Resolution(entry.country, entry.role, None, None, entry.name)
        if key in self.titled:
            candidates = self.titled[key]
            return self._person(name, {person for person, _ in candidates}, on, former,
                                prefer={office for _, office in candidates})
        if key in self.people:
            return self._person(name, self.people[key], on, former, prefer=set())
        office = self._office_phrase(key, country)
        if office is not None:
            return self._office_holder(name, *office, on=on, former=former, elect=elect)
        raise ActorNotFound(
            f"'{name}' is not a known country, body, group or office-holder",
            hint="Check the spelling, use the full name, or add the actor to the knowledge base",
        )

    def _office_phrase(self, key: str, default_country: str | None) -> tuple[str, str] | None:
        """Read "china's foreign minister", "chinese foreign minister", "president of russia"."""
        for qualifier, code in self.qualifier_order:
            for title in _titles_around(key, qualifier):
                office = self._one_office(title, code)
                if office is not None:
                    return office
        return self._one_office(key, default_country) if default_country else None

    def _one_office(self, title: str, country: str) -> tuple[str, str] | None:
        # A title two offices of one state share ("Secretary") names neither.
        matches = [(code, office) for code, office in self.titles.get(title, ()) if code == country]
        return matches[0] if len(matches) == 1 else None

    def _office_holder(self, name: str, country: str, office: str, on: date, former: bool, elect: bool) -> Resolution:
        held = sorted(self.holders[(country, office)], key=lambda t: t.start)
        role = offices()[(country, office)].role
        if elect:
            # The incoming holder acts for the incoming government already (transition talks,
            # announced policies), so the role is the office's, though the office is not yet held.
            upcoming = [t for t in held if on < t.start and (t.start - on).days <= INCOMING_DAYS]
            if upcoming:
                return Resolution(country, role, upcoming[0].person, None, upcoming[0].person)
        elif former:
            past = [t for t in held if t.end is not None and t.end <= on]
            if past:
                return Resolution(country, "ELI", past[-1].person, None, past[-1].person)
        elif not offices()[(country, office)].several:
            for tenure in held:
                if tenure.covers(on):
                    return Resolution(country, role, tenure.person, office, tenure.person)
        # The office exists but the knowledge base has no holder for that day: the state's government.
        if former:
            return Resolution(country, "ELI", None, None, name)
        if elect:
            return Resolution(country, role, None, None, name)
        return Resolution(country, role, None, office, name)

    def _person(self, name: str, people: set[str], on: date, former: bool, prefer: set[str]) -> Resolution:
        active = {}
        for person in people:
            current = [t for t in self.tenures[person] if t.covers(on)]
            if current and not former:
                current.sort(key=lambda t: (t.office not in prefer, _rank(t.office)))
                active[person] = current[0]
        if len(active) == 1:
            tenure = next(iter(active.values()))
            return Resolution(tenure.country, offices()[(tenure.country, tenure.office)].role,
                              tenure.person, tenure.office, tenure.person)
        if len(active) > 1:
            ordered = sorted(active.values(), key=lambda t: t.person)
            listed = "; ".join(f"{t.person} ({t.country} {t.office})" for t in ordered)
            raise ActorNotFound(f"'{name}' is ambiguous on {on.isoformat()}: {listed}", hint="Use the full name")
        incoming = [t for person in people if not former for t in self.tenures[person]
                    if on < t.start and (t.start - on).days <= INCOMING_DAYS]
        if len({t.person for t in incoming}) == 1:
            # Elected or named, not yet sworn in: already acting for the incoming government.
            tenure = min(incoming, key=lambda t: _rank(t.office))
            return Resolution(tenure.country, offices()[(tenure.country, tenure.office)].role, tenure.person, None,
                              tenure.person)
        # Nobody in office that day: the person who served most recently before it (else the
        # one who takes office soonest after it), as a former or future office-holder.
        def anchor(person: str) -> Tenure:
            past = [t for t in self.tenures[person] if t.start <= on]
            if past:
                return max(past, key=lambda t: t.start)
            return min(self.tenures[person], key=lambda t: t.start)

        def recency(person: str) -> tuple[int, int]:
            tenure = anchor(person)
            if tenure.start <= on:
                return 1, tenure.start.toordinal()
            return 0, -tenure.start.toordinal()

        chosen = max(people, key=recency)
        countries_named = {anchor(person).country for person in people}
        if len(countries_named) > 1:
            listed = ", ".join(sorted(people))
            raise ActorNotFound(f"'{name}' is ambiguous on {on.isoformat()}: {listed}", hint="Use the full name")
        return Resolution(anchor(chosen).country, "ELI", chosen, None, chosen)


def _title_head(title: str) -> str:
    """The noun the press puts before a name in short: "Secretary" of "Secretary of Defense" and of
    "Defense Secretary", "Minister" of "Foreign Minister". None for deputies ("Vice President")."""
    words = title.split()
    if len(words) < 2 or words[0].casefold() in {"vice", "deputy", "acting", "first"}:
        return ""
    if "of" in words:
        return " ".join(words[: words.index("of")])
    return words[-1]


def _titles_around(key: str, qualifier: str) -> list[str]:
    """What is left of ``key`` around a country qualifier: "china's X", "chinese X", "X of (the) china"."""
    found = []
    for prefix in (f"{qualifier}'s ", f"{qualifier}' ", f"{qualifier} "):
        if key.startswith(prefix):
            found.append(key[len(prefix):])
    for suffix in (f" of {qualifier}", f" of the {qualifier}"):
        if key.endswith(suffix):
            found.append(key[: -len(suffix)])
    return found


def _rank(office: str) -> int:
    return OFFICE_RANK.index(office) if office in OFFICE_RANK else len(OFFICE_RANK)


@cache
def knowledge_base() -> KnowledgeBase:
    return KnowledgeBase()


def knowledge_base_summary() -> dict[str, int]:
    """How much the knowledge base holds: the counts ``tripolar actors stats`` prints."""
    kb = knowledge_base()
    return {
        "states": len(countries()),
        "institutions": len(institutions()),
        "groupings": len(groupings()),
        "armed_groups": len(armed_groups()),
        "places": len(places()),
        "offices": len(offices()),
        "office_holders": len({t.person for t in tenures()}),
        "tenures": len(tenures()),
        "names": len(kb.fixed) + len(kb.people) + len(kb.titled),
    }


def resolve_actor(name: str, on: date, country: str | None = None) -> Resolution:
    """Resolve a name to ``country``, ``role``, ``person``, ``office`` on the date ``on``.

    Raises :class:`tripolar.errors.ActorNotFound` when the name is unknown or ambiguous.
    """
    return knowledge_base().resolve(name, on, country)
