"""The reasoner adds each group of nodes the pages make equivalent as one class.

A build of a thousand pages about motor neurons has a thousand minted page entities, each
``owl:sameAs CL:0000100``. Added one by one as ``equivalent_to``, they made owlready2 recurse
past Python's limit (the reasoner then reported an error after two minutes instead of a
verdict); as one group the verdict is HermiT's, in about a second.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.validate import reasoner as rz
from tests.conftest import shared_ontology

CL = "http://purl.obolibrary.org/obo/CL_"
MODULE = Path(__file__).resolve().parents[2] / "kg" / "data" / "cl-module.owl"
MOTOR_NEURON = CL + "0000100"
NEURON = CL + "0000540"
GERM_LINE_CELL = CL + "0000039"  # disjoint with somatic cell, above motor neuron


def minted(i: int) -> str:
    return f"https://scidex.ai/kg/entity-motor-neurons-{i:05d}-syn"


def needs_java() -> None:
    if shutil.which("java") is None:
        pytest.skip("needs Java for HermiT")


def test_groups_pick_the_ontology_class_and_keep_its_equivalences() -> None:
    known = {MOTOR_NEURON, NEURON}
    g = rz.groups_of(
        [(minted(1), MOTOR_NEURON), (minted(2), minted(1)), (minted(3), NEURON)],
        known=known.__contains__,
    )
    assert g.rep(minted(2)) == MOTOR_NEURON  # through minted(1)
    assert g.rep(minted(3)) == NEURON
    assert g.rep("https://example.org/alone") == "https://example.org/alone"
    assert g.known_pairs() == []  # no two ontology classes were made equivalent
    both = rz.groups_of([(minted(1), MOTOR_NEURON), (minted(1), NEURON)], known=known.__contains__)
    assert both.rep(minted(1)) == MOTOR_NEURON  # the smaller ontology IRI
    assert both.known_pairs() == [(MOTOR_NEURON, NEURON)]
    assert both.expand([MOTOR_NEURON]) == sorted([MOTOR_NEURON, NEURON, minted(1)])


def test_a_thousand_pages_naming_one_class_get_a_verdict() -> None:
    needs_java()
    same = tuple((minted(i), MOTOR_NEURON) for i in range(1500))
    axioms = rz.Axioms(subclass=((minted(7), NEURON),), same=same)
    verdict = rz.start(MODULE, axioms, timeout=120).result()
    assert verdict.status == "consistent", verdict.notice
    assert verdict.notice == (
        "reasoner: HermiT found the ontology plus the build's 1501 class assertion(s) consistent"
    )


def test_a_claim_on_a_minted_node_still_reaches_its_class() -> None:
    """X = motor neuron and X below germ line cell: motor neuron (a somatic cell) and X are
    both unsatisfiable, as they were when X was added as a class of its own."""
    needs_java()
    release = shared_ontology("cl-simple.owl")
    axioms = rz.Axioms(
        subclass=((minted(1), GERM_LINE_CELL),),
        same=((minted(1), MOTOR_NEURON), (minted(2), MOTOR_NEURON)),
    )
    verdict = rz.start(release, axioms, timeout=120).result()
    assert verdict.status == "unsatisfiable", verdict.notice
    assert {minted(1), minted(2), MOTOR_NEURON} <= set(verdict.unsatisfiable)
