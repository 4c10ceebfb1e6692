"""The Turtle report is a SHACL report strict clients accept (issue 12).

``sh:conforms`` follows SHACL (true only when there is no result: pyshacl's rule, checked here
on pyshacl's own report of the same data), apart from kg's exit policy (``--fail-on``); and
every ``sh:sourceShape`` / ``sh:sourceConstraintComponent`` names a node of the shapes graph kg
ships, including the checks kg makes in Python (evidence, quotes, ontology, reasoner).
"""

from __future__ import annotations

from pathlib import Path

import pyshacl
import rdflib
from click.testing import CliRunner
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, SH

from kg import vocab as v
from kg.cli import cli
from kg.validate import load_shapes
from tests.validate.conftest import (
    ALS,
    LABEL,
    MN,
    add_fact,
    kgs,
    page_graph,
    set_literal,
    statement,
    write_build,
)

CL = v.OBO + "CL_"
RELATED = URIRef(v.SKOS + "related")
HAS_LOCATION = URIRef(v.OBO + "RO_0004026")
GLUT = URIRef(v.mention_iri("Glutamatergic"))


def turtle_report(build: Path, *extra: str) -> tuple[int, rdflib.Graph]:
    result = CliRunner().invoke(
        cli, ["validate", "--build-dir", str(build), "--no-reasoner", "--format", "turtle", *extra]
    )
    return result.exit_code, rdflib.Graph().parse(data=result.stdout, format="turtle")


def conforms(report: rdflib.Graph) -> bool:
    (rep,) = report.subjects(RDF.type, SH.ValidationReport)
    value = report.value(rep, SH.conforms)
    assert isinstance(value, Literal)
    return bool(value.toPython())


def results(report: rdflib.Graph) -> list[rdflib.term.Node]:
    return list(report.objects(None, SH.result))


def test_warnings_only_do_not_conform_in_shacl_terms(mini, in_fixtures, tmp_path) -> None:
    """Regression: the mini page's one warning (its lineage) came with ``sh:conforms true``."""
    code, report = turtle_report(write_build(mini, tmp_path / "build"))
    found = results(report)
    severities = {report.value(r, SH.resultSeverity) for r in found}
    assert found and severities == {SH.Warning}
    assert conforms(report) is False
    assert code == 0  # kg's exit policy at --fail-on violation is unchanged
    (rep,) = report.subjects(RDF.type, SH.ValidationReport)
    assert report.value(rep, URIRef(kgs("passes"))) == Literal(True)
    assert report.value(rep, URIRef(kgs("failOn"))) == SH.Violation


def test_a_report_without_results_conforms(mini, in_fixtures, tmp_path) -> None:
    set_literal(mini, GLUT, LABEL, "Glutamatergic", Literal("Efferent"))  # a supported lineage
    code, report = turtle_report(write_build(mini, tmp_path / "build"), "--fail-on", "warning")
    assert results(report) == [] and conforms(report) is True and code == 0


def test_sh_conforms_follows_pyshacls_rule(mini, in_fixtures, tmp_path) -> None:
    """pyshacl on the same data: its conforms is "no result", warnings included; so is kg's."""
    page_graph(mini).remove((None, None, statement(mini, ALS, HAS_LOCATION, MN)))
    mini.remove((statement(mini, ALS, HAS_LOCATION, MN), None, None, None))
    union = rdflib.Graph()
    for s, p, o, _ in mini.quads((None, None, None, None)):
        union.add((s, p, o))
    py_conforms, py_report, _ = pyshacl.validate(union, shacl_graph=load_shapes().graph)
    assert isinstance(py_report, rdflib.Graph)
    py_results = results(py_report)
    assert py_results and {py_report.value(r, SH.resultSeverity) for r in py_results} == {
        SH.Warning
    }
    assert py_conforms is False and conforms(py_report) is False
    _, report = turtle_report(write_build(mini, tmp_path / "build"))
    assert len(results(report)) >= len(py_results)
    assert conforms(report) is (not results(report)) is py_conforms


def test_every_source_shape_is_a_shape_kg_ships(mini, in_fixtures, tmp_path) -> None:
    """Regression: the Python checks' shapes (kgs:OntologyLineage, kgs:FactEvidence, ...)
    were named by results but defined by no shapes file."""
    cl_row = statement(mini, MN, URIRef(v.RDF_TYPE))
    for local in ("0000717", "9999999"):  # obsolete; unknown to the module and shipped CL
        add_fact(mini, MN, RELATED, URIRef(CL + local), like=cl_row)
    set_literal(mini, MN, LABEL, "Motor Neurons", Literal("Purkinje Cells"))
    st = statement(mini, ALS, HAS_LOCATION, MN)
    page_graph(mini).remove(
        (st, None, None)
    )  # the fact loses its statement (and rosen1993 its citation)
    _, report = turtle_report(write_build(mini, tmp_path / "build"))
    shapes = load_shapes().graph
    named = {report.value(r, SH.sourceShape) for r in results(report)}
    expected = {
        kgs(n) for n in ("OntologyObsoleteId", "VocabularyKnownId", "OntologyLabel", "FactEvidence")
    }
    assert expected <= {str(n) for n in named}
    shape_types = {SH.NodeShape, SH.PropertyShape}
    for shape in named:
        assert isinstance(shape, URIRef), shape
        assert set(shapes.objects(shape, RDF.type)) & shape_types, f"{shape} is not defined"
    for r in results(report):
        comp = report.value(r, SH.sourceConstraintComponent)
        assert isinstance(comp, URIRef)
        assert str(comp).startswith(str(SH)) or (comp, None, None) in shapes, comp


def test_every_check_shape_kg_names_is_defined() -> None:
    """The shapes kg's Python checks report (kg.vocab.terms SHAPE_*) are in the shapes graph,
    deactivated, so a SHACL engine given kg's shapes does not run them itself."""
    from kg.vocab import terms

    shapes = load_shapes().graph
    named = [getattr(terms, n) for n in dir(terms) if n.startswith("SHAPE_")]
    assert named
    for iri in named:
        assert (URIRef(iri), None, None) in shapes, iri
        if (URIRef(iri), RDF.type, SH.NodeShape) in shapes and iri.endswith("Check") is False:
            deactivated = shapes.value(URIRef(iri), SH.deactivated)
            targets = any(
                shapes.objects(URIRef(iri), p)
                for p in (SH.targetClass, SH.targetNode, SH.target, SH.targetSubjectsOf)
            )
            assert targets or deactivated == Literal(True), iri
