"""Fixtures of the network tests: the hand-written TriG dataset, as a store and as a build."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.network import Network, open_network
from kg.network.source import load_trig

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "network"
THREE_PAGES = FIXTURES / "three-pages.trig"

CL_MOTOR_NEURON = "http://purl.obolibrary.org/obo/CL_0000100"
MOTOR_ENTITY = "https://scidex.ai/kg/entity-cell-types-motor-neurons"
IPSC = "https://scidex.ai/kg/entity-cell-types-ipsc-derived-motor-neurons"
ALS = "https://scidex.ai/kg/entity-diseases-amyotrophic-lateral-sclerosis"
ISL1 = "https://scidex.ai/kg/mention-gene-isl1"
MNX1 = "https://scidex.ai/kg/mention-gene-mnx1"
SOD1 = "https://scidex.ai/kg/mention-gene-sod1"
RILUZOLE = "https://scidex.ai/kg/mention-smallmolecule-riluzole"
MOUSE = "http://purl.obolibrary.org/obo/NCBITaxon_10090"
EXPRESSES = "http://purl.obolibrary.org/obo/RO_0002292"
TREATS = "http://purl.obolibrary.org/obo/RO_0002606"
DISEASE_HAS_LOCATION = "http://purl.obolibrary.org/obo/RO_0004026"
RELATED_TO = "https://w3id.org/biolink/vocab/related_to"


@pytest.fixture(scope="session")
def three_pages_store() -> ox.Store:
    return load_trig(THREE_PAGES)


@pytest.fixture(scope="session")
def net(three_pages_store: ox.Store) -> Network:
    return open_network(three_pages_store)


@pytest.fixture(scope="session")
def fixture_build(tmp_path_factory: pytest.TempPathFactory, three_pages_store: ox.Store) -> Path:
    """A build folder holding only dataset.nq (the canonical artifact) of the TriG fixture."""
    out = tmp_path_factory.mktemp("network-build") / "build"
    out.mkdir()
    three_pages_store.dump(str(out / "dataset.nq"), format=ox.RdfFormat.N_QUADS)
    return out
