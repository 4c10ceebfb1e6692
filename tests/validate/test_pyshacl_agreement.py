"""The report agrees with pyshacl run directly on the whole graph with the same shapes.

kg validates page by page (each page graph with its context, results kept for the page's own
nodes, a finding about a shared node once); pyshacl here validates the union of every graph in
one call. The counts per (severity, shape, constraint) must be the same. The empty-literal
shape, which kg evaluates natively, is compared with pyshacl's advanced mode.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyshacl
import rdflib
from rdflib import Literal, URIRef
from rdflib.namespace import SH

from kg import vocab as v
from kg.validate import load_shapes, validate_build, validate_graph
from kg.validate.report import Report
from tests.validate.conftest import (
    BUILD,
    EXPRESSES,
    EXTRACTOR,
    LABEL,
    MN,
    MNX1,
    PAGE,
    PRIMARY,
    RDF_TYPE,
    RILUZOLE,
    ROSEN,
    TERMS,
    kgs,
    page_graph,
    rename,
    set_literal,
    statement,
)


def _union(ds: rdflib.Dataset) -> rdflib.Graph:
    g = rdflib.Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def _raw(graph: rdflib.Graph, *, advanced: bool = False) -> Counter[tuple[str, str, str]]:
    shapes = load_shapes()
    _, report, _ = pyshacl.validate(graph, shacl_graph=shapes.graph, advanced=advanced)
    return Counter(
        (
            str(report.value(r, SH.resultSeverity)).rsplit("#", 1)[-1],
            shapes.name(report.value(r, SH.sourceShape)),
            str(report.value(r, SH.sourceConstraintComponent)),
        )
        for r in report.objects(None, SH.result)
    )


def _ours(report: Report) -> Counter[tuple[str, str, str]]:
    return Counter(
        (r.severity.value, r.source_shape, r.constraint)
        for r in report.results
        if r.origin == "shacl"
    )


def _break(ds: rdflib.Dataset) -> None:
    """Several breaks at once, in the page, terms and build graphs."""
    rename(ds, MNX1, URIRef("https://identifiers.org/hgnc:MNX1"))
    page_graph(ds).remove((None, PRIMARY, ROSEN))
    page_graph(ds).remove((statement(ds, MN, LABEL), EXTRACTOR, None))
    page_graph(ds).set((PAGE, URIRef(v.KGV + "shell"), Literal("weird")))
    ds.graph(TERMS).add((MN, URIRef(v.SKOS + "prefLabel"), Literal("motoneuron")))
    activity = next(ds.graph(BUILD).subjects(RDF_TYPE, URIRef(v.PROV + "Activity")))
    ds.graph(BUILD).add((activity, URIRef(v.PROV + "endedAtTime"), Literal("2026")))


def test_counts_agree_on_a_broken_fixture(mini, in_fixtures) -> None:
    _break(mini)
    ours = _ours(validate_graph(mini))
    assert sum(ours.values()) == 6
    assert ours == _raw(_union(mini))


def test_the_native_empty_literal_check_is_what_pyshacl_advanced_finds(mini, in_fixtures) -> None:
    set_literal(mini, RILUZOLE, LABEL, "Riluzole", Literal(""))
    report = validate_graph(mini)
    native = {
        (r.focus_node, r.path, r.value, r.message)
        for r in report.results
        if r.source_shape == kgs("NonEmptyLiteralShape")
    }
    shapes = load_shapes()
    _, raw, _ = pyshacl.validate(_union(mini), shacl_graph=shapes.graph, advanced=True)
    found = {
        (
            str(raw.value(r, SH.focusNode)),
            str(raw.value(r, SH.resultPath)),
            raw.value(r, SH.value).n3(),
            str(raw.value(r, SH.resultMessage)),
        )
        for r in raw.objects(None, SH.result)
        if raw.value(r, SH.sourceShape) == URIRef(kgs("NonEmptyLiteralShape"))
    }
    assert len(native) == 2
    assert native == found


def test_counts_agree_on_the_seeds(seed_build: Path) -> None:
    report = validate_build(seed_build, reasoner=False)
    ds = rdflib.Dataset()
    ds.parse(seed_build / "dataset.nq", format="nquads")
    assert _ours(report) == _raw(_union(ds))


assert EXPRESSES and MNX1  # fixture names used by the breaks above
