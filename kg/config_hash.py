"""The configuration hash: everything besides a page that decides its graph.

The tool version, the shipped data files (lexicons, prefixes, the ontology module; not the
SHACL shapes, which check the graph but do not shape it) and the ontologies passed with
``--ontology``. A page's cache entry is reused only under the same hash.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

from kg import __version__


def config_digest(ontology_paths: Sequence[Path]) -> str:
    """The hex sha256 of the tool version, the shipped data and the given ontologies."""
    h = hashlib.sha256(__version__.encode())
    data = resources.files("kg").joinpath("data")
    for name in sorted(_walk(data)):
        h.update(name.encode())
        h.update(data.joinpath(name).read_bytes())
    for p in ontology_paths:
        h.update(hashlib.sha256(p.read_bytes()).hexdigest().encode())
    return h.hexdigest()


def _walk(root: Traversable, prefix: str = "") -> Iterable[str]:
    for entry in root.iterdir():
        name = f"{prefix}{entry.name}"
        if entry.is_dir():
            if entry.name != "shapes":
                yield from _walk(entry, name + "/")
        elif not entry.name.startswith("."):
            yield name
