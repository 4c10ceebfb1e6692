"""Benchmark the network layer on a generated corpus: the projection, depth-2 diagrams, and the
bounded BFS against networkx ``ego_graph`` (same centres, same run, as a ratio).

    python benchmarks/bench_network.py --pages 1000
    python benchmarks/bench_network.py --build-dir build     # an existing build instead

Times are medians over ``--repeat`` runs (projection) or over the centres (per-diagram).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t = time.perf_counter()
    value = fn()
    return time.perf_counter() - t, value


def build_corpus(tmp: Path, pages: int, seed: int, jobs: int) -> Path:
    from benchmarks.corpus import generate_corpus
    from kg.pipeline import build

    secs, files = timed(lambda: generate_corpus(tmp / "corpus", pages, seed=seed))
    print(f"corpus: {len(files)} pages generated in {secs:.1f} s")
    out = tmp / "build"
    secs, result = timed(lambda: build([tmp / "corpus"], out=out, jobs=jobs))
    print(f"build: {len(result.pages)} pages, {result.triples} triples in {secs:.1f} s")
    return out


def bench(build_dir: Path, repeat: int, n_centres: int, depth: int, hub_degree: int) -> None:
    import networkx as nx

    from kg.network import Network, Resolver, build_diagram, render, write_all_diagrams
    from kg.network.neighbourhood import bounded_bfs, induced_edges
    from kg.network.projection import project
    from kg.network.source import as_store

    if Path("/proc/loadavg").exists():
        print(f"load average before: {' '.join(Path('/proc/loadavg').read_text().split()[:3])}")
    secs, store = timed(lambda: as_store(build_dir))
    print(f"open store: {secs * 1000:.0f} ms")
    runs, cpu = [], []
    graph = None
    for _ in range(repeat):
        c = time.process_time()
        secs, graph = timed(lambda: project(store))
        runs.append(secs)
        cpu.append(time.process_time() - c)
    assert graph is not None
    print(
        f"projection: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges, "
        f"median {statistics.median(runs):.2f} s wall, {statistics.median(cpu):.2f} s CPU "
        f"over {repeat} run(s)"
    )
    hubs = sum(1 for n in graph if graph.degree(n) > hub_degree)
    print(f"hubs (degree > {hub_degree}): {hubs}")

    pages = [p.topic for p in graph.graph["pages"].values() if p.topic in graph]
    centres = sorted(set(pages))[:n_centres]
    if not centres:
        print("no page entity in the graph: did the build fail? (see its manifest.json)")
        return
    diag_times, edge_counts = [], []
    for c in centres:
        secs, text = timed(
            lambda c=c: render(build_diagram(graph, c, depth=depth, max_edges=40), "mermaid")
        )
        diag_times.append(secs)
        edge_counts.append(text.count("-->|"))
    print(
        f"depth-{depth} diagram (mermaid, max 40 edges): median "
        f"{statistics.median(diag_times) * 1000:.1f} ms, max {max(diag_times) * 1000:.1f} ms "
        f"over {len(centres)} centres (median {statistics.median(edge_counts):.0f} edges drawn)"
    )

    with tempfile.TemporaryDirectory() as out:
        net = Network(store=store, graph=graph, resolver=Resolver(graph))
        secs, result = timed(lambda: write_all_diagrams(net, out, depth=depth))
    print(
        f"kg diagram --all (depth {depth}): {len(result.written)} diagrams in {secs:.2f} s "
        f"({secs / max(len(result.written), 1) * 1000:.1f} ms each)"
    )

    bfs_times, ego_times, sizes = [], [], []
    for c in centres:
        t_bfs, dist = timed(
            lambda c=c: _bfs(graph, c, depth, hub_degree, bounded_bfs, induced_edges)
        )
        t_ego, ego = timed(lambda c=c: nx.ego_graph(graph, c, radius=depth, undirected=True))
        bfs_times.append(t_bfs)
        ego_times.append(t_ego)
        sizes.append((len(dist), ego.number_of_nodes()))
    bfs, ego = sum(bfs_times), sum(ego_times)
    print(
        f"neighbourhood depth {depth}, {len(centres)} centres: bounded BFS {bfs * 1000:.0f} ms "
        f"(median {statistics.median(s[0] for s in sizes)} nodes), ego_graph {ego * 1000:.0f} ms "
        f"(median {statistics.median(s[1] for s in sizes)} nodes): ego_graph / BFS = "
        f"{ego / bfs if bfs else float('inf'):.1f}x"
    )


def _bfs(graph: Any, c: str, depth: int, hub_degree: int, bfs: Any, edges: Any) -> dict[str, int]:
    dist, hubs = bfs(graph, c, depth=depth, hub_degree=hub_degree)
    edges(graph, dist, hubs)
    return dist


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--build-dir", type=Path, help="benchmark an existing build instead")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--centres", type=int, default=200)
    ap.add_argument("--depth", type=int, default=2)
    ap.add_argument("--hub-degree", type=int, default=200)
    args = ap.parse_args()
    if args.build_dir:
        bench(args.build_dir, args.repeat, args.centres, args.depth, args.hub_degree)
        return
    with tempfile.TemporaryDirectory() as tmp:
        build_dir = build_corpus(Path(tmp), args.pages, args.seed, args.jobs)
        bench(build_dir, args.repeat, args.centres, args.depth, args.hub_degree)


if __name__ == "__main__":
    main()
