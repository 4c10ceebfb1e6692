"""Writing ``dataset.nq`` by streaming graph blocks, never holding the whole dataset in memory.

Each named graph is one block of unique N-Quads lines, and blocks are written in the order of
their graph IRI. A page graph's block is its cached ``.nq`` file (sorted lines) followed by the
lines added for this build (the page's link to the build activity), so the file as a whole is
*not* one sorted sequence: it is grouped by graph, in a fixed order. The shared graphs come
from memory, sorted. The result is deterministic (same blocks, same bytes) and each graph's lines are
contiguous, so a reader can stream one graph at a time.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Block:
    """One graph's lines: a file (``path``, sorted lines), then the lines in memory (``lines``)."""

    graph: str
    path: Path | None = None
    lines: tuple[str, ...] = ()


def write_dataset(target: Path, blocks: Sequence[Block]) -> int:
    """Write the blocks (sorted by graph IRI) to ``target`` atomically; returns the line count."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    count = 0
    try:
        with os.fdopen(fd, "wb") as out:
            for block in sorted(blocks, key=lambda b: b.graph):
                if block.path is not None:
                    with block.path.open("rb") as src:
                        shutil.copyfileobj(src, out, 1 << 20)
                    count += _count_lines(block.path)
                if block.lines:
                    out.write(("\n".join(block.lines) + "\n").encode("utf-8"))
                    count += len(block.lines)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return count


def _count_lines(path: Path) -> int:
    n = 0
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            n += chunk.count(b"\n")
    return n
