"""Fact builders shared by infobox rows, bullets and tables (they register nothing).

* markers: ``entity RO:0002292 expresses gene`` (biolink:expresses), each name grounded as a
  gene (``HB9`` -> MNX1 through the lexicon's aliases);
* locations: a neuron ``RO:0002100 has soma location`` the region; any other entity
  ``RO:0001025 located in`` (biolink:located_in for both, as modelling.md says). A "region"
  that is a culture condition, says nothing or names a property (``In Vitro (Spinal Cord
  Patterning)``, ``n/a``, ``regional heterogeneity``) is no place: no location fact is made and
  the page's line is reported; words around a place name (``Throughout CNS``, ``Layer V of
  primary motor cortex``) are not part of it (:func:`place_name`);
* diseases: ``disease RO:0004026 disease has location cell`` on cell pages, but a cell made in
  vitro (an iPSC-derived or organoid cell, :func:`in_vitro_model`) ``RO:0003301 is model of`` the
  disease; a gene is
  ``biolink:gene_associated_with_condition`` a disease; anything else ``biolink:related_to``;
* lineage ``A > B > C``: the chain as written (``kgv:lineage``) plus one claim, the page's
  entity below the chain's last-but-one element. The last element names the page's own entity
  (the chain is its lineage), so the claim is made about the entity, never about the class the
  last name happens to match (``Motor Neuron`` on the iPSC page is not CL:0000100 itself). A
  chain is a classification path (``Stem Cell > iPSC > Motor Neuron`` says where the page files
  the cell, not what it develops from), and it is the page's *claim*: ``kgv:statedSubClassOf``,
  never ``rdfs:subClassOf`` (which would be a class axiom on an ontology IRI). The inner steps
  (``Glutamatergic`` below ``Neuron``) are the path the chain walks to the entity, not facts the
  page states about those classes (issue 11: a curator lists the entity's place only); the
  literal keeps them. The claim is the page's, with provenance; validation checks it against
  the ontology.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from kg.extract import categories as cat
from kg.extract.context import ExtractionContext, split_list
from kg.extract.model import Assertion, Evidence, Match, Term, Value
from kg.parse.model import Cell
from kg.vocab import terms as p

_IN_VITRO = re.compile(r"ipsc|\besc\b|derived|organoid|in vitro|cultured|model", re.I)
_CHAIN_SPLIT = re.compile(r"\s*(?:>|→|->)\s*")
_NOT_A_PLACE = frozenset(
    {
        "in vitro",
        "in vivo",
        "ex vivo",
        "in culture",
        "cell culture",
        "culture",
        "organoid",
        "organoids",
        "unknown",
        "n/a",
        "na",
        "none",
        "various",
        "multiple",
        "not applicable",
    }
)


def linked_or_named(ctx: ExtractionContext, cell: Cell, category: str) -> tuple[Term, ...]:
    """The things a cell names: its wiki links when it has any, else its comma-separated names."""
    links = [ln for ln in cell.links if ln.wiki_path]
    if links:
        return tuple(ctx.grounder.ground_wiki_path(ln.wiki_path or "", ln.text) for ln in links)
    return tuple(ctx.ground(name, category) for name in split_list(cell.text))


def markers(
    ctx: ExtractionContext,
    names: Iterable[str],
    ev: Evidence,
    qualifiers: Sequence[tuple[str, Value]] = (),
    label: str | None = None,
) -> Iterable[Assertion]:
    entity = ctx.entity_term()
    for name in names:
        gene = ctx.ground(name, cat.GENE)
        yield from ctx.describe(gene, ev)
        yield ctx.fact(
            entity,
            p.EXPRESSES,
            gene,
            ev,
            biolink=p.BL_EXPRESSES,
            label=label,
            qualifiers=qualifiers,
        )


#: words before a place that are not part of its name: ``Throughout CNS``, ``Layer V of
#: primary motor cortex`` (the layer stays in the quote; the place is the cortex)
_PLACE_LEAD = re.compile(
    r"^(?:(?:throughout|within|across|mainly|mostly|primarily|predominantly|especially"
    r"|all|the|layers?\s+[ivx0-9/\-]+(?:\s+and\s+[ivx0-9]+)?\s+of)\s+)+",
    re.IGNORECASE,
)
#: a head noun naming a property, not a place (``regional heterogeneity``, ``vulnerability``)
_ABSTRACT = re.compile(r"(?:ity|ness|ism|ance|ence)$", re.IGNORECASE)


def place_name(name: str) -> str:
    """``Throughout CNS`` -> ``CNS``; ``Layer V of primary motor cortex`` -> ``primary motor cortex``."""
    return _PLACE_LEAD.sub("", " ".join(name.split())) or name


def place_terms(ctx: ExtractionContext, cell: Cell) -> tuple[Term, ...]:
    """The places a cell names: its wiki links, else its comma-separated place names."""
    if any(ln.wiki_path for ln in cell.links):
        return linked_or_named(ctx, cell, cat.ANATOMY)
    return tuple(ctx.ground(place_name(n), cat.ANATOMY) for n in split_list(cell.text))


def _not_a_place(place: Term) -> bool:
    """An ungrounded "place" that is a culture condition, says nothing, or names a property."""
    if place.match is not Match.UNGROUNDED:
        return False
    name = (place.label or "").strip().lower()
    words = name.split()
    return name in _NOT_A_PLACE or bool(words and _ABSTRACT.search(words[-1]))


def locations(
    ctx: ExtractionContext, places: Iterable[Term], ev: Evidence, label: str | None = None
) -> Iterable[Assertion]:
    entity = ctx.entity_term()
    predicate = p.HAS_SOMA_LOCATION if ctx.entity_is_neuron else p.LOCATED_IN
    for place in places:
        if _not_a_place(place):
            ctx.report(
                ev.span.first_line,
                f"{place.label!r} is not an anatomical location; no location fact was made",
            )
            continue
        yield from ctx.describe(place, ev)
        yield ctx.fact(entity, predicate, place, ev, biolink=p.BL_LOCATED_IN, label=label)


def diseases(
    ctx: ExtractionContext, found: Iterable[Term], ev: Evidence, label: str | None = None
) -> Iterable[Assertion]:
    entity = ctx.entity_term()
    for disease in found:
        if disease.iri == entity.iri:
            continue
        yield from ctx.describe(disease, ev)
        if entity.category == cat.CELL and in_vitro_model(ctx):
            yield ctx.fact(entity, p.IS_MODEL_OF, disease, ev, biolink=p.BL_MODEL_OF, label=label)
        elif entity.category == cat.CELL:
            yield ctx.fact(
                disease,
                p.DISEASE_HAS_LOCATION,
                entity,
                ev,
                biolink=p.BL_DISEASE_HAS_LOCATION,
                label=label,
            )
        elif entity.category == cat.GENE:
            yield ctx.fact(
                entity,
                p.BL_GENE_ASSOCIATED_WITH_CONDITION,
                disease,
                ev,
                biolink=p.BL_GENE_ASSOCIATED_WITH_CONDITION,
                label=label,
            )
        else:
            yield ctx.fact(
                entity, p.BL_RELATED_TO, disease, ev, biolink=p.BL_RELATED_TO, label=label
            )


def in_vitro_model(ctx: ExtractionContext) -> bool:
    """Whether the page's cell is made in vitro (iPSC-derived, organoid): a model of diseases."""
    entity = ctx.entity_term()
    names = (ctx.parsed.title or "", entity.label or "", ctx.slug)
    return context_is_minted(entity) and any(_IN_VITRO.search(n) for n in names)


