"""Mermaid ``flowchart TD`` text for a diagram, as SciDEX pages embed it.

Every node is declared once, ``ID["label"]``, before the edges; every edge is
``ID -->|"label"| ID``. Ids are sanitised (ASCII letters, digits, ``_``; never a Mermaid
keyword; unique), labels are quoted with ``"`` written as ``#quot;`` (Mermaid's entity
form). The centre is styled like SciDEX's (``style ID fill:#4fc3f7,...``). Output is
deterministic: nodes in the diagram's order, ids from CURIEs and labels.
"""

from __future__ import annotations

import re

from kg.network.diagram import Diagram

CENTRE_STYLE = "fill:#4fc3f7,stroke:#01579b,stroke-width:3px,color:#000"
HUB_STYLE = "stroke-dasharray:4 2"
INDENT = "    "

_UNSAFE = re.compile(r"[^A-Za-z0-9_]+")
#: Words Mermaid's flowchart grammar reads as keywords when used as a node id.
_KEYWORDS = frozenset(
    {
        "end",
        "graph",
        "flowchart",
        "subgraph",
        "style",
        "class",
        "classdef",
        "click",
        "linkstyle",
        "direction",
        "call",
        "href",
        "default",
        "interpolate",
        "td",
        "tb",
        "bt",
        "rl",
        "lr",
        "o",
        "x",
    }
)


def render_mermaid(diagram: Diagram) -> str:
    """The diagram as Mermaid flowchart text (ends with a newline)."""
    ids = node_ids([(n.iri, id_name(n.curie, n.label)) for n in diagram.nodes])
    lines = ["flowchart TD"]
    lines += [f'{INDENT}{ids[n.iri]}["{quote(n.label)}"]' for n in diagram.nodes]
    lines += [
        f'{INDENT}{ids[e.source]} -->|"{quote(e.label)}"| {ids[e.target]}' for e in diagram.edges
    ]
    lines += [f"{INDENT}style {ids[n.iri]} {CENTRE_STYLE}" for n in diagram.nodes if n.centre]
    lines += [f"{INDENT}style {ids[n.iri]} {HUB_STYLE}" for n in diagram.nodes if n.hub]
    return "\n".join(lines) + "\n"


def id_name(curie: str, label: str) -> str:
    """Ontology nodes are named by CURIE (``CL_0000100``), kg's own nodes by label."""
    if curie.startswith(("kg:", "http:", "https:")) or ":" not in curie:
        return label
    return curie


def node_ids(keyed_names: list[tuple[str, str]]) -> dict[str, str]:
    """Unique, safe Mermaid ids for (key, preferred name) pairs, in the order given."""
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for key, name in keyed_names:
        base = sanitise_id(name)
        candidate, i = base, 2
        while candidate.casefold() in taken:
            candidate, i = f"{base}_{i}", i + 1
        taken.add(candidate.casefold())
        ids[key] = candidate
    return ids


def sanitise_id(name: str) -> str:
    """``"CL:0000100"`` -> ``CL_0000100``; ``"Alzheimer's Disease"`` -> ``Alzheimer_s_Disease``."""
    base = _UNSAFE.sub("_", name).strip("_") or "node"
    if base[0].isdigit() or base.casefold() in _KEYWORDS:
        base = f"n_{base}"
    return base


def quote(label: str) -> str:
    """Text safe inside a double-quoted Mermaid label (one line; ``# " | < >`` as entities)."""
    text = " ".join(label.split())
    text = text.replace("#", "#35;").replace('"', "#quot;").replace("|", "#124;")
    return text.replace("<", "#lt;").replace(">", "#gt;")
