"""Benchmark the store behind `kg query`: pyoxigraph (what kg uses) against plain rdflib, same run.

    python benchmarks/bench_store.py --pages 25          # about 100k triples
    python benchmarks/bench_store.py --build-dir build   # an existing build instead

A corpus from benchmarks/corpus.py is built with kg.pipeline.build; then each store runs in a
fresh subprocess (so that its peak memory, ru_maxrss, is its own): load build/dataset.nq, run a
1-hop and a 2-hop query (best of --repeat), report the peak. A store that has not finished
within --child-limit seconds is stopped; what it did not reach is shown as ">N". Last, the time limit of `kg query` itself:
a COUNT over a 5-way cross join, stopped by a deadline checked between rows (in the process)
and by the worker process kg uses.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

# DISTINCT: pyoxigraph 0.5 repeats a triple once per graph holding it in the union default
# graph (oxigraph#1919), rdflib does not; with DISTINCT both must give the same rows.
QUERIES = {
    "1-hop": "SELECT DISTINCT ?cell ?marker WHERE { ?cell RO:0002292 ?marker }",
    "2-hop": "SELECT DISTINCT ?a ?c WHERE { ?a ?p ?b . ?b ?q ?c }",
}

CHILD = """
import json, resource, sys, time, tempfile
from pathlib import Path
backend, dataset, repeat = sys.argv[1], sys.argv[2], int(sys.argv[3])
queries = json.loads(sys.argv[4])
def peak():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
out = {}
t = time.perf_counter()
if backend == "rdflib":
    import rdflib
    ds = rdflib.Dataset(default_union=True)
    ds.parse(dataset, format="nquads")
    run = lambda q: len(list(ds.query(q)))
else:
    import pyoxigraph as ox
    tmp = tempfile.mkdtemp()
    store = ox.Store(tmp + "/store") if backend == "oxigraph-disk" else ox.Store()
    store.bulk_load(path=dataset, format=ox.RdfFormat.N_QUADS)
    if backend == "oxigraph-disk":
        store.flush()
        del store
        t_open = time.perf_counter()
        store = ox.Store.read_only(tmp + "/store")
        out["open"] = time.perf_counter() - t_open
    run = lambda q: len(list(store.query(q, use_default_graph_as_union=True)))
out["load"] = time.perf_counter() - t
out["peak_load"] = peak()
for name, q in queries.items():
    best, rows = None, None
    for _ in range(repeat):
        t = time.perf_counter()
        rows = run(q)
        dt = time.perf_counter() - t
        best = dt if best is None else min(best, dt)
    out[name], out[name + "_rows"] = best, rows
    print(json.dumps(out), flush=True)
out["peak"] = peak()
print(json.dumps(out), flush=True)
"""

DEADLINE = """
import json, sys, threading, time
import pyoxigraph as ox
store = ox.Store.read_only(sys.argv[1])
q, limit = sys.argv[2], float(sys.argv[3])
result = {}
def go():
    t = time.perf_counter()
    for _ in store.query(q, use_default_graph_as_union=True):
        if time.perf_counter() - t > limit:
            result["stopped_after"] = time.perf_counter() - t
            return
    result["finished_after"] = time.perf_counter() - t
