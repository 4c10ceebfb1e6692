"""kg.network.compare on the hand-written dataset (the page-fixture builds are in test_seeds)."""

from __future__ import annotations

import pytest
import rdflib
from rdflib import Literal, URIRef

from kg import vocab as v
from kg.errors import InputError
from kg.network import (
    Network,
    compare_diagram,
    compare_page_diagram,
    render_comparison,
)
from kg.network.compare import ComparedEdge
from tests.network.conftest import (
    ALS,
    CL_MOTOR_NEURON,
    DISEASE_HAS_LOCATION,
    MNX1,
    RELATED_TO,
    RILUZOLE,
    SOD1,
    THREE_PAGES,
    TREATS,
)

POSITIVELY_REGULATES = v.POSITIVELY_REGULATES


def test_page_diagram_against_graph(net: Network) -> None:
    cmp = compare_diagram(net, ALS)
    assert cmp.pages == ("diseases-amyotrophic-lateral-sclerosis",)
    assert [(e.subject, e.predicate, e.object) for e in cmp.both] == [
        (ALS, DISEASE_HAS_LOCATION, CL_MOTOR_NEURON)
    ]
    assert [(e.subject, e.predicate, e.object) for e in cmp.page_only] == [(ALS, RELATED_TO, SOD1)]
    assert cmp.page_only[0].label == "associated with"
    assert cmp.page_only[0].where == ("pages/als.txt:42",)
    assert [(e.subject, e.predicate, e.object) for e in cmp.graph_only] == [(RILUZOLE, TREATS, ALS)]
    assert cmp.graph_only[0].where == (
        "cell-types-ipsc-derived-motor-neurons",
        "cell-types-motor-neurons",
    )
    assert not cmp.agrees
    text = render_comparison(cmp, net)
    assert "with the whole graph of the build" in text and "up to equivalence" in text
    assert "Amyotrophic Lateral Sclerosis --[associated with]--> SOD1  (pages/als.txt:42)" in text
    assert "Riluzole --[is substance that treats]--> Amyotrophic Lateral Sclerosis" in text


def test_entity_whose_page_has_no_diagram(net: Network) -> None:
    """Regression (issue 12): a page without a diagram was an error (exit 2); it is a
    comparison that says so."""
    cmp = compare_diagram(net, CL_MOTOR_NEURON)
    assert not cmp.has_diagram and cmp.agrees
    assert cmp.without_diagram == ("cell-types-motor-neurons (pages/motor-neurons.txt)",)
    text = render_comparison(cmp, net)
    assert text.startswith("No diagram to compare: the page(s) of motor neuron (CL:0000100)")
    assert "cell-types-motor-neurons (pages/motor-neurons.txt)" in text


def test_entity_without_a_page(net: Network) -> None:
    with pytest.raises(InputError, match="no page of the build is about"):
        compare_diagram(net, SOD1)


def _state(
    ds: rdflib.Dataset, slug: str, s: str, p: str, o: str, extractor: str, label: str | None
) -> None:
    """Assert (s, p, o) in a page graph with a statement made by ``extractor``."""
    graph = URIRef(v.graph_iri(slug))
    g = ds.graph(graph)
    st = URIRef(v.statement_iri(str(graph), s, p, o))
    g.add((URIRef(s), URIRef(p), URIRef(o)))
    for prop, value in (("subject", s), ("predicate", p), ("object", o)):
        g.add((st, URIRef(v.RDF + prop), URIRef(value)))
    g.add((st, URIRef(v.EXTRACTOR), Literal(extractor)))
    if label:
        g.add((st, URIRef(v.RELATION_LABEL), Literal(label)))


def _fixture() -> rdflib.Dataset:
    ds = rdflib.Dataset()
    ds.parse(THREE_PAGES, format="trig")
    return ds


def _facts(edges: tuple[ComparedEdge, ...]) -> set[tuple[str, str]]:
    return {(e.subject, e.object) for e in edges}


def test_a_drawn_edge_the_text_states_with_an_equivalent_relation_is_in_both() -> None:
    """Regression (issue 12): the ALS diagram's "associated with" (a fallback related_to edge)
    and the same fact read from text as biolink:associated_with counted as different."""
    ds = _fixture()
    _state(ds, "cell-types-motor-neurons", ALS, v.BL_ASSOCIATED_WITH, SOD1, "prose.sentence", None)
    cmp = compare_page_diagram(ds, ALS)
    assert (ALS, SOD1) in _facts(cmp.both) and (ALS, SOD1) not in _facts(cmp.page_only)
    assert (ALS, SOD1) not in _facts(cmp.graph_only)


def test_positively_regulates_drawn_is_activates_read() -> None:
    """Regression (issue 12): a drawn "positively regulates" (not in kg's label table, so
    related_to) and the text's "activates" (RO:0002213) counted as different."""
    ds = _fixture()
    slug = "diseases-amyotrophic-lateral-sclerosis"
    _state(ds, slug, SOD1, RELATED_TO, MNX1, "mermaid.edge", "positively regulates")
    _state(ds, "cell-types-motor-neurons", SOD1, POSITIVELY_REGULATES, MNX1, "prose", "activates")
    cmp = compare_page_diagram(ds, ALS)
    assert (SOD1, MNX1) in _facts(cmp.both)
    assert (SOD1, MNX1) not in _facts(cmp.page_only) | _facts(cmp.graph_only)


def test_a_drawn_edge_another_page_draws_is_in_the_graph() -> None:
    """Regression (issue 12): only facts read from text were compared, so an edge the graph
    has from another page's diagram was reported missing from the graph."""
    ds = _fixture()
    slug = "cell-types-ipsc-derived-motor-neurons"
    _state(ds, slug, ALS, RELATED_TO, SOD1, "mermaid.edge", "associated with")
    cmp = compare_page_diagram(ds, ALS)
    assert (ALS, SOD1) in _facts(cmp.both) and not cmp.page_only
