"""kg.network.diagram: neighbourhood -> diagram (case variants merged, edges de-duplicated)."""

from __future__ import annotations

import networkx as nx

from kg.network import Network, build_diagram
from tests.network.conftest import ALS, CL_MOTOR_NEURON, IPSC, ISL1, MNX1, MOUSE, RILUZOLE, SOD1

GENE = "https://w3id.org/biolink/vocab/Gene"
DISEASE = "https://w3id.org/biolink/vocab/Disease"


def test_depth_one_around_motor_neurons(net: Network) -> None:
    d = build_diagram(net.graph, CL_MOTOR_NEURON, depth=1)
    assert d.nodes[0].iri == CL_MOTOR_NEURON and d.nodes[0].centre
    assert {n.iri for n in d.nodes} == {CL_MOTOR_NEURON, ISL1, MNX1, MOUSE, ALS, IPSC}
    labelled = {(d.node(e.source).label, e.label, d.node(e.target).label) for e in d.edges}
    assert ("motor neuron", "expresses", "ISL1") in labelled
    assert ("motor neuron", "expresses", "HB9") in labelled
    assert ("Amyotrophic Lateral Sclerosis", "disease has location", "motor neuron") in labelled
    assert ("iPSC-Derived Motor Neurons", "expresses", "ISL1") in labelled  # neighbours' edge
    assert d.dropped == 0


def test_depth_two_reaches_drugs_of_the_disease(net: Network) -> None:
    d = build_diagram(net.graph, CL_MOTOR_NEURON, depth=2)
    assert {RILUZOLE, SOD1} <= {n.iri for n in d.nodes}
    assert {n.iri: n.distance for n in d.nodes}[RILUZOLE] == 2


def test_relations_filter_by_label_or_curie(net: Network) -> None:
    by_label = build_diagram(net.graph, CL_MOTOR_NEURON, relations=("Expresses",))
    by_curie = build_diagram(net.graph, CL_MOTOR_NEURON, relations=("RO:0002292",))
    for d in (by_label, by_curie):
        assert {e.label for e in d.edges} == {"expresses"}
        assert {n.iri for n in d.nodes} == {CL_MOTOR_NEURON, ISL1, MNX1}


def test_max_edges(net: Network) -> None:
    d = build_diagram(net.graph, CL_MOTOR_NEURON, depth=2, max_edges=3)
    assert len(d.edges) == 3 and d.dropped == 5
    assert all(CL_MOTOR_NEURON in (e.source, e.target) for e in d.edges)


def _variants_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node("c", label="Microglia", category="cell", curie="c")
    g.add_node("als", label="ALS", category=DISEASE, curie="MONDO:x", ungrounded=False)
    g.add_node(
        "m-als", label="Als", category=DISEASE, curie="kg:mention-disease-als", ungrounded=True
    )
    g.add_node("dam", label="DAM", category=GENE, curie="kg:dam1", ungrounded=True)
    g.add_node("Dam", label="Dam", category=DISEASE, curie="kg:dam2", ungrounded=True)
    for v, key, n in (
        ("als", "p1", 1),
        ("m-als", "p1", 2),
        ("m-als", "p2", 1),
        ("dam", "p1", 1),
        ("Dam", "p1", 1),
    ):
        g.add_edge(
            "c",
            v,
            key=key,
            label="associated with",
            statements=n,
            evidence=n,
            kind=0,
            pages=(f"page-{v}",),
            references=(),
        )
    g.add_edge("als", "m-als", key="p1", label="associated with", statements=1, evidence=1, kind=0)
    return g


def test_case_variants_merge_and_edges_deduplicate() -> None:
    d = build_diagram(_variants_graph(), "c", depth=1)
    # ALS and Als (same category) are one node, the grounded one; DAM (gene) and Dam (disease) are not
    assert {n.iri for n in d.nodes} == {"c", "als", "dam", "Dam"}
    assert d.node("als").merged == ("m-als",)
    to_als = [e for e in d.edges if e.target == "als"]
    assert len(to_als) == 1  # three facts, one label: one edge with the evidence summed
    assert to_als[0].statements == 4
    assert to_als[0].predicates == ("p1", "p2")
    assert to_als[0].pages == ("page-als", "page-m-als")
    assert not [e for e in d.edges if e.source == e.target]  # the variants' own edge is dropped


def test_merging_makes_room_for_more_edges() -> None:
    g = _variants_graph()
    d = build_diagram(g, "c", depth=1, max_edges=3)
    assert len(d.edges) == 3  # 4 raw edges become 3 after the merge
