"""Cutting a build into units: focus nodes, context, and one finding per shared node."""

from __future__ import annotations

import rdflib
from rdflib import Literal, URIRef

from kg import vocab as v
from kg.validate import validate_graph
from kg.validate.source import from_rdflib
from kg.validate.units import BUILD_UNIT, TERMS_UNIT, make_units
from tests.validate.conftest import (
    BUILD,
    GRAPH,
    MN,
    MNX1,
    PAGE,
    ROSEN,
    SLUG,
    TERMS,
    kgs,
    statement,
)

PREF = URIRef(v.SKOS + "prefLabel")


def _activity(ds: rdflib.Dataset) -> str:
    return str(next(ds.graph(BUILD).subjects(URIRef(v.RDF_TYPE), URIRef(v.PROV + "Activity"))))


def _slotted(ds: rdflib.Dataset) -> set[URIRef]:
    """The predicates the terms graph gives a Biolink slot (docs/rdf-layout.md)."""
    found = set(ds.graph(TERMS).subjects(URIRef(v.BIOLINK_PREDICATE), None))
    assert found, "the fixture states no predicate's Biolink slot"
    return {s for s in found if isinstance(s, URIRef)}


def test_a_page_unit_owns_its_nodes_and_carries_the_context_its_shapes_need(mini) -> None:
    units = make_units(from_rdflib(mini))
    # the terms unit: the Biolink slot of each predicate, stated once for the whole build
    assert [u.name for u in units] == [SLUG, BUILD_UNIT, TERMS_UNIT]
    assert units[2].focus == frozenset(str(p) for p in _slotted(mini))
    page = units[0]
    st = statement(mini, MN, URIRef(v.OBO + "RO_0002292"), MNX1)
    assert {str(PAGE), str(MN), str(MNX1), str(ROSEN), str(st)} <= page.focus
    assert _activity(mini) not in page.focus  # the build unit's
    assert page.page is not None and page.page.source_file == "motor_mini.txt"
    # the terms graph's preferred labels, and the type of the activity the page links to
    assert f'<{MNX1}> <{PREF}> "MNX1" .' in page.context.splitlines()
    assert f"<{_activity(mini)}> <{v.RDF_TYPE}> <{v.PROV}Activity> ." in page.context.splitlines()
    assert f"<{MNX1}> <{PREF}>" not in page.triples  # context is kept apart from the page's own
    assert units[1].focus == frozenset({_activity(mini)})


def test_terms_no_page_uses_form_their_own_unit(mini) -> None:
    orphan = URIRef(v.KG + "mention-gene-orphan")
    mini.graph(TERMS).add((orphan, URIRef(v.RDF_TYPE), URIRef(v.BIOLINK + "Gene")))
    units = make_units(from_rdflib(mini))
    assert [u.name for u in units] == [SLUG, BUILD_UNIT, TERMS_UNIT]
    assert units[-1].focus == frozenset({str(orphan), *(str(p) for p in _slotted(mini))})
    report = validate_graph(mini)
    assert {(r.source_shape, r.focus_node, r.page) for r in report.results} == {
        (kgs("Entity-prefLabel"), str(orphan), None)
    }


def _second_page(ds: rdflib.Dataset, slug: str) -> None:
    """A copy of the fixture's page graph as another page (same facts, other page node)."""
    page, graph = URIRef(v.page_iri(slug)), URIRef(v.graph_iri(slug))
    target = ds.graph(graph)
    for s, p, o in ds.graph(GRAPH):
        s2 = page if s == PAGE else s
        o2 = page if o == PAGE else o
        if (s, p) == (PAGE, URIRef(v.KGV + "slug")):
            o2 = Literal(slug)
        target.add((s2, p, o2))
    ds.graph(BUILD).add((URIRef(_activity(ds)), URIRef(v.PROV + "used"), page))


def test_a_finding_about_a_node_two_pages_share_is_reported_once(mini, in_fixtures) -> None:
    _second_page(mini, "zz-fixture-copy")
    mini.graph(TERMS).add((MNX1, PREF, Literal("HB9")))
    report = validate_graph(mini)
    assert report.pages == 2
    assert [(r.source_shape, r.focus_node, r.page) for r in report.results] == [
        (kgs("Entity-prefLabel"), str(MNX1), SLUG)  # the first page in slug order
    ]
