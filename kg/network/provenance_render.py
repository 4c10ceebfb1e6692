"""Provenance as text, JSON, or a Mermaid drawing of one fact's chain.

The Mermaid chain draws the provenance edges themselves: the fact (subject -> object), its
statement node(s) (``rdf:subject`` / ``rdf:object``), each text span
(``prov:wasDerivedFrom``) and its page (``oa:hasSource``), each reference
(``prov:hadPrimarySource``); the extractor is named on the statement.
"""

from __future__ import annotations

import json
from typing import Any

from kg.errors import InputError
from kg.network.mermaid import CENTRE_STYLE, INDENT, node_ids, quote
from kg.network.provenance import Fact, Provenance, Source
from kg.vocab import compress_or_iri

QUOTE_CHARS = 80  # quotes are cut to this length in the Mermaid drawing


def render_text(prov: Provenance) -> str:
    lines = [
        f"Provenance of {prov.label} ({compress_or_iri(prov.entity)}): {len(prov.facts)} fact(s)"
    ]
    for fact in prov.facts:
        lines.append("")
        lines.append(fact.text)
        lines.append(
            f"  {compress_or_iri(fact.predicate)} · {len(fact.statements)} statement(s) · "
            f"pages: {', '.join(fact.pages) or '-'}"
        )
        for st in fact.statements:
            lines.append(f"  statement {compress_or_iri(st.iri)} ({compress_or_iri(st.graph)})")
            lines.append(f"    extractor: {', '.join(st.extractors) or '-'}")
            if st.subject_match or st.object_match:
                lines.append(
                    f"    grounded: subject {st.subject_match or '-'}, object {st.object_match or '-'}"
                )
            if st.relation_label:
                lines.append(f"    page's label: {st.relation_label}")
            lines += [f"    {k}: {v}" for k, v in st.qualifiers]
            for src in st.sources:
                lines.append(f"    source: {src.location}")
                if src.quote is not None:
                    lines += [f"      | {q}" for q in src.quote.splitlines() or [""]]
            if st.references:
                lines.append(f"    references: {', '.join(r.name for r in st.references)}")
    return "\n".join(lines) + "\n"


def render_json(prov: Provenance) -> str:
    return json.dumps(_jsonable(prov), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _jsonable(prov: Provenance) -> dict[str, Any]:
    return {
        "entity": prov.entity,
        "label": prov.label,
        "facts": [
            {
                "subject": f.subject,
                "predicate": f.predicate,
                "object": f.object,
                "literal": f.literal,
                "subject_label": f.subject_label,
                "predicate_label": f.predicate_label,
                "object_label": f.object_label,
                "pages": list(f.pages),
                "statements": [
                    {
                        "iri": st.iri,
                        "graph": st.graph,
                        "extractors": list(st.extractors),
                        "relation_label": st.relation_label,
                        "subject_match": st.subject_match,
                        "object_match": st.object_match,
                        "biolink_predicate": st.biolink_predicate,
                        "qualifiers": {k: v for k, v in st.qualifiers},
                        "sources": [_source(s) for s in st.sources],
                        "references": [
                            {"iri": r.iri, "key": r.key, "identifier": r.identifier}
                            for r in st.references
                        ],
                    }
                    for st in f.statements
                ],
            }
            for f in prov.facts
        ],
    }


def _source(s: Source) -> dict[str, Any]:
    return {
        "selector": s.selector,
        "page": s.page,
        "slug": s.slug,
        "file": s.file,
        "location": s.location,
        "line_start": s.line_start,
        "line_end": s.line_end,
        "start": s.start,
        "end": s.end,
        "quote": s.quote,
    }


def render_mermaid_chain(prov: Provenance) -> str:
    """One fact's provenance chain as Mermaid (the filters must leave exactly one fact)."""
    if len(prov.facts) != 1:
        listed = "; ".join(f.text for f in prov.facts[:10])
        raise InputError(
            f"--format mermaid draws one fact's chain, and {len(prov.facts)} facts match: "
            f"narrow with --relation and --object ({listed})"
        )
    return fact_chain(prov.facts[0])


def fact_chain(fact: Fact) -> str:
    nodes: list[tuple[str, str]] = [("s", fact.subject_label), ("o", fact.object_label)]
    edges: list[tuple[str, str, str]] = [("s", "o", fact.predicate_label)]
    for i, st in enumerate(fact.statements):
        sid = f"st{i}"
        nodes.append((sid, f"statement {compress_or_iri(st.iri)} · {', '.join(st.extractors)}"))
        edges += [(sid, "s", "rdf:subject"), (sid, "o", "rdf:object")]
        for j, src in enumerate(st.sources):
            qid, pid = f"q{i}_{j}", f"page:{src.page}"
            text = (src.quote or "").strip()
            text = text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1] + "…"
            nodes.append((qid, f"{src.location}: {text}"))
            if pid not in dict(nodes):
                nodes.append((pid, f"page {src.slug}"))
            edges += [(sid, qid, "prov:wasDerivedFrom"), (qid, pid, "oa:hasSource")]
        for r in st.references:
            rid = f"ref:{r.iri}"
            if rid not in dict(nodes):
                nodes.append((rid, r.name))
            edges.append((sid, rid, "prov:hadPrimarySource"))
    ids = node_ids([(key, _chain_id(key)) for key, _ in nodes])
    lines = ["flowchart TD"]
    lines += [f'{INDENT}{ids[k]}["{quote(label)}"]' for k, label in nodes]
    lines += [f'{INDENT}{ids[a]} -->|"{quote(label)}"| {ids[b]}' for a, b, label in edges]
    lines.append(f"{INDENT}style {ids['s']} {CENTRE_STYLE}")
    return "\n".join(lines) + "\n"


def _chain_id(key: str) -> str:
    if key.startswith("page:"):
        return "page_" + key.rsplit("wiki-", 1)[-1]
    if key.startswith("ref:"):
        return "ref_" + key.rsplit("ref-", 1)[-1]
    return {"s": "subject", "o": "object"}.get(key, key)


RENDERERS = {"text": render_text, "json": render_json, "mermaid": render_mermaid_chain}
