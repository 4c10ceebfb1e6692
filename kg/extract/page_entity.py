"""The entity a page is about, and the Cell Ontology classes the page names.

Deciding the entity (:func:`decide_entity`, before any extractor runs):

* A cell page names an *exact* CL class when its infobox gives one (a ``Cell Ontology (CL)``
  row, plain or in a ``Taxonomy | ID`` sub-table: the infobox describes the page's own entity)
  or when its title is a CL label or exact synonym (``Motor Neurons`` -> CL:0000100, plural
  and bracket variants tried by the grounder). Then the entity *is* the CL IRI, and the page
  graph states ``kg:entity-<slug> owl:sameAs CL:...``. When title and infobox disagree, the id
  the page gives wins and a warning says so.
* Gene pages use their ``Symbol`` row, protein pages their ``UniProt`` id, other pages their
  title, each through the grounder; anything else is ``kg:entity-<slug>``.

Linking the other CL ids on the page (never merged with the entity):

* exact entity E, other class O: ``E skos:narrower O`` when the ontology has O below E (a
  page listing a narrower class does not make a subclass claim about E: SKOS says "narrower
  concept" without OWL semantics), ``E skos:broader O`` when O is above E, else
  ``E skos:related O``;
* minted entity (no exact class) and a CL id from a taxonomy table of the page body (the
  iPSC-Derived Motor Neurons case, ``CL:0000100`` with confidence ``Medium``):
  ``kg:entity-<slug> skos:broadMatch CL:...`` with ``kgv:confidence``. broadMatch is the SKOS
  mapping property for "a broader concept in another scheme": an iPSC-derived motor neuron is
  a kind of motor neuron, but the page only maps it with a stated confidence, so neither
  ``rdfs:subClassOf`` (an OWL axiom) nor ``develops from`` (wrong relation) is claimed;
* any other CL link: ``skos:related``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass

from kg import vocab as v
from kg.extract import categories as cat
from kg.extract.context import ExtractionContext, is_minted
from kg.extract.model import Assertion, Evidence, Match, Term, Value
from kg.extract.registry import register
from kg.extract.rows import cell, cl_curies, column, is_cl_label
from kg.parse.model import Element, InfoboxRow, Link, Span
from kg.vocab import terms as p

CL_PREFIX = v.CL
NEURON = v.NEURON
_GROUNDED = frozenset({Match.ID_ON_PAGE, Match.EXACT_LABEL, Match.EXACT_SYNONYM, Match.ALIAS})


@dataclass(frozen=True, slots=True, kw_only=True)
class ClMention:
    """A CL id on the page: where, from which kind of element, the name and confidence given."""

    curie: str
    element: Element
    origin: str  # "infobox" | "table" | "link"
    label: str | None = None
    confidence: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class EntityDecision:
    entity: Term  # the page's entity (match PAGE_ENTITY)
    minted: Term  # kg:entity-<slug>
    exact: Term | None  # the ontology term the entity is, with how it was matched
    exact_from: Element | Span | None  # where the page says so
    mentions: tuple[ClMention, ...]
    title_evidence: Element | Span | None  # what types and labels the entity


def decide_entity(ctx: ExtractionContext) -> EntityDecision:
    """Decide the page's entity (see the module docstring) and set it on ``ctx``."""
    parsed = ctx.parsed
    category = cat.entity_category(parsed)
    box = parsed.infobox
    title = parsed.title or (box.title if box else None) or ctx.slug
    mentions = _cl_mentions(ctx)
    if category == cat.CELL:
        exact, exact_from = _exact_cell(ctx, title, mentions)
    else:
        exact, exact_from = _exact_other(ctx, title, category)
    if exact is not None and category == cat.NAMED_THING and exact.category:
        category = exact.category
    minted = Term(
        iri=v.entity_iri(ctx.slug), label=title, category=category, match=Match.PAGE_ENTITY
    )
    entity = dataclasses.replace(minted, iri=exact.iri) if exact else minted
    decision = EntityDecision(
        entity=entity,
        minted=minted,
        exact=exact,
        exact_from=exact_from,
        mentions=mentions,
        title_evidence=parsed.title_span or box or (parsed.metadata if parsed.metadata else None),
    )
    ctx.entity = entity
    anchor = exact or _broad_target(ctx, decision)
    ctx.entity_is_neuron = _is_neuron(ctx, anchor.iri if anchor else None, title)
    return decision


