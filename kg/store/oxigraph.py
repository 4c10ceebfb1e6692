"""The Oxigraph store in ``build/store/``: loaded from dataset.nq, opened by every command.

Why Oxigraph (measured in benchmarks/bench_store.py and docs/performance-notes.md): bulk
loading N-Quads and SPARQL joins are one to two orders of magnitude faster than rdflib's
in-memory store, and the store persists on disk so no command re-parses the dataset.

Updates are atomic: the new store is made beside the old one (a fresh bulk load, or a RocksDB
checkpoint of the old store with only the changed graphs replaced) and renamed into place.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.errors import InputError
from kg.store.build_dir import BuildDir


@dataclass(frozen=True, slots=True, kw_only=True)
class StoreUpdate:
    """What changed since the store was last written (see :func:`update_store`)."""

    drop_graphs: Sequence[str]  # page graphs removed or rebuilt, and the shared graphs
    load_files: Sequence[Path]  # N-Quads files of the rebuilt pages
    load_lines: Sequence[str] = field(default_factory=tuple)  # shared graphs, activity links
    drop_quads: Sequence[tuple[str, str, str, str]] = field(
        default_factory=tuple
    )  # s, p, o IRIs, g


def load_store(dataset: Path, store_dir: Path) -> None:
    """(Re)create the on-disk store at ``store_dir`` from an N-Quads file, then swap it in."""
    tmp = _fresh(store_dir, ".new")
    store = ox.Store(str(tmp))
    store.bulk_load(path=str(dataset), format=ox.RdfFormat.N_QUADS)
    store.flush()
    del store
    _swap(tmp, store_dir)


def update_store(store_dir: Path, update: StoreUpdate, expected_quads: int) -> bool:
    """Apply ``update`` to a checkpoint of the store and swap it in.

    Returns False (and leaves the store untouched) when there is no store to update or when
    the updated store does not hold ``expected_quads`` quads; the caller then reloads it whole.
    """
    if not store_dir.is_dir():
        return False
    tmp = _fresh(store_dir, ".new")
    try:
        ox.Store(str(store_dir)).backup(str(tmp))
    except OSError:
        return False
    store = ox.Store(str(tmp))
    for g in update.drop_graphs:
        store.remove_graph(ox.NamedNode(g))
    for s, p, o, g in update.drop_quads:
        store.remove(ox.Quad(ox.NamedNode(s), ox.NamedNode(p), ox.NamedNode(o), ox.NamedNode(g)))
    for path in update.load_files:
        store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
    if update.load_lines:
        data = ("\n".join(update.load_lines) + "\n").encode("utf-8")
        store.bulk_load(data, format=ox.RdfFormat.N_QUADS)
    store.flush()
    ok = len(store) == expected_quads
    del store
    if not ok:
        shutil.rmtree(tmp)
        return False
    _swap(tmp, store_dir)
    return True


def _fresh(store_dir: Path, suffix: str) -> Path:
    tmp = store_dir.with_name(store_dir.name + suffix)
    if tmp.exists():
        shutil.rmtree(tmp)
    return tmp


def _swap(new: Path, store_dir: Path) -> None:
    old = _fresh(store_dir, ".old")
    if store_dir.exists():
        store_dir.rename(old)
    new.rename(store_dir)
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


_DISTINCT_TRIPLES = "SELECT (COUNT(*) AS ?n) { SELECT DISTINCT ?s ?p ?o { GRAPH ?g { ?s ?p ?o } } }"


def count_triples(store_dir: Path) -> int:
    """Distinct triples in the union of the store's named graphs (a quad count counts repeats)."""
    store = ox.Store.read_only(str(store_dir))
    rows = store.query(_DISTINCT_TRIPLES)
    assert isinstance(rows, ox.QuerySolutions)
    n = next(iter(rows))["n"]
    assert isinstance(n, ox.Literal)
    return int(n.value)
