"""Damaged artifacts are detected, rebuilt and reported; `kg export` refuses a damaged dataset."""

from __future__ import annotations

import gzip
import os
import shutil
from pathlib import Path

import pyoxigraph as ox
from click.testing import CliRunner

from kg.cli import cli
from kg.pipeline import build
from kg.store import open_store
from tests.conftest import SEEDS_DIR


def _copy(seed_build: Path, tmp_path: Path) -> Path:
    out = tmp_path / "b"
    shutil.copytree(seed_build, out, symlinks=True)
    return out


def test_drop_all_in_the_store_is_rebuilt_not_unchanged(tmp_path: Path, seed_build: Path) -> None:
    """Regression: after `kg query --update 'DROP ALL'`, kg build said unchanged; store empty."""
    out = _copy(seed_build, tmp_path)
    r = CliRunner().invoke(cli, ["query", "--build-dir", str(out), "--update", "DROP ALL"])
    assert r.exit_code == 0, r.output
    result = build([SEEDS_DIR], out=out)
    assert result.store_mode == "full"
    assert result.repaired and "0 quads where the build loaded" in result.repaired[0]
    assert len(open_store(out)) == result.quads


def test_truncated_dataset_is_refused_by_export_and_rebuilt(
    tmp_path: Path, seed_build: Path
) -> None:
    """Regression: after truncate, kg build said unchanged and kg export returned it, exit 0."""
    out = _copy(seed_build, tmp_path)
    good = (out / "dataset.nq").read_bytes()
    os.truncate(out / "dataset.nq", 300_000)
    r = CliRunner().invoke(cli, ["export", "--build-dir", str(out), "--format", "nquads"])
    assert r.exit_code == 2
    assert "300,000 bytes where the build wrote" in r.stderr and "run `kg build`" in r.stderr
    assert r.stdout == ""
    r = CliRunner().invoke(cli, ["build", str(SEEDS_DIR), "--out", str(out), "--no-validate"])
    assert r.exit_code == 0
    assert "damaged, rebuilt:" in r.stderr and "dataset and store written" in r.stdout
    assert (out / "dataset.nq").read_bytes() == good


def _entries(out: Path) -> list[Path]:
    return sorted((out / "cache").glob("*.nq.gz"))


def test_garbage_cache_entry_is_rebuilt_not_copied(tmp_path: Path, seed_build: Path) -> None:
    out = _copy(seed_build, tmp_path)
    good = (out / "dataset.nq").read_bytes()
    _entries(out)[0].write_bytes(b"\x00garbage <not n-quads\n")
    result = build([SEEDS_DIR], out=out)
    assert sorted(p.status for p in result.pages) == ["built", "cached"]
    assert (out / "dataset.nq").read_bytes() == good


def test_foreign_quads_in_a_cache_entry_are_rebuilt(tmp_path: Path, seed_build: Path) -> None:
    """Valid N-Quads of another page under this page's key: the recorded hash differs."""
    out = _copy(seed_build, tmp_path)
    good = (out / "dataset.nq").read_bytes()
    a, b = _entries(out)
    shutil.copyfile(b, a)
    list(ox.parse(gzip.decompress(a.read_bytes()), format=ox.RdfFormat.N_QUADS))  # valid N-Quads
    result = build([SEEDS_DIR], out=out)
    assert sorted(p.status for p in result.pages) == ["built", "cached"]
    assert (out / "dataset.nq").read_bytes() == good
