"""A structural check of Mermaid flowchart text, as kg writes it (used by several tests)."""

from __future__ import annotations

import re
from dataclasses import dataclass

ID = r"[A-Za-z_][A-Za-z0-9_]*"
NODE_RE = re.compile(rf'^\s+({ID})\["([^"\n]*)"\]$')
EDGE_RE = re.compile(rf'^\s+({ID}) -->\|"([^"\n]*)"\| ({ID})$')
STYLE_RE = re.compile(rf"^\s+style ({ID}) \S+$")


@dataclass(frozen=True)
class Flowchart:
    nodes: dict[str, str]  # id -> label
    edges: list[tuple[str, str, str]]  # (source id, label, target id)
    styled: list[str]

    def label_edges(self) -> set[tuple[str, str, str]]:
        """Edges as (source label, relation label, target label)."""
        return {(self.nodes[a], rel, self.nodes[b]) for a, rel, b in self.edges}


def parse_flowchart(text: str) -> Flowchart:
    """Parse kg's Mermaid; AssertionError on anything that breaks the structure."""
    lines = text.splitlines()
    assert lines, "empty diagram"
    assert lines[0] == "flowchart TD", lines[0]
    assert sum(1 for line in lines if "flowchart" in line.split()[:1]) == 1
    nodes: dict[str, str] = {}
    edges: list[tuple[str, str, str]] = []
    styled: list[str] = []
    for line in lines[1:]:
        if m := NODE_RE.match(line):
            assert m.group(1) not in nodes, f"id declared twice: {m.group(1)}"
            nodes[m.group(1)] = m.group(2)
        elif m := EDGE_RE.match(line):
            edges.append((m.group(1), m.group(2), m.group(3)))
        elif m := STYLE_RE.match(line):
            styled.append(m.group(1))
        else:
            raise AssertionError(f"not a node, edge or style line: {line!r}")
    used = {a for a, _, _ in edges} | {b for _, _, b in edges} | set(styled)
    assert used <= set(nodes), f"ids used but not declared: {sorted(used - set(nodes))}"
    return Flowchart(nodes=nodes, edges=edges, styled=styled)
