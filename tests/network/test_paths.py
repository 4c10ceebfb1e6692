"""kg.network.paths: shortest relation paths, either direction, with evidence."""

from __future__ import annotations

import json

import networkx as nx

from kg.network import Network, shortest_paths
from kg.network.paths import paths_json, render_paths
from tests.network.conftest import ALS, CL_MOTOR_NEURON, IPSC, ISL1, MNX1, RILUZOLE


def test_drug_to_marker(net: Network) -> None:
    (path,) = shortest_paths(net.graph, RILUZOLE, ISL1)
    assert path.nodes == (RILUZOLE, ALS, CL_MOTOR_NEURON, ISL1)
    assert [s.relations[0].label for s in path.steps] == [
        "is substance that treats",
        "disease has location",
        "expresses",
    ]
    assert all(r.forward for s in path.steps for r in s.relations)
    assert path.steps[0].relations[0].statements == 2


def test_backward_steps_and_several_paths(net: Network) -> None:
    found = shortest_paths(net.graph, MNX1, IPSC)
    assert [p.nodes for p in found] == [(MNX1, CL_MOTOR_NEURON, IPSC)]
    step = found[0].steps[0]
    assert not step.relations[0].forward  # motor neuron expresses HB9: walked backwards
    found = shortest_paths(net.graph, CL_MOTOR_NEURON, ISL1, max_length=3)
    assert len(found) == 1 and found[0].length == 1
    text = render_paths(net.graph, MNX1, IPSC, shortest_paths(net.graph, MNX1, IPSC))
    assert "HB9 <--[expresses]-- motor neuron <--[see also]-- iPSC-Derived Motor Neurons" in text


def test_all_shortest_paths_sorted_and_capped() -> None:
    g = nx.MultiDiGraph()
    for mid in ("m3", "m1", "m2"):
        g.add_edge("a", mid, key="p", label="p", statements=1)
        g.add_edge(mid, "b", key="p", label="p", statements=1)
    g.add_edge("a", "x", key="p", label="p", statements=1)
    found = shortest_paths(g, "a", "b")
    assert [p.nodes for p in found] == [("a", "m1", "b"), ("a", "m2", "b"), ("a", "m3", "b")]
    assert len(shortest_paths(g, "a", "b", max_paths=2)) == 2


def test_no_path_within_max_length(net: Network) -> None:
    assert shortest_paths(net.graph, RILUZOLE, ISL1, max_length=2) == ()
    assert "No path" in render_paths(net.graph, RILUZOLE, ISL1, ())


def test_json(net: Network) -> None:
    data = json.loads(paths_json(net.graph, shortest_paths(net.graph, MNX1, IPSC)))
    assert data[0]["steps"][0]["relations"][0]["direction"] == "backward"
    assert [n["label"] for n in data[0]["nodes"]] == [
        "HB9",
        "motor neuron",
        "iPSC-Derived Motor Neurons",
    ]
