"""`benchmarks/bench_load.py` runs as its docstring prints it, on small inputs.

No figure is asserted (timings are the benchmark's to print): only that both loads are printed
and that every store it loaded, with one thread and with two, holds the same quads (the sorted
dumps, ``--check``), as many as dataset.nq has lines. The file is cut in 64 KB blocks, so that
the two threads load several blocks at once (the seeds' dataset is about 1 MB).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_load.py"


def _bench(*args: str) -> str:
    run = subprocess.run(
        [sys.executable, str(BENCH), "--repeat", "1", "--check", "--block-kb", "64", *args],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    out = run.stdout
    assert "64 KB blocks both ways" in out
    assert "  1 thread " in out and "  2 threads" in out
    assert "same quad count in every store: yes" in out
    assert "same sorted dump in every store: yes" in out
    assert "median wall: 1 thread" in out
    return out


def test_the_load_benchmark_loads_the_same_store_with_one_and_two_threads(
    seed_build: Path,
) -> None:
    dataset = seed_build / "dataset.nq"
    assert dataset.stat().st_size > 8 * 64 * 1024  # several blocks per thread
    out = _bench("--dataset", str(dataset))
    lines = len(dataset.read_bytes().splitlines())
    assert out.count(f"{lines:,} quads") == 2


def test_the_load_benchmark_builds_its_own_corpus() -> None:
    """``--pages N``: a corpus from benchmarks/corpus.py is built first, then loaded."""
    out = _bench("--pages", "3")
    assert "/build/dataset.nq" in out
