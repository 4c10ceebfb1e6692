"""Generations of a build folder: dataset, store and manifest switch together or not at all.

A build writes its ``dataset.nq``, ``store/`` and ``manifest.json`` into a fresh folder
``gen-XXXXXXXX/`` beside the current one, then makes it current by renaming one symbolic
link, ``current -> gen-XXXXXXXX``: that rename is the only moment the build changes what
readers see. ``build/dataset.nq``, ``build/store`` and ``build/manifest.json`` are links to
``current/...``, so every reader keeps its paths. Killed at any point before the rename, the
previous generation stays current and whole; what the killed build left (its generation,
temporary files) is removed by :func:`remove_stale` at the start of the next build.

(A build folder from before generations, with plain files, is converted by the first build:
its files are replaced by the links one by one after the new generation is current.)
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from kg.store.atomic import dir_mode, os_error
from kg.store.build_dir import DATASET, MANIFEST, STORE, BuildDir

CURRENT = "current"
PREFIX = "gen-"
LINKED = (DATASET, STORE, MANIFEST)
LOCK = ".lock"
#: the one place the crash hook is read: `kg build` exits at once (as if killed) at this point
CRASH_ENV = "KG_TEST_CRASH_AT"


def crash_point(name: str) -> None:
    """For the kill tests: end the process here, without cleanup, when CRASH_ENV names it."""
    if os.environ.get(CRASH_ENV) == name:
        os._exit(137)


@dataclass(frozen=True, slots=True)
class Generation:
    """The folder one build writes its dataset, store and manifest into."""

    root: Path

    @property
    def dataset(self) -> Path:
        return self.root / DATASET

    @property
    def store(self) -> Path:
        return self.root / STORE

    @property
    def manifest(self) -> Path:
        return self.root / MANIFEST


def new_generation(b: BuildDir) -> Generation:
    try:
        root = Path(tempfile.mkdtemp(prefix=PREFIX, dir=b.root))
        root.chmod(dir_mode())
    except OSError as exc:
        raise os_error(exc, b.root) from None
    return Generation(root)


def current_name(b: BuildDir) -> str | None:
    """The name of the current generation's folder, or None (no build, or an older layout)."""
    link = b.root / CURRENT
    return os.readlink(link) if link.is_symlink() else None


def switch_to(b: BuildDir, gen: Generation) -> None:
    """Make ``gen`` the current generation (one rename), then make sure the links exist."""
    try:
        _link(b.root / CURRENT, gen.root.name)
        for name in LINKED:
            target = f"{CURRENT}/{name}"
            path = b.root / name
            if not (path.is_symlink() and os.readlink(path) == target):
                _link(path, target)
    except OSError as exc:
        raise os_error(exc, b.root) from None


def _link(path: Path, target: str) -> None:
    """Point the symbolic link ``path`` at ``target`` atomically, replacing what is there."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.link")
    tmp.unlink(missing_ok=True)
    tmp.symlink_to(target)
    if path.is_dir() and not path.is_symlink():  # a real folder (older layout, or a copy)
        path.rename(path.with_name(f".stale-{path.name}-{os.getpid()}"))
    os.replace(tmp, path)


#: only names kg makes (a build folder may be any folder: never remove anything else)
_STALE = re.compile(
    r"gen-[A-Za-z0-9_]{8}|store\.(new|old)|\.stale-.+-\d+|\.(current|dataset\.nq|store|manifest\.json)\.\d+\.link"
    r"|\.(dataset\.nq|manifest\.json)\..+\.tmp|\.(dataset\.nq|manifest\.json)\.[A-Za-z0-9_]{8}"
)


def remove_stale(b: BuildDir) -> None:
    """Remove what killed or older builds left: other generations and temporary files."""
    current = current_name(b)
    for entry in b.root.iterdir():
        if entry.name != current and _STALE.fullmatch(entry.name):
            _remove(entry)
    if b.cache.is_dir():
        for entry in b.cache.iterdir():
            if entry.name.startswith("."):
                _remove(entry)


def _remove(path: Path) -> None:
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
    except OSError as exc:
        raise os_error(exc, path) from None
