"""kg.network.resolver: CURIE, IRI, page slug or label -> node; clear errors otherwise."""

from __future__ import annotations

import networkx as nx
import pytest

from kg.errors import InputError
from kg.network import Network, Resolver
from tests.network.conftest import ALS, CL_MOTOR_NEURON, IPSC, ISL1, MOTOR_ENTITY, RILUZOLE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CL:0000100", CL_MOTOR_NEURON),
        ("cl:0000100", CL_MOTOR_NEURON),
        (CL_MOTOR_NEURON, CL_MOTOR_NEURON),
        (MOTOR_ENTITY, CL_MOTOR_NEURON),  # merged by owl:sameAs
        ("kg:entity-cell-types-motor-neurons", CL_MOTOR_NEURON),
        ("cell-types-motor-neurons", CL_MOTOR_NEURON),
        ("/cell-types/motor-neurons", CL_MOTOR_NEURON),
        ("https://scidex.ai/artifact/wiki-cell-types-motor-neurons", CL_MOTOR_NEURON),
        ("Motor Neurons", CL_MOTOR_NEURON),
        ("  MOTOR   neuron ", CL_MOTOR_NEURON),
        ("cell-types-ipsc-derived-motor-neurons", IPSC),
        ("ipsc-derived motor neurons", IPSC),
        ("riluzole", RILUZOLE),
        ("isl1", ISL1),
        ("diseases-amyotrophic-lateral-sclerosis", ALS),
    ],
)
def test_resolves(net: Network, text: str, expected: str) -> None:
    assert net.entity(text) == expected


def test_unknown_lists_closest_matches(net: Network) -> None:
    with pytest.raises(InputError) as err:
        net.entity("motor nueron")
    assert "no entity 'motor nueron'" in str(err.value)
    assert "motor neuron (CL:0000100)" in str(err.value)


def test_unknown_suggests_names_containing_it(net: Network) -> None:
    with pytest.raises(InputError, match="Amyotrophic Lateral Sclerosis"):
        net.entity("lateral sclerosis")


def test_unknown_curie_is_an_input_error(net: Network) -> None:
    with pytest.raises(InputError, match="CL:9999999"):
        net.entity("CL:9999999")


def test_empty_name(net: Network) -> None:
    with pytest.raises(InputError, match="empty"):
        net.entity("   ")


def test_ambiguous_label_lists_every_candidate() -> None:
    g = nx.MultiDiGraph()
    g.add_node("https://example.org/gene/sod1", label="SOD1", curie="ex:gene-sod1", names=("SOD1",))
    g.add_node("https://example.org/protein/sod1", label="SOD1", curie="ex:protein-sod1", names=())
    with pytest.raises(InputError) as err:
        Resolver(g).resolve("sod1")
    message = str(err.value)
    assert "names 2 entities" in message
    assert "ex:gene-sod1" in message and "ex:protein-sod1" in message
    assert "give a CURIE" in message
