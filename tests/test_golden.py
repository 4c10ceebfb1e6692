"""What kg writes for the seeds and the fixture pages is exactly the golden dataset.

Refactors must not change output. A change that means to (a bug fix, a new extractor) regenerates
the golden files with ``tests/fixtures/golden/make_golden.py`` and says why in its commit; on a
mismatch this test prints the first differing lines so the reason is easy to state.
"""

from __future__ import annotations

import difflib
import gzip
from pathlib import Path

import pytest

from tests.fixtures.golden.make_golden import CORPORA, HERE, ROOT, build_dataset


@pytest.mark.parametrize("name", sorted(CORPORA))
def test_dataset_is_byte_identical_to_golden(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    got = build_dataset(CORPORA[name], tmp_path / name)
    want = gzip.decompress((HERE / f"{name}.nq.gz").read_bytes())
    if got != want:
        diff = difflib.unified_diff(
            want.decode().splitlines(), got.decode().splitlines(), "golden", "now", lineterm="", n=0
        )
        shown = "\n".join(line[:300] for _, line in zip(range(40), diff, strict=False))
        pytest.fail(f"{name}: dataset.nq differs from the golden file:\n{shown}")
