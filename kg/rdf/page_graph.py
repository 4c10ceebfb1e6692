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
_P = {
    name: iri(value)
    for name, value in {
        "statement": v.RDF_STATEMENT,
        "subject": v.RDF_SUBJECT,
        "predicate": v.RDF_PREDICATE,
        "object": v.RDF_OBJECT,
        "value": v.RDF_VALUE,
        "derived": v.PROV_WAS_DERIVED_FROM,
        "primary": v.PROV_HAD_PRIMARY_SOURCE,
        "specific": v.OA_SPECIFIC_RESOURCE,
        "has_source": v.OA_HAS_SOURCE,
        "has_selector": v.OA_HAS_SELECTOR,
        "pos": v.OA_TEXT_POSITION_SELECTOR,
        "quote": v.OA_TEXT_QUOTE_SELECTOR,
        "frag": v.OA_FRAGMENT_SELECTOR,
        "start": v.OA_START,
        "end": v.OA_END,
        "exact": v.OA_EXACT,
        "conforms": v.DCTERMS_CONFORMS_TO,
        "identifier": v.DCTERMS_IDENTIFIER,
        "title": v.DCTERMS_TITLE,
        "topic": v.FOAF_PRIMARY_TOPIC,
        "wikipage": v.WIKI_PAGE,
        "url": v.URL,
        "slug": v.SLUG,
        "source_file": v.SOURCE_FILE,
        "shell": v.SHELL,
        "extractor": v.EXTRACTOR,
        "subject_match": v.SUBJECT_MATCH,
        "object_match": v.OBJECT_MATCH,
        "biolink_predicate": v.BIOLINK_PREDICATE,
        "relation_label": v.RELATION_LABEL,
        "line_start": v.LINE_START,
        "line_end": v.LINE_END,
        "rfc5147": v.RFC5147,
        "used": v.PROV_WAS_GENERATED_BY,
    }.items()
}


@dataclass(frozen=True, slots=True, kw_only=True)
class PageGraph:
    """A page graph ready to assemble: its lines and the terms it uses (for the terms graph)."""

    graph: str
    page_iri: str
    lines: tuple[str, ...]
    terms: tuple[tuple[str, str, str], ...]  # (iri, label or "", category IRI or "")
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
    return PageGraph(
        graph=extraction.graph_iri,
        page_iri=extraction.page_iri,
        lines=tuple(sorted(out)),
        terms=tuple(terms),
        facts=len({a.key for a in assertions}),
    )


def _page_node(
    ex: PageExtraction, page: str, g: str, *, source_file: str, shell: str
) -> Iterable[str]:
    yield nquad(page, _TYPE, _P["wikipage"], g)
    yield nquad(page, _P["identifier"], text(f"sha256:{ex.sha256}"), g)
    yield nquad(page, _P["slug"], text(ex.slug), g)
    yield nquad(page, _P["source_file"], text(source_file), g)
    yield nquad(page, _P["shell"], text(shell), g)
    if ex.title:
        yield nquad(page, _P["title"], text(ex.title), g)
    if ex.url:
        yield nquad(page, _P["url"], text(ex.url), g)
    if ex.entity is not None:
        yield nquad(page, _P["topic"], iri(ex.entity.iri), g)


def _statement(
    a: Assertion, ex: PageExtraction, g: str, selectors: dict[str, Evidence]
) -> Iterable[str]:
    s, p, o = iri(a.subject.iri), iri(a.predicate), node(a.object)
    yield nquad(s, p, o, g)
    st = minted(v.statement_iri(ex.graph_iri, *a.key))
    yield nquad(st, _TYPE, _P["statement"], g)
    yield nquad(st, _P["subject"], s, g)
    yield nquad(st, _P["predicate"], p, g)
    yield nquad(st, _P["object"], o, g)
    yield nquad(st, _P["subject_match"], text(str(a.subject.match)), g)
    if isinstance(a.object, Term):
        yield nquad(st, _P["object_match"], text(str(a.object.match)), g)
    if a.biolink_predicate:
        yield nquad(st, _P["biolink_predicate"], iri(a.biolink_predicate), g)
    if a.relation_label:
        yield nquad(st, _P["relation_label"], text(a.relation_label), g)
    for q_pred, q_value in a.qualifiers:
        yield nquad(st, iri(q_pred), literal(q_value), g)
    for ev in a.evidence:
        sel = v.selector_iri(ex.page_iri, ev.span.start, ev.span.end)
        selectors.setdefault(sel, ev)
        yield nquad(st, _P["derived"], minted(sel), g)
        yield nquad(st, _P["extractor"], text(ev.extractor), g)
        for key in ev.references:
            yield nquad(st, _P["primary"], iri(v.reference_iri(key)), g)


def _selector(sel_iri: str, ev: Evidence, page: str, g: str) -> Iterable[str]:
    sel = minted(sel_iri)
    pos, quote = minted(sel_iri + "-pos"), minted(sel_iri + "-quote")
    lines = minted(sel_iri + "-lines")
    span = ev.span
    yield nquad(sel, _TYPE, _P["specific"], g)
    yield nquad(sel, _P["has_source"], page, g)
    for part in (pos, quote, lines):
        yield nquad(sel, _P["has_selector"], part, g)
    yield nquad(sel, _P["line_start"], integer(span.first_line), g)
    yield nquad(sel, _P["line_end"], integer(span.last_line), g)
    yield nquad(pos, _TYPE, _P["pos"], g)
    yield nquad(pos, _P["start"], integer(span.start), g)
    yield nquad(pos, _P["end"], integer(span.end), g)
    yield nquad(quote, _TYPE, _P["quote"], g)
    yield nquad(quote, _P["exact"], text(ev.quote), g)
    yield nquad(lines, _TYPE, _P["frag"], g)
    yield nquad(lines, _P["conforms"], _P["rfc5147"], g)
    yield nquad(lines, _P["value"], text(span.rfc5147), g)


def activity_link(page_iri: str, graph_iri: str, activity: str) -> str:
    """The one line that ties a (cached) page graph to this build's activity."""
    return nquad(iri(page_iri), _P["used"], iri(activity), iri(graph_iri))


__all__ = ["PageGraph", "activity_link", "boolean", "page_graph"]
