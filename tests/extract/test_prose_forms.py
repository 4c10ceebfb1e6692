"""Sentence forms read by kg.extract.prose: copulas, abbreviations, ``and other``, course."""

from __future__ import annotations

from kg.extract.model import Assertion, Term
from kg.vocab import terms as p
from tests.conftest import IPSC_SEED, MOTOR_NEURONS_SEED, PAGE_FIXTURES_DIR, line_of
from tests.extract.conftest import extract_file, extract_text, find, iri, references

CITE_SHELL = PAGE_FIXTURES_DIR / "cite_shell.txt"
GENE_INFOBOX = PAGE_FIXTURES_DIR / "gene_infobox.txt"
MACROPHAGE, MYELOID_CELL = iri("CL:0000235"), iri("CL:0000763")
TREM2, NASU_HAKOLA = iri("HGNC:17761"), "Nasu-Hakola"


def _lines(facts: list[Assertion], line: int) -> list[Assertion]:
    return [
        a for a in facts if any(e.span.first_line <= line <= e.span.last_line for e in a.evidence)
    ]


def test_a_copula_states_the_class() -> None:
    """``Microglia are the resident macrophages of the central nervous system.[@ginhoux2010]``"""
    _, ex = extract_file(CITE_SHELL)
    line = line_of(CITE_SHELL, "resident macrophages")
    (fact,) = _lines(find(ex, p=p.STATED_SUBCLASS_OF, o=MACROPHAGE), line)
    assert "ginhoux2010" in references(fact)
    assert not find(ex, p=p.SUBCLASS_OF, o=MACROPHAGE)  # a claim, never a class axiom


def test_a_copula_with_no_article_or_far_noun_is_no_class() -> None:
    _, ex = extract_text(
        "Microglia\n\nOverview\n\nMicroglia are specialised cells that talk to astrocytes.\n"
        "Microglia are the first of many cell types studied next to astrocytes.\n"
    )
    assert not find(ex, p=p.STATED_SUBCLASS_OF)


def test_and_other_lists_the_class_with_the_named_member() -> None:
    """``expressed on microglia and other myeloid cells``: both express TREM2."""
    _, ex = extract_file(GENE_INFOBOX)
    line = line_of(GENE_INFOBOX, "other myeloid cells")
    assert _lines(find(ex, s=MYELOID_CELL, p=p.EXPRESSES, o=TREM2), line)


def test_a_spelled_out_name_with_its_abbreviation_is_one_name() -> None:
    """``generated from induced pluripotent stem cells (iPSCs)``: not "pluripotent stem cell"."""
    _, ex = extract_file(IPSC_SEED)
    line = line_of(IPSC_SEED, "generated from induced pluripotent stem cells")
    facts = _lines(find(ex, p=p.DEVELOPS_FROM), line)
    assert [a.object.label for a in facts] == ["induced pluripotent stem cells"]  # type: ignore[union-attr]
    assert not _lines(find(ex, p=p.DEVELOPS_FROM, o=iri("CL:0002248")), line)
    assert "amoroso2013" in references(facts[0])


def test_an_abbreviation_of_the_matched_name_alone_changes_nothing() -> None:
    _, ex = extract_text(
        "Motor Neurons\n\nOverview\n\n"
        "Degeneration of motor neurons defines amyotrophic lateral sclerosis (ALS).\n"
    )
    (fact,) = find(ex, p=p.DISEASE_HAS_LOCATION)
    assert fact.subject.iri == iri("MONDO:0004976")


def test_a_disease_that_evolves_to_another_is_associated_with_it() -> None:
    _, ex = extract_text(
        "Motor Neuron Diseases\n\nPrimary Lateral Sclerosis (PLS)\n\n"
        "- May evolve to amyotrophic lateral sclerosis over time\n"
    )
    (fact,) = find(ex, p=p.BL_ASSOCIATED_WITH, o=iri("MONDO:0004976"))
    assert isinstance(fact.subject, Term) and "Primary Lateral Sclerosis" in (
        fact.subject.label or ""
    )
    assert (p.HEDGE, "May") in {(k, q.value) for k, q in fact.qualifiers}


