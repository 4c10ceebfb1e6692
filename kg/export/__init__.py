"""Writing the build in RDF formats (a registry of writers, all through Oxigraph)."""

from kg.export.formats import FORMATS, export

__all__ = ["FORMATS", "export"]
