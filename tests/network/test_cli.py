"""`kg diagram`, `kg provenance`, `kg path` through click's CliRunner, on the fixture build."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from kg.cli import cli
from tests.network.conftest import CL_MOTOR_NEURON
from tests.network.graphml_check import assert_valid_graphml, read_graphml
from tests.network.mermaid_check import parse_flowchart


def run(*args: str) -> tuple[int, str, BaseException | None]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output, result.exception


def test_diagram_mermaid_to_stdout(fixture_build: Path) -> None:
    code, out, _ = run(
        "diagram", "Motor Neurons", "--build-dir", str(fixture_build), "--depth", "2"
    )
    assert code == 0
    chart = parse_flowchart(out)
    assert ("motor neuron", "expresses", "ISL1") in chart.label_edges()


def test_diagram_relations_and_max_edges(fixture_build: Path) -> None:
    code, out, _ = run(
        "diagram",
        "CL:0000100",
        "--build-dir",
        str(fixture_build),
        "--relations",
        "expresses,in taxon",
        "--max-edges",
        "2",
    )
    assert code == 0
    chart = parse_flowchart(out)
    assert len(chart.edges) == 2
    assert {rel for _, rel, _ in chart.edges} <= {"expresses", "in taxon"}


def test_diagram_unknown_relation_exits_2_with_a_hint(fixture_build: Path) -> None:
    """Regression (issue 12): ``--relations expresss`` drew the entity alone, exit 0."""
    args = ["diagram", "CL:0000100", "--build-dir", str(fixture_build)]
    result = CliRunner().invoke(cli, [*args, "--relations", "expresses,expresss"])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == (
        "Error: no relation 'expresss' in the build (--relations); did you mean 'expresses'?\n"
    )
    result = CliRunner().invoke(cli, [*args, "--relations", "RO:0002292"])
    assert result.exit_code == 0 and '-->|"expresses"|' in result.stdout


def test_diagram_graphml_file(fixture_build: Path, tmp_path: Path) -> None:
    out = tmp_path / "mn.graphml"
    code, _, _ = run(
        "diagram",
        "cell-types-motor-neurons",
        "--build-dir",
        str(fixture_build),
        "--format",
        "graphml",
        "-o",
        str(out),
    )
    assert code == 0
    assert_valid_graphml(out)
    g = read_graphml(out)
    assert CL_MOTOR_NEURON in g and g.number_of_edges() == 6


def test_diagram_all(fixture_build: Path, tmp_path: Path) -> None:
    code, out, _ = run(
        "diagram", "--all", "--out", str(tmp_path / "d"), "--build-dir", str(fixture_build)
    )
    assert code == 0
    names = sorted(p.name for p in (tmp_path / "d").iterdir())
    assert names == [
        "cell-types-ipsc-derived-motor-neurons.mmd",
        "cell-types-motor-neurons.mmd",
        "diseases-amyotrophic-lateral-sclerosis.mmd",
    ]
    for p in (tmp_path / "d").iterdir():
        parse_flowchart(p.read_text(encoding="utf-8"))
    assert "Wrote 3 diagram(s)" in out


def test_diagram_usage_errors(fixture_build: Path) -> None:
    code, out, _ = run("diagram", "--build-dir", str(fixture_build))
    assert code == 2 and "give an ENTITY" in out
    code, out, _ = run("diagram", "--all", "--build-dir", str(fixture_build))
    assert code == 2 and "--out" in out


def test_diagram_unknown_entity(fixture_build: Path) -> None:
    result = CliRunner().invoke(cli, ["diagram", "motor nueron", "--build-dir", str(fixture_build)])
    assert result.exit_code == 2 and result.stderr.startswith("Error: ")
    assert "closest matches: motor neuron (CL:0000100)" in result.stderr


def test_diagram_compare(fixture_build: Path) -> None:
    code, out, _ = run(
        "diagram",
        "diseases-amyotrophic-lateral-sclerosis",
        "--compare",
        "--build-dir",
        str(fixture_build),
    )
    assert code == 0
    assert "1 drawn only by the page, 1 only in the graph" in out


def test_diagram_compare_on_a_page_without_a_diagram(fixture_build: Path) -> None:
    """Regression (issue 12): exit 2 with an error; now exit 0, saying there is none."""
    code, out, _ = run("diagram", "CL:0000100", "--compare", "--build-dir", str(fixture_build))
    assert code == 0
    assert out.startswith("No diagram to compare: the page(s) of motor neuron (CL:0000100)")


def test_provenance_formats(fixture_build: Path) -> None:
    code, out, _ = run("provenance", "riluzole", "--build-dir", str(fixture_build))
    assert code == 0 and "source: pages/motor-neurons.txt:40" in out
    code, out, _ = run(
        "provenance", "riluzole", "--build-dir", str(fixture_build), "--format", "json"
    )
    assert code == 0 and json.loads(out)["facts"][0]["pages"] == [
        "cell-types-ipsc-derived-motor-neurons",
        "cell-types-motor-neurons",
    ]
    code, out, _ = run(
        "provenance",
        "CL:0000100",
        "--relation",
        "expresses",
        "--object",
        "HB9",
        "--format",
        "mermaid",
        "--build-dir",
        str(fixture_build),
    )
    assert code == 0 and ("motor neuron", "expresses", "HB9") in parse_flowchart(out).label_edges()


def test_path(fixture_build: Path) -> None:
    code, out, _ = run("path", "riluzole", "ISL1", "--build-dir", str(fixture_build))
    assert code == 0 and "1 shortest path(s) of length 3" in out
    code, out, _ = run(
        "path", "riluzole", "ISL1", "--max-length", "2", "--build-dir", str(fixture_build)
    )
    assert code == 1 and "No path" in out


def test_missing_build(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["diagram", "x", "--build-dir", str(tmp_path / "none")])
    assert result.exit_code == 2 and "run `kg build` first" in result.stderr
