"""``Key: value`` bullets and stage headings."""

from __future__ import annotations

from collections.abc import Callable

from kg import vocab as v
from kg.extract.model import PageExtraction
from kg.vocab import terms as p
from tests.extract.conftest import find, iri, literals, one, qualifier_values

MICROGLIAL_CELL, MACROPHAGE, ASTROCYTE = iri("CL:0000129"), iri("CL:0000235"), iri("CL:0000127")

Get = Callable[[str], PageExtraction]


def test_parent_and_full_lineage(fixture_page: Get) -> None:
    ex = fixture_page("cite_shell.txt")
    myeloid = v.mention_iri("Myeloid")
    parent = one(ex, MICROGLIAL_CELL, p.STATED_SUBCLASS_OF, myeloid)
    assert [e.extractor for e in parent.evidence] == ["bullet.parent"]
    one(ex, MICROGLIAL_CELL, p.LINEAGE, "Myeloid > Macrophage > Microglia")
    one(ex, MICROGLIAL_CELL, p.STATED_SUBCLASS_OF, MACROPHAGE)
    # issue 11: the chain's inner step (Macrophage below Myeloid) is the path to the entity,
    # not a fact the page states about macrophages
    assert not find(ex, s=MACROPHAGE, p=p.STATED_SUBCLASS_OF)


def test_brain_regions(fixture_page: Get) -> None:
    ex = fixture_page("cite_shell.txt")
    regions = find(ex, MICROGLIAL_CELL, p.LOCATED_IN)
    assert {"Cortex", "Hippocampus", "White matter"} <= {a.object.label for a in regions}  # type: ignore[union-attr]


def test_marker_bullets_under_a_markers_heading(fixture_page: Get) -> None:
    ex = fixture_page("card_shell.txt")
    gfap = one(ex, ASTROCYTE, p.EXPRESSES, iri("HGNC:4235"))
    assert qualifier_values(gfap, p.MARKER_FUNCTION) == [
        "Intermediate filament, upregulated in reactive astrocytes"
    ]
    assert len(find(ex, ASTROCYTE, p.EXPRESSES)) == 3
    variants = fixture_page("case_variants.txt")  # "- Upregulated: APOE, ..." is no gene
    assert not find(variants, p=p.EXPRESSES, o=v.mention_iri("Upregulated"))


def test_disease_bullets(fixture_page: Get) -> None:
    ex = fixture_page("div_infobox.txt")
    fact = one(ex, iri("MONDO:0004976"), p.DISEASE_HAS_LOCATION, iri("CL:0000128"))
    assert fact.relation_label == "Disease Relevance"


def test_stage_bullets_outside_a_protocol(fixture_page: Get) -> None:
    ex = fixture_page("prism_view.txt")
    stages = literals(find(ex, MICROGLIAL_CELL, p.STAGE))
    assert "Stage 2: TREM2-dependent, upregulation of APOE, LPL, CST7" in stages
    assert not find(ex, p=p.PROTOCOL_STAGE)
