"""kill -9 at any point of `kg build` leaves the previous build whole; the next build cleans up."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.store.build_dir import BuildDir
from kg.store.generation import CRASH_ENV
from kg.store.integrity import artifacts_from_json, damage
from kg.store.manifest import read_manifest_file
from tests.conftest import SEEDS_DIR

ROOT = Path(__file__).resolve().parents[2]


def _build(seeds: Path, out: Path, crash: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop(CRASH_ENV, None)
    if crash:
        env[CRASH_ENV] = crash
    cmd = [sys.executable, "-m", "kg", "build", str(seeds), "--out", str(out), "--no-validate"]
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)


def _consistent(out: Path) -> list[str]:
    b = BuildDir(out)
    manifest = read_manifest_file(b.manifest)
    assert manifest is not None
    return damage(b, artifacts_from_json(manifest.artifacts))


@pytest.mark.parametrize("point", ["dataset-written", "store-loaded", "manifest-written"])
def test_killed_before_the_switch_the_previous_build_stays(tmp_path: Path, point: str) -> None:
    """Regression: killed mid-build, dataset.nq was new while manifest and store were old."""
    seeds, out = tmp_path / "seeds", tmp_path / "build"
    shutil.copytree(SEEDS_DIR, seeds)
    assert _build(seeds, out).returncode == 0
    before = (out / "dataset.nq").read_bytes(), (out / "manifest.json").read_bytes()
    page = sorted(seeds.iterdir())[0]
    page.write_text(page.read_text("utf-8") + "\nAn added line.\n", "utf-8")
    killed = _build(seeds, out, crash=point)
    assert killed.returncode == 137
    assert ((out / "dataset.nq").read_bytes(), (out / "manifest.json").read_bytes()) == before
    assert _consistent(out) == []
    assert len([p for p in out.iterdir() if p.name.startswith("gen-")]) == 2  # the killed one
    assert _build(seeds, out).returncode == 0
    assert _consistent(out) == []
    assert (out / "dataset.nq").read_bytes() != before[0]
    gens = [p.name for p in out.iterdir() if p.name.startswith("gen-")]
    assert gens == [os.readlink(out / "current")]  # the killed build's folder is gone
    leftovers = [p for p in out.rglob(".*") if p.name != ".lock"]
    assert leftovers == []


def test_killed_after_the_switch_the_new_build_is_whole(tmp_path: Path) -> None:
    seeds, out = tmp_path / "seeds", tmp_path / "build"
    shutil.copytree(SEEDS_DIR, seeds)
    assert _build(seeds, out).returncode == 0
    page = sorted(seeds.iterdir())[0]
    page.write_text(page.read_text("utf-8") + "\nAn added line.\n", "utf-8")
    assert _build(seeds, out, crash="switched").returncode == 137
    assert _consistent(out) == []
    assert _build(seeds, out).returncode == 0
    assert len([p for p in out.iterdir() if p.name.startswith("gen-")]) == 1


def test_stale_temporaries_of_an_older_kg_are_removed(tmp_path: Path, seed_build: Path) -> None:
    """Regression: a killed write left `.dataset.nq.XXXX` forever."""
    out = tmp_path / "b"
    shutil.copytree(seed_build, out, symlinks=True)
    stale = [out / ".dataset.nq.ab12cd34", out / ".manifest.json.x1y2z3w4.tmp", out / "store.new"]
    for p in stale[:2]:
        p.write_bytes(b"half")
    stale[2].mkdir()
    keep = out / ".my-own-file"
    keep.write_text("not kg's", "utf-8")
    assert _build(SEEDS_DIR, out).returncode == 0
    assert not any(p.exists() for p in stale)
    assert keep.exists()  # only names kg makes are removed
