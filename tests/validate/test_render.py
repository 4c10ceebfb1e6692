"""The report as text, JSON and Turtle (the standard SHACL report graph)."""

from __future__ import annotations

import json

import rdflib
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, SH

from kg import vocab as v
from kg.validate import Severity, summary_line, validate_graph
from kg.validate.render import render
from kg.validate.report import Location, Report, ValidationResult
from tests.validate.conftest import MINI_TXT, MNX1, PRIMARY, kgs, page_graph, rename, sh


def _broken(mini: rdflib.Dataset) -> Report:
    page_graph(mini).remove((None, PRIMARY, None))  # three references, none cited
    rename(mini, MNX1, URIRef("https://identifiers.org/hgnc:MNX1"))
    return validate_graph(mini)


def test_text_starts_with_the_verdict_and_counts(mini, in_fixtures) -> None:
    text = render(_broken(mini), "text")
    lines = text.splitlines()
    assert lines[0] == (
        "kg validate: DOES NOT CONFORM (fail on violation): 1 violation, 3 warnings, 0 info "
        "in 1 page"
    )
    assert lines[1] == "checks: shacl, evidence"
    assert lines[3:6] == [
        "by shape / constraint:",
        "  violation     1  kgs:GeneShape  (sh:PatternConstraintComponent)",
        "  warning       3  kgs:Reference-cited  (sh:MinCountConstraintComponent)",
    ]
    assert "== fixture-motor-neurons  motor_mini.txt ==" in lines


def test_text_lines_point_at_file_and_line_with_the_quote(mini, in_fixtures) -> None:
    text = render(_broken(mini), "text")
    assert (
        "  motor_mini.txt:6: violation: MNX1 <https://identifiers.org/hgnc:MNX1>"
        " = <https://identifiers.org/hgnc:MNX1>\n"
        '      | <tr><td class="label">Key Markers</td><td>MNX1</td></tr>\n'
    ) in text
    assert (
        "  motor_mini.txt:13: warning: rosen1993 <kg:ref-rosen1993> ^prov:hadPrimarySource\n"
        "      | [@rosen1993]\n"
    ) in text


def test_long_groups_are_cut_with_a_count(mini, in_fixtures) -> None:
    text = render(_broken(mini), "text", limit=1)
    assert "  ... and 2 more like this (--format json lists all)" in text
    assert text.count(": warning: ") == 1


def test_json_holds_every_result(mini, in_fixtures) -> None:
    report = _broken(mini)
    data = json.loads(render(report, "json"))
    assert data["conforms"] is False
    assert data["counts"] == {"Violation": 1, "Warning": 3, "Info": 0}
    assert len(data["results"]) == 4
    gene = next(r for r in data["results"] if r["source_shape"] == kgs("GeneShape"))
    assert gene == {
        "severity": "Violation",
        "page": "fixture-motor-neurons",
        "file": MINI_TXT,
        "line": 6,
        "quote": '<tr><td class="label">Key Markers</td><td>MNX1</td></tr>',
        "focus_node": "https://identifiers.org/hgnc:MNX1",
        "focus_label": "MNX1",
        "path": None,
        "value": "<https://identifiers.org/hgnc:MNX1>",
        "message": gene["message"],
        "source_shape": kgs("GeneShape"),
        "constraint": sh("PatternConstraintComponent"),
        "origin": "shacl",
    }
    warn = json.loads(render(report, "json", fail_on=Severity.WARNING))
    assert warn["conforms"] is False and warn["fail_on"] == "Warning"


def test_turtle_is_a_shacl_validation_report(mini, in_fixtures) -> None:
    report = _broken(mini)
    g = rdflib.Graph().parse(data=render(report, "turtle"), format="turtle")
    (rep,) = list(g.subjects(RDF.type, SH.ValidationReport))
    assert g.value(rep, SH.conforms) == Literal(False)
    results = list(g.objects(rep, SH.result))
    assert len(results) == 4
    cited = [r for r in results if g.value(r, SH.sourceShape) == URIRef(kgs("Reference-cited"))]
    assert len(cited) == 3
    path = g.value(cited[0], SH.resultPath)
    assert g.value(path, SH.inversePath) == PRIMARY
    assert {g.value(r, SH.resultSeverity) for r in cited} == {SH.Warning}
    locations = {str(g.value(r, URIRef(kgs("location")))) for r in cited}
    assert locations == {f"{MINI_TXT}:9", f"{MINI_TXT}:13", f"{MINI_TXT}:14"}


def test_same_report_same_bytes(mini, in_fixtures) -> None:
    first = _broken(mini)
    again = validate_graph(mini)
    for fmt in ("text", "json", "turtle"):
        assert render(first, fmt) == render(again, fmt)


def test_summary_line() -> None:
    ok = Report(results=(), pages=2)
    assert summary_line(ok) == "conforms: 0 violations, 0 warnings, 0 info"
    warn = ValidationResult(
        severity=Severity.WARNING,
        focus_node=v.expand("CL:0000100"),
        message="m",
        source_shape=kgs("OntologyLineage"),
        constraint=kgs("OntologyLineageCheck"),
        location=Location(file="a.txt", line=3),
        origin="ontology",
    )
    report = Report(results=(warn,), pages=1)
    assert summary_line(report) == "conforms: 0 violations, 1 warning, 0 info"
    assert (
        summary_line(report, Severity.WARNING)
        == "does not conform: 0 violations, 1 warning, 0 info"
    )
