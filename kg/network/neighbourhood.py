"""An entity's neighbourhood: a bounded breadth-first search, and which edges to keep.

The search follows edges in both directions up to ``depth`` hops and never expands a hub
(a node, other than the centre, with more than ``hub_degree`` neighbours): the hub is shown,
its thousands of other edges are not walked. This is what makes ``kg diagram --all`` cheap
(docs/performance-notes.md: networkx ``ego_graph`` is ~1 s per centre on a 100k-edge graph).
The edges are those among the nodes reached (the induced subgraph, as ``ego_graph``).

When there are more than ``max_edges`` edges, the most important are kept, grown outwards
from the centre so the diagram stays connected. Edges are ranked by, in order:

1. distance: edges at the centre's own hop first (the farther end's hops, then the nearer
   end's: the centre's own edges before edges between two of its neighbours);
2. relation kind: ontology relations (RO, Biolink slots) before kg's own, before generic
   ones ("related to", "see also");
3. evidence: more statements (page graphs stating the fact), then more cited references,
   then more text spans;
4. centrality: the number of neighbours, in the whole graph, of the end farther from the
   centre;
5. then by IRIs, so the choice is deterministic.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

HUB_DEGREE = 200

EdgeKey = tuple[str, str, str]
EdgeFilter = Callable[[str, str, str, Mapping[str, Any]], bool]


@dataclass(frozen=True, slots=True, kw_only=True)
class Neighbourhood:
    """The nodes reached (with their hop distance) and the edges kept, most important first."""

    centre: str
    depth: int
    distances: tuple[tuple[str, int], ...]  # (node, hops), sorted by node
    edges: tuple[EdgeKey, ...]  # (source, target, predicate), in rank order
    dropped: int = 0  # edges beyond max_edges
    hubs: tuple[str, ...] = ()  # reached but not expanded


def neighbourhood(
    graph: nx.MultiDiGraph,
    centre: str,
    *,
    depth: int = 1,
    max_edges: int | None = None,
    keep: EdgeFilter | None = None,
    hub_degree: int = HUB_DEGREE,
) -> Neighbourhood:
    """The neighbourhood of ``centre`` to ``depth`` hops, at most ``max_edges`` edges."""
    dist, hubs = bounded_bfs(graph, centre, depth=depth, keep=keep, hub_degree=hub_degree)
    edges = induced_edges(graph, dist, hubs, keep=keep)
    ranked, dropped = rank_edges(graph, centre, dist, edges, max_edges)
    kept_nodes = {centre} | {u for u, _, _ in ranked} | {v for _, v, _ in ranked}
    return Neighbourhood(
        centre=centre,
        depth=depth,
        distances=tuple(sorted((n, d) for n, d in dist.items() if n in kept_nodes)),
        edges=tuple(ranked),
        dropped=dropped,
        hubs=tuple(sorted(h for h in hubs if h in kept_nodes)),
    )


def bounded_bfs(
    graph: nx.MultiDiGraph,
    centre: str,
    *,
    depth: int,
    keep: EdgeFilter | None = None,
    hub_degree: int = HUB_DEGREE,
) -> tuple[dict[str, int], set[str]]:
    """Hop distance of every node within ``depth`` (either direction), and the hubs met."""
    succ, pred = graph.succ, graph.pred
    dist = {centre: 0}
    hubs: set[str] = set()
    frontier = [centre]
    for hop in range(1, depth + 1):
        nxt: list[str] = []
        for u in frontier:
            if u != centre and len(succ[u]) + len(pred[u]) > hub_degree:
                hubs.add(u)
                continue
            for v in _neighbours(u, succ[u], pred[u], keep):
                if v not in dist:
                    dist[v] = hop
                    nxt.append(v)
        frontier = nxt
    for u in frontier:  # the last ring is not expanded, but say which of them are hubs
        if len(succ[u]) + len(pred[u]) > hub_degree:
            hubs.add(u)
    return dist, hubs


def _neighbours(
    u: str, out: Mapping[str, Any], inc: Mapping[str, Any], keep: EdgeFilter | None
) -> list[str]:
    if keep is None:
        return [*out, *inc]
    found = [v for v, keys in out.items() if any(keep(u, v, k, d) for k, d in keys.items())]
    found += [v for v, keys in inc.items() if any(keep(v, u, k, d) for k, d in keys.items())]
    return found


def induced_edges(
    graph: nx.MultiDiGraph,
    dist: Mapping[str, int],
    hubs: set[str],
    *,
    keep: EdgeFilter | None = None,
) -> list[EdgeKey]:
    """Every edge between two reached nodes (a hub's edges are looked up from the other end)."""
    succ, pred = graph.succ, graph.pred
    found: set[EdgeKey] = set()
    for u in dist:
        if u in hubs:
            continue
        for v, keys in succ[u].items():
            if v in dist:
                found.update((u, v, k) for k, d in keys.items() if keep is None or keep(u, v, k, d))
        for w, keys in pred[u].items():
            if w in hubs:  # w -> u with w a hub: not seen from w's side
                found.update((w, u, k) for k, d in keys.items() if keep is None or keep(w, u, k, d))
    for h in hubs:  # hub -> hub edges
        for h2 in hubs:
            for k, d in succ[h].get(h2, {}).items():
                if keep is None or keep(h, h2, k, d):
                    found.add((h, h2, k))
    return sorted(found)


def rank_edges(
    graph: nx.MultiDiGraph,
    centre: str,
    dist: Mapping[str, int],
    edges: list[EdgeKey],
    max_edges: int | None,
) -> tuple[list[EdgeKey], int]:
    """Edges in rank order, grown from the centre; at most ``max_edges`` (see module doc)."""
    succ, pred = graph.succ, graph.pred
    degree = {n: len(succ[n]) + len(pred[n]) for n in dist}  # distinct neighbours, O(1)
    if max_edges is None or len(edges) <= max_edges:
        return sorted(edges, key=lambda e: _score(graph, e, dist, degree)), 0
    by_node: dict[str, list[EdgeKey]] = defaultdict(list)
    for e in edges:
        by_node[e[0]].append(e)
        if e[1] != e[0]:
            by_node[e[1]].append(e)
    heap = [(_score(graph, e, dist, degree), e) for e in by_node[centre]]
    heapq.heapify(heap)
    pushed = set(by_node[centre])
    reached = {centre}
    kept: list[EdgeKey] = []
    while heap and len(kept) < max_edges:
        _, e = heapq.heappop(heap)
        kept.append(e)
        for n in e[:2]:
            if n not in reached:
                reached.add(n)
                for f in by_node[n]:
                    if f not in pushed:
                        pushed.add(f)
                        heapq.heappush(heap, (_score(graph, f, dist, degree), f))
    return kept, len(edges) - len(kept)


def _score(
    graph: nx.MultiDiGraph, e: EdgeKey, dist: Mapping[str, int], degree: Mapping[str, int]
) -> tuple[Any, ...]:
    u, v, k = e
    d = graph.succ[u][v][k]
    far = u if dist[u] > dist[v] else v
    return (
        max(dist[u], dist[v]),
        min(dist[u], dist[v]),
        d.get("kind", 0),
        -d.get("statements", 0),
        -len(d.get("references", ())),
        -d.get("evidence", 0),
        -degree[far],
        u,
        v,
        k,
    )
