"""The networkx layer: pathway diagrams, provenance edges and relation paths over a build.

Python API (every function takes a build folder, a pyoxigraph store, an rdflib dataset or
an opened :class:`Network`)::

    from kg.network import open_network, draw_diagram, render, trace_provenance, find_paths
    net = open_network("build")
    d = draw_diagram(net, "cell-types-motor-neurons", depth=2, max_edges=40)
    print(render(d, "mermaid"))
    prov = trace_provenance(net, "CL:0000100", relation="expresses")
    found = find_paths(net, "Riluzole", "ISL1", max_length=4)

:func:`project` is the projection itself (RDF dataset -> ``networkx.MultiDiGraph``).
"""

from __future__ import annotations

from typing import Any

from kg.network.batch import BatchResult, write_all_diagrams
from kg.network.compare import Comparison, compare_diagram, render_comparison
from kg.network.diagram import (
    DEFAULT_DEPTH,
    DEFAULT_MAX_EDGES,
    Diagram,
    DiagramEdge,
    DiagramNode,
    build_diagram,
)
from kg.network.formats import FORMATS, render, to_networkx
from kg.network.neighbourhood import HUB_DEGREE, Neighbourhood, bounded_bfs
from kg.network.network import Network, open_network
from kg.network.paths import DEFAULT_MAX_LENGTH, RelationPath, shortest_paths
from kg.network.projection import PageInfo, project
from kg.network.provenance import Fact, Provenance, Source
from kg.network.provenance import provenance as _provenance
from kg.network.resolver import Resolver, resolve

__all__ = [
    "DEFAULT_DEPTH",
    "DEFAULT_MAX_EDGES",
    "DEFAULT_MAX_LENGTH",
    "FORMATS",
    "HUB_DEGREE",
    "BatchResult",
    "Comparison",
    "Diagram",
    "DiagramEdge",
    "DiagramNode",
    "Fact",
    "Neighbourhood",
    "Network",
    "PageInfo",
    "Provenance",
    "RelationPath",
    "Resolver",
    "Source",
    "bounded_bfs",
    "build_diagram",
    "compare_diagram",
    "compare_page_diagram",
    "draw_diagram",
    "find_paths",
    "open_network",
    "project",
    "render",
    "render_comparison",
    "resolve",
    "shortest_paths",
    "to_networkx",
    "trace_provenance",
    "write_all_diagrams",
]


def draw_diagram(
    source: Any,
    entity: str,
    *,
    depth: int = DEFAULT_DEPTH,
    max_edges: int | None = DEFAULT_MAX_EDGES,
    relations: tuple[str, ...] = (),
) -> Diagram:
    """The pathway diagram of ``entity`` (CURIE, IRI, page slug or label)."""
    net = open_network(source)
    return build_diagram(
        net.graph, net.entity(entity), depth=depth, max_edges=max_edges, relations=relations
    )


def compare_page_diagram(source: Any, entity: str) -> Comparison:
    """The page's own Mermaid diagram of ``entity`` against the graph."""
    net = open_network(source)
    return compare_diagram(net, net.entity(entity))


def trace_provenance(
    source: Any, entity: str, *, relation: str | None = None, obj: str | None = None
) -> Provenance:
    """Every fact about ``entity`` with its statements, sources, quotes and references."""
    net = open_network(source)
    return _provenance(net, net.entity(entity), relation=relation, obj=obj)


def find_paths(
    source: Any, a: str, b: str, *, max_length: int = DEFAULT_MAX_LENGTH, max_paths: int = 10
) -> tuple[RelationPath, ...]:
    """The shortest relation paths between two entities (any direction)."""
    net = open_network(source)
    return shortest_paths(
        net.graph, net.entity(a), net.entity(b), max_length=max_length, max_paths=max_paths
    )
