"""The compiled SHACL engine gives exactly pyshacl's results (``--engine pyshacl``).

Both engines validate the same units (page graph plus its context, kg.validate.units); every
result is compared whole: focus node, path, value, severity, source shape, constraint
component, message, page, label and FILE:LINE. The data: the fixture pages and the seeds built
by the pipeline, the hand-written build broken once per shape and constraint it checks,
randomly mutated copies of it (seeded), and generated benchmark pages.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest
import rdflib
from rdflib import XSD, BNode, Literal, URIRef

from kg import vocab as v
from kg.errors import ValidationError
from kg.validate import load_shapes, validate_build, validate_graph
from kg.validate.report import Report
from kg.validate.shape_plan import compile_shapes
from tests.conftest import PAGE_FIXTURES_DIR, SEEDS_DIR
from tests.validate.conftest import (
    ALS,
    BUILD,
    DERIVED,
    EXTRACTOR,
    HAS_SELECTOR,
    LABEL,
    MN,
    MNX1,
    OBJECT,
    PAGE,
    PRIMARY,
    RDF_TYPE,
    RILUZOLE,
    ROSEN,
    SUBJECT,
    TERMS,
    page_graph,
    rename,
    selectors,
    statement,
)

KGV, OA, PROV, SKOS, DCT = v.KGV, v.OA, v.PROV, v.SKOS, v.DCTERMS
Break = Callable[[rdflib.Dataset], object]


def _same(ds: rdflib.Dataset) -> tuple[Report, Report]:
    compiled = validate_graph(ds, engine="compiled")
    reference = validate_graph(ds, engine="pyshacl")
    assert compiled.results == reference.results
    return compiled, reference


def _shacl(report: Report) -> int:
    return sum(r.origin == "shacl" for r in report.results)


def _sel(ds: rdflib.Dataset) -> URIRef:
    return selectors(ds, statement(ds, MN, LABEL))[0]


def _part(ds: rdflib.Dataset, kind: str) -> URIRef:
    g = page_graph(ds)
    for part in g.objects(_sel(ds), HAS_SELECTOR):
        if (part, RDF_TYPE, URIRef(OA + kind)) in g:
            assert isinstance(part, URIRef)
            return part
    raise AssertionError(kind)


def _set(ds: rdflib.Dataset, s: URIRef, p: str, o: rdflib.term.Node) -> None:
    page_graph(ds).set((s, URIRef(p), o))


def _activity(ds: rdflib.Dataset) -> URIRef:
    a = next(ds.graph(BUILD).subjects(RDF_TYPE, URIRef(PROV + "Activity")))
    assert isinstance(a, URIRef)
    return a


#: One break per shape and constraint component the shipped shapes use.
BREAKS: dict[str, Break] = {
    "page pattern": lambda ds: rename(ds, PAGE, URIRef("https://example.org/page")),
    "page identifier datatype": lambda ds: _set(
        ds, PAGE, DCT + "identifier", Literal("sha256:" + "0" * 64, datatype=XSD.token)
    ),
    "page slug two": lambda ds: page_graph(ds).add((PAGE, URIRef(KGV + "slug"), Literal("x y"))),
    "page shell sh:in": lambda ds: _set(ds, PAGE, KGV + "shell", Literal("cite", lang="en")),
    "page title missing": lambda ds: page_graph(ds).remove((PAGE, URIRef(DCT + "title"), None)),
    "page url pattern": lambda ds: _set(ds, PAGE, KGV + "url", Literal("ftp://x")),
    "page topic literal": lambda ds: _set(ds, PAGE, v.FOAF + "primaryTopic", Literal("MN")),
    "page activity class": lambda ds: ds.graph(BUILD).remove(
        (_activity(ds), RDF_TYPE, URIRef(PROV + "Activity"))
    ),
    "cl iri": lambda ds: rename(ds, MN, URIRef("http://purl.obolibrary.org/obo/CL_100")),
    "cl iri same-as": lambda ds: page_graph(ds).add(
        (MN, URIRef(v.OWL + "sameAs"), URIRef("https://www.ebi.ac.uk/ols4/CL_0000100"))
    ),
    "gene iri": lambda ds: rename(ds, MNX1, URIRef("https://identifiers.org/hgnc:MNX1")),
    "disease blank node": lambda ds: rename(ds, ALS, URIRef("https://example.org/als")),
    "drug iri": lambda ds: rename(ds, RILUZOLE, URIRef("http://purl.obolibrary.org/obo/CHEBI_x")),
    "two pref labels": lambda ds: ds.graph(TERMS).add(
        (MNX1, URIRef(SKOS + "prefLabel"), Literal("HB9"))
    ),
    "no pref label": lambda ds: ds.graph(TERMS).remove((ALS, URIRef(SKOS + "prefLabel"), None)),
    "ungrounded not boolean": lambda ds: page_graph(ds).add(
        (MN, URIRef(KGV + "ungrounded"), Literal("yes"))
    ),
    "uncited reference": lambda ds: page_graph(ds).remove((None, PRIMARY, ROSEN)),
    "reference key twice": lambda ds: page_graph(ds).add(
        (ROSEN, URIRef(KGV + "citationKey"), Literal(5))
    ),
    "reference identifier": lambda ds: page_graph(ds).add(
        (ROSEN, URIRef(DCT + "identifier"), URIRef("https://doi.org/11.1/x"))
    ),
    "statement no extractor": lambda ds: page_graph(ds).remove(
        (statement(ds, MN, LABEL), EXTRACTOR, None)
    ),
    "statement object blank": lambda ds: page_graph(ds).add(
        (statement(ds, MN, LABEL), OBJECT, BNode("b1"))
    ),
    "statement subject literal": lambda ds: _set(
        ds, statement(ds, MN, LABEL), str(SUBJECT), Literal("x")
    ),
    "statement evidence class": lambda ds: page_graph(ds).add(
        (statement(ds, MN, LABEL), DERIVED, URIRef("https://scidex.ai/kg/sel-00"))
    ),
    "statement source": lambda ds: page_graph(ds).add(
        (statement(ds, MN, LABEL), PRIMARY, URIRef("https://scidex.ai/kg/ref-nowhere"))
    ),
    "statement match": lambda ds: _set(
        ds, statement(ds, MN, LABEL), KGV + "subjectMatch", Literal("guess")
    ),
    "statement biolink": lambda ds: page_graph(ds).add(
        (statement(ds, MN, LABEL), URIRef(KGV + "biolinkPredicate"), Literal("x"))
    ),
    "selector lines reversed": lambda ds: _set(ds, _sel(ds), KGV + "lineStart", Literal(10**6)),
    "selector line zero": lambda ds: _set(ds, _sel(ds), KGV + "lineEnd", Literal(0)),
    "selector line string": lambda ds: _set(ds, _sel(ds), KGV + "lineStart", Literal("3")),
    "ungrounded ill-typed": lambda ds: page_graph(ds).add(
        (MN, URIRef(KGV + "ungrounded"), Literal("maybe", datatype=XSD.boolean))
    ),
    "selector source": lambda ds: _set(ds, _sel(ds), OA + "hasSource", URIRef(v.KG + "x")),
    "selector parts": lambda ds: page_graph(ds).remove(
        (_sel(ds), HAS_SELECTOR, _part(ds, "TextQuoteSelector"))
    ),
    "position start after end": lambda ds: _set(
        ds, _part(ds, "TextPositionSelector"), OA + "start", Literal(10**6)
    ),
    "position start negative": lambda ds: _set(
        ds, _part(ds, "TextPositionSelector"), OA + "start", Literal(-1)
    ),
    "position end decimal": lambda ds: _set(
        ds, _part(ds, "TextPositionSelector"), OA + "end", Literal("5.0", datatype=XSD.decimal)
    ),
    "quote empty": lambda ds: _set(ds, _part(ds, "TextQuoteSelector"), OA + "exact", Literal("")),
    "quote shared": lambda ds: page_graph(ds).add(
        (URIRef(v.KG + "sel-ff"), HAS_SELECTOR, _part(ds, "TextQuoteSelector"))
    ),
    "predicate with two biolink slots": lambda ds: ds.graph(TERMS).add(
        (URIRef(v.OBO + "RO_0002292"), URIRef(KGV + "biolinkPredicate"), URIRef(v.BL_RELATED_TO))
    ),
    "predicate slot not biolink": lambda ds: ds.graph(TERMS).set(
        (URIRef(v.OBO + "RO_0002606"), URIRef(KGV + "biolinkPredicate"), URIRef(v.OBO + "x"))
    ),
    "activity time": lambda ds: ds.graph(BUILD).add(
        (_activity(ds), URIRef(PROV + "endedAtTime"), Literal("2026"))
    ),
    "activity version": lambda ds: ds.graph(BUILD).set(
        (_activity(ds), URIRef(KGV + "toolVersion"), Literal("v1"))
    ),
    "activity used": lambda ds: ds.graph(BUILD).add(
        (_activity(ds), URIRef(PROV + "used"), URIRef("https://example.org/p"))
    ),
    "subclass target": lambda ds: _subclass(ds),
}


def _subclass(ds: rdflib.Dataset) -> None:
    """An instance of a subclass (in the terms graph) of a target class, without a label."""
    odd = URIRef(v.KGV + "Odd")
    ds.graph(TERMS).add((odd, URIRef(v.RDFS + "subClassOf"), URIRef(v.BIOLINK + "Gene")))
    page_graph(ds).add((URIRef(v.KG + "entity-odd"), RDF_TYPE, odd))


@pytest.mark.parametrize("name", sorted(BREAKS))
def test_each_break_gives_pyshacls_results(name: str, mini, in_fixtures) -> None:
    clean, _ = _same(mini)
    BREAKS[name](mini)
    broken, _ = _same(mini)
    assert broken.results != clean.results  # the break is seen (by SHACL or the checks)


def _mutate(ds: rdflib.Dataset, rng: random.Random) -> None:
    """A few random edits: drop, duplicate with a new value, retype, rename."""
    quads = sorted(ds.quads((None, None, None, None)), key=str)
    for _ in range(4):
        s, p, o, g = rng.choice(quads)
        graph = ds.graph(g)  # type: ignore[arg-type]
        kind = rng.randrange(4)
        if kind == 0:
            graph.remove((s, p, o))
        elif kind == 1:
            graph.add((s, p, Literal(rng.choice(["", " ", "x", "1", 3, 0.5, True]))))
        elif kind == 2:
            graph.add((o if not isinstance(o, Literal) else s, RDF_TYPE, rng.choice(_CLASSES)))
        else:
            graph.add((s, p, rng.choice([s, o, PAGE, MN, ROSEN, BNode("m")])))


_CLASSES = [
    URIRef(c)
    for c in (
        v.BIOLINK + "Cell",
        v.BIOLINK + "Gene",
        v.BIOLINK + "Publication",
        v.RDF_STATEMENT,
        OA + "SpecificResource",
        OA + "TextQuoteSelector",
        v.WIKI_PAGE,
        PROV + "Activity",
    )
]


def test_an_incomparable_pair_fails_both_engines_the_same_way(mini, in_fixtures) -> None:
    _set(mini, _sel(mini), KGV + "lineStart", Literal("three", datatype=XSD.integer))
    for engine in ("compiled", "pyshacl"):
        with pytest.raises(ValidationError, match="not supported between"):
            validate_graph(mini, engine=engine)


@pytest.mark.parametrize("seed", range(12))
def test_random_mutations_give_pyshacls_results(seed: int, mini, in_fixtures) -> None:
    _mutate(mini, random.Random(seed))
    _same(mini)


def _builds_agree(build: Path) -> Report:
    compiled = validate_build(build, reasoner=False, engine="compiled")
    reference = validate_build(build, reasoner=False, engine="pyshacl")
    assert compiled.results == reference.results
    assert compiled.counts == reference.counts
    return compiled


def test_fixture_pages_and_seeds_built_by_the_pipeline(tmp_path: Path) -> None:
    from kg.pipeline import build

    out = tmp_path / "build"
    build([PAGE_FIXTURES_DIR, SEEDS_DIR], out=out)
    report = _builds_agree(out)
    assert report.pages == len(list(PAGE_FIXTURES_DIR.glob("*.txt"))) + len(
        list(SEEDS_DIR.glob("*.txt"))
    )
    assert _shacl(report) > 0  # the fixture pages are made to trip some shapes


def test_generated_benchmark_pages(tmp_path: Path) -> None:
    import importlib

    from kg.pipeline import build

    generate_corpus = importlib.import_module("benchmarks.corpus").generate_corpus

    rng = random.Random(13)
    pages = generate_corpus(tmp_path / "corpus", 16, seed=rng.randrange(1000))
    sample = sorted(rng.sample(pages, 4))
    out = tmp_path / "build"
    build(sample, out=out)
    assert _builds_agree(out).pages == len(sample)


def test_every_shipped_shape_is_compiled() -> None:
    shapes = load_shapes()
    plan = compile_shapes(shapes, skip=frozenset([v.SHAPE_NON_EMPTY_LITERAL_SHAPE]))
    assert plan.fallback == ()
    targeted = {
        str(s)
        for t in ("targetClass", "targetSubjectsOf", "targetObjectsOf")
        for s in shapes.graph.subjects(URIRef(v.SH + t), None)
    }
    assert {str(t.shape.node) for t in plan.shapes} == targeted


def test_a_shape_it_cannot_compile_is_left_to_pyshacl(mini, in_fixtures, tmp_path: Path) -> None:
    extra = tmp_path / "shapes"
    extra.mkdir()
    (extra / "x.ttl").write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "<urn:x:Closed> a sh:NodeShape ; sh:targetClass <https://w3id.org/biolink/vocab/Gene> ;"
        ' sh:closed true ; sh:message "closed" .\n'
        "<urn:x:Label> a sh:NodeShape ; sh:targetClass <https://w3id.org/biolink/vocab/Disease> ;"
        " sh:property [ sh:path rdfs:label ; sh:maxCount 0 ] .\n",
        encoding="utf-8",
    )
    shapes = load_shapes([extra])
    plan = compile_shapes(shapes, skip=frozenset([v.SHAPE_NON_EMPTY_LITERAL_SHAPE]))
    assert [s for s, _ in plan.fallback] == ["urn:x:Closed", "urn:x:Label"]
    compiled = validate_graph(mini, shapes, engine="compiled")
    reference = validate_graph(mini, shapes, engine="pyshacl")
    assert compiled.results == reference.results
    assert {r.source_shape for r in compiled.results} >= {"urn:x:Closed"}
    assert any("validated by pyshacl, not compiled" in n for n in compiled.notices)
