"""write_dataset writes in one thread and hashes in another: what it reports is the file."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from kg.errors import OutputError
from kg.store.dataset import Block, _Sink, file_artifact, write_dataset


def _block(tmp_path: Path, i: int) -> Block:
    g = f"https://scidex.ai/kg/graph-{i:03d}"
    lines = [f'<urn:x:s{i}-{k}> <urn:x:p> "{k}" <{g}> .' for k in range(i % 7 + 1)]
    path = tmp_path / f"{i}.nq.gz"
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    return Block(graph=g, path=path, lines=(f"<urn:x:page{i}> <urn:x:by> <urn:x:act> <{g}> .",))


def test_the_artifact_is_the_file_written(tmp_path: Path) -> None:
    """More blocks than the threads may hold waiting: the sha256, size and line count reported
    are the written file's, and the spans cover it in order."""
    blocks = [_block(tmp_path, i) for i in range(5 * _Sink.AHEAD)]
    target = tmp_path / "dataset.nq"
    art = write_dataset(target, list(reversed(blocks)), activity="urn:x:act")
    actual = file_artifact(target)
    assert (art.sha256, art.size, art.quads) == (actual.sha256, actual.size, actual.quads)
    assert [s.graph for s in art.spans] == sorted(b.graph for b in blocks)
    assert art.spans[0].start == 0 and art.spans[-1].end == actual.size
    assert all(a.end == b.start for a, b in zip(art.spans, art.spans[1:], strict=False))


def test_a_failed_block_leaves_no_file(tmp_path: Path) -> None:
    blocks = [_block(tmp_path, i) for i in range(3)]
    blocks[1].path.write_bytes(b"not gzip")  # type: ignore[union-attr]
    target = tmp_path / "dataset.nq"
    with pytest.raises(OutputError):  # an OSError (BadGzipFile) raised in the loop
        write_dataset(target, blocks)
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
