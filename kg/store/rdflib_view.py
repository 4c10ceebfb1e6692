"""The build as an :class:`rdflib.Dataset`, for library users who want the rdflib API."""

from __future__ import annotations

from pathlib import Path

import rdflib

from kg.store.build_dir import BuildDir


def load_rdflib(build_dir: str | Path) -> rdflib.Dataset:
    """Every graph of the build in an in-memory rdflib Dataset (parsed from dataset.nq).

    For large builds prefer :func:`kg.store.open_store` (Oxigraph): rdflib holds about 1 GB
    per million triples and its SPARQL engine is slow on joins.
    """
    b = BuildDir(Path(build_dir)).require()
    ds = rdflib.Dataset()
    ds.parse(b.dataset, format="nquads")
    return ds
