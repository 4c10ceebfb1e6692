"""kg: turn SciDEX wiki pages into an RDF knowledge graph with provenance for every triple.

The stages (one sub-package each) are chained only in :mod:`kg.pipeline`:

pages -> parse -> extract -> ground -> rdf -> store / export / validate / network / query
"""

__version__ = "0.1.0"
