"""Star layout for Graphviz: a node with many one-edge neighbours, drawn to fit a page.

Graphviz puts every neighbour of a node in one rank, and every edge label in the rank
between: top to bottom, a 30-edge star is a single row about 4,000 px wide. Here the
*leaves* of a star (neighbours whose only edge in the diagram is the one to the star's hub)
are grouped by relation and direction, each group a cluster labelled with the relation (its
edges then need no label of their own), and the diagram is drawn left to right: a group
stacks at most :data:`GROUP_ROWS` leaves before it wraps to the next rank (column), and each
group, largest first, goes to the first column where it fits under :data:`COLUMN_HEIGHT`
points, each leaf's edge getting the ``minlen`` of its column. Edges into the hub are drawn from the hub with ``dir=back``, so
the arrow still points at the hub while the leaf is ranked after it.

Heights are Graphviz's defaults (a 0.5 in node, 0.25 in between); the layout only needs them
to decide where columns wrap.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from kg.network.diagram import Diagram

#: A hub with more leaves than this is drawn as a star.
STAR_LEAVES = 8
#: Leaves stacked in one group before it wraps to the next rank.
GROUP_ROWS = 8
#: The tallest column of groups, in points (about 1,330 px at 96 dpi).
COLUMN_HEIGHT = 1000.0
NODE_HEIGHT = 36.0  # Graphviz's default node height (0.5 in)
NODE_GAP = 18.0  # Graphviz's default nodesep (0.25 in)
CLUSTER_PADDING = 40.0  # margins and the cluster's label


@dataclass(frozen=True, slots=True, kw_only=True)
class LeafGroup:
    """The leaves of one hub joined to it by one relation in one direction."""

    hub: str
    label: str
    outgoing: bool  # hub -> leaf in the diagram
    edges: tuple[int, ...]  # indices into diagram.edges
    leaves: tuple[str, ...]  # node IRIs, in the edges' order


@dataclass(frozen=True, slots=True, kw_only=True)
class StarLayout:
    groups: tuple[LeafGroup, ...]
    minlen: dict[int, int]  # edge index -> rank distance from its hub

    def group_of(self, edge: int) -> LeafGroup | None:
        for g in self.groups:
            if edge in g.edges:
                return g
        return None


def star_layout(diagram: Diagram) -> StarLayout:
    """The groups and row of every star leaf (empty when no node has over STAR_LEAVES)."""
    ends: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(diagram.edges):
        ends[e.source].append(i)
        if e.target != e.source:
            ends[e.target].append(i)
    leaf_edges: dict[str, list[int]] = defaultdict(list)  # hub -> edges to its leaves
    for node, idx in ends.items():
        if len(idx) == 1 and node != diagram.centre:
            e = diagram.edges[idx[0]]
            leaf_edges[e.target if e.source == node else e.source].append(idx[0])
    groups: list[LeafGroup] = []
    minlen: dict[int, int] = {}
    for hub, idx in sorted(leaf_edges.items()):
        if len(idx) <= STAR_LEAVES:
            continue
        hub_groups = _groups(diagram, hub, idx)
        groups += hub_groups
        minlen.update(_rows(diagram, hub_groups))
    return StarLayout(groups=tuple(groups), minlen=minlen)


def _groups(diagram: Diagram, hub: str, idx: list[int]) -> list[LeafGroup]:
    by_key: dict[tuple[str, bool], list[int]] = defaultdict(list)
    for i in idx:
        e = diagram.edges[i]
        by_key[(e.label, e.source == hub)].append(i)
    out = []
    for (label, outgoing), members in sorted(by_key.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        leaves = tuple(
            diagram.edges[i].target if outgoing else diagram.edges[i].source for i in members
        )
        out.append(
            LeafGroup(hub=hub, label=label, outgoing=outgoing, edges=tuple(members), leaves=leaves)
        )
    return out


def _rows(diagram: Diagram, groups: list[LeafGroup]) -> dict[int, int]:
    """Each leaf edge's minlen: groups, largest first, go to the first rank (column) from
    which every rank they span still has room under COLUMN_HEIGHT."""
    minlen: dict[int, int] = {}
    used: dict[int, float] = defaultdict(float)
    for g in groups:
        heights = [
            min(GROUP_ROWS, len(g.edges) - j) * (NODE_HEIGHT + NODE_GAP) + CLUSTER_PADDING
            for j in range(0, len(g.edges), GROUP_ROWS)
        ]
        base = 1
        while any(
            used[base + j] and used[base + j] + h > COLUMN_HEIGHT for j, h in enumerate(heights)
        ):
            base += 1
        for j, h in enumerate(heights):
            used[base + j] += h + NODE_GAP
        for k, i in enumerate(g.edges):
            minlen[i] = base + k // GROUP_ROWS
    return minlen
