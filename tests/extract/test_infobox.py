"""Plain infobox rows: markers, locations, diseases, database ids, gene products, fields."""

from __future__ import annotations

from collections.abc import Callable

from kg.extract.model import PageExtraction
from kg.vocab import terms as p
from tests.extract.conftest import find, iri, literals, one, references

TREM2 = iri("HGNC:17761")
SOD1_GENE, SOD1_PROTEIN = iri("HGNC:11179"), iri("UniProtKB:P00441")
MICROGLIAL_CELL, DOPAMINERGIC_NEURON = iri("CL:0000129"), iri("CL:0000700")
ALZHEIMER, FTD, ALS = iri("MONDO:0004975"), iri("MONDO:0017276"), iri("MONDO:0004976")

Get = Callable[[str], PageExtraction]


def test_gene_page_ids_are_proper_iris(fixture_page: Get) -> None:
    ex = fixture_page("gene_infobox.txt")
    one(ex, TREM2, p.SKOS_EXACT_MATCH, "https://identifiers.org/ncbigene:54209")
    one(ex, TREM2, p.SKOS_EXACT_MATCH, "https://identifiers.org/ensembl:ENSG00000095970")
    one(ex, TREM2, p.SKOS_EXACT_MATCH, "https://omim.org/entry/605086")
    # UniProt names the protein, the gene's product: not an exact match of the gene
    product = one(ex, TREM2, p.HAS_GENE_PRODUCT, "https://identifiers.org/uniprot:Q9NZC2")
    assert product.biolink_predicate == p.BL_HAS_GENE_PRODUCT
    assert not find(ex, TREM2, p.SKOS_EXACT_MATCH, "https://identifiers.org/uniprot:Q9NZC2")


def test_gene_page_diseases_and_expression(fixture_page: Get) -> None:
    ex = fixture_page("gene_infobox.txt")
    for disease in (ALZHEIMER, FTD):
        fact = one(ex, TREM2, p.BL_GENE_ASSOCIATED_WITH_CONDITION, disease)
        assert fact.relation_label == "Diseases"
    expressed = {a.object.label for a in find(ex, TREM2, p.EXPRESSED_IN)}  # type: ignore[union-attr]
    assert expressed == {"Microglia", "Cerebral cortex", "Hippocampus"}
    one(ex, TREM2, p.EXPRESSED_IN, MICROGLIAL_CELL)


def test_other_rows_become_fields(fixture_page: Get) -> None:
    ex = fixture_page("gene_infobox.txt")
    fields = literals(find(ex, TREM2, p.INFOBOX_FIELD))
    assert "Chromosome: 6p21.1" in fields
    assert "Full Name: Triggering Receptor Expressed on Myeloid Cells 2" in fields
    card = fixture_page("card_shell.txt")
    assert "Name: Astroglia (Astrocytes)" not in literals(find(card, p=p.INFOBOX_FIELD))


def test_protein_page(fixture_page: Get) -> None:
    ex = fixture_page("protein_infobox.txt")
    one(ex, SOD1_PROTEIN, p.GENE_PRODUCT_OF, SOD1_GENE)
    one(ex, SOD1_PROTEIN, p.SKOS_RELATED_MATCH, "https://identifiers.org/pdb:2C9V")
    assert not find(ex, SOD1_PROTEIN, p.SKOS_EXACT_MATCH, SOD1_PROTEIN)


def test_conflicting_ids_are_all_kept_and_reported(fixture_page: Get) -> None:
    ex = fixture_page("conflicting_ids.txt")
    for gene_id in ("54206", "54209"):
        one(ex, TREM2, p.SKOS_EXACT_MATCH, f"https://identifiers.org/ncbigene:{gene_id}")
    # the mouse ortholog link is related, never an exact match
    one(ex, TREM2, p.SKOS_RELATED_MATCH, "https://identifiers.org/ncbigene:83433")
    conflicts = [pr for pr in ex.problems if "conflicting" in pr]
    assert len(conflicts) == 2
    assert any("NCBIGene:54206" in c and "NCBIGene:54209" in c for c in conflicts)


def test_cell_rows_with_citations(fixture_page: Get) -> None:
    ex = fixture_page("malformed_markup.txt")
    locations = find(ex, DOPAMINERGIC_NEURON, p.HAS_SOMA_LOCATION)  # a neuron: soma location
    assert {a.object.label for a in locations} == {  # type: ignore[union-attr]
        "Substantia nigra pars compacta",
        "Ventral tegmental area",
    }
    # issue 11: markers after <tr> and </td> close no cell; they stay page references
    assert not references(locations[0]) & {"damier1999", "surmeier2017"}
    one(ex, iri("MONDO:0005180"), p.DISEASE_HAS_LOCATION, DOPAMINERGIC_NEURON)


def test_glia_are_located_in_not_soma_located(fixture_page: Get) -> None:
    ex = fixture_page("div_infobox.txt")
    assert find(ex, iri("CL:0000128"), p.LOCATED_IN)
    assert not find(ex, p=p.HAS_SOMA_LOCATION)


def test_therapeutic_rows(fixture_page: Get) -> None:
    ex = fixture_page("therapeutic_infobox.txt")
    assert ex.entity is not None
    one(ex, ex.entity.iri, p.IS_SUBSTANCE_THAT_TREATS, ALS)
    one(ex, ex.entity.iri, p.MOLECULARLY_INTERACTS_WITH, SOD1_GENE)


def test_mechanism_key_proteins(fixture_page: Get) -> None:
    ex = fixture_page("mechanism_infobox.txt")
    assert ex.entity is not None
    for protein in (iri("HGNC:11571"), iri("HGNC:28337")):  # TDP-43 (TARDBP), C9orf72
        one(ex, protein, p.INVOLVED_IN, ex.entity.iri)
    one(ex, ex.entity.iri, p.BL_RELATED_TO, ALS)
