"""Benchmark `kg build` on a generated corpus: pages/s, triples/s, peak memory, incremental
rebuilds, 1 vs 2 processes; and the assembly step against the plain rdflib approach.

    python benchmarks/bench_build.py --pages 2000
    python benchmarks/bench_build.py --prose-only --prose-pages 300   # prose extraction on vs off

Each build runs in a fresh subprocess so that its peak memory (ru_maxrss) is its own.
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

from benchmarks.corpus import generate_corpus  # noqa: E402

SAMPLE = 500_000
CHILD = """
import json, resource, sys, time
from kg.pipeline import build
t = time.perf_counter()
r = build([sys.argv[1]], out=sys.argv[2], jobs=int(sys.argv[3]))
dt = time.perf_counter() - t
peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(json.dumps({"seconds": dt, "pages": len(r.pages), "failed": len(r.failed), "triples": r.triples,
                  "quads": r.quads, "built": sum(p.status == "built" for p in r.pages), "peak_mb": peak / 1024}))
"""

PROSE = """
import contextlib, json, sys, time
from kg.extract.registry import disabled
from kg.pipeline import build
off = sys.argv[3] == "off"
with disabled("prose.") if off else contextlib.nullcontext():
    t = time.perf_counter()
    r = build([sys.argv[1]], out=sys.argv[2], jobs=1)
    dt = time.perf_counter() - t
print(json.dumps({"seconds": dt, "pages": len(r.pages), "triples": r.triples}))
"""

PLAIN = """
import json, resource, sys, time
import rdflib
t = time.perf_counter()
ds = rdflib.Dataset()
ds.parse(sys.argv[1], format="nquads")
data = ds.serialize(format="nquads")
dt = time.perf_counter() - t
print(json.dumps({"seconds": dt, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

OX = """
import json, resource, sys, time, tempfile
from kg.store.oxigraph import load_store
from pathlib import Path
t = time.perf_counter()
with tempfile.TemporaryDirectory() as d:
    load_store(Path(sys.argv[1]), Path(d) / "store")
dt = time.perf_counter() - t
print(json.dumps({"seconds": dt, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def run(code: str, *args: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", code, *args], check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def prose_cost(pages: int, seed: int, repeat: int = 3) -> None:
    """Per-page build cost with the prose extractors on and off (same corpus, same run)."""
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        generate_corpus(corpus, pages, seed=seed)
        best: dict[str, dict[str, float]] = {}
        for i in range(repeat):  # alternate, keep each mode's fastest run (shared machine)
            for mode in ("off", "on"):
                r = run(PROSE, str(corpus), str(Path(tmp) / f"b-{mode}-{i}"), mode)
                if mode not in best or r["seconds"] < best[mode]["seconds"]:
                    best[mode] = r
        print(f"prose extraction on vs off, {pages} generated pages, 1 process, best of {repeat}:")
        for mode in ("off", "on"):
            r = best[mode]
            print(
                f"  prose {mode:3}: {r['seconds']:7.2f} s, {1000 * r['seconds'] / r['pages']:6.1f} ms/page,"
                f" {r['triples']:,.0f} triples"
            )
        ratio = best["on"]["seconds"] / best["off"]["seconds"]
        print(
            f"  per-page build time with prose / without: {ratio:.2f}x (+{100 * (ratio - 1):.0f}%)"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--pages", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--prose-pages", type=int, default=300)
    ap.add_argument("--prose-only", action="store_true", help="only the prose on/off comparison")
    args = ap.parse_args()
    prose_cost(args.prose_pages, args.seed)
    if args.prose_only:
        return
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        t = time.perf_counter()
        files = generate_corpus(corpus, args.pages, seed=args.seed)
        size = sum(f.stat().st_size for f in files)
        print(
            f"corpus: {len(files)} pages, {size / 1e6:.1f} MB, generated in {time.perf_counter() - t:.1f} s"
        )
        rows = []
        for jobs in (1, 2):
            out = str(Path(tmp) / f"build-{jobs}")
            r = run(CHILD, str(corpus), out, str(jobs))
            rows.append((f"full build, {jobs} process(es)", r))
        out2 = str(Path(tmp) / "build-2")
        rows.append(("rebuild, nothing changed (2)", run(CHILD, str(corpus), out2, "2")))
        victim = files[len(files) // 2]
        victim.write_text(victim.read_text("utf-8") + "\n- Added line: changed\n", "utf-8")
        rows.append(("rebuild, one page changed (2)", run(CHILD, str(corpus), out2, "2")))
        print(
            f"\n{'run':34} {'seconds':>8} {'pages/s':>9} {'triples/s':>10} {'built':>6} {'peak MB':>8}"
        )
        for name, r in rows:
            print(
                f"{name:34} {r['seconds']:8.2f} {r['pages'] / r['seconds']:9.0f} "
                f"{r['triples'] / r['seconds']:10.0f} {r['built']:6.0f} {r['peak_mb']:8.0f}"
            )
        full = rows[0][1]
        print(
            f"\nquads (triples in their named graphs): {full['quads']:,.0f}; failed pages: {full['failed']:.0f}"
        )
        print(f"speed-up 2 processes vs 1: {rows[0][1]['seconds'] / rows[1][1]['seconds']:.2f}x")
        print(
            f"incremental (1 page changed) vs full build: {rows[1][1]['seconds'] / rows[3][1]['seconds']:.1f}x faster"
        )
        # rdflib holds ~1 GB per million triples: compare on a sample of the dataset
        dataset = Path(tmp) / "sample.nq"
        with (Path(tmp) / "build-1" / "dataset.nq").open("rb") as src, dataset.open("wb") as dst:
            for i, line in enumerate(src):
                if i >= SAMPLE:
                    break
                dst.write(line)
        plain = run(PLAIN, str(dataset))
        ox_load = run(OX, str(dataset))
        print(f"\nloading the first {SAMPLE:,} quads of the dataset (same N-Quads file):")
        print(
            f"  Oxigraph bulk load to disk store : {ox_load['seconds']:7.2f} s, peak {ox_load['peak_mb']:.0f} MB"
        )
        print(
            f"  plain rdflib parse + serialize   : {plain['seconds']:7.2f} s, peak {plain['peak_mb']:.0f} MB"
        )
        print(f"  ratio rdflib / Oxigraph          : {plain['seconds'] / ox_load['seconds']:.1f}x")


if __name__ == "__main__":
    main()
