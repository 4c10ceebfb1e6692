"""Parsed ontologies kept between runs, by content hash: owlready2 reads a release once.

Reading the 9 MB 2026 CL core through owlready2 (in its sandboxed child process) takes about
6 s; every ``kg validate`` and every ``kg build --ontology`` paid it again. The checks only need
the :class:`~kg.validate.ontology.Ontology` tables (labels, synonyms, parents, obsolescence), so
they are written once to ``cache_dir()/onto-<key>.marshal`` and read back in milliseconds
(marshal keeps the tables' dicts, tuples and sets as they are). The key is the sha256 of the
file's bytes, its name and this format's version: an edited file, or a new release under the
same name, is parsed again. A cache that cannot be read or written is ignored (the file is
parsed as before).
"""

from __future__ import annotations

import hashlib
import marshal
from pathlib import Path
from typing import Any

from kg.errors import OutputError
from kg.ground.vocabulary import cache_dir
from kg.store.atomic import write_atomic

FORMAT = 2


def cache_key(path: Path) -> str:
    h = hashlib.sha256(f"kg-ontology-cache-{FORMAT}\x1f{path.name}\x1f".encode())
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()[:32]


def cache_file(key: str) -> Path:
    return cache_dir() / f"onto-{key}.marshal"


def read_cached(key: str) -> dict[str, Any] | None:
    """The tables stored under ``key``, or None when absent or unreadable."""
    try:
        data = marshal.loads(cache_file(key).read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    return data if isinstance(data, dict) and data.pop("format", None) == FORMAT else None


def write_cached(key: str, tables: dict[str, Any]) -> None:
    """Store ``tables`` under ``key`` (atomically; a failure only means no cache)."""
    target = cache_file(key)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, marshal.dumps({**tables, "format": FORMAT}))
    except (OSError, OutputError, ValueError):
        return
