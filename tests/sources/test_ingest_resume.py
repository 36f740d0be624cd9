"""An ingest killed half-way (SIGKILL) and run again ends with exact counts and no duplicates."""

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tripolar.store import Store

STATUS = re.compile(r"Ingesting: ([\d,]+)/([\d,]+) inputs, ([\d,]+) stored")


def tripolar() -> list[str]:
    return [sys.executable, "-m", "tripolar"]


@pytest.mark.slow
def test_a_killed_ingest_resumes_without_duplicates(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    total = 12_000
    for number in range(total):
        (corpus / f"{number:05d}.txt").write_text(
            f"Report {number}: officials from Russia and China held talks in Moscow on Tuesday about energy "
            f"trade, and a spokesman said a further round of talks was planned for month {number % 12 + 1}.")
    (corpus / "bad.txt").write_bytes(b"\x00\x01binary")
    db = tmp_path / "corpus.duckdb"
    command = tripolar() + ["ingest", str(corpus), "--batch-size", "100", "--db", str(db)]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env)
    killed_at = None
    assert process.stderr is not None
    for line in process.stderr:
        match = STATUS.search(line)
        if match and int(match.group(3).replace(",", "")) > 0:
            done, planned = (int(group.replace(",", "")) for group in match.groups()[:2])
            if done < planned:
                process.send_signal(signal.SIGKILL)
                killed_at = done
                break
    process.wait(timeout=60)
    process.stderr.close()
    assert killed_at is not None, "the ingest finished before it could be killed"
    assert process.returncode == -signal.SIGKILL

    with Store(db) as store:
        partial = store.counts()["documents"]
    assert 0 < partial < total

    rerun = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"Stored {total - partial:,} new documents; {partial:,} already present." in rerun.stdout
    with Store(db) as store:
        assert store.counts()["documents"] == total
        assert store.con.execute("SELECT count(DISTINCT text) FROM documents").fetchone() == (total,)
        assert store.con.execute("SELECT reason, count FROM rejects").fetchall() == [("unreadable encoding", 1)]
