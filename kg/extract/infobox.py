"""Infobox rows that belong to no sub-table: one extractor per kind of row.

A row's kind comes from its label (:data:`ROW_KINDS`, first match wins). Rows of no kind that
carry a value become ``kgv:infoboxField "Label: value"`` literals on the entity (only when
the value says something the page does not already say: a ``Name`` equal to the title and
an empty value are skipped). Cell Ontology rows are read by ``kg.extract.page_entity``.

Database ids (``NCBI Gene``, ``Ensembl``, ``OMIM``, ``UniProt``, ``PDB``; values are links or
plain ids) are expanded by the project's ``curies`` converter: for a gene page
``skos:exactMatch`` the NCBIGene / ENSEMBL / OMIM IRI and ``RO:0002205 has gene product`` the
UniProtKB IRI; for a protein page ``skos:exactMatch`` UniProtKB and ``RO:0002204 gene product
of`` the gene ids; a PDB structure, or any id on another kind of page, ``skos:relatedMatch``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from kg.extract import categories as cat
from kg.extract import statements as st
from kg.extract.context import ExtractionContext, split_list
from kg.extract.dbids import id_facts, id_prefix
from kg.extract.model import Assertion
from kg.extract.registry import register
from kg.extract.rows import BoxRow, is_cl_label
from kg.extract.statements import linked_or_named
from kg.vocab import terms as p

#: (kind, label pattern): the kind of a plain infobox row, first match wins.
ROW_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        ("cell-ontology", r"^(cell ontology|cl)\b"),
        ("markers", r"^(key\s+)?markers?\b"),
        ("lineage", r"^(full\s+)?lineage\b"),
        ("location", r"^(brain\s+regions?|regions?|location)$"),
        ("disease", r"^(disease\s+(relevance|vulnerability)|diseases?|indication)$"),
        ("ids", r"^(ncbi\s+gene|ensembl|omim|uniprot|pdb)(\s+id)?$"),
        ("gene", r"^gene$"),
        ("expression", r"^expression$"),
        ("target", r"^target$"),
        ("protocol", r"^protocol$"),
        ("proteins", r"^key\s+(proteins|genes)"),
    )
)


@cache
def row_kind(label: str) -> str | None:
    for kind, pattern in ROW_KINDS:
        if pattern.search(label.strip()):
            return kind
    return None


def _rows(ctx: ExtractionContext, kind: str | None) -> Iterable[BoxRow]:
    for br in ctx.box_rows():
        if br.subtable is None and row_kind(br.row.label.text) == kind and br.row.value.text:
            yield br


@register("infobox.markers")
def infobox_markers(ctx: ExtractionContext) -> Iterable[Assertion]:
    """``Markers: CHAT, ISL1, HB9`` -> the entity expresses each gene."""
    for br in _rows(ctx, "markers"):
        ev = ctx.evidence(br.row)
        yield from st.markers(ctx, split_list(br.row.value.text), ev, label=br.row.label.text)


@register("infobox.lineage")
def infobox_lineage(ctx: ExtractionContext) -> Iterable[Assertion]:
    """``Lineage: Stem Cell > iPSC > Motor Neuron`` (see kg.extract.statements)."""
    for br in _rows(ctx, "lineage"):
        yield from st.lineage(ctx, br.row.value.text, ctx.evidence(br.row))


@register("infobox.location")
def infobox_location(ctx: ExtractionContext) -> Iterable[Assertion]:
    """``Brain Regions`` / ``Location``: soma location (neurons) or located in, per region."""
    for br in _rows(ctx, "location"):
        places = st.place_terms(ctx, br.row.value)
        yield from st.locations(ctx, places, ctx.evidence(br.row), label=br.row.label.text)


@register("infobox.disease")
def infobox_disease(ctx: ExtractionContext) -> Iterable[Assertion]:
    """``Disease Relevance`` / ``Diseases`` / ``Indication`` rows."""
    entity = ctx.entity_term()
    for br in _rows(ctx, "disease"):
        ev = ctx.evidence(br.row)
        found = linked_or_named(ctx, br.row.value, cat.DISEASE)
        if br.row.label.text.strip().lower() == "indication":
            for disease in found:
                yield from ctx.describe(disease, ev)
                yield ctx.fact(
                    entity,
                    p.IS_SUBSTANCE_THAT_TREATS,
                    disease,
                    ev,
                    biolink=p.BL_TREATS,
                    label="Indication",
                )
            continue
        yield from st.diseases(ctx, found, ev, label=br.row.label.text)


@register("infobox.ids")
def infobox_ids(ctx: ExtractionContext) -> Iterable[Assertion]:
    """Database ids of the entity (NCBI Gene, Ensembl, OMIM, UniProt, PDB)."""
    for br in _rows(ctx, "ids"):
        prefix = id_prefix(br.row.label.text)
        if prefix:
            yield from id_facts(ctx, prefix, br.row.value, ctx.evidence(br.row.value.span))


@register("infobox.gene")
def infobox_gene(ctx: ExtractionContext) -> Iterable[Assertion]:
    """A protein page's ``Gene`` row: the protein is the gene product of that gene."""
    return _related_rows(ctx, "gene", p.GENE_PRODUCT_OF, p.BL_GENE_PRODUCT_OF)


