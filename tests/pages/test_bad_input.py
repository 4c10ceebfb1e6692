"""Bad input: each gives a partial result with warnings or a clear error naming file and line.

The click group (``kg.cli``) maps :class:`~kg.errors.KgError` to ``Error: FILE:LINE: message``
on stderr and exit code 2, so ``CliRunner`` sees the real exit code; the installed ``kg`` script
is checked once too.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import PageReadError
from kg.pages import Page, read_page
from kg.pages.page import MAX_PAGE_BYTES
from kg.parse import parse_file, parse_page
from kg.parse.model import LineRole, Shell
from tests.conftest import PAGE_FIXTURES_DIR
from tests.linearity import assert_linear

#: name -> (file bytes, the line the error must name)
BAD_FILES: dict[str, tuple[bytes, int]] = {
    "empty.txt": (b"", 1),
    "blank.txt": (b"\n  \n\t\n", 1),
    "binary.png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", 3),
    "latin1.txt": (
        "📗 Cite This Artifact\nMicroglia\n".encode() + "Caf\xe9 au lait\n".encode("latin-1"),
        3,
    ),
    "nul_late.txt": (b"Motor Neurons\n<table>\n<tr>\n<td>\x00</td>\n", 4),
}

#: Unclosed constructs repeated without end: a parser that rescans from each one is quadratic.
ADVERSARIAL = {
    "brackets": "[",
    "citations": "[@",
    "quoted": '["@',
    "wikilinks": "[[",
    "link-tails": "](",
    "tags": "<td",
    "comments": "<!--",
    "arrows": '-->|"',
    "nodes": 'A["',
    "pipes": "| ",
}


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_unreadable_file_raises_error_naming_file_and_line(tmp_path: Path, name: str) -> None:
    data, line = BAD_FILES[name]
    path = write(tmp_path, name, data)
    with pytest.raises(PageReadError) as exc:
        parse_file(path)
    assert exc.value.path == str(path)
    assert exc.value.line == line
    assert str(exc.value).startswith(f"{path}:{line}: ")


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_cli_exit_2_without_traceback(tmp_path: Path, name: str) -> None:
    data, line = BAD_FILES[name]
    path = write(tmp_path, name, data)
    code, out, err = run("parse", str(path))
    assert code == 2
    assert err.startswith(f"Error: {path}:{line}: "), err
    assert "Traceback" not in out + err


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_cli_runner_sees_exit_2_and_the_error_line(tmp_path: Path, name: str) -> None:
    """Regression: the KgError escaped click (CliRunner saw exit 1 and an exception)."""
    data, line = BAD_FILES[name]
    path = write(tmp_path, name, data)
    result = CliRunner().invoke(cli, ["parse", str(path), "--format", "json"])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"Error: {path}:{line}: ")
    assert "Traceback" not in result.stderr


def test_installed_kg_script_exit_2(tmp_path: Path) -> None:
    data, line = BAD_FILES["latin1.txt"]
    path = write(tmp_path, "latin1.txt", data)
    exe = shutil.which("kg")
    cmd = [exe] if exe else [sys.executable, "-m", "kg"]
    proc = subprocess.run(
        [*cmd, "parse", str(path)], capture_output=True, text=True, timeout=120, check=False
    )
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith(f"Error: {path}:{line}: "), proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr


def test_missing_file_and_folder(tmp_path: Path) -> None:
    for path in (tmp_path / "nope.txt", tmp_path):
        with pytest.raises(PageReadError) as exc:
            parse_file(path)
        assert str(path) in str(exc.value)
    code, _, err = run("parse", str(tmp_path / "nope.txt"))
    assert code == 2
    assert err.startswith(f"Error: {tmp_path / 'nope.txt'}") and "Traceback" not in err


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(MAX_PAGE_BYTES + 1)  # sparse: no real disk use
    with pytest.raises(PageReadError) as exc:
        parse_file(path)
    assert str(path) in str(exc.value)


@pytest.mark.timeout(120)
def test_single_20_mb_line_is_read_in_linear_time(tmp_path: Path) -> None:
    fragment = (
        "<td>[CL:0000100](https://www.ebi.ac.uk/ols4/ontologies/cl/classes/http%253A%252F%252F"
        "purl.obolibrary.org%252Fobo%252FCL_0000100)</td> [@rosen1993] [[genes-sod1]] "
        '<a href="/wiki/genes-sod1">SOD1</a> N0["Motor Neurons"] -->|"causes"| N1["ALS"] '
    )

    def make(size: int) -> str:
        return "📗 Cite This Artifact " + fragment * (size // len(fragment))

    def run(size: int) -> object:
        return parse_file(write(tmp_path, f"one_line_{size}.txt", make(size).encode("utf-8")))

    assert_linear(run, 250_000)
    text = make(20_000_000)
    assert "\n" not in text and len(text) >= 19_900_000
    result = parse_file(write(tmp_path, "one_line.txt", text.encode("utf-8")))
    assert len(result.lines) == 1
    for el in result.elements()[:1000]:
        assert text[el.span.start : el.span.end] == el.source


@pytest.mark.timeout(120)
@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_unclosed_constructs_do_not_blow_up(tmp_path: Path, name: str) -> None:
    piece = ADVERSARIAL[name]
    head = "📗 Cite This Artifact\nMotor Neurons\nMotor Neurons\n"

    def make(size: int) -> Page:
        text = head + piece * (size // len(piece)) + "\n" + (piece + " x\n") * (size // 50)
        return read_page(write(tmp_path, f"{name}-{size}.txt", text.encode("utf-8")))

    assert_linear(lambda size: parse_page(make(size)), 50_000)
    page = make(500_000)
    result = parse_page(page)
    assert len(result.lines) == page.line_count
    for el in result.elements()[:1000]:
        assert page.text[el.span.start : el.span.end] == el.source


def test_not_a_scidex_page_is_partial_with_warning() -> None:
    result = parse_file(PAGE_FIXTURES_DIR / "not_scidex.txt")
    assert result.shell is Shell.UNKNOWN
    assert result.problems, "a file that is not a SciDEX page must carry a warning"
    assert all(p.message for p in result.problems)
    assert len(result.lines) == 15


def test_not_a_scidex_page_through_cli() -> None:
    path = PAGE_FIXTURES_DIR / "not_scidex.txt"
    code, out, err = run("parse", str(path), "--format", "json")
    assert code == 0
    assert "unknown" in out
    assert "Traceback" not in out + err


@pytest.mark.parametrize(
    "tail",
    ['<td class="la', "<td", '<tr>\n<td class="label">Category</td>\n<td>Gl'],
)
def test_table_cut_off_at_end_of_file(tmp_path: Path, tail: str) -> None:
    head = (
        "📗 Cite This Artifact\nEpendymal Cells\nEpendymal Cells\n"
        '<table class="infobox infobox-cell">\n<tr>\n'
        '<th class="infobox-header" colspan="2">Ependymal Cells</th>\n</tr>\n'
    )
    path = write(tmp_path, "cut.txt", (head + tail).encode("utf-8"))  # no final newline
    result = parse_file(path)
    assert result.shell is Shell.CITE
    assert {p.code for p in result.problems} & {"unclosed-table", "truncated-copy"}
    box = result.infobox
    assert box is not None and box.complete is False
    assert len(result.lines) == read_page(path).line_count
    assert LineRole.UNUSED not in result.lines[:3]


def test_unclosed_table_fixture_through_cli() -> None:
    path = PAGE_FIXTURES_DIR / "unclosed_table.txt"
    code, out, err = run("parse", str(path))
    assert code == 0
    assert "unclosed-table" in out + err
    assert "Traceback" not in out + err
