"""Shared test fixtures: the seeds, the reader fixtures, the shared ontologies, a seeds build."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = ROOT / "seeds"
FIXTURES_DIR = Path(__file__).resolve().parent / "fixtures"
PAGE_FIXTURES_DIR = FIXTURES_DIR / "pages"
SHARED_ONTOLOGIES = ROOT.parent / "shared" / "ontologies"

MOTOR_NEURONS_SEED = SEEDS_DIR / "000_249a800520ed50d9.txt"
IPSC_SEED = SEEDS_DIR / "001_fc51c25c67a0d5c9.txt"

# Parse caches (vocabulary index, ontology tables) of this test session only, never the user's:
# a test that means to run owlready2 on a file must not be answered from an earlier run's cache.
# Set at import time so that the ``kg`` subprocesses some tests start inherit it too.
_CACHE = os.environ["KG_CACHE_DIR"] = tempfile.mkdtemp(prefix="kg-test-cache-")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    shutil.rmtree(_CACHE, ignore_errors=True)


def line_of(path: Path, needle: str, occurrence: int = 1) -> int:
    """The 1-based line on which ``needle`` occurs for the ``occurrence``-th time in ``path``."""
    seen = 0
    for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if needle in line:
            seen += 1
            if seen == occurrence:
                return n
    raise AssertionError(f"{path.name}: {needle!r} occurs fewer than {occurrence} times")


def line_count(path: Path) -> int:
    """How many lines ``path`` has, as the reader counts them (a final newline ends the last)."""
    return len(path.read_text("utf-8").splitlines())


def shared_ontology(name: str) -> Path:
    """A file from ../shared/ontologies, or skip the test with the reason."""
    path = SHARED_ONTOLOGIES / name
    if not path.exists():
        pytest.skip(
            f"needs {path} (the Cell Ontology release kept beside the project, not in it); "
            "absent in a plain clone"
        )
    return path


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS_DIR


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds built once per test session with default settings; returns the build folder."""
    from kg.pipeline import build

    out = tmp_path_factory.mktemp("seed-build") / "build"
    build([SEEDS_DIR], out=out)
    return out