def _cl_mentions(ctx: ExtractionContext) -> tuple[ClMention, ...]:
    out: list[ClMention] = []
    for br in ctx.box_rows():
        if is_cl_label(br.row.label.text):
            out.extend(
                ClMention(curie=c, element=br.row, origin="infobox")
                for c in cl_curies(br.row.value)
            )
    for table in ctx.parsed.tables:
        id_col = column(table, "id")
        if id_col is None:
            continue
        name_col, conf_col = column(table, "name"), column(table, "confidence")
        for row in table.rows:
            id_cell, name, conf = cell(row, id_col), cell(row, name_col), cell(row, conf_col)
            for c in cl_curies(id_cell) if id_cell else ():
                out.append(
                    ClMention(
                        curie=c,
                        element=row,
                        origin="table",
                        label=name.text if name and name.text else None,
                        confidence=conf.text if conf and conf.text else None,
                    )
                )
    taken = [m.element.span for m in out]
    for link in ctx.parsed.links:
        if not (link.curie and link.curie.startswith("CL:")):
            continue
        if any(s.start <= link.span.start and link.span.end <= s.end for s in taken):
            continue
        out.append(ClMention(curie=link.curie, element=link, origin="link", label=_link_name(link)))
    return tuple(out)


def _link_name(link: Link) -> str | None:
    """The link text when it is a name (``brainstem motor neuron``), not an id or a site."""
    text = link.text.strip()
    digits = link.curie.split(":", 1)[1] if link.curie else ""
    if not text or digits in text or text.lower().startswith(("http", "cell ontology", "obo")):
        return None
    return text


def _grounded(term: Term | None) -> bool:
    return term is not None and term.match in _GROUNDED


def _exact_cell(
    ctx: ExtractionContext, title: str, mentions: tuple[ClMention, ...]
) -> tuple[Term | None, Element | Span | None]:
    by_title = ctx.ground(title, cat.CELL) if title else None
    if not (_grounded(by_title) and by_title and by_title.iri.startswith(CL_PREFIX)):
        by_title = None
    boxed = [m for m in mentions if m.origin == "infobox"]
    if boxed:
        first = boxed[0]
        term = ctx.grounder.ground_curie(first.curie, category=cat.CELL)
        if by_title is not None and by_title.iri != term.iri:
            ctx.report(
                first.element.span.first_line,
                f"the title {title!r} is the CL label of {v.compress_or_iri(by_title.iri)}, "
                f"but the infobox gives {first.curie}; the infobox id is used",
            )
        return term, first.element
    if by_title is not None:
        return by_title, ctx.parsed.title_span
    return None, None


def _exact_other(
    ctx: ExtractionContext, title: str, category: str
) -> tuple[Term | None, Element | Span | None]:
    rows = ctx.box_rows()
    if category == cat.PROTEIN:
        for br in rows:
            if br.row.label.text.lower().startswith("uniprot") and br.row.value.text:
                acc = br.row.value.text.split()[0]
                return ctx.grounder.ground_curie(f"UniProtKB:{acc}", category=cat.PROTEIN), br.row
    if category == cat.GENE:
        for br in rows:
            if br.row.label.text.lower() in ("symbol", "gene symbol") and br.row.value.text:
                symbol = ctx.ground(br.row.value.text, cat.GENE)
                if _grounded(symbol):
                    return symbol, br.row
    name = title.split(" — ")[0].strip()
    for suffix in (" Gene", " Protein"):
        name = name.removesuffix(suffix)
    by_title = ctx.ground(name, category) if name else None
    if by_title is not None and _grounded(by_title):
        return by_title, ctx.parsed.title_span
    return None, None


def _broad_target(ctx: ExtractionContext, d: EntityDecision) -> Term | None:
    for m in d.mentions:
        if m.origin == "table":
            return ctx.grounder.ground_curie(m.curie, category=cat.CELL)
    return None


def _is_neuron(ctx: ExtractionContext, iri: str | None, title: str) -> bool:
    if iri and iri.startswith(CL_PREFIX):
        if iri == NEURON:
            return True
        ancestors = ctx.ancestors(iri)
        if ancestors:
            return NEURON in ancestors
    return "neuron" in title.lower()


# -- extractors ----------------------------------------------------------------------------------


