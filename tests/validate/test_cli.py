"""`kg validate`: formats, exit codes, user shapes, jobs, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner

from kg.cli import cli
from tests.validate.conftest import kgs, write_build

USER_SHAPE = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix kgv: <https://scidex.ai/kg/vocab#> .
@prefix ex: <https://example.org/shapes#> .

ex:LongTitle a sh:NodeShape ;
    sh:targetClass kgv:WikiPage ;
    sh:property [
        sh:path dcterms:title ;
        sh:minLength 30 ;
        sh:severity sh:Violation ;
        sh:message "Curators want titles of 30 characters or more" ;
    ] .
"""


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout


def run_with_err(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def build(mini: rdflib.Dataset, in_fixtures, tmp_path: Path) -> Path:
    return write_build(mini, tmp_path / "build")


def test_text_report_and_exit_codes(build: Path) -> None:
    code, out = run("validate", "--build-dir", str(build), "--no-reasoner")
    assert code == 0  # one warning: conforms at the default level
    assert out.startswith("kg validate: conforms (fail on violation): 0 violations, 1 warning")
    assert "  motor_mini.txt:11: warning: Motor Neurons <CL:0000100> rdfs:subClassOf" in out
    code, out = run("validate", "--build-dir", str(build), "--no-reasoner", "--fail-on", "warning")
    assert code == 1
    assert out.startswith("kg validate: DOES NOT CONFORM (fail on warning)")


def test_json_and_turtle_to_a_file(build: Path, tmp_path: Path) -> None:
    code, out = run("validate", "--build-dir", str(build), "--no-reasoner", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["counts"] == {"Violation": 0, "Warning": 1, "Info": 0}
    target = tmp_path / "report.ttl"
    code, out = run(
        "validate",
        "--build-dir",
        str(build),
        "--no-reasoner",
        "--format",
        "turtle",
        "-o",
        str(target),
    )
    assert code == 0 and out == ""
    g = rdflib.Graph().parse(target, format="turtle")
    assert len(list(g.objects(None, rdflib.URIRef("http://www.w3.org/ns/shacl#result")))) == 1


def test_user_shapes_are_merged_with_the_built_in_ones(build: Path, tmp_path: Path) -> None:
    extra = tmp_path / "my-shapes"
    extra.mkdir()
    (extra / "titles.ttl").write_text(USER_SHAPE, "utf-8")
    code, out = run(
        "validate",
        "--build-dir",
        str(build),
        "--no-reasoner",
        "--shapes",
        str(extra),
        "--format",
        "json",
    )
    data = json.loads(out)
    assert code == 1
    assert {r["source_shape"] for r in data["results"]} == {
        "https://example.org/shapes#LongTitle / dcterms:title",
        kgs("OntologyLineage"),
    }
    assert any(s.endswith("my-shapes/titles.ttl") for s in data["shapes"])


def test_jobs_give_the_same_report(build: Path) -> None:
    one = run("validate", "--build-dir", str(build), "--no-reasoner", "--format", "json")
    two = run("validate", "--build-dir", str(build), "--no-reasoner", "--format", "json", "-j", "2")
    assert one == two


def test_the_cli_exits_1_when_not_conforming(build: Path) -> None:
    args = ("validate", "--build-dir", str(build), "--no-reasoner")
    code, out, _ = run_with_err(*args, "--fail-on", "warning")
    assert code == 1 and "DOES NOT CONFORM" in out
    code, out, _ = run_with_err(*args)
    assert code == 0 and out.startswith("kg validate: conforms")


def test_a_missing_build_folder_is_an_input_error(tmp_path: Path) -> None:
    code, out, err = run_with_err("validate", "--build-dir", str(tmp_path / "nope"))
    assert code == 2
    assert out == ""
    assert err == (
        f"Error: {tmp_path / 'nope'}: build folder not found: run `kg build` first "
        "(or pass --build-dir)\n"
    )


def test_a_shapes_folder_with_bad_turtle_is_an_input_error(build: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad-shapes"
    bad.mkdir()
    (bad / "broken.ttl").write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\nsh:x sh:y", "utf-8"
    )
    code, _, err = run_with_err("validate", "--build-dir", str(build), "--shapes", str(bad))
    assert code == 2
    assert err.startswith(f"Error: {bad / 'broken.ttl'}")
    assert "not valid Turtle" in err


def test_an_unknown_format_is_a_usage_error(build: Path) -> None:
    code, _, err = run_with_err("validate", "--build-dir", str(build), "--format", "xml")
    assert code == 2
    assert "Invalid value for '--format'" in err


def test_the_format_choices_are_the_renderers() -> None:
    from kg.cli import validate_cmd
    from kg.validate.render import FORMATS

    assert sorted(validate_cmd.FORMATS) == sorted(FORMATS)
