"""Mermaid pathway diagrams: each labelled edge is one triple.

``A["Label A"] -->|"relation"| B["Label B"]`` gives ``A <predicate> B`` with the predicate of
kg.extract.relations (the original label kept as ``kgv:relationLabel``); the evidence is the
edge. Node labels are grounded by name (``Dam`` and ``DAM`` are one node: the grounder's
mention IRIs ignore case and punctuation); a node whose label is the page's own title is the
page's entity, so the entity may be source or target. Unlabelled edges and self-loops are not
facts (the reader reports them; so does this extractor when the reader did not).
"""

from __future__ import annotations

from collections.abc import Iterable

from kg.extract.context import ExtractionContext
from kg.extract.model import Assertion, Term
from kg.extract.registry import register
from kg.extract.relations import relation_for
from kg.parse.model import MermaidDiagram


@register("mermaid.edge")
def mermaid_edges(ctx: ExtractionContext) -> Iterable[Assertion]:
    reported = {p.line for p in ctx.parsed.problems if p.code.startswith("mermaid-")}
    for diagram in ctx.parsed.diagrams:
        terms: dict[str, Term] = {}
        for edge in diagram.edges:
            line = edge.span.first_line
            if not (edge.label and edge.label.strip()):
                if line not in reported:
                    ctx.report(
                        line,
                        f"unlabelled Mermaid edge {edge.source_id} --> {edge.target_id} "
                        "is not a fact (no relation given)",
                    )
                continue
            if edge.source_id == edge.target_id:
                if line not in reported:
                    ctx.report(line, f"Mermaid self-loop {edge.source_id} ({edge.label}) skipped")
                continue
            ev = ctx.evidence(edge)
            subject = _node(ctx, diagram, edge.source_id, terms)
            obj = _node(ctx, diagram, edge.target_id, terms)
            rel = relation_for(edge.label)
            for term in (subject, obj):
                if term.iri != ctx.entity_term().iri:
                    yield from ctx.describe(term, ev)
            yield ctx.fact(
                subject,
                rel.predicate,
                obj,
                ev,
                biolink=rel.biolink,
                label=edge.label.strip().strip('"'),
            )


def _node(
    ctx: ExtractionContext,
    diagram: MermaidDiagram,
    node_id: str,
    cache: dict[str, Term],
) -> Term:
    if node_id in cache:
        return cache[node_id]
    label = next((n.label for n in diagram.nodes if n.node_id == node_id), node_id)
    label = label.strip() or node_id
    term = ctx.entity_term() if ctx.names_entity(label) else ctx.ground(label)
    cache[node_id] = term
    return term
