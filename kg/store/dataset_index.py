"""``dataset.index.json``: where each graph of ``dataset.nq`` is, written beside it by the build.

Finding a graph in a 6 GB ``dataset.nq`` means parsing the whole file (kg.validate.source's
scan: about 10 s a million quads); the build already knows where it wrote each graph
(kg.store.dataset.Span), so it writes that down. Each entry is ``[graph, start, end, digest]``;
``digest`` says whether a graph's content is the one a reader saw before (validation keeps what
it derived from a graph under it: kg.validate.graph_summary).

The index describes one file: it records that file's size, sha256 and modification time, and
:func:`read_index` answers None (the reader scans the file instead) unless the file beside it is
still that file and the spans cover it exactly, in order. It is never trusted otherwise.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from kg.errors import OutputError
from kg.store.atomic import write_atomic
from kg.store.dataset import Artifact, Span

FORMAT = 1
NAME = "dataset.index.json"


def index_path(dataset: Path) -> Path:
    """The index of ``dataset`` (links resolved: it sits in the dataset's generation folder)."""
    return dataset.resolve().parent / NAME


def write_index(dataset: Path, artifact: Artifact) -> None:
    """Write the index of ``dataset`` (just written, as ``artifact`` says). A failure to
    write only means readers scan the file."""
    try:
        mtime = dataset.stat().st_mtime_ns
    except OSError:
        return
    data = {
        "format": FORMAT,
        "dataset": {"bytes": artifact.size, "sha256": artifact.sha256, "mtime_ns": mtime},
        "graphs": [[s.graph, s.start, s.end, s.digest] for s in artifact.spans],
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    try:
        write_atomic(index_path(dataset), text.encode("utf-8"))
    except (OSError, OutputError):
        return


def describes(dataset: Path, sha256: str) -> bool:
    """True when the index beside ``dataset`` was written for that very file (same size and
    modification time) and records the manifest's ``sha256``: the file is then the one the
    build wrote, without reading it (the way ``make`` and git trust a file's stat). A file
    rewritten in place gets a new modification time, so it is hashed again."""
    try:
        data = json.loads(index_path(dataset).read_bytes())
        stat = os.stat(dataset)
    except (OSError, ValueError):
        return False
    return _describes(data, stat.st_size, stat.st_mtime_ns, sha256)


def _describes(data: Any, size: int, mtime: int, sha256: str | None) -> bool:
    """Whether the index ``data`` was written for a file of this size and mtime (and, when
    given, this sha256)."""
    try:
        about = data["dataset"]
        return bool(
            data["format"] == FORMAT
            and about["bytes"] == size
            and about["mtime_ns"] == mtime
            and (sha256 is None or about["sha256"] == sha256)
        )
    except (KeyError, TypeError):
        return False


def read_index(dataset: Path, sha256: str | None = None) -> tuple[Span, ...] | None:
    """The spans of ``dataset``'s graphs, or None when there is no index, or it does not
    describe the file as it is (size, modification time, and ``sha256`` when given: the
    manifest's), or is damaged in any way."""
    try:
        data = json.loads(index_path(dataset).read_bytes())
        stat = os.stat(dataset)
    except (OSError, ValueError):
        return None
    try:
        return _spans(data, stat.st_size, stat.st_mtime_ns, sha256)
    except (KeyError, TypeError, ValueError):
        return None


def _spans(data: Any, size: int, mtime: int, sha256: str | None) -> tuple[Span, ...] | None:
    if not _describes(data, size, mtime, sha256):
        return None
    spans = []
    at = 0
    for graph, start, end, digest in data["graphs"]:
        if not (isinstance(graph, str) and isinstance(digest, str)):
            return None
        if type(start) is not int or type(end) is not int or start != at or end < start:
            return None
        spans.append(Span(graph, start, end, digest))
        at = end
    if at != size or len({s.graph for s in spans}) != len(spans):
        return None
    return tuple(spans)
