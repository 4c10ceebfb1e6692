"""kg.network.relations: every edge of a diagram reads as words (one table, no CURIEs)."""

from __future__ import annotations

import re

import rdflib
from rdflib import URIRef

from kg import vocab as v
from kg.network import build_diagram, open_network, render
from kg.network.relations import RELATION_WORDS, edge_label, relation_words
from tests.network.conftest import ALS, CL_MOTOR_NEURON, ISL1, MNX1, SOD1, THREE_PAGES

WORDS = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 '-]*$")
GRAPH = URIRef(v.graph_iri("cell-types-motor-neurons"))

#: Predicates the extractors emit that no ontology label or Biolink slot names in the fixture
#: (kg/extract/links.py, dbids.py, infobox.py), with the generic slot they record.
SKOS_FACTS = (
    (CL_MOTOR_NEURON, v.SKOS_RELATED, ALS),
    (ISL1, v.SKOS_RELATED_MATCH, MNX1),
    (ISL1, v.SKOS_CLOSE_MATCH, SOD1),
)


def test_every_relation_in_the_table_reads_as_words() -> None:
    assert RELATION_WORDS
    for predicate, words in RELATION_WORDS.items():
        assert WORDS.match(words), (predicate, words)
        assert edge_label(predicate, None, (v.BL_RELATED_TO,), ()) == words
        assert relation_words(predicate) == words


def test_a_predicate_no_table_names_reads_as_its_local_name() -> None:
    assert edge_label("https://example.org/vocab#hasMarkerGene", None, (), ()) == (
        "has marker gene"
    )
    assert edge_label("https://example.org/vocab/gene_of", None, (), ()) == "gene of"


def test_skos_edges_are_labelled_in_words_like_the_others() -> None:
    """Regression (issue 12): skos:related / skos:relatedMatch edges read as CURIEs while
    skos:exactMatch read "exact match"."""
    ds = rdflib.Dataset()
    ds.parse(THREE_PAGES, format="trig")
    g = ds.graph(GRAPH)
    for s, p, o in SKOS_FACTS:
        st = URIRef(v.statement_iri(str(GRAPH), s, p, o))
        g.add((URIRef(s), URIRef(p), URIRef(o)))
        g.add((st, URIRef(v.RDF + "subject"), URIRef(s)))
        g.add((st, URIRef(v.RDF + "predicate"), URIRef(p)))
        g.add((st, URIRef(v.RDF + "object"), URIRef(o)))
        g.add((st, URIRef(v.BIOLINK_PREDICATE), URIRef(v.BL_RELATED_TO)))
    net = open_network(ds)
    labels = {k: d["label"] for _, _, k, d in net.graph.edges(keys=True, data=True)}
    for _, p, _ in SKOS_FACTS:
        assert WORDS.match(labels[p]), (p, labels[p])
    for label in labels.values():
        assert WORDS.match(label), label
    d = build_diagram(net.graph, CL_MOTOR_NEURON, depth=2)
    mermaid = render(d, "mermaid")
    assert "skos:" not in mermaid and all(WORDS.match(e.label) for e in d.edges)
