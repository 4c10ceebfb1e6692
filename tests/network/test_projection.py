"""kg.network.projection: the RDF dataset as a networkx MultiDiGraph of entities."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib

from kg.errors import InputError
from kg.network import project
from tests.network.conftest import (
    ALS,
    CL_MOTOR_NEURON,
    DISEASE_HAS_LOCATION,
    EXPRESSES,
    IPSC,
    ISL1,
    MNX1,
    MOTOR_ENTITY,
    MOUSE,
    RELATED_TO,
    RILUZOLE,
    SOD1,
    THREE_PAGES,
    TREATS,
)


@pytest.fixture(scope="module")
def graph(three_pages_store: ox.Store) -> nx.MultiDiGraph:
    return project(three_pages_store)


def test_nodes_are_the_entities_only(graph: nx.MultiDiGraph) -> None:
    assert set(graph.nodes) == {CL_MOTOR_NEURON, IPSC, ALS, ISL1, MNX1, SOD1, RILUZOLE, MOUSE}
    for node in graph.nodes:
        assert "/stmt-" not in node and "/sel-" not in node and "/ref-" not in node
        assert not node.startswith("https://scidex.ai/artifact/")


def test_node_attributes(graph: nx.MultiDiGraph) -> None:
    mn = graph.nodes[CL_MOTOR_NEURON]
    assert mn["label"] == "motor neuron"  # skos:prefLabel of the terms graph wins
    assert set(mn["names"]) == {"motor neuron", "Motor Neurons"}
    assert mn["category"] == "https://w3id.org/biolink/vocab/Cell"
    assert mn["curie"] == "CL:0000100"
    assert graph.nodes[ISL1]["ungrounded"] is True
    assert graph.nodes[CL_MOTOR_NEURON]["ungrounded"] is False


def test_same_as_collapses_the_minted_entity(graph: nx.MultiDiGraph) -> None:
    assert MOTOR_ENTITY not in graph
    assert graph.graph["aliases"][MOTOR_ENTITY] == CL_MOTOR_NEURON
    assert graph.nodes[CL_MOTOR_NEURON]["aliases"] == (MOTOR_ENTITY,)
    # the iPSC page links to kg:entity-cell-types-motor-neurons: it meets CL:0000100
    assert graph.has_edge(IPSC, CL_MOTOR_NEURON, key=RELATED_TO)


def test_one_edge_per_fact_with_its_evidence(graph: nx.MultiDiGraph) -> None:
    treats = graph.edges[RILUZOLE, ALS, TREATS]
    assert treats["statements"] == 2  # stated by two pages
    assert treats["pages"] == ("cell-types-ipsc-derived-motor-neurons", "cell-types-motor-neurons")
    assert treats["references"] == ("https://scidex.ai/kg/ref-schizopoulos2024",)
    assert treats["label"] == "is substance that treats"
    assert treats["biolink"] == ("https://w3id.org/biolink/vocab/treats",)
    isl1 = graph.edges[CL_MOTOR_NEURON, ISL1, EXPRESSES]
    assert isl1["statements"] == 1 and isl1["evidence"] == 2  # one statement, two spans
    assert isl1["extractors"] == ("bullets.markers", "infobox.markers")
    assert isl1["references"] == ("https://scidex.ai/kg/ref-william2003",)
    assert graph.number_of_edges(RILUZOLE, ALS) == 1


def test_generic_predicate_takes_the_page_label(graph: nx.MultiDiGraph) -> None:
    assert graph.edges[ALS, SOD1, RELATED_TO]["label"] == "associated with"
    assert graph.edges[IPSC, CL_MOTOR_NEURON, RELATED_TO]["label"] == "see also"
    # a specific RO relation keeps its ontology label though the page said "affects"
    located = graph.edges[ALS, CL_MOTOR_NEURON, DISEASE_HAS_LOCATION]
    assert located["label"] == "disease has location"
    assert located["relation_labels"] == ("affects",)


def test_types_labels_literals_and_identifiers_are_not_edges(graph: nx.MultiDiGraph) -> None:
    predicates = {k for _, _, k in graph.edges(keys=True)}
    assert predicates == {
        EXPRESSES,
        TREATS,
        DISEASE_HAS_LOCATION,
        RELATED_TO,
        "http://purl.obolibrary.org/obo/RO_0002162",
    }
    assert graph.number_of_edges() == 8


def test_pages(graph: nx.MultiDiGraph) -> None:
    pages = graph.graph["pages"]
    assert sorted(pages) == [
        "cell-types-ipsc-derived-motor-neurons",
        "cell-types-motor-neurons",
        "diseases-amyotrophic-lateral-sclerosis",
    ]
    mn = pages["cell-types-motor-neurons"]
    assert mn.topic == CL_MOTOR_NEURON
    assert mn.source_file == "pages/motor-neurons.txt"
    assert mn.title == "Motor Neurons"


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's own, in its TriG parser
def test_build_folder_and_rdflib_dataset_give_the_same_graph(
    graph: nx.MultiDiGraph, fixture_build: Path
) -> None:
    from_build = project(fixture_build)
    ds = rdflib.Dataset()
    ds.parse(THREE_PAGES, format="trig")
    from_rdflib = project(ds)
    for other in (from_build, from_rdflib):
        assert set(other.nodes) == set(graph.nodes)
        assert set(other.edges(keys=True)) == set(graph.edges(keys=True))
        assert dict(other.nodes(data=True)) == dict(graph.nodes(data=True))


def test_projection_is_deterministic(three_pages_store: ox.Store) -> None:
    a, b = project(three_pages_store), project(three_pages_store)
    assert list(a.nodes(data=True)) == list(b.nodes(data=True))
    assert list(a.edges(keys=True, data=True)) == list(b.edges(keys=True, data=True))


def test_missing_build_folder_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="run `kg build`"):
        project(tmp_path / "nowhere")
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match=r"dataset\.nq"):
        project(tmp_path / "empty")
