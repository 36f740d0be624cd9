"""The strategic triangle per period: each pair's amity or enmity, Dittmer's configuration, Wu's roles.

Dittmer (1981) reads a triangle from the signs of its three relations: three amities are a *ménage à
trois*; two amities and an enmity a *romantic triangle*, whose *pivot* is friends with two *wings* that
are at odds; one amity and two enmities a *stable marriage* of two *partners* against an *outcast*;
three enmities a *unit veto*. Wu (1996) ranks the positions (pivot > friend > partner > wing > foe >
outcast) and scores actor i as u_i = s_ij + s_ik − s_jk: +3 for a pivot, +1 for a friend or partner,
−1 for a wing or foe, −3 for an outcast. Here u_i is given twice: on the signs, and threshold-free on
the standardised scores.

The hard part is the sign. In news event data cooperation outweighs conflict in almost every dyad
almost always, so "amity when the mean Goldstein score is above zero" calls US–Russia relations warm
for decades. The default reading is therefore *relative* (``reference="standardised"``): a pair's
score (the mean Goldstein intensity of its events, both directions together) is standardised against
all three pairs' scores over a trailing window (``window`` periods, the current one included, no
look-ahead), and a pair is in amity above +``band`` standard deviations, in enmity below −``band``,
neutral between. This asks whether a relation is warmer or colder than the triangle's own recent
normal, which is the comparative sense in which Dittmer's amity and enmity are meant. The absolute
reading (``reference="absolute"``, ``band`` in Goldstein points) is there for scores that are
meaningful on their own. A pair with fewer than ``min_events`` events in a period has no sign (too
little evidence) unless its last sign is at most ``carry`` periods old (relations persist between
reports; off by default), and a sign flips only after ``hold`` periods in the new state. Any pair without a
sign leaves the period ``undetermined``, with the reason; the report shows how the reading changes
with the band (``sensitivity``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

from tripolar.analysis.frame import DyadSeries, dyad_name
from tripolar.errors import InputError

CONFIGURATIONS = ("menage_a_trois", "romantic_triangle", "stable_marriage", "unit_veto", "undetermined")
REFERENCES = ("standardised", "absolute")
DEFAULT_BANDS = {"standardised": 0.5, "absolute": 1.0}
SENSITIVITY_BANDS = {"standardised": (0.0, 0.25, 0.5, 1.0), "absolute": (0.0, 0.5, 1.0, 2.0)}
_SIGN_TEXT = {1: "+", 0: "0", -1: "-"}


@dataclass(frozen=True)
class TriangleSettings:
    """How a pair's score becomes a sign. Defaults: see the module notes."""

    reference: str = "standardised"
    band: float | None = None  # None: 0.5 standard deviations (standardised) or 1 Goldstein point (absolute)
    min_events: int = 3
    window: int = 12
    hold: int = 1
    carry: int = 0  # periods a pair's last sign stands in for a period with too few events

    def __post_init__(self) -> None:
        if self.reference not in REFERENCES:
            raise InputError(f"unknown reference '{self.reference}': use {', '.join(REFERENCES)}", field="reference")
        if self.band is not None and self.band < 0:
            raise InputError(f"the neutral band must be >= 0, got {self.band}", field="band")
        if self.min_events < 0 or self.window < 2 or self.hold < 1 or self.carry < 0:
            raise InputError("min_events and carry must be >= 0, window >= 2 and hold >= 1", field="settings")

    @property
    def neutral_band(self) -> float:
        return DEFAULT_BANDS[self.reference] if self.band is None else self.band

    def to_json(self) -> dict[str, Any]:
        return {"reference": self.reference, "band": self.neutral_band, "min_events": self.min_events,
                "window": self.window, "hold": self.hold, "carry": self.carry}


def pair_name(first: str, second: str) -> str:
    return "-".join(sorted((first, second)))


@dataclass(frozen=True)
class PairReading:
    score: float
    events: int | None
    z: float | None
    sign: int
    reason: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"score": _round(self.score), "sign": _SIGN_TEXT[self.sign], "events": self.events,
                "z": _round(self.z), **({"reason": self.reason} if self.reason else {})}


@dataclass(frozen=True)
class TrianglePeriod:
    period: str
    pairs: dict[str, PairReading]
    configuration: str
    roles: dict[str, str | None]
    pivot: str | None
    role_scores: dict[str, dict[str, float | None]]
    reason: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"period": self.period, "dyads": {name: reading.to_json() for name, reading in self.pairs.items()},
                "configuration": self.configuration, "roles": self.roles, "pivot": self.pivot,
                "role_scores": self.role_scores, **({"reason": self.reason} if self.reason else {})}


