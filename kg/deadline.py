"""One way to stop a worker process at a deadline, shared by the query worker and the reasoner.

pyoxigraph cannot cancel a running query and HermiT cannot be interrupted from Python, so both
run in a worker process that leads its own process group; past its :class:`Deadline` the whole
group (the worker and anything it started, such as HermiT's Java) is killed with
:func:`kill_group`. This module imports nothing of the project's.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Deadline:
    """``seconds`` from the moment it was made."""

    seconds: float
    started: float = field(default_factory=time.monotonic)

    def remaining(self) -> float:
        """Seconds left (never negative)."""
        return max(0.0, self.seconds - (time.monotonic() - self.started))


def kill_group(pid: int) -> None:
    """Kill a worker that leads its own process group, with everything it started."""
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        with contextlib.suppress(ProcessLookupError):  # already gone
            os.kill(pid, signal.SIGKILL)
