"""One page's named graph as N-Quads lines: page node, facts, statement and selector nodes.

The layout is docs/rdf-layout.md. The result is a sorted tuple of unique lines, so that the
same extraction always gives the same bytes, and a page graph can be cached and reassembled
without re-parsing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kg import vocab as v
from kg.extract.model import Assertion, Evidence, PageExtraction, Term
from kg.rdf.terms import boolean, integer, iri, literal, minted, node, nquad, text

_TYPE = iri(v.RDF_TYPE)


@dataclass(frozen=True, slots=True, kw_only=True)
class PageGraph:
    """A page graph ready to assemble: its lines and the terms it uses (for the terms graph)."""

    graph: str
    page_iri: str
    lines: tuple[str, ...]
    terms: tuple[tuple[str, str, str], ...]  # (iri, label or "", category IRI or "")
    slots: tuple[tuple[str, str], ...]  # (predicate IRI, its Biolink slot): for the terms graph
    facts: int  # distinct fact triples (one statement node each)


def page_graph(extraction: PageExtraction, *, source_file: str, shell: str) -> PageGraph:
    """Write one page's graph (see docs/rdf-layout.md)."""
    g = iri(extraction.graph_iri)
    page = iri(extraction.page_iri)
    out: set[str] = set()
    out.update(_page_node(extraction, page, g, source_file=source_file, shell=shell))
    # Assertions of one triple share a statement IRI and the lines form a set, so repeats
    # (extract_page already merges them: kg.extract.merge) cannot duplicate anything here.
    assertions = extraction.assertions
    selectors: dict[str, Evidence] = {}
    for a in assertions:
        out.update(_statement(a, extraction, g, selectors))
    for sel_iri, ev in selectors.items():
        out.update(_selector(sel_iri, ev, page, g))
    terms = sorted(
        {
            (t.iri, t.label or "", t.category or "")
            for a in assertions
            for t in (a.subject, a.object)
            if isinstance(t, Term)
        }
    )
    # The Biolink slot is the same for every statement of a predicate: stated once, on the
    # predicate, in the terms graph (docs/rdf-layout.md), not on each statement.
    slots = sorted({(a.predicate, a.biolink_predicate) for a in assertions if a.biolink_predicate})
    return PageGraph(
        graph=extraction.graph_iri,
        page_iri=extraction.page_iri,
        lines=tuple(sorted(out)),
        terms=tuple(terms),
        slots=tuple(slots),
        facts=len({a.key for a in assertions}),
    )


def _page_node(
    ex: PageExtraction, page: str, g: str, *, source_file: str, shell: str
) -> Iterable[str]:
    yield nquad(page, _TYPE, iri(v.WIKI_PAGE), g)
    yield nquad(page, iri(v.DCTERMS_IDENTIFIER), text(f"sha256:{ex.sha256}"), g)
    yield nquad(page, iri(v.SLUG), text(ex.slug), g)
    yield nquad(page, iri(v.SOURCE_FILE), text(source_file), g)
    yield nquad(page, iri(v.SHELL), text(shell), g)
    if ex.title:
        yield nquad(page, iri(v.DCTERMS_TITLE), text(ex.title), g)
    if ex.url:
        yield nquad(page, iri(v.URL), text(ex.url), g)
    if ex.entity is not None:
        yield nquad(page, iri(v.FOAF_PRIMARY_TOPIC), iri(ex.entity.iri), g)


def _statement(
    a: Assertion, ex: PageExtraction, g: str, selectors: dict[str, Evidence]
) -> Iterable[str]:
    s, p, o = iri(a.subject.iri), iri(a.predicate), node(a.object)
    if not a.negated and not a.conditional:  # recorded, never asserted as (always) true
        yield nquad(s, p, o, g)
    st = minted(v.statement_iri(ex.graph_iri, *a.key))
    yield nquad(st, _TYPE, iri(v.RDF_STATEMENT), g)
    yield nquad(st, iri(v.RDF_SUBJECT), s, g)
    yield nquad(st, iri(v.RDF_PREDICATE), p, g)
    yield nquad(st, iri(v.RDF_OBJECT), o, g)
    yield nquad(st, iri(v.SUBJECT_MATCH), text(str(a.subject.match)), g)
    if a.subject.source:
        yield nquad(st, iri(v.SUBJECT_SOURCE), text(a.subject.source), g)
        if a.subject.label:
            yield nquad(st, iri(v.SUBJECT_NAME), text(a.subject.label), g)
    if isinstance(a.object, Term):
        yield nquad(st, iri(v.OBJECT_MATCH), text(str(a.object.match)), g)
        if a.object.source:
            yield nquad(st, iri(v.OBJECT_SOURCE), text(a.object.source), g)
            if a.object.label:
                yield nquad(st, iri(v.OBJECT_NAME), text(a.object.label), g)
    if a.relation_label:
        yield nquad(st, iri(v.RELATION_LABEL), text(a.relation_label), g)
    for q_pred, q_value in a.qualifiers:
        yield nquad(st, iri(q_pred), literal(q_value), g)
    for ev in a.evidence:
        sel = v.selector_iri(ex.page_iri, ev.span.start, ev.span.end)
        selectors.setdefault(sel, ev)
        yield nquad(st, iri(v.PROV_WAS_DERIVED_FROM), minted(sel), g)
        yield nquad(st, iri(v.EXTRACTOR), text(ev.extractor), g)
        for key in ev.references:
            yield nquad(st, iri(v.PROV_HAD_PRIMARY_SOURCE), iri(v.reference_iri(key)), g)


def _selector(sel_iri: str, ev: Evidence, page: str, g: str) -> Iterable[str]:
    sel = minted(sel_iri)
    pos, quote = (minted(part) for part in v.selector_parts(sel_iri))
    span = ev.span
    yield nquad(sel, _TYPE, iri(v.OA_SPECIFIC_RESOURCE), g)
    yield nquad(sel, iri(v.OA_HAS_SOURCE), page, g)
    for part in (pos, quote):
        yield nquad(sel, iri(v.OA_HAS_SELECTOR), part, g)
    yield nquad(sel, iri(v.LINE_START), integer(span.first_line), g)
    yield nquad(sel, iri(v.LINE_END), integer(span.last_line), g)
    yield nquad(pos, _TYPE, iri(v.OA_TEXT_POSITION_SELECTOR), g)
    yield nquad(pos, iri(v.OA_START), integer(span.start), g)
    yield nquad(pos, iri(v.OA_END), integer(span.end), g)
    yield nquad(quote, _TYPE, iri(v.OA_TEXT_QUOTE_SELECTOR), g)
    yield nquad(quote, iri(v.OA_EXACT), text(ev.quote), g)


def activity_link(page_iri: str, graph_iri: str, activity: str) -> str:
    """The one line that ties a (cached) page graph to this build's activity."""
    return nquad(iri(page_iri), iri(v.PROV_WAS_GENERATED_BY), iri(activity), iri(graph_iri))


__all__ = ["PageGraph", "activity_link", "boolean", "page_graph"]
