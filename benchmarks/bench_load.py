"""Benchmark the store's bulk load (kg.store.oxigraph.load_store): one thread against several.

    python benchmarks/bench_load.py --pages 1000              # a corpus built first
    python benchmarks/bench_load.py --dataset BUILD/dataset.nq --repeat 2
    python benchmarks/bench_load.py --pages 20 --block-kb 64 --check   # many small blocks

A full `kg build` loads its store from dataset.nq block by block; with ``--jobs N`` it runs N
threads at once (kg.store.update_plan.load_threads). Each load here runs in a fresh
subprocess (so that its peak memory, ru_maxrss, is its own) into a new folder, one thread and
``--threads`` threads alternated ``--repeat`` times; printed: wall and CPU time, peak RSS, the
store's quad count and size, and the ratio of the medians. With ``--check`` the stores' sorted
dumps are compared (reads every quad back: for small datasets).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

CHILD = """
import hashlib, json, resource, sys, time
from pathlib import Path
import pyoxigraph as ox
from kg.store.oxigraph import LOAD_WHOLE, PARALLEL_BLOCK, load_store
dataset, store_dir, threads, check = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "1"
block = int(sys.argv[5]) << 10
t, c = time.perf_counter(), time.process_time()
whole = dataset.stat().st_size <= LOAD_WHOLE
load_store(dataset, store_dir, threads=threads, block=block or (PARALLEL_BLOCK if whole else None))
out = {"wall": time.perf_counter() - t, "cpu": time.process_time() - c}
out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
store = ox.Store.read_only(str(store_dir))
out["quads"] = len(store)
out["bytes"] = sum(f.stat().st_size for f in store_dir.rglob("*") if f.is_file())
if check:
    dumped = store.dump(format=ox.RdfFormat.N_QUADS, from_graph=None)
    out["dump"] = hashlib.sha256(b"\\n".join(sorted(dumped.splitlines()))).hexdigest()
print(json.dumps(out))
"""


def _load(dataset: Path, threads: int, check: bool, block_kb: int) -> dict[str, float | str]:
    with tempfile.TemporaryDirectory() as tmp:
        done = subprocess.run(
            [
                sys.executable,
                "-c",
                CHILD,
                str(dataset),
                f"{tmp}/store",
                str(threads),
                str(int(check)),
                str(block_kb),
            ],
            capture_output=True,
            text=True,
            check=True,
            cwd=HERE.parent,
        )
    result: dict[str, float | str] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _dataset(pages: int, tmp: Path) -> Path:
    from benchmarks.corpus import generate_corpus
    from kg.pipeline import build

    corpus = tmp / "corpus"
    generate_corpus(corpus, pages, seed=0)
    build([corpus], out=tmp / "build", jobs=2)
    return tmp / "build" / "dataset.nq"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--dataset", type=Path, help="an N-Quads file kg wrote (BUILD/dataset.nq)")
    ap.add_argument("--pages", type=int, default=300, help="else: build a corpus of this size")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--check", action="store_true", help="compare the stores' sorted dumps")
    ap.add_argument(
        "--block-kb",
        type=int,
        default=0,
        help="cut the file in blocks of this many KB both ways (default: as kg build does)",
    )
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        dataset = args.dataset or _dataset(args.pages, Path(tmp))
        size = dataset.stat().st_size
        cut = (
            f"{args.block_kb:,} KB blocks both ways"
            if args.block_kb
            else "blocks as `kg build` cuts them (32 MB with threads, 64 MB with one); a file kg "
            "would load whole (384 MB or less) is cut in 32 MB blocks both ways here"
        )
        print(f"load_store of {dataset} ({size:,} bytes), {cut}")
        runs: dict[int, list[dict[str, float | str]]] = {1: [], args.threads: []}
        for _ in range(args.repeat):
            for threads in (1, args.threads):
                r = _load(dataset, threads, args.check, args.block_kb)
                runs[threads].append(r)
                print(
                    f"  {threads} thread{'s' if threads > 1 else ' '}  {r['wall']:8.1f} s wall "
                    f"{r['cpu']:8.1f} s CPU {r['peak_mb']:7.0f} MB peak  {int(r['quads']):,} quads "
                    f"{int(r['bytes']) / 1e6:,.0f} MB store",
                    flush=True,
                )
        one = statistics.median(float(r["wall"]) for r in runs[1])
        many = statistics.median(float(r["wall"]) for r in runs[args.threads])
        print(
            f"median wall: 1 thread {one:.1f} s, {args.threads} threads {many:.1f} s: {one / many:.2f}x"
        )
        quads = {r["quads"] for rs in runs.values() for r in rs}
        print(f"same quad count in every store: {'yes' if len(quads) == 1 else 'NO'}")
        if args.check:
            dumps = {r["dump"] for rs in runs.values() for r in rs}
            print(f"same sorted dump in every store: {'yes' if len(dumps) == 1 else 'NO'}")


if __name__ == "__main__":
    main()
