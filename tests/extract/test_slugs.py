"""A page's slug becomes IRIs: whatever the page says, the minted IRIs are valid and readable.

Regression: a slug with a space, ``>``, ``\\``, CR, LF or NUL failed the whole page
(``not a valid IRI``), and a slug of ``..`` or one ending in ``.`` gave ``kg:entity-.\\.`` in the
Turtle and TriG exports, which rdflib cannot read back.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
import rdflib

from kg.export.formats import export
from kg.pipeline import build
from kg.vocab import MAX_SLUG, safe_slug
from tests.conftest import PAGE_FIXTURES_DIR

HOSTILE = ["a b", "x>y", "a\\b", "a\rb", "a\nb", "a\x00b", "..", ".", "ends.", "-", "é", "s" * 5000]
SAFE = re.compile(r"[A-Za-z0-9_-]+")


@pytest.mark.parametrize("raw", [*HOSTILE, "cell-types-motor-neurons", "genes-apoe", "a_b"])
def test_safe_slug_is_plain_bounded_and_keeps_plain_slugs(raw: str) -> None:
    slug = safe_slug(raw)
    assert SAFE.fullmatch(slug), slug
    assert len(slug) <= MAX_SLUG
    if SAFE.fullmatch(raw) and len(raw) <= MAX_SLUG and not raw.startswith("-"):
        assert slug == raw  # real slugs keep their IRIs


def test_different_raw_slugs_stay_apart() -> None:
    raws = [*HOSTILE, "a-b", "a/b", "a_b", "s" * 5001]
    assert len({safe_slug(r) for r in raws}) == len(raws)


def _page(folder: Path, i: int, slug: str) -> None:
    md = f"# Page {i}\n\nMotor neurons degenerate in amyotrophic lateral sclerosis.\n"
    record = {"slug": slug, "title": f"Page {i}", "content_md": md}
    (folder / f"h{i}.json").write_text(json.dumps(record), "utf-8")


def test_pages_with_hostile_slugs_build_and_export_readable_rdf(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    for i, slug in enumerate(HOSTILE):
        _page(pages, i, slug)
    build_dir = tmp_path / "build"
    build([pages], out=build_dir)
    manifest = json.loads((build_dir / "manifest.json").read_text("utf-8"))
    status = {p["file"]: (p["status"], p.get("error")) for p in manifest["inputs"]}
    assert all(s == "built" for s, _ in status.values()), status
    for fmt, parse_as in (("turtle", "turtle"), ("trig", "trig"), ("nquads", "nquads")):
        buf = io.BytesIO()
        export(build_dir, fmt, buf)
        ds = rdflib.Dataset()
        ds.parse(data=buf.getvalue(), format=parse_as)  # rdflib reads back what kg wrote
        assert len(ds) > 0
        graphs = {str(g.identifier) for g in ds.graphs()}
        page_graphs = {g for g in graphs if "/kg/graph-" in g} - {
            g for g in graphs if g.endswith(("graph-terms", "graph-build"))
        }
        if fmt != "turtle":
            assert len(page_graphs) == len(HOSTILE), sorted(page_graphs)


def test_a_carriage_return_inside_a_line_does_not_fail_the_page(tmp_path: Path) -> None:
    """Regression: mixed line endings put ``\\r📖 Wiki Page`` into the cite shell's slug cell,
    and the whole page failed with ``not a valid IRI: '...\\r📖 Wiki Page'``, naming no file."""
    cite = (PAGE_FIXTURES_DIR / "cite_shell.txt").read_text("utf-8")
    row = "| slug | cell-types-microglia-in-neuroinflammation |"
    assert row in cite
    raw = "cell-types-microglia\r📖 Wiki Page"
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "cite.txt").write_bytes(cite.replace(row, f"| slug | {raw} |").encode())
    build([pages], out=tmp_path / "build")
    manifest = json.loads((tmp_path / "build" / "manifest.json").read_text("utf-8"))
    (entry,) = manifest["inputs"]
    assert entry["status"] == "built", entry
    assert entry["slug"] == safe_slug(raw) != raw  # the page's own slug, cleaned
