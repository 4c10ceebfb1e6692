"""The Oxigraph store in ``build/store/``: bulk-loaded from dataset.nq, opened by every command.

Why Oxigraph (measured in benchmarks/bench_store.py and docs/performance-notes.md): bulk
loading N-Quads and SPARQL joins are one to two orders of magnitude faster than rdflib's
in-memory store, and the store persists on disk so no command re-parses the dataset.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox

from kg.errors import InputError
from kg.store.build_dir import BuildDir


def load_store(dataset: Path, store_dir: Path) -> None:
    """(Re)create the on-disk store at ``store_dir`` from an N-Quads file, then swap it in.

    The new store is built beside the old one and renamed into place, so a failed load
    leaves the previous store intact.
    """
    tmp = store_dir.with_name(store_dir.name + ".new")
    old = store_dir.with_name(store_dir.name + ".old")
    for leftover in (tmp, old):
        if leftover.exists():
            shutil.rmtree(leftover)
    store = ox.Store(str(tmp))
    store.bulk_load(path=str(dataset), format=ox.RdfFormat.N_QUADS)
    store.flush()
    store.optimize()
    del store
    if store_dir.exists():
        store_dir.rename(old)
    tmp.rename(store_dir)
    if old.exists():
        shutil.rmtree(old)


def open_store(build_dir: str | Path, *, read_only: bool = True) -> ox.Store:
    """The build's store. Read-only by default; several processes may read it at once."""
    b = BuildDir(Path(build_dir)).require()
    if not b.store.is_dir():
        raise InputError("the build has no store: run `kg build` again", path=b.store)
    try:
        return ox.Store.read_only(str(b.store)) if read_only else ox.Store(str(b.store))
    except OSError as exc:
        raise InputError(f"cannot open the store: {exc}", path=b.store) from None


def open_memory_store(build_dir: str | Path) -> ox.Store:
    """An in-memory store loaded from the build's dataset.nq (for tests and one-off tools)."""
    b = BuildDir(Path(build_dir)).require()
    store = ox.Store()
    store.bulk_load(path=str(b.dataset), format=ox.RdfFormat.N_QUADS)
    return store
