"""Cytoscape JSON (``.cyjs``) for a diagram, as cytoscape.js and Cytoscape desktop load it.

``{"data": {...}, "elements": {"nodes": [...], "edges": [...]}}``: the top-level ``data`` is
an object (the graph's ``name``, ``centre``, ``depth``, ``dropped``), and every element's
``data`` has a unique ``id``: a node's is its IRI, an edge's ``e0``, ``e1``, ... in the
diagram's order (the same ids as the GraphML edges). ``directed`` / ``multigraph`` and the
node ``value`` / edge ``key`` fields let ``networkx.cytoscape_graph`` read it back too.
Keys are sorted, so the text is deterministic.
"""

from __future__ import annotations

import json
from typing import Any

from kg.network.diagram import Diagram, DiagramEdge, DiagramNode


def cytoscape_data(diagram: Diagram) -> dict[str, Any]:
    """The diagram as a Cytoscape JSON object."""
    return {
        "data": {
            "name": diagram.title,
            "centre": diagram.centre,
            "depth": diagram.depth,
            "dropped": diagram.dropped,
        },
        "directed": True,
        "multigraph": True,
        "elements": {
            "nodes": [{"data": _node(n)} for n in diagram.nodes],
            "edges": [{"data": _edge(f"e{i}", e)} for i, e in enumerate(diagram.edges)],
        },
    }


def render_cyjs(diagram: Diagram) -> str:
    """Cytoscape JSON text, keys sorted, ending with a newline."""
    return json.dumps(cytoscape_data(diagram), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _node(n: DiagramNode) -> dict[str, Any]:
    return {
        "id": n.iri,
        "value": n.iri,
        "name": n.label,
        "label": n.label,
        "curie": n.curie,
        "category": n.category,
        "distance": n.distance,
        "centre": n.centre,
        "hub": n.hub,
        "merged": " ".join(n.merged),
    }


def _edge(edge_id: str, e: DiagramEdge) -> dict[str, Any]:
    return {
        "id": edge_id,
        "key": edge_id,
        "source": e.source,
        "target": e.target,
        "label": e.label,
        "predicates": " ".join(e.predicates),
        "statements": e.statements,
        "evidence": e.evidence,
        "pages": " ".join(e.pages),
        "references": " ".join(e.references),
    }
