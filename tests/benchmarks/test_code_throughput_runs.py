"""The coding benchmark still runs (on a tiny corpus) and prints its figures."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_code_throughput_benchmark_runs_on_a_small_corpus():
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "code_throughput.py"), "--sentences", "300",
                             "--plain", "30", "--processes", "1"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "rejects: 0" in result.stdout
    for figure in ("sentences/s", "candidate share:", "plain parse of every sentence", "tuned pipeline", "ratio",
                   "peak memory:"):
        assert figure in result.stdout
