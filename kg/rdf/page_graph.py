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
    sel_iris: dict[tuple[int, int], str] = {}  # span -> selector IRI (one digest per span)
    for a in assertions:
        _statement(a, extraction, g, selectors, sel_iris, out)
    for sel_iri, ev in selectors.items():
        _selector(sel_iri, ev, page, g, out)
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
    a: Assertion,
    ex: PageExtraction,
    g: str,
    selectors: dict[str, Evidence],
    sel_iris: dict[tuple[int, int], str],
    out: set[str],
) -> None:
    # The hottest writer (a dozen lines per fact): lines are formatted in place, as
    # nquad() would, with the predicates rendered once at import (_P).
    s, p, o = iri(a.subject.iri), iri(a.predicate), node(a.object)
    end = f" {g} ."
    add = out.add
    if not a.negated and not a.conditional:  # recorded, never asserted as (always) true
        add(f"{s} {p} {o}{end}")
    st = minted(v.statement_iri(ex.graph_iri, *a.key)) + " "
    add(f"{st}{_TYPE} {_P.statement}{end}")
    add(f"{st}{_P.subject} {s}{end}")
    add(f"{st}{_P.predicate} {p}{end}")
    add(f"{st}{_P.object} {o}{end}")
    add(f"{st}{_P.subject_match} {text(str(a.subject.match))}{end}")
    if a.subject.source:
        add(f"{st}{_P.subject_source} {text(a.subject.source)}{end}")
        if a.subject.label:
            add(f"{st}{_P.subject_name} {text(a.subject.label)}{end}")
    if isinstance(a.object, Term):
        add(f"{st}{_P.object_match} {text(str(a.object.match))}{end}")
        if a.object.source:
            add(f"{st}{_P.object_source} {text(a.object.source)}{end}")
            if a.object.label:
                add(f"{st}{_P.object_name} {text(a.object.label)}{end}")
    if a.relation_label:
        add(f"{st}{_P.relation_label} {text(a.relation_label)}{end}")
    for q_pred, q_value in a.qualifiers:
        add(f"{st}{iri(q_pred)} {literal(q_value)}{end}")
    for ev in a.evidence:
        where = (ev.span.start, ev.span.end)
        sel = sel_iris.get(where) or sel_iris.setdefault(where, v.selector_iri(ex.page_iri, *where))
        selectors.setdefault(sel, ev)
        add(f"{st}{_P.derived_from} {minted(sel)}{end}")
        add(f"{st}{_P.extractor} {text(ev.extractor)}{end}")
        for key in ev.references:
            add(f"{st}{_P.primary_source} {iri(v.reference_iri(key))}{end}")


class _P:
    """The statement predicates (and the rdf:Statement class), rendered once."""

    statement = iri(v.RDF_STATEMENT)
    subject = iri(v.RDF_SUBJECT)
    predicate = iri(v.RDF_PREDICATE)
    object = iri(v.RDF_OBJECT)
    subject_match = iri(v.SUBJECT_MATCH)
    subject_source = iri(v.SUBJECT_SOURCE)
    subject_name = iri(v.SUBJECT_NAME)
    object_match = iri(v.OBJECT_MATCH)
    object_source = iri(v.OBJECT_SOURCE)
    object_name = iri(v.OBJECT_NAME)
    relation_label = iri(v.RELATION_LABEL)
    derived_from = iri(v.PROV_WAS_DERIVED_FROM)
    extractor = iri(v.EXTRACTOR)
    primary_source = iri(v.PROV_HAD_PRIMARY_SOURCE)


def _selector(sel_iri: str, ev: Evidence, page: str, g: str, out: set[str]) -> None:
    sel = minted(sel_iri) + " "
    pos, quote = (minted(part) for part in v.selector_parts(sel_iri))
    span, end, add = ev.span, f" {g} .", out.add
    add(f"{sel}{_TYPE} {_S.specific_resource}{end}")
    add(f"{sel}{_S.has_source} {page}{end}")
    add(f"{sel}{_S.has_selector} {pos}{end}")
    add(f"{sel}{_S.has_selector} {quote}{end}")
    add(f"{sel}{_S.line_start} {integer(span.first_line)}{end}")
    add(f"{sel}{_S.line_end} {integer(span.last_line)}{end}")
    add(f"{pos} {_TYPE} {_S.position_selector}{end}")
    add(f"{pos} {_S.start} {integer(span.start)}{end}")
    add(f"{pos} {_S.end} {integer(span.end)}{end}")
    add(f"{quote} {_TYPE} {_S.quote_selector}{end}")
    add(f"{quote} {_S.exact} {text(ev.quote)}{end}")


class _S:
    """The selector predicates and classes, rendered once."""

    specific_resource = iri(v.OA_SPECIFIC_RESOURCE)
    has_source = iri(v.OA_HAS_SOURCE)
    has_selector = iri(v.OA_HAS_SELECTOR)
    line_start = iri(v.LINE_START)
    line_end = iri(v.LINE_END)
    position_selector = iri(v.OA_TEXT_POSITION_SELECTOR)
    start = iri(v.OA_START)
    end = iri(v.OA_END)
    quote_selector = iri(v.OA_TEXT_QUOTE_SELECTOR)
    exact = iri(v.OA_EXACT)


def activity_link(page_iri: str, graph_iri: str, activity: str) -> str:
    """The one line that ties a (cached) page graph to this build's activity."""
    return nquad(iri(page_iri), iri(v.PROV_WAS_GENERATED_BY), iri(activity), iri(graph_iri))


__all__ = ["PageGraph", "activity_link", "boolean", "page_graph"]
