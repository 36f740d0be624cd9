"""The benchmarks still run (on tiny inputs): a benchmark that rots reports nothing."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_ingest_benchmark_runs_on_a_small_corpus():
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "ingest_documents.py"), "--documents", "30"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "documents: 30 stored, 0 rejected" in result.stdout
    assert "documents/s" in result.stdout


def test_analysis_benchmark_runs_on_a_small_store():
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "analysis.py"), "--events", "60000"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    for stage in ("series:", "triangle:", "dynamics:", "backtest:", "report:", "total:"):
        assert stage in result.stdout
    assert "sections not available: none" in result.stdout


def test_api_load_benchmark_runs_on_a_small_store():
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "api_load.py"), "--events", "20000",
                             "--clients", "4", "--seconds", "2"], capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    for line in ("all:", "series:", "events:", "server peak RSS:", "p99 <= 50 ms:"):
        assert line in result.stdout
    assert "errors by status" not in result.stdout
