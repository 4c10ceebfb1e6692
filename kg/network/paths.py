"""``kg path A B``: the shortest relation paths between two entities, in either direction.

A breadth-first search from A over edges in both directions, to at most ``max_length``
steps, keeps every predecessor at the previous hop; the shortest paths are read back from
B in sorted order (at most ``max_paths``). Each step lists every relation between its two
nodes, its direction along the path (``-->`` forward, ``<--`` backward) and its evidence
(statements, pages).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise

import networkx as nx

from kg.network.relations import relation_words
from kg.vocab import compress_or_iri

DEFAULT_MAX_LENGTH = 4
DEFAULT_MAX_PATHS = 10


@dataclass(frozen=True, slots=True, kw_only=True)
class StepRelation:
    predicate: str
    label: str
    forward: bool  # True: the fact runs from the step's first node to its second
    statements: int
    pages: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class PathStep:
    source: str
    target: str
    relations: tuple[StepRelation, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class RelationPath:
    nodes: tuple[str, ...]
    steps: tuple[PathStep, ...]

    @property
    def length(self) -> int:
        return len(self.steps)


def shortest_paths(
    graph: nx.MultiDiGraph,
    a: str,
    b: str,
    *,
    max_length: int = DEFAULT_MAX_LENGTH,
    max_paths: int = DEFAULT_MAX_PATHS,
) -> tuple[RelationPath, ...]:
    """The shortest paths from node ``a`` to node ``b`` (empty when none within max_length)."""
    if a == b:
        return (RelationPath(nodes=(a,), steps=()),)
    parents = _bfs_parents(graph, a, b, max_length)
    if b not in parents:
        return ()
    out = []
    for nodes in _walk_back(parents, a, b):
        out.append(
            RelationPath(
                nodes=nodes,
                steps=tuple(_step(graph, u, v) for u, v in pairwise(nodes)),
            )
        )
        if len(out) >= max_paths:
            break
    return tuple(out)


def _bfs_parents(graph: nx.MultiDiGraph, a: str, b: str, max_length: int) -> dict[str, set[str]]:
    succ, pred = graph.succ, graph.pred
    parents: dict[str, set[str]] = {a: set()}
    frontier = [a]
    for _hop in range(max_length):
        level: dict[str, set[str]] = {}
        for u in frontier:
            for v in (*succ[u], *pred[u]):
                if v not in parents:
                    level.setdefault(v, set()).add(u)
        parents.update(level)
        if b in level or not level:
            break
        frontier = sorted(level)
    return parents


def _walk_back(parents: dict[str, set[str]], a: str, b: str) -> Iterator[tuple[str, ...]]:
    """Every shortest path a -> b, in sorted order, lazily."""
    stack: list[tuple[str, tuple[str, ...]]] = [(b, (b,))]
    while stack:
        node, tail = stack.pop()
        if node == a:
            yield tail
            continue
        for p in sorted(parents[node], reverse=True):
            stack.append((p, (p, *tail)))


def _step(graph: nx.MultiDiGraph, u: str, v: str) -> PathStep:
    rels = []
    for forward, (x, y) in ((True, (u, v)), (False, (v, u))):
        for key, d in sorted(graph.succ[x].get(y, {}).items()):
            rels.append(
                StepRelation(
                    predicate=key,
                    label=str(d.get("label") or relation_words(key)),
                    forward=forward,
                    statements=int(d.get("statements", 0)),
                    pages=tuple(d.get("pages", ())),
                )
            )
    return PathStep(source=u, target=v, relations=tuple(rels))


def render_paths(graph: nx.MultiDiGraph, a: str, b: str, paths: tuple[RelationPath, ...]) -> str:
    """A plain-text listing of paths (node labels, each step's relations and evidence)."""

    def name(n: str) -> str:
        return str(graph.nodes[n].get("label", n))

    if not paths:
        return f"No path between {name(a)} and {name(b)} within the maximum length.\n"
    lines = [
        f"{len(paths)} shortest path(s) of length {paths[0].length} from {name(a)} to {name(b)}:"
    ]
    for i, path in enumerate(paths, 1):
        chain = name(path.nodes[0])
        for step in path.steps:
            r = step.relations[0]
            chain += f" --[{r.label}]--> " if r.forward else f" <--[{r.label}]-- "
            chain += name(step.target)
        lines += ["", f"{i}. {chain}"]
        for j, step in enumerate(path.steps, 1):
            for r in step.relations:
                arrow = "-->" if r.forward else "<--"
                lines.append(
                    f"   step {j}: {name(step.source)} {arrow} {name(step.target)}: {r.label} "
                    f"({compress_or_iri(r.predicate)}), {r.statements} statement(s), "
                    f"pages: {', '.join(r.pages) or '-'}"
                )
    return "\n".join(lines) + "\n"


def paths_json(graph: nx.MultiDiGraph, paths: tuple[RelationPath, ...]) -> str:
    data = [
        {
            "nodes": [{"iri": n, "label": graph.nodes[n].get("label", n)} for n in p.nodes],
            "steps": [
                {
                    "source": s.source,
                    "target": s.target,
                    "relations": [
                        {
                            "predicate": r.predicate,
                            "label": r.label,
                            "direction": "forward" if r.forward else "backward",
                            "statements": r.statements,
                            "pages": list(r.pages),
                        }
                        for r in s.relations
                    ],
                }
                for s in p.steps
            ],
        }
        for p in paths
    ]
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