@register("page.entity")
def entity_facts(ctx: ExtractionContext) -> Iterable[Assertion]:
    """The entity's Biolink category and its name as the page titles it."""
    d = _decision(ctx)
    if d.title_evidence is None:
        ctx.report(None, "the page has no title or infobox to type and label its entity with")
        return
    ev = ctx.evidence(d.title_evidence)
    if d.entity.category:
        yield ctx.fact(d.entity, p.RDF_TYPE, Term(iri=d.entity.category), ev)
    if d.entity.label and is_minted(d.entity):  # never rename an ontology class
        yield ctx.literal(d.entity, p.RDFS_LABEL, d.entity.label, ev)
    if d.exact is not None and d.exact_from is not None and not _is_cl_row(d):
        yield _same_as(ctx, d, d.exact, ctx.evidence(id_cell(d.exact_from)))


@register("infobox.cell-ontology")
def infobox_cell_ontology(ctx: ExtractionContext) -> Iterable[Assertion]:
    """CL ids in infobox rows: the entity itself (owl:sameAs), or a related class."""
    yield from _mention_facts(ctx, "infobox")


@register("table.cell-ontology")
def table_cell_ontology(ctx: ExtractionContext) -> Iterable[Assertion]:
    """CL ids in taxonomy tables of the page body (broadMatch for a minted entity)."""
    yield from _mention_facts(ctx, "table")


@register("link.cell-ontology")
def link_cell_ontology(ctx: ExtractionContext) -> Iterable[Assertion]:
    """Other CL links on the page: narrower / broader / related classes."""
    yield from _mention_facts(ctx, "link")


def _decision(ctx: ExtractionContext) -> EntityDecision:
    if not isinstance(ctx.decision, EntityDecision):
        ctx.decision = decide_entity(ctx)
    return ctx.decision


def id_cell(source: Element | Span) -> Element | Span:
    """The smallest element holding an id: an infobox row's value cell, not the whole row."""
    return source.value.span if isinstance(source, InfoboxRow) else source


def _is_cl_row(d: EntityDecision) -> bool:
    return any(m.origin == "infobox" and m.element is d.exact_from for m in d.mentions)


def _same_as(ctx: ExtractionContext, d: EntityDecision, exact: Term, ev: Evidence) -> Assertion:
    """``kg:entity-<slug> owl:sameAs <exact>``: links to the page's path meet the class."""
    return ctx.fact(d.minted, p.SAME_AS, exact, ev, biolink=p.BL_SAME_AS)


def _mention_facts(ctx: ExtractionContext, origin: str) -> Iterable[Assertion]:
    d = _decision(ctx)
    broad = _broad_target(ctx, d) if d.exact is None else None
    for m in d.mentions:
        if m.origin != origin:
            continue
        term = ctx.grounder.ground_curie(m.curie, category=cat.CELL)
        term = dataclasses.replace(term, label=m.label)
        ev = ctx.evidence(id_cell(m.element))
        if d.exact is not None and term.iri == d.exact.iri:
            if origin != "link":
                yield _same_as(ctx, d, d.exact, ev)
            continue
        if broad is not None and term.iri == broad.iri and origin == "link":
            continue  # the broadMatch target, already linked from its table
        yield from ctx.describe(term, ev)
        yield _link(ctx, d, term, m, ev)


def _link(
    ctx: ExtractionContext, d: EntityDecision, term: Term, m: ClMention, ev: Evidence
) -> Assertion:
    entity = d.entity
    if d.exact is None:
        if m.origin == "table" and ctx.entity_is_cell:
            qual = [(p.CONFIDENCE, Value(value=m.confidence))] if m.confidence else []
            return ctx.fact(
                entity, p.SKOS_BROAD_MATCH, term, ev, biolink=p.BL_BROAD_MATCH, qualifiers=qual
            )
        return ctx.fact(entity, p.SKOS_RELATED, term, ev, biolink=p.BL_RELATED_TO)
    if entity.iri in ctx.ancestors(term.iri):
        return ctx.fact(entity, p.SKOS_NARROWER, term, ev, biolink=p.BL_SUPERCLASS_OF)
    if term.iri in ctx.ancestors(entity.iri):
        return ctx.fact(entity, p.SKOS_BROADER, term, ev, biolink=p.BL_SUBCLASS_OF)
    return ctx.fact(entity, p.SKOS_RELATED, term, ev, biolink=p.BL_RELATED_TO)
