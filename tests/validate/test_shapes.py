"""kg's shapes: where they are, that each says what it checks, merging a user's folder."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import RDF, SH

from kg.errors import InputError
from kg.validate import builtin_shapes_dir, load_shapes
from tests.conftest import ROOT
from tests.validate.conftest import kgs

#: Constraint parameters (SHACL Core and SPARQL): a shape with one of them checks something.
_PARAMETERS = {
    SH.minCount,
    SH.maxCount,
    SH.datatype,
    SH.pattern,
    SH.nodeKind,
    SH["in"],
    SH["class"],
    SH.minInclusive,
    SH.minLength,
    SH.lessThan,
    SH.lessThanOrEquals,
    SH.hasValue,
    SH.qualifiedValueShape,
    SH["or"],
    SH.sparql,
}


def test_the_built_in_shapes_are_the_top_level_folder() -> None:
    folder = builtin_shapes_dir()
    assert folder in (ROOT / "shapes", ROOT / "kg" / "data" / "shapes")
    names = {p.name for p in folder.glob("*.ttl")}
    assert {
        "page.ttl",
        "cell.ttl",
        "gene.ttl",
        "disease.ttl",
        "drug.ttl",
        "reference.ttl",
        "provenance.ttl",
        "activity.ttl",
        "entity.ttl",
        "literals.ttl",
    } <= names


def test_every_shape_has_a_message_and_a_severity() -> None:
    g = load_shapes().graph
    declared = set(g.subjects(RDF.type, SH.NodeShape)) | set(g.subjects(RDF.type, SH.PropertyShape))
    checking = {s for s, p, _ in g if p in _PARAMETERS and isinstance(s, rdflib.URIRef)}
    assert checking <= declared
    assert len(declared) > 40
    for shape in declared:
        assert g.value(shape, SH.message) is not None, f"{shape} has no sh:message"
        assert g.value(shape, SH.severity) is not None, f"{shape} has no sh:severity"


def test_the_shapes_cover_every_kind_of_node_the_build_makes() -> None:
    g = load_shapes().graph
    targets = {str(o) for o in g.objects(None, SH.targetClass)}
    for cls in (
        "https://scidex.ai/kg/vocab#WikiPage",
        "https://w3id.org/biolink/vocab/Cell",
        "https://w3id.org/biolink/vocab/Gene",
        "https://w3id.org/biolink/vocab/Protein",
        "https://w3id.org/biolink/vocab/Disease",
        "https://w3id.org/biolink/vocab/Drug",
        "https://w3id.org/biolink/vocab/Publication",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement",
        "http://www.w3.org/ns/oa#SpecificResource",
        "http://www.w3.org/ns/prov#Activity",
    ):
        assert cls in targets


def test_a_user_folder_is_merged(tmp_path: Path) -> None:
    (tmp_path / "extra.ttl").write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "<https://example.org/S> a sh:NodeShape ; sh:targetClass <https://example.org/C> .\n",
        "utf-8",
    )
    shapes = load_shapes([tmp_path])
    assert (rdflib.URIRef("https://example.org/S"), RDF.type, SH.NodeShape) in shapes.graph
    assert (rdflib.URIRef(kgs("PageShape")), RDF.type, SH.NodeShape) in shapes.graph
    assert shapes.files[-1] == tmp_path / "extra.ttl"


def test_blank_property_shapes_get_stable_names(tmp_path: Path) -> None:
    (tmp_path / "extra.ttl").write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "@prefix dcterms: <http://purl.org/dc/terms/> .\n"
        "<https://example.org/S> a sh:NodeShape ; sh:property [ sh:path dcterms:title ] .\n",
        "utf-8",
    )
    shapes = load_shapes([tmp_path], builtin=False)
    (prop,) = list(shapes.graph.objects(rdflib.URIRef("https://example.org/S"), SH.property))
    assert shapes.name(prop) == "https://example.org/S / dcterms:title"


@pytest.mark.parametrize(
    ("content", "error"),
    [
        (None, "no .ttl files in this shapes folder"),
        ("@prefix sh: <http://www.w3.org/ns/shacl#> .\nsh:x sh:y", "not valid Turtle"),
        (
            "<https://example.org/a> <https://example.org/b> 1 .\n",
            "no sh:NodeShape or sh:PropertyShape",
        ),
    ],
)
def test_unusable_shape_folders(tmp_path: Path, content: str | None, error: str) -> None:
    if content is not None:
        (tmp_path / "s.ttl").write_text(content, "utf-8")
    with pytest.raises(InputError, match=error):
        load_shapes([tmp_path], builtin=False)


def test_a_missing_folder() -> None:
    with pytest.raises(InputError, match="shapes folder not found"):
        load_shapes([Path("/nonexistent/shapes")])
