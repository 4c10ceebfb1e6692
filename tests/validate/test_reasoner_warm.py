"""The reasoner's child started ahead (kg.validate.reasoner.warmed): it reads the ontology while
kg builds or checks pages, and gives the verdict a child started with the axioms gives."""

from __future__ import annotations

import contextvars
import os
import shutil
import threading
from pathlib import Path

import pytest

from kg.ground import shipped_module_path
from kg.validate import reasoner as rz
from tests.conftest import shared_ontology

needs_java = pytest.mark.skipif(shutil.which("java") is None, reason="needs Java for HermiT")

CL = "http://purl.obolibrary.org/obo/CL_"
MOTOR_NEURON, NEURON, GERM_LINE_CELL = CL + "0000100", CL + "0000540", CL + "0000039"


def _verdict(ontology: Path, axioms: rz.Axioms, *, warm: bool) -> tuple[rz.ReasonerResult, bool]:
    """The verdict, and whether the warm child (when one was started) gave it."""
    if not warm:
        return rz.start(ontology, axioms, timeout=120).result(), False
    with rz.warmed(ontology):
        child = rz._WARM.get()
        running = rz.start(ontology, axioms, timeout=120)
        used = child is not None and running is child.running
        return running.result(), used


@needs_java
def test_the_warm_child_gives_the_verdict_of_a_cold_one() -> None:
    module = shipped_module_path()
    axioms = rz.Axioms(subclass=((MOTOR_NEURON, NEURON),))
    warm, used = _verdict(module, axioms, warm=True)
    cold, _ = _verdict(module, axioms, warm=False)
    assert used
    assert warm == cold
    assert warm.status == "consistent"


@needs_java
def test_the_warm_child_finds_what_a_cold_one_finds_against_a_disjointness_axiom() -> None:
    release = shared_ontology("cl-simple.owl")  # skips with its reason without ../shared
    axioms = rz.Axioms(subclass=((MOTOR_NEURON, GERM_LINE_CELL),))  # germ line: not somatic
    warm, used = _verdict(release, axioms, warm=True)
    cold, _ = _verdict(release, axioms, warm=False)
    assert used
    assert warm == cold
    assert warm.status == "unsatisfiable" and MOTOR_NEURON in warm.unsatisfiable


@needs_java
def test_a_warm_child_that_cannot_read_its_ontology_says_so_as_a_cold_one_does(
    tmp_path: Path,
) -> None:
    broken = tmp_path / "broken.owl"
    broken.write_text("<rdf:RDF this is not XML", encoding="utf-8")
    axioms = rz.Axioms(subclass=((MOTOR_NEURON, NEURON),))
    warm, used = _verdict(broken, axioms, warm=True)
    cold, _ = _verdict(broken, axioms, warm=False)
    assert used
    assert warm == cold
    assert warm.status == "error" and warm.notice.startswith("reasoner: HermiT could not run (")


@needs_java
def test_a_warm_child_for_another_ontology_is_not_used_and_is_stopped(tmp_path: Path) -> None:
    module = shipped_module_path()
    other = tmp_path / "other.owl"
    other.write_bytes(module.read_bytes())
    with rz.warmed(module):
        child = rz._WARM.get()
        assert child is not None and child.running.process.is_alive()
        with rz.warmed(module):  # one is warm for it already: no second child
            assert rz._WARM.get() is child
        running = rz.start(other, rz.Axioms(), timeout=120)
        assert running is not child.running
        assert running.result().status == "consistent"
    assert not child.taken
    assert not child.running.process.is_alive()


def test_without_java_nothing_is_started(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no java on it
    with rz.warmed(shipped_module_path()):
        assert rz._WARM.get() is None
    with rz.warmed(None):
        assert rz._WARM.get() is None


@needs_java
def test_handing_the_axioms_does_not_wait_for_the_ontology_to_be_read(tmp_path: Path) -> None:
    """The child is still reading its ontology (a FIFO no one writes: the read waits) when it
    is handed axioms far larger than a pipe holds (about 2 MB). It receives them in a thread,
    so :func:`start` returns; were they read only after the ontology, it would wait for ever
    (the bound below is a deadlock check, not a speed check)."""
    fifo = tmp_path / "never-written.owl"
    os.mkfifo(fifo)
    pairs = tuple((f"{CL}9{i:06d}", NEURON) for i in range(20_000))
    axioms = rz.Axioms(subclass=pairs)
    started: list[rz.Running] = []
    with rz.warmed(fifo):
        child = rz._WARM.get()
        assert child is not None
        here = contextvars.copy_context()  # the thread sees the warm child, as start's caller
        hand = threading.Thread(
            target=lambda: started.append(here.run(rz.start, fifo, axioms, timeout=120)),
            daemon=True,
        )
        hand.start()
        hand.join(60)
        returned = not hand.is_alive()
        child.running.stop()  # never to be read: stop it (and free a blocked send)
        hand.join(10)
        for running in started:
            running.stop()
    assert returned, "start() waited for the child to read its ontology"
    assert started and started[0] is child.running
