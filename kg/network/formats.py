"""Diagram formats: the registry, and the diagram as a networkx graph.

``FORMATS`` maps a format name to a renderer ``Diagram -> str``; the CLI's ``--format``
choices come from it. GraphML (Gephi, Cytoscape, yEd; :mod:`kg.network.graphml`) and
Cytoscape JSON (``.cyjs``, :mod:`kg.network.cytoscape`) carry
the evidence as attributes: on edges ``statements``, ``evidence``, ``pages``, ``references``,
``predicates``; on nodes ``curie``, ``category``, ``distance``, ``centre``.
"""

from __future__ import annotations

from collections.abc import Callable

import networkx as nx

from kg.errors import InputError
from kg.network.cytoscape import render_cyjs
from kg.network.diagram import Diagram
from kg.network.dot import render_dot, render_svg
from kg.network.graphml import render_graphml
from kg.network.mermaid import render_mermaid

Renderer = Callable[[Diagram], str]


def to_networkx(diagram: Diagram) -> nx.MultiDiGraph:
    """The diagram as a small networkx graph with string / number / boolean attributes only.

    Nodes are keyed by IRI; edges by their label (unique per source and target).
    """
    g = nx.MultiDiGraph(name=diagram.title, centre=diagram.centre, depth=diagram.depth)
    for n in diagram.nodes:
        g.add_node(
            n.iri,
            name=n.label,
            label=n.label,
            curie=n.curie,
            category=n.category,
            distance=n.distance,
            centre=n.centre,
            hub=n.hub,
            merged=" ".join(n.merged),
        )
    for e in diagram.edges:
        g.add_edge(
            e.source,
            e.target,
            key=e.label,
            label=e.label,
            predicates=" ".join(e.predicates),
            statements=e.statements,
            evidence=e.evidence,
            pages=" ".join(e.pages),
            references=" ".join(e.references),
        )
    return g


FORMATS: dict[str, Renderer] = {
    "mermaid": render_mermaid,
    "dot": render_dot,
    "svg": render_svg,
    "graphml": render_graphml,
    "cyjs": render_cyjs,
}

#: File name suffix per format (``kg diagram --all`` names files ``<slug><suffix>``).
SUFFIXES: dict[str, str] = {
    "mermaid": ".mmd",
    "dot": ".dot",
    "svg": ".svg",
    "graphml": ".graphml",
    "cyjs": ".cyjs",
}


def render(diagram: Diagram, fmt: str) -> str:
    """Render ``diagram`` in format ``fmt`` (a key of :data:`FORMATS`)."""
    try:
        renderer = FORMATS[fmt]
    except KeyError:
        raise InputError(
            f"unknown diagram format {fmt!r}; choose one of {sorted(FORMATS)}"
        ) from None
    return renderer(diagram)
