"""Reading page files (kg.pages) and `kg parse` on good pages."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.pages import Page, find_pages, read_page
from kg.pages.page import found_pages
from kg.parse import parse_file
from kg.parse.model import Shell
from tests.conftest import IPSC_SEED, MOTOR_NEURONS_SEED, PAGE_FIXTURES_DIR, SEEDS_DIR

FIXTURES = sorted(PAGE_FIXTURES_DIR.glob("*.txt"))


def test_read_page_keeps_text_and_hashes_bytes() -> None:
    page = read_page(MOTOR_NEURONS_SEED)
    data = MOTOR_NEURONS_SEED.read_bytes()
    assert page.text == data.decode("utf-8")
    assert page.sha256 == hashlib.sha256(data).hexdigest()
    assert page.path == str(MOTOR_NEURONS_SEED)
    text = data.decode("utf-8")
    assert page.line_count == text.count("\n") + (0 if text.endswith("\n") else 1)
    assert page.line_starts[1] == text.index("\n") + 1


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        ("a\nbb\nccc", (0, 2, 5)),
        ("a\nbb\n", (0, 2)),
        ("one line", (0,)),
        ("a\r\nb\r\n", (0, 3)),
        ("\n\nx", (0, 1, 2)),
    ],
)
def test_line_starts(text: str, starts: tuple[int, ...]) -> None:
    assert Page.from_text(text).line_starts == starts


def test_byte_order_mark_stays_in_the_text(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    body = (PAGE_FIXTURES_DIR / "cite_shell.txt").read_text(encoding="utf-8")
    path.write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    page = read_page(path)
    assert page.text.startswith("\ufeff📗")
    result = parse_file(path)
    assert result.shell is Shell.CITE
    for el in result.elements():
        assert page.text[el.span.start : el.span.end] == el.source, el.id


def test_find_pages_sorted_once_without_hidden(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a.md").write_text("x", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("x", encoding="utf-8")
    (tmp_path / "notes.pdf").write_text("x", encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "c.txt").write_text("x", encoding="utf-8")
    found = list(find_pages([tmp_path, tmp_path / "a.md"]))
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["a.md", "b.txt", "sub/c.txt"]


def _rglob_pages(paths: list[Path]) -> list[tuple[Path, Path]]:
    """The walk find_pages did before (rglob, a stat and a resolve per file): the reference."""
    seen: set[Path] = set()
    found: list[tuple[Path, Path]] = []
    for p in paths:
        cands = [c for c in p.rglob("*") if c.is_file()] if p.is_dir() else [p]
        for c in cands:
            if p.is_dir() and c.suffix.lower() not in (".txt", ".md", ".html", ".json"):
                continue
            key = c.resolve() if c.exists() else c
            if key not in seen and not c.name.startswith("."):
                seen.add(key)
                found.append((c, key))
    return sorted(found, key=lambda pair: str(pair[0]))


def test_found_pages_walk_as_rglob_did(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Linked files count once (by their target), linked folders are not entered, hidden
    files are skipped, suffixes match in any case; each file comes with its resolved path."""
    root = tmp_path / "pages"
    (root / "deep" / "deeper").mkdir(parents=True)
    (root / ".git").mkdir()
    for name in ("a.txt", "B.MD", "deep/c.html", "deep/deeper/d.json", ".git/e.txt", "x.pdf"):
        (root / name).write_text("x", encoding="utf-8")
    (root / ".hidden.txt").write_text("x", encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "o.txt").write_text("x", encoding="utf-8")
    (root / "link.txt").symlink_to(root / "a.txt")  # the same file twice: once
    (root / "out.txt").symlink_to(outside / "o.txt")
    (root / "linked-folder").symlink_to(outside, target_is_directory=True)  # not entered
    (root / "broken.txt").symlink_to(tmp_path / "missing.txt")
    monkeypatch.chdir(tmp_path)
    for given in ([root], [Path("pages")], [Path("pages"), Path("pages/a.txt")], [outside, root]):
        assert found_pages(given) == _rglob_pages(given), given
        assert list(find_pages(given)) == [c for c, _ in _rglob_pages(given)]
    names = [c.name for c, _ in found_pages([root])]
    assert "link.txt" not in names or "a.txt" not in names
    assert "out.txt" in names and "o.txt" not in names and "e.txt" in names


def test_find_pages_on_seeds() -> None:
    assert list(find_pages([SEEDS_DIR])) == [MOTOR_NEURONS_SEED, IPSC_SEED]


# -- `kg parse` on good pages -----------------------------------------------------------------


@pytest.mark.parametrize("path", [MOTOR_NEURONS_SEED, *FIXTURES], ids=lambda p: p.name)
def test_cli_parse_json(path: Path) -> None:
    result = CliRunner().invoke(cli, ["parse", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    parsed = parse_file(path)
    text = json.dumps(data, ensure_ascii=False)
    assert parsed.shell.value in text
    if parsed.title:
        assert parsed.title in text
    assert "Traceback" not in result.output


def test_cli_parse_json_is_deterministic() -> None:
    args = ["parse", str(IPSC_SEED), "--format", "json"]
    first = CliRunner().invoke(cli, args)
    second = CliRunner().invoke(cli, args)
    assert first.exit_code == second.exit_code == 0
    assert first.stdout == second.stdout


def test_cli_parse_text_names_title_and_lines() -> None:
    result = CliRunner().invoke(cli, ["parse", str(MOTOR_NEURONS_SEED)])
    assert result.exit_code == 0, result.output
    assert "Motor Neurons" in result.stdout
    assert "CL:0000100" in result.stdout
    assert "Riluzole" in result.stdout


def test_cli_parse_reports_warnings_for_partial_pages() -> None:
    for name in ("not_scidex.txt", "unclosed_table.txt"):
        path = PAGE_FIXTURES_DIR / name
        result = CliRunner().invoke(cli, ["parse", str(path), "--format", "json"])
        assert result.exit_code == 0, result.output
        codes = {p.code for p in parse_file(path).problems}
        assert codes and all(code in result.output for code in codes), (codes, result.output)
