"""`kg diagram --all --out DIR` with hostile page slugs: every file lands directly inside DIR."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from kg.cli import cli
from kg.pipeline import build
from kg.store.file_names import MAX_STEM, file_name, path_in
from kg.vocab import safe_slug
from tests.conftest import PAGE_FIXTURES_DIR

CITE = PAGE_FIXTURES_DIR / "cite_shell.txt"
HISTORY = PAGE_FIXTURES_DIR / "history_view.txt"
CITE_SLUG_ROW = "| slug | cell-types-microglia-in-neuroinflammation |"
HISTORY_LAST_KEY = '"entity_type": "gene"'


def _cite_page(folder: Path, name: str, slug: str) -> None:
    text = CITE.read_text("utf-8")
    assert CITE_SLUG_ROW in text
    (folder / name).write_text(text.replace(CITE_SLUG_ROW, f"| slug | {slug} |"), "utf-8")


def _history_page(folder: Path, name: str, raw_json_slug: str) -> None:
    """A history rendering whose JSON gains ``"slug": "<raw_json_slug>"`` (JSON escapes kept)."""
    text = HISTORY.read_text("utf-8")
    assert HISTORY_LAST_KEY in text
    extra = f'{HISTORY_LAST_KEY},\n  "slug": "{raw_json_slug}"'
    (folder / name).write_text(text.replace(HISTORY_LAST_KEY, extra), "utf-8")


def _files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()}


def test_hostile_slugs_stay_inside_the_out_folder(tmp_path: Path) -> None:
    """Regression: a slug like ``../../../X`` or ``/tmp/x/ESCAPED`` was written outside --out."""
    pages = tmp_path / "pages"
    pages.mkdir()
    (tmp_path / "abs").mkdir()  # where an absolute slug would land if it were used as a path
    absolute = str(tmp_path / "abs" / "ESCAPED")
    _cite_page(pages, "c0.txt", absolute)
    _cite_page(pages, "c1.txt", "../../../X")
    _cite_page(pages, "c2.txt", "a/b")
    _cite_page(pages, "c3.txt", "a_b")
    _history_page(pages, "h0.json", r"..\/..\/HX")
    _history_page(pages, "h1.json", r"\u002e\u002e/\u002e\u002e/UX")
    _history_page(pages, "h2.json", "s" * 5000)
    build_dir = tmp_path / "build"
    build([pages], out=build_dir)
    manifest = json.loads((build_dir / "manifest.json").read_text("utf-8"))
    slugs = {p["slug"] for p in manifest["inputs"] if p["status"] == "built"}
    # The fixtures are hostile as read (the JSON escapes decode to real ``..`` segments); a page's
    # slug is made safe once, where it is read (kg.vocab.safe_slug), and stays distinct.
    raw = [absolute, "../../../X", "../../HX", "../../UX", "s" * 5000, "a/b", "a_b"]
    assert {safe_slug(r) for r in raw} == slugs
    assert len(slugs) == len(raw)

    out = tmp_path / "run" / "a" / "b" / "out"
    before = _files(tmp_path)
    r = CliRunner().invoke(
        cli, ["diagram", "--all", "--build-dir", str(build_dir), "--out", str(out)]
    )
    new = _files(tmp_path) - before
    assert {p.parent for p in new} == {out}, sorted(map(str, new))
    assert r.exit_code == 0, r.output
    assert len(new) == len(slugs)  # each page its own file: distinct slugs, distinct names


def test_file_names_are_bounded_distinct_and_plain_when_safe() -> None:
    assert file_name("cell-types-motor-neurons", ".mmd") == "cell-types-motor-neurons.mmd"
    long = file_name("s" * 5000, ".mmd")
    assert len(long) <= MAX_STEM + 30
    variants = ["a/b", "a_b", "a-b", "A-B", "a\\b", "a b", "..", ".", "", "con", "\x1b]0;x\x07"]
    names = [file_name(v, ".mmd") for v in variants]
    assert len(set(names)) == len(variants)
    folder = Path("/srv/out")
    for v in variants:
        assert path_in(folder, v, ".mmd").parent == folder
