"""Counting the distinct triples of a dataset while it is written, without a SPARQL COUNT.

The union of the named graphs repeats a triple when two pages state the same fact, so the
quad count is not the triple count. Oxigraph's ``SELECT (COUNT(*)) {SELECT DISTINCT ...}``
took 103 s for 6.9M quads (benchmarks/README.md); this counter reads each N-Quads line once
as :func:`kg.store.dataset.write_dataset` streams it.

A triple whose subject is a statement or selector node cannot repeat across graphs: those
IRIs are minted from the graph (statements) or the page (selectors), one page per graph.
Within one graph block the lines are unique, so such a line is counted as it goes. Every
other triple (facts, page and shared-graph lines, a small share) is kept as a 16-byte digest
in a set, so memory grows with the facts, not with the provenance.
"""

from __future__ import annotations

import hashlib

from kg import vocab as v

_PER_GRAPH = tuple(f"<{prefix}".encode() for prefix in (v.STATEMENT_PREFIX, v.SELECTOR_PREFIX))


def graph_triples(chunk: bytes) -> tuple[int, bytes]:
    """One graph block's part of the count: how many of its lines are minted-subject triples
    (counted as they go), and the 16-byte digests of the others, concatenated.

    A page's share is computed once, when its graph is built, and kept in its page cache
    record (kg.store.page_cache), so that a build with one page changed does not read the
    other pages' graphs again to count the dataset's triples."""
    minted = 0
    digests = []
    for line in chunk.splitlines():
        if not line:
            continue
        if line.startswith(_PER_GRAPH):
            minted += 1
            continue
        # "<s> <p> o <g> ." : the graph is the last IRI, and IRIs hold no spaces
        digests.append(hashlib.blake2b(line[: line.rindex(b" <")], digest_size=DIGEST).digest())
    return minted, b"".join(digests)


DIGEST = 16


class DistinctTriples:
    """Feed it every graph block's bytes (unique lines per block), or its
    :func:`graph_triples`; ``count`` is the total."""

    __slots__ = ("_minted", "_seen")

    def __init__(self) -> None:
        self._minted = 0
        self._seen: set[bytes] = set()

    def feed(self, chunk: bytes) -> None:
        """Count the N-Quads lines of ``chunk`` (whole lines, each naming its graph)."""
        self.add(*graph_triples(chunk))

    def add(self, minted: int, digests: bytes) -> None:
        """Count a block's share, as :func:`graph_triples` gave it."""
        if len(digests) % DIGEST:
            raise ValueError("a triple digest list must be a multiple of 16 bytes")
        self._minted += minted
        self._seen.update(digests[i : i + DIGEST] for i in range(0, len(digests), DIGEST))

    @property
    def count(self) -> int:
        return self._minted + len(self._seen)
