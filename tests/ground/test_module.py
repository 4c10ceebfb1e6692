"""The shipped Cell Ontology module: what it holds, that it is valid RDF, and how it is made."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import rdflib

from kg import vocab as v
from kg.ground import MODULE_MARKER, load_ontology, shipped_module_path
from tests.conftest import ROOT, shared_ontology

TERMS = ROOT / "ontologies" / "terms.txt"
SCRIPT = ROOT / "ontologies" / "make_cl_module.py"


def _term_ids() -> list[str]:
    ids = []
    for line in TERMS.read_text("utf-8").splitlines():
        token = line.split("#", 1)[0].strip()
        if token:
            ids.append(token)
    return ids


def test_module_holds_every_listed_term_and_its_ancestors() -> None:
    onto = load_ontology(shipped_module_path())
    ids = _term_ids()
    assert "CL:0000100" in ids and "CL:2000047" in ids
    for curie in ids:
        assert onto.has(curie), curie
        assert onto.label(curie), curie
    for curie in onto:
        for parent in onto.parents(curie):
            assert onto.has(parent), f"{curie} has parent {parent} outside the module"
        if not onto.is_obsolete(curie):
            assert curie == "CL:0000000" or "CL:0000000" in onto.ancestors(curie), curie


def test_module_is_valid_rdf_with_the_marker() -> None:
    g = rdflib.Graph()
    g.parse(shipped_module_path(), format="xml")
    motor = rdflib.URIRef(v.expand("CL:0000100"))
    assert (motor, rdflib.RDFS.label, rdflib.Literal("motor neuron")) in g
    assert (motor, rdflib.RDF.type, rdflib.OWL.Class) in g
    headers = list(g.subjects(rdflib.RDF.type, rdflib.OWL.Ontology))
    assert len(headers) == 1
    assert g.value(headers[0], rdflib.URIRef(MODULE_MARKER)).toPython() is True
    licence = rdflib.URIRef("http://purl.org/dc/terms/license")
    assert g.value(headers[0], licence) == rdflib.URIRef(
        "http://creativecommons.org/licenses/by/4.0/"
    )


def test_script_regenerates_the_shipped_module_byte_for_byte(tmp_path: Path) -> None:
    simple = shared_ontology("cl-simple.owl")
    core = shared_ontology("cl-2026-08-core.owl")
    out = tmp_path / "cl-module.owl"
    done = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            str(simple),
            str(core),
            "--terms",
            str(TERMS),
            "--out",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == shipped_module_path().read_bytes()


def test_script_rejects_an_id_no_release_has(tmp_path: Path) -> None:
    terms = tmp_path / "terms.txt"
    terms.write_text("CL:9999999  # not a class\n", "utf-8")
    done = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            str(shipped_module_path()),
            "--terms",
            str(terms),
            "--out",
            str(tmp_path / "m.owl"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode != 0
    assert "CL:9999999: not in any of the releases given" in done.stderr
    assert not (tmp_path / "m.owl").exists()
