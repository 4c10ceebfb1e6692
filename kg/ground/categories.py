"""Biolink categories: which one an identifier's prefix implies, and which ones are compatible.

A category is written as a Biolink IRI (``https://w3id.org/biolink/vocab/Gene``) everywhere
in kg; :func:`category_iri` also accepts the CURIE (``biolink:Gene``) or the bare name.
Categories are grouped for look-ups: asking for a ``biolink:Protein`` finds an HGNC gene
entry (HGNC ids stand for the gene and its products in most KGs), asking for a
``biolink:Drug`` finds a CHEBI small molecule, and ``biolink:NamedThing`` finds anything.
"""

from __future__ import annotations

from kg import vocab as v

NAMED_THING = v.NAMED_THING
CELL = v.CELL
GENE = v.GENE
PROTEIN = v.PROTEIN
DISEASE = v.DISEASE
SMALL_MOLECULE = v.SMALL_MOLECULE
DRUG = v.DRUG
ANATOMY = v.ANATOMY
TAXON = v.TAXON
PUBLICATION = v.PUBLICATION

#: The category an identifier prefix implies (modelling.md, "Node categories").
PREFIX_CATEGORY: dict[str, str] = {
    "CL": CELL,
    "HGNC": GENE,
    "NCBIGene": GENE,
    "ENSEMBL": GENE,
    "UniProtKB": PROTEIN,
    "PR": PROTEIN,
    "MONDO": DISEASE,
    "DOID": DISEASE,
    "OMIM": DISEASE,
    "CHEBI": SMALL_MOLECULE,
    "UBERON": ANATOMY,
    "NCBITaxon": TAXON,
    "DRUGBANK": DRUG,
    "PMID": PUBLICATION,
    "DOI": PUBLICATION,
}

_GROUPS: tuple[frozenset[str], ...] = tuple(
    frozenset(v.biolink_iri(name) for name in names)
    for names in (
        ("Cell",),
        ("Gene", "Protein", "GeneProduct", "GeneOrGeneProduct", "Polypeptide", "GeneFamily"),
        ("Disease", "DiseaseOrPhenotypicFeature", "PhenotypicFeature"),
        (
            "SmallMolecule",
            "ChemicalEntity",
            "MolecularEntity",
            "Drug",
            "ChemicalOrDrugOrTreatment",
            "MolecularMixture",
        ),
        ("AnatomicalEntity", "GrossAnatomicalStructure", "AnatomicalStructure"),
        ("OrganismTaxon",),
    )
)


def category_iri(category: str) -> str:
    """``biolink:Gene`` / ``Gene`` / the full IRI -> ``https://w3id.org/biolink/vocab/Gene``."""
    return v.biolink_iri(category)


def prefix_category(curie: str) -> str | None:
    """The category a CURIE's prefix implies, or None."""
    prefix = curie.split(":", 1)[0]
    return PREFIX_CATEGORY.get(prefix)


def compatible(wanted: str | None, actual: str | None) -> bool:
    """Whether a term of category ``actual`` may answer a look-up for ``wanted``."""
    if wanted is None or wanted == NAMED_THING:
        return True
    if actual is None:
        return False
    if wanted == actual:
        return True
    return any(wanted in group and actual in group for group in _GROUPS)