@dataclass(frozen=True)
class TriangleResult:
    actors: tuple[str, str, str]
    period: str | None
    settings: TriangleSettings
    periods: list[TrianglePeriod]
    transitions: list[dict[str, Any]]
    sensitivity: dict[str, dict[str, float]]
    notes: tuple[str, ...] = field(default=())

    @property
    def latest(self) -> TrianglePeriod | None:
        """The last period whose configuration could be read."""
        return next((item for item in reversed(self.periods) if item.configuration != "undetermined"), None)

    def to_json(self) -> dict[str, Any]:
        latest = self.latest
        return {"actors": list(self.actors), "period": self.period, "settings": self.settings.to_json(),
                "periods": [item.to_json() for item in self.periods], "transitions": self.transitions,
                "latest": latest.to_json() if latest else None, "sensitivity": self.sensitivity,
                "notes": list(self.notes)}


def triangle(series: DyadSeries, actors: Sequence[str], settings: TriangleSettings | None = None) -> TriangleResult:
    """Read the triangle of ``actors`` in every period of ``series`` (directed series of all six dyads)."""
    settings = settings or TriangleSettings()
    if len(actors) != 3 or len(set(actors)) != 3:
        raise InputError(f"a triangle needs three different actors, got {', '.join(actors) or 'none'}", field="actors")
    first, second, third = actors
    pairs = [(first, second), (first, third), (second, third)]
    scores, events, notes = _pair_scores(series, pairs)
    result = _read(series, (first, second, third), pairs, scores, events, settings)
    sensitivity = {}
    for band in SENSITIVITY_BANDS[settings.reference]:
        reading = _read(series, (first, second, third), pairs, scores, events, replace(settings, band=band))
        shares = Counter(item.configuration for item in reading.periods)
        sensitivity[f"{band:g}"] = {name: round(shares[name] / max(1, len(reading.periods)), 3)
                                    for name in CONFIGURATIONS}
    return replace(result, sensitivity=sensitivity, notes=tuple(notes) + series.notes)


def _pair_scores(series: DyadSeries, pairs: Sequence[tuple[str, str]]) -> tuple[pd.DataFrame, pd.DataFrame | None,
                                                                                  list[str]]:
    """Each pair's score per period (both directions together) and its events, if known."""
    needed = [dyad_name(a, b) for pair in pairs for a, b in (pair, pair[::-1])]
    series = series.select(needed)
    values, counts = series.values, series.counts
    scores, events = {}, {}
    notes = []
    for a, b in pairs:
        forward, backward = dyad_name(a, b), dyad_name(b, a)
        if counts is not None:
            total = counts[forward] + counts[backward]
            events[pair_name(a, b)] = total
            if series.measure.endswith("_mean"):
                # Each event weighs the same, whichever direction it went.
                weighted = values[forward] * counts[forward] + values[backward] * counts[backward]
                scores[pair_name(a, b)] = (weighted / total.where(total > 0)).fillna(0.0)
                continue
        scores[pair_name(a, b)] = (values[forward] + values[backward]) / 2
    if counts is None:
        notes.append("the series carry no event counts: the minimum-events rule is not applied")
    return pd.DataFrame(scores), (pd.DataFrame(events) if events else None), notes


def _read(series: DyadSeries, actors: tuple[str, str, str], pairs: Sequence[tuple[str, str]], scores: pd.DataFrame,
          events: pd.DataFrame | None, settings: TriangleSettings) -> TriangleResult:
    names = [pair_name(a, b) for a, b in pairs]
    supported = events >= settings.min_events if events is not None else pd.DataFrame(True, scores.index, names)
    z = _standardised(scores, supported, settings.window)
    measured = z if settings.reference == "standardised" else scores
    band = settings.neutral_band
    raw = np.where(measured > band, 1, np.where(measured < -band, -1, 0))
    raw = np.where(supported.to_numpy() & ~np.isnan(measured.to_numpy()), raw, 0)
    signs = _held(raw, settings.hold)
    carried_from = _carried(signs, supported.to_numpy(), settings.carry)
    periods = []
    for row, label in enumerate(scores.index):
        readings = {}
        for column, name in enumerate(names):
            count = None if events is None else int(events.iloc[row, column])
            reason = ""
            if not supported.iloc[row, column]:
                source = carried_from[row, column]
                reason = f"too few events ({count} < {settings.min_events})"
                if source >= 0:
                    reason += f": sign carried from {scores.index[source]}"
            elif signs[row, column] == 0:
                reason = f"within the neutral band (±{band:g})"
            z_value = z.iloc[row, column]
            readings[name] = PairReading(float(scores.iloc[row, column]), count,
                                         None if np.isnan(z_value) else float(z_value), int(signs[row, column]), reason)
        periods.append(_configure(str(label), actors, readings))
    return TriangleResult(actors, series.period, settings, periods, _transitions(periods), {})


