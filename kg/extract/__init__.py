"""Stage 3: a parsed page becomes assertions, each with the evidence it was read from.

:func:`extract_page` decides the page's entity (kg.extract.page_entity), runs every
registered extractor (:data:`EXTRACTORS`, in registration order: page entity and Cell
Ontology links, infobox rows, sub-tables, bullets, tables, Mermaid edges, links, citations,
metadata), merges assertions of the same triple (kg.extract.merge), and returns a
:class:`PageExtraction` with the warnings (``FILE:LINE: message``) and the labels of the
mentions that could not be grounded.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import KgError
from kg.parse.limits import MAX_PAGE_FACTS

# Registration order is run order: the extractor modules are imported in this order.
# isort: off
from kg.extract import page_entity, infobox, subtables, bullets, tables, prose, mermaid
from kg.extract import links, citations, metadata

# isort: on
from kg import vocab as v
from kg.extract.context import ExtractionContext
from kg.extract.dbids import id_conflicts
from kg.extract.merge import merge_assertions
from kg.extract.model import Assertion, PageExtraction
from kg.extract.registry import EXTRACTORS, Extractor, register
from kg.pages import Page
from kg.parse.model import ParsedPage

if TYPE_CHECKING:
    from kg.ground import Grounder

_MODULES = (
    page_entity,
    infobox,
    subtables,
    bullets,
    tables,
    prose,
    mermaid,
    links,
    citations,
    metadata,
)


def page_slug(page: Page, parsed: ParsedPage) -> str:
    """The page's slug (made safe for IRIs), or one made from its file name when it gives none."""
    return v.safe_slug(parsed.slug) if parsed.slug else v.slugify(Path(page.path).stem)


def _bounded(ctx: ExtractionContext, assertions: tuple[Assertion, ...]) -> tuple[Assertion, ...]:
    """At most ``MAX_PAGE_FACTS`` facts, the first by line; the cut is reported where it falls."""
    if len(assertions) <= MAX_PAGE_FACTS:
        return assertions
    by_line = sorted(assertions, key=lambda a: min(e.span.start for e in a.evidence))
    cut = min(e.span.first_line for e in by_line[MAX_PAGE_FACTS].evidence)
    ctx.report(
        cut,
        f"page states {len(assertions):,} facts; only the first {MAX_PAGE_FACTS:,} are kept, "
        "those from here on are dropped (limit of kg.parse.limits.MAX_PAGE_FACTS)",
    )
    kept = set(map(id, by_line[:MAX_PAGE_FACTS]))
    return tuple(a for a in assertions if id(a) in kept)


def extract_page(page: Page, parsed: ParsedPage, grounder: Grounder) -> PageExtraction:
    """Everything the registered extractors find on one page (see the module docstring)."""
    slug = page_slug(page, parsed)
    ctx = ExtractionContext(page, parsed, grounder, slug)
    ctx.decision = page_entity.decide_entity(ctx)
    found: list[Assertion] = []
    for name, extractor in EXTRACTORS.items():
        ctx.extractor = name
        try:
            found.extend(extractor(ctx))
        except KgError as exc:
            ctx.report(exc.line, f"{name}: {exc.message}")
    assertions = _bounded(ctx, merge_assertions(found))
    entity = ctx.entity_term()
    for line, message in id_conflicts(entity, assertions):
        ctx.report(line, message)
    return PageExtraction(
        path=page.path,
        sha256=page.sha256,
        page_iri=v.page_iri(slug),
        graph_iri=v.graph_iri(slug),
        slug=slug,
        title=parsed.title,
        url=parsed.url,
        entity=entity,
        assertions=assertions,
        problems=tuple(dict.fromkeys(ctx.problems)),
        ungrounded=tuple(sorted(set(ctx.ungrounded.values()))),
    )


__all__ = ["EXTRACTORS", "ExtractionContext", "Extractor", "extract_page", "page_slug", "register"]
