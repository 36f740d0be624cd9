"""A store of generated triangle events with known dynamics, for the report and the commands."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tripolar.model import Document, Sentence
from tripolar.ontology.cameo import cameo_codebook
from tripolar.store import Store

ACTORS = ("USA", "CHN", "RUS")


def fill_store(store: Store, months: int = 96, per_month: int = 30, seed: int = 11) -> Document:
    """``per_month`` events per directed dyad and month from 2015 on. Each dyad's mean intensity
    answers the reverse dyad's of the month before (reciprocity built in). Every event is read in one
    stored sentence, so that evidence can be looked up."""
    rng = np.random.default_rng(seed)
    pairs = [(a, b) for a in ACTORS for b in ACTORS if a != b]
    reverse = [pairs.index((b, a)) for a, b in pairs]
    level = np.zeros((months, len(pairs)))
    for month in range(1, months):
        level[month] = 0.5 * level[month - 1] + 0.4 * level[month - 1, reverse] + rng.normal(0, 1.0, len(pairs))
    codes = [entry for entry in cameo_codebook().values() if len(entry.code) == 3]
    weights = np.array([entry.goldstein for entry in codes])
    order = np.argsort(weights)
    text = "Washington and Beijing traded measures while Moscow watched."
    document = Document(text=text, source="generated.txt", title="Generated", published=date(2023, 1, 1))
    store.write(documents=[document], sentences=[Sentence(document.id, 0, 0, len(text), text)])
    rows = []
    for month in range(months):
        for index, (source, target) in enumerate(pairs):
            draws = np.clip(level[month, index] + rng.normal(0, 2.5, per_month), weights.min(), weights.max())
            for number, draw in enumerate(draws):
                entry = codes[order[min(np.searchsorted(weights[order], draw), len(order) - 1)]]
                day = date(2015 + month // 12, month % 12 + 1, 1 + number % 28)
                # Hexadecimal ids, as the content hashes of real events are (the GDELT export reads them).
                event_id = hashlib.sha1(f"{month}-{index}-{number}".encode()).hexdigest()[:16]
                rows.append((event_id, day, source, target, entry.code, entry.root, entry.quad,
                             entry.goldstein, entry.plover))
    generated = pd.DataFrame(rows, columns=["event_id", "day", "source", "target", "code", "root", "quad",  # noqa: F841
                                            "goldstein", "plover"])  # read by DuckDB's replacement scan below
    store.con.execute("""
        INSERT INTO events SELECT event_id, day, 'day', source, 'GOV', target, 'GOV', code, root, quad, goldstein,
                                  plover, '', 'factual', ['trade'] FROM generated""")
    store.con.execute("""
        INSERT INTO event_reports (report_id, event_id, origin, document_id, sentence_index, span_start, span_end,
                                   evidence_text)
        SELECT 'r' || event_id, event_id, 'tripolar-test', ?, 0, 0, 10, 'Washington' FROM generated""",
                      [document.id])
    return document


@pytest.fixture(scope="module")
def busy_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("busy") / "busy.duckdb"
    with Store(path) as store:
        fill_store(store)
    return path
