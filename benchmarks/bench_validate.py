"""Benchmark `kg validate` on the generated corpus: the compiled SHACL engine (1 and N processes)
against pyshacl per page graph and whole-graph pyshacl with the same shapes, in the same run, as
ratios, and checks that the compiled engine gives exactly pyshacl's results.

    python benchmarks/bench_validate.py --pages 500 --jobs 2
    python benchmarks/bench_validate.py --build-dir BUILD --pyshacl-pages 2000   # a bench_scale build

Generates the corpus (benchmarks/corpus.py) and builds it with kg.pipeline.build into
benchmarks/out/ (git-ignored, reused when present), then runs, each in a fresh subprocess so
that its peak memory (ru_maxrss) is its own:

* ``compiled, 1 process`` / ``compiled, N processes``: kg.validate.validate_build with the
  reasoner off and the default engine (shapes compiled to a plan run over each page graph;
  evidence and quote checks, ontology checks);
* ``pyshacl per page, N processes``: the same with ``engine="pyshacl"`` (the plain approach; on a
  build larger than ``--pyshacl-pages`` it is skipped and extrapolated from the smaller run);
* ``whole graph``: the dataset parsed into one rdflib graph and pyshacl run once over it with
  the same shapes (the parse is timed apart from the validation).

Every SHACL result of the compiled engine and of pyshacl per page is compared (severity, focus
node, path, value, source shape, constraint, page): the benchmark prints whether the two sets
are equal. No timing is asserted; timings depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks.corpus import generate_corpus  # noqa: E402

PER_PAGE = """
import json, os, resource, sys, time
from pathlib import Path
from kg.validate import validate_build
from kg.validate.runner import RunStats
stats = RunStats()
t = time.perf_counter()
r = validate_build(Path(sys.argv[1]), jobs=int(sys.argv[2]), reasoner=False, engine=sys.argv[3],
                   cache=sys.argv[5] == "cache", stats=stats)
dt = time.perf_counter() - t
cpu = sum(os.times()[:4])
shacl = sorted(
    json.dumps([str(x.severity), x.focus_node, x.path, x.value, x.source_shape, x.constraint,
                x.page, x.message])
    for x in r.results if x.origin == "shacl"
)
Path(sys.argv[4]).write_text("\\n".join(shacl), "utf-8")
peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
           resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(json.dumps({"seconds": dt, "cpu": cpu, "results": len(r.results), "shacl": len(shacl),
                  "pages": r.pages, "peak_mb": peak / 1024, "units": stats.units,
                  "evaluated": len(stats.evaluated)}))
"""

WHOLE = """
import json, os, resource, sys, time
import pyshacl, rdflib
from kg.validate import load_shapes
t = time.perf_counter()
g = rdflib.Graph()
ds = rdflib.Dataset()
ds.parse(sys.argv[1], format="nquads")
for s, p, o, _ in ds.quads((None, None, None, None)):
    g.add((s, p, o))
