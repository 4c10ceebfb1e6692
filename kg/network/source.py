"""Where the network layer reads the graph from: a build folder, a store, or an RDF dataset.

Everything in :mod:`kg.network` queries a :class:`pyoxigraph.Store` with SPARQL (fast, and
the same engine `kg query` uses). :func:`as_store` accepts what callers have at hand:

* a build folder (``build/``): its on-disk store through :func:`kg.store.open_store`, or,
  for a folder holding only ``dataset.nq`` (a copied artifact), that file bulk-loaded into
  an in-memory store;
* a ``pyoxigraph.Store`` (used as is);
* an ``rdflib.Dataset`` / ``ConjunctiveGraph`` (serialised to N-Quads and bulk-loaded).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import InputError

DATASET_FILE = "dataset.nq"


def as_store(source: Any) -> ox.Store:
    """A pyoxigraph store for ``source`` (a store, a build folder, or an rdflib dataset)."""
    if isinstance(source, ox.Store):
        return source
    if isinstance(source, str | Path):
        return open_build(Path(source))
    if hasattr(source, "serialize") and hasattr(source, "quads"):
        data = source.serialize(format="nquads")
        store = ox.Store()
        store.bulk_load(data.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
        return store
    raise InputError(
        f"cannot read a graph from {type(source).__name__}: give a build folder, "
        "a pyoxigraph.Store or an rdflib Dataset"
    )


def open_build(build_dir: Path) -> ox.Store:
    """Open the store of a build folder written by `kg build`.

    Raises :class:`InputError` naming the folder when it is not a build.
    """
    if not build_dir.is_dir():
        raise InputError("no such build folder; run `kg build` first", path=build_dir)
    if (build_dir / "store").is_dir():
        from kg.store import open_store

        return open_store(build_dir)
    nq = build_dir / DATASET_FILE
    if not nq.is_file():
        raise InputError(
            f"not a build folder (no {DATASET_FILE}); run `kg build --out {build_dir}`",
            path=build_dir,
        )
    store = ox.Store()
    store.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
    return store


def load_trig(path: str | Path) -> ox.Store:
    """An in-memory store holding a TriG (or N-Quads, by suffix) file: fixtures, small exports."""
    p = Path(path)
    fmt = ox.RdfFormat.N_QUADS if p.suffix == ".nq" else ox.RdfFormat.TRIG
    store = ox.Store()
    try:
        store.load(path=str(p), format=fmt)
    except SyntaxError as exc:
        raise InputError(f"not valid {fmt.name}: {exc}", path=p) from None
    except FileNotFoundError:
        raise InputError("no such file", path=p) from None
    return store
