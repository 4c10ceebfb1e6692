"""Fixtures for the validation tests: the hand-written page graph and builds made from it.

``tests/fixtures/validate/motor_mini.txt`` is a small page; ``motor_mini.trig`` is its build
(page graph, terms graph, build graph) following docs/rdf-layout.md, every quote true. Tests
break it one way at a time and check what validation reports.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib import Literal, URIRef

from kg import vocab as v
from kg.validate.report import KGS, Report, ValidationResult

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "validate"
MINI_TRIG = FIXTURES / "motor_mini.trig"
MINI_TXT = "motor_mini.txt"  # as kgv:sourceFile gives it (relative to the fixtures folder)

SLUG = "fixture-motor-neurons"
PAGE = URIRef(v.page_iri(SLUG))
GRAPH = URIRef(v.graph_iri(SLUG))
TERMS = URIRef(v.TERMS_GRAPH)
BUILD = URIRef(v.BUILD_GRAPH)
MN = URIRef(v.expand("CL:0000100"))  # motor neuron
MNX1 = URIRef(v.expand("HGNC:4979"))
ALS = URIRef(v.expand("MONDO:0004976"))
RILUZOLE = URIRef(v.expand("CHEBI:8863"))
MINTED = URIRef(v.entity_iri(SLUG))
ROSEN = URIRef(v.reference_iri("rosen1993"))
EXPRESSES = URIRef(v.OBO + "RO_0002292")
RDF_TYPE = URIRef(v.RDF_TYPE)
LABEL = URIRef(v.RDFS_LABEL)
SUBJECT, PREDICATE, OBJECT = (URIRef(v.RDF + n) for n in ("subject", "predicate", "object"))
DERIVED = URIRef(v.PROV + "wasDerivedFrom")
PRIMARY = URIRef(v.PROV + "hadPrimarySource")
EXTRACTOR = URIRef(v.KGV + "extractor")
HAS_SELECTOR = URIRef(v.OA + "hasSelector")
SH = "http://www.w3.org/ns/shacl#"

#: Lines of motor_mini.txt that evidence points at.
LINE_TITLE, LINE_CL_ROW, LINE_MARKERS, LINE_SENTENCE = 2, 5, 6, 9
LINE_LINEAGE, LINE_DISEASE, LINE_DRUG = 11, 13, 14


def kgs(name: str) -> str:
    return KGS + name


def sh(name: str) -> str:
    return SH + name


@pytest.fixture
def mini() -> rdflib.Dataset:
    """A fresh copy of the hand-written build (tests mutate it)."""
    ds = rdflib.Dataset()
    ds.parse(MINI_TRIG, format="trig")
    return ds


@pytest.fixture
def in_fixtures(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from the fixtures folder, where kgv:sourceFile "motor_mini.txt" is found."""
    monkeypatch.chdir(FIXTURES)
    return FIXTURES


def page_graph(ds: rdflib.Dataset, graph: URIRef = GRAPH) -> rdflib.Graph:
    return ds.graph(graph)


def statement(
    ds: rdflib.Dataset, s: URIRef, p: URIRef, o: rdflib.term.Node | None = None
) -> URIRef:
    """The statement node about (s, p, o) in the page graph (o: any when None)."""
    g = page_graph(ds)
    for st in g.subjects(SUBJECT, s):
        if (st, PREDICATE, p) in g and (o is None or (st, OBJECT, o) in g):
            assert isinstance(st, URIRef)
            return st
    raise AssertionError(f"no statement about {s} {p} {o}")


def selectors(ds: rdflib.Dataset, st: URIRef) -> list[URIRef]:
    return sorted(o for o in page_graph(ds).objects(st, DERIVED) if isinstance(o, URIRef))


def rename(ds: rdflib.Dataset, old: URIRef, new: URIRef) -> None:
    """Replace an IRI everywhere (every graph, subject and object)."""
    for s, p, o, g in list(ds.quads((None, None, None, None))):
        if old in (s, o):
            ds.remove((s, p, o, g))  # type: ignore[arg-type]  # rdflib's quads() gives graph ids
            ds.add((new if s == old else s, p, new if o == old else o, g))  # type: ignore[arg-type]


def set_literal(ds: rdflib.Dataset, s: URIRef, p: URIRef, old: str, new: Literal) -> None:
    """Change a literal fact and the rdf:object of its statement together."""
    g = page_graph(ds)
    st = statement(ds, s, p, Literal(old))
    g.remove((s, p, Literal(old)))
    g.add((s, p, new))
    g.remove((st, OBJECT, Literal(old)))
    g.add((st, OBJECT, new))


def drop_statement(ds: rdflib.Dataset, st: URIRef) -> None:
    g = page_graph(ds)
    for t in list(g.triples((st, None, None))):
        g.remove(t)


def add_fact(
    ds: rdflib.Dataset, s: URIRef, p: URIRef, o: rdflib.term.Node, *, like: URIRef
) -> URIRef:
    """Assert (s, p, o) in the page graph with a statement whose evidence is that of the
    statement ``like`` (same selectors, same extractor): a true, located new fact."""
    g = page_graph(ds)
    st = URIRef(v.statement_iri(str(GRAPH), str(s), str(p), str(o)))
    g.add((s, p, o))
    g.add((st, RDF_TYPE, URIRef(v.RDF + "Statement")))
    g.add((st, SUBJECT, s))
    g.add((st, PREDICATE, p))
    g.add((st, OBJECT, o))
    g.add((st, URIRef(v.KGV + "subjectMatch"), Literal("id-on-page")))
    for sel in g.objects(like, DERIVED):
        g.add((st, DERIVED, sel))
    for ex in g.objects(like, EXTRACTOR):
        g.add((st, EXTRACTOR, ex))
    return st


def write_build(ds: rdflib.Dataset, out: Path, ontologies: Iterable[str] = ()) -> Path:
    """A build folder (dataset.nq + manifest.json) holding ``ds``, as kg build writes it."""
    out.mkdir(parents=True, exist_ok=True)
    text = ds.serialize(format="nquads")
    quads = sorted({f"{q} ." for q in ox.parse(text.encode(), format=ox.RdfFormat.N_QUADS)})
    (out / "dataset.nq").write_text("\n".join(quads) + "\n", encoding="utf-8")
    manifest = {
        "tool": "kg",
        "ontologies": list(ontologies) or ["kg/data/cl-module.owl (shipped module)"],
        "inputs": [{"file": MINI_TXT, "slug": SLUG, "graph": str(GRAPH), "status": "built"}],
    }
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return out


def summary(results: Iterable[ValidationResult]) -> set[tuple[object, ...]]:
    """(severity, shape, constraint, focus, path, value, FILE:LINE) of each result."""
    return {
        (
            r.severity.value,
            r.source_shape,
            r.constraint,
            r.focus_node,
            r.path,
            r.value,
            str(r.location) if r.location else None,
        )
        for r in results
    }


def only(report: Report, shape: str) -> list[ValidationResult]:
    return [r for r in report.results if r.source_shape == shape]
