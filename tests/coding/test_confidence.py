"""The confidence model: shipped weights come from the bundled sample, and they rank readings sensibly."""

import json

import pytest

from tripolar.coding.calibrate import labelled_cues
from tripolar.coding.coder import Coder, code_text
from tripolar.coding.confidence import FEATURES, calibration, calibration_path, fit, reliability
from tripolar.sample import load_sample


def test_the_shipped_calibration_names_the_features_the_coder_reads():
    raw = json.loads(calibration_path().read_text(encoding="utf-8"))
    assert tuple(raw["features"]) == FEATURES
    assert raw["events"] > 200 and "sample" in raw["fitted_on"]


@pytest.mark.slow
def test_the_shipped_weights_are_refitted_from_the_sample():
    rows = labelled_cues(Coder(), load_sample())
    refitted = fit(rows, fitted_on="check")
    shipped = calibration()
    # A coder change that reads the sample differently must refit: python -m tripolar.coding.calibrate --write
    assert refitted.events == shipped.events, "refit: python -m tripolar.coding.calibrate --write"
    assert refitted.intercept == pytest.approx(shipped.intercept, abs=0.01)
    assert refitted.weights == pytest.approx(shipped.weights, abs=0.01)


def test_a_plain_factual_clause_is_surer_than_a_conditional_nominal_reading():
    plain = code_text("Russia expelled two American diplomats on Monday.", "2024-03-05")
    hedged = code_text("A Chinese ban on gallium exports to the United States, Japan and India could follow if "
                       "talks fail.", "2024-03-05")
    assert plain and hedged
    assert min(event.confidence for event in plain) > max(event.confidence for event in hedged)


def test_the_reliability_table_counts_each_band():
    table = reliability([(0.95, True), (0.92, False), (0.85, True), (0.5, False)])
    assert table[0] == ("[0.0, 0.6)", 1, 0.0)
    assert table[-1] == ("[0.9, 1.0]", 2, 0.5)
    assert ("[0.6, 0.7)", 0, None) in table
