"""Links to other wiki pages and to gene databases."""

from __future__ import annotations

from collections.abc import Callable

from kg import vocab as v
from kg.extract.model import Match, PageExtraction
from kg.vocab import terms as p
from tests.extract.conftest import find, iri, one

Get = Callable[[str], PageExtraction]


def test_wiki_links_point_the_entity_to_other_pages_entities(fixture_page: Get) -> None:
    """A link is navigation (``rdfs:seeAlso``), never an entity-to-entity relation (issue 11)."""
    ex = fixture_page("links.txt")
    assert ex.entity is not None
    motor = one(ex, ex.entity.iri, p.RDFS_SEE_ALSO, v.entity_iri("cell-types-motor-neurons"))
    assert motor.object.match is Match.WIKI_LINK  # type: ignore[union-attr]
    assert len(motor.evidence) == 2  # linked twice
    one(ex, ex.entity.iri, p.RDFS_SEE_ALSO, iri("HGNC:11179"))  # /genes/sod1 grounded
    linked = [a for a in ex.assertions if any(e.extractor == "link.wiki" for e in a.evidence)]
    assert linked and all(
        a.predicate in (p.RDFS_SEE_ALSO, p.RDF_TYPE, p.RDFS_LABEL) for a in linked
    )


def test_links_connect_the_seeds(
    fixture_page: Get, ipsc: PageExtraction, motor_neurons: PageExtraction
) -> None:
    target = v.entity_iri("cell-types-motor-neurons")
    assert find(ipsc, p=p.RDFS_SEE_ALSO, o=target)
    one(motor_neurons, target, p.SAME_AS, iri("CL:0000100"))  # where that link arrives


def test_no_link_to_the_page_itself(motor_neurons: PageExtraction) -> None:
    assert motor_neurons.entity is not None
    assert not find(motor_neurons, p=p.RDFS_SEE_ALSO, o=motor_neurons.entity.iri)
    assert not find(motor_neurons, p=p.RDFS_SEE_ALSO, o=v.entity_iri("cell-types-motor-neurons"))


def test_database_links_only_on_gene_and_protein_pages(
    fixture_page: Get, motor_neurons: PageExtraction
) -> None:
    gene = fixture_page("conflicting_ids.txt")
    assert any(e.extractor == "link.database" for a in gene.assertions for e in a.evidence)
    assert not any(
        e.extractor == "link.database" for a in motor_neurons.assertions for e in a.evidence
    )


def test_a_link_read_with_its_infobox_row_is_that_rows_fact(fixture_page: Get) -> None:
    """``Target: [SOD1](/genes/sod1) mRNA``: the drug's target, not also a link to SOD1."""
    ex = fixture_page("therapeutic_infobox.txt")
    assert ex.entity is not None
    sod1 = iri("HGNC:11179")
    one(ex, ex.entity.iri, p.MOLECULARLY_INTERACTS_WITH, sod1)
    assert not find(ex, ex.entity.iri, p.RDFS_SEE_ALSO, sod1)
    assert not find(ex, ex.entity.iri, p.RDFS_SEE_ALSO)  # Indication: [SOD1-ALS](/diseases/als)
    # a link in a list outside the infobox still points to the linked page's entity
    shell = fixture_page("cite_shell.txt")
    assert shell.entity is not None
    assert find(shell, shell.entity.iri, p.RDFS_SEE_ALSO)
    assert not find(shell, shell.entity.iri, p.BL_RELATED_TO)
