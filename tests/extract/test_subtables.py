"""Tables flattened into infoboxes: drugs, species, nuclei, genes, stages, tissues."""

from __future__ import annotations

from collections.abc import Callable

from kg.extract.model import PageExtraction
from kg.vocab import terms as p
from tests.extract.conftest import find, iri, literals, one, qualifier_values

PURKINJE = iri("CL:0000121")
TRIAL = "https://clinicaltrials.gov/study/NCT04480350"

Get = Callable[[str], PageExtraction]


def test_a_trial_row_is_neither_a_drug_nor_a_fact(fixture_page: Get) -> None:
    """``NCT04480350 | AAV`` under ``Drug | Mechanism``: no drug, and nothing relates the page's
    cell type to the trial (issue 11); the row is kept as the infobox field it is."""
    ex = fixture_page("subtables.txt")
    one(ex, PURKINJE, p.INFOBOX_FIELD, "NCT04480350: AAV")
    assert not [a for a in ex.assertions if getattr(a.object, "iri", None) == TRIAL]
    assert all("NCT04480350" not in (a.subject.label or "") for a in find(ex, p=p.BL_AFFECTS))


def test_drug_rows(fixture_page: Get) -> None:
    ex = fixture_page("subtables.txt")
    (mechanism,) = find(ex, p=p.MECHANISM_OF_ACTION)
    assert mechanism.subject.label == "Troriluzole"
    assert mechanism.object.value == "Glutamate modulation"  # type: ignore[union-attr]
    one(ex, mechanism.subject.iri, p.BL_AFFECTS, PURKINJE)


def test_the_drug_page_itself_is_not_a_second_node(fixture_page: Get) -> None:
    ex = fixture_page("therapeutic_infobox.txt")
    assert ex.entity is not None
    one(ex, ex.entity.iri, p.MECHANISM_OF_ACTION, "SOD1 mRNA degradation via RNase H")
    assert not find(ex, p=p.BL_AFFECTS)
    assert "Tofersen" not in ex.ungrounded


def test_species_gene_and_stage_rows(fixture_page: Get) -> None:
    ex = fixture_page("subtables.txt")
    mouse = one(ex, PURKINJE, p.PRESENT_IN_TAXON, iri("NCBITaxon:10090"))
    assert qualifier_values(mouse, p.CONSERVATION_LEVEL) == ["High"]
    assert mouse.relation_label is None  # the header row's words are no relation label
    genes = {
        a.object.label: qualifier_values(a, p.GENE_FUNCTION)
        for a in find(ex, PURKINJE, p.BL_RELATED_TO)
    }  # type: ignore[union-attr]
    assert genes["CALB1"] == ["Calcium buffering"]
    assert literals(find(ex, PURKINJE, p.STAGE)) == {
        "Early: Cerebellar vermis",
        "Late: Cerebellar hemispheres",
    }


def test_nucleus_rows_of_a_duplicated_page(fixture_page: Get) -> None:
    ex = fixture_page("duplicated_td.txt")
    assert ex.entity is not None
    nuclei = find(ex, ex.entity.iri, p.HAS_SOMA_LOCATION)
    assert {a.object.label: qualifier_values(a, p.CRANIAL_NERVE)[0] for a in nuclei} == {  # type: ignore[union-attr]
        "Oculomotor nucleus": "III",
        "Facial nucleus": "VII",
        "Hypoglossal nucleus": "XII",
    }
    for a in nuclei:  # the truncated first copy adds nothing: one row, one evidence
        assert len(a.evidence) == 1


def test_tissue_rows(fixture_page: Get) -> None:
    ex = fixture_page("gene_infobox_plain.txt")
    levels = {
        a.object.label: qualifier_values(a, p.EXPRESSION_LEVEL) for a in find(ex, p=p.EXPRESSED_IN)
    }  # type: ignore[union-attr]
    assert levels == {"Liver": ["Highest"], "Kidney": ["High"]}


def test_stage_region_rows(fixture_page: Get) -> None:
    ex = fixture_page("mechanism_infobox.txt")
    stages = literals(find(ex, p=p.STAGE))
    assert "Stage 1: Agranular motor cortex, spinal cord" in stages
    assert len(stages) == 4
