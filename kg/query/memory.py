"""The query worker's memory limit (``--max-memory``): sizes, and a watcher of its resident memory.

A query such as ``SELECT * { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f`` makes pyoxigraph hold the
whole cross product: gigabytes within seconds. The worker's resident set size (``VmRSS`` of
``/proc/PID/status``, Linux) is read every :data:`POLL_SECONDS`; past the limit the worker's
process group is killed and the query is reported as stopped.

Why not ``RLIMIT_AS``: measured on this project's store, the worker maps about 440-530 MB of
address space (RocksDB's threads and allocator arenas) while its resident memory is 30 MB, and
under an address-space limit of 512 MB the store cannot even open (thread creation fails);
address space also grows with the number of cores. Resident memory is what keeps the machine
usable, so that is what is limited.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

from kg.deadline import kill_group
from kg.errors import QueryError

#: Default ``--max-memory``: the machine stays usable (kg's machines have 24 GiB) and every
#: query of the shipped kind stays far below it.
DEFAULT_MAX_MEMORY = "2G"
POLL_SECONDS = 0.02
_UNITS = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40}
_SIZE = re.compile(r"\s*([0-9]+(?:\.[0-9]+)?)\s*([KMGT]?)(?:I?B)?\s*", re.I)


def parse_size(text: str) -> int | None:
    """``"512M"`` -> 536870912 (K, M, G, T are powers of 1024); ``"0"`` -> None (no limit)."""
    m = _SIZE.fullmatch(text)
    if m is None:
        raise QueryError(f"--max-memory {text!r}: give a size such as 512M or 2G (0 for no limit)")
    size = int(float(m.group(1)) * _UNITS[m.group(2).upper()])
    return size or None


def resident_bytes(pid: int) -> int | None:
    """The resident set size of process ``pid`` (None when it is gone or /proc is absent)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text("ascii", "replace")
    except OSError:
        return None
    m = re.search(r"^VmRSS:\s+([0-9]+) kB", status, re.M)
    return int(m.group(1)) * 1024 if m else None


class MemoryWatch:
    """Kills the process group led by ``pid`` once its resident memory passes ``limit`` bytes."""

    def __init__(self, pid: int, limit: int) -> None:
        self.pid = pid
        self.limit = limit
        self.peak = 0
        self.exceeded = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="kg-query-memory", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(POLL_SECONDS):
            rss = resident_bytes(self.pid)
            if rss is None:
                return
            self.peak = max(self.peak, rss)
            if rss > self.limit:
                self.exceeded = True
                kill_group(self.pid)
                return

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


__all__ = ["DEFAULT_MAX_MEMORY", "MemoryWatch", "parse_size", "resident_bytes"]