worker = threading.Thread(target=go, daemon=True)
worker.start()
worker.join(limit * 3)
print(json.dumps(result or {"still_running_after": limit * 3}))
"""
EXPLOSIVE = "SELECT {sel} WHERE {{ ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n ?o }}"


def child(code: str, args: list[str], limit: float) -> dict[str, float]:
    """Run a child; past ``limit`` seconds kill it and keep what it had printed."""
    proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True)
    try:
        out, _ = proc.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, _ = proc.communicate()
    lines = [ln for ln in out.splitlines() if ln.startswith("{")]
    return json.loads(lines[-1]) if lines else {}


def build_corpus(tmp: Path, pages: int, seed: int, jobs: int) -> Path:
    from benchmarks.corpus import generate_corpus
    from kg.pipeline import build

    files = generate_corpus(tmp / "corpus", pages, seed=seed)
    t = time.perf_counter()
    result = build([tmp / "corpus"], out=tmp / "build", jobs=jobs)
    print(
        f"corpus: {len(files)} pages -> {result.triples:,} triples, {result.quads:,} quads "
        f"(kg build {time.perf_counter() - t:.1f} s)"
    )
    return tmp / "build"


def compare(build_dir: Path, repeat: int, child_limit: float) -> None:
    from kg.query.prefixes import prefix_block

    queries = {k: prefix_block() + q for k, q in QUERIES.items()}
    dataset = str(build_dir / "dataset.nq")
    results = {
        backend: child(CHILD, [backend, dataset, str(repeat), json.dumps(queries)], child_limit)
        for backend in ("oxigraph-disk", "oxigraph-memory", "rdflib")
    }
    ox, rd = results["oxigraph-disk"], results["rdflib"]
    print(
        f"\n{'measure':24} {'oxigraph disk':>14} {'oxigraph mem':>13} {'rdflib':>10} {'rdflib/ox':>10}"
    )
    for key, label in (
        ("load", "load dataset.nq (s)"),
        ("1-hop", "1-hop query (s)"),
        ("2-hop", "2-hop query (s)"),
        ("peak_load", "peak after load (MB)"),
        ("peak", "peak after queries (MB)"),
    ):
        cells = [_fmt(results[b].get(key), key, child_limit) for b in results]
        ratio = f"{rd[key] / ox[key]:.1f}x" if key in rd and key in ox and ox[key] else "-"
        print(f"{label:24} {cells[0]:>14} {cells[1]:>13} {cells[2]:>10} {ratio:>10}")
    print(
        f"open the on-disk store read-only (what kg query does): {ox.get('open', 0) * 1000:.0f} ms"
    )
    for name in QUERIES:
        counts = {b: r.get(f"{name}_rows") for b, r in results.items()}
        same = len({c for c in counts.values() if c is not None}) == 1
        print(f"{name} rows: {counts} ({'same' if same else 'DIFFERENT'})")


def _fmt(value: float | None, key: str, child_limit: float) -> str:
    if value is None:
        return f">{child_limit:g}" if "hop" in key else "-"
    return f"{value:.0f}" if key.startswith("peak") else f"{value:.3f}"


def time_limit(build_dir: Path, seconds: float) -> None:
    """The two ways to stop a runaway query, on SELECT * and on COUNT (no row until it ends)."""
    from kg.errors import QueryError
    from kg.query.run import run_query

    print(f"\ntime limit {seconds:g} s on a 5-way cross join:")
    for sel in ("*", "(COUNT(*) AS ?count)"):
        q = EXPLOSIVE.format(sel=sel)
        inproc = child(DEADLINE, [str(build_dir / "store"), q, str(seconds)], seconds * 5)
        t = time.perf_counter()
        try:
            run_query(build_dir, q, timeout=seconds)
            worker = "finished"
        except QueryError:
            worker = f"stopped after {time.perf_counter() - t:.2f} s"
        print(f"  SELECT {sel:22} deadline between rows: {inproc}; worker process: {worker}")
    t = time.perf_counter()
    run_query(build_dir, "ASK { ?s ?p ?o }", timeout=seconds)
    overhead = time.perf_counter() - t
    t = time.perf_counter()
    run_query(build_dir, "ASK { ?s ?p ?o }", timeout=None)
    print(
        f"  a trivial query: {overhead * 1000:.0f} ms through the worker, "
        f"{(time.perf_counter() - t) * 1000:.0f} ms in process"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--pages", type=int, default=25)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--build-dir", type=Path, help="benchmark an existing build instead")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--child-limit", type=float, default=900.0, help="seconds per store at most")
    ap.add_argument("--time-limit", type=float, default=1.0, help="for the runaway-query test")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        build_dir = args.build_dir or build_corpus(Path(tmp), args.pages, args.seed, args.jobs)
        compare(build_dir, args.repeat, args.child_limit)
        time_limit(build_dir, args.time_limit)


if __name__ == "__main__":
    main()
