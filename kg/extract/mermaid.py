"""Mermaid pathway diagrams: each labelled edge is one triple.

``A["Label A"] -->|"relation"| B["Label B"]`` gives ``A <predicate> B`` with the predicate of
kg.extract.relations (the original label kept as ``kgv:relationLabel``); the evidence is the
edge and the declarations of its two nodes (``n0["Motor Neurons"]``), so that the quotes name
both ends even where the edge line gives only ids (``n0 -->|"drives"| n6``). Node labels are
grounded by name (``Dam`` and ``DAM`` are one node: the grounder's mention IRIs ignore case and
punctuation); a node whose label is the page's own title is the page's entity, so the entity may
be source or target. Unlabelled edges and self-loops are not facts (the reader reports them; so
does this extractor when the reader did not). Node lookups go through one map per diagram, so
extraction is linear in the nodes and edges.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from kg.extract.context import ExtractionContext
from kg.extract.model import Assertion, Evidence, Term
from kg.extract.registry import register
from kg.extract.relations import relation_for
from kg.parse.model import MermaidDiagram, MermaidEdge, MermaidNode


@register("mermaid.edge")
def mermaid_edges(ctx: ExtractionContext) -> Iterable[Assertion]:
    reported = {p.line for p in ctx.parsed.problems if p.code.startswith("mermaid-")}
    for diagram in ctx.parsed.diagrams:
        terms: dict[str, Term] = {}
        nodes = _first_declarations(diagram)
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
            subject = _node(ctx, nodes, edge.source_id, terms)
            obj = _node(ctx, nodes, edge.target_id, terms)
            rel = relation_for(edge.label)
            for term in (subject, obj):
                if term.iri != ctx.entity_term().iri:
                    yield from ctx.describe(term, ev)
            fact = ctx.fact(
                subject,
                rel.predicate,
                obj,
                ev,
                biolink=rel.biolink,
                label=edge.label.strip().strip('"'),
            )
            extra = _declarations(ctx, nodes, edge)
            yield dataclasses.replace(fact, evidence=(ev, *extra)) if extra else fact


def _first_declarations(diagram: MermaidDiagram) -> dict[str, MermaidNode]:
    """Node id -> its first declaration (one pass: linear in the nodes)."""
    nodes: dict[str, MermaidNode] = {}
    for n in diagram.nodes:
        nodes.setdefault(n.node_id, n)
    return nodes


def _declarations(
    ctx: ExtractionContext, nodes: dict[str, MermaidNode], edge: MermaidEdge
) -> list[Evidence]:
    """Evidence of the declarations of an edge's two nodes that lie outside the edge's span."""
    out: list[Evidence] = []
    for node_id in (edge.source_id, edge.target_id):
        node = nodes.get(node_id)
        if node is None or (edge.span.start <= node.span.start and node.span.end <= edge.span.end):
            continue
        out.append(ctx.evidence(node))
    return out


def _node(
    ctx: ExtractionContext,
    nodes: dict[str, MermaidNode],
    node_id: str,
    cache: dict[str, Term],
) -> Term:
    if node_id in cache:
        return cache[node_id]
    node = nodes.get(node_id)
    label = (node.label if node else node_id).strip() or node_id
    term = ctx.entity_term() if ctx.names_entity(label) else ctx.ground(label)
    cache[node_id] = term
    return term
