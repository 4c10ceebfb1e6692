"""kg.network.mermaid: valid, deterministic flowchart text."""

from __future__ import annotations

import networkx as nx

from kg.network import Network, build_diagram
from kg.network.mermaid import quote, render_mermaid, sanitise_id
from tests.network.conftest import CL_MOTOR_NEURON
from tests.network.mermaid_check import parse_flowchart


def test_structure_of_a_real_diagram(net: Network) -> None:
    text = render_mermaid(build_diagram(net.graph, CL_MOTOR_NEURON, depth=2))
    chart = parse_flowchart(text)
    assert chart.nodes["CL_0000100"] == "motor neuron"
    assert chart.styled == ["CL_0000100"]  # the centre is styled
    assert ("motor neuron", "expresses", "ISL1") in chart.label_edges()
    assert (
        "Riluzole",
        "is substance that treats",
        "Amyotrophic Lateral Sclerosis",
    ) in chart.label_edges()
    assert len(chart.edges) == 8


def test_deterministic(net: Network) -> None:
    a = render_mermaid(build_diagram(net.graph, CL_MOTOR_NEURON, depth=2))
    b = render_mermaid(build_diagram(net.graph, CL_MOTOR_NEURON, depth=2))
    assert a == b


def test_hostile_labels_and_ids() -> None:
    g = nx.MultiDiGraph()
    nodes = {
        "https://x/1": 'Alzheimer\'s "Disease"',
        "https://x/2": "end",
        "https://x/3": "9p21 <locus> | #1",
        "https://x/4": "End",  # the same id as "end" once case is ignored
        "https://x/5": "",
    }
    for i, (iri, label) in enumerate(nodes.items()):  # distinct categories: no case merging
        g.add_node(iri, label=label or iri, curie=iri, category=str(i))
    for iri in list(nodes)[1:]:
        g.add_edge("https://x/1", iri, key="p", label='says "hi" | <b>', statements=1, kind=0)
    chart = parse_flowchart(render_mermaid(build_diagram(g, "https://x/1")))
    assert len(chart.nodes) == 5 and len(chart.edges) == 4
    assert "Alzheimer's #quot;Disease#quot;" in chart.nodes.values()
    ids = set(chart.nodes)
    assert "end" not in {i.casefold() for i in ids}  # a Mermaid keyword is never an id
    assert all(not i[0].isdigit() for i in ids)


def test_sanitise_and_quote() -> None:
    assert sanitise_id("CL:0000100") == "CL_0000100"
    assert sanitise_id("Alzheimer's Disease") == "Alzheimer_s_Disease"
    assert sanitise_id("3-MA") == "n_3_MA"
    assert sanitise_id("subgraph") == "n_subgraph"
    assert sanitise_id("***") == "node"
    assert quote('a "b"\n c') == "a #quot;b#quot; c"
    assert quote("x#y") == "x#35;y"
