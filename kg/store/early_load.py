"""Loading a fresh build's store while its pages are still being built.

A build with no previous build loads its store whole (:mod:`kg.store.update_plan`, "full"). When
the dataset is large enough to be loaded in blocks anyway (:data:`kg.store.oxigraph.LOAD_WHOLE`),
the blocks need not wait for ``dataset.nq``: the page graphs are bulk-loaded from their cache
files, one block at a time, as the worker processes finish them, and only the last block and the
shared lines (activity links, build and terms graphs) are left for the end. The workers keep
building pages while the main process loads; the serial part after the last page shrinks to one
block.

Nothing is loaded before the pages seen add up to more than ``LOAD_WHOLE`` bytes: a smaller build
is loaded whole from its dataset, as before. A page whose slug was already seen (two files, one
graph: :func:`kg.store.page_cache.dedupe_slugs` decides which one is built) makes the early store
void, and so does a store whose quad count is not the dataset's: the caller then loads the store
from ``dataset.nq`` as it would have. The store holds the same quads either way (a set: order
does not matter).
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox

from kg.store.atomic import nquads_bytes
from kg.store.build_dir import BuildDir
from kg.store.generation import Generation, new_generation
from kg.store.oxigraph import LENIENT, LOAD_BLOCK, LOAD_WHOLE
from kg.store.page_cache import PageCache, PageRecord


def gzip_size(path: Path) -> int:
    """The uncompressed size of a one-member gzip file (its last four bytes; files < 4 GB)."""
    with path.open("rb") as fh:
        fh.seek(-4, 2)
        return int.from_bytes(fh.read(4), "little")


class EarlyLoad:
    """The store of a fresh build, fed page graphs as they are built (see the module's doc)."""

    def __init__(
        self, b: BuildDir, cache: PageCache, *, whole: int = LOAD_WHOLE, block: int = LOAD_BLOCK
    ) -> None:
        self._b, self._cache, self._whole, self._block = b, cache, whole, block
        self._pending: list[Path] = []
        self._pending_size = 0
        self._seen = 0
        self._slugs: set[str] = set()
        self._void = False
        self._store: ox.Store | None = None
        self.generation: Generation | None = None

    @property
    def started(self) -> bool:
        """True once a block is loaded: the build's generation is :attr:`generation`."""
        return self.generation is not None

    def add(self, record: PageRecord) -> None:
        """A page is done: load its graph with the next block (failed pages have none)."""
        if record.status == "failed" or self._void:
            return
        if record.slug in self._slugs:
            self._void = True  # which copy is built is decided later, by file name
            return
        self._slugs.add(record.slug)
        path = self._cache.graph_file(record.cache_key)
        size = gzip_size(path)
        self._pending.append(path)
        self._pending_size += size
        self._seen += size
        if self._seen > self._whole and self._pending_size >= self._block:
            self._load(b"".join(nquads_bytes(p) for p in self._pending))

    def _load(self, data: bytes) -> None:
        if self._store is None:
            self.generation = new_generation(self._b)
            self._store = ox.Store(str(self.generation.store))
        self._store.bulk_load(data, format=ox.RdfFormat.N_QUADS, lenient=LENIENT)
        self._pending, self._pending_size = [], 0

    def finish(self, shared_lines: Sequence[str], expected_quads: int) -> bool:
        """Load the pages left and ``shared_lines``; True when the store then holds exactly
        ``expected_quads`` quads (the dataset's). Else the store is removed: load it whole."""
        assert self._store is not None and self.generation is not None, "nothing was loaded"
        ok = not self._void
        if ok:
            pages = b"".join(nquads_bytes(p) for p in self._pending)
            self._load(pages + ("\n".join(shared_lines) + "\n").encode("utf-8"))
            self._store.flush()
            ok = len(self._store) == expected_quads
        self._store = None  # closes it
        if not ok:
            shutil.rmtree(self.generation.store, ignore_errors=True)
        return ok
