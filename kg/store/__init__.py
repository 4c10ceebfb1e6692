"""The build folder and the persistent store every command opens (docs/rdf-layout.md)."""

from kg.store.build_dir import BuildDir, read_manifest
from kg.store.oxigraph import load_store, open_store
from kg.store.rdflib_view import load_rdflib

__all__ = ["BuildDir", "load_rdflib", "load_store", "open_store", "read_manifest"]
