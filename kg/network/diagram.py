"""A pathway diagram: the neighbourhood of one entity, ready for a renderer.

:func:`build_diagram` takes the projected graph and a centre, runs the bounded search of
:mod:`kg.network.neighbourhood`, merges case variants (nodes of one category whose labels
differ only in case: ``Dam`` / ``DAM``, ``Als`` / ``ALS``; a grounded node wins over an
ungrounded mention), and de-duplicates edges (one edge per source, target and label, its
evidence summed). Renderers (:mod:`kg.network.formats`) only read the frozen result.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

from kg.errors import InputError
from kg.network.neighbourhood import HUB_DEGREE, EdgeFilter, Neighbourhood, neighbourhood
from kg.network.relations import predicate_iri, relation_words
from kg.vocab import compress_or_iri

DEFAULT_DEPTH = 1
DEFAULT_MAX_EDGES = 40
MAX_SUGGESTIONS = 5


@dataclass(frozen=True, slots=True, kw_only=True)
class DiagramNode:
    iri: str
    label: str
    curie: str
    category: str  # Biolink category IRI, "" when unknown
    distance: int  # hops from the centre
    centre: bool = False
    hub: bool = False  # shown, but its other edges were not walked
    merged: tuple[str, ...] = ()  # IRIs of case variants drawn as this node


@dataclass(frozen=True, slots=True, kw_only=True)
class DiagramEdge:
    source: str  # node IRIs
    target: str
    label: str
    predicates: tuple[str, ...]
    statements: int  # page graphs stating it (summed over merged edges)
    evidence: int  # text spans
    pages: tuple[str, ...]  # slugs
    references: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Diagram:
    centre: str
    title: str
    depth: int
    nodes: tuple[DiagramNode, ...]  # the centre first, then by distance, label, IRI
    edges: tuple[DiagramEdge, ...]  # most important first
    dropped: int = 0  # edges left out to stay within max_edges

    def node(self, iri: str) -> DiagramNode:
        for n in self.nodes:
            if n.iri == iri:
                return n
        raise KeyError(iri)


def build_diagram(
    graph: nx.MultiDiGraph,
    centre: str,
    *,
    depth: int = DEFAULT_DEPTH,
    max_edges: int | None = DEFAULT_MAX_EDGES,
    relations: Iterable[str] = (),
    hub_degree: int = HUB_DEGREE,
) -> Diagram:
    """The diagram of ``centre`` (a node IRI; see :func:`kg.network.resolver.resolve`)."""
    check_relations(graph, relations)
    keep = relation_filter(relations)
    budget = max_edges
    while True:
        hood = neighbourhood(
            graph, centre, depth=depth, max_edges=budget, keep=keep, hub_degree=hub_degree
        )
        rep = _representatives(graph, hood)
        edges = _dedupe(graph, hood, rep)
        short = None if max_edges is None else max_edges - len(edges)
        if budget is None or not hood.dropped or not short:
            break
        budget += short  # merging made room: take the next-ranked edges too
    return Diagram(
        centre=centre,
        title=graph.nodes[centre].get("label", centre),
        depth=depth,
        nodes=_nodes(graph, hood, rep, edges),
        edges=tuple(edges),
        dropped=hood.dropped,
    )


def relation_filter(relations: Iterable[str]) -> EdgeFilter | None:
    """An edge filter for ``--relations``: CURIEs, IRIs or labels (case-insensitive)."""
    wanted = {r.strip() for r in relations if r.strip()}
    if not wanted:
        return None
    iris = {predicate_iri(r) for r in wanted}
    labels = {r.casefold() for r in wanted}

    def keep(_u: str, _v: str, key: str, data: Mapping[str, Any]) -> bool:
        if key in iris:
            return True
        names = (
            data.get("label", ""),
            data.get("predicate_label", ""),
            *data.get("relation_labels", ()),
        )
        return any(n.casefold() in labels for n in names if n)

    return keep


def check_relations(graph: nx.MultiDiGraph, relations: Iterable[str]) -> None:
    """Every ``--relations`` name must name a relation of the graph (its IRI, CURIE or a
    label, in any case); an unknown one is an :class:`InputError` with the closest names."""
    wanted = [r.strip() for r in relations if r.strip()]
    if not wanted:
        return
    names: dict[str, str] = {}  # casefolded -> as shown
    iris: set[str] = set()
    shown: set[str] = set()  # the labels diagrams draw
    for _u, _v, key, data in graph.edges(keys=True, data=True):
        shown.add(str(data.get("label") or relation_words(key)))
        if key in iris:
            continue
        iris.add(key)
        for name in (
            data.get("label", ""),
            data.get("predicate_label", ""),
            compress_or_iri(key),
            *data.get("relation_labels", ()),
        ):
            if name and "|" not in name:
                names.setdefault(name.casefold(), name)
    for r in wanted:
        if predicate_iri(r) in iris or r.casefold() in names:
            continue
        close = difflib.get_close_matches(r.casefold(), list(names), n=MAX_SUGGESTIONS, cutoff=0.6)
        hint = (
            f"; did you mean {', '.join(repr(names[c]) for c in close)}?"
            if close
            else f"; relations in the build: {', '.join(sorted(shown, key=str.casefold))}"
        )
        raise InputError(f"no relation {r!r} in the build (--relations){hint}")


def _representatives(graph: nx.MultiDiGraph, hood: Neighbourhood) -> dict[str, str]:
    """node -> the node it is drawn as (case variants of one category merge)."""
    groups: dict[tuple[str, str], list[str]] = {}
    for n, _ in hood.distances:
        data = graph.nodes[n]
        key = (" ".join(str(data.get("label", n)).split()).casefold(), data.get("category", ""))
        groups.setdefault(key, []).append(n)
    rep: dict[str, str] = {}
    for members in groups.values():
        best = min(members, key=lambda n: _rep_rank(graph, hood.centre, n))
        rep.update({m: best for m in members})
    return rep


def _rep_rank(graph: nx.MultiDiGraph, centre: str, node: str) -> tuple[bool, bool, str]:
    return (node != centre, bool(graph.nodes[node].get("ungrounded")), node)


def _dedupe(graph: nx.MultiDiGraph, hood: Neighbourhood, rep: dict[str, str]) -> list[DiagramEdge]:
    merged: dict[tuple[str, str, str], dict[str, Any]] = {}
    for u, v, k in hood.edges:
        ru, rv = rep[u], rep[v]
        if ru == rv and u != v:
            continue  # two case variants of one node: not a self-loop of the entity
        d = graph.succ[u][v][k]
        label = d.get("label") or relation_words(k)
        key = (ru, rv, " ".join(label.split()).casefold())
        m = merged.get(key)
        if m is None:
            m = merged[key] = {
                "label": label,
                "predicates": set(),
                "statements": 0,
                "evidence": 0,
                "pages": set(),
                "references": set(),
            }
        m["predicates"].add(k)
        m["statements"] += d.get("statements", 0)
        m["evidence"] += d.get("evidence", 0)
        m["pages"].update(d.get("pages", ()))
        m["references"].update(d.get("references", ()))
    return [
        DiagramEdge(
            source=u,
            target=v,
            label=m["label"],
            predicates=tuple(sorted(m["predicates"])),
            statements=m["statements"],
            evidence=m["evidence"],
            pages=tuple(sorted(m["pages"])),
            references=tuple(sorted(m["references"])),
        )
        for (u, v, _), m in merged.items()
    ]


def _nodes(
    graph: nx.MultiDiGraph, hood: Neighbourhood, rep: dict[str, str], edges: list[DiagramEdge]
) -> tuple[DiagramNode, ...]:
    dist = dict(hood.distances)
    used = {hood.centre} | {e.source for e in edges} | {e.target for e in edges}
    hubs = set(hood.hubs)
    out = []
    for n in used:
        data = graph.nodes[n]
        members = sorted(m for m, r in rep.items() if r == n and m != n)
        out.append(
            DiagramNode(
                iri=n,
                label=str(data.get("label", n)),
                curie=str(data.get("curie", n)),
                category=str(data.get("category", "")),
                distance=min(dist[m] for m in (n, *members)),
                centre=n == hood.centre,
                hub=n in hubs,
                merged=tuple(members),
            )
        )
    return tuple(sorted(out, key=lambda x: (not x.centre, x.distance, x.label.casefold(), x.iri)))
