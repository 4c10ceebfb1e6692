"""kg.network.formats: GraphML and Cytoscape JSON round trips, DOT, SVG through Graphviz."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from kg.cli.diagram_cmd import FORMAT_NAMES
from kg.errors import KgError
from kg.network import FORMATS, Diagram, Network, build_diagram, render
from kg.network.dot import render_dot
from tests.network.conftest import CL_MOTOR_NEURON, ISL1
from tests.network.graphml_check import assert_valid_graphml, read_graphml


@pytest.fixture(scope="module")
def diagram(net: Network) -> Diagram:
    return build_diagram(net.graph, CL_MOTOR_NEURON, depth=2)


def test_cli_choices_match_the_registry() -> None:
    assert tuple(sorted(FORMATS)) == FORMAT_NAMES


def test_graphml_is_valid_against_the_graphml_xsd(diagram: Diagram, tmp_path: Path) -> None:
    """Regression (issue 12): IRIs as node ids (not NMTOKEN), relation labels as edge ids
    (spaces, repeated), ``True`` / ``False`` booleans."""
    path = tmp_path / "d.graphml"
    path.write_text(render(diagram, "graphml"), encoding="utf-8")
    assert_valid_graphml(path)
    root = ET.parse(path).getroot()
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    edge_ids = [e.get("id") for e in root.iterfind(".//g:edge", ns)]
    assert len(edge_ids) == len(diagram.edges) == len(set(edge_ids))
    booleans = {k.get("id") for k in root.iterfind("g:key", ns) if k.get("attr.type") == "boolean"}
    values = {d.text for d in root.iterfind(".//g:data", ns) if d.get("key") in booleans}
    assert values == {"true", "false"}
    assert render(diagram, "graphml") == render(diagram, "graphml")


def test_graphml_reloads_with_the_same_nodes_and_edges(diagram: Diagram, tmp_path: Path) -> None:
    path = tmp_path / "d.graphml"
    path.write_text(render(diagram, "graphml"), encoding="utf-8")
    assert_valid_graphml(path)
    g = read_graphml(path)
    assert set(g.nodes) == {n.iri for n in diagram.nodes}
    assert sorted((u, v, d["label"]) for u, v, d in g.edges(data=True)) == sorted(
        (e.source, e.target, e.label) for e in diagram.edges
    )
    (expresses,) = (d for d in g[CL_MOTOR_NEURON][ISL1].values() if d["label"] == "expresses")
    assert expresses["statements"] == 1 and expresses["evidence"] == 2
    assert expresses["pages"] == "cell-types-motor-neurons"
    assert g.nodes[CL_MOTOR_NEURON]["centre"] is True
    assert g.nodes[CL_MOTOR_NEURON]["curie"] == "CL:0000100"
    assert g.graph["name"] == diagram.title and g.graph["depth"] == diagram.depth


def test_cytoscape_json(diagram: Diagram) -> None:
    data = json.loads(render(diagram, "cyjs"))
    g = nx.cytoscape_graph(data)
    assert set(g.nodes) == {n.iri for n in diagram.nodes}
    assert g.number_of_edges() == len(diagram.edges)
    edge = next(
        e["data"]
        for e in data["elements"]["edges"]
        if e["data"]["target"] == ISL1 and e["data"]["source"] == CL_MOTOR_NEURON
    )
    assert edge["statements"] == 1 and edge["label"] == "expresses"
    assert render(diagram, "cyjs") == render(diagram, "cyjs")


def test_dot_text(diagram: Diagram) -> None:
    text = render_dot(diagram)
    assert text.startswith('digraph "motor neuron" {') and text.endswith("}\n")
    assert '"CL_0000100" -> "ISL1" [label="expresses"' in text
    assert text.count(" -> ") == len(diagram.edges)


def test_svg_needs_graphviz(diagram: Diagram) -> None:
    if shutil.which("dot") is None:
        with pytest.raises(KgError, match="apt-get install graphviz"):
            render(diagram, "svg")
    else:
        svg = render(diagram, "svg")
        assert "<svg" in svg and "motor neuron" in svg


def test_unknown_format(diagram: Diagram) -> None:
    with pytest.raises(KgError, match="unknown diagram format"):
        render(diagram, "png")
