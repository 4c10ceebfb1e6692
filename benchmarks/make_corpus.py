"""A seeded, deterministic benchmark corpus of SciDEX-like pages, built from real templates.

    python benchmarks/make_corpus.py --pages 18434 --seed 0 --out /tmp/corpus

Each page is one of three kinds, drawn with fixed weights from ``random.Random(f"{seed}:{i}")``:

- ``seed`` (50 %): one of the two real seed exports (seeds/), renamed;
- ``fixture`` (35 %): one of the fixture pages (tests/fixtures/pages, every rendering and its
  quirks: duplicated copies, malformed markup, broken diagrams), renamed;
- ``synth`` (15 %): a page of benchmarks/corpus.py in one of its renderings (cite, card,
  embed, bare, prism, history, entity) with that module's proportions.

*Renamed* means: the template's slug is replaced everywhere by a new slug ending in
``-<index>-syn`` (so that synthetic pages cannot be taken for real ones and no two pages share a
graph), its ``wp-…`` page ids are re-derived from the new slug, and its title is replaced by a
name from the corpus's list of cell types and genes (a third of the time it stays). Identifiers
(CL ids, database ids, PMIDs) are the templates' own. The mix averages about 10 KB per page,
close to the 181 MB / 18,434 pages of the real corpus. Same arguments, same bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import CELL_TYPES, GENES, SHELLS, render_page  # noqa: E402

KINDS = (("seed", 0.50), ("fixture", 0.35), ("synth", 0.15))
NAMES = tuple(c[0] for c in CELL_TYPES) + GENES
SKIP_FIXTURES = {"not_scidex.txt"}  # not a SciDEX page at all: it only tests the error path
_WP = re.compile(r"wp-[0-9a-f]{12}")


@dataclass(frozen=True, slots=True)
class Template:
    name: str  # file stem
    text: str
    slug: str | None  # as kg's reader finds it, None when the page gives none
    title: str | None


def load_templates(folder: Path) -> list[Template]:
    """The pages of ``folder`` with their slug and title as kg's own reader finds them."""
    from kg.pages import read_page
    from kg.parse import parse_page

    out = []
    for path in sorted(folder.glob("*.txt")):
        if path.name in SKIP_FIXTURES:
            continue
        parsed = parse_page(read_page(path))
        out.append(Template(path.stem, path.read_text("utf-8"), parsed.slug, parsed.title))
    return out


def rename(t: Template, rng: random.Random, index: int) -> str:
    """The template with a new slug, page id and (usually) title; see the module docstring."""
    text = t.text
    base = t.slug or re.sub(r"[^a-z0-9]+", "-", t.name.lower()).strip("-")
    new_slug = f"{base}-{index:05d}-syn"
    if t.slug:
        text = text.replace(t.slug, new_slug)
    wp = "wp-" + hashlib.sha256(new_slug.encode()).hexdigest()[:12]
    text = _WP.sub(wp, text)
    if t.title and len(t.title) > 3 and rng.random() < 2 / 3:
        text = text.replace(t.title, rng.choice(NAMES))
    return text


def _kind(rng: random.Random) -> str:
    x, acc = rng.random(), 0.0
    for kind, weight in KINDS:
        acc += weight
        if x < acc:
            return kind
    return KINDS[-1][0]


def make_corpus(out: Path, pages: int, seed: int = 0) -> list[Path]:
    """Write ``pages`` page files into ``out`` (created); their paths, sorted."""
    out.mkdir(parents=True, exist_ok=True)
    seeds = load_templates(ROOT / "seeds")
    fixtures = load_templates(ROOT / "tests" / "fixtures" / "pages")
    paths = []
    for i in range(pages):
        rng = random.Random(f"{seed}:{i}")
        kind = _kind(rng)
        if kind == "synth":
            shell = rng.choice(SHELLS)
            text, name = render_page(rng, shell, i), f"synth-{shell}"
        else:
            t = rng.choice(seeds if kind == "seed" else fixtures)
            text, name = rename(t, rng, i), f"{kind}-{t.name}"
        path = out / f"{i:05d}_{name}.txt"
        path.write_text(text, encoding="utf-8", newline="\n")
        paths.append(path)
    return sorted(paths)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=18434)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    files = make_corpus(args.out, args.pages, args.seed)
    size = sum(f.stat().st_size for f in files)
    print(f"{len(files)} pages, {size:,} bytes ({size / max(1, len(files)):,.0f} per page)")


if __name__ == "__main__":
    main()