def context_is_minted(term: Term) -> bool:
    return term.match in (Match.PAGE_ENTITY, Match.MINTED, Match.UNGROUNDED)


def lineage(ctx: ExtractionContext, chain: str, ev: Evidence) -> Iterable[Assertion]:
    """The chain literal and the entity's claim (see the module docstring)."""
    names = [n for n in _CHAIN_SPLIT.split(chain.strip()) if n]
    entity = ctx.entity_term()
    if len(names) < 2:
        return
    yield ctx.literal(entity, p.LINEAGE, " > ".join(names), ev)
    parent = ctx.ground(names[-2], cat.CELL)
    if parent.iri == entity.iri:
        return
    yield from ctx.describe(parent, ev)
    yield ctx.fact(entity, p.STATED_SUBCLASS_OF, parent, ev, biolink=p.BL_SUBCLASS_OF)


def parent_class(ctx: ExtractionContext, name: str, ev: Evidence) -> Iterable[Assertion]:
    """``Parent Classification: Glutamatergic``: the entity is stated to be below that class."""
    entity = ctx.entity_term()
    parent = ctx.ground(name, cat.CELL)
    if parent.iri == entity.iri:
        return
    yield from ctx.describe(parent, ev)
    yield ctx.fact(entity, p.STATED_SUBCLASS_OF, parent, ev, biolink=p.BL_SUBCLASS_OF)
