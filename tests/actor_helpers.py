"""Helpers shared by tests of the actor matcher and the resolver."""

from datetime import date

from tripolar.coding.mentions import actor_matcher
from tripolar.ontology.resolver import resolve_actor


def found(text: str, on: str = "2024-06-01") -> list[tuple[str, str, str, str]]:
    """Each mention in ``text`` with the code, role and canonical name it resolves to on ``on``."""
    matcher = actor_matcher()
    rows = []
    for mention in matcher.find(text):
        actor = matcher.resolve(mention, date.fromisoformat(on))
        rows.append((mention.text, actor.code if actor else "?", actor.role if actor else "?",
                     actor.canonical if actor else "?"))
    return rows


def resolved(name: str, on: str, country: str | None = None) -> tuple:
    """What the resolver makes of ``name`` on ``on``: country, role, person and office."""
    result = resolve_actor(name, date.fromisoformat(on), country)
    return result.country, result.role, result.person, result.office
