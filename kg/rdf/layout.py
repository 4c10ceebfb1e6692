"""Which triples of a page graph are facts (and so must have a statement node).

docs/rdf-layout.md: every triple in a page graph is a fact, except those whose subject is the
page node (page bookkeeping) or a provenance node (statement, selector and its parts).
"""

from __future__ import annotations

from kg import vocab as v

_PROVENANCE_PREFIXES = (v.STATEMENT_PREFIX, v.SELECTOR_PREFIX, v.ACTIVITY_PREFIX, v.GRAPH_PREFIX)


def is_provenance_node(iri: str) -> bool:
    return iri.startswith(_PROVENANCE_PREFIXES)


def is_fact(subject: str, page_iri: str) -> bool:
    """True when a triple with this subject, in the graph of ``page_iri``, is a fact."""
    return subject != page_iri and not is_provenance_node(subject)
