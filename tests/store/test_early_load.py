"""Loading a fresh build's store while its pages are built (kg.store.early_load).

The thresholds are made small (a real build of the fixture pages, loaded in blocks of a few
pages) so that the early load runs; the store must then hold exactly the dataset's quads, and a
build that cannot use it (a slug met twice) must still end with the right store.
"""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg.pipeline
from kg.pipeline import build
from kg.store.build_dir import BuildDir
from kg.store.early_load import EarlyLoad, gzip_size
from kg.store.page_cache import PageCache
from tests.conftest import PAGE_FIXTURES_DIR, SEEDS_DIR


def _dumped(build_dir: Path) -> list[bytes]:
    store = ox.Store.read_only(str(build_dir / "store"))
    data = store.dump(format=ox.RdfFormat.N_QUADS, from_graph=None)
    assert isinstance(data, bytes)
    return sorted(data.splitlines())


@pytest.fixture
def early_loads(monkeypatch: pytest.MonkeyPatch) -> list[EarlyLoad]:
    """Every EarlyLoad a build makes, with thresholds of a few kilobytes."""
    made: list[EarlyLoad] = []

    def small(b: BuildDir, cache: PageCache) -> EarlyLoad:
        e = EarlyLoad(b, cache, whole=20_000, block=50_000)
        made.append(e)
        return e

    monkeypatch.setattr(kg.pipeline, "EarlyLoad", small)
    return made


def test_a_store_loaded_early_holds_the_dataset_s_quads(
    early_loads: list[EarlyLoad], tmp_path: Path
) -> None:
    out = tmp_path / "build"
    result = build([PAGE_FIXTURES_DIR], out=out, jobs=2)
    assert len(early_loads) == 1 and early_loads[0].started
    lines = sorted((out / "dataset.nq").read_bytes().splitlines())
    assert _dumped(out) == lines
    assert result.quads == len(lines) and result.store_mode == "full"
    # the same bytes as a build that loads the store from dataset.nq (no early load: a rebuild
    # of an existing folder never loads early)
    again = build([PAGE_FIXTURES_DIR], out=tmp_path / "plain", jobs=1)
    assert (tmp_path / "plain" / "dataset.nq").read_bytes() == (out / "dataset.nq").read_bytes()
    assert again.quads == result.quads


def test_a_slug_met_twice_voids_the_early_store_and_the_store_is_loaded_whole(
    early_loads: list[EarlyLoad], tmp_path: Path
) -> None:
    pages = tmp_path / "pages"
    shutil.copytree(PAGE_FIXTURES_DIR, pages)
    seed = next(SEEDS_DIR.glob("*.txt"))
    shutil.copy(seed, pages / "zz-copy-a.txt")
    shutil.copy(seed, pages / "zz-copy-b.txt")  # same slug: one of the two fails
    out = tmp_path / "build"
    result = build([pages], out=out)
    assert early_loads[0].started  # blocks were loaded before the second copy came
    assert len(result.failed) == 1
    assert _dumped(out) == sorted((out / "dataset.nq").read_bytes().splitlines())


def test_gzip_size_is_the_uncompressed_size(tmp_path: Path) -> None:
    f = tmp_path / "x.nq.gz"
    data = b"<a> <b> <c> <g> .\n" * 1000
    f.write_bytes(gzip.compress(data, 1, mtime=0))
    assert gzip_size(f) == len(data)
