"""The manifest's reader: wrong-shaped JSON is damaged (None), never a KeyError or TypeError."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kg.pipeline import build
from kg.store.manifest import read_manifest_file
from tests.conftest import SEEDS_DIR

WRONG_SHAPES = [
    [],
    "x",
    {"version": "0", "activity": "a"},
    {"version": "0", "activity": "a", "ontologies": [], "summary": [], "inputs": []},
    {
        "version": "0",
        "activity": "a",
        "ontologies": [],
        "summary": {"quads": 1, "triples": 1},
        "inputs": [{"file": "x", "status": "built", "graph": 3}],
    },
    {
        "version": "0",
        "activity": "a",
        "ontologies": [1],
        "summary": {"quads": "1", "triples": 1},
        "inputs": [],
    },
]


@pytest.mark.parametrize("data", WRONG_SHAPES)
def test_wrong_shaped_manifest_is_damaged(tmp_path: Path, data: object) -> None:
    path = tmp_path / "manifest.json"
    path.write_text(json.dumps(data), "utf-8")
    assert read_manifest_file(path) is None


def test_build_over_a_wrong_shaped_manifest_rebuilds(tmp_path: Path, seed_build: Path) -> None:
    out = tmp_path / "b"
    shutil.copytree(seed_build, out)
    before = (out / "dataset.nq").read_bytes()
    (out / "manifest.json").write_text('{"summary": 3, "inputs": {"a": 1}}', "utf-8")
    result = build([SEEDS_DIR], out=out)
    assert result.store_mode == "full"
    assert (out / "dataset.nq").read_bytes() == before
    assert read_manifest_file(out / "manifest.json") is not None
