"""kg.query.hints: IRIs bound by --param that no triple of the build names."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from kg.query.hints import unknown_terms
from kg.vocab import expand


def test_only_unknown_iris_warn(mini_build: Path) -> None:
    store = mini_build / "store"
    known = ox.NamedNode(expand("CL:0000100"))
    unknown = ox.NamedNode(expand("CL:0000101"))
    assert unknown_terms(store, {"cell": known, "text": ox.Literal("nothing like it")}) == ()
    (warning,) = unknown_terms(store, {"cell": known, "other": unknown})
    assert warning.startswith(
        f"--param other=CL:0000101: no triple in the build names <{unknown.value}>"
    )
    assert "closest matches: CL:0000100 (Motor Neurons)" in warning
