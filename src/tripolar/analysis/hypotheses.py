"""Claims about the triangle, tested against the evidence: each with what speaks for it and against it.

A hypothesis file (YAML, a list) states each claim in a form the data can answer:

* ``kind: granger`` — the ``causing`` series help predict each ``caused`` series (F test in a VAR of
  the series, Granger 1969), and the cumulative response has the ``expected_sign`` ("+" or "-").
  *Supported* needs both a significant test and the expected sign; a significant test with the
  opposite sign *contradicts* the claim; no significant test is *no evidence* either way.
* ``kind: reciprocity`` — the same, for every directed series B->A on its reverse A->B.
* ``kind: tit_for_tat`` — event level: after each ``action`` event, was there a ``response`` event
  within ``within_days``? It reports the share of actions answered, the median lag and the event
  pairs, against the share a response would follow by chance (how often any ``within_days`` window
  of the span holds a response), since a frequent response "follows" everything. A response on the
  action's own day is not counted: with dates known to the day, which came first is unknown.

``DEFAULT_FILE`` holds the claims the seed articles argue.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from statistics import median
from typing import Any

import numpy as np
import yaml

from tripolar.analysis.dynamics import format_p
from tripolar.analysis.evidence import event_conditions, evidence_items
from tripolar.analysis.frame import DyadSeries, dyad_name, parse_dyad
from tripolar.analysis.series import EventFilter
from tripolar.analysis.var import DEFAULT_MAX_LAGS, FittedVar, fit_var
from tripolar.errors import AnalysisError, InputError

KINDS = ("granger", "reciprocity", "tit_for_tat")
DEFAULT_HORIZON = 6
ALPHA = 0.05


def default_file() -> Path:
    return Path(str(resources.files("tripolar.analysis") / "data" / "hypotheses.yaml"))


@dataclass(frozen=True)
class Hypothesis:
    id: str
    claim: str
    kind: str
    spec: dict[str, Any]


@dataclass(frozen=True)
class HypothesisResult:
    id: str
    claim: str
    kind: str
    verdict: str  # supported, contradicted, mixed, no evidence, not tested
    evidence_for: list[str]
    evidence_against: list[str]
    details: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "claim": self.claim, "kind": self.kind, "verdict": self.verdict,
                "evidence_for": self.evidence_for, "evidence_against": self.evidence_against, "details": self.details}


def load_hypotheses(path: Path | str | None = None) -> list[Hypothesis]:
    """Read a hypothesis file; a clear error names the entry and the field that is wrong."""
    path = Path(path) if path else default_file()
    try:
        entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise InputError(f"cannot read the hypothesis file ({error.strerror or error})", path=path) from None
    except yaml.YAMLError as error:
        raise InputError(f"not valid YAML: {error}", path=path) from None
    if not isinstance(entries, list):
        raise InputError("expected a list of hypotheses", path=path)
    hypotheses = []
    for number, entry in enumerate(entries, start=1):
        where = f"hypothesis {number}"
        if not isinstance(entry, dict) or not entry.get("id") or entry.get("kind") not in KINDS:
            raise InputError(f"{where}: needs an id and a kind ({', '.join(KINDS)})", path=path, field="kind")
        kind = entry["kind"]
        if kind == "granger":
            for key in ("causing", "caused"):
                if not entry.get(key):
                    raise InputError(f"{where} ({entry['id']}): a granger hypothesis lists its {key} series",
                                     path=path, field=key)
                for dyad in entry[key]:
                    parse_dyad(dyad)
        if kind in ("granger", "reciprocity") and entry.get("expected_sign", "+") not in ("+", "-"):
            raise InputError(f"{where} ({entry['id']}): expected_sign is '+' or '-'", path=path, field="expected_sign")
        if kind == "tit_for_tat" and not (isinstance(entry.get("action"), dict)
                                          and isinstance(entry.get("response"), dict)):
            raise InputError(f"{where} ({entry['id']}): a tit_for_tat hypothesis needs an action and a response",
                             path=path, field="action")
        spec = {key: value for key, value in entry.items() if key not in ("id", "claim", "kind")}
        hypotheses.append(Hypothesis(str(entry["id"]), str(entry.get("claim", entry["id"])), kind, spec))
    return hypotheses


def evaluate_hypotheses(hypotheses: list[Hypothesis], series: DyadSeries | None = None, *, store: Any = None,
                    selection: EventFilter | None = None, max_lags: int = DEFAULT_MAX_LAGS) -> list[HypothesisResult]:
    """Test each hypothesis: series-level ones on ``series``, event-level ones on ``store``."""
    results = []
    fits: dict[int | None, FittedVar] = {}
    for hypothesis in hypotheses:
        try:
            if hypothesis.kind == "tit_for_tat":
                if store is None or selection is None:
                    raise AnalysisError("an event-level claim needs the store's events, not a series file")
                results.append(_tit_for_tat(hypothesis, store, selection))
            else:
                if series is None:
                    raise AnalysisError("needs dyad series")
                results.append(_granger(hypothesis, series, max_lags, fits))
        except (AnalysisError, InputError) as error:
            results.append(HypothesisResult(hypothesis.id, hypothesis.claim, hypothesis.kind, "not tested", [], [],
                                            {"reason": str(error)}))
    return results


def _tests_of(hypothesis: Hypothesis, series: DyadSeries) -> list[tuple[str, list[str]]]:
    """(caused, causing) pairs the hypothesis asks about, among the series there are."""
    if hypothesis.kind == "reciprocity":
        return [(dyad, [dyad_name(*reversed(parse_dyad(dyad)))]) for dyad in series.dyads
                if dyad_name(*reversed(parse_dyad(dyad))) in series.dyads]
    missing = [dyad for dyad in (*hypothesis.spec["causing"], *hypothesis.spec["caused"]) if dyad not in series.dyads]
    if missing:
        raise AnalysisError(f"no series for {', '.join(missing)} (there are {', '.join(series.dyads)})")
    return [(caused, list(hypothesis.spec["causing"])) for caused in hypothesis.spec["caused"]]


def _granger(hypothesis: Hypothesis, series: DyadSeries, max_lags: int,
             fits: dict[int | None, FittedVar]) -> HypothesisResult:
    tests = _tests_of(hypothesis, series)
    lags = hypothesis.spec.get("lags")
    if lags not in fits:  # hypotheses with the same lags read the same model
        fits[lags] = fit_var(series, lags, max_lags=max_lags)
    fitted = fits[lags]
    horizon = int(hypothesis.spec.get("horizon", DEFAULT_HORIZON))
    cumulative = fitted.results.irf(horizon).cum_effects[horizon]
    expected = 1 if hypothesis.spec.get("expected_sign", "+") == "+" else -1
    for_, against, outcomes, rows = [], [], [], []
    for caused, causing in tests:
        causing = [dyad for dyad in causing if dyad in fitted.dyads]
        if caused not in fitted.dyads or not causing:
            against.append(f"{caused}: not in the model (no variation), so not tested")
            continue
        test = fitted.results.test_causality(fitted.index(caused), [fitted.index(dyad) for dyad in causing], kind="f")
        responses = {dyad: float(cumulative[fitted.index(caused), fitted.index(dyad)]) for dyad in causing}
        signs = {int(np.sign(value)) for value in responses.values()}
        p = float(test.pvalue)
        statistic = float(test.test_statistic)
        stated = (f"{' + '.join(causing)} on {caused}: F({test.df[0]}, {test.df[1]}) = {statistic:.2f}, {format_p(p)}; "
                  f"cumulative response of {caused} over {horizon} periods to a one-point rise in "
                  + ", in ".join(f"{dyad}: {value:+.3f}" for dyad, value in responses.items()))
        rows.append({"caused": caused, "causing": causing, "f": round(float(test.test_statistic), 4),
                     "df": [int(test.df[0]), int(test.df[1])], "p": p, "cumulative_response": responses})
        if p < ALPHA and signs == {expected}:
            for_.append(stated + " (significant, expected sign)")
            outcomes.append("supported")
        elif p < ALPHA and signs == {-expected}:
            against.append(stated + " (significant, opposite sign)")
            outcomes.append("contradicted")
        elif p < ALPHA:
            against.append(stated + " (significant, mixed signs)")
            outcomes.append("mixed")
        else:
            against.append(stated + " (not significant)")
            outcomes.append("no evidence")
    verdict = _verdict(outcomes)
    return HypothesisResult(hypothesis.id, hypothesis.claim, hypothesis.kind, verdict, for_, against,
                            {"lags": fitted.lags, "periods": fitted.periods, "alpha": ALPHA, "tests": rows,
                             "notes": list(fitted.notes)})


def _verdict(outcomes: list[str]) -> str:
    if not outcomes:
        return "not tested"
    if all(outcome == "supported" for outcome in outcomes):
        return "supported"
    if all(outcome == "contradicted" for outcome in outcomes):
        return "contradicted"
    if all(outcome == "no evidence" for outcome in outcomes):
        return "no evidence"
    return "mixed"


PAIRS_LISTED = 50


def _tit_for_tat(hypothesis: Hypothesis, store: Any, selection: EventFilter) -> HypothesisResult:
    window = int(hypothesis.spec.get("within_days", 30))
    action_spec, response_spec = hypothesis.spec["action"], hypothesis.spec["response"]
    actors = tuple(dict.fromkeys((*selection.actors, *(spec.get(key) for spec in (action_spec, response_spec)
                                                        for key in ("source", "target") if spec.get(key)))))
    selection = EventFilter(actors, selection.start, selection.end, None, selection.modalities, selection.origin,
                            selection.drop_mirrored)
    action_where, action_parameters = _spec_conditions(selection, action_spec)
    response_where, response_parameters = _spec_conditions(selection, response_spec)
    # Each action with the first response after it (an as-of join: the nearest later date), in the database.
    answered = store.con.execute(f"""
        WITH actions AS (SELECT e.event_id, e.date FROM events e WHERE {action_where} AND e.date IS NOT NULL),
             responses AS (SELECT e.event_id, e.date FROM events e WHERE {response_where} AND e.date IS NOT NULL)
        SELECT a.event_id, a.date, r.event_id, r.date
        FROM actions a ASOF LEFT JOIN responses r ON a.date < r.date
        ORDER BY a.date, a.event_id""", [*action_parameters, *response_parameters]).fetchall()
    if not answered:
        raise AnalysisError("no action events match in the store for this selection")
    pairs = [(action, response, (responded - acted).days) for action, acted, response, responded in answered
             if response is not None and (responded - acted).days <= window]
    lags = [lag for _, _, lag in pairs]
    share = len(pairs) / len(answered)
    response_days = [row[0] for row in store.con.execute(
        f"SELECT DISTINCT e.date FROM events e WHERE {response_where} AND e.date IS NOT NULL ORDER BY 1",
        response_parameters).fetchall()]
    chance = _chance(response_days, answered[0][1], answered[-1][1], window)
    listed = pairs[:PAIRS_LISTED]
    items = {item.event_id: item for item in evidence_items(store, [id_ for pair in listed for id_ in pair[:2]])}
    stated = (f"{len(pairs)} of {len(answered)} actions ({share:.0%}) were answered within {window} days"
              + (f", median lag {median(lags):g} days" if lags else "")
              + f"; by chance a {window}-day window of the span holds a response {chance:.0%} of the time")
    for_, against = ([stated], []) if share > chance else ([], [stated])
    verdict = "supported" if share > chance and share >= 0.5 else "mixed" if share > chance else "no evidence"
    return HypothesisResult(hypothesis.id, hypothesis.claim, hypothesis.kind, verdict, for_, against,
                            {"actions": len(answered), "answered": len(pairs), "share": round(share, 4),
                             "chance": round(chance, 4), "median_lag_days": median(lags) if lags else None,
                             "within_days": window, "pairs_listed": len(listed),
                             "pairs": [{"action": items[action].to_json(), "response": items[response].to_json(),
                                        "lag_days": lag} for action, response, lag in listed
                                       if action in items and response in items]})


def _spec_conditions(selection: EventFilter, spec: dict[str, Any]) -> tuple[str, list[Any]]:
    return event_conditions(selection, source=spec.get("source"), target=spec.get("target"), issue=spec.get("issue"),
                            quads=tuple(spec.get("quad", ())),
                            cameo_prefixes=tuple(str(code) for code in spec.get("cameo", ())))


def _chance(response_days: list[date], first: date, last: date, window: int) -> float:
    """The share of days from ``first`` to ``last`` after which a response comes within ``window`` days."""
    if not response_days:
        return 0.0
    covered = 0
    for offset in range((last - first).days + 1):
        day = first + timedelta(days=offset)
        after = bisect_right(response_days, day)  # the first response later than the day
        covered += after < len(response_days) and response_days[after] <= day + timedelta(days=window)
    return covered / ((last - first).days + 1)