def test_loss_of_function_causes_the_disease() -> None:
    """``- Homozygous loss of function: Nasu-Hakola disease`` on the TREM2 page."""
    _, ex = extract_file(GENE_INFOBOX)
    line = line_of(GENE_INFOBOX, "loss of function")
    facts = _lines(find(ex, s=TREM2, p=p.CAUSES_CONDITION), line)
    assert [a for a in facts if NASU_HAKOLA in (a.object.label or "")]  # type: ignore[union-attr]


def test_cells_that_project_from_a_place_are_located_there() -> None:
    citations = PAGE_FIXTURES_DIR / "citations.txt"
    _, ex = extract_file(citations)
    line = line_of(citations, "project from the motor cortex")
    facts = _lines(find(ex, p=p.HAS_SOMA_LOCATION, o=iri("UBERON:0001384")), line)
    assert facts and "lemon2008" in {
        r for a in facts for e in a.evidence for r in e.references if e.span.first_line == line
    }


def test_a_key_value_line_without_its_dash_is_read_as_the_bullet() -> None:
    """``Origin: Layer V of primary motor cortex (Betz cells), premotor cortex, supplementary
    motor area`` under ``Upper Motor Neurons (UMNs)``: every place, named or not; the line
    after it (``Pathways:``) is not part of the last one."""
    _, ex = extract_file(MOTOR_NEURONS_SEED)
    line = line_of(MOTOR_NEURONS_SEED, "Origin: Layer V")
    facts = _lines(find(ex, p=p.HAS_SOMA_LOCATION), line)
    places = {a.object.label for a in facts}  # type: ignore[union-attr]
    assert {"premotor cortex", "supplementary motor area"} <= places
    assert iri("UBERON:0001384") in {a.object.iri for a in facts}  # type: ignore[union-attr]
    (area,) = [a for a in facts if a.object.label == "supplementary motor area"]  # type: ignore[union-attr]
    assert all(e.span.first_line == e.span.last_line == line for e in area.evidence)
    assert "Pathways" not in " ".join(str(x) for x in places)


def test_efficacy_testing_is_a_hedged_treatment() -> None:
    """``- ALS drug discovery: Riluzole, edaravone efficacy testing`` (iPSC page)."""
    _, ex = extract_file(IPSC_SEED)
    line = line_of(IPSC_SEED, "efficacy testing")
    facts = _lines(find(ex, p=p.IS_SUBSTANCE_THAT_TREATS, o=iri("MONDO:0004976")), line)
    assert {a.subject.label.lower() for a in facts} >= {"riluzole", "edaravone"}  # type: ignore[union-attr]
    for a in facts:
        assert "testing" in {q.value for k, q in a.qualifiers if k == p.HEDGE}


def test_a_pronoun_sentence_is_about_the_previous_sentences_subject() -> None:
    """``Upper motor neurons project from the motor cortex ...`` then ``Their loss causes
    spasticity and hyperreflexia in ALS.``: ALS (the disease "in"), not hyperreflexia."""
    citations = PAGE_FIXTURES_DIR / "citations.txt"
    _, ex = extract_file(citations)
    assert ex.entity is not None
    line = line_of(citations, "Their loss causes")
    (fact,) = _lines(find(ex, p=p.DISEASE_HAS_LOCATION), line)
    assert (fact.subject.iri, fact.object.iri) == (iri("MONDO:0004976"), ex.entity.iri)  # type: ignore[union-attr]
    assert references(fact) == {"brown2017", "hardiman2017"}


def test_a_pronoun_after_a_new_heading_has_no_antecedent() -> None:
    _, ex = extract_text(
        "Upper Motor Neurons\n\nAnatomy\n\nUpper motor neurons project from the motor cortex.\n\n"
        "Clinical\n\nTheir loss is seen in amyotrophic lateral sclerosis.\n"
    )
    assert not find(ex, p=p.DISEASE_HAS_LOCATION)


def test_a_protocol_stage_bullet_states_the_entitys_fact_at_that_stage() -> None:
    """``Stage 2: Motor Neuron Specification (Days 7-14)`` / ``- Expression of OLIG2 and
    NKX2.2``: the iPSC-derived cells express them at that stage, never as a bare fact."""
    _, ex = extract_file(IPSC_SEED)
    assert ex.entity is not None
    line = line_of(IPSC_SEED, "- Expression of OLIG2")
    heading = IPSC_SEED.read_text("utf-8").splitlines()[line_of(IPSC_SEED, "Stage 2:") - 1]
    olig2 = [a for a in find(ex, s=ex.entity.iri, p=p.EXPRESSES) if a.object.label == "OLIG2"]  # type: ignore[union-attr]
    (fact,) = _lines(olig2, line)
    assert (p.PROTOCOL_STAGE, heading.strip()) in {(k, q.value) for k, q in fact.qualifiers}