def _standardised(scores: pd.DataFrame, supported: pd.DataFrame, window: int) -> pd.DataFrame:
    """Each score against the mean and spread of all three pairs' supported scores over the trailing window."""
    kept = scores.where(supported)
    z = pd.DataFrame(np.nan, index=scores.index, columns=scores.columns)
    values = kept.to_numpy()
    for row in range(len(values)):
        recent = values[max(0, row - window + 1):row + 1].ravel()
        recent = recent[~np.isnan(recent)]
        if len(recent) < 3:
            continue  # no spread to measure against yet
        spread = recent.std(ddof=1)
        if spread > 0:
            z.iloc[row] = (values[row] - recent.mean()) / spread
    return z


def _carried(signs: np.ndarray, supported: np.ndarray, carry: int) -> np.ndarray:
    """Give unsupported cells the sign of the same pair's last supported period, if at most ``carry``
    periods back (in place); returns, per cell, the row the sign came from (-1: not carried)."""
    origin = np.full(signs.shape, -1)
    if carry <= 0:
        return origin
    for column in range(signs.shape[1]):
        last = -1
        for row in range(signs.shape[0]):
            if supported[row, column]:
                last = row
            elif last >= 0 and row - last <= carry and signs[last, column] != 0:
                signs[row, column], origin[row, column] = signs[last, column], last
    return origin


def _held(raw: np.ndarray, hold: int) -> np.ndarray:
    """Signs that change only after ``hold`` periods in the new state."""
    if hold <= 1:
        return raw.copy()
    held = raw.copy()
    for column in range(raw.shape[1]):
        current, streak = raw[0, column], 0
        for row in range(raw.shape[0]):
            streak = streak + 1 if row and raw[row, column] == raw[row - 1, column] else 1
            if raw[row, column] != current and streak >= hold:
                current = raw[row, column]
            held[row, column] = current
    return held


def _configure(label: str, actors: tuple[str, str, str], readings: dict[str, PairReading]) -> TrianglePeriod:
    sign = {name: reading.sign for name, reading in readings.items()}

    def between(a: str, b: str) -> int:
        return sign[pair_name(a, b)]

    role_scores: dict[str, dict[str, float | None]] = {}
    for actor in actors:
        j, k = (other for other in actors if other != actor)
        z = [readings[pair_name(*pair)].z for pair in ((actor, j), (actor, k), (j, k))]
        continuous = None if any(value is None for value in z) else round(z[0] + z[1] - z[2], 4)  # type: ignore[operator]
        role_scores[actor] = {"signed": between(actor, j) + between(actor, k) - between(j, k),
                              "continuous": continuous}
    if 0 in sign.values():
        reasons = "; ".join(f"{name}: {reading.reason}" for name, reading in readings.items() if reading.sign == 0)
        return TrianglePeriod(label, readings, "undetermined", dict.fromkeys(actors), None, role_scores, reasons)
    positive = sum(value > 0 for value in sign.values())
    roles: dict[str, str | None]
    pivot = None
    if positive == 3:
        configuration, roles = "menage_a_trois", dict.fromkeys(actors, "friend")
    elif positive == 0:
        configuration, roles = "unit_veto", dict.fromkeys(actors, "foe")
    elif positive == 2:
        configuration = "romantic_triangle"
        pivot = next(actor for actor in actors if _with_both(actor, actors, between) > 0)
        roles = {actor: "pivot" if actor == pivot else "wing" for actor in actors}
    else:
        configuration = "stable_marriage"
        outcast = next(actor for actor in actors if _with_both(actor, actors, between) < 0)
        roles = {actor: "outcast" if actor == outcast else "partner" for actor in actors}
    return TrianglePeriod(label, readings, configuration, roles, pivot, role_scores)


def _with_both(actor: str, actors: Sequence[str], between: Any) -> int:
    """+1 when ``actor`` is in amity with both others, -1 in enmity with both, else 0."""
    signs = {between(actor, other) for other in actors if other != actor}
    return signs.pop() if len(signs) == 1 else 0


def _transitions(periods: Sequence[TrianglePeriod]) -> list[dict[str, Any]]:
    """Changes of configuration (or of pivot) between determined periods; undetermined ones are passed over."""
    changes = []
    last: TrianglePeriod | None = None
    for item in periods:
        if item.configuration == "undetermined":
            continue
        if last is not None and (item.configuration, item.pivot) != (last.configuration, last.pivot):
            changes.append({"period": item.period, "after": last.period, "from": last.configuration,
                            "to": item.configuration, "pivot_from": last.pivot, "pivot_to": item.pivot})
        last = item
    return changes


def _round(value: float | None) -> float | None:
    return None if value is None or not np.isfinite(value) else round(float(value), 4)
