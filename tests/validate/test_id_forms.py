"""Identifier forms per database and per category, on one-node graphs.

Ids are real: MNX1 is HGNC:4979, NCBI Gene 3110, Ensembl ENSG00000130675, UniProt P50219;
SOD1 is UniProt P00441; CL:0000100 motor neuron; MONDO:0004976 amyotrophic lateral
sclerosis; CHEBI:8863 riluzole; OMIM 605086 (TREM2, tests/fixtures/README.md).
"""

from __future__ import annotations

import pytest
import rdflib
from rdflib import Literal, URIRef

from kg import vocab as v
from kg.validate import validate_graph
from tests.validate.conftest import kgs, sh

GENE, PROTEIN = v.BIOLINK + "Gene", v.BIOLINK + "Protein"
CELL, DISEASE, DRUG = v.BIOLINK + "Cell", v.BIOLINK + "Disease", v.BIOLINK + "SmallMolecule"

CASES = [
    # (IRI, category, shape reporting it or None when the IRI is well formed)
    ("https://identifiers.org/hgnc:4979", GENE, None),
    ("https://identifiers.org/ncbigene:3110", GENE, None),
    ("https://identifiers.org/ensembl:ENSG00000130675", GENE, None),
    ("https://identifiers.org/ensembl:ENSG00000130675.8", GENE, None),
    ("https://scidex.ai/kg/mention-gene-hb9", GENE, None),
    ("https://identifiers.org/hgnc:MNX1", GENE, "GeneShape"),
    ("https://identifiers.org/HGNC:4979", GENE, "GeneShape"),
    ("https://identifiers.org/ncbigene:MNX1", GENE, "GeneShape"),
    ("https://identifiers.org/ensembl:ENSG0000013067", GENE, "GeneShape"),  # 10 digits
    ("https://www.ncbi.nlm.nih.gov/gene/3110", GENE, "GeneShape"),
    ("https://identifiers.org/uniprot:P50219", PROTEIN, None),
    ("https://identifiers.org/uniprot:P00441", PROTEIN, None),
    ("https://identifiers.org/uniprot:P00441-2", PROTEIN, None),
    ("https://identifiers.org/hgnc:4979", PROTEIN, None),
    ("https://identifiers.org/uniprot:MNX1_HUMAN", PROTEIN, "ProteinShape"),
    ("https://identifiers.org/uniprot:P5021", PROTEIN, "ProteinShape"),
    ("http://purl.obolibrary.org/obo/CL_0000100", CELL, None),
    ("https://scidex.ai/kg/entity-cell-types-motor-neurons", CELL, None),
    ("http://purl.obolibrary.org/obo/CL_100", CELL, "CellTypeShape"),
    ("https://purl.obolibrary.org/obo/CL_0000100", CELL, "CellTypeShape"),
    ("http://purl.obolibrary.org/obo/CL:0000100", CELL, "CellTypeShape"),
    ("http://purl.obolibrary.org/obo/MONDO_0004976", DISEASE, None),
    ("https://omim.org/entry/605086", DISEASE, None),
    ("http://purl.obolibrary.org/obo/MONDO_4976", DISEASE, "DiseaseShape"),
    ("https://omim.org/entry/60508", DISEASE, "DiseaseShape"),
    ("http://purl.obolibrary.org/obo/CHEBI_8863", DRUG, None),
    ("http://purl.obolibrary.org/obo/CHEBI_8863x", DRUG, "DrugShape"),
]


@pytest.mark.parametrize(("iri", "category", "shape"), CASES)
def test_identifier_form(iri: str, category: str, shape: str | None) -> None:
    g = rdflib.Graph()
    node = URIRef(iri)
    g.add((node, URIRef(v.RDF_TYPE), URIRef(category)))
    g.add((node, URIRef(v.SKOS + "prefLabel"), Literal("x")))
    found = {
        (r.source_shape, r.constraint, r.focus_node, r.value) for r in validate_graph(g).results
    }
    if shape is None:
        assert found == set()
    else:
        assert found == {(kgs(shape), sh("PatternConstraintComponent"), iri, f"<{iri}>")}


@pytest.mark.parametrize(
    ("iri", "bad"),
    [
        ("http://purl.obolibrary.org/obo/CL_0000100", False),
        (
            "https://www.ebi.ac.uk/ols4/ontologies/cl/classes/http%253A%252F%252Fpurl.obolibrary.org"
            "%252Fobo%252FCL_0000100",
            True,
        ),
        ("https://obofoundry.org/ontology/cl/cl/0000100.html", True),
        ("http://purl.obolibrary.org/obo/CL:0000100", True),
        ("https://identifiers.org/hgnc:4979", False),
    ],
)
def test_any_linked_cell_ontology_iri_is_an_obo_purl(iri: str, bad: bool) -> None:
    g = rdflib.Graph()
    minted = URIRef(v.entity_iri("cell-types-motor-neurons"))
    g.add((minted, URIRef(v.OWL + "sameAs"), URIRef(iri)))
    found = {(r.source_shape, r.focus_node) for r in validate_graph(g).results}
    assert found == ({(kgs("ClIriShape"), iri)} if bad else set())
