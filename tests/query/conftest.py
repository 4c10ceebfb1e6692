"""Query test fixtures: a small build folder made from tests/fixtures/query/mini.trig.

mini.trig follows docs/rdf-layout.md (two page graphs from the seeds' real text, the terms
graph, the build graph). It is loaded the way `kg build` loads a build: sorted N-Quads in
dataset.nq, then the on-disk Oxigraph store through kg.store.load_store.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.store.oxigraph import load_store

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "query" / "mini.trig"


def make_build(out: Path, trig: Path = FIXTURE) -> Path:
    """A build folder (manifest.json, dataset.nq, store/) holding the quads of a TriG file."""
    out.mkdir(parents=True, exist_ok=True)
    quads = sorted(f"{q} .\n" for q in ox.parse(path=str(trig), format=ox.RdfFormat.TRIG))
    (out / "dataset.nq").write_text("".join(quads), "utf-8")
    (out / "manifest.json").write_text(json.dumps({"inputs": [], "summary": {}}), "utf-8")
    load_store(out / "dataset.nq", out / "store")
    return out


@pytest.fixture(scope="session")
def mini_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A read-only build of mini.trig, shared by the session (tests must not write to it)."""
    return make_build(tmp_path_factory.mktemp("query") / "build")
