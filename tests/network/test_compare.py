"""kg.network.compare on the hand-written dataset (the page-fixture builds are in test_seeds)."""

from __future__ import annotations

import pytest

from kg.errors import InputError
from kg.network import Network, compare_diagram, render_comparison
from tests.network.conftest import (
    ALS,
    CL_MOTOR_NEURON,
    DISEASE_HAS_LOCATION,
    RELATED_TO,
    RILUZOLE,
    SOD1,
    TREATS,
)


def test_page_diagram_against_graph(net: Network) -> None:
    cmp = compare_diagram(net, ALS)
    assert cmp.pages == ("diseases-amyotrophic-lateral-sclerosis",)
    assert [(e.subject, e.predicate, e.object) for e in cmp.both] == [
        (ALS, DISEASE_HAS_LOCATION, CL_MOTOR_NEURON)
    ]
    assert [(e.subject, e.predicate, e.object) for e in cmp.page_only] == [(ALS, RELATED_TO, SOD1)]
    assert cmp.page_only[0].label == "associated with"
    assert cmp.page_only[0].where == ("pages/als.txt:42",)
    assert [(e.subject, e.predicate, e.object) for e in cmp.graph_only] == [(RILUZOLE, TREATS, ALS)]
    assert cmp.graph_only[0].where == (
        "cell-types-ipsc-derived-motor-neurons",
        "cell-types-motor-neurons",
    )
    assert not cmp.agrees
    text = render_comparison(cmp, net)
    assert "Amyotrophic Lateral Sclerosis --[associated with]--> SOD1  (pages/als.txt:42)" in text
    assert "Riluzole --[is substance that treats]--> Amyotrophic Lateral Sclerosis" in text


def test_entity_whose_page_has_no_diagram(net: Network) -> None:
    with pytest.raises(InputError, match="no Mermaid diagram"):
        compare_diagram(net, CL_MOTOR_NEURON)


def test_entity_without_a_page(net: Network) -> None:
    with pytest.raises(InputError, match="no page of the build is about"):
        compare_diagram(net, SOD1)
