"""Prose relations and the wrong facts of issue 11 that must stay fixed."""

from __future__ import annotations

import pytest

from kg import vocab as v
from kg.extract.model import Term
from kg.vocab import terms as p
from tests.conftest import IPSC_SEED, MOTOR_NEURONS_SEED, line_of
from tests.extract.conftest import all_pages, extract_file, extract_text, find, iri, references

MOTOR_NEURON = iri("CL:0000100")
MNX1 = iri("HGNC:4979")
#: header cells of sub-tables and tables: never a subject or an object of a fact
HEADERS = {"Trial", "Drug", "Target", "Disease", "Gene", "Function", "Approach", "Description"}


def test_coordinated_modifiers_state_the_fact_of_the_shared_head() -> None:
    """``Marks spinal and cranial motor neuron identity[@william2003]`` under ``HB9 (MNX1)``."""
    _, ex = extract_file(MOTOR_NEURONS_SEED)
    line = line_of(MOTOR_NEURONS_SEED, "identity[@william2003]")
    facts = [
        a
        for a in find(ex, s=MOTOR_NEURON, p=p.EXPRESSES, o=MNX1)
        if any(e.span.first_line == line for e in a.evidence)
    ]
    assert facts and "william2003" in references(facts[0])
    assert not find(ex, s=iri("CL:0015000"), p=p.EXPRESSES, o=MNX1)


def test_a_negated_clause_is_not_asserted() -> None:
    _, ex = extract_text("# Motor Neurons\n\n## Markers\n\nMotor neurons do not express GFAP.\n")
    (fact,) = [a for a in ex.assertions if a.predicate == p.EXPRESSES]
    assert (p.NEGATED, "true") in {(k, val.value) for k, val in fact.qualifiers}


def test_two_names_without_a_cue_make_no_fact() -> None:
    _, ex = extract_text("# Motor Neurons\n\n## Notes\n\nMotor neurons and GFAP were studied.\n")
    assert not [a for a in ex.assertions if isinstance(a.object, Term) and "GFAP" in str(a.object)]
    assert not find(ex, p=p.EXPRESSES)


@pytest.mark.parametrize("path", all_pages(), ids=lambda path: path.name)
def test_no_class_axiom_to_a_minted_mention(path: object) -> None:
    """``CL:0000100 rdfs:subClassOf kg:mention-glutamatergic`` is never written."""
    _, ex = extract_file(path)  # type: ignore[arg-type]
    for a in find(ex, p=p.SUBCLASS_OF):
        assert isinstance(a.object, Term)
        assert not a.object.iri.startswith(v.expand("kg:mention-")), a


@pytest.mark.parametrize("path", all_pages(), ids=lambda path: path.name)
def test_header_rows_are_not_facts(path: object) -> None:
    _, ex = extract_file(path)  # type: ignore[arg-type]
    for a in ex.assertions:
        if a.predicate in (p.RDF_TYPE, p.RDFS_LABEL) or not isinstance(a.object, Term):
            continue
        assert a.subject.label not in HEADERS and a.object.label not in HEADERS, a


def test_a_slash_between_symbols_lists_both() -> None:
    """``- FUS/TARDBP pathology: ...`` under an ALS heading: both genes, each a fact."""
    _, ex = extract_file(IPSC_SEED)
    line = line_of(IPSC_SEED, "FUS/TARDBP pathology")
    genes = {
        a.subject.iri
        for a in find(ex, p=p.BL_GENE_ASSOCIATED_WITH_CONDITION, o=iri("MONDO:0004976"))
        if any(e.span.first_line == line for e in a.evidence)
    }
    assert genes == {iri("HGNC:4010"), iri("HGNC:11571")}  # FUS, TARDBP


def test_an_origin_line_is_a_location() -> None:
    """``Origin: ... premotor cortex`` under ``Upper Motor Neurons (UMNs)``."""
    _, ex = extract_file(MOTOR_NEURONS_SEED)
    line = line_of(MOTOR_NEURONS_SEED, "Origin: Layer V")
    places = {
        a.object.iri
        for a in find(ex, p=p.HAS_SOMA_LOCATION)
        if isinstance(a.object, Term) and any(e.span.first_line == line for e in a.evidence)
    }
    assert iri("UBERON:0016634") in places  # premotor cortex


def test_names_after_a_second_verb_are_not_the_cue_s_objects() -> None:
    """``UMNs originate in the motor cortex and project to brainstem and spinal cord``: only
    the motor cortex is where they are; brainstem and spinal cord are where they project."""
    _, ex = extract_file(MOTOR_NEURONS_SEED)
    line = line_of(MOTOR_NEURONS_SEED, "originate in the motor cortex and project to")
    places = {
        a.object.label
        for a in ex.assertions
        if a.predicate in (p.LOCATED_IN, p.HAS_SOMA_LOCATION)
        and isinstance(a.object, Term)
        and any(e.span.first_line == line for e in a.evidence)
    }
    assert places and not places & {"brainstem", "spinal cord"}, places


def test_a_listed_name_may_be_written_description_then_symbol() -> None:
    """``... HB9 (MNX1), and neurofilament (SMI-32)``: the last name is still in the list."""
    nefh = "NEFH"
    _, ex = extract_text(
        "# Motor Neurons\n\n## Markers\n\n"
        f"Motor neurons express ISL1, HB9 (MNX1), and heavy neurofilament ({nefh}).\n"
    )
    genes = {a.object.label for a in find(ex, p=p.EXPRESSES) if isinstance(a.object, Term)}
    assert {"ISL1", nefh} <= genes, genes
