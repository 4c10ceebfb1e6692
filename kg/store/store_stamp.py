"""``store.stamp.json``: what the build left in its store folder, so the next build need not
count the store's quads to know it is intact.

Counting 32.8 M quads (``len(store)``) takes 6–8 s, and every build checked the previous
store that way before trusting it (kg.store.integrity). RocksDB never rewrites a file in
place: opening the store for writing (``kg query --update``, a copy, a repair) adds, renames or
removes files, while reading it (``Store.read_only``) changes nothing. So the build records the
name, size and modification time of every file of the store it closed, with its quad count;
while the folder still lists exactly those files, the count stands. Any other state (no stamp,
a damaged stamp, one file different) means the store is counted, as before. RocksDB's own
text logs (``LOG``, ``LOG.old.*``) are left out: they say nothing about the data.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from kg.errors import OutputError
from kg.store.atomic import write_atomic

NAME = "store.stamp.json"


def stamp_path(store_dir: Path) -> Path:
    """The stamp of ``store_dir`` (links resolved: it sits beside the store, in its generation)."""
    return store_dir.resolve().parent / NAME


def files_digest(store_dir: Path) -> str | None:
    """A digest of the store folder's file names, sizes and modification times; None when
    the folder cannot be listed."""
    h = hashlib.sha256(b"kg-store-files-1")
    try:
        entries = sorted(
            (e.name, e.stat().st_size, e.stat().st_mtime_ns)
            for e in os.scandir(store_dir)
            if not (e.name == "LOG" or e.name.startswith("LOG.old"))
        )
    except OSError:
        return None
    for name, size, mtime in entries:
        h.update(f"\x1f{name}\x1e{size}\x1e{mtime}".encode())
    return h.hexdigest()


def write_stamp(store_dir: Path, quads: int) -> None:
    """Record the closed store at ``store_dir`` as holding ``quads`` quads. A failure to write
    only means the next build counts the store."""
    digest = files_digest(store_dir)
    if digest is None:
        return
    text = json.dumps({"format": 1, "files": digest, "quads": quads}, separators=(",", ":"))
    try:
        write_atomic(stamp_path(store_dir), text.encode("utf-8"))
    except (OSError, OutputError):
        return


def stamped_quads(store_dir: Path) -> int | None:
    """The quad count the stamp records, when the store's files are still those it describes;
    else None (count the store)."""
    try:
        data = json.loads(stamp_path(store_dir).read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != 1:
        return None
    quads = data.get("quads")
    if type(quads) is not int or data.get("files") != files_digest(store_dir):
        return None
    return quads
