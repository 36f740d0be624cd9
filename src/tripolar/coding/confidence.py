"""How likely a coded event is right: a logistic model over what the coder knows of its own reading.

The cues are facts of the parse and of how the parties were found (a name heading its slot, a name
deep inside a phrase, a pronoun, a pair phrase, an earlier sentence), of the act (a nominal event, an
act coded both ways from one mention of both) and of the sentence (how long, how many states it
names). The weights are fitted by ``python -m tripolar.coding.calibrate`` on the bundled sample's
expected events and kept in ``data/confidence.json``; the gold sets of ``../shared/eval`` stay out of
the fit so they can check it.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

CALIBRATION_FILE = "confidence.json"


@dataclass(frozen=True, slots=True)
class Cues:
    """What the coder knows of one event's reading."""

    noun: bool  # a nominal event ("sanctions on Russia") rather than a clause
    depth: int  # parse edges between the slots' heads and the names in them, beyond the first
    indirect: bool  # a party found through a pronoun, a pair phrase or an earlier sentence
    mutual: bool  # both directions read off one phrase naming both ("X and Y met", "talks between")
    modal: bool  # not asserted as fact (hypothetical, negated, scheduled)
    crowded: bool  # the sentence names more than two states
    tokens: int  # the sentence's length
    constrained: bool  # the pattern names its object ("imposed *sanctions*"), not the verb alone


FEATURES = ("noun", "depth", "indirect", "mutual", "modal", "crowded", "long", "constrained")


def features(cues: Cues) -> list[float]:
    return [float(cues.noun), float(min(cues.depth, 4)), float(cues.indirect), float(cues.mutual),
            float(cues.modal), float(cues.crowded), min(cues.tokens, 80) / 40.0, float(cues.constrained)]


@dataclass(frozen=True, slots=True)
class Calibration:
    """Logistic weights over :data:`FEATURES`, with what they were fitted on."""

    intercept: float
    weights: tuple[float, ...]
    fitted_on: str = ""
    events: int = 0

    def confidence(self, cues: Cues) -> float:
        score = self.intercept + sum(w * x for w, x in zip(self.weights, features(cues), strict=True))
        return round(1.0 / (1.0 + math.exp(-score)), 2)

    def to_json(self) -> str:
        return json.dumps({"features": list(FEATURES), "intercept": round(self.intercept, 4),
                           "weights": [round(weight, 4) for weight in self.weights],
                           "fitted_on": self.fitted_on, "events": self.events}, indent=2) + "\n"


def calibration_path() -> Path:
    return Path(str(resources.files("tripolar.coding") / "data" / CALIBRATION_FILE))


@cache
def calibration() -> Calibration:
    """The shipped calibration; a file that does not fit :data:`FEATURES` is a packaging bug."""
    path = calibration_path()
    raw = json.loads(path.read_text(encoding="utf-8"))
    if tuple(raw.get("features", ())) != FEATURES:
        raise ValueError(f"{path}: its features {raw.get('features')} are not {list(FEATURES)}; "
                         "refit it with python -m tripolar.coding.calibrate --write")
    return Calibration(float(raw["intercept"]), tuple(float(weight) for weight in raw["weights"]),
                       raw.get("fitted_on", ""), int(raw.get("events", 0)))


def fit(rows: list[tuple[Cues, bool]], fitted_on: str, penalty: float = 0.01) -> Calibration:
    """Fit the weights on events known right or wrong (a ridge-penalised logistic regression: a few
    hundred events would let an unpenalised fit chase noise)."""
    import numpy as np
    import statsmodels.api as sm

    design = sm.add_constant(np.array([features(cues) for cues, _ in rows]), has_constant="add")
    outcome = np.array([1.0 if right else 0.0 for _, right in rows])
    model = sm.GLM(outcome, design, family=sm.families.Binomial())
    # The intercept is not shrunk: only the cues' weights are pulled towards "tells nothing".
    result = model.fit_regularized(alpha=np.array([0.0] + [penalty] * len(FEATURES)), L1_wt=0.0)
    params = [float(value) for value in result.params]
    return Calibration(params[0], tuple(params[1:]), fitted_on, len(rows))


def reliability(scored: list[tuple[float, bool]],
                edges: tuple[float, ...] = (0.0, 0.6, 0.7, 0.8, 0.9, 1.01)) -> list[tuple[str, int, float | None]]:
    """Events per confidence band and the share right in each: the reliability table."""
    table = []
    for low, high in zip(edges, edges[1:], strict=False):
        band = [right for value, right in scored if low <= value < high]
        label = f"[{low:.1f}, {min(high, 1.0):.1f}{']' if high > 1 else ')'}"
        table.append((label, len(band), sum(band) / len(band) if band else None))
    return table
