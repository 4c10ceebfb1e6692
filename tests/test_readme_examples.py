"""Every ``kg ...`` example of README.md's "Using it" block, run as printed against a seeds build.

The commands are read from the README (not copied here): each line of a ``bash`` block that
starts with ``kg `` and runs on an existing build (query, diagram, provenance, path, parse,
validate, export). They run in a folder where ``build`` is the seeds build and ``seeds`` the
repository's seeds, so the default ``--build-dir build`` of the printed command is used.
"""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.ground.vocabulary import shipped_vocabularies
from tests.conftest import MOTOR_NEURONS_SEED, ROOT, SEEDS_DIR, line_of

README = ROOT / "README.md"
#: commands that read an existing build or page (build and push change things, so not run here)
RUN = {"query", "diagram", "provenance", "path", "parse", "validate", "export"}
_BLOCK = re.compile(r"^```bash\n(.*?)^```", re.M | re.S)


def readme_commands() -> list[str]:
    """The ``kg`` command lines of the README's bash blocks, comments removed."""
    out: list[str] = []
    for block in _BLOCK.findall(README.read_text("utf-8")):
        for line in block.splitlines():
            if not line.startswith("kg ") or line.rstrip().endswith("\\"):
                continue
            words = shlex.split(line, comments=True)
            if len(words) >= 2 and words[0] == "kg" and words[1] in RUN:
                out.append(shlex.join(words))
    return out


COMMANDS = readme_commands()


def hgnc_id(symbol: str) -> str:
    """The HGNC CURIE of an approved symbol, read from the shipped HGNC vocabulary."""
    found = {c for c, kind, written, _ in shipped_vocabularies().find(symbol) if kind == "symbol"}
    hgnc = sorted(c for c in found if c.startswith("HGNC:"))
    assert len(hgnc) == 1, (symbol, found)
    return hgnc[0]


@pytest.fixture()
def in_readme_folder(seed_build: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "build").symlink_to(seed_build, target_is_directory=True)
    (tmp_path / "seeds").symlink_to(SEEDS_DIR, target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(command: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, shlex.split(command)[1:], catch_exceptions=False)
    return result.exit_code, result.output


def test_the_readme_has_the_examples() -> None:
    verbs = {shlex.split(c)[1] for c in COMMANDS}
    assert {"query", "diagram", "provenance", "path"} <= verbs, COMMANDS


@pytest.mark.parametrize("command", COMMANDS)
def test_readme_example_gives_rows(in_readme_folder: Path, command: str) -> None:
    code, output = run(command)
    assert code in ((0, 1) if " validate" in command else (0,)), output
    written = [in_readme_folder / w for w in shlex.split(command) if w.endswith(".ttl")]
    text = output + "".join(p.read_text("utf-8") for p in written if p.exists())
    assert text.strip(), command
    assert not re.search(r"^0 rows?$|: 0 fact\(s\)$", output, re.M), output


def _example(verb: str, *words: str) -> str:
    return next(c for c in COMMANDS if shlex.split(c)[1] == verb and all(w in c for w in words))


def test_marker_query_names_mnx1(in_readme_folder: Path) -> None:
    mnx1 = hgnc_id("MNX1")
    for command in (_example("query", "SELECT"), _example("query", "markers")):
        code, output = run(command)
        assert code == 0 and mnx1 in output, (command, output)


def test_mnx1_statement_cites_william2003(in_readme_folder: Path) -> None:
    """The MNX1 marker fact carries the reference closing ``Marks ... identity[@william2003]``."""
    line = line_of(MOTOR_NEURONS_SEED, "identity[@william2003]")
    code, output = run(_example("provenance", "CL:0000100") + " --format json")
    assert code == 0
    mnx1 = hgnc_id("MNX1").replace("HGNC:", "hgnc:")
    facts = [f for f in json.loads(output)["facts"] if f["object"].endswith(mnx1)]
    assert facts, output
    stmts = [s for f in facts for s in f["statements"]]
    cited = [s for s in stmts if any(r["key"] == "william2003" for r in s["references"])]
    assert cited
    assert any(src["line_start"] == line for s in cited for src in s["sources"])


def test_diagram_of_motor_neuron_has_genes_and_diseases(in_readme_folder: Path) -> None:
    """Issue 11: the diagram of CL:0000100 has genes and diseases, not only places and taxa."""
    code, output = run(_example("diagram", "CL:0000100"))
    assert code == 0
    mnx1 = hgnc_id("MNX1").replace(":", "_")
    assert f'{mnx1}["MNX1"]' in output
    edges = [ln for ln in output.splitlines() if "-->" in ln]
    assert any(mnx1 in e and "CL_0000100" in e for e in edges), edges
    assert any("MONDO_" in e and "CL_0000100" in e for e in edges), edges


def test_path_example_finds_a_path(in_readme_folder: Path) -> None:
    code, output = run(_example("path"))
    assert code == 0 and "riluzole" in output.lower() and "motor neuron" in output.lower()
