"""kg.network.provenance: fact -> statement -> page (FILE:LINE, quote) -> references."""

from __future__ import annotations

import json

import pytest

from kg.errors import InputError
from kg.network import Network
from kg.network.provenance import provenance
from kg.network.provenance_render import render_json, render_mermaid_chain, render_text
from tests.network.conftest import CL_MOTOR_NEURON, EXPRESSES, ISL1, RILUZOLE, TREATS
from tests.network.mermaid_check import parse_flowchart


def test_every_fact_about_the_entity(net: Network) -> None:
    prov = provenance(net, CL_MOTOR_NEURON)
    predicates = {f.predicate.rsplit("/", 1)[-1].rsplit("#", 1)[-1] for f in prov.facts}
    assert {
        "RO_0002292",
        "RO_0002162",
        "RO_0004026",
        "lineage",
        "sameAs",
        "type",
        "label",
        "related_to",
    } == predicates
    lineage = next(f for f in prov.facts if f.predicate.endswith("lineage"))
    assert lineage.literal and lineage.object == "Neuron > Glutamatergic > Motor neuron"


def test_chain_of_one_fact(net: Network) -> None:
    prov = provenance(net, CL_MOTOR_NEURON, relation="expresses", obj="ISL1")
    (fact,) = prov.facts
    assert (fact.subject, fact.predicate, fact.object) == (CL_MOTOR_NEURON, EXPRESSES, ISL1)
    (st,) = fact.statements
    assert st.extractors == ("bullets.markers", "infobox.markers")
    assert (st.subject_match, st.object_match) == ("page-entity", "ungrounded")
    assert [s.location for s in st.sources] == [
        "pages/motor-neurons.txt:10-11",
        "pages/motor-neurons.txt:30",
    ]
    assert st.sources[1].quote == "- Motor neurons express ISL1[@william2003]"
    first = st.sources[0]
    assert first.start is not None and first.end is not None
    assert first.start < first.end and first.location == "pages/motor-neurons.txt:10-11"
    assert [r.key for r in st.references] == ["william2003"]


def test_fact_stated_by_two_pages_shows_both(net: Network) -> None:
    prov = provenance(net, RILUZOLE, relation="RO:0002606")
    (fact,) = prov.facts
    assert fact.predicate == TREATS
    assert fact.pages == ("cell-types-ipsc-derived-motor-neurons", "cell-types-motor-neurons")
    quotes = [s.quote for st in fact.statements for s in st.sources]
    assert quotes == [
        "- ALS drug discovery: Riluzole, edaravone efficacy testing",
        "- Riluzole (glutamate inhibitor) modestly extends survival",
    ]


def test_references_with_identifiers(net: Network) -> None:
    prov = provenance(net, CL_MOTOR_NEURON, relation="disease has location")
    refs = [r for f in prov.facts for st in f.statements for r in st.references]
    assert [r.name for r in refs] == ["rosen1993 (PMID:8446170)"]


def test_qualifiers(net: Network) -> None:
    prov = provenance(net, CL_MOTOR_NEURON, relation="in taxon")
    assert prov.facts[0].statements[0].qualifiers == (("kgv:conservationLevel", "High"),)


def test_filters_that_match_nothing(net: Network) -> None:
    with pytest.raises(InputError, match="no fact about motor neuron"):
        provenance(net, CL_MOTOR_NEURON, relation="treats")


def test_text_and_json(net: Network) -> None:
    prov = provenance(net, RILUZOLE)
    text = render_text(prov)
    assert "source: pages/ipsc-motor-neurons.txt:70" in text
    assert "| - Riluzole (glutamate inhibitor) modestly extends survival" in text
    data = json.loads(render_json(prov))
    sources = [s for st in data["facts"][0]["statements"] for s in st["sources"]]
    assert [s["location"] for s in sources] == [
        "pages/ipsc-motor-neurons.txt:70",
        "pages/motor-neurons.txt:40",
    ]
    assert render_json(prov) == render_json(provenance(net, RILUZOLE))


def test_mermaid_chain(net: Network) -> None:
    prov = provenance(net, RILUZOLE, relation="RO:0002606")
    chart = parse_flowchart(render_mermaid_chain(prov))
    edges = chart.label_edges()
    assert ("Riluzole", "is substance that treats", "Amyotrophic Lateral Sclerosis") in edges
    rels = [rel for _, rel, _ in chart.edges]
    assert rels.count("prov:wasDerivedFrom") == 2 and rels.count("oa:hasSource") == 2
    assert rels.count("prov:hadPrimarySource") == 1
    pages = {label for label in chart.nodes.values() if label.startswith("page ")}
    assert pages == {"page cell-types-motor-neurons", "page cell-types-ipsc-derived-motor-neurons"}


def test_mermaid_chain_needs_one_fact(net: Network) -> None:
    with pytest.raises(InputError, match="narrow with --relation"):
        render_mermaid_chain(provenance(net, CL_MOTOR_NEURON))
