"""The build folder and the persistent store every command opens (docs/rdf-layout.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kg.store.build_dir import BuildDir, read_manifest
from kg.store.oxigraph import load_store, open_store

if TYPE_CHECKING:
    import rdflib

__all__ = ["BuildDir", "load_rdflib", "load_store", "open_store", "read_manifest"]


def load_rdflib(build_dir: Any) -> rdflib.Dataset:
    """The build as an rdflib Dataset (imports rdflib only when called; see rdflib_view)."""
    from kg.store.rdflib_view import load_rdflib as _load

    return _load(build_dir)
