"""The ontology checks read an OWL file through owlready2 once per content, then from the cache."""

from __future__ import annotations

import marshal
import shutil
from pathlib import Path

import pytest

from kg.ground import shipped_module_path
from kg.validate.ontology import load
from kg.validate.ontology_cache import cache_file, cache_key

MOTOR_NEURON = "http://purl.obolibrary.org/obo/CL_0000100"


@pytest.fixture
def owl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    copy = tmp_path / "cl-module.owl"
    shutil.copyfile(shipped_module_path(), copy)
    return copy


def _tables(o: object) -> tuple[object, ...]:
    names = ("labels", "synonyms", "obsolete", "replaced", "parents", "develops_from", "name")
    return tuple(getattr(o, n) for n in names)


def test_a_second_load_reads_the_cache_and_gives_the_same_ontology(owl: Path) -> None:
    first = load(owl)
    assert first.label(MOTOR_NEURON) == "motor neuron"
    entry = cache_file(cache_key(owl))
    assert entry.is_file()
    second = load(owl)
    assert _tables(second) == _tables(first)
    assert second.find("motor neurons") == first.find("motor neurons") == (MOTOR_NEURON,)

    # Proof that the second load came from the cache: a planted label is what a load returns.
    data = marshal.loads(entry.read_bytes())
    data["labels"][MOTOR_NEURON] = "planted"
    entry.write_bytes(marshal.dumps(data))
    assert load(owl).label(MOTOR_NEURON) == "planted"


def test_edited_content_is_parsed_again(owl: Path) -> None:
    load(owl)
    entry = cache_file(cache_key(owl))
    data = marshal.loads(entry.read_bytes())
    data["labels"][MOTOR_NEURON] = "planted"
    entry.write_bytes(marshal.dumps(data))
    owl.write_bytes(owl.read_bytes() + b"\n<!-- edited -->\n")
    assert load(owl).label(MOTOR_NEURON) == "motor neuron"


@pytest.mark.parametrize("garbage", [b"", b"not marshal", marshal.dumps({"format": 1})])
def test_a_damaged_cache_entry_is_ignored(owl: Path, garbage: bytes) -> None:
    entry = cache_file(cache_key(owl))
    entry.parent.mkdir(parents=True)
    entry.write_bytes(garbage)
    assert load(owl).label(MOTOR_NEURON) == "motor neuron"
