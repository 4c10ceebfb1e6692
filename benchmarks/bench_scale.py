"""`kg build --no-validate`, `kg export` and a 2-hop query at corpus scale; median of 3 runs.

    python benchmarks/bench_scale.py                 # 18,434 pages (the size of SciDEX's wiki)
    python benchmarks/bench_scale.py --pages 2000    # a quick run
    python benchmarks/bench_scale.py --corpus DIR    # pages already made by make_corpus.py
    python benchmarks/bench_scale.py --corpus DIR --out B --validation-only   # reuse a build

Every command runs as ``python -m kg ...`` in a fresh subprocess, timed by wall clock. Peak
memory is reported two ways: the largest single process (``ru_maxrss`` of the children) and
the process tree (the sum of the RSS of the command and its descendants, polled every 50 ms
from /proc). Then: the build folder's parts in bytes, quads per fact, dataset bytes per page,
export to N-Quads (plain and gzip), a 2-hop SPARQL query through ``kg query``, and the plain
approach for comparison: an rdflib ``Dataset`` parsing and serialising the first
``--plain-quads`` quads of the dataset, extrapolated linearly to the whole dataset (rdflib is
linear or worse here, so the extrapolation flatters it). Last, unless ``--skip-validate``:
``kg validate`` from an empty result cache and again with nothing changed (reports compared),
and ``kg build`` with its validation with nothing changed and after one page is edited (the
edit is undone afterwards); wall and CPU seconds (the command and its descendants) and the
tree's peak RSS and PSS (RSS counts twice what a forked process shares with its parent).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from benchmarks.make_corpus import make_corpus  # noqa: E402

PAGE = 4096
#: two hops out of every motor-neuron statement: the facts about what motor neurons express
TWO_HOP = (
    "SELECT ?marker ?p ?o WHERE { ?cell RO:0002292 ?marker . ?marker ?p ?o . "
    'GRAPH kg:graph-terms { ?cell skos:prefLabel "motor neuron" } } LIMIT 10000'
)
PLAIN = """
import json, resource, sys, time
import rdflib
t = time.perf_counter()
ds = rdflib.Dataset()
ds.parse(sys.argv[1], format="nquads")
data = ds.serialize(format="nquads", encoding="utf-8")
print(json.dumps({"seconds": time.perf_counter() - t,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        kids.setdefault(ppid, []).append(int(entry.name))
    return kids


def _tree_rss(root: int) -> tuple[int, int]:
    """(RSS, PSS) summed over the process tree of ``root``, in bytes. The RSS sum counts twice
    the pages a forked process still shares with its parent (kg validate forks its ontology
    checks); PSS (``/proc/PID/smaps_rollup``) splits each shared page between its sharers, so
    its sum is the memory the tree really holds."""
    kids, rss, pss, todo = _children(), 0, 0, [root]
    while todo:
        pid = todo.pop()
        with contextlib.suppress(OSError, IndexError, ValueError):
            rss += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
        with contextlib.suppress(OSError, IndexError, ValueError):
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    pss += int(line.split()[1]) * 1024
                    break
        todo.extend(kids.get(pid, ()))
    return rss, pss


@dataclass
class Run:
    seconds: float
    tree_peak: int  # bytes: the largest RSS sum over the process tree
    stdout: str
    cpu: float = 0.0  # user + system seconds of the command and its descendants
    pss_peak: int = 0  # bytes: the largest PSS sum over the process tree


KG_ROOT = ROOT  # the source tree whose kg runs (--kg-root: compare with another checkout)


def run(args: list[str], *, cwd: Path = ROOT) -> Run:
    """Run ``python -m kg ARGS``; wall seconds and the process tree's peak RSS."""
    env = {**os.environ, "PYTHONPATH": str(KG_ROOT)}
    t = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg", *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    peak = pss = 0
    done = threading.Event()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)

    def poll() -> None:
        nonlocal peak, pss
        while not done.is_set():
            now_rss, now_pss = _tree_rss(proc.pid)
            peak, pss = max(peak, now_rss), max(pss, now_pss)
            done.wait(0.05)

    th = threading.Thread(target=poll, daemon=True)
    th.start()
    out, err = proc.communicate()
    seconds = time.perf_counter() - t
    done.set()
    th.join()
    if proc.returncode not in (0, 1) or (
        args[:1] == ["build"]
        and not (Path(args[args.index("--out") + 1]) / "manifest.json").exists()
    ):
        raise SystemExit(f"kg {' '.join(args)} failed ({proc.returncode}):\n{err[-3000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(seconds, peak, out, cpu, pss)


def median_run(make: list[str], repeat: int, before: object = None) -> tuple[float, int]:
    secs, peaks = [], []
    for _ in range(repeat):
        if callable(before):
            before()
        r = run(make)
        secs.append(r.seconds)
        peaks.append(r.tree_peak)
    return statistics.median(secs), max(peaks)


def du(path: Path) -> int:
    """Bytes on disk under ``path`` (following the build folder's links once)."""
    path = path.resolve()
    if path.is_file():
        return path.stat().st_size
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def parts(out: Path) -> dict[str, int]:
    found = {}
    names = ("dataset.nq", "dataset.nq.gz", "store", "cache", "validation-cache", "manifest.json")
    for name in names:
        if (out / name).exists():
            found[name] = du(out / name)
    found["total"] = du(out)
    return found


def print_parts(title: str, found: dict[str, int]) -> None:
    print(title)
    for name, n in found.items():
        print(f"    {name:16} {n:15,}")


def plain(dataset: Path, n: int, tmp: Path) -> dict[str, float]:
    import gzip

    sample = tmp / "plain-sample.nq"
    opener = gzip.open if dataset.suffix == ".gz" else open
    with opener(dataset, "rb") as src, sample.open("wb") as dst:
        for i, line in enumerate(src):
            if i >= n:
                break
            dst.write(line)
    out = subprocess.run(
        [sys.executable, "-c", PLAIN, str(sample)], check=True, capture_output=True, text=True
    )
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=18434)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--corpus", type=Path, help="an existing corpus folder (else one is made)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--plain-quads", type=int, default=200_000)
    ap.add_argument("--tmp", type=Path, default=None, help="where builds go (default: a temp dir)")
    ap.add_argument("--kg-root", type=Path, default=ROOT, help="run kg from this source tree")
    ap.add_argument(
        "--out", type=Path, help="build into this folder and keep it (it is emptied first)"
    )
    ap.add_argument(
        "--validation-only",
        action="store_true",
        help="with --out holding a build of --corpus: only the validation and edit figures",
    )
    ap.add_argument(
        "--skip-validate", action="store_true", help="skip the kg validate and edit figures"
    )
    ap.add_argument(
        "--check-edit",
        action="store_true",
        help="also validate the edited build without the cache and compare the reports",
    )
    args = ap.parse_args()
    global KG_ROOT
    KG_ROOT = args.kg_root.resolve()
    if args.tmp is not None:
        Path(args.tmp).mkdir(parents=True, exist_ok=True)  # --tmp names a folder to use
    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-", dir=args.tmp))
    try:
        _bench(args, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _bench(args: argparse.Namespace, tmp: Path) -> None:
    corpus = args.corpus
    if corpus is None:
        corpus = tmp / "corpus"
        make_corpus(corpus, args.pages, args.seed)
    files = sorted(corpus.glob("*.txt"))
    size = sum(f.stat().st_size for f in files)
    print(
        f"corpus: {len(files):,} pages, {size / 1e6:.1f} MB; {args.jobs} jobs, {os.cpu_count()} cpus"
    )
    out = args.out.resolve() if args.out else tmp / "build"
    if args.validation_only:
        if not (out / "manifest.json").is_file():
            raise SystemExit(f"--validation-only: no build in {out} (run once with --out first)")
        # untimed: the folder brought up to date with the corpus (a page edited since it was
        # built would make the "nothing changed" build below a one-page edit)
        run(["build", "--jobs", str(args.jobs), "--no-validate", "--out", str(out), str(corpus)])
        _validation(args, corpus, files, out, tmp)
        return
    build = ["build", "--no-validate", "--jobs", str(args.jobs), "--out", str(out), str(corpus)]
    wall, peak = median_run(build, args.repeat, before=lambda: shutil.rmtree(out, True))
    single = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    summary = manifest["summary"]
    quads, facts = summary["quads"], sum(i.get("facts", 0) for i in manifest["inputs"])
    built = summary["built"]
    print(f"\nkg build --no-validate (median of {args.repeat}, fresh folder each run)")
    print(f"  wall              {wall:10.1f} s")
    print(
        f"  pages/s           {len(files) / wall:10.0f}   ({built:,} built, {summary['failed']:,} failed)"
    )
    print(
        f"  quads/s           {quads / wall:10.0f}   ({quads:,} quads, {summary['triples']:,} distinct triples)"
    )
    print(f"  peak RSS, tree    {peak / 2**20:10.0f} MB (sum over the process tree, polled)")
    print(f"  peak RSS, 1 proc  {single / 2**20:10.0f} MB (largest single process)")
    print(f"  quads per fact    {quads / max(1, facts):10.1f}   ({facts:,} facts)")
    p = parts(out)
    dataset = next(out / n for n in ("dataset.nq", "dataset.nq.gz") if (out / n).exists())
    print(f"  dataset bytes/page{p[dataset.name] / max(1, built):10.0f}")
    print_parts("  build folder parts (bytes):", p)
    w2, _ = median_run(build, args.repeat)
    print(f"  rebuild, nothing changed: {w2:.1f} s")
    for fmt, target in (("nquads", "kg.nq"), ("nquads", "kg.nq.gz")):
        dest = tmp / target
        w, pk = median_run(
            ["export", "--build-dir", str(out), "--format", fmt, "-o", str(dest)], args.repeat
        )
        print(
            f"\nkg export --format {fmt} -o {target}: {w:.1f} s, peak {pk / 2**20:.0f} MB, {dest.stat().st_size:,} bytes"
        )
    q = ["query", "--build-dir", str(out), "--format", "tsv", TWO_HOP]
    w, _ = median_run(q, args.repeat)
    rows = run(q).stdout.count("\n") - 1
    print(f"\n2-hop query through `kg query` (process start included): {w:.2f} s, {rows:,} rows")
    pl = plain(dataset, args.plain_quads, tmp)
    est = pl["seconds"] * quads / args.plain_quads
    print(
        f"\nplain approach: rdflib Dataset parse + serialize of {args.plain_quads:,} quads: "
        f"{pl['seconds']:.1f} s, peak {pl['peak_mb']:.0f} MB"
    )
    print(
        f"  extrapolated linearly to {quads:,} quads: {est:,.0f} s and "
        f"{pl['peak_mb'] * quads / args.plain_quads / 1024:,.1f} GB"
    )
    print(f"  ratio plain (parse+serialize only) / kg build (everything): {est / wall:.1f}x")
    if not args.skip_validate:
        _validation(args, corpus, files, out, tmp)


def _validation(
    args: argparse.Namespace, corpus: Path, files: list[Path], out: Path, tmp: Path
) -> None:
    """`kg validate` with an empty result cache and again (nothing changed), then `kg build`
    with its validation: nothing changed, and one page edited (then the edit is undone)."""
    jobs = str(args.jobs)

    def validate(name: str, *extra: str) -> tuple[Run, bytes]:
        report = tmp / f"{name}.json"
        r = run(["validate", "--build-dir", str(out), "--jobs", jobs, "--format", "json",
                 "-o", str(report), *extra])  # fmt: skip
        return r, report.read_bytes()

    shutil.rmtree(out / "validation-cache", ignore_errors=True)
    cold, first = validate("cold")
    warm, again = validate("warm")
    print(
        f"\nkg validate --jobs {jobs} ({len(files):,} pages; reasoner included when Java is here)"
    )
    for name, r in (("empty result cache", cold), ("nothing changed", warm)):
        print(
            f"  {name:22} {r.seconds:8.1f} s wall {r.cpu:8.1f} s CPU "
            f"{r.tree_peak / 2**20:6.0f} MB peak RSS / {r.pss_peak / 2**20:6.0f} MB PSS (tree)"
            f"  {len(files) / r.seconds:7.1f} pages/s"
        )
    print(f"  reports identical: {'yes' if first == again else 'NO'}")
    print_parts(
        "  build folder parts after validation (bytes; validation-cache: the results kept):",
        parts(out),
    )
    build = ["build", "--jobs", jobs, "--out", str(out), str(corpus)]  # as the build above
    same = run(build)
    page = files[len(files) // 2]
    before = page.read_bytes()
    try:
        page.write_bytes(before + b"\nAn added closing line.\n")
        edited = run(build)
        print("\nkg build (validation included)")
        print(f"  nothing changed        {same.seconds:8.1f} s wall {same.cpu:8.1f} s CPU")
        print(
            f"  one page edited        {edited.seconds:8.1f} s wall {edited.cpu:8.1f} s CPU "
            f"{edited.tree_peak / 2**20:6.0f} MB peak RSS / {edited.pss_peak / 2**20:6.0f} MB "
            "PSS (tree)"
        )
        if args.check_edit:
            _, cached = validate("edited")
            _, fresh = validate("edited-fresh", "--no-cache")
            print(
                f"  edited: report == kg validate --no-cache: {'yes' if cached == fresh else 'NO'}"
            )
    finally:
        page.write_bytes(before)
        run(build)


if __name__ == "__main__":
    main()
