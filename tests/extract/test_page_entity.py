"""Deciding the page's entity and linking the other Cell Ontology classes it names."""

from __future__ import annotations

from collections.abc import Callable

from kg import vocab as v
from kg.extract.model import Match, PageExtraction
from kg.vocab import terms as p
from tests.extract.conftest import extract_text, find, iri, one

MOTOR_NEURON, BRAINSTEM_MOTOR_NEURON = iri("CL:0000100"), iri("CL:2000047")
NEURON, ASTROCYTE, MICROGLIAL_CELL = iri("CL:0000540"), iri("CL:0000127"), iri("CL:0000129")

METADATA = """▸Metadataorigin_type: v1_polymorphic_backfill
| slug | {slug} |
| kg_node_id | None |
| entity_type | cell |
"""

TITLE_ONLY = """📗 Cite This Artifact
Motor Neurons
Motor Neurons
Overview
Motor neurons carry commands from the central nervous system to muscles.
Cell Ontology Mapping
- [brainstem motor neuron](https://obofoundry.org/ontology/cl/cl/2000047.html) (CL:2000047)
- [neuron](http://purl.obolibrary.org/obo/CL_0000540)
- [astrocyte](http://purl.obolibrary.org/obo/CL_0000127)
""" + METADATA.format(slug="cell-types-motor-neurons-test")

CONFLICT = """📗 Cite This Artifact
Motor Neurons
Motor Neurons
<table class="infobox infobox-cell">
<tr>
<th class="infobox-header" colspan="2">Motor Neurons</th>
</tr>
<tr>
<td class="label">Cell Ontology (CL)</td>
<td>[CL:2000047](http://purl.obolibrary.org/obo/CL_2000047)</td>
</tr>
</table>
Overview
Brainstem motor neurons innervate the muscles of the head and neck.
""" + METADATA.format(slug="cell-types-conflict")


def test_a_title_that_is_a_cl_label_makes_the_entity_that_class() -> None:
    _, ex = extract_text(TITLE_ONLY)
    assert ex.entity is not None and ex.entity.iri == MOTOR_NEURON
    same = one(ex, v.entity_iri("cell-types-motor-neurons-test"), p.SAME_AS, MOTOR_NEURON)
    assert same.object.match is Match.EXACT_LABEL  # type: ignore[union-attr]
    assert same.evidence[0].quote == "Motor Neurons"
    assert same.evidence[0].extractor == "page.entity"


def test_other_cl_classes_are_narrower_broader_or_related() -> None:
    _, ex = extract_text(TITLE_ONLY)
    one(ex, MOTOR_NEURON, p.SKOS_NARROWER, BRAINSTEM_MOTOR_NEURON)  # below it in CL
    one(ex, MOTOR_NEURON, p.SKOS_BROADER, NEURON)  # above it in CL
    one(ex, MOTOR_NEURON, p.SKOS_RELATED, ASTROCYTE)  # neither
    # a page never renames an ontology class: no rdfs:label from the page on a CL IRI
    assert not find(ex, s=BRAINSTEM_MOTOR_NEURON, p=p.RDFS_LABEL)
    assert not find(ex, s=MOTOR_NEURON, p=p.RDFS_LABEL)
    assert not find(ex, p=p.SUBCLASS_OF)  # linking a class is no subclass claim


def test_the_infobox_id_wins_over_the_title_and_the_conflict_is_reported() -> None:
    page, ex = extract_text(CONFLICT)
    assert ex.entity is not None and ex.entity.iri == BRAINSTEM_MOTOR_NEURON
    same = one(ex, v.entity_iri("cell-types-conflict"), p.SAME_AS, BRAINSTEM_MOTOR_NEURON)
    assert same.evidence[0].extractor == "infobox.cell-ontology"
    assert same.object.match is Match.ID_ON_PAGE  # type: ignore[union-attr]
    assert any("CL:0000100" in pr and "CL:2000047" in pr for pr in ex.problems)
    assert all(pr.startswith(f"{page.path}:") for pr in ex.problems)


def test_pages_of_other_kinds(fixture_page: Callable[[str], PageExtraction]) -> None:
    gene = fixture_page("gene_infobox.txt")
    assert gene.entity is not None and gene.entity.iri == iri("HGNC:17761")  # Symbol row TREM2
    protein = fixture_page("protein_infobox.txt")
    assert protein.entity is not None and protein.entity.iri == iri("UniProtKB:P00441")
    mechanism = fixture_page("mechanism_infobox.txt")
    assert mechanism.entity is not None
    assert mechanism.entity.iri == v.entity_iri("mechanism-infobox")  # no slug: the file name
    assert mechanism.entity.category == v.BIOLINK + "BiologicalProcess"


def test_a_non_cell_page_only_relates_cl_classes(
    fixture_page: Callable[[str], PageExtraction],
) -> None:
    ex = fixture_page("links.txt")
    assert ex.entity is not None
    one(ex, ex.entity.iri, p.SKOS_RELATED, ASTROCYTE)
    one(ex, ex.entity.iri, p.SKOS_RELATED, NEURON)
    assert not find(ex, p=p.SKOS_BROAD_MATCH)


def test_infobox_row_of_a_flattened_prism_view(
    fixture_page: Callable[[str], PageExtraction],
) -> None:
    ex = fixture_page("prism_view.txt")
    assert ex.entity is not None and ex.entity.iri == MICROGLIAL_CELL
    one(ex, v.entity_iri("prism-view"), p.SAME_AS, MICROGLIAL_CELL)
