"""kg.network.neighbourhood: bounded BFS (hubs not expanded) and edge ranking."""

from __future__ import annotations

import networkx as nx

from kg.network.neighbourhood import bounded_bfs, neighbourhood

RO = "http://purl.obolibrary.org/obo/RO_0002292"
GENERIC = "https://w3id.org/biolink/vocab/related_to"


def _edge(g: nx.MultiDiGraph, u: str, v: str, key: str = RO, statements: int = 1, **kw) -> None:
    kind = 2 if key == GENERIC else 0
    g.add_edge(
        u,
        v,
        key=key,
        statements=statements,
        evidence=statements,
        kind=kind,
        references=kw.get("references", ()),
    )


def chain_graph() -> nx.MultiDiGraph:
    """c -> a1 -> b1 -> x1, and a hub h linked to c with 300 leaves."""
    g = nx.MultiDiGraph()
    _edge(g, "c", "a1")
    _edge(g, "a1", "b1")
    _edge(g, "b1", "x1")
    _edge(g, "h", "c")
    for i in range(300):
        _edge(g, "h", f"leaf{i}")
    return g


def test_depth_counts_hops_in_either_direction() -> None:
    g = chain_graph()
    dist, hubs = bounded_bfs(g, "c", depth=2, hub_degree=200)
    assert dist == {"c": 0, "a1": 1, "h": 1, "b1": 2}
    assert hubs == {"h"}


def test_hubs_are_reached_but_not_expanded() -> None:
    g = chain_graph()
    dist, _ = bounded_bfs(g, "c", depth=3, hub_degree=200)
    assert not any(n.startswith("leaf") for n in dist)
    dist_all, hubs = bounded_bfs(g, "c", depth=2, hub_degree=1000)
    assert sum(n.startswith("leaf") for n in dist_all) == 300 and not hubs


def test_centre_is_expanded_even_when_a_hub() -> None:
    g = chain_graph()
    dist, _ = bounded_bfs(g, "h", depth=1, hub_degree=200)
    assert len(dist) == 302


def test_same_nodes_and_edges_as_ego_graph_without_hubs() -> None:
    g = nx.gnm_random_graph(300, 900, seed=3, directed=True)
    mg = nx.MultiDiGraph()
    for u, v in g.edges:
        _edge(mg, f"n{u}", f"n{v}")
    hood = neighbourhood(mg, "n0", depth=2, hub_degree=10_000)
    ego = nx.ego_graph(mg, "n0", radius=2, undirected=True)
    assert {n for n, _ in hood.distances} == set(ego.nodes)
    assert set(hood.edges) == set(ego.edges(keys=True))


def test_max_edges_keeps_the_centre_edges_first_and_stays_connected() -> None:
    g = nx.MultiDiGraph()
    for i in range(5):
        _edge(g, "c", f"a{i}", statements=1)
        _edge(g, f"a{i}", f"b{i}", statements=9)  # more evidence, but one hop further
    hood = neighbourhood(g, "c", depth=2, max_edges=5)
    assert set(hood.edges) == {("c", f"a{i}", RO) for i in range(5)}
    assert hood.dropped == 5
    hood = neighbourhood(g, "c", depth=2, max_edges=7)
    reached = {"c"}
    for u, v, _ in hood.edges:  # every kept edge touches what was kept before it
        assert u in reached or v in reached
        reached |= {u, v}


def test_ranking_relation_kind_then_evidence_then_references() -> None:
    g = nx.MultiDiGraph()
    _edge(g, "c", "generic", key=GENERIC, statements=50)
    _edge(g, "c", "weak")
    _edge(g, "c", "strong", statements=3)
    _edge(g, "c", "cited", references=("r1", "r2"))
    hood = neighbourhood(g, "c", depth=1)
    assert [v for _, v, _ in hood.edges] == ["strong", "cited", "weak", "generic"]
    hood = neighbourhood(g, "c", depth=1, max_edges=2)
    assert [v for _, v, _ in hood.edges] == ["strong", "cited"]
    assert {n for n, _ in hood.distances} == {"c", "strong", "cited"}


def test_centrality_breaks_ties() -> None:
    g = nx.MultiDiGraph()
    _edge(g, "c", "lonely")
    _edge(g, "c", "popular")
    for i in range(3):
        _edge(g, f"p{i}", "popular")
    hood = neighbourhood(g, "c", depth=1, max_edges=1)
    assert hood.edges == (("c", "popular", RO),)


def test_filter_restricts_walk_and_edges() -> None:
    g = nx.MultiDiGraph()
    _edge(g, "c", "a")
    _edge(g, "c", "g", key=GENERIC)
    _edge(g, "g", "beyond")
    hood = neighbourhood(g, "c", depth=2, keep=lambda u, v, k, d: k == RO)
    assert {n for n, _ in hood.distances} == {"c", "a"}
