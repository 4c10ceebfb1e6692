"""The installed `kg` script: help, version, and the README's main job (`kg build` on seeds/)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from kg.cli import COMMANDS
from tests.conftest import SEEDS_DIR


def _kg(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("kg")
    cmd = [exe, *args] if exe else [sys.executable, "-m", "kg", *args]
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=300)


def test_help_lists_every_command() -> None:
    out = _kg("--help")
    assert out.returncode == 0
    for name in COMMANDS:
        assert name in out.stdout


def test_python_dash_m_works() -> None:
    out = subprocess.run([sys.executable, "-m", "kg", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and "kg, version" in out.stdout


def test_kg_build_with_its_defaults_builds_seeds_then_export_and_validate_read_it(
    tmp_path: Path,
) -> None:
    shutil.copytree(SEEDS_DIR, tmp_path / "seeds")
    out = _kg("build", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr
    assert "2 pages (2 built" in out.stdout
    assert "ungrounded mentions:" in out.stdout
    assert (tmp_path / "build" / "dataset.nq").is_file() and (tmp_path / "build" / "store").is_dir()
    exported = _kg("export", "--format", "turtle", "-o", "kg.ttl", cwd=tmp_path)
    assert exported.returncode == 0, exported.stderr
    assert "CL:0000100" in (tmp_path / "kg.ttl").read_text("utf-8")


def test_kg_build_says_each_long_step_after_the_pages_on_stderr(tmp_path: Path) -> None:
    """At the wiki's size the dataset write and the store load take minutes after the pages'
    bar ends: each is named on stderr as it starts (a full load, then an update after an
    edit, then nothing for an unchanged rebuild), and stdout stays the summary alone."""
    pages, out = tmp_path / "pages", tmp_path / "b"
    shutil.copytree(SEEDS_DIR, pages)
    build = ("build", str(pages), "--out", str(out), "--no-validate")
    first = _kg(*build)
    assert first.returncode == 0, first.stderr
    lines = first.stderr.splitlines()
    quads = len((out / "dataset.nq").read_bytes().splitlines())
    assert "Writing dataset.nq (4 graphs) ..." in lines  # 2 pages, terms, build
    assert f"Loading the store ({quads:,} quads) ..." in lines
    assert lines.index("Writing dataset.nq (4 graphs) ...") < lines.index(
        f"Loading the store ({quads:,} quads) ..."
    )
    assert "Writing dataset.nq" not in first.stdout
    page = sorted(pages.glob("*.txt"))[0]
    page.write_text(page.read_text("utf-8") + "\nAn added closing line.\n", "utf-8")
    edited = _kg(*build)
    assert edited.returncode == 0, edited.stderr
    assert "Updating the store (1 page graph changed) ..." in edited.stderr.splitlines()
    assert "Loading the store" not in edited.stderr
    again = _kg(*build)
    assert again.returncode == 0, again.stderr
    assert "Writing dataset.nq" not in again.stderr and "the store" not in again.stderr


def test_kg_build_without_seeds_is_a_clear_error(tmp_path: Path) -> None:
    out = _kg("build", cwd=tmp_path)
    assert out.returncode == 2
    assert out.stderr.startswith("Error: seeds: no such file or folder")
    assert "Traceback" not in out.stderr


def test_a_missing_ontology_gets_the_builds_error_with_or_without_validation(
    tmp_path: Path,
) -> None:
    """The reasoner's child, started ahead when validation follows, must not answer first: the
    build's own error names the file, the same without validation."""
    missing = tmp_path / "nope.owl"
    runs = [
        _kg("build", str(SEEDS_DIR), "--out", str(tmp_path / "b"), "--ontology", str(missing), *x)
        for x in ((), ("--no-validate",))
    ]
    for out in runs:
        assert out.returncode == 2
        assert out.stderr.strip() == f"Error: {missing}: ontology or lexicon file not found"


def test_commands_on_a_missing_build_say_how_to_make_one(tmp_path: Path) -> None:
    out = _kg("export", "--build-dir", str(tmp_path / "nope"), cwd=tmp_path)
    assert out.returncode == 2
    assert "run `kg build` first" in out.stderr and "Traceback" not in out.stderr


def test_export_format_choices_match_the_exporters() -> None:
    from kg.cli.export_cmd import FORMAT_NAMES
    from kg.export import FORMATS

    assert tuple(sorted(FORMATS)) == FORMAT_NAMES


def test_help_does_not_import_the_heavy_libraries() -> None:
    code = (
        "import sys; from kg.cli import cli, COMMANDS\n"
        "[cli.get_command(None, n) for n in COMMANDS]\n"
        "heavy = [m for m in ('rdflib', 'pyshacl', 'owlready2', 'networkx', 'curies', 'kg.export')"
        " if m in sys.modules]\n"
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
