"""Hypotheses from the seeds, tested on series and events with known structure."""

import re
from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest

from tripolar.analysis.frame import DyadSeries, triangle_dyads
from tripolar.analysis.hypotheses import Hypothesis, evaluate_hypotheses, load_hypotheses
from tripolar.analysis.series import EventFilter
from tripolar.errors import InputError
from tripolar.model import Actor, Document, Event, Evidence
from tripolar.ontology.cameo import cameo

ACTORS = ("USA", "CHN", "RUS")
REVERSE_KISSINGER = Hypothesis("rk", "US warming to Russia cools Russia-China ties", "granger",
                               {"causing": ["USA->RUS"], "caused": ["RUS->CHN"], "expected_sign": "-", "lags": 1})


def simulated(effect: float, periods: int = 300, seed: int = 1) -> DyadSeries:
    """Six directed series of noise, except that RUS->CHN follows USA->RUS of the month before by ``effect``."""
    rng = np.random.default_rng(seed)
    dyads = triangle_dyads(ACTORS)
    values = rng.normal(0, 1, (periods, len(dyads)))
    driver, driven = dyads.index("USA->RUS"), dyads.index("RUS->CHN")
    for t in range(1, periods):
        values[t, driven] += effect * values[t - 1, driver]
    index = [f"p{t:03d}" for t in range(periods)]
    return DyadSeries(pd.DataFrame(values, index=index, columns=dyads), "goldstein_mean")


def test_the_shipped_file_states_the_seed_claims():
    hypotheses = {hypothesis.id: hypothesis for hypothesis in load_hypotheses()}
    assert {"us-pressure-cements-china-russia", "reverse-kissinger", "reciprocity", "trade-tit-for-tat"} <= set(
        hypotheses)
    assert hypotheses["reverse-kissinger"].spec["causing"] == ["USA->RUS"]
    assert hypotheses["trade-tit-for-tat"].kind == "tit_for_tat"


@pytest.mark.parametrize(("effect", "verdict"), [(-0.6, "supported"), (0.6, "contradicted"), (0.0, "no evidence")])
def test_a_granger_claim_is_judged_by_significance_and_sign(effect, verdict):
    result = evaluate_hypotheses([REVERSE_KISSINGER], simulated(effect))[0]
    assert result.verdict == verdict
    test = result.details["tests"][0]
    assert (test["p"] < 0.05) == (effect != 0.0)
    if effect:
        assert np.sign(test["cumulative_response"]["USA->RUS"]) == np.sign(effect)
    stated = (result.evidence_for + result.evidence_against)[0]
    assert stated.startswith("USA->RUS on RUS->CHN: F(1, ") and re.search(r", p [=<] [0-9.e-]+;", stated)


def test_reciprocity_is_tested_for_every_directed_series():
    result = evaluate_hypotheses([Hypothesis("r", "in kind", "reciprocity", {"expected_sign": "+"})], simulated(0.0))[0]
    assert len(result.details["tests"]) == 6


def report(document: Document, code: str, source: str, target: str, day: date, start: int) -> Event:
    """An event read at ``start`` in the document (each at its own place, so each is a report of its own)."""
    entry = cameo(code)
    return Event(source=Actor(source, "GOV", source, source), target=Actor(target, "GOV", target, target),
                 cameo=code, root=entry.root, quad=entry.quad, goldstein=entry.goldstein, plover=entry.plover,
                 evidence=Evidence(document.id, 0, start, start + 5, document.text[start:start + 5]),
                 origin="tripolar-test", date=day, date_precision="day", issues=("trade",))


def test_tit_for_tat_counts_answered_actions_with_their_pairs(store):
    document = Document(text="Tariffs and counter-tariffs.", source="t.txt", published=date(2019, 12, 31))
    start = date(2019, 1, 1)
    events = []
    for month in range(6):
        action_day = start + timedelta(days=60 * month)
        events.append(report(document, "172", "USA", "CHN", action_day, len(events)))  # a US measure
        if month % 2 == 0:  # every other measure is answered five days later
            events.append(report(document, "172", "CHN", "USA", action_day + timedelta(days=5), len(events)))
    store.write(documents=[document], events=events)
    hypothesis = load_hypotheses()[-1]
    result = evaluate_hypotheses([hypothesis], store=store, selection=EventFilter(ACTORS))[0]
    details = result.details
    assert (details["actions"], details["answered"], details["median_lag_days"]) == (6, 3, 5)
    assert details["chance"] < details["share"] == 0.5 and result.verdict == "supported"
    assert len(details["pairs"]) == 3 and details["pairs"][0]["response"]["source"] == "CHN"
    assert result.evidence_for[0].startswith("3 of 6 actions (50%) were answered within 30 days, median lag 5 days")


def test_event_claims_need_the_store():
    result = evaluate_hypotheses([load_hypotheses()[-1]], simulated(0.0))[0]
    assert result.verdict == "not tested" and "needs the store's events" in result.details["reason"]


def test_a_bad_file_is_named_with_the_entry(tmp_path):
    path = tmp_path / "claims.yaml"
    path.write_text("- id: x\n  kind: granger\n  causing: [USA->CHN]\n")
    with pytest.raises(InputError, match="hypothesis 1 \\(x\\): a granger hypothesis lists its caused series"):
        load_hypotheses(path)
    path.write_text("- id: y\n  kind: granger\n  causing: [USA]\n  caused: [CHN->RUS]\n")
    with pytest.raises(InputError, match="not a directed dyad"):
        load_hypotheses(path)
