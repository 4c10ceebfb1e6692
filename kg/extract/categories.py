"""Biolink 4.x categories the extractors use, and the category of a page's own entity.

Categories follow ``../shared/docs/modelling.md``: cell types ``biolink:Cell``, genes
``biolink:Gene``, proteins ``biolink:Protein``, diseases ``biolink:Disease``, drugs
``biolink:ChemicalEntity`` (the grounder may refine to SmallMolecule / Drug), anatomy
``biolink:AnatomicalEntity``, species ``biolink:OrganismTaxon``, references
``biolink:Publication``; mechanism pages are ``biolink:BiologicalProcess``; anything else
``biolink:NamedThing`` (the root class).
"""

from __future__ import annotations

from kg import vocab as v
from kg.parse.model import ParsedPage

B = v.BIOLINK
CELL = v.CELL
GENE = v.GENE
PROTEIN = v.PROTEIN
DISEASE = v.DISEASE
CHEMICAL = v.CHEMICAL
DRUG = v.DRUG
ANATOMY = v.ANATOMY
TAXON = v.TAXON
PUBLICATION = v.PUBLICATION
PROCESS = v.PROCESS
NAMED_THING = v.NAMED_THING

#: SciDEX ``entity_type`` values and infobox kinds -> Biolink category of the page's entity.
_BY_TYPE: dict[str, str] = {
    "cell": CELL,
    "cell_type": CELL,
    "celltype": CELL,
    "gene": GENE,
    "protein": PROTEIN,
    "disease": DISEASE,
    "therapeutic": CHEMICAL,
    "drug": CHEMICAL,
    "compound": CHEMICAL,
    "mechanism": PROCESS,
}

#: Wiki path sections (``/genes/sod1``) -> category of the linked page's entity.
_BY_PATH: dict[str, str] = {
    "cell-types": CELL,
    "genes": GENE,
    "proteins": PROTEIN,
    "diseases": DISEASE,
    "therapeutics": CHEMICAL,
    "drugs": CHEMICAL,
    "mechanisms": PROCESS,
}


def entity_category(parsed: ParsedPage) -> str:
    """The category of the page's entity: from its entity type, else its infobox kind."""
    for key in (parsed.entity_type, parsed.infobox.kind if parsed.infobox else None):
        if key and key.lower() in _BY_TYPE:
            return _BY_TYPE[key.lower()]
    if parsed.slug:
        section = parsed.slug.split("-", 2)
        for n in (2, 1):
            prefix = "-".join(section[:n])
            if prefix in _BY_PATH:
                return _BY_PATH[prefix]
    return NAMED_THING


def is_cell(category: str | None) -> bool:
    return category == CELL
