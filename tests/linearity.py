"""Linear-time checks that do not depend on how fast or busy the machine is.

A test gives a function of the input size; :func:`assert_linear` runs it at ``n`` and at
``factor * n`` and compares CPU times (``time.process_time``, so other processes on a shared
machine do not count). Linear code takes about ``factor`` times as long; quadratic code takes
``factor**2`` times as long. The bound ``slack * factor`` (default 3 x 4 = 12 against 16 for
quadratic) leaves room for noise and still catches a quadratic cost; each size is timed twice
and the faster run counts, which removes most of the noise of a shared machine. Absolute times belong in
``benchmarks/``.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

#: CPU seconds below which a measurement is noise: the small run is padded up to it.
FLOOR = 0.02


def cpu_time(run: Callable[[], T]) -> tuple[float, T]:
    """The CPU time of ``run``, with Python's cycle collector paused: inside the whole suite the
    process holds every earlier test's objects, and a full collection that falls in the larger
    run walks all of them (the suite once timed 8x the input at 24x, alone it is about 8x)."""
    gc.collect()
    collecting = gc.isenabled()
    gc.disable()
    try:
        start = time.process_time()
        result = run()
        return time.process_time() - start, result
    finally:
        if collecting:
            gc.enable()


def assert_linear(
    run: Callable[[int], object], n: int, *, factor: int = 4, slack: float = 3.0
) -> None:
    """``run(factor * n)`` takes at most ``slack * factor`` times the CPU time of ``run(n)``."""
    run(n)  # warm-up: caches, imports, compiled patterns
    small = min(cpu_time(lambda: run(n))[0] for _ in range(2))
    big = min(cpu_time(lambda: run(factor * n))[0] for _ in range(2))
    ratio = big / max(small, FLOOR)
    assert ratio <= slack * factor, (
        f"{factor}x the input took {ratio:.1f}x the CPU time ({small:.3f} s -> {big:.3f} s): "
        "not linear"
    )
