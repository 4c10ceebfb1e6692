"""Checking a build's artifacts against what its manifest recorded, before trusting them.

The manifest records the dataset's sha256, size and quad count and the store's quad count
(``artifacts``). :func:`damage` lists every difference, so that ``kg build`` rebuilds what
does not match (and says so) instead of calling it unchanged, and :func:`verify_dataset`
lets ``kg export`` refuse a damaged dataset.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.store.build_dir import BuildDir
from kg.store.dataset import Artifact, file_artifact
from kg.store.dataset_index import describes
from kg.store.manifest import read_manifest_file
from kg.store.oxigraph import store_quads
from kg.store.store_stamp import stamped_quads, write_stamp


@dataclass(frozen=True, slots=True, kw_only=True)
class Artifacts:
    """What the build's files must be."""

    dataset: Artifact
    store_quads: int

    def to_json(self) -> dict[str, Any]:
        d = self.dataset
        return {
            "dataset": {
                "file": "dataset.nq",
                "sha256": d.sha256,
                "bytes": d.size,
                "quads": d.quads,
            },
            "store": {"quads": self.store_quads},
        }


def artifacts_from_json(data: Any) -> Artifacts | None:
    if not isinstance(data, dict):
        return None
    ds, st = data.get("dataset"), data.get("store")
    if not isinstance(ds, dict) or not isinstance(st, dict):
        return None
    sha, size, quads, sq = ds.get("sha256"), ds.get("bytes"), ds.get("quads"), st.get("quads")
    if not isinstance(sha, str) or not isinstance(size, int):
        return None
    if not isinstance(quads, int) or not isinstance(sq, int):
        return None
    return Artifacts(dataset=Artifact(sha256=sha, size=size, quads=quads), store_quads=sq)


def dataset_damage(path: Path, expected: Artifact, *, trust_stat: bool = False) -> str | None:
    """Why the dataset at ``path`` is not the one recorded, or None when it is.

    ``trust_stat``: a file whose size and modification time are those its index recorded
    with the same sha256 is not read again (kg.store.dataset_index.describes)."""
    if trust_stat and describes(path, expected.sha256):
        return None
    try:
        actual = file_artifact(path)
    except OSError as exc:
        return f"{path}: cannot be read ({exc.strerror})"
    if actual.size != expected.size:
        return f"{path}: {actual.size:,} bytes where the build wrote {expected.size:,}"
    if actual.sha256 != expected.sha256:
        return f"{path}: its content changed since the build wrote it (sha256 differs)"
    return None


def damage(b: BuildDir, artifacts: Artifacts | None) -> list[str]:
    """Every way the build folder's dataset and store differ from ``artifacts``.

    Files unchanged since the build wrote them (by their stat: kg.store.dataset_index,
    kg.store.store_stamp) are not read again; any other file is hashed or counted. A store
    counted and found whole is stamped again (its one write), so the next build trusts it
    by its stat; a damaged or missing stamp used to cost a count at every build until the
    next generation."""
    if artifacts is None:
        return [f"{b.manifest}: records no artifact checksums (older or damaged manifest)"]
    found = []
    why = dataset_damage(b.dataset, artifacts.dataset, trust_stat=True)
    if why:
        found.append(why)
    n = stamped_quads(b.store)
    if n is None:
        n = store_quads(b.store)
        if n is not None and n == artifacts.store_quads:
            write_stamp(b.store, n)
    if n is None:
        found.append(f"{b.store}: the store cannot be opened")
    elif n != artifacts.store_quads:
        found.append(f"{b.store}: {n:,} quads where the build loaded {artifacts.store_quads:,}")
    return found


def verify_dataset(build_dir: str | Path) -> Path:
    """The build's dataset.nq, or an InputError when it is not what the build wrote."""
    b = BuildDir(Path(build_dir)).require()
    manifest = read_manifest_file(b.manifest)
    if manifest is None:
        raise InputError("the manifest is damaged: run `kg build` again", path=b.manifest)
    artifacts = artifacts_from_json(manifest.artifacts)
    if artifacts is None:
        return b.dataset  # a build from before checksums: nothing to check against
    why = dataset_damage(b.dataset, artifacts.dataset)
    if why:
        raise InputError(f"{why}; it is damaged: run `kg build` to rebuild it")
    return b.dataset
