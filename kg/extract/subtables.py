"""Tables flattened into an infobox (``Drug | Mechanism`` and the rows after it).

The kind of a sub-table is the first word of its header; each row's evidence is the row:

* ``Drug | Mechanism``: the drug node (grounded, typed, labelled) with
  ``kgv:mechanismOfAction "Glutamate inhibition"``, ``drug biolink:affects entity`` (the
  relation table's ``drug`` entry) with the mechanism as statement qualifier, and what the
  mechanism and the drug's name state (kg.extract.mechanism: riluzole inhibits glutamate,
  ``Tofersen (SOD1-ALS)`` treats ALS and targets SOD1). A row naming a clinical trial in the
  drug column (``NCT04480350 | AAV``) names no drug and does not say what the trial tested (on
  a cell page it would make a cell type "in" a trial; on Tofersen's page its ``AAV`` is not
  tofersen's mechanism): it is kept as ``kgv:infoboxField "NCT04480350: AAV"``, no fact.

A header row's words (``Drug | Mechanism``) name the sub-table's kind only: they are never a
relation label, an entity or a fact.
* ``Species | Conservation Level``: ``entity RO:0002175 present in taxon taxon`` with the
  qualifier ``kgv:conservationLevel``.
* ``Nucleus | CN``: the entity's soma location (neurons; else located in) in the named
  nucleus (``Oculomotor`` -> grounded as ``Oculomotor nucleus``), qualifier
  ``kgv:cranialNerve`` per nerve (``IX, X`` gives two).
* ``Gene | Function``: ``entity biolink:related_to gene`` with ``kgv:geneFunction`` (the page
  lists genes that matter for the entity; it does not say they are expressed).
* ``Tissue | Expression Level``: ``entity RO:0002206 expressed in tissue`` with
  ``kgv:expressionLevel``.
* ``Stage | Region``: ``kgv:stage "Stage 1: Agranular motor cortex, spinal cord"``.
* ``Taxonomy | ID`` / ``Database | ID``: CL ids are read by kg.extract.page_entity; other ids
  with a known prefix are ``skos:exactMatch``.
* any other header: ``kgv:infoboxField "Label: value"``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from kg import vocab as v
from kg.extract import categories as cat
from kg.extract.context import ExtractionContext, expand, split_list
from kg.extract.mechanism import mechanism_facts, name_facts
from kg.extract.model import Assertion, Match, Term, Value
from kg.extract.registry import register
from kg.extract.relations import relation_for
from kg.extract.rows import BoxRow, header_kind, is_cl_label
from kg.vocab import terms as p

_NCT = re.compile(r"^NCT(\d{8})$")
_CURIE = re.compile(r"^([A-Za-z][A-Za-z0-9.]*):(\S+)$")
KINDS = frozenset({"taxonomy", "database", "nucleus", "drug", "species", "gene", "stage", "tissue"})


def _rows(ctx: ExtractionContext, *kinds: str) -> Iterable[BoxRow]:
    for br in ctx.box_rows():
        if br.subtable is not None and header_kind(br.header) in kinds and br.row.label.text:
            yield br


@register("infobox.subtable.drug")
def drugs(ctx: ExtractionContext) -> Iterable[Assertion]:
    entity = ctx.entity_term()
    rel = relation_for("drug")
    for br in _rows(ctx, "drug"):
        name, mechanism = br.row.label.text.strip(), br.row.value.text.strip()
        ev = ctx.evidence(br.row)
        qual = [(p.MECHANISM_OF_ACTION, Value(value=mechanism))] if mechanism else []
        if _NCT.match(name):  # a trial id where a drug belongs: the row relates nothing
            yield ctx.literal(entity, p.INFOBOX_FIELD, f"{name}: {mechanism}", ev)
            continue
        drug = ctx.entity_term() if ctx.names_entity(name) else ctx.ground(name, cat.CHEMICAL)
        if drug.iri != entity.iri:
            yield from ctx.describe(drug, ev)
        if mechanism:
            yield ctx.literal(drug, p.MECHANISM_OF_ACTION, mechanism, ev)
            yield from mechanism_facts(ctx, drug, mechanism, ev)
        yield from name_facts(ctx, drug, name, ev)
        if drug.iri != entity.iri:
            yield ctx.fact(drug, rel.predicate, entity, ev, biolink=rel.biolink, qualifiers=qual)


@register("infobox.subtable.species")
def species(ctx: ExtractionContext) -> Iterable[Assertion]:
    """``Species | Conservation Level``: present in taxon, the level as a statement qualifier."""
    return _qualified_rows(
        ctx, "species", cat.TAXON, p.PRESENT_IN_TAXON, p.BL_IN_TAXON, p.CONSERVATION_LEVEL
    )


def _qualified_rows(
    ctx: ExtractionContext, kind: str, category: str, predicate: str, biolink: str, qualifier: str
) -> Iterable[Assertion]:
    """Rows naming a thing (grounded in ``category``) whose value qualifies the relation to it."""
    entity = ctx.entity_term()
    for br in _rows(ctx, kind):
        ev = ctx.evidence(br.row)
        thing = ctx.ground(br.row.label.text, category)
        level = br.row.value.text.strip()
        qual = [(qualifier, Value(value=level))] if level else []
        yield from ctx.describe(thing, ev)
        yield ctx.fact(entity, predicate, thing, ev, biolink=biolink, qualifiers=qual)


@register("infobox.subtable.nucleus")
def nuclei(ctx: ExtractionContext) -> Iterable[Assertion]:
    entity = ctx.entity_term()
    predicate = p.HAS_SOMA_LOCATION if ctx.entity_is_neuron else p.LOCATED_IN
    for br in _rows(ctx, "nucleus"):
        ev = ctx.evidence(br.row)
        place = _nucleus(ctx, br.row.label.text)
        qual = [(p.CRANIAL_NERVE, Value(value=n)) for n in split_list(br.row.value.text)]
        yield from ctx.describe(place, ev)
        yield ctx.fact(
            entity,
            predicate,
            place,
            ev,
            biolink=p.BL_LOCATED_IN,
            qualifiers=qual,
        )


def _nucleus(ctx: ExtractionContext, name: str) -> Term:
    """``Oculomotor`` under a ``Nucleus`` header is the oculomotor nucleus."""
    name = " ".join(name.split())
    if re.search(r"\bnucle(us|i)\b", name, re.I):
        return ctx.ground(name, cat.ANATOMY)
    m = re.match(r"^(?P<core>.*?)\s*\((?P<paren>[^()]*)\)\s*$", name)
    core, paren = (m["core"], m["paren"]) if m else (name, "")
    label = f"{core} nucleus"
    tries = [label, f"nucleus {core}"] + ([f"{paren} {core} nucleus"] if paren else [])
    for candidate in tries:
        term = ctx.grounder.ground_name(candidate, category=cat.ANATOMY)
        if term.match is not Match.UNGROUNDED:
            return Term(iri=term.iri, label=label, category=term.category, match=term.match)
    term = ctx.grounder.ground_name(label, category=cat.ANATOMY)
    return Term(iri=term.iri, label=label, category=term.category, match=term.match)


@register("infobox.subtable.gene")
def genes(ctx: ExtractionContext) -> Iterable[Assertion]:
    entity = ctx.entity_term()
    for br in _rows(ctx, "gene"):
        ev = ctx.evidence(br.row)
        gene = ctx.ground(br.row.label.text, cat.GENE)
        function = br.row.value.text.strip()
        qual = [(p.GENE_FUNCTION, Value(value=function))] if function else []
        yield from ctx.describe(gene, ev)
        if gene.iri != entity.iri:
            yield ctx.fact(
                entity,
                p.BL_RELATED_TO,
                gene,
                ev,
                biolink=p.BL_RELATED_TO,
                qualifiers=qual,
            )


@register("infobox.subtable.tissue")
def tissues(ctx: ExtractionContext) -> Iterable[Assertion]:
    """``Tissue | Expression``: expressed in, the level as a statement qualifier."""
    return _qualified_rows(
        ctx, "tissue", cat.ANATOMY, p.EXPRESSED_IN, p.BL_EXPRESSED_IN, p.EXPRESSION_LEVEL
    )


@register("infobox.subtable.stage")
def stages(ctx: ExtractionContext) -> Iterable[Assertion]:
    for br in _rows(ctx, "stage"):
        text = f"{br.row.label.text.strip()}: {br.row.value.text.strip()}".rstrip(": ")
        yield ctx.literal(ctx.entity_term(), p.STAGE, text, ctx.evidence(br.row))


@register("infobox.subtable.ids")
def database_ids(ctx: ExtractionContext) -> Iterable[Assertion]:
    """Non-CL ids of ``Taxonomy | ID`` / ``Database | ID`` sub-tables: exact matches."""
    entity = ctx.entity_term()
    for br in _rows(ctx, "taxonomy", "database"):
        if is_cl_label(br.row.label.text):
            continue
        ev = ctx.evidence(br.row)
        curies = [ln.curie for ln in br.row.value.links if ln.curie]
        m = _CURIE.match(br.row.value.text.strip())
        if not curies and m and m.group(1) in v.PREFIX_MAP:
            curies = [br.row.value.text.strip()]
        if not curies:
            text = f"{br.row.label.text.strip()}: {br.row.value.text.strip()}"
            yield ctx.literal(entity, p.INFOBOX_FIELD, text, ev)
        for curie in curies:
            iri = expand(curie)
            if curie.startswith("CL:") or iri is None:
                continue
            term = Term(iri=iri, match=Match.ID_ON_PAGE)
            yield ctx.fact(entity, p.SKOS_EXACT_MATCH, term, ev, biolink=p.BL_EXACT_MATCH)


@register("infobox.subtable.other")
def other(ctx: ExtractionContext) -> Iterable[Assertion]:
    """Sub-tables of any other header: ``kgv:infoboxField "Label: value"``."""
    for br in ctx.box_rows():
        if br.subtable is None or header_kind(br.header) in KINDS:
            continue
        text = f"{br.row.label.text.strip()}: {br.row.value.text.strip()}".strip(": ")
        if text:
            ev = ctx.evidence(br.row)
            yield ctx.literal(ctx.entity_term(), p.INFOBOX_FIELD, text, ev)
