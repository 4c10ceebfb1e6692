"""GraphML for a diagram, valid against the GraphML 1.0 schema (Gephi, Cytoscape, yEd, networkx).

The schema types node and edge ids as ``xs:NMTOKEN`` and wants them unique in the document,
so an IRI cannot be an id: nodes are ``n0``, ``n1``, ... in the diagram's order (the centre
first) with the IRI as the ``iri`` attribute, edges ``e0``, ``e1``, ... in the diagram's
order. Every attribute is declared by a ``<key>`` with its GraphML ``attr.type``; booleans
are written ``true`` / ``false`` (``xs:boolean``), empty values are left out. The text is
deterministic: keys, nodes and edges in a fixed order, no timestamps.

Reload with ``networkx.read_graphml(path, force_multigraph=True)`` and relabel by ``iri``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable

from kg.network.diagram import Diagram, DiagramEdge, DiagramNode

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{GRAPHML_NS} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"

#: (domain, attribute name, GraphML attr.type), in the order the keys are declared.
KEYS: tuple[tuple[str, str, str], ...] = (
    ("graph", "name", "string"),
    ("graph", "centre", "string"),
    ("graph", "depth", "int"),
    ("graph", "dropped", "int"),
    ("node", "iri", "string"),
    ("node", "name", "string"),
    ("node", "label", "string"),
    ("node", "curie", "string"),
    ("node", "category", "string"),
    ("node", "distance", "int"),
    ("node", "centre", "boolean"),
    ("node", "hub", "boolean"),
    ("node", "merged", "string"),
    ("edge", "label", "string"),
    ("edge", "predicates", "string"),
    ("edge", "statements", "int"),
    ("edge", "evidence", "int"),
    ("edge", "pages", "string"),
    ("edge", "references", "string"),
)

#: Characters XML 1.0 does not allow in a document at all.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

Value = str | int | bool


def node_ids(diagram: Diagram) -> dict[str, str]:
    """IRI -> GraphML node id (``n0`` is the centre)."""
    return {n.iri: f"n{i}" for i, n in enumerate(diagram.nodes)}


def render_graphml(diagram: Diagram) -> str:
    """The diagram as GraphML text (UTF-8, ends with a newline)."""
    root = ET.Element(
        "graphml", {"xmlns": GRAPHML_NS, "xmlns:xsi": XSI_NS, "xsi:schemaLocation": SCHEMA_LOCATION}
    )
    for domain, name, kind in KEYS:
        ET.SubElement(
            root,
            "key",
            {"id": _key_id(domain, name), "for": domain, "attr.name": name, "attr.type": kind},
        )
    graph = ET.SubElement(root, "graph", {"id": "G", "edgedefault": "directed"})
    _data(graph, "graph", _graph_values(diagram))
    ids = node_ids(diagram)
    for n in diagram.nodes:
        _data(ET.SubElement(graph, "node", {"id": ids[n.iri]}), "node", _node_values(n))
    for i, e in enumerate(diagram.edges):
        attrs = {"id": f"e{i}", "source": ids[e.source], "target": ids[e.target]}
        _data(ET.SubElement(graph, "edge", attrs), "edge", _edge_values(e))
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


def _key_id(domain: str, name: str) -> str:
    return f"{domain[0]}_{name}"


def _graph_values(d: Diagram) -> Iterable[tuple[str, Value]]:
    return (("name", d.title), ("centre", d.centre), ("depth", d.depth), ("dropped", d.dropped))


def _node_values(n: DiagramNode) -> Iterable[tuple[str, Value]]:
    return (
        ("iri", n.iri),
        ("name", n.label),
        ("label", n.label),
        ("curie", n.curie),
        ("category", n.category),
        ("distance", n.distance),
        ("centre", n.centre),
        ("hub", n.hub),
        ("merged", " ".join(n.merged)),
    )


def _edge_values(e: DiagramEdge) -> Iterable[tuple[str, Value]]:
    return (
        ("label", e.label),
        ("predicates", " ".join(e.predicates)),
        ("statements", e.statements),
        ("evidence", e.evidence),
        ("pages", " ".join(e.pages)),
        ("references", " ".join(e.references)),
    )


def _data(parent: ET.Element, domain: str, values: Iterable[tuple[str, Value]]) -> None:
    for name, value in values:
        text = _text(value)
        if text:
            ET.SubElement(parent, "data", {"key": _key_id(domain, name)}).text = text


def _text(value: Value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return _NOT_XML.sub("", str(value))