def _related_rows(
    ctx: ExtractionContext, kind: str, predicate: str, biolink: str, label: str | None = None
) -> Iterable[Assertion]:
    """Rows whose value names genes (links, else a list): the entity relates to each."""
    entity = ctx.entity_term()
    for br in _rows(ctx, kind):
        ev = ctx.evidence(br.row)
        for gene in linked_or_named(ctx, br.row.value, cat.GENE):
            yield from ctx.describe(gene, ev)
            yield ctx.fact(entity, predicate, gene, ev, biolink=biolink, label=label)


@register("infobox.expression")
def infobox_expression(ctx: ExtractionContext) -> Iterable[Assertion]:
    """A gene page's ``Expression`` row: the gene is expressed in each cell type or tissue."""
    entity = ctx.entity_term()
    for br in _rows(ctx, "expression"):
        ev = ctx.evidence(br.row)
        for name in split_list(br.row.value.text):
            place = ctx.ground_any(name, (cat.CELL, cat.ANATOMY), fallback=cat.ANATOMY)
            yield from ctx.describe(place, ev)
            yield ctx.fact(entity, p.EXPRESSED_IN, place, ev, biolink=p.BL_EXPRESSED_IN)


@register("infobox.target")
def infobox_target(ctx: ExtractionContext) -> Iterable[Assertion]:
    """A therapeutic page's ``Target`` row: the drug molecularly interacts with the target."""
    return _related_rows(
        ctx,
        "target",
        p.MOLECULARLY_INTERACTS_WITH,
        p.BL_DIRECTLY_PHYSICALLY_INTERACTS_WITH,
        label="Target",
    )


@register("infobox.proteins")
def infobox_proteins(ctx: ExtractionContext) -> Iterable[Assertion]:
    """``Key Proteins`` / ``Key Genes``: involved in the page's mechanism; on other pages
    only related to the entity."""
    entity = ctx.entity_term()
    for br in _rows(ctx, "proteins"):
        ev = ctx.evidence(br.row)
        for protein in linked_or_named(ctx, br.row.value, cat.PROTEIN):
            yield from ctx.describe(protein, ev)
            if entity.category != cat.PROCESS:
                yield ctx.fact(
                    entity,
                    p.BL_RELATED_TO,
                    protein,
                    ev,
                    biolink=p.BL_RELATED_TO,
                    label=br.row.label.text,
                )
                continue
            yield ctx.fact(
                protein,
                p.INVOLVED_IN,
                entity,
                ev,
                biolink=p.BL_ACTIVELY_INVOLVED_IN,
                label=br.row.label.text,
            )


@register("infobox.protocol")
def infobox_protocol(ctx: ExtractionContext) -> Iterable[Assertion]:
    """``Protocol: Directed Differentiation (21-30 days)`` as a literal."""
    for br in _rows(ctx, "protocol"):
        yield ctx.literal(ctx.entity_term(), p.PROTOCOL, br.row.value.text, ctx.evidence(br.row))


@register("infobox.field")
def infobox_field(ctx: ExtractionContext) -> Iterable[Assertion]:
    """Any other row with a value: ``kgv:infoboxField "Label: value"`` on the entity."""
    entity = ctx.entity_term()
    title = _norm(entity.label or "")
    for br in _rows(ctx, None):
        label, value = br.row.label.text.strip(), br.row.value.text.strip()
        if is_cl_label(label) or (label.lower() == "name" and _norm(value) == title):
            continue
        text = f"{label}: {value}" if label else value
        yield ctx.literal(entity, p.INFOBOX_FIELD, text, ctx.evidence(br.row), label=label or None)


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower())
