"""Loading the Cell Ontology for the checks: own owlready2 World, imports never followed."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import owlready2

from kg import vocab as v
from kg.ground import shipped_module_path
from kg.validate.ontology import load, ontology_bytes
from tests.conftest import shared_ontology

CL = v.OBO + "CL_"
TINY = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#"
         xmlns:owl="http://www.w3.org/2002/07/owl#"
         xmlns:oboInOwl="http://www.geneontology.org/formats/oboInOwl#">
    <owl:Ontology rdf:about="http://example.org/tiny.owl">
        <owl:imports rdf:resource="http://example.invalid/never-fetched.owl"/>
    </owl:Ontology>
    <owl:Class rdf:about="http://purl.obolibrary.org/obo/CL_0000540">
        <rdfs:label>neuron</rdfs:label>
    </owl:Class>
    <owl:Class rdf:about="http://purl.obolibrary.org/obo/CL_0000100">
        <rdfs:label>motor neuron</rdfs:label>
        <oboInOwl:hasExactSynonym>motoneuron</oboInOwl:hasExactSynonym>
        <rdfs:subClassOf rdf:resource="http://purl.obolibrary.org/obo/CL_0000540"/>
    </owl:Class>
    <owl:Axiom>
        <owl:annotatedSource rdf:resource="http://purl.obolibrary.org/obo/CL_0000100"/>
        <owl:annotatedProperty rdf:resource="http://www.geneontology.org/formats/oboInOwl#hasExactSynonym"/>
        <owl:annotatedTarget>motoneuron</owl:annotatedTarget>
    </owl:Axiom>
</rdf:RDF>
"""


def test_imports_are_stripped_and_the_default_world_untouched(tmp_path: Path) -> None:
    path = tmp_path / "tiny.owl"
    path.write_text(TINY, "utf-8")
    before = set(owlready2.default_world.ontologies)
    onto = load(path)
    assert set(owlready2.default_world.ontologies) == before
    tags = {e.tag for e in ET.fromstring(ontology_bytes(path)).iter()}
    assert v.clark(v.OWL, v.OWL_IMPORTS) not in tags
    assert v.clark(v.OWL, v.OWL_AXIOM) in tags
    reasoner_tags = {e.tag for e in ET.fromstring(ontology_bytes(path, for_reasoner=True)).iter()}
    assert v.clark(v.OWL, v.OWL_AXIOM) not in reasoner_tags
    assert onto.engine == "owlready2" and not onto.is_module
    assert onto.label(CL + "0000100") == "motor neuron"
    assert onto.find("Motoneurons") == (CL + "0000100",)
    assert onto.ancestors(CL + "0000100") == {CL + "0000540"}


def test_the_shipped_module_is_a_module() -> None:
    onto = load(shipped_module_path())
    assert onto.is_module
    assert CL + "0000717" in onto.obsolete
    assert onto.replaced[CL + "0000717"] == CL + "0008037"
    assert onto.find("Glutamatergic neuron") == (CL + "0000679",)


def test_the_2026_core_loads_without_its_remote_imports() -> None:
    core = shared_ontology("cl-2026-08-core.owl")
    onto = load(core)
    assert not onto.is_module
    assert onto.has(CL + "4042025")  # substantia nigra dopaminergic neuron, new in 2026
    # the genus of an equivalence counts as a parent: brainstem motor neuron < motor neuron
    assert CL + "0000100" in onto.ancestors(CL + "2000047")
