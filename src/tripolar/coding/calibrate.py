"""Fit the confidence model on the bundled sample and print its reliability table.

    python -m tripolar.coding.calibrate [--write]

Each event the coder reads in the sample is right when the sample expects it: same document, dyad
(either way for joint acts, as ``../shared/eval/score.py`` matches) and CAMEO root. ``--write`` saves
the fitted weights where the coder reads them (``data/confidence.json``).
"""

from __future__ import annotations

import argparse
from collections import Counter

from tripolar.coding.coder import JOINT_ACTS, Coder
from tripolar.coding.confidence import FEATURES, Calibration, Cues, calibration_path, fit, reliability
from tripolar.sample import SampleEntry, load_sample


def labelled_cues(coder: Coder, entries: tuple[SampleEntry, ...]) -> list[tuple[Cues, bool]]:
    """Every event the coder reads in ``entries`` with its cues and whether the entry expects it.
    An expected event is claimed once: a second reading of it counts as wrong."""
    coder.cue_log = []
    try:
        for _ in coder.code([entry.document for entry in entries]):
            pass
        logged = coder.cue_log
    finally:
        coder.cue_log = None
    expected = {entry.document.id: Counter(_keys(entry)) for entry in entries}
    rows = []
    for event, cues in logged:
        left = expected.get(event.evidence.document_id, Counter())
        key = (event.source.code, event.target.code, event.root)
        right = left[key] > 0
        if right:
            left[key] -= 1
        rows.append((cues, right))
    return rows


def _keys(entry: SampleEntry) -> list[tuple[str, str, str]]:
    keys = []
    for event in entry.expected:
        keys.append((event.source, event.target, event.cameo[:2]))
        if event.cameo.startswith(JOINT_ACTS):  # either direction may be the one read
            keys.append((event.target, event.source, event.cameo[:2]))
    return keys


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="save the fitted weights for the coder")
    args = parser.parse_args(argv)
    rows = labelled_cues(Coder(), load_sample())
    fitted = fit(rows, fitted_on="tripolar bundled sample (chronology.jsonl)")
    print(f"{len(rows)} events, {sum(right for _, right in rows)} right")
    print("weights:", ", ".join(f"{name} {weight:+.2f}" for name, weight in zip(FEATURES, fitted.weights, strict=True)),
          f"intercept {fitted.intercept:+.2f}")
    _print_table(fitted, rows)
    if args.write:
        calibration_path().write_text(fitted.to_json(), encoding="utf-8")
        print(f"written to {calibration_path()}")


def _print_table(fitted: Calibration, rows: list[tuple[Cues, bool]]) -> None:
    print("confidence  events  right")
    for label, count, share in reliability([(fitted.confidence(cues), right) for cues, right in rows]):
        print(f"{label:11} {count:6d}  {'' if share is None else f'{share:.2f}'}")


if __name__ == "__main__":
    main()
