"""Every export format re-parses to the dataset; exports are deterministic."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import rdflib
from rdflib.compare import isomorphic

from kg.export import FORMATS, export
from kg.store import load_rdflib

RDFLIB_FORMAT = {
    "turtle": "turtle",
    "ntriples": "nt",
    "trig": "trig",
    "nquads": "nquads",
    "jsonld": "json-ld",
}


def _export(build_dir: Path, fmt: str) -> bytes:
    buf = io.BytesIO()
    export(build_dir, fmt, buf)
    return buf.getvalue()


@pytest.mark.parametrize("fmt", sorted(f for f in FORMATS if f != "sssom"))  # not RDF
def test_export_reparses_isomorphic_to_the_dataset(seed_build: Path, fmt: str) -> None:
    data = _export(seed_build, fmt)
    assert data == _export(seed_build, fmt), "same build, same bytes"
    dataset = load_rdflib(seed_build)
    if FORMATS[fmt].graphs:
        parsed = rdflib.Dataset()
        parsed.parse(data=data, format=RDFLIB_FORMAT[fmt])
        for g in dataset.graphs():
            if len(g) == 0:
                continue
            other = parsed.graph(g.identifier)
            assert isomorphic(g, other), f"graph {g.identifier} differs after {fmt}"
        assert sum(len(g) for g in parsed.graphs()) == sum(len(g) for g in dataset.graphs())
    else:
        parsed_g = rdflib.Graph()
        parsed_g.parse(data=data, format=RDFLIB_FORMAT[fmt])
        union = rdflib.Graph()
        for s, p, o, _g in dataset.quads((None, None, None, None)):
            union.add((s, p, o))
        assert len(union) > 100
        assert isomorphic(parsed_g, union)


def test_jsonld_has_an_inline_compact_context(seed_build: Path) -> None:
    import json

    doc = json.loads(_export(seed_build, "jsonld"))
    ctx = doc["@context"]
    assert isinstance(ctx, dict)  # inline, never a remote context URL
    assert ctx["CL"] == {"@id": "http://purl.obolibrary.org/obo/CL_", "@prefix": True}
    assert ctx["prov"] == "http://www.w3.org/ns/prov#"
    graphs = {g["@id"]: g["@graph"] for g in doc["@graph"]}
    mn = next(n for n in graphs["kg:graph-cell-types-motor-neurons"] if n["@id"] == "CL:0000100")
    assert "biolink:Cell" in mn["@type"]


def test_turtle_uses_curies(seed_build: Path) -> None:
    text = _export(seed_build, "turtle").decode()
    assert "@prefix CL: <http://purl.obolibrary.org/obo/CL_> ." in text
    assert "CL:0000100" in text


def test_export_to_a_gz_name_writes_gzip_of_the_same_bytes(
    seed_build: Path, tmp_path: Path
) -> None:
    """`kg export -o kg.nq.gz` streams gzip (it used to write plain N-Quads under a .gz name)."""
    import gzip

    from click.testing import CliRunner

    from kg.cli import cli

    target = tmp_path / "kg.nq.gz"
    args = ["export", "--build-dir", str(seed_build), "--format", "nquads", "-o", str(target)]
    r = CliRunner().invoke(cli, args)
    assert r.exit_code == 0, r.output
    assert gzip.decompress(target.read_bytes()) == (seed_build / "dataset.nq").read_bytes()
