"""`kg build --ontology FILE`: grounding against a full Cell Ontology release."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.pipeline import build
from kg.store import open_store, read_manifest
from tests.conftest import SEEDS_DIR, shared_ontology


@pytest.mark.parametrize("name", ["cl-simple.owl", "cl-basic.obo", "cl-2026-08-core.owl"])
def test_build_against_a_full_release(tmp_path: Path, name: str) -> None:
    release = shared_ontology(name)
    out = tmp_path / "build"
    result = build([SEEDS_DIR], out=out, ontologies=[release])
    assert not result.failed
    assert read_manifest(out)["ontologies"] == [str(release)]
    store = open_store(out)
    label = store.query(
        "SELECT ?l WHERE { GRAPH <https://scidex.ai/kg/graph-terms> {"
        " <http://purl.obolibrary.org/obo/CL_2000047> <http://www.w3.org/2004/02/skos/core#prefLabel> ?l } }"
    )
    assert [row["l"].value for row in label] == ["brainstem motor neuron"]
    topic = store.query(
        "ASK { GRAPH <https://scidex.ai/kg/graph-cell-types-motor-neurons> {"
        " ?page <http://xmlns.com/foaf/0.1/primaryTopic> <http://purl.obolibrary.org/obo/CL_0000100> } }"
    )
    assert bool(topic)


def test_missing_ontology_file_is_a_clear_error(tmp_path: Path) -> None:
    from kg.errors import InputError

    with pytest.raises(InputError, match="ontology or lexicon file not found"):
        build([SEEDS_DIR], out=tmp_path / "b", ontologies=[tmp_path / "nope.owl"])
