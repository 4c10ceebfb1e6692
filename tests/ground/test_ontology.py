"""Reading ontology files: the shipped module, the shared CL releases, and broken files."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.extract.model import Match
from kg.ground import load_ontology, shipped_module_path
from tests.conftest import shared_ontology

MOTOR_NEURON = "CL:0000100"
BRAINSTEM_MOTOR_NEURON = "CL:2000047"
NEURON = "CL:0000540"
CELL = "CL:0000000"
FUSIMOTOR_NEURON = "CL:0000717"  # obsolete, replaced by gamma motor neuron
GAMMA_MOTOR_NEURON = "CL:0008037"
SN_DOPAMINERGIC = "CL:4042025"  # only in the 2026 editors' file


def test_shipped_module_is_marked_as_a_module() -> None:
    onto = load_ontology(shipped_module_path())
    assert not onto.is_full_release
    assert onto.version is not None and "2022-12-15" in onto.version
    assert onto.label(MOTOR_NEURON) == "motor neuron"
    assert onto.synonyms(MOTOR_NEURON) == ("motoneuron",)
    assert onto.parents(BRAINSTEM_MOTOR_NEURON) == (MOTOR_NEURON, "CL:2000029")
    assert {MOTOR_NEURON, NEURON, CELL} <= onto.ancestors(BRAINSTEM_MOTOR_NEURON)
    assert BRAINSTEM_MOTOR_NEURON not in onto.ancestors(BRAINSTEM_MOTOR_NEURON)
    assert onto.is_obsolete(FUSIMOTOR_NEURON)
    assert onto.replaced_by(FUSIMOTOR_NEURON) == GAMMA_MOTOR_NEURON
    assert onto.label(SN_DOPAMINERGIC) == "substantia nigra dopaminergic neuron"
    assert not onto.has("CL:9999999")


def test_find_by_label_synonym_and_plural() -> None:
    onto = load_ontology(shipped_module_path())
    assert onto.find("Motor Neurons") == ((MOTOR_NEURON, Match.EXACT_LABEL),)
    assert onto.find("MOTONEURON") == ((MOTOR_NEURON, Match.EXACT_SYNONYM),)
    assert onto.find("Microglia") == (("CL:0000129", Match.EXACT_SYNONYM),)
    assert onto.find("obsolete fusimotor neuron") == ()  # obsolete classes are never found
    assert onto.find("fusimotor neuron") == ((GAMMA_MOTOR_NEURON, Match.EXACT_SYNONYM),)
    assert onto.find("iPSC") == ()


def test_merge_keeps_the_first_record_and_all_classes(tmp_path: Path) -> None:
    extra = tmp_path / "extra.obo"
    extra.write_text(
        "format-version: 1.2\ndata-version: test\n\n"
        "[Term]\nid: CL:0000100\nname: renamed motor neuron\n\n"
        "[Term]\nid: CL:9999999\nname: test cell\nis_a: CL:0000100 ! motor neuron\n",
        "utf-8",
    )
    module = load_ontology(shipped_module_path())
    merged = module.merge(load_ontology(extra))
    assert merged.label(MOTOR_NEURON) == "motor neuron"
    assert merged.label("CL:9999999") == "test cell"
    assert CELL in merged.ancestors("CL:9999999")
    assert merged.is_full_release  # the OBO file has no module marker
    assert len(merged) == len(module) + 1


@pytest.mark.parametrize("name", ["cl-simple.owl", "cl-basic.obo", "cl-2026-08-core.owl"])
def test_shared_releases_load(name: str) -> None:
    onto = load_ontology(shared_ontology(name))
    assert onto.is_full_release
    assert len(onto) > 2500
    assert onto.label(MOTOR_NEURON) == "motor neuron"
    assert MOTOR_NEURON in onto.ancestors("CL:0011001")  # spinal cord motor neuron
    assert CELL in onto.ancestors(BRAINSTEM_MOTOR_NEURON)
    assert onto.is_obsolete(FUSIMOTOR_NEURON)
    assert onto.find("motor neurons") == ((MOTOR_NEURON, Match.EXACT_LABEL),)


def test_release_versions() -> None:
    assert load_ontology(shared_ontology("cl-simple.owl")).version == (
        "http://purl.obolibrary.org/obo/cl/releases/2022-12-15/cl-simple.owl"
    )
    assert load_ontology(shared_ontology("cl-basic.obo")).version == (
        "cl/releases/2022-12-15/cl-basic.owl"
    )


def test_core_file_loads_without_network(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """cl-2026-08-core.owl declares remote owl:imports; reading it must not open a socket."""
    copy = tmp_path / "core.owl"  # a fresh path, so the per-file cache cannot answer
    shutil.copyfile(shared_ontology("cl-2026-08-core.owl"), copy)
    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError("network access attempted while loading an ontology")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    onto = load_ontology(copy)
    assert attempts == []
    assert len(onto.imports) == 14
    assert all(i.startswith("http://purl.obolibrary.org/obo/cl/") for i in onto.imports)
    assert onto.label("UBERON:0002240") is None  # imported terms were not fetched
    assert onto.label(SN_DOPAMINERGIC) == "substantia nigra dopaminergic neuron"


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found") as err:
        load_ontology(tmp_path / "nope.owl")
    assert err.value.path == str(tmp_path / "nope.owl")


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        (
            '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
            ' xmlns:owl="http://www.w3.org/2002/07/owl#">\n<owl:Class rdf:about="x">\n'
            "<owl:Class>\n</rdf:RDF>\n",
            5,
            "malformed RDF/XML",
        ),
        ("<html><body>not an ontology</body></html>\n", 1, "root element is <html>"),
        ("@prefix owl: <http://www.w3.org/2002/07/owl#> .\n", 1, "not an ontology kg can read"),
        ("", 1, "empty"),
        ("format-version: 1.2\n\n[Term]\nid: CL:1\nthis line has no colon\n", 5, "malformed OBO"),
        (
            'format-version: 1.2\n\n[Term]\nid: CL:1\nsynonym: "open quote EXACT []\n',
            5,
            "unterminated",
        ),
    ],
)
def test_broken_files_name_file_and_line(
    tmp_path: Path, content: str, line: int, message: str
) -> None:
    path = tmp_path / "broken.owl"
    path.write_text(content, "utf-8")
    with pytest.raises(InputError, match=message) as err:
        load_ontology(path)
    assert err.value.path == str(path)
    assert err.value.line == line
    assert str(err.value).startswith(f"{path}:{line}: ")


def test_rdf_without_ontology_or_classes_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "empty.rdf"
    path.write_text(
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"></rdf:RDF>\n', "utf-8"
    )
    with pytest.raises(InputError, match="not an OWL ontology"):
        load_ontology(path)


def test_obo_module_marker_and_imports(tmp_path: Path) -> None:
    path = tmp_path / "module.obo"
    path.write_text(
        "format-version: 1.2\ndata-version: 2024-01-01\nimport: http://example.org/big.owl\n"
        'property_value: kgv:ontologyModule "true" xsd:boolean\n\n'
        '[Term]\nid: CL:0000001\nname: test\ndef: "A \\"quoted\\" test." []\n'
        'synonym: "t cell-ish" NARROW []\nis_obsolete: true\nreplaced_by: CL:0000000\n',
        "utf-8",
    )
    onto = load_ontology(path)
    assert not onto.is_full_release
    assert onto.version == "2024-01-01"
    assert onto.imports == ("http://example.org/big.owl",)
    cls = onto.get("CL:0000001")
    assert cls is not None
    assert cls.definition == 'A "quoted" test.'
    assert cls.narrow_synonyms == ("t cell-ish",)
    assert onto.is_obsolete("CL:0000001") and onto.replaced_by("CL:0000001") == CELL
