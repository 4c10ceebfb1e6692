"""The files of a build folder, and writing them atomically.

``build/manifest.json`` (inputs, counts, problems), ``build/dataset.nq`` (every graph, sorted:
the canonical artifact), ``build/cache/`` (per-page graphs for incremental rebuilds) and
``build/store/`` (the Oxigraph store loaded from dataset.nq). Dataset, store and manifest
are one *generation* (:mod:`kg.store.generation`) and switch together; every file is written
through :mod:`kg.store.atomic`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.store.atomic import write_atomic

MANIFEST = "manifest.json"
DATASET = "dataset.nq"
CACHE = "cache"
STORE = "store"


@dataclass(frozen=True, slots=True)
class BuildDir:
    """Paths of one build folder."""

    root: Path

    @property
    def manifest(self) -> Path:
        return self.root / MANIFEST

    @property
    def dataset(self) -> Path:
        return self.root / DATASET

    @property
    def cache(self) -> Path:
        return self.root / CACHE

    @property
    def store(self) -> Path:
        return self.root / STORE

    def require(self) -> BuildDir:
        """This build folder, or an :class:`InputError` saying how to make one."""
        if not self.manifest.is_file() or not self.dataset.is_file():
            raise InputError(
                "no build found here: run `kg build` first (or pass --build-dir)", path=self.root
            )
        return self


def read_manifest(build_dir: str | Path) -> dict[str, Any]:
    """The manifest of a build folder (see :func:`kg.pipeline.build`)."""
    path = BuildDir(Path(build_dir)).require().manifest
    try:
        data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    except json.JSONDecodeError as exc:
        raise InputError(
            f"manifest is not valid JSON: {exc.msg}", path=path, line=exc.lineno
        ) from None
    return data


def write_json(path: Path, data: Any) -> None:
    text = json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    write_atomic(path, text.encode("utf-8"))
