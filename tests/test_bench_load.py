"""`benchmarks/bench_load.py` runs as benchmarks/README.md prints it, on a small corpus.

No figure is asserted (timings are the benchmark's to print): only that both loads are printed
and that every store it loaded, with one thread and with two, holds the same quads (the sorted
dumps, ``--check``) as many as dataset.nq has lines.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_load.py"


def test_the_load_benchmark_loads_the_same_store_with_one_and_two_threads(
    seed_build: Path,
) -> None:
    dataset = seed_build / "dataset.nq"
    run = subprocess.run(
        [sys.executable, str(BENCH), "--dataset", str(dataset), "--repeat", "1", "--check"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    out = run.stdout
    lines = len(dataset.read_bytes().splitlines())
    assert "  1 thread " in out and "  2 threads" in out
    assert out.count(f"{lines:,} quads") == 2
    assert "same quad count in every store: yes" in out
    assert "same sorted dump in every store: yes" in out
    assert "median wall: 1 thread" in out
