"""Where a dyad's behaviour changed for good (change points), and where it turned sharply more
conflictual than its own recent past (escalation alerts).

**Change points.** Each directed dyad is cut into segments of constant mean by PELT (Killick et al.
2012, as implemented in ``ruptures``) with the least-squares ("l2") cost: a segmentation costs the sum
of squared deviations from each segment's mean plus a penalty per break. Every period may start a new
regime (``jump=1``: monthly series are short) as long as each segment has ``min_size`` periods. The cost
is ruptures' l2 cost computed from cumulative sums, which gives the same segmentation as
``model="l2"`` (a test checks this) but is about ten times faster: ruptures recomputes each segment's
variance from scratch, 0.7 s for one series of 372 months, far too slow for weekly data.

**The default penalty** is ``3 · σ² · ln(n)`` per break, for a series of n periods with noise σ. With
Gaussian noise of known σ the l2 cost is σ² times minus twice the log-likelihood, and a break adds two
parameters (its place and the new mean), so BIC would charge ``2 · σ² · ln(n)``. BIC ignores that the
break's place is searched over every period, and it shows: in our simulations (200 seeded pure-noise
series per length), 2σ² ln n put a spurious break in 13%, 7% and 5% of series of 40, 80 and 120
periods, 3σ² ln n in 5%, 1% and 0%, while still finding 96% of shifts of 3σ lasting 10 periods (and
two thirds of 2σ shifts). A break reported here is a finding a user will read events for, so the
stricter penalty is the better error to make.

σ is estimated from first differences, ``sd(Δx) / √2``: a shift in the mean moves a single difference,
so σ stays the noise of the series rather than the size of its breaks. It is deliberately not a robust
(MAD) estimate: event series are heavy-tailed, and the l2 cost treats every deviation as noise of size
σ, so a σ that ignores the bursts of news turns each burst into a break. On the KEDS Balkans weekly
sums a MAD-based σ gave 36–129 breaks per dyad in 749 weeks, this one 5–13. A constant series has no
breaks. A ``penalty`` given by the user replaces the rule for every dyad.

**Escalation alerts.** A period alerts when its value lies ``escalation_threshold`` or more standard
deviations *below* the mean of the previous ``escalation_window`` periods (lower Goldstein = more
conflict), given at least ``min_events`` events in it where counts are known: one harsh statement is
not an escalation. No alert is tried until the trailing window has at least half its periods, and the
trailing deviation has a floor (see ``SD_FLOOR_SHARE``) so that a calm spell does not make every wiggle
an alarm. Even so, at the default threshold about one period in 25 of pure Gaussian noise alerts (a
two-deviation drop, judged against a twelve-period estimate): an alert says "look here", not "this was
a crisis"; the events behind it say which.

**Periods without events.** For a per-event mean (``goldstein_mean``) a period without events holds a 0
that was never observed; taken as a value it would make breaks and alerts out of changes in news
coverage. Those periods are left out of both analyses (the notes say how many); sums and counts keep
them, as their zero is real.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import ruptures
from ruptures.base import BaseCost

from tripolar.analysis.frame import DyadSeries
from tripolar.errors import InputError

PENALTY_FACTOR = 3.0
PENALTY_RULE = ("3 · σ² · ln(n) per break for n periods, σ = standard deviation of the first differences / √2: "
                "a stricter BIC, scaled to each series' own noise")
# After a flat stretch the trailing deviation is zero or nearly so, and any wiggle would be "many
# deviations" away (or z undefined). So the deviation used is at least this share of the dyad's standard
# deviation from its first period up to and including the current one (never later periods: an alert
# does not change when data arrive after it). Including the current value lets a drop after a perfectly
# flat history set its own scale and still alert; the share means that after a quiet spell a move must
# still be threshold × 0.5 (one, by default) of the dyad's long-run deviations to count as escalation.
SD_FLOOR_SHARE = 0.5


@dataclass(frozen=True)
class BreaksResult:
    """Change points and escalation alerts of every dyad; records hold plain JSON types."""

    penalty_rule: str
    penalties: dict[str, float | None]
    breaks: tuple[dict[str, Any], ...]
    segments: dict[str, list[dict[str, Any]]]
    alerts: tuple[dict[str, Any], ...]
    notes: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"penalty": {"rule": self.penalty_rule, "values": dict(self.penalties)},
                "breaks": [dict(record) for record in self.breaks],
                "segments": {dyad: [dict(record) for record in found] for dyad, found in self.segments.items()},
                "alerts": [dict(record) for record in self.alerts], "notes": list(self.notes)}


class CumulativeL2Cost(BaseCost):
    """ruptures' l2 cost (sum of squared deviations from the segment mean) in O(1) per segment."""

    model = "l2_cumulative"
    min_size = 1

    def fit(self, signal: np.ndarray) -> CumulativeL2Cost:
        values = np.asarray(signal, dtype=float).reshape(-1)
        self.signal = values.reshape(-1, 1)
        # Centring first keeps the sums small, so the subtraction below loses no precision.
        centred = values - values.mean()
        self._sums = np.concatenate([[0.0], np.cumsum(centred)]).tolist()
        self._squares = np.concatenate([[0.0], np.cumsum(centred * centred)]).tolist()
        return self

    def error(self, start: int, end: int) -> float:
        total = self._sums[end] - self._sums[start]
        return max(0.0, self._squares[end] - self._squares[start] - total * total / (end - start))


