"""Shared test fixtures: the seeds, the reader fixtures, the shared ontologies, a seeds build."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = ROOT / "seeds"
FIXTURES_DIR = Path(__file__).resolve().parent / "fixtures"
PAGE_FIXTURES_DIR = FIXTURES_DIR / "pages"
SHARED_ONTOLOGIES = ROOT.parent / "shared" / "ontologies"

MOTOR_NEURONS_SEED = SEEDS_DIR / "000_249a800520ed50d9.txt"
IPSC_SEED = SEEDS_DIR / "001_fc51c25c67a0d5c9.txt"


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
