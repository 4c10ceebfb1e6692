"""Grounding cost: loading the shipped vocabularies and grounding per page, against the
lexicon-only grounder (the plain approach before issue 10), in the same run.

    python benchmarks/bench_grounding.py [--repeat 5]

Prints the index load time (parsed from kg/data/vocab vs from the content-hash cache), and the
median extraction time per page (parse excluded) over the seeds and the fixture pages, with and
without the vocabularies, as a ratio.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from kg.extract import extract_page
from kg.ground import Grounder
from kg.ground.vocabulary import build_index, load_index, vocab_folder
from kg.pages import read_page
from kg.parse import parse_page

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    t = time.perf_counter()
    build_index(vocab_folder())
    parse_s = time.perf_counter() - t
    with tempfile.TemporaryDirectory() as cache:
        import os

        os.environ["KG_CACHE_DIR"] = cache
        load_index(vocab_folder())
        loads = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            load_index(vocab_folder())
            loads.append(time.perf_counter() - t)
    print(f"vocabulary index: parse {parse_s:.2f} s, cached load {statistics.median(loads):.3f} s")
    files = sorted((ROOT / "seeds").glob("*.txt")) + sorted(
        (ROOT / "tests/fixtures/pages").glob("*.txt")
    )
    pages = []
    for f in files:
        try:
            page = read_page(str(f))
            pages.append((page, parse_page(page)))
        except Exception:  # a fixture that is meant to fail
            continue
    full, plain = Grounder.load(), Grounder.load(vocabularies=False)
    times = {}
    for name, g in (("vocabularies", full), ("lexicon only", plain)):
        for page, parsed in pages:  # warm up (matcher built once per grounder)
            extract_page(page, parsed, g)
        runs = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            for page, parsed in pages:
                extract_page(page, parsed, g)
            runs.append((time.perf_counter() - t) / len(pages))
        times[name] = statistics.median(runs)
        print(f"extraction per page, {name}: {times[name] * 1000:.2f} ms ({len(pages)} pages)")
    print(f"ratio vocabularies / lexicon only: {times['vocabularies'] / times['lexicon only']:.2f}")


if __name__ == "__main__":
    main()