def breaks(series: DyadSeries, *, penalty: float | None = None, min_size: int = 2, escalation_window: int = 12,
           escalation_threshold: float = 2.0, min_events: int = 3) -> BreaksResult:
    """Change points and escalation alerts per directed dyad of ``series`` (see the module notes)."""
    _check_options(penalty, min_size, escalation_window, escalation_threshold, min_events)
    rule = f"given by the user: {penalty:g} for every dyad" if penalty is not None else PENALTY_RULE
    penalties: dict[str, float | None] = {}
    found_breaks: list[dict[str, Any]] = []
    segments: dict[str, list[dict[str, Any]]] = {}
    alerts: list[dict[str, Any]] = []
    notes: list[str] = []
    periods = series.periods
    for dyad in series.dyads:
        positions, values = observed(series, dyad)
        if len(positions) < len(periods):
            notes.append(f"{dyad}: {len(periods) - len(positions)} of {len(periods)} periods without events left "
                         "out (their mean is not an observation)")
        labels = [periods[position] for position in positions]
        penalties[dyad], dyad_breaks, segments[dyad], note = _change_points(dyad, labels, positions, values,
                                                                             penalty, min_size)
        found_breaks.extend(dyad_breaks)
        notes.extend([note] if note else [])
        alerts.extend(_escalations(series, dyad, periods, escalation_window, escalation_threshold, min_events))
    return BreaksResult(rule, penalties, tuple(found_breaks), segments, tuple(alerts), tuple(notes))


def _check_options(penalty: float | None, min_size: int, window: int, threshold: float, min_events: int) -> None:
    if penalty is not None and not (math.isfinite(penalty) and penalty > 0):
        raise InputError(f"the penalty must be a positive number, got {penalty}", field="penalty")
    if min_size < 1:
        raise InputError(f"min_size must be at least 1, got {min_size}", field="min_size")
    if window < 2:
        raise InputError(f"the escalation window must be at least 2 periods, got {window}", field="escalation_window")
    if not threshold > 0:
        raise InputError(f"the escalation threshold must be positive, got {threshold}", field="escalation_threshold")
    if min_events < 0:
        raise InputError(f"min_events cannot be negative, got {min_events}", field="min_events")


def observed(series: DyadSeries, dyad: str) -> tuple[np.ndarray, np.ndarray]:
    """Positions (rows of the series) and values of the periods that are observations of ``dyad``."""
    values = series.values[dyad].to_numpy(dtype=float)
    if series.counts is None or not series.measure.endswith("_mean"):
        return np.arange(len(values)), values
    positions = np.flatnonzero(series.counts[dyad].to_numpy(dtype=float) > 0)
    return positions, values[positions]


def noise_sd(values: np.ndarray) -> float:
    """The series' noise σ from its first differences (see the module notes): white noise of
    deviation σ has differences of deviation σ√2."""
    if len(values) < 2:
        return 0.0
    return float(np.std(np.diff(values))) / math.sqrt(2)


def default_penalty(values: np.ndarray) -> float:
    return PENALTY_FACTOR * noise_sd(values) ** 2 * math.log(len(values))


def _change_points(dyad: str, labels: list[str], positions: np.ndarray, values: np.ndarray, penalty: float | None,
                   min_size: int) -> tuple[float | None, list[dict[str, Any]], list[dict[str, Any]], str]:
    """(penalty used, breaks, segments, note) of one dyad's observed periods."""
    whole = _segments(labels, values, [len(values)]) if len(values) else []
    if len(values) < 2 * min_size:
        return None, [], whole, (f"{dyad}: {len(values)} periods, too few for two segments of {min_size}: "
                                 "no change points")
    used = penalty if penalty is not None else default_penalty(values)
    if np.ptp(values) == 0 or used <= 0:
        return None, [], whole, ""
    ends = ruptures.Pelt(custom_cost=CumulativeL2Cost(), min_size=min_size, jump=1).fit(values).predict(pen=used)
    segments = _segments(labels, values, ends)
    records = []
    for before, after, start in zip(segments, segments[1:], ends, strict=False):
        records.append({"dyad": dyad, "period": labels[start], "period_before": labels[start - 1],
                        "index": int(positions[start]), "mean_before": before["mean"], "mean_after": after["mean"],
                        "shift": after["mean"] - before["mean"]})
    return float(used), records, segments, ""


def _segments(labels: list[str], values: np.ndarray, ends: list[int]) -> list[dict[str, Any]]:
    starts = [0, *ends[:-1]]
    return [{"start": labels[start], "end": labels[end - 1], "periods": end - start,
             "mean": float(values[start:end].mean())} for start, end in zip(starts, ends, strict=True)]


def _escalations(series: DyadSeries, dyad: str, periods: list[str], window: int, threshold: float,
                 min_events: int) -> list[dict[str, Any]]:
    """Periods at least ``threshold`` trailing deviations below the trailing mean, with events enough."""
    positions, values = observed(series, dyad)
    grid = pd.Series(np.nan, index=range(len(periods)))
    grid.iloc[positions] = values
    needed = max(2, math.ceil(window / 2))
    trailing = grid.rolling(window, min_periods=needed)
    baseline = trailing.mean().shift(1).to_numpy()
    deviation = np.maximum(trailing.std().shift(1).to_numpy(), SD_FLOOR_SHARE * grid.expanding().std(ddof=0).to_numpy())
    counts = series.counts[dyad].to_numpy() if series.counts is not None else None
    alerts = []
    for position in positions:
        if not (np.isfinite(baseline[position]) and deviation[position] > 0):
            continue
        z = (grid.iloc[position] - baseline[position]) / deviation[position]
        events = int(counts[position]) if counts is not None else None
        if z <= -threshold and (events is None or events >= min_events):
            alerts.append({"dyad": dyad, "period": periods[position], "value": float(grid.iloc[position]),
                           "baseline": float(baseline[position]), "z": float(z), "events": events})
    return alerts