del ds
load = time.perf_counter() - t
shapes = load_shapes()
t = time.perf_counter()
_, report, _ = pyshacl.validate(g, shacl_graph=shapes.graph)
dt = time.perf_counter() - t
n = len(list(report.objects(None, rdflib.URIRef("http://www.w3.org/ns/shacl#result"))))
print(json.dumps({"seconds": dt, "load_seconds": load, "shacl": n, "triples": len(g),
                  "cpu": sum(os.times()[:4]),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def run(code: str, *args: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", code, *args], check=True, capture_output=True, text=True
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def prepare(pages: int, seed: int, jobs: int) -> Path:
    """The corpus and its build (reused when already there)."""
    from kg.pipeline import build

    out = HERE / "out"
    corpus = out / f"corpus-{pages}-{seed}"
    target = out / f"validate-build-{pages}-{seed}"
    if not (target / "dataset.nq").is_file():
        if not corpus.is_dir() or len(list(corpus.iterdir())) < pages:
            generate_corpus(corpus, pages, seed=seed)
        build([corpus], out=target, jobs=jobs)
    return target


def per_page(
    build_dir: Path, jobs: int, engine: str, *, cache: bool = False
) -> tuple[dict[str, float], Path]:
    """One validation in a fresh process; the engines are compared without the result cache."""
    flag = "cache" if cache else "no-cache"
    results = build_dir.parent / f"{build_dir.name}-{engine}-{jobs}-{flag}.results"
    return run(PER_PAGE, str(build_dir), str(jobs), engine, str(results), flag), results


def cached_runs(
    build_dir: Path, corpus: Path | None, jobs: int, uncached: Path
) -> tuple[list[tuple[str, dict[str, float]]], bool]:
    """The result cache (build/validation-cache): filled from empty, nothing changed, and after
    one page is edited and the build rebuilt (then the edit is undone and rebuilt again)."""
    import shutil

    from kg.pipeline import build
    from kg.validate.result_cache import FOLDER

    shutil.rmtree(build_dir / FOLDER, ignore_errors=True)
    rows = [(f"cache empty, {jobs} proc.", per_page(build_dir, jobs, "compiled", cache=True)[0])]
    unchanged, results = per_page(build_dir, jobs, "compiled", cache=True)
    rows.append((f"cache, unchanged, {jobs} p.", unchanged))
    same = results.read_text("utf-8") == uncached.read_text("utf-8")
    if corpus is None:
        return rows, same
    page = sorted(p for p in corpus.iterdir() if p.is_file())[len(list(corpus.iterdir())) // 2]
    before = page.read_bytes()
    try:
        page.write_bytes(before + b"\nAn added closing line.\n")
        build([corpus], out=build_dir, jobs=jobs)
        rows.append(
            (
                f"cache, 1 page edited, {jobs} p.",
                per_page(build_dir, jobs, "compiled", cache=True)[0],
            )
        )
    finally:
        page.write_bytes(before)
        build([corpus], out=build_dir, jobs=jobs)
    return rows, same


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--build-dir", type=Path, help="validate this build (else one is made)")
    parser.add_argument(
        "--pyshacl-pages", type=int, default=2500, help="skip pyshacl on builds larger than this"
    )
    parser.add_argument("--skip-whole", action="store_true", help="skip whole-graph pyshacl")
    parser.add_argument(
        "--corpus", type=Path, help="the pages --build-dir was built from (for the edit run)"
    )
    args = parser.parse_args()

    build_dir = args.build_dir or prepare(args.pages, args.seed, args.jobs)
    pages = len(json.loads((build_dir / "manifest.json").read_text("utf-8"))["inputs"])
    print(
        f"# {platform.python_version()} on {platform.machine()}, build {build_dir}, {pages} pages"
    )
    rows = []
    compiled, compiled_results = per_page(build_dir, 1, "compiled")
    rows.append(("compiled, 1 process", compiled))
    if args.jobs > 1:
        compiled, compiled_results = per_page(build_dir, args.jobs, "compiled")
        rows.append((f"compiled, {args.jobs} processes", compiled))
    reference = None
    if pages <= args.pyshacl_pages:
        reference, reference_results = per_page(build_dir, args.jobs, "pyshacl")
        rows.append((f"pyshacl per page, {args.jobs} proc.", reference))
    whole = None
    if not args.skip_whole and pages <= args.pyshacl_pages:
        whole = run(WHOLE, str(build_dir / "dataset.nq"))
        rows.append(("whole graph (pyshacl once)", whole))
    corpus = args.corpus or (
        None if args.build_dir else HERE / "out" / f"corpus-{args.pages}-{args.seed}"
    )
    cached, cached_same = cached_runs(build_dir, corpus, args.jobs, compiled_results)
    rows.extend(cached)
    print(
        f"{'approach':30} {'seconds':>9} {'CPU s':>8} {'pages/s':>9} {'SHACL results':>14} "
        f"{'peak MB':>8} {'units evaluated':>16}"
    )
    for name, r in rows:
        pps = pages / r["seconds"] if r["seconds"] else 0.0
        done = f"{int(r['evaluated'])}/{int(r['units'])}" if "units" in r else "-"
        print(
            f"{name:30} {r['seconds']:9.1f} {r['cpu']:8.1f} {pps:9.1f} {int(r['shacl']):14} "
            f"{r['peak_mb']:8.0f} {done:>16}"
        )
    print(f"results with the cache (unchanged) == without: {'yes' if cached_same else 'NO'}")
    best = min(r["seconds"] for name, r in rows if name.startswith("compiled"))
    if reference is not None:
        same = compiled_results.read_text("utf-8") == reference_results.read_text("utf-8")
        print(
            f"compiled results == pyshacl results: {'yes' if same else 'NO'} "
            f"({int(compiled['shacl'])} vs {int(reference['shacl'])})"
        )
        print(f"ratio pyshacl per page / fastest compiled run: {reference['seconds'] / best:.2f}")
    else:
        print(f"pyshacl skipped ({pages} pages > --pyshacl-pages {args.pyshacl_pages})")
    if whole is not None:
        total = whole["seconds"] + whole["load_seconds"]
        print(
            f"whole graph: {int(whole['triples'])} triples, rdflib parse "
            f"{whole['load_seconds']:.1f} s + pyshacl {whole['seconds']:.1f} s = {total:.1f} s"
        )
        print(f"ratio whole-graph parse + pyshacl / fastest compiled run: {total / best:.2f}")


if __name__ == "__main__":
    main()
