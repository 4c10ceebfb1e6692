"""Writing ``dataset.nq`` by streaming graph blocks, never holding the whole dataset in memory.

Each named graph is one block of unique N-Quads lines, and blocks are written in the order of
their graph IRI. A page graph's block is its cached ``.nq`` file (sorted lines) followed by the
lines added for this build (the page's link to the build activity), so the file as a whole is
*not* one sorted sequence: it is grouped by graph, in a fixed order. The shared graphs come
from memory, sorted. The result is deterministic (same blocks, same bytes) and each graph's lines are
contiguous, so a reader can stream one graph at a time.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.store.atomic import atomic_file, nquads_bytes
from kg.store.triple_count import DistinctTriples


@dataclass(frozen=True, slots=True)
class Block:
    """One graph's lines: a file (``path``, sorted lines, gzip when it ends ``.gz``), then the
    lines in memory (``lines``)."""

    graph: str
    path: Path | None = None
    lines: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Artifact:
    """What a written file must be: its sha256, size and N-Quads line count."""

    sha256: str
    size: int
    quads: int
    triples: int | None = None  # distinct triples across graphs, when counted as written


def write_dataset(target: Path, blocks: Sequence[Block]) -> Artifact:
    """Write the blocks (sorted by graph IRI) to ``target`` atomically; what was written."""
    h = hashlib.sha256()
    count = size = 0
    triples = DistinctTriples()
    with atomic_file(target) as out:
        for block in sorted(blocks, key=lambda b: b.graph):
            chunks: list[bytes] = []
            if block.path is not None:
                chunks.append(nquads_bytes(block.path))
            if block.lines:
                chunks.append(("\n".join(block.lines) + "\n").encode("utf-8"))
            for chunk in chunks:
                out.write(chunk)
                h.update(chunk)
                size += len(chunk)
                count += chunk.count(b"\n")
                triples.feed(chunk)
    return Artifact(sha256=h.hexdigest(), size=size, quads=count, triples=triples.count)


def file_artifact(path: Path) -> Artifact:
    """The sha256, size and line count of the file at ``path`` as it is now."""
    h = hashlib.sha256()
    count = size = 0
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
            size += len(chunk)
            count += chunk.count(b"\n")
    return Artifact(sha256=h.hexdigest(), size=size, quads=count)