def test_patterning_with_a_molecule_names_a_protocol_reagent() -> None:
    """``- Patterning with retinoic acid (RA) ...`` and ``- SHH patterning ...`` (iPSC page)."""
    _, ex = extract_file(IPSC_SEED)
    assert ex.entity is not None
    reagents = find(ex, s=ex.entity.iri, p=p.PROTOCOL_REAGENT)
    ra = _lines(reagents, line_of(IPSC_SEED, "Patterning with retinoic acid"))
    assert [a.object.iri for a in ra] == [iri("CHEBI:26536")]  # type: ignore[union-attr]
    shh = _lines(reagents, line_of(IPSC_SEED, "SHH patterning"))
    assert [a.object.label for a in shh] == ["SHH"]  # type: ignore[union-attr]
    assert not find(ex, p=p.PROTOCOL_REAGENT, o=ex.entity.iri)


def test_a_stage_fact_is_recorded_not_asserted() -> None:
    """Stage 2's OLIG2 is the progenitors': its statement is written (with the stage), its
    triple is not; HB9 of Stage 3 is also an infobox marker, so that triple stays asserted."""
    from kg.rdf.page_graph import page_graph

    _, ex = extract_file(IPSC_SEED)
    assert ex.entity is not None
    expresses = find(ex, s=ex.entity.iri, p=p.EXPRESSES)
    (olig2,) = [a for a in expresses if a.object.label == "OLIG2"]  # type: ignore[union-attr]
    (mnx1,) = [a for a in expresses if a.object.iri == iri("HGNC:4979")]  # type: ignore[union-attr]
    assert olig2.conditional and not mnx1.conditional
    lines = page_graph(ex, source_file="001.txt", shell="cite").lines
    triple = f"<{ex.entity.iri}> <{p.EXPRESSES}> <{olig2.object.iri}> "  # type: ignore[union-attr]
    assert not [x for x in lines if x.startswith(triple)]
    assert [
        x for x in lines if x.startswith(f"<{ex.entity.iri}> <{p.EXPRESSES}> <{iri('HGNC:4979')}> ")
    ]
    assert [x for x in lines if f"<{olig2.object.iri}>" in x and "#object>" in x]  # type: ignore[union-attr]


def test_a_topic_heading_that_grounds_is_no_subject() -> None:
    """``Biomarkers`` names ChEBI's *role* biomarker: as a heading it is a topic, and the
    bullets under it are not facts about a chemical called "Biomarkers"."""
    _, ex = extract_text(
        "Ependymal Cells\n\nBiomarkers\n\n- MAPT Pathway: therapeutic target in ependymal cells\n"
    )
    biomarker = iri("CHEBI:59163")
    assert not [
        a for a in ex.assertions if biomarker in (a.subject.iri, getattr(a.object, "iri", ""))
    ]


def test_a_marker_also_named_at_a_stage_keeps_no_stage_qualifier() -> None:
    """The infobox's HB9 (MNX1) marker is repeated by a Stage 3 bullet: the merged statement is
    asserted, keeps the stage bullet as evidence, and says nothing about a stage (the stage
    qualifier would claim the marker holds only then). A stage-only fact keeps its stage."""
    _, ex = extract_file(IPSC_SEED)
    assert ex.entity is not None
    expresses = find(ex, s=ex.entity.iri, p=p.EXPRESSES)
    (mnx1,) = [a for a in expresses if a.object.iri == iri("HGNC:4979")]  # type: ignore[union-attr]
    stage3 = line_of(IPSC_SEED, "Stage 3:")
    assert not mnx1.conditional
    assert any(e.span.first_line > stage3 for e in mnx1.evidence)  # the stage bullet is evidence
    assert not [q for q, _ in mnx1.qualifiers if q in (p.PROTOCOL_STAGE, p.STAGE)]
    (olig2,) = [a for a in expresses if a.object.label == "OLIG2"]  # type: ignore[union-attr]
    assert [q for q, _ in olig2.qualifiers if q == p.PROTOCOL_STAGE]
