"""`benchmarks/bench_scale.py`, the issue's benchmark, runs as benchmarks/README.md prints it.

On a 20-page corpus from `make_corpus.py`, not 18,434 (the suite stays fast), and with a 2,000-quad sample for the
plain approach: no figure is asserted (timings are the benchmark's to print, never a test's),
only that every section is printed and that its two equality checks hold: the report read back
from the cache is the cold one, and the edited build's report is the one `kg validate --no-cache`
gives. Then `--validation-only` on the folder the first run left (one page edited there and
undone in the corpus since: the folder is a build of the edit) runs the same checks again.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_scale.py"

SECTIONS = (
    "kg build --no-validate (median of 1",
    "quads per fact",
    "build folder parts (bytes):",
    "rebuild, nothing changed:",
    "kg export --format nquads -o kg.nq:",
    "2-hop query through `kg query`",
    "plain approach: rdflib Dataset parse + serialize of 2,000 quads",
)
VALIDATION = (
    "kg validate --jobs 2 (20 pages",
    "empty result cache",
    "reports identical: yes",
    "validation-cache",
    "kg build (validation included)",
    "one page edited",
    "edited: report == kg validate --no-cache: yes",
)


def _bench(*args: str) -> str:
    run = subprocess.run(
        [sys.executable, str(BENCH), "--repeat", "1", "--check-edit", *args],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert "Traceback" not in run.stderr
    return run.stdout


def test_the_scale_benchmark_prints_every_figure_and_its_checks_hold(tmp_path: Path) -> None:
    from benchmarks.make_corpus import make_corpus

    corpus, out = tmp_path / "corpus", tmp_path / "build"
    make_corpus(corpus, 20, 0)
    common = ("--corpus", str(corpus), "--out", str(out), "--tmp", str(tmp_path / "t"))
    first = _bench(*common, "--plain-quads", "2000")
    for line in (*SECTIONS, *VALIDATION):
        assert line in first, line
    again = _bench(*common, "--validation-only")
    for line in VALIDATION:
        assert line in again, line
    assert SECTIONS[0] not in again  # no build from scratch in this mode
