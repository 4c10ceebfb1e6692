"""Parse benchmark: pages per second and MB per second for ``kg.parse.parse_page``.

    python benchmarks/bench_parse.py --pages 2000

Generates the synthetic corpus (benchmarks/corpus.py) into benchmarks/out/corpus-<n>-<seed>/
(git-ignored), reads every page once, then times, over the same in-memory pages:

* ``parse_page``: the reader under test;
* ``split lines``: splitting the text into lines (a floor: the least any reader must do);
* ``html.parser``: the standard library's HTMLParser fed each page (a plain tag tokenizer).

Each is run ``--repeat`` times and the best run is reported, with the ratio of each baseline's
time to ``parse_page``'s. No result is asserted; timings depend on the machine.
"""

from __future__ import annotations

import argparse
import html.parser
import platform
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks.corpus import generate_corpus  # noqa: E402
from kg.pages import Page, read_page  # noqa: E402
from kg.parse import parse_page  # noqa: E402


class _TagCounter(html.parser.HTMLParser):
    """The baseline tokenizer: counts start tags, nothing else."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags += 1


def _split_lines(page: Page) -> int:
    return len(page.text.split("\n"))


def _html_parser(page: Page) -> int:
    parser = _TagCounter()
    parser.feed(page.text)
    parser.close()
    return parser.tags


def _parse(page: Page) -> int:
    return len(parse_page(page).elements())


def best_time(fn: Callable[[Page], int], pages: Sequence[Page], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for page in pages:
            fn(page)
        best = min(best, time.perf_counter() - started)
    return best


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=2000, help="pages in the corpus")
    ap.add_argument("--seed", type=int, default=0, help="corpus seed")
    ap.add_argument("--repeat", type=int, default=3, help="runs per approach (best is kept)")
    ap.add_argument("--out", type=Path, default=HERE / "out", help="where the corpus is written")
    args = ap.parse_args(argv)

    corpus_dir = args.out / f"corpus-{args.pages}-{args.seed}"
    paths = generate_corpus(corpus_dir, args.pages, args.seed)
    pages = [read_page(p) for p in paths]
    n_bytes = sum(len(p.text.encode("utf-8")) for p in pages)
    n_lines = sum(p.line_count for p in pages)
    for page in pages[:20]:  # warm-up: imports, regex compilation
        parse_page(page)

    elements = sum(_parse(p) for p in pages)
    results = {
        "parse_page": best_time(_parse, pages, args.repeat),
        "split lines": best_time(_split_lines, pages, args.repeat),
        "html.parser": best_time(_html_parser, pages, args.repeat),
    }
    mb = n_bytes / 1e6
    print(f"corpus: {len(pages)} pages, {n_lines:,} lines, {mb:.2f} MB ({corpus_dir})")
    print(f"python {platform.python_version()} on {platform.machine()}, best of {args.repeat}")
    print(f"parse_page found {elements:,} elements ({elements / len(pages):.0f} per page)")
    print(f"{'approach':<14}{'seconds':>10}{'pages/s':>12}{'MB/s':>10}{'vs parse_page':>16}")
    base = results["parse_page"]
    for name, secs in results.items():
        ratio = secs / base if base else float("nan")
        print(
            f"{name:<14}{secs:>10.3f}{len(pages) / secs:>12,.0f}{mb / secs:>10.2f}{ratio:>15.3f}x"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
